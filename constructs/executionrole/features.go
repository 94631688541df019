package executionrole

import (
	"github.com/aws/aws-cdk-go/awscdk/v2/awsdynamodb"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsefs"
	"github.com/aws/aws-cdk-go/awscdk/v2/awskinesis"
	"github.com/aws/aws-cdk-go/awscdk/v2/awssqs"

	"github.com/execrole/execrole/constructs/permissions"
)

// Feature is something a Lambda function does that its execution role must allow: write
// logs, send traces, join a VPC, poll a queue. Build one with the functions of this package
// (Tracing, VPC, SQS, ...) and pass it in ExecutionRoleProps.Features.
//
// A feature that works on resources takes the CDK construct (awssqs.IQueue, ...) or, for
// resources the app imports, their ARNs (tokens allowed). The construct's attributes are read
// only when the role is built, and only those the role's mode needs.
type Feature struct {
	id      permissions.ID
	arns    []string
	resolve func(leastPrivilege bool) (permissions.Use, error)
	// err is a mistake in the constructor's arguments (a nil construct), reported by the role
	// the feature is given to, with the role's construct path.
	err *permissions.Error
}

// ID is the feature's catalog id.
func (f Feature) ID() permissions.ID { return f.id }

func (f Feature) use(leastPrivilege bool) (permissions.Use, error) {
	if f.err != nil {
		return permissions.Use{}, f.err
	}
	var u permissions.Use
	if f.resolve != nil {
		var err error
		if u, err = f.resolve(leastPrivilege); err != nil {
			return permissions.Use{}, err
		}
	}
	u.Feature = f.id
	u.Resources = append(u.Resources, f.arns...)
	return u, nil
}

// failed is a feature of kind id whose arguments are wrong: the role it is given to panics
// with err.
func failed(id permissions.ID, err *permissions.Error) Feature { return Feature{id: id, err: err} }

func simple(id permissions.ID) Feature { return Feature{id: id} }

// Tracing lets the function send traces to AWS X-Ray (active tracing): AWSXRayDaemonWriteAccess.
func Tracing() Feature { return simple(permissions.Tracing) }

// VPC lets Lambda attach the function to a VPC's subnets: AWSLambdaVPCAccessExecutionRole.
func VPC() Feature { return simple(permissions.VPC) }

// VPCNetworkInterfaces is VPC without the logs actions: AWSLambdaENIManagementAccess.
func VPCNetworkInterfaces() Feature { return simple(permissions.VPCNetworkInterfaces) }

// Durable is the durable-functions policy, which replaces the basic logs policy:
// AWSLambdaBasicDurableExecutionRolePolicy.
func Durable() Feature { return simple(permissions.Durable) }

// Insights lets the Lambda Insights extension write its metrics:
// CloudWatchLambdaInsightsExecutionRolePolicy.
func Insights() Feature { return simple(permissions.Insights) }

// ApplicationSignals lets the function send CloudWatch Application Signals data:
// CloudWatchLambdaApplicationSignalsExecutionRolePolicy.
func ApplicationSignals() Feature { return simple(permissions.ApplicationSignals) }

const queueFix = "pass the awssqs.IQueue the function polls (awssqs.NewQueue, or awssqs.Queue_FromQueueArn), or its ARN with SQSArns"

// SQS lets Lambda poll queues for an event source mapping: AWSLambdaSQSQueueExecutionRole, or
// in least-privilege mode sqs:ReceiveMessage, sqs:DeleteMessage and sqs:GetQueueAttributes on
// the queues. In both modes, kms:Decrypt on a queue's customer managed key.
func SQS(queues ...awssqs.IQueue) Feature {
	if err := nilArgs("SQS", "queue", queueFix, queues); err != nil {
		return failed(permissions.SQS, err)
	}
	return Feature{id: permissions.SQS, resolve: func(lp bool) (permissions.Use, error) {
		var u permissions.Use
		for _, q := range queues {
			if lp {
				u.Resources = append(u.Resources, *q.QueueArn())
			}
			u.Keys = append(u.Keys, keyArns(q.EncryptionMasterKey())...)
		}
		return u, nil
	}}
}

// SQSArns is SQS for queues given by ARN.
func SQSArns(queueArns ...string) Feature { return Feature{id: permissions.SQS, arns: queueArns} }

// Kinesis lets Lambda read data streams for an event source mapping, with enhanced fan-out:
// AWSLambdaKinesisExecutionRole, or in least-privilege mode the read actions on the streams
// and their consumers. In both modes, kms:Decrypt on a stream's customer managed key.
func Kinesis(streams ...awskinesis.IStream) Feature {
	if err := nilArgs("Kinesis", "stream", "pass the awskinesis.IStream the function reads (awskinesis.NewStream, or awskinesis.Stream_FromStreamArn), or its ARN with KinesisArns", streams); err != nil {
		return failed(permissions.Kinesis, err)
	}
	return Feature{id: permissions.Kinesis, resolve: func(lp bool) (permissions.Use, error) {
		var u permissions.Use
		for _, s := range streams {
			if lp {
				u.Resources = append(u.Resources, *s.StreamArn())
			}
			u.Keys = append(u.Keys, keyArns(s.EncryptionKey())...)
		}
		return u, nil
	}}
}

// KinesisArns is Kinesis for streams given by ARN.
func KinesisArns(streamArns ...string) Feature {
	return Feature{id: permissions.Kinesis, arns: streamArns}
}

// DynamoDBStreams lets Lambda read tables' streams for an event source mapping:
// AWSLambdaDynamoDBExecutionRole, or in least-privilege mode the read actions on the table
// streams. Each table must have a stream, in both modes: a mapping cannot read a table
// without one.
func DynamoDBStreams(tables ...awsdynamodb.ITable) Feature {
	if err := nilArgs("DynamoDBStreams", "table", "pass the awsdynamodb.ITable whose stream the function reads (awsdynamodb.NewTable with Stream set), or its stream ARN with DynamoDBStreamArns", tables); err != nil {
		return failed(permissions.DynamoDBStreams, err)
	}
	return Feature{id: permissions.DynamoDBStreams, resolve: func(lp bool) (permissions.Use, error) {
		var u permissions.Use
		for _, t := range tables {
			arn := t.TableStreamArn()
			if arn == nil {
				return u, permissions.Errorf(permissions.ErrTableWithoutStream,
					"DynamoDBStreams: table %s has no stream: set Stream on the table (awsdynamodb.StreamViewType_NEW_AND_OLD_IMAGES, ...), import it with awsdynamodb.Table_FromTableAttributes and its TableStreamArn, or pass its stream ARN with DynamoDBStreamArns",
					*t.Node().Path())
			}
			if lp {
				u.Resources = append(u.Resources, *arn)
			}
		}
		return u, nil
	}}
}

// DynamoDBStreamArns is DynamoDBStreams for table streams given by ARN
// (arn:aws:dynamodb:region:account:table/name/stream/label).
func DynamoDBStreamArns(streamArns ...string) Feature {
	return Feature{id: permissions.DynamoDBStreams, arns: streamArns}
}

// MSKArns lets Lambda read Amazon MSK clusters, given by ARN, for an event source mapping:
// AWSLambdaMSKExecutionRole, or in least-privilege mode the kafka and network-interface
// actions scoped to the clusters.
func MSKArns(clusterArns ...string) Feature {
	return Feature{id: permissions.MSK, arns: clusterArns}
}

// EFS lets the function mount a file system for reading and writing:
// AmazonElasticFileSystemClientReadWriteAccess, or in least-privilege mode the client actions
// on the file system, limited to the access points when any are given.
func EFS(fileSystem awsefs.IFileSystem, accessPoints ...awsefs.IAccessPoint) Feature {
	err := nilArgs("EFS", "file system", "pass the awsefs.IFileSystem the function mounts (awsefs.NewFileSystem, or awsefs.FileSystem_FromFileSystemAttributes), or its ARN with EFSArns", []awsefs.IFileSystem{fileSystem})
	if err == nil {
		err = nilArgs("EFS", "access point", "pass the awsefs.IAccessPoint the function mounts through, or leave access points out", accessPoints)
	}
	if err != nil {
		return failed(permissions.EFS, err)
	}
	return Feature{id: permissions.EFS, resolve: func(lp bool) (permissions.Use, error) {
		var u permissions.Use
		if !lp {
			return u, nil
		}
		u.Resources = []string{*fileSystem.FileSystemArn()}
		for _, a := range accessPoints {
			u.AccessPoints = append(u.AccessPoints, *a.AccessPointArn())
		}
		return u, nil
	}}
}

// EFSArns is EFS for a file system and access points given by ARN.
func EFSArns(fileSystemArn string, accessPointArns ...string) Feature {
	return Feature{id: permissions.EFS, arns: []string{fileSystemArn}, resolve: func(bool) (permissions.Use, error) {
		return permissions.Use{AccessPoints: accessPointArns}, nil
	}}
}
