package executionrole

import (
	"github.com/aws/aws-cdk-go/awscdk/v2/awslambda"
	"github.com/aws/aws-cdk-go/awscdk/v2/awss3"
	"github.com/aws/aws-cdk-go/awscdk/v2/awssns"
	"github.com/aws/aws-cdk-go/awscdk/v2/awssqs"

	"github.com/execrole/execrole/constructs/permissions"
)

// OnFailureQueue is the on-failure destination of an event source mapping whose function has
// this role (awslambda.EventSourceMappingProps.OnFailure, or the OnFailure of a Kinesis,
// DynamoDB Streams or Kafka event source): records of failed batches go to queue.
//
// The role gains the DestinationQueue feature (sqs:SendMessage on the queue; kms:Decrypt and
// kms:GenerateDataKey on its customer managed key), and the destination grants nothing when it
// is bound. awslambdaeventsources.NewSqsDlq grants through queue.GrantSendMessages, which on
// an encrypted queue also allows kms:Encrypt, kms:ReEncrypt* and kms:GenerateDataKey*: more
// than Lambda needs, and findings for cdk-nag.
//
// Binding the destination to a mapping whose function does not use the role panics, naming
// both.
func (r *ExecutionRole) OnFailureQueue(queue awssqs.IQueue) awslambda.IEventSourceDlq {
	if isNil(queue) {
		failf(*r.Node().Path(), permissions.ErrNilArgument, "OnFailureQueue: queue is nil: pass the awssqs.IQueue that receives the records of failed batches")
	}
	r.AddFeatures(DestinationQueue(queue))
	return &onFailure{role: r, arn: queue.QueueArn(), kind: "queue"}
}

// OnFailureTopic is OnFailureQueue for an SNS topic: the role gains the DestinationTopic
// feature (sns:Publish on the topic; the key's kms actions), where
// awslambdaeventsources.NewSnsDlq grants through topic.GrantPublish.
func (r *ExecutionRole) OnFailureTopic(topic awssns.ITopic) awslambda.IEventSourceDlq {
	if isNil(topic) {
		failf(*r.Node().Path(), permissions.ErrNilArgument, "OnFailureTopic: topic is nil: pass the awssns.ITopic that receives the records of failed batches")
	}
	r.AddFeatures(DestinationTopic(topic))
	return &onFailure{role: r, arn: topic.TopicArn(), kind: "topic"}
}

// OnFailureBucket is OnFailureQueue for an S3 bucket (Kafka, Kinesis and DynamoDB Streams
// mappings): the role gains the DestinationBucket feature (s3:PutObject on the bucket's objects
// and s3:ListBucket on the bucket; the key's kms actions), where
// awslambdaeventsources.NewS3OnFailureDestination grants through bucket.GrantReadWrite, which
// also allows reading and deleting every object.
func (r *ExecutionRole) OnFailureBucket(bucket awss3.IBucket) awslambda.IEventSourceDlq {
	if isNil(bucket) {
		failf(*r.Node().Path(), permissions.ErrNilArgument, "OnFailureBucket: bucket is nil: pass the awss3.IBucket that receives the records of failed batches")
	}
	r.AddFeatures(DestinationBucket(bucket))
	return &onFailure{role: r, arn: bucket.BucketArn(), kind: "bucket"}
}

// onFailure is an on-failure destination that the role's features already allow.
type onFailure struct {
	role *ExecutionRole
	arn  *string
	kind string
}

// Bind returns the destination's ARN, after checking that the mapping's function has the role
// that allows it.
func (d *onFailure) Bind(target awslambda.IEventSourceMapping, handler awslambda.IFunction) *awslambda.DlqDestinationConfig {
	if handler != nil {
		if got, ok := handler.Role().(*ExecutionRole); !ok || got != d.role {
			failf(*target.Node().Path(), permissions.ErrOnFailureWrongRole,
				"its on-failure %s is allowed by role %s, but its function %s does not use that role: use OnFailure%s of the function's own ExecutionRole",
				d.kind, *d.role.Node().Path(), *handler.Node().Path(), title(d.kind))
		}
	}
	return &awslambda.DlqDestinationConfig{Destination: d.arn}
}

func title(s string) string {
	if s == "" {
		return s
	}
	return string(s[0]-'a'+'A') + s[1:]
}
