package blueprints

import (
	"time"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsdynamodb"
	"github.com/aws/aws-cdk-go/awscdk/v2/awslambda"
	"github.com/aws/constructs-go/constructs/v10"
	"github.com/aws/jsii-runtime-go"

	"github.com/execrole/execrole/constructs/executionrole"
)

// DynamoDBProcessStreamProps configures a DynamoDBProcessStream blueprint.
type DynamoDBProcessStreamProps struct {
	// FunctionOptions are the settings of the blueprint's function. Default: - the
	// defaults of each of its fields.
	FunctionOptions
	// Table is the table whose stream the function reads; it must have a stream (for an
	// imported table, set TableStreamArn in awsdynamodb.Table_FromTableAttributes).
	// Default: - a new on-demand table with the string partition key "id" and a stream of
	// new and old images.
	Table awsdynamodb.ITable
	// BatchSize is the most records Lambda sends the function at once, 1 to 10,000.
	// Default: - 100.
	BatchSize int
	// StartingPosition is where in the stream Lambda starts reading.
	// Default: - awslambda.StartingPosition_LATEST.
	StartingPosition awslambda.StartingPosition
}

// DynamoDBProcessStream is the dynamodb-process-stream blueprint: a Python function that
// reads an Amazon DynamoDB table's stream through an event source mapping and processes each
// change (event, keys, new and old images as plain values), reporting the first failure so
// that Lambda retries from it. Its role holds the DynamoDB Streams feature
// (AWSLambdaDynamoDBExecutionRole, or the stream read actions on the table's stream in
// least-privilege mode).
type DynamoDBProcessStream struct {
	constructs.Construct
	*Base
	// Table is the table whose stream the function reads.
	Table awsdynamodb.ITable
	// EventSourceMapping connects the table's stream to the function.
	EventSourceMapping awslambda.EventSourceMapping
}

// NewDynamoDBProcessStream creates a DynamoDBProcessStream blueprint. Timeout 1 minute
// unless FunctionOptions sets it. It panics if Table has no stream.
//
// The mapping is made with AddEventSourceMapping rather than an
// awslambdaeventsources.DynamoEventSource, which would grant the stream's read actions a
// second time: the role already holds them through the DynamoDB Streams feature.
func NewDynamoDBProcessStream(scope constructs.Construct, id *string, props *DynamoDBProcessStreamProps) *DynamoDBProcessStream {
	if props == nil {
		props = &DynamoDBProcessStreamProps{}
	}
	b := &DynamoDBProcessStream{Base: &Base{}, Table: props.Table}
	if b.Table != nil && b.Table.TableStreamArn() == nil {
		fail(scope, id, "table %s has no stream: set Stream on the table (awsdynamodb.StreamViewType_NEW_AND_OLD_IMAGES) or, for an imported table, TableStreamArn", *b.Table.Node().Path())
	}
	constructs.NewConstruct_Override(b, scope, id)
	if b.Table == nil {
		b.Table = awsdynamodb.NewTable(b, jsii.String("Table"), &awsdynamodb.TableProps{
			PartitionKey: &awsdynamodb.Attribute{Name: jsii.String("id"), Type: awsdynamodb.AttributeType_STRING},
			BillingMode:  awsdynamodb.BillingMode_PAY_PER_REQUEST,
			Stream:       awsdynamodb.StreamViewType_NEW_AND_OLD_IMAGES,
		})
	}
	b.Base.build(b, props.FunctionOptions, spec{
		handler:     "dynamodb_process_stream",
		description: "dynamodb-process-stream blueprint: processes the changes of a DynamoDB table",
		features:    []executionrole.Feature{executionrole.DynamoDBStreams(b.Table)},
		timeout:     time.Minute,
	})
	b.EventSourceMapping = b.Function.AddEventSourceMapping(jsii.String("DynamoDBEventSource"),
		streamMapping(*b.Table.TableStreamArn(), props.BatchSize, props.StartingPosition))
	return b
}

// Name returns "dynamodb-process-stream".
func (b *DynamoDBProcessStream) Name() string { return "dynamodb-process-stream" }

// NewDynamoDBProcessStreamStack creates a stack holding a DynamoDBProcessStream blueprint
// with the id DynamoDBProcessStream.
func NewDynamoDBProcessStreamStack(scope constructs.Construct, id string, props *StackProps[DynamoDBProcessStreamProps]) awscdk.Stack {
	return newStack(scope, id, props, "DynamoDBProcessStream", NewDynamoDBProcessStream)
}
