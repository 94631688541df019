package blueprints

import (
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/assertions"
	"github.com/aws/aws-cdk-go/awscdk/v2/awscloudfrontorigins"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsdynamodb"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsec2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awskinesis"
	"github.com/aws/aws-cdk-go/awscdk/v2/awss3"
	"github.com/aws/aws-cdk-go/awscdk/v2/awssecretsmanager"
	"github.com/aws/aws-cdk-go/awscdk/v2/awssns"
	"github.com/aws/aws-cdk-go/awscdk/v2/awssqs"
	"github.com/aws/jsii-runtime-go"
)

const (
	testClusterArn = "arn:aws:kafka:us-east-1:111122223333:cluster/orders/abcd1234-5678-90ab-cdef-1234567890ab-1"
	basicPolicy    = "service-role/AWSLambdaBasicExecutionRole"
	lambdaService  = "lambda.amazonaws.com"
)

// blueprintStack is a row of the catalog the tests run over: how to build a blueprint's
// stack, with the stack id id, in either mode, and the construct id the stack gives the
// blueprint.
type blueprintStack struct {
	id    string
	build func(app awscdk.App, id string, o FunctionOptions) awscdk.Stack
}

var (
	helloWorld = blueprintStack{"HelloWorld", func(app awscdk.App, id string, o FunctionOptions) awscdk.Stack {
		return NewHelloWorldStack(app, id, &StackProps[HelloWorldProps]{Blueprint: HelloWorldProps{FunctionOptions: o}})
	}}
	sqsPoller = blueprintStack{"SqsPoller", func(app awscdk.App, id string, o FunctionOptions) awscdk.Stack {
		return NewSqsPollerStack(app, id, &StackProps[SqsPollerProps]{Blueprint: SqsPollerProps{FunctionOptions: o}})
	}}
	kinesisProcessRecord = blueprintStack{"KinesisProcessRecord", func(app awscdk.App, id string, o FunctionOptions) awscdk.Stack {
		return NewKinesisProcessRecordStack(app, id, &StackProps[KinesisProcessRecordProps]{Blueprint: KinesisProcessRecordProps{FunctionOptions: o}})
	}}
	dynamoDBProcessStream = blueprintStack{"DynamoDBProcessStream", func(app awscdk.App, id string, o FunctionOptions) awscdk.Stack {
		return NewDynamoDBProcessStreamStack(app, id, &StackProps[DynamoDBProcessStreamProps]{Blueprint: DynamoDBProcessStreamProps{FunctionOptions: o}})
	}}
	mskConsumer = blueprintStack{"MskConsumer", func(app awscdk.App, id string, o FunctionOptions) awscdk.Stack {
		return NewMskConsumerStack(app, id, &StackProps[MskConsumerProps]{Blueprint: MskConsumerProps{FunctionOptions: o, ClusterArn: testClusterArn, Topic: "orders", ConsumerGroupId: "billing"}})
	}}
	s3GetObject = blueprintStack{"S3GetObject", func(app awscdk.App, id string, o FunctionOptions) awscdk.Stack {
		return NewS3GetObjectStack(app, id, &StackProps[S3GetObjectProps]{Blueprint: S3GetObjectProps{FunctionOptions: o, Suffix: ".jpg"}})
	}}
	snsMessage = blueprintStack{"SnsMessage", func(app awscdk.App, id string, o FunctionOptions) awscdk.Stack {
		return NewSnsMessageStack(app, id, &StackProps[SnsMessageProps]{Blueprint: SnsMessageProps{FunctionOptions: o}})
	}}
	microserviceHttpEndpoint = blueprintStack{"MicroserviceHttpEndpoint", func(app awscdk.App, id string, o FunctionOptions) awscdk.Stack {
		return NewMicroserviceHttpEndpointStack(app, id, &StackProps[MicroserviceHttpEndpointProps]{Blueprint: MicroserviceHttpEndpointProps{FunctionOptions: o}})
	}}
	edgeViewerRequest = blueprintStack{"EdgeViewerRequest", func(app awscdk.App, id string, o FunctionOptions) awscdk.Stack {
		return NewEdgeViewerRequestStack(app, id, &StackProps[EdgeViewerRequestProps]{Blueprint: EdgeViewerRequestProps{FunctionOptions: o}})
	}}
	scheduledCanary = blueprintStack{"ScheduledCanary", func(app awscdk.App, id string, o FunctionOptions) awscdk.Stack {
		return NewScheduledCanaryStack(app, id, &StackProps[ScheduledCanaryProps]{Blueprint: ScheduledCanaryProps{FunctionOptions: o, Url: "https://example.com/health", MetricNamespace: "Shop"}})
	}}
	vpcFunction = blueprintStack{"VpcFunction", func(app awscdk.App, id string, o FunctionOptions) awscdk.Stack {
		return NewVpcFunctionStack(app, id, &StackProps[VpcFunctionProps]{Blueprint: VpcFunctionProps{FunctionOptions: o, TargetHost: "db.internal", TargetPort: 5432}})
	}}
	firehoseTransform = blueprintStack{"FirehoseTransform", func(app awscdk.App, id string, o FunctionOptions) awscdk.Stack {
		return NewFirehoseTransformStack(app, id, &StackProps[FirehoseTransformProps]{Blueprint: FirehoseTransformProps{FunctionOptions: o}})
	}}
)

// allBlueprints lists every blueprint.
var allBlueprints = []blueprintStack{
	helloWorld, sqsPoller, kinesisProcessRecord, dynamoDBProcessStream, mskConsumer, s3GetObject,
	snsMessage, microserviceHttpEndpoint, edgeViewerRequest, scheduledCanary, vpcFunction, firehoseTransform,
}

// owned names a blueprint's own resource: its type and the prefix of its logical id (the
// construct path).
type owned struct{ typ, prefix string }

// grant is a statement a blueprint's role must hold: the one granting action, whose
// Resource flattens to resource (OWN standing for the logical id of the blueprint's own
// queue, stream, table or bucket) and whose Condition is condition.
type grant struct {
	action, resource string
	condition        map[string]any
	// inline says the statement is in the role in default mode too: no managed policy grants
	// it.
	inline bool
}

// Resources of the MSK cluster testClusterArn names: the topic and consumer group of
// mskConsumer.
const (
	testTopicArn = "arn:aws:kafka:us-east-1:111122223333:topic/orders/abcd1234-5678-90ab-cdef-1234567890ab-1/orders"
	testGroupArn = "arn:aws:kafka:us-east-1:111122223333:group/orders/abcd1234-5678-90ab-cdef-1234567890ab-1/billing"
)

// TestRoles checks what each blueprint decides about its role: which AWS managed policies
// the Lambda Developer Guide gives its kind of function (default mode), and that the
// statements of its features and policy templates are scoped to its own resources
// (least-privilege mode, and default mode for those no managed policy covers). Which actions
// a feature or template grants is the catalogues' business, tested with them.
func TestRoles(t *testing.T) {
	tests := []struct {
		name      string
		blueprint blueprintStack
		// trust are the principals the role trusts.
		trust []string
		// managed are the role's managed policies in default mode (least-privilege mode has
		// none).
		managed []string
		// own is the type and logical id prefix of the blueprint's own resource, the OWN of
		// grants.
		own owned
		// grants are statements of the role in least-privilege mode; in default mode, the
		// inline ones are its only inline statements.
		grants []grant
		// roles and policies count the stack's AWS::IAM::Role and AWS::IAM::Policy
		// resources: the execution role, and what aws-cdk-lib adds for other services.
		roles, policies int
	}{
		{
			name: "hello-world", blueprint: helloWorld,
			managed: []string{basicPolicy},
			roles:   1,
		},
		{
			name: "sqs-poller", blueprint: sqsPoller,
			managed: []string{basicPolicy, "service-role/AWSLambdaSQSQueueExecutionRole"},
			own:     owned{"AWS::SQS::Queue", "SqsPollerQueue"},
			grants:  []grant{{action: "sqs:ReceiveMessage", resource: "${OWN.Arn}"}},
			roles:   1,
		},
		{
			name: "kinesis-process-record", blueprint: kinesisProcessRecord,
			managed: []string{basicPolicy, "service-role/AWSLambdaKinesisExecutionRole"},
			own:     owned{"AWS::Kinesis::Stream", "KinesisProcessRecordStream"},
			grants: []grant{
				{action: "kinesis:GetRecords", resource: "${OWN.Arn}"},
				{action: "kinesis:SubscribeToShard", resource: "${OWN.Arn}/consumer/*"},
			},
			roles: 1,
		},
		{
			name: "dynamodb-process-stream", blueprint: dynamoDBProcessStream,
			managed: []string{basicPolicy, "service-role/AWSLambdaDynamoDBExecutionRole"},
			own:     owned{"AWS::DynamoDB::Table", "DynamoDBProcessStreamTable"},
			grants:  []grant{{action: "dynamodb:GetRecords", resource: "${OWN.StreamArn}"}},
			roles:   1,
		},
		{
			// IAM access control: the managed policy does not cover the kafka-cluster actions.
			name: "kafka-consumer", blueprint: mskConsumer,
			managed: []string{basicPolicy, "service-role/AWSLambdaMSKExecutionRole"},
			grants: []grant{
				{action: "kafka:DescribeCluster", resource: testClusterArn},
				{action: "kafka-cluster:Connect", resource: testClusterArn, inline: true},
				{action: "kafka-cluster:ReadData", resource: testTopicArn, inline: true},
				{action: "kafka-cluster:AlterGroup", resource: testGroupArn, inline: true},
			},
			roles: 1,
		},
		{
			// aws-cdk-lib's BucketNotificationsHandler custom resource configures the bucket's
			// notifications: a second role, and a policy granting it s3:PutBucketNotification.
			name: "s3-get-object", blueprint: s3GetObject,
			managed: []string{basicPolicy},
			own:     owned{"AWS::S3::Bucket", "S3GetObjectBucket"},
			grants: []grant{{
				action: "s3:GetObject", inline: true,
				resource: "arn:${AWS::Partition}:s3:::${OWN},arn:${AWS::Partition}:s3:::${OWN}/*",
			}},
			roles: 2, policies: 1,
		},
		{
			name: "sns-message", blueprint: snsMessage,
			managed: []string{basicPolicy},
			roles:   1,
		},
		{
			name: "microservice-http-endpoint", blueprint: microserviceHttpEndpoint,
			managed: []string{basicPolicy},
			own:     owned{"AWS::DynamoDB::Table", "MicroserviceHttpEndpointTable"},
			grants: []grant{{
				action: "dynamodb:PutItem", inline: true,
				resource: "arn:${AWS::Partition}:dynamodb:${AWS::Region}:${AWS::AccountId}:table/${OWN}," +
					"arn:${AWS::Partition}:dynamodb:${AWS::Region}:${AWS::AccountId}:table/${OWN}/index/*",
			}},
			roles: 1,
		},
		{
			name: "cloudfront-viewer-request", blueprint: edgeViewerRequest,
			trust:   []string{lambdaService, "edgelambda.amazonaws.com"},
			managed: []string{basicPolicy},
			roles:   1,
		},
		{
			// CloudWatch metrics have no resource-level permissions: the namespace condition
			// scopes them.
			name: "scheduled-canary", blueprint: scheduledCanary,
			managed: []string{basicPolicy},
			grants: []grant{{
				action: "cloudwatch:PutMetricData", resource: "*", inline: true,
				condition: map[string]any{"StringEquals": map[string]any{"cloudwatch:namespace": "Shop"}},
			}},
			roles: 1,
		},
		{
			name: "vpc-function", blueprint: vpcFunction,
			managed: []string{basicPolicy, "service-role/AWSLambdaVPCAccessExecutionRole"},
			roles:   1,
		},
		{
			// The delivery stream's S3 destination has a service role for Firehose, to invoke
			// the function and write to the bucket, with its grants in a policy.
			name: "firehose-transform", blueprint: firehoseTransform,
			managed: []string{basicPolicy},
			roles:   2, policies: 1,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			trust := tt.trust
			if trust == nil {
				trust = []string{lambdaService}
			}
			s := synthAll(t, false)[tt.blueprint.id]
			got := s.executionRole(t, tt.blueprint.id)
			assertEqual(t, "trust", got.trust, trust)
			assertEqual(t, "managed policies", got.managed, tt.managed)
			var inline []string
			for _, g := range tt.grants {
				if g.inline {
					inline = append(inline, g.action)
					got.hasGrant(t, g, s.ownID(t, tt.own))
				}
			}
			for _, st := range got.statements {
				if !slices.ContainsFunc(stringList(st["Action"]), func(a string) bool { return slices.Contains(inline, a) }) {
					t.Errorf("inline statement %v in default mode: want only those granting %q", st, inline)
				}
			}
			assertEqual(t, "AWS::IAM::Role count", s.count("AWS::IAM::Role"), tt.roles)
			assertEqual(t, "AWS::IAM::Policy count", s.count("AWS::IAM::Policy"), tt.policies)

			lp := synthAll(t, true)[tt.blueprint.id]
			got = lp.executionRole(t, tt.blueprint.id)
			assertEqual(t, "least-privilege managed policies", got.managed, []string(nil))
			for _, g := range tt.grants {
				got.hasGrant(t, g, lp.ownID(t, tt.own))
			}
			assertEqual(t, "least-privilege AWS::IAM::Policy count", lp.count("AWS::IAM::Policy"), tt.policies)
			assertEqual(t, "least-privilege logs scope", flatten(got.statement(t, "logs:PutLogEvents")["Resource"]),
				logGroupArn(tt.blueprint, lp.logicalID(t, "AWS::Logs::LogGroup", tt.blueprint.id+"LogGroup")))
		})
	}
}

// ownID is the logical id of the blueprint's own resource o; "" for none.
func (s synthesized) ownID(t *testing.T, o owned) string {
	t.Helper()
	if o == (owned{}) {
		return ""
	}
	return s.logicalID(t, o.typ, o.prefix)
}

// hasGrant checks the role's statement granting g.action: its Resource, with OWN standing
// for own, and its Condition.
func (r role) hasGrant(t *testing.T, g grant, own string) {
	t.Helper()
	st := r.statement(t, g.action)
	assertEqual(t, g.action+" resource", flatten(st["Resource"]), strings.ReplaceAll(g.resource, "OWN", own))
	if cond, _ := st["Condition"].(map[string]any); !reflect.DeepEqual(cond, g.condition) {
		t.Errorf("%s condition:\n got %v\nwant %v", g.action, cond, g.condition)
	}
}

// logGroupArn is the ARN least-privilege logs are scoped to: the blueprint's own log group,
// whose logical id is logGroup, in every region for Lambda@Edge, whose replicas log where
// they run.
func logGroupArn(b blueprintStack, logGroup string) string {
	region := "${AWS::Region}"
	if b.id == edgeViewerRequest.id {
		region = "*"
	}
	return "arn:${AWS::Partition}:logs:" + region + ":${AWS::AccountId}:log-group:${" + logGroup + "}:*"
}

func assertEqual[T any](t *testing.T, what string, got, want T) {
	t.Helper()
	if !equal(got, want) {
		t.Errorf("%s:\n got %v\nwant %v", what, got, want)
	}
}

func equal(a, b any) bool {
	as, aok := a.([]string)
	bs, bok := b.([]string)
	if aok && bok {
		return slices.Equal(as, bs)
	}
	return a == b
}

func TestFunctions(t *testing.T) {
	tests := []struct {
		name      string
		blueprint blueprintStack
		// runtime, timeout (seconds) and memory (MiB) are the function's defaults.
		runtime         string
		timeout, memory float64
		// trigger and properties are the resource that wires the blueprint's trigger and
		// properties it has (hello-world has no trigger: its greeting).
		trigger    string
		properties map[string]any
	}{
		{
			name: "hello-world", blueprint: helloWorld, runtime: "python3.13", timeout: 3, memory: 128,
			trigger: "AWS::Lambda::Function", properties: map[string]any{"Environment": map[string]any{"Variables": map[string]any{"GREETING": "Hello"}}},
		},
		{
			name: "sqs-poller", blueprint: sqsPoller, runtime: "python3.13", timeout: 30, memory: 128,
			trigger:    "AWS::Lambda::EventSourceMapping",
			properties: map[string]any{"BatchSize": 10, "FunctionResponseTypes": []any{"ReportBatchItemFailures"}},
		},
		{
			name: "kinesis-process-record", blueprint: kinesisProcessRecord, runtime: "python3.13", timeout: 60, memory: 128,
			trigger:    "AWS::Lambda::EventSourceMapping",
			properties: map[string]any{"BatchSize": 100, "StartingPosition": "LATEST", "FunctionResponseTypes": []any{"ReportBatchItemFailures"}},
		},
		{
			name: "dynamodb-process-stream", blueprint: dynamoDBProcessStream, runtime: "python3.13", timeout: 60, memory: 128,
			trigger:    "AWS::Lambda::EventSourceMapping",
			properties: map[string]any{"BatchSize": 100, "StartingPosition": "LATEST", "FunctionResponseTypes": []any{"ReportBatchItemFailures"}},
		},
		{
			name: "kafka-consumer", blueprint: mskConsumer, runtime: "python3.13", timeout: 60, memory: 128,
			trigger: "AWS::Lambda::EventSourceMapping",
			properties: map[string]any{
				"EventSourceArn": testClusterArn, "Topics": []any{"orders"}, "StartingPosition": "TRIM_HORIZON", "BatchSize": 100,
				"AmazonManagedKafkaEventSourceConfig": map[string]any{"ConsumerGroupId": "billing"},
			},
		},
		{
			name: "s3-get-object", blueprint: s3GetObject, runtime: "python3.13", timeout: 10, memory: 128,
			trigger: "Custom::S3BucketNotifications",
			properties: map[string]any{"NotificationConfiguration": map[string]any{"LambdaFunctionConfigurations": []any{map[string]any{
				"Events": []any{"s3:ObjectCreated:*"},
				"Filter": map[string]any{"Key": map[string]any{"FilterRules": []any{map[string]any{"Name": "suffix", "Value": ".jpg"}}}},
			}}}},
		},
		{
			name: "sns-message", blueprint: snsMessage, runtime: "python3.13", timeout: 10, memory: 128,
			trigger: "AWS::SNS::Subscription", properties: map[string]any{"Protocol": "lambda"},
		},
		{
			name: "microservice-http-endpoint", blueprint: microserviceHttpEndpoint, runtime: "python3.13", timeout: 10, memory: 256,
			trigger: "AWS::ApiGatewayV2::Route", properties: map[string]any{"RouteKey": "PUT /items/{id}", "AuthorizationType": "AWS_IAM"},
		},
		{
			name: "cloudfront-viewer-request", blueprint: edgeViewerRequest, runtime: "nodejs22.x", timeout: 5, memory: 128,
			trigger: "AWS::CloudFront::Distribution",
			properties: map[string]any{"DistributionConfig": map[string]any{"DefaultCacheBehavior": map[string]any{
				"LambdaFunctionAssociations": []any{map[string]any{"EventType": "viewer-request"}},
			}}},
		},
		{
			name: "scheduled-canary", blueprint: scheduledCanary, runtime: "python3.13", timeout: 30, memory: 128,
			trigger: "AWS::Events::Rule", properties: map[string]any{"ScheduleExpression": "rate(5 minutes)", "State": "ENABLED"},
		},
		{
			name: "vpc-function", blueprint: vpcFunction, runtime: "python3.13", timeout: 10, memory: 128,
			trigger: "AWS::Lambda::Function",
			properties: map[string]any{
				"VpcConfig":   map[string]any{"SubnetIds": assertions.Match_AnyValue(), "SecurityGroupIds": assertions.Match_AnyValue()},
				"Environment": map[string]any{"Variables": map[string]any{"TARGET_HOST": "db.internal", "TARGET_PORT": "5432"}},
			},
		},
		{
			name: "firehose-transform", blueprint: firehoseTransform, runtime: "python3.13", timeout: 60, memory: 256,
			trigger: "AWS::KinesisFirehose::DeliveryStream",
			properties: map[string]any{"ExtendedS3DestinationConfiguration": map[string]any{
				"ProcessingConfiguration": map[string]any{"Enabled": true, "Processors": []any{map[string]any{"Type": "Lambda"}}},
			}},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := synthAll(t, false)[tt.blueprint.id]
			fn := s.props(t, "AWS::Lambda::Function", tt.blueprint.id)
			assertEqual(t, "runtime", fn["Runtime"], any(tt.runtime))
			assertEqual(t, "timeout", fn["Timeout"], any(tt.timeout))
			assertEqual(t, "memory", fn["MemorySize"], any(tt.memory))
			logGroup := s.logicalID(t, "AWS::Logs::LogGroup", tt.blueprint.id+"LogGroup")
			assertEqual(t, "log group", flatten(fn["LoggingConfig"].(map[string]any)["LogGroup"]), "${"+logGroup+"}")
			assertEqual(t, "log retention", s.resources("AWS::Logs::LogGroup")[logGroup]["Properties"].(map[string]any)["RetentionInDays"], any(float64(30)))
			s.hasResourceProperties(t, tt.trigger, tt.properties)
		})
	}
}

func TestExistingResources(t *testing.T) {
	const (
		queueArn  = "arn:aws:sqs:us-east-1:111122223333:orders"
		streamArn = "arn:aws:kinesis:us-east-1:111122223333:stream/clicks"
		tableArn  = "arn:aws:dynamodb:us-east-1:111122223333:table/orders/stream/2025-01-01T00:00:00.000"
		topicArn  = "arn:aws:sns:us-east-1:111122223333:alerts"
		secretArn = "arn:aws:secretsmanager:us-east-1:111122223333:secret:AmazonMSK_orders-AbCdEf"
	)
	tests := []struct {
		name  string
		build func(stack awscdk.Stack)
		// absent is in the template had the blueprint not been given the resource: the resource
		// it would create instead, or the access it would grant instead.
		absent string
		// want is in the template: the given resource's ARN, name or id.
		want string
	}{
		{
			name: "sqs-poller polls the given queue",
			build: func(s awscdk.Stack) {
				NewSqsPoller(s, jsii.String("P"), &SqsPollerProps{Queue: awssqs.Queue_FromQueueArn(s, jsii.String("Q"), jsii.String(queueArn))})
			},
			absent: resourceOf("AWS::SQS::Queue"), want: queueArn,
		},
		{
			name: "kinesis-process-record reads the given stream",
			build: func(s awscdk.Stack) {
				NewKinesisProcessRecord(s, jsii.String("P"), &KinesisProcessRecordProps{Stream: awskinesis.Stream_FromStreamArn(s, jsii.String("S"), jsii.String(streamArn))})
			},
			absent: resourceOf("AWS::Kinesis::Stream"), want: streamArn,
		},
		{
			name: "dynamodb-process-stream reads the given table's stream",
			build: func(s awscdk.Stack) {
				table := awsdynamodb.Table_FromTableAttributes(s, jsii.String("T"), &awsdynamodb.TableAttributes{TableName: jsii.String("orders"), TableStreamArn: jsii.String(tableArn)})
				NewDynamoDBProcessStream(s, jsii.String("P"), &DynamoDBProcessStreamProps{Table: table})
			},
			absent: resourceOf("AWS::DynamoDB::Table"), want: tableArn,
		},
		{
			name: "s3-get-object reads the given bucket",
			build: func(s awscdk.Stack) {
				NewS3GetObject(s, jsii.String("P"), &S3GetObjectProps{Bucket: awss3.Bucket_FromBucketName(s, jsii.String("B"), jsii.String("uploads"))})
			},
			absent: resourceOf("AWS::S3::Bucket"), want: ":s3:::uploads/*",
		},
		{
			name: "s3-get-object may decrypt with the given bucket's key",
			build: func(s awscdk.Stack) {
				bucket := awss3.NewBucket(s, jsii.String("B"), &awss3.BucketProps{Encryption: awss3.BucketEncryption_KMS})
				NewS3GetObject(s, jsii.String("P"), &S3GetObjectProps{Bucket: bucket})
			},
			// The blueprint's own bucket is encrypted with S3 managed keys.
			absent: `"SSEAlgorithm":"AES256"`,
			want:   `{"Action":"kms:Decrypt","Effect":"Allow","Resource":{"Fn::Join":["",["arn:",{"Ref":"AWS::Partition"},":kms:",{"Ref":"AWS::Region"},":",{"Ref":"AWS::AccountId"},":key/",{"Ref":"BKey`,
		},
		{
			name: "kafka-consumer authenticates with the given SASL/SCRAM secret",
			build: func(s awscdk.Stack) {
				secret := awssecretsmanager.Secret_FromSecretCompleteArn(s, jsii.String("S"), jsii.String(secretArn))
				NewMskConsumer(s, jsii.String("P"), &MskConsumerProps{ClusterArn: testClusterArn, Topic: "orders", Secret: secret})
			},
			// IAM access control's grants.
			absent: "kafka-cluster:",
			want:   `"SourceAccessConfigurations":[{"Type":"SASL_SCRAM_512_AUTH","URI":"` + secretArn + `"}]`,
		},
		{
			name: "sns-message subscribes to the given topic",
			build: func(s awscdk.Stack) {
				NewSnsMessage(s, jsii.String("P"), &SnsMessageProps{Topic: awssns.Topic_FromTopicArn(s, jsii.String("T"), jsii.String(topicArn))})
			},
			absent: resourceOf("AWS::SNS::Topic"), want: topicArn,
		},
		{
			name: "microservice-http-endpoint keeps items in the given table",
			build: func(s awscdk.Stack) {
				NewMicroserviceHttpEndpoint(s, jsii.String("P"), &MicroserviceHttpEndpointProps{Table: awsdynamodb.Table_FromTableName(s, jsii.String("T"), jsii.String("items")), PartitionKey: "sku"})
			},
			absent: resourceOf("AWS::DynamoDB::Table"), want: `"PARTITION_KEY":"sku","TABLE_NAME":"items"`,
		},
		{
			name: "vpc-function runs in the given VPC",
			build: func(s awscdk.Stack) {
				vpc := awsec2.Vpc_FromVpcAttributes(s, jsii.String("V"), &awsec2.VpcAttributes{
					VpcId: jsii.String("vpc-0123"), AvailabilityZones: jsii.Strings("us-east-1a"), PrivateSubnetIds: jsii.Strings("subnet-0123"),
				})
				NewVpcFunction(s, jsii.String("P"), &VpcFunctionProps{Vpc: vpc})
			},
			absent: resourceOf("AWS::EC2::VPC"), want: `"SubnetIds":["subnet-0123"]`,
		},
		{
			name: "firehose-transform delivers to the given bucket",
			build: func(s awscdk.Stack) {
				NewFirehoseTransform(s, jsii.String("P"), &FirehoseTransformProps{Bucket: awss3.Bucket_FromBucketName(s, jsii.String("B"), jsii.String("archive"))})
			},
			absent: resourceOf("AWS::S3::Bucket"), want: ":s3:::archive",
		},
		{
			name: "cloudfront-viewer-request serves the given origin",
			build: func(s awscdk.Stack) {
				NewEdgeViewerRequest(s, jsii.String("P"), &EdgeViewerRequestProps{Origin: awscloudfrontorigins.NewHttpOrigin(jsii.String("www.example.com"), nil)})
			},
			absent: resourceOf("AWS::S3::Bucket"), want: `"DomainName":"www.example.com"`,
		},
	}
	// One app, a stack per case: synthesizing an app costs far more than adding a stack to it.
	ids := make([]string, len(tests))
	for i := range tests {
		ids[i] = fmt.Sprintf("Test%d", i)
	}
	_, templates := synthApp(t, func(app awscdk.App) {
		for i, tt := range tests {
			tt.build(awscdk.NewStack(app, jsii.String(ids[i]), &awscdk.StackProps{Env: &awscdk.Environment{Region: jsii.String(EdgeRegion)}}))
		}
	}, ids...)
	for i, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			text := templates[ids[i]].text(t)
			if strings.Contains(text, tt.absent) {
				t.Errorf("the template holds %s, as if the blueprint had not been given the resource:\n%s", tt.absent, text)
			}
			if !strings.Contains(text, tt.want) {
				t.Errorf("the template does not hold %s:\n%s", tt.want, text)
			}
		})
	}
}

// resourceOf is how a template's text declares a resource of type typ.
func resourceOf(typ string) string { return `"Type":"` + typ + `"` }

// TestTimeout checks that FunctionOptions.Timeout replaces the blueprint's default timeout,
// in the function and in what the blueprint derives from it.
func TestTimeout(t *testing.T) {
	o := FunctionOptions{Timeout: 20 * time.Second}
	_, templates := synthApp(t, func(app awscdk.App) {
		stack := awscdk.NewStack(app, jsii.String("Test"), nil)
		NewHelloWorld(stack, jsii.String("Hello"), &HelloWorldProps{FunctionOptions: o})
		NewSqsPoller(stack, jsii.String("Poller"), &SqsPollerProps{FunctionOptions: o})
		NewScheduledCanary(stack, jsii.String("Canary"), &ScheduledCanaryProps{FunctionOptions: o, Url: "https://example.com"})
	}, "Test")
	s := templates["Test"]
	tests := []struct {
		name string
		// typ and prefix name the resource, path the property in it.
		typ, prefix string
		path        []string
		want        any
	}{
		{name: "hello-world", typ: "AWS::Lambda::Function", prefix: "Hello", path: []string{"Timeout"}, want: 20.0},
		{name: "sqs-poller", typ: "AWS::Lambda::Function", prefix: "Poller", path: []string{"Timeout"}, want: 20.0},
		{name: "sqs-poller queue visibility is six times the timeout", typ: "AWS::SQS::Queue", prefix: "PollerQueue", path: []string{"VisibilityTimeout"}, want: 120.0},
		{name: "scheduled-canary", typ: "AWS::Lambda::Function", prefix: "Canary", path: []string{"Timeout"}, want: 20.0},
		{
			name: "scheduled-canary request times out 5 seconds sooner", typ: "AWS::Lambda::Function", prefix: "Canary",
			path: []string{"Environment", "Variables", "REQUEST_TIMEOUT"}, want: "15",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got any = s.props(t, tt.typ, tt.prefix)
			for _, k := range tt.path {
				m, _ := got.(map[string]any)
				got = m[k]
			}
			assertEqual(t, strings.Join(tt.path, "."), got, tt.want)
		})
	}
}

func TestUsageErrors(t *testing.T) {
	in := func(region string) *awscdk.StackProps {
		return &awscdk.StackProps{Env: &awscdk.Environment{Region: jsii.String(region)}}
	}
	tests := []struct {
		name  string
		props *awscdk.StackProps
		build func(stack awscdk.Stack)
		want  string
	}{
		{
			name:  "fails if the kafka cluster ARN is empty",
			build: func(s awscdk.Stack) { NewMskConsumer(s, jsii.String("C"), &MskConsumerProps{Topic: "orders"}) },
			want:  "blueprints: Test/C: ClusterArn is empty: set it to the ARN of the Amazon MSK cluster",
		},
		{
			name: "fails if the kafka topic is empty",
			build: func(s awscdk.Stack) {
				NewMskConsumer(s, jsii.String("C"), &MskConsumerProps{ClusterArn: testClusterArn})
			},
			want: "blueprints: Test/C: Topic is empty",
		},
		{
			name: "fails if IAM access control gets a cluster ARN token",
			build: func(s awscdk.Stack) {
				arn := awscdk.NewCfnParameter(s, jsii.String("ClusterArn"), nil).ValueAsString()
				NewMskConsumer(s, jsii.String("C"), &MskConsumerProps{ClusterArn: *arn, Topic: "orders"})
			},
			want: "is a token: IAM access control needs a literal ARN",
		},
		{
			name:  "fails if the canary URL is empty",
			build: func(s awscdk.Stack) { NewScheduledCanary(s, jsii.String("C"), nil) },
			want:  "blueprints: Test/C: Url is empty",
		},
		{
			name: "fails if the canary interval is not whole minutes",
			build: func(s awscdk.Stack) {
				NewScheduledCanary(s, jsii.String("C"), &ScheduledCanaryProps{Url: "https://example.com", Interval: 90 * time.Second})
			},
			want: "Interval 1m30s is not a whole number of minutes",
		},
		{
			name: "fails if the table has no stream",
			build: func(s awscdk.Stack) {
				table := awsdynamodb.Table_FromTableName(s, jsii.String("T"), jsii.String("orders"))
				NewDynamoDBProcessStream(s, jsii.String("D"), &DynamoDBProcessStreamProps{Table: table})
			},
			want: "blueprints: Test/D: table Test/T has no stream",
		},
		{
			name:  "fails if the edge function's stack is in another region",
			props: in("eu-west-1"),
			build: func(s awscdk.Stack) { NewEdgeViewerRequest(s, jsii.String("E"), nil) },
			want:  `blueprints: Test/E: the stack's region is "eu-west-1": Lambda@Edge functions are created in us-east-1`,
		},
		{
			name:  "fails if the edge function's stack has no region",
			build: func(s awscdk.Stack) { NewEdgeViewerRequest(s, jsii.String("E"), nil) },
			want:  `Lambda@Edge functions are created in us-east-1, set Env.Region to "us-east-1"`,
		},
		{
			name:  "fails if the edge function has more memory than viewer triggers allow",
			props: in(EdgeRegion),
			build: func(s awscdk.Stack) {
				NewEdgeViewerRequest(s, jsii.String("E"), &EdgeViewerRequestProps{FunctionOptions: FunctionOptions{MemorySize: 256}})
			},
			want: "MemorySize 256 exceeds the 128 MiB Lambda@Edge allows viewer triggers",
		},
		{
			name:  "fails if the edge function's timeout exceeds what viewer triggers allow",
			props: in(EdgeRegion),
			build: func(s awscdk.Stack) {
				NewEdgeViewerRequest(s, jsii.String("E"), &EdgeViewerRequestProps{FunctionOptions: FunctionOptions{Timeout: 10 * time.Second}})
			},
			want: "Timeout 10s exceeds the 5s Lambda@Edge allows viewer triggers",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			stack := awscdk.NewStack(awscdk.NewApp(nil), jsii.String("Test"), tt.props)
			if got := panicMessage(func() { tt.build(stack) }); !strings.Contains(got, tt.want) {
				t.Errorf("panic %q, want it to contain %q", got, tt.want)
			}
		})
	}
}

// TestAppSynth synthesizes the app of every blueprint's stack a second time: the templates
// must be byte-identical to synthAll's, and each handler's asset must hold its code but not
// its tests.
func TestAppSynth(t *testing.T) {
	first := synthAllApp(t, false).dir
	second, _ := synthApp(t, blueprintApp(false))

	templates, _ := filepath.Glob(filepath.Join(first, "*.template.json"))
	assertEqual(t, "stacks", len(templates), len(allBlueprints))
	for _, f := range templates {
		a, _ := os.ReadFile(f)
		b, err := os.ReadFile(filepath.Join(second, filepath.Base(f)))
		if err != nil || string(a) != string(b) {
			t.Errorf("%s differs from one synth to the next", filepath.Base(f))
		}
	}

	assets, _ := filepath.Glob(filepath.Join(first, "asset.*"))
	var handlers []string
	for _, dir := range assets {
		entries, _ := os.ReadDir(dir)
		var names []string
		for _, e := range entries {
			names = append(names, e.Name())
		}
		if !slices.Contains(names, "index.py") && !slices.Contains(names, "index.js") {
			continue // an aws-cdk-lib asset
		}
		handlers = append(handlers, filepath.Base(dir))
		assertEqual(t, "files of "+filepath.Base(dir), len(names), 1)
	}
	assertEqual(t, "handler assets", len(handlers), len(allBlueprints))
}
