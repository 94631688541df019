package permissions_test

import (
	"testing"

	"github.com/execrole/execrole/constructs/permissions"
)

// TestResolveChecksResourceShapes gives each feature that takes resources ARNs of the right
// form, near misses (a table for its stream, a stream consumer for its stream) and ARNs of
// another form. Literal ARNs are checked in both modes; tokens, whole or in part, pass.
func TestResolveChecksResourceShapes(t *testing.T) {
	tests := []struct {
		name    string
		feature permissions.ID
		give    string
		want    string // "" when the ARN is accepted
	}{
		// DynamoDB Streams.
		{"a table stream", permissions.DynamoDBStreams, tableStreamARN, ""},
		{"a table stream whose label is a token", permissions.DynamoDBStreams, "arn:aws:dynamodb:us-east-1:123456789012:table/orders/stream/${Token[TOKEN.1]}", ""},
		{"a table stream in the role's own region and account", permissions.DynamoDBStreams, permissions.ARN("dynamodb", "table/orders/stream/2024-01-01T00:00:00.000"), ""},
		{"fails if a dynamodb streams ARN is the table's", permissions.DynamoDBStreams, "arn:aws:dynamodb:us-east-1:123456789012:table/orders",
			`feature "dynamodb-streams": "arn:aws:dynamodb:us-east-1:123456789012:table/orders" is a table, not its stream: pass the stream ARN (arn:aws:dynamodb:<region>:<account>:table/<name>/stream/<label>)`},
		{"fails if a dynamodb streams ARN is an index's", permissions.DynamoDBStreams, "arn:aws:dynamodb:us-east-1:123456789012:table/orders/index/byDate",
			`feature "dynamodb-streams": "arn:aws:dynamodb:us-east-1:123456789012:table/orders/index/byDate" does not name a stream: pass the stream ARN (arn:aws:dynamodb:<region>:<account>:table/<name>/stream/<label>)`},
		// Kinesis.
		{"a stream", permissions.Kinesis, streamARN, ""},
		{"fails if a kinesis ARN is a stream consumer", permissions.Kinesis, "arn:aws:kinesis:us-east-1:123456789012:stream/x/consumer/c:1",
			`feature "kinesis": "arn:aws:kinesis:us-east-1:123456789012:stream/x/consumer/c:1" is a stream consumer, not its stream: pass the stream ARN (arn:aws:kinesis:<region>:<account>:stream/<name>)`},
		{"fails if a kinesis ARN is a firehose delivery stream", permissions.Kinesis, "arn:aws:firehose:us-east-1:123456789012:deliverystream/clicks",
			`feature "kinesis": "arn:aws:firehose:us-east-1:123456789012:deliverystream/clicks" is an ARN of service firehose, not kinesis: pass the stream ARN (arn:aws:kinesis:<region>:<account>:stream/<name>)`},
		// SQS.
		{"a queue", permissions.SQS, queueARN, ""},
		{"a FIFO queue", permissions.SQS, "arn:aws:sqs:us-east-1:123456789012:orders.fifo", ""},
		{"fails if a queue ARN has a slash", permissions.SQS, "arn:aws:sqs:us-east-1:123456789012:orders/dlq",
			`feature "sqs": "arn:aws:sqs:us-east-1:123456789012:orders/dlq" does not name a queue: pass the queue ARN (arn:aws:sqs:<region>:<account>:<queue-name>)`},
		{"fails if a queue ARN has no account", permissions.SQS, "arn:aws:sqs:us-east-1::orders",
			`feature "sqs": "arn:aws:sqs:us-east-1::orders" does not name a queue: pass the queue ARN (arn:aws:sqs:<region>:<account>:<queue-name>)`},
		{"fails if a dead-letter queue ARN is a topic's", permissions.DeadLetterQueue, topicARN,
			`feature "dead-letter-queue": "arn:aws:sns:us-east-1:123456789012:orders" is an ARN of service sns, not sqs: pass the queue ARN (arn:aws:sqs:<region>:<account>:<queue-name>)`},
		// MSK.
		{"an msk cluster", permissions.MSK, clusterARN, ""},
		{"fails if an msk ARN has no cluster uuid", permissions.MSK, "arn:aws:kafka:us-east-1:123456789012:cluster/events",
			`feature "msk": "arn:aws:kafka:us-east-1:123456789012:cluster/events" does not name a cluster: pass the cluster ARN (arn:aws:kafka:<region>:<account>:cluster/<name>/<uuid>)`},
		{"fails if an msk ARN is a topic", permissions.MSK, "arn:aws:kafka:us-east-1:123456789012:topic/events/0b7f6a0e/orders",
			`feature "msk": "arn:aws:kafka:us-east-1:123456789012:topic/events/0b7f6a0e/orders" is a topic, not its cluster: pass the cluster ARN (arn:aws:kafka:<region>:<account>:cluster/<name>/<uuid>)`},
		// EFS.
		{"a file system", permissions.EFS, fileSystemARN, ""},
		{"fails if an efs ARN is an access point", permissions.EFS, accessPointARN,
			`feature "efs": "arn:aws:elasticfilesystem:us-east-1:123456789012:access-point/fsap-0123456789abcdef0" is an access point, not a file system: pass the file system ARN (arn:aws:elasticfilesystem:<region>:<account>:file-system/fs-<id>)`},
		{"fails if an efs file system id lacks fs-", permissions.EFS, "arn:aws:elasticfilesystem:us-east-1:123456789012:file-system/orders",
			`feature "efs": "arn:aws:elasticfilesystem:us-east-1:123456789012:file-system/orders" does not name a file system: pass the file system ARN (arn:aws:elasticfilesystem:<region>:<account>:file-system/fs-<id>)`},
		// Amazon MQ.
		{"an mq broker", permissions.MQ, "arn:aws:mq:us-east-1:123456789012:broker:orders:b-1234a5b6-78cd-901e-2fab-3c45d6e178f9", ""},
		{"fails if an mq ARN has no broker id", permissions.MQ, "arn:aws:mq:us-east-1:123456789012:broker:orders",
			`feature "mq": "arn:aws:mq:us-east-1:123456789012:broker:orders" does not name a broker: pass the broker ARN (arn:aws:mq:<region>:<account>:broker:<name>:<id>)`},
		// DocumentDB.
		{"a documentdb cluster", permissions.DocumentDB, "arn:aws:rds:us-east-1:123456789012:cluster:orders", ""},
		{"fails if a documentdb ARN is an instance", permissions.DocumentDB, "arn:aws:rds:us-east-1:123456789012:db:orders-1",
			`feature "documentdb": "arn:aws:rds:us-east-1:123456789012:db:orders-1" is an instance, not its cluster: pass the cluster ARN (arn:aws:rds:<region>:<account>:cluster:<name>)`},
		// S3.
		{"a bucket", permissions.DestinationBucket, "arn:aws:s3:::orders-failures", ""},
		{"a bucket in the role's partition", permissions.DestinationBucket, "arn:${AWS::Partition}:s3:::orders-failures", ""},
		{"fails if a bucket ARN has a region and an account", permissions.DestinationBucket, "arn:aws:s3:us-east-1:123456789012:orders-failures",
			`feature "destination-bucket": "arn:aws:s3:us-east-1:123456789012:orders-failures" does not name a bucket: pass the bucket ARN (arn:aws:s3:::<bucket>)`},
		{"fails if a bucket ARN is an object's", permissions.DestinationBucket, "arn:aws:s3:::orders-failures/records",
			`feature "destination-bucket": "arn:aws:s3:::orders-failures/records" is an object, not its bucket: pass the bucket ARN (arn:aws:s3:::<bucket>)`},
		// EventBridge.
		{"an event bus", permissions.DestinationEventBus, "arn:aws:events:us-east-1:123456789012:event-bus/orders", ""},
		{"fails if an event bus ARN is a rule's", permissions.DestinationEventBus, "arn:aws:events:us-east-1:123456789012:rule/orders",
			`feature "destination-event-bus": "arn:aws:events:us-east-1:123456789012:rule/orders" is a rule, not an event bus: pass the event bus ARN (arn:aws:events:<region>:<account>:event-bus/<name>)`},
		// Lambda.
		{"a function", permissions.DestinationFunction, "arn:aws:lambda:us-east-1:123456789012:function:orders-failures", ""},
		{"a function version", permissions.DestinationFunction, "arn:aws:lambda:us-east-1:123456789012:function:orders-failures:$LATEST", ""},
		{"fails if a function ARN is a layer's", permissions.DestinationFunction, "arn:aws:lambda:us-east-1:123456789012:layer:orders:1",
			`feature "destination-function": "arn:aws:lambda:us-east-1:123456789012:layer:orders:1" does not name a function: pass the function ARN (arn:aws:lambda:<region>:<account>:function:<name>[:<qualifier>])`},
		// KMS.
		{"a key", permissions.EnvironmentKey, keyARN, ""},
		{"fails if an environment key is an alias", permissions.EnvironmentKey, "arn:aws:kms:us-east-1:123456789012:alias/orders",
			`feature "environment-key": "arn:aws:kms:us-east-1:123456789012:alias/orders" is a key alias, not a key: pass the key ARN (arn:aws:kms:<region>:<account>:key/<key-id>)`},
		// Tokens.
		{"a token for the whole ARN", permissions.DynamoDBStreams, "${Token[TOKEN.1]}", ""},
		{"a token for the service", permissions.SQS, "arn:aws:${Token[TOKEN.1]}:us-east-1:123456789012:orders", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			for _, leastPrivilege := range []bool{false, true} {
				_, err := permissions.Resolve(permissions.Request{
					Uses:           []permissions.Use{{Feature: tt.feature, Resources: []string{tt.give}, Secrets: []string{secretARN}}},
					LeastPrivilege: leastPrivilege, FunctionNames: []string{"orders"},
				})
				switch {
				case tt.want == "" && err != nil:
					t.Errorf("least privilege %t: %v", leastPrivilege, err)
				case tt.want != "" && (err == nil || permissions.Message(err) != tt.want):
					t.Errorf("least privilege %t: error\n got  %v\n want %s", leastPrivilege, err, tt.want)
				}
			}
		})
	}
}
