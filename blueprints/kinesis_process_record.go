package blueprints

import (
	"time"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awskinesis"
	"github.com/aws/aws-cdk-go/awscdk/v2/awslambda"
	"github.com/aws/constructs-go/constructs/v10"
	"github.com/aws/jsii-runtime-go"

	"github.com/execrole/execrole/constructs/executionrole"
)

// KinesisProcessRecordProps configures a KinesisProcessRecord blueprint.
type KinesisProcessRecordProps struct {
	// FunctionOptions are the settings of the blueprint's function. Default: - the
	// defaults of each of its fields.
	FunctionOptions
	// Stream is the data stream to read. Default: - a new stream with one shard.
	Stream awskinesis.IStream
	// BatchSize is the most records Lambda sends the function at once, 1 to 10,000.
	// Default: - 100.
	BatchSize int
	// StartingPosition is where in the stream Lambda starts reading.
	// Default: - awslambda.StartingPosition_LATEST.
	StartingPosition awslambda.StartingPosition
}

// KinesisProcessRecord is the kinesis-process-record blueprint: a Python function that reads
// an Amazon Kinesis data stream through an event source mapping, decodes each record
// (base64, JSON) and processes it, reporting the first failure so that Lambda retries from
// it. Its role holds the Kinesis feature (AWSLambdaKinesisExecutionRole, or the read actions
// on the stream in least-privilege mode).
type KinesisProcessRecord struct {
	constructs.Construct
	*Base
	// Stream is the stream the function reads.
	Stream awskinesis.IStream
	// EventSourceMapping connects the stream to the function.
	EventSourceMapping awslambda.EventSourceMapping
}

// NewKinesisProcessRecord creates a KinesisProcessRecord blueprint. Timeout 1 minute unless
// FunctionOptions sets it.
//
// The mapping is made with AddEventSourceMapping rather than an
// awslambdaeventsources.KinesisEventSource, which would grant the stream's read actions a
// second time: the role already holds them through the Kinesis feature.
func NewKinesisProcessRecord(scope constructs.Construct, id *string, props *KinesisProcessRecordProps) *KinesisProcessRecord {
	if props == nil {
		props = &KinesisProcessRecordProps{}
	}
	b := &KinesisProcessRecord{Base: &Base{}, Stream: props.Stream}
	constructs.NewConstruct_Override(b, scope, id)
	if b.Stream == nil {
		b.Stream = awskinesis.NewStream(b, jsii.String("Stream"), &awskinesis.StreamProps{ShardCount: jsii.Number(1)})
	}
	b.Base.build(b, props.FunctionOptions, spec{
		handler:     "kinesis_process_record",
		description: "kinesis-process-record blueprint: processes the records of a Kinesis data stream",
		features:    []executionrole.Feature{executionrole.Kinesis(b.Stream)},
		timeout:     time.Minute,
	})
	b.EventSourceMapping = b.Function.AddEventSourceMapping(jsii.String("KinesisEventSource"),
		streamMapping(*b.Stream.StreamArn(), props.BatchSize, props.StartingPosition))
	return b
}

// Name returns "kinesis-process-record".
func (b *KinesisProcessRecord) Name() string { return "kinesis-process-record" }

// NewKinesisProcessRecordStack creates a stack holding a KinesisProcessRecord blueprint with
// the id KinesisProcessRecord.
func NewKinesisProcessRecordStack(scope constructs.Construct, id string, props *StackProps[KinesisProcessRecordProps]) awscdk.Stack {
	return newStack(scope, id, props, "KinesisProcessRecord", NewKinesisProcessRecord)
}
