package executionrole

import (
	"github.com/aws/aws-cdk-go/awscdk/v2/awsevents"
	"github.com/aws/aws-cdk-go/awscdk/v2/awskms"
	"github.com/aws/aws-cdk-go/awscdk/v2/awslambda"
	"github.com/aws/aws-cdk-go/awscdk/v2/awss3"
	"github.com/aws/aws-cdk-go/awscdk/v2/awssecretsmanager"
	"github.com/aws/aws-cdk-go/awscdk/v2/awssns"
	"github.com/aws/aws-cdk-go/awscdk/v2/awssqs"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsssm"

	"github.com/execrole/execrole/constructs/permissions"
)

// FromArns builds any feature from the ARNs of its resources, for resources the app imports
// (tokens allowed): FromArns(permissions.DeadLetterQueue, "arn:aws:sqs:...").
func FromArns(id permissions.ID, arns ...string) Feature { return Feature{id: id, arns: arns} }

// secret returns a secret's ARN and its customer managed key's ARN, if any.
func secret(s awssecretsmanager.ISecret) (arn string, keys []string) {
	return *s.SecretArn(), keyArns(s.EncryptionKey())
}

// keyArns is the ARN of a resource's customer managed key, as a list: empty for none.
func keyArns(k awskms.IKey) []string {
	if k == nil {
		return nil
	}
	return []string{*k.KeyArn()}
}

// withCredentials is feature id on one resource whose clients authenticate with a secret.
func withCredentials(id permissions.ID, arn string, credentials awssecretsmanager.ISecret) Feature {
	return Feature{id: id, arns: []string{arn}, resolve: func(bool) permissions.Use {
		secretArn, keys := secret(credentials)
		return permissions.Use{Secrets: []string{secretArn}, Keys: keys}
	}}
}

// MQ lets Lambda read an Amazon MQ broker (ActiveMQ or RabbitMQ) for an event source
// mapping: mq:DescribeBroker on the broker, its credentials secret and key, and the
// network-interface actions Lambda uses to reach the broker's VPC.
func MQ(brokerArn string, credentials awssecretsmanager.ISecret) Feature {
	return withCredentials(permissions.MQ, brokerArn, credentials)
}

// SelfManagedKafka lets Lambda read a self-managed Apache Kafka cluster with the given
// credentials (nil for none); inVPC adds the network-interface actions for a cluster reached
// through the function's VPC.
func SelfManagedKafka(credentials awssecretsmanager.ISecret, inVPC bool) Feature {
	return Feature{id: permissions.Kafka, resolve: func(bool) permissions.Use {
		u := permissions.Use{InVPC: inVPC}
		if credentials != nil {
			arn, keys := secret(credentials)
			u.Secrets, u.Keys = []string{arn}, keys
		}
		return u
	}}
}

// DocumentDB lets Lambda read an Amazon DocumentDB cluster's change stream: rds:Describe*
// on the cluster, its credentials secret and key, and network interfaces in its VPC.
func DocumentDB(clusterArn string, credentials awssecretsmanager.ISecret) Feature {
	return withCredentials(permissions.DocumentDB, clusterArn, credentials)
}

// MSKWithSCRAM is MSKArns for a cluster whose clients authenticate with SASL/SCRAM: it adds
// the credentials secret and its key.
func MSKWithSCRAM(clusterArn string, credentials awssecretsmanager.ISecret) Feature {
	return withCredentials(permissions.MSK, clusterArn, credentials)
}

// MSKWithIAM is MSKArns for a cluster with IAM access control: kafka-cluster:Connect on the
// cluster, read access to the topics and the consumer groups' actions. clusterArn must be a
// literal ARN (arn:aws:kafka:region:account:cluster/name/uuid): topic and group ARNs are
// derived from it.
func MSKWithIAM(clusterArn string, topics, consumerGroups []string) Feature {
	return Feature{id: permissions.MSK, arns: []string{clusterArn}, resolve: func(bool) permissions.Use {
		return permissions.Use{Topics: topics, Groups: consumerGroups}
	}}
}

func queueTarget(id permissions.ID, q awssqs.IQueue) Feature {
	return Feature{id: id, resolve: func(bool) permissions.Use {
		u := permissions.Use{Resources: []string{*q.QueueArn()}}
		u.Keys = keyArns(q.EncryptionMasterKey())
		return u
	}}
}

func topicTarget(id permissions.ID, t awssns.ITopic) Feature {
	return Feature{id: id, resolve: func(bool) permissions.Use {
		u := permissions.Use{Resources: []string{*t.TopicArn()}}
		u.Keys = keyArns(t.MasterKey())
		return u
	}}
}

// DeadLetterQueue lets Lambda send events that failed asynchronous invocation to queue
// (sqs:SendMessage; kms:GenerateDataKey and kms:Decrypt on its customer managed key).
func DeadLetterQueue(queue awssqs.IQueue) Feature {
	return queueTarget(permissions.DeadLetterQueue, queue)
}

// DeadLetterTopic lets Lambda publish events that failed asynchronous invocation to topic.
func DeadLetterTopic(topic awssns.ITopic) Feature {
	return topicTarget(permissions.DeadLetterTopic, topic)
}

// DestinationQueue lets Lambda send invocation records to queue: an asynchronous invocation
// destination or an event source mapping's on-failure destination.
func DestinationQueue(queue awssqs.IQueue) Feature {
	return queueTarget(permissions.DestinationQueue, queue)
}

// DestinationTopic lets Lambda publish invocation records to topic.
func DestinationTopic(topic awssns.ITopic) Feature {
	return topicTarget(permissions.DestinationTopic, topic)
}

// DestinationFunction lets Lambda invoke fn with invocation records (lambda:InvokeFunction).
func DestinationFunction(fn awslambda.IFunction) Feature {
	return Feature{id: permissions.DestinationFunction, resolve: func(bool) permissions.Use {
		return permissions.Use{Resources: []string{*fn.FunctionArn()}}
	}}
}

// DestinationEventBus lets Lambda put invocation records on bus (events:PutEvents).
func DestinationEventBus(bus awsevents.IEventBus) Feature {
	return Feature{id: permissions.DestinationEventBus, resolve: func(bool) permissions.Use {
		return permissions.Use{Resources: []string{*bus.EventBusArn()}}
	}}
}

// DestinationBucket lets Lambda write invocation records to bucket: s3:PutObject on its
// objects and s3:ListBucket on the bucket (on-failure destinations of Kafka, Kinesis and
// DynamoDB event source mappings).
func DestinationBucket(bucket awss3.IBucket) Feature {
	return Feature{id: permissions.DestinationBucket, resolve: func(bool) permissions.Use {
		u := permissions.Use{Resources: []string{*bucket.BucketArn()}}
		u.Keys = keyArns(bucket.EncryptionKey())
		return u
	}}
}

// EnvironmentKey lets Lambda decrypt the function's environment variables encrypted with key
// (awslambda.FunctionProps.EnvironmentEncryption).
func EnvironmentKey(key awskms.IKey) Feature {
	return Feature{id: permissions.EnvironmentKey, resolve: func(bool) permissions.Use {
		return permissions.Use{Resources: []string{*key.KeyArn()}}
	}}
}

// Edge makes the role usable by a Lambda@Edge function: it also trusts
// edgelambda.amazonaws.com, and least-privilege logs go to /aws/lambda/us-east-1.<name> in
// every region the function replicates to.
func Edge() Feature { return simple(permissions.Edge) }

// ParametersAndSecrets lets the AWS Parameters and Secrets Lambda Extension read parameters
// and secrets: ssm:GetParameter(s), secretsmanager:GetSecretValue, and kms:Decrypt on the
// secrets' customer managed keys.
func ParametersAndSecrets(parameters []awsssm.IParameter, secrets []awssecretsmanager.ISecret) Feature {
	return Feature{id: permissions.ParametersAndSecrets, resolve: func(bool) permissions.Use {
		var u permissions.Use
		for _, p := range parameters {
			u.Parameters = append(u.Parameters, *p.ParameterArn())
		}
		for _, s := range secrets {
			arn, keys := secret(s)
			u.Secrets = append(u.Secrets, arn)
			u.Keys = append(u.Keys, keys...)
		}
		// The feature's own resources are what it reads: make its Needs check see them.
		u.Resources = append(append([]string{}, u.Parameters...), u.Secrets...)
		return u
	}}
}
