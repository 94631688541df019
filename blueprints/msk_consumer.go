package blueprints

import (
	"time"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awslambda"
	"github.com/aws/aws-cdk-go/awscdk/v2/awssecretsmanager"
	"github.com/aws/constructs-go/constructs/v10"
	"github.com/aws/jsii-runtime-go"

	"github.com/execrole/execrole/constructs/executionrole"
	"github.com/execrole/execrole/constructs/permissions"
)

// MskConsumerProps configures an MskConsumer blueprint.
type MskConsumerProps struct {
	// FunctionOptions are the settings of the blueprint's function. Default: - the
	// defaults of each of its fields.
	FunctionOptions
	// ClusterArn is the ARN of the Amazon MSK cluster to read
	// (arn:aws:kafka:region:account:cluster/name/uuid). Default: - none, it is required.
	ClusterArn string
	// Topic is the Kafka topic to read. Default: - none, it is required.
	Topic string
	// ConsumerGroupId is the Kafka consumer group the event source mapping joins.
	// Default: - a name derived from the construct's path, unique in the app.
	ConsumerGroupId string
	// Secret holds the SASL/SCRAM credentials Lambda authenticates with; the role may read
	// it (and decrypt it with its key). Without it, Lambda uses IAM access control: the role
	// may connect to the cluster, read the topic and use the consumer group, which needs a
	// literal ClusterArn. Default: - IAM access control.
	Secret awssecretsmanager.ISecret
	// BatchSize is the most records Lambda sends the function at once, 1 to 10,000.
	// Default: - 100.
	BatchSize int
	// StartingPosition is where in the topic Lambda starts reading a new consumer group.
	// Default: - awslambda.StartingPosition_TRIM_HORIZON.
	StartingPosition awslambda.StartingPosition
}

// MskConsumer is the Kafka consumer blueprint for Amazon MSK: a Python function that reads
// a topic through an MSK event source mapping and decodes each record (key, JSON or text
// value, headers). Its role holds the MSK feature (AWSLambdaMSKExecutionRole, or the cluster
// and network-interface actions in least-privilege mode) and the authentication it uses:
// the SASL/SCRAM secret, or the kafka-cluster actions on the cluster, topic and group.
type MskConsumer struct {
	constructs.Construct
	*Base
	// EventSourceMapping connects the topic to the function.
	EventSourceMapping awslambda.EventSourceMapping
}

// NewMskConsumer creates an MskConsumer blueprint. Timeout 1 minute unless FunctionOptions
// sets it. It panics if ClusterArn or Topic is empty, or if ClusterArn is a token and no
// Secret is given.
//
// The mapping is made with AddEventSourceMapping, with the options an
// awslambdaeventsources.ManagedKafkaEventSource would set, rather than with that event
// source, which attaches AWSLambdaMSKExecutionRole to the role even in least-privilege mode
// and grants kafka:DescribeCluster and kafka:GetBootstrapBrokers a second time.
func NewMskConsumer(scope constructs.Construct, id *string, props *MskConsumerProps) *MskConsumer {
	if props == nil {
		props = &MskConsumerProps{}
	}
	switch {
	case props.ClusterArn == "":
		fail(scope, id, "ClusterArn is empty: set it to the ARN of the Amazon MSK cluster (arn:aws:kafka:region:account:cluster/name/uuid)")
	case props.Topic == "":
		fail(scope, id, "Topic is empty: set it to the name of the Kafka topic to read")
	case props.Secret == nil && permissions.IsToken(props.ClusterArn):
		fail(scope, id, "ClusterArn %q is a token: IAM access control needs a literal ARN to scope the topic and consumer group to; pass the literal ARN, or a Secret for SASL/SCRAM", props.ClusterArn)
	}
	b := &MskConsumer{Base: &Base{}}
	constructs.NewConstruct_Override(b, scope, id)
	group := props.ConsumerGroupId
	if group == "" {
		group = *awscdk.Names_UniqueId(b)
	}
	feature := executionrole.MSKWithIAM(props.ClusterArn, []string{props.Topic}, []string{group})
	if props.Secret != nil {
		feature = executionrole.MSKWithSCRAM(props.ClusterArn, props.Secret)
	}
	b.Base.build(b, props.FunctionOptions, spec{
		handler:     "msk_consumer",
		description: "kafka consumer blueprint: processes the records of an Amazon MSK topic",
		features:    []executionrole.Feature{feature},
		timeout:     time.Minute,
	})
	batch := props.BatchSize
	if batch == 0 {
		batch = defaultBatchSize
	}
	start := props.StartingPosition
	if start == "" {
		start = awslambda.StartingPosition_TRIM_HORIZON
	}
	opts := &awslambda.EventSourceMappingOptions{
		EventSourceArn:       jsii.String(props.ClusterArn),
		KafkaTopic:           jsii.String(props.Topic),
		KafkaConsumerGroupId: jsii.String(group),
		BatchSize:            jsii.Number(batch),
		StartingPosition:     start,
	}
	if props.Secret != nil {
		opts.SourceAccessConfigurations = &[]*awslambda.SourceAccessConfiguration{{
			Type: awslambda.SourceAccessConfigurationType_SASL_SCRAM_512_AUTH(),
			Uri:  props.Secret.SecretArn(),
		}}
	}
	b.EventSourceMapping = b.Function.AddEventSourceMapping(jsii.String("KafkaEventSource"), opts)
	return b
}

// Name returns "kafka-consumer".
func (b *MskConsumer) Name() string { return "kafka-consumer" }

// NewMskConsumerStack creates a stack holding an MskConsumer blueprint with the id
// MskConsumer.
func NewMskConsumerStack(scope constructs.Construct, id string, props *StackProps[MskConsumerProps]) awscdk.Stack {
	return newStack(scope, id, props, "MskConsumer", NewMskConsumer)
}
