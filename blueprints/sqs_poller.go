package blueprints

import (
	"time"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awslambda"
	"github.com/aws/aws-cdk-go/awscdk/v2/awssqs"
	"github.com/aws/constructs-go/constructs/v10"
	"github.com/aws/jsii-runtime-go"

	"github.com/execrole/execrole/constructs/executionrole"
)

// SqsPollerProps configures an SqsPoller blueprint.
type SqsPollerProps struct {
	// FunctionOptions are the settings of the blueprint's function. Default: - the
	// defaults of each of its fields.
	FunctionOptions
	// Queue is the queue to poll. Its visibility timeout should be at least six times the
	// function's timeout, as the Lambda Developer Guide advises.
	// Default: - a new queue, with a visibility timeout of six times the function's timeout
	// and a dead-letter queue.
	Queue awssqs.IQueue
	// MaxReceiveCount is how many times a message is received before the new queue moves it
	// to its dead-letter queue. Ignored when Queue is set. Default: - 3.
	MaxReceiveCount int
	// BatchSize is the most messages Lambda sends the function at once, 1 to 10,000
	// (above 10 needs MaxBatchingWindow). Default: - 10.
	BatchSize int
	// MaxBatchingWindow is how long Lambda gathers messages before it invokes the function,
	// up to 5 minutes. Default: - no batching window.
	MaxBatchingWindow time.Duration
}

// SqsPoller is the sqs-poller blueprint: a Python function that consumes an Amazon SQS
// queue through an event source mapping, processes each message and reports the ones that
// failed (partial batch response). Its role holds the SQS feature
// (AWSLambdaSQSQueueExecutionRole, or ReceiveMessage, DeleteMessage and GetQueueAttributes
// on the queue in least-privilege mode).
type SqsPoller struct {
	constructs.Construct
	*Base
	// Queue is the queue the function polls.
	Queue awssqs.IQueue
	// DeadLetterQueue is the new queue's dead-letter queue; nil when Queue was given.
	DeadLetterQueue awssqs.Queue
	// EventSourceMapping connects the queue to the function.
	EventSourceMapping awslambda.EventSourceMapping
}

// sqsPollerTimeout is the function's default timeout.
const sqsPollerTimeout = 30 * time.Second

// NewSqsPoller creates an SqsPoller blueprint. Timeout 30 seconds unless FunctionOptions
// sets it.
//
// The mapping is made with AddEventSourceMapping rather than an
// awslambdaeventsources.SqsEventSource, which would grant the queue's consume actions a
// second time: the role already holds them through the SQS feature.
func NewSqsPoller(scope constructs.Construct, id *string, props *SqsPollerProps) *SqsPoller {
	if props == nil {
		props = &SqsPollerProps{}
	}
	b := &SqsPoller{Base: &Base{}, Queue: props.Queue}
	constructs.NewConstruct_Override(b, scope, id)
	timeout := props.timeoutOr(sqsPollerTimeout)
	if b.Queue == nil {
		receives := props.MaxReceiveCount
		if receives == 0 {
			receives = 3
		}
		b.DeadLetterQueue = awssqs.NewQueue(b, jsii.String("DeadLetterQueue"), &awssqs.QueueProps{
			RetentionPeriod: awscdk.Duration_Days(jsii.Number(14)),
			EnforceSSL:      jsii.Bool(true),
		})
		b.Queue = awssqs.NewQueue(b, jsii.String("Queue"), &awssqs.QueueProps{
			VisibilityTimeout: duration(6 * timeout),
			EnforceSSL:        jsii.Bool(true),
			DeadLetterQueue:   &awssqs.DeadLetterQueue{Queue: b.DeadLetterQueue, MaxReceiveCount: jsii.Number(receives)},
		})
	}
	b.Base.build(b, props.FunctionOptions, spec{
		handler:     "sqs_poller",
		description: "sqs-poller blueprint: processes the messages of an SQS queue",
		features:    []executionrole.Feature{executionrole.SQS(b.Queue)},
		timeout:     sqsPollerTimeout,
	})
	batch := props.BatchSize
	if batch == 0 {
		batch = 10
	}
	opts := &awslambda.EventSourceMappingOptions{
		EventSourceArn:          b.Queue.QueueArn(),
		BatchSize:               jsii.Number(batch),
		ReportBatchItemFailures: jsii.Bool(true),
	}
	if props.MaxBatchingWindow != 0 {
		opts.MaxBatchingWindow = duration(props.MaxBatchingWindow)
	}
	b.EventSourceMapping = b.Function.AddEventSourceMapping(jsii.String("SqsEventSource"), opts)
	return b
}

// Name returns "sqs-poller".
func (b *SqsPoller) Name() string { return "sqs-poller" }

// NewSqsPollerStack creates a stack holding an SqsPoller blueprint with the id SqsPoller.
func NewSqsPollerStack(scope constructs.Construct, id string, props *StackProps[SqsPollerProps]) awscdk.Stack {
	return newStack(scope, id, props, "SqsPoller", NewSqsPoller)
}
