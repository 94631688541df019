package blueprints

import (
	"time"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awssns"
	"github.com/aws/aws-cdk-go/awscdk/v2/awssnssubscriptions"
	"github.com/aws/constructs-go/constructs/v10"
	"github.com/aws/jsii-runtime-go"
)

// SnsMessageProps configures an SnsMessage blueprint.
type SnsMessageProps struct {
	// FunctionOptions are the settings of the blueprint's function. Default: - the
	// defaults of each of its fields.
	FunctionOptions
	// Topic is the topic the function subscribes to. Default: - a new topic that accepts
	// only TLS requests.
	Topic awssns.ITopic
	// FilterPolicy selects, by message attribute, the messages the function receives.
	// Default: - every message.
	FilterPolicy map[string]awssns.SubscriptionFilter
}

// SnsMessage is the sns-message blueprint: a Python function subscribed to an Amazon SNS
// topic that logs each notification (subject, message parsed when JSON, attributes). SNS
// invokes the function through its resource-based policy, so the role holds the basic logs
// permissions only.
type SnsMessage struct {
	constructs.Construct
	*Base
	// Topic is the topic the function subscribes to.
	Topic awssns.ITopic
}

// NewSnsMessage creates an SnsMessage blueprint. Timeout 10 seconds unless FunctionOptions
// sets it.
func NewSnsMessage(scope constructs.Construct, id *string, props *SnsMessageProps) *SnsMessage {
	if props == nil {
		props = &SnsMessageProps{}
	}
	b := &SnsMessage{Base: &Base{}, Topic: props.Topic}
	constructs.NewConstruct_Override(b, scope, id)
	if b.Topic == nil {
		b.Topic = awssns.NewTopic(b, jsii.String("Topic"), &awssns.TopicProps{EnforceSSL: jsii.Bool(true)})
	}
	b.Base.build(b, props.FunctionOptions, spec{
		handler:     "sns_message",
		description: "sns-message blueprint: processes the notifications of an SNS topic",
		timeout:     10 * time.Second,
	})
	var sp *awssnssubscriptions.LambdaSubscriptionProps
	if len(props.FilterPolicy) > 0 {
		sp = &awssnssubscriptions.LambdaSubscriptionProps{FilterPolicy: &props.FilterPolicy}
	}
	b.Topic.AddSubscription(awssnssubscriptions.NewLambdaSubscription(b.Function, sp))
	return b
}

// Name returns "sns-message".
func (b *SnsMessage) Name() string { return "sns-message" }

// NewSnsMessageStack creates a stack holding an SnsMessage blueprint with the id SnsMessage.
func NewSnsMessageStack(scope constructs.Construct, id string, props *StackProps[SnsMessageProps]) awscdk.Stack {
	return newStack(scope, id, props, "SnsMessage", NewSnsMessage)
}
