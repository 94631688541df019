package permissions

import "strings"

// ID names a feature of a Lambda function that its execution role must allow.
type ID string

// The features, in catalog order. The order is the order of managed policies and statements
// in every role, so it never changes for existing rows: new rows go where they belong and the
// golden test shows the diff.
const (
	// BasicLogs lets the function write its logs to CloudWatch Logs. Every role has it unless
	// Durable replaces it.
	BasicLogs ID = "basic-logs"
	// Durable is the durable-functions execution policy: logs plus checkpoints of the durable
	// execution. It replaces BasicLogs.
	Durable ID = "durable"
	// Tracing lets the function send traces to AWS X-Ray (active tracing).
	Tracing ID = "tracing"
	// VPC lets Lambda create and manage the network interfaces of a function in a VPC; its
	// managed policy includes the logs actions.
	VPC ID = "vpc"
	// VPCNetworkInterfaces is VPC's network-interface actions without the logs actions.
	VPCNetworkInterfaces ID = "vpc-network-interfaces"
	// SQS lets Lambda poll an Amazon SQS queue for an event source mapping.
	SQS ID = "sqs"
	// Kinesis lets Lambda read an Amazon Kinesis data stream for an event source mapping.
	Kinesis ID = "kinesis"
	// DynamoDBStreams lets Lambda read a DynamoDB table's stream for an event source mapping.
	DynamoDBStreams ID = "dynamodb-streams"
	// MSK lets Lambda read an Amazon MSK cluster for an event source mapping.
	MSK ID = "msk"
	// Insights lets the Lambda Insights extension write its performance logs.
	Insights ID = "insights"
	// ApplicationSignals lets the function send CloudWatch Application Signals data.
	ApplicationSignals ID = "application-signals"
	// EFS lets the function mount an Amazon EFS file system for reading and writing.
	EFS ID = "efs"
	// S3Files lets the function mount an Amazon S3 Files file system for reading and writing.
	S3Files ID = "s3-files"
	// S3FilesReadOnly lets the function mount an Amazon S3 Files file system for reading.
	S3FilesReadOnly ID = "s3-files-read-only"
	// S3FilesDirectRead lets Lambda read a mounted S3 Files file system's objects directly
	// from its S3 bucket. No managed policy.
	S3FilesDirectRead ID = "s3-files-direct-read"
	// MQ lets Lambda read an Amazon MQ broker for an event source mapping. No managed policy.
	MQ ID = "mq"
	// Kafka lets Lambda read a self-managed Apache Kafka cluster. No managed policy.
	Kafka ID = "kafka"
	// DocumentDB lets Lambda read an Amazon DocumentDB change stream. No managed policy.
	DocumentDB ID = "documentdb"
	// GlueSchemaRegistry lets Lambda read the AWS Glue schema registry a Kafka event source
	// mapping validates records with. No managed policy.
	GlueSchemaRegistry ID = "glue-schema-registry"
	// ConfluentSchemaRegistry lets Lambda read the access secrets of the Confluent schema
	// registry a Kafka event source mapping validates records with. No managed policy.
	ConfluentSchemaRegistry ID = "confluent-schema-registry"
	// DeadLetterQueue lets Lambda send failed asynchronous events to an SQS queue.
	DeadLetterQueue ID = "dead-letter-queue"
	// DeadLetterTopic lets Lambda send failed asynchronous events to an SNS topic.
	DeadLetterTopic ID = "dead-letter-topic"
	// DestinationQueue lets Lambda send invocation records to an SQS queue (asynchronous
	// invocation destinations, event source mapping on-failure destinations).
	DestinationQueue ID = "destination-queue"
	// DestinationTopic lets Lambda send invocation records to an SNS topic.
	DestinationTopic ID = "destination-topic"
	// DestinationFunction lets Lambda send invocation records to another function.
	DestinationFunction ID = "destination-function"
	// DestinationEventBus lets Lambda send invocation records to an EventBridge event bus.
	DestinationEventBus ID = "destination-event-bus"
	// DestinationBucket lets Lambda send invocation records to an S3 bucket (on-failure
	// destinations of Kafka, Kinesis and DynamoDB event source mappings).
	DestinationBucket ID = "destination-bucket"
	// DestinationKafkaTopic lets Lambda write failed records of an Amazon MSK event source
	// mapping to a topic of the cluster, with IAM access control.
	DestinationKafkaTopic ID = "destination-kafka-topic"
	// EnvironmentKey lets Lambda decrypt the function's environment variables encrypted with
	// a customer managed KMS key.
	EnvironmentKey ID = "environment-key"
	// Edge makes the role usable by Lambda@Edge: it also trusts edgelambda.amazonaws.com, and
	// logs may go to every region.
	Edge ID = "edge"
	// ParametersAndSecrets lets the AWS Parameters and Secrets Lambda Extension read the
	// given parameters and secrets.
	ParametersAndSecrets ID = "parameters-and-secrets"
)

// ManagedPolicy is an AWS managed policy: its name and its path ("/" or "/service-role/").
type ManagedPolicy struct {
	Name string
	Path string
}

// ARN is the policy's partition-aware ARN pattern.
func (m ManagedPolicy) ARN() string { return AWSManagedPolicyARN(m.Path, m.Name) }

// PathName is the policy's path without its leading slash, then its name:
// "service-role/AWSLambdaRole". It is the form LookupManagedPolicy and
// awsiam.ManagedPolicy_FromAwsManagedPolicyName take.
func (m ManagedPolicy) PathName() string { return strings.TrimPrefix(m.Path, "/") + m.Name }

// Definition is one row of the catalog: a feature, the AWS managed policy that grants it, the
// statements that policy holds, and how the feature is granted in least-privilege mode.
type Definition struct {
	ID ID
	// Title is a short human name.
	Title string
	// Doc says what the feature grants and when a function needs it.
	Doc string
	// Policy is the AWS managed policy for the feature; zero when AWS publishes none.
	Policy ManagedPolicy
	// Grants are the statements of Policy, as AWS publishes them (checked against the current
	// policy documents by the conformance suite). Nil when Policy is zero.
	Grants []Statement
	// Replaces lists features this one makes unnecessary (Durable replaces BasicLogs).
	Replaces []ID
	// Conflicts lists features that cannot be on the same role.
	Conflicts []ID
	// Needs says what resource the feature must be given in least-privilege mode ("" when
	// none): it appears in the error when it is missing.
	Needs string
	// Shape is the form of the feature's Resources (a table stream's ARN, a queue's); literal
	// ARNs of another service or form are rejected. Nil when the feature has no resource of
	// its own: Resources are then an error.
	Shape *Shape
	// NoResources says where the resources go instead, for a feature without Shape, in the
	// error when Resources are given. Default: - the feature acts on no resource of its own.
	NoResources string
	// NeedsAlways says the feature needs its resource in both modes (it has no managed
	// policy to fall back on).
	NeedsAlways bool
	// NeedsSecret says what secret the feature must be given in both modes ("" when none):
	// Lambda reads it to connect to the source.
	NeedsSecret string
	// NeedsTopics says the feature must be given Kafka topics in both modes; Needs says how.
	NeedsTopics bool
	// Unscoped are actions the feature grants on "*" although IAM scopes them to resource
	// types, with the reason: the requests Lambda makes with them name no resource IAM could
	// match.
	Unscoped map[string]string
	// AccessPointShape is the form of the feature's access points (Use.AccessPoints); nil
	// when it takes none.
	AccessPointShape *Shape
	// LogScoped says the least-privilege statements are scoped to the functions' log groups,
	// so the plan must know them (a function name or a log group).
	LogScoped bool
	// FunctionScoped says the least-privilege statements are scoped to the functions' own
	// ARNs, so the plan must know the functions' names; Needs then says so.
	FunctionScoped bool
	// Replicated says the function runs replicated in every region (Lambda@Edge): its logs
	// go to /aws/lambda/us-east-1.<name> in the region that ran it, so least-privilege logs
	// statements cover every region and keep logs:CreateLogGroup.
	Replicated bool
	// From says how a function's configuration reveals the feature (see Recognition).
	From Recognition
	// Superseded are actions of the grants aws-cdk-lib makes on the feature's resources for
	// the configuration that reveals it (an event source's grant when it is bound, a
	// destination's or a mount's while the function is built) that Lambda does not use for
	// the feature, or that the feature's own statements replace, per the Developer Guide page
	// cited in Doc: once the role derives the feature, such a grant loses them.
	Superseded []string
	// Trust lists service principals the role must also trust.
	Trust []string
	// Scoped appends to out the feature's least-privilege statements for one use; for a
	// feature with no managed policy, its statements in both modes.
	Scoped func(out []Statement, u Use, c *context) []Statement
	// Extra appends the statements the feature needs in both modes beyond its managed
	// policy: kms:Decrypt on customer managed keys, credentials, Kafka authorization.
	Extra func(out []Statement, u Use, c *context) []Statement

	position int // index in Catalog
}

var (
	allResources  = []string{"*"}
	s3FilesClient = []string{"s3files:ClientMount", "s3files:ClientWrite"}
)

func stmt(sid string, resources []string, actions ...string) Statement {
	return Statement{Sid: sid, Actions: actions, Resources: resources}
}

var (
	logsActions = []string{"logs:CreateLogGroup", "logs:CreateLogStream", "logs:PutLogEvents"}
	// The actions Lambda uses to attach a function to a VPC's subnets.
	vpcENIActions = []string{
		"ec2:CreateNetworkInterface", "ec2:DescribeNetworkInterfaces", "ec2:DescribeSubnets",
		"ec2:DeleteNetworkInterface", "ec2:AssignPrivateIpAddresses", "ec2:UnassignPrivateIpAddresses",
	}
	xrayActions = []string{
		"xray:PutTraceSegments", "xray:PutTelemetryRecords", "xray:GetSamplingRules",
		"xray:GetSamplingTargets", "xray:GetSamplingStatisticSummaries",
	}
)

func concat(lists ...[]string) []string {
	var out []string
	for _, l := range lists {
		out = append(out, l...)
	}
	return out
}

// Catalog is every feature, in catalog order.
var Catalog = []Definition{
	{
		ID:        BasicLogs,
		From:      Recognition{Always: true},
		LogScoped: true,
		Title:     "CloudWatch Logs",
		Doc:       "Creates the function's log group and streams and writes log events (logs:CreateLogGroup, logs:CreateLogStream, logs:PutLogEvents). Least privilege: only the function's own log group, with logs:CreateLogGroup on both forms of its ARN, log-group:<name> (the resource type the Service Authorization Reference lists for CreateLogGroup) and log-group:<name>:* (the form the CloudWatch Logs User Guide, \"CloudWatch Logs resources and operations\", gives for IAM policies of every action but tagging); no logs:CreateLogGroup when the stack creates the group.",
		Policy:    ManagedPolicy{"AWSLambdaBasicExecutionRole", "/service-role/"},
		Grants:    []Statement{stmt("", allResources, logsActions...)},
		Scoped:    scopedLogs,
	},
	{
		ID:        Durable,
		From:      Recognition{Property: "durableConfig", KeyField: "kmsKeyArn", What: "is a durable function", Constructor: "Durable()", Required: []string{"lambda:CheckpointDurableExecution", "lambda:GetDurableExecutionState"}},
		LogScoped: true, FunctionScoped: true,
		Title:    "Durable execution",
		Doc:      "Logs as BasicLogs, plus lambda:CheckpointDurableExecution and lambda:GetDurableExecutionState for durable functions. Least privilege: the function's own durable executions, function:<name>:* (a durable execution belongs to a version: the unqualified ARN never matches; Lambda Developer Guide, \"Security and permissions for durable functions\"). In both modes, with a customer managed key on the durable configuration (DurableWithKey(key)), kms:Decrypt on it through Lambda only (kms:ViaService lambda.<region>.amazonaws.com; \"Encryption of durable execution data\"): the key policy must also let Lambda use it.",
		Policy:   ManagedPolicy{"AWSLambdaBasicDurableExecutionRolePolicy", "/service-role/"},
		Grants:   []Statement{stmt("", allResources, concat(logsActions, []string{"lambda:CheckpointDurableExecution", "lambda:GetDurableExecutionState"})...)},
		Replaces: []ID{BasicLogs},
		Needs:    "the function's name, to scope its durable executions",
		Scoped:   scopedDurable,
		Extra:    durableKeyExtra,
	},
	{
		ID:     Tracing,
		From:   Recognition{Property: "tracingConfig", Key: "mode", Equals: "Active", What: "has active X-Ray tracing", Constructor: "Tracing()", Required: []string{"xray:PutTraceSegments", "xray:PutTelemetryRecords"}},
		Title:  "AWS X-Ray tracing",
		Doc:    "Sends trace segments and telemetry to X-Ray and reads sampling rules (xray:PutTraceSegments, xray:PutTelemetryRecords, xray:GetSamplingRules, xray:GetSamplingTargets, xray:GetSamplingStatisticSummaries). X-Ray supports no resource-level permissions: Resource is \"*\" in both modes.",
		Policy: ManagedPolicy{"AWSXRayDaemonWriteAccess", "/"},
		Grants: []Statement{stmt("", allResources, xrayActions...)},
		Scoped: scopedTracing,
	},
	{
		ID:     VPC,
		From:   Recognition{Property: "vpcConfig", Key: "subnetIds", What: "is attached to a VPC", Constructor: "VPC()", Required: eniActions},
		Title:  "VPC access",
		Doc:    "Creates, describes and deletes the function's elastic network interfaces and assigns their private addresses (ec2:CreateNetworkInterface, ec2:DescribeNetworkInterfaces, ec2:DescribeSubnets, ec2:DeleteNetworkInterface, ec2:AssignPrivateIpAddresses, ec2:UnassignPrivateIpAddresses), and writes logs. Least privilege: interfaces, subnets and security groups in the role's region and account (or the subnets and security groups given); Describe* on \"*\" as EC2 supports no resource-level permission for them.",
		Policy: ManagedPolicy{"AWSLambdaVPCAccessExecutionRole", "/service-role/"},
		Grants: []Statement{stmt("AWSLambdaVPCAccessExecutionPermissions", allResources, concat(logsActions, vpcENIActions)...)},
		Scoped: scopedVPC,
	},
	{
		ID:        VPCNetworkInterfaces,
		Title:     "VPC network interfaces",
		Doc:       "The network-interface actions of VPC without the logs actions (AWSLambdaENIManagementAccess): for roles whose logs are granted otherwise.",
		Policy:    ManagedPolicy{"AWSLambdaENIManagementAccess", "/service-role/"},
		Conflicts: []ID{VPC},
		Grants:    []Statement{stmt("", allResources, "ec2:CreateNetworkInterface", "ec2:DescribeNetworkInterfaces", "ec2:DeleteNetworkInterface", "ec2:AssignPrivateIpAddresses", "ec2:UnassignPrivateIpAddresses")},
		Scoped:    scopedVPC,
	},
	{
		ID:     SQS,
		From:   Recognition{Source: "sqs", What: "has an SQS event source", Constructor: "SQS(queue)", Required: []string{"sqs:ReceiveMessage", "sqs:DeleteMessage", "sqs:GetQueueAttributes"}},
		Shape:  queueShape,
		Title:  "Amazon SQS event source",
		Doc:    "Receives and deletes messages and reads queue attributes (sqs:ReceiveMessage, sqs:DeleteMessage, sqs:GetQueueAttributes), and writes logs. Least privilege: the given queues, plus kms:Decrypt on their customer managed keys.",
		Policy: ManagedPolicy{"AWSLambdaSQSQueueExecutionRole", "/service-role/"},
		Grants: []Statement{stmt("", allResources, concat([]string{"sqs:ReceiveMessage", "sqs:DeleteMessage", "sqs:GetQueueAttributes"}, logsActions)...)},
		Needs:  "the queue (SQS(queue) or SQSArns(arn))",
		Scoped: scopedSQS,
		Extra:  decryptExtra("SQSDecrypt"),
		// The Developer Guide ("Using Lambda with Amazon SQS", execution role permissions)
		// names ReceiveMessage, DeleteMessage and GetQueueAttributes; GrantConsumeMessages,
		// which the SQS event source calls, also gives these two.
		Superseded: []string{"sqs:ChangeMessageVisibility", "sqs:GetQueueUrl"},
	},
	{
		ID:     Kinesis,
		From:   Recognition{Source: "kinesis", What: "has a Kinesis event source", Constructor: "Kinesis(stream)", Required: []string{"kinesis:GetRecords", "kinesis:GetShardIterator", "kinesis:DescribeStream", "kinesis:ListShards"}},
		Shape:  streamShape,
		Title:  "Amazon Kinesis event source",
		Doc:    "Reads shards and records of a data stream, including enhanced fan-out (kinesis:DescribeStream, kinesis:DescribeStreamSummary, kinesis:GetRecords, kinesis:GetShardIterator, kinesis:ListShards, kinesis:ListStreams, kinesis:SubscribeToShard), and writes logs. Least privilege: the given streams and their consumers, plus kms:Decrypt on their keys; kinesis:ListStreams needs \"*\".",
		Policy: ManagedPolicy{"AWSLambdaKinesisExecutionRole", "/service-role/"},
		Grants: []Statement{stmt("", allResources, concat([]string{"kinesis:DescribeStream", "kinesis:DescribeStreamSummary", "kinesis:GetRecords", "kinesis:GetShardIterator", "kinesis:ListShards", "kinesis:ListStreams", "kinesis:SubscribeToShard"}, logsActions)...)},
		Needs:  "the stream (Kinesis(stream) or KinesisArns(arn))",
		Scoped: scopedKinesis,
		Extra:  decryptExtra("KinesisDecrypt"),
		// AWSLambdaKinesisExecutionRole, the policy AWS names for Kinesis sources with or
		// without enhanced fan-out, lacks it; the stream's GrantRead, which the event source
		// calls, gives it.
		Superseded: []string{"kinesis:DescribeStreamConsumer"},
	},
	{
		ID:     DynamoDBStreams,
		From:   Recognition{Source: "dynamodb", What: "has a DynamoDB Streams event source", Constructor: "DynamoDBStreams(table)", Required: []string{"dynamodb:DescribeStream", "dynamodb:GetRecords", "dynamodb:GetShardIterator", "dynamodb:ListStreams"}},
		Shape:  tableStreamShape,
		Title:  "DynamoDB Streams event source",
		Doc:    "Reads a table's stream (dynamodb:DescribeStream, dynamodb:GetRecords, dynamodb:GetShardIterator, dynamodb:ListStreams), and writes logs. Least privilege: the given table streams; dynamodb:ListStreams needs \"*\".",
		Policy: ManagedPolicy{"AWSLambdaDynamoDBExecutionRole", "/service-role/"},
		Grants: []Statement{stmt("", allResources, concat([]string{"dynamodb:DescribeStream", "dynamodb:GetRecords", "dynamodb:GetShardIterator", "dynamodb:ListStreams"}, logsActions)...)},
		Needs:  "the table stream (DynamoDBStreams(table) or DynamoDBStreamArns(arn))",
		Scoped: scopedDynamoDBStreams,
		Extra:  decryptExtra("DynamoDBStreamsDecrypt"),
	},
	{
		ID:     MSK,
		From:   Recognition{Source: "kafka", SourceSecrets: true, SourceTopics: true, What: "has an Amazon MSK event source", Constructor: "MSKArns(clusterArn)", Required: concat([]string{"kafka:DescribeCluster", "kafka:GetBootstrapBrokers"}, eniActions)},
		Shape:  mskClusterShape,
		Title:  "Amazon MSK event source",
		Doc:    "Describes the cluster and its bootstrap brokers (kafka:DescribeCluster, kafka:DescribeClusterV2, kafka:GetBootstrapBrokers), manages network interfaces in the cluster's VPC (ec2:CreateNetworkInterface, ec2:DescribeNetworkInterfaces, ec2:DescribeVpcs, ec2:DeleteNetworkInterface, ec2:DescribeSubnets, ec2:DescribeSecurityGroups), and writes logs. Least privilege: the given clusters; network-interface actions in the role's region and account. In both modes, per the Lambda Developer Guide's \"Configuring Lambda permissions for Amazon MSK event source mappings\": with SASL/SCRAM or mutual TLS, the secret (secretsmanager:GetSecretValue) and its key (kms:Decrypt), and kafka:ListScramSecrets on the cluster, which the page lists for SASL/SCRAM (a use names its secret, not the kind of it: mutual TLS gets it too); with IAM access control, kafka-cluster:Connect on the cluster and read access to the topics and consumer groups (topics in any cluster of the account and region when the cluster ARN is a token).",
		Policy: ManagedPolicy{"AWSLambdaMSKExecutionRole", "/service-role/"},
		Grants: []Statement{stmt("", allResources, concat([]string{"kafka:DescribeCluster", "kafka:DescribeClusterV2", "kafka:GetBootstrapBrokers", "ec2:CreateNetworkInterface", "ec2:DescribeNetworkInterfaces", "ec2:DescribeVpcs", "ec2:DeleteNetworkInterface", "ec2:DescribeSubnets", "ec2:DescribeSecurityGroups"}, logsActions)...)},
		Needs:  "the cluster ARN (MSKArns(arn))",
		Scoped: scopedMSK,
		Extra:  mskAuthExtra,
		// "Configuring Lambda permissions for Amazon MSK event source mappings" lists
		// kafka:ListScramSecrets for SASL/SCRAM only: the feature grants it with a secret, and a
		// mapping with IAM access control does not use the MSK event source's grant of it.
		Superseded: []string{"kafka:ListScramSecrets"},
	},
	{
		ID:     Insights,
		From:   Recognition{Layers: []string{"lambdainsights"}, What: "has the Lambda Insights extension", Constructor: "Insights()", Required: []string{"logs:CreateLogStream", "logs:PutLogEvents"}, RequiredIn: "lambda-insights"},
		Title:  "Lambda Insights",
		Doc:    "Lets the Lambda Insights extension create the /aws/lambda-insights log group and write to it.",
		Policy: ManagedPolicy{"CloudWatchLambdaInsightsExecutionRolePolicy", "/"},
		Grants: []Statement{
			stmt("", allResources, "logs:CreateLogGroup"),
			stmt("", []string{"arn:aws:logs:*:*:log-group:/aws/lambda-insights:*"}, "logs:CreateLogStream", "logs:PutLogEvents"),
		},
		Scoped: scopedInsights,
	},
	{
		ID:     ApplicationSignals,
		From:   Recognition{Layers: []string{"awsopentelemetrydistro"}, What: "has the Application Signals (AWS Distro for OpenTelemetry) layer", Constructor: "ApplicationSignals()", Required: []string{"xray:PutTraceSegments", "logs:PutLogEvents"}, RequiredIn: "application-signals"},
		Title:  "CloudWatch Application Signals",
		Doc:    "Sends traces to X-Ray (xray:PutTraceSegments) and writes to the /aws/application-signals/data log group, both only within the function's own account.",
		Policy: ManagedPolicy{"CloudWatchLambdaApplicationSignalsExecutionRolePolicy", "/"},
		Grants: []Statement{
			{Sid: "CloudWatchApplicationSignalsXrayWritePermissions", Actions: []string{"xray:PutTraceSegments"}, Resources: allResources, Conditions: ownAccount},
			{Sid: "CloudWatchApplicationSignalsLogGroupWritePermissions", Actions: logsActions, Resources: []string{"arn:aws:logs:*:*:log-group:/aws/application-signals/data:*"}, Conditions: ownAccount},
		},
		Scoped: scopedApplicationSignals,
	},
	{
		ID:     EFS,
		From:   Recognition{Property: "fileSystemConfigs", FileSystems: true, FileSystemService: "elasticfilesystem", What: "mounts an EFS file system", Constructor: "EFS(fileSystem)", Required: []string{"elasticfilesystem:ClientMount"}},
		Shape:  fileSystemShape,
		Title:  "Amazon EFS (read/write)",
		Doc:    "Mounts a file system and writes to it (elasticfilesystem:ClientMount, elasticfilesystem:ClientWrite, elasticfilesystem:DescribeMountTargets). Least privilege: the given file systems, limited to the given access points when there are any.",
		Policy: ManagedPolicy{"AmazonElasticFileSystemClientReadWriteAccess", "/"},
		Grants: []Statement{stmt("", allResources, "elasticfilesystem:ClientMount", "elasticfilesystem:ClientWrite", "elasticfilesystem:DescribeMountTargets")},
		Needs:  "the file system (EFS(fileSystem) or EFSArns(arn))",
		Scoped: scopedEFS, AccessPointShape: accessPointShape,
	},
	{
		ID:    S3Files,
		From:  Recognition{Property: "fileSystemConfigs", FileSystems: true, FileSystemService: "s3files", What: "mounts an S3 Files file system", Constructor: "S3FilesArns(fileSystemArn, accessPointArns...)", Required: []string{"s3files:ClientMount"}},
		Shape: s3FilesShape, AccessPointShape: s3FilesAccessPointShape,
		Title:  "Amazon S3 Files (read/write)",
		Doc:    "Mounts an S3 Files file system and writes to it (s3files:ClientMount, s3files:ClientWrite; Lambda Developer Guide, \"Configuring Amazon S3 Files access with Lambda\"). Least privilege: the given file systems, the only resource type the Service Authorization Reference lists for these actions, limited to the given access points with s3files:AccessPointArn. A function in a VPC needs VPC as well.",
		Policy: ManagedPolicy{"AmazonS3FilesClientReadWriteAccess", "/"},
		Grants: []Statement{stmt("S3FilesPermissions", allResources, "s3files:ClientMount", "s3files:ClientWrite")},
		Needs:  "the file system (S3FilesArns(fileSystemArn, accessPointArns...))",
		Scoped: scopedS3Files(s3FilesReadWrite),
		// FileSystem.fromS3FilesAccessPoint grants both on the file system, without the access
		// point, and s3files:ClientMount on the access point's ARN, which no Client* action
		// takes as its resource.
		Superseded: s3FilesClient,
	},
	{
		ID:        S3FilesReadOnly,
		Title:     "Amazon S3 Files (read-only)",
		Doc:       "Mounts an S3 Files file system for reading only (s3files:ClientMount). A function's configuration does not say it only reads: declare it (S3FilesReadOnlyArns) and it serves in place of the derived S3Files. Least privilege as S3Files.",
		Policy:    ManagedPolicy{"AmazonS3FilesClientReadOnlyAccess", "/"},
		Grants:    []Statement{stmt("S3FilesPermissions", allResources, "s3files:ClientMount")},
		Conflicts: []ID{S3Files},
		Shape:     s3FilesShape, AccessPointShape: s3FilesAccessPointShape,
		Needs:  "the file system (S3FilesReadOnlyArns(fileSystemArn, accessPointArns...))",
		Scoped: scopedS3Files(s3FilesRead),
		// What the user declares read-only stays so: aws-cdk-lib's read-write mount grant goes.
		Superseded: s3FilesClient,
	},
	{
		ID:    S3FilesDirectRead,
		From:  Recognition{Property: "fileSystemConfigs", FileSystems: true, FileSystemService: "s3files", DirectReads: true, What: "reads an S3 Files file system's objects directly from its bucket", Constructor: "S3FilesDirectRead(bucket)", Required: []string{"s3:GetObject", "s3:GetObjectVersion"}},
		Shape: bucketShape,
		Title: "Amazon S3 Files direct reads",
		Doc:   "Reads the objects of a mounted S3 Files file system's bucket directly (s3:GetObject, s3:GetObjectVersion on the bucket's objects), and kms:Decrypt on the bucket's customer managed key. Lambda reads directly with direct reads ENABLED, or AUTO (the default) on a function with 512 MB of memory or more, and falls back to the mount when it cannot (Lambda Developer Guide, \"Configuring Amazon S3 Files access with Lambda\").",
		Needs: "the file system's bucket (S3FilesDirectRead(bucket))", NeedsAlways: true,
		Scoped: scopedDirectRead,
	},
	{
		ID: MQ, Title: "Amazon MQ event source",
		From:        Recognition{Source: "mq", SourceSecrets: true, What: "has an Amazon MQ event source", Constructor: "MQ(brokerArn, secret)", Required: []string{"mq:DescribeBroker", "secretsmanager:GetSecretValue"}},
		Doc:         "Describes the broker (mq:DescribeBroker), reads its credentials (secretsmanager:GetSecretValue), manages network interfaces in its VPC (ec2:CreateNetworkInterface, ec2:DeleteNetworkInterface, ec2:DescribeNetworkInterfaces, ec2:DescribeSecurityGroups, ec2:DescribeSubnets, ec2:DescribeVpcs), and kms:Decrypt on the secret's customer managed key.",
		Needs:       "the broker ARN and its credentials secret (MQ(brokerArn, secret))",
		NeedsAlways: true, Shape: brokerShape,
		NeedsSecret: "the broker's credentials secret (MQ(brokerArn, secret))",
		Scoped:      scopedMQ,
	},
	{
		ID: Kafka, Title: "Self-managed Apache Kafka event source",
		From:        Recognition{Source: SelfManagedKafkaSource, SourceSecrets: true, SourceReach: true, What: "has a self-managed Apache Kafka event source", Constructor: "SelfManagedKafka(secret, inVPC)", Required: []string{"secretsmanager:GetSecretValue"}, RequiredWithSecrets: true},
		NoResources: "give the cluster's credentials secret instead (SelfManagedKafka(secret, inVPC), or Secrets in a Use): a self-managed cluster has no ARN",
		Doc:         "Reads the cluster's credentials (secretsmanager:GetSecretValue) and their key (kms:Decrypt), and manages network interfaces when the cluster is reached through the function's VPC.",
		Scoped:      scopedKafka,
	},
	{
		ID: DocumentDB, Title: "Amazon DocumentDB change stream event source",
		From:        Recognition{Source: "rds", SourceSecrets: true, What: "has a DocumentDB event source", Constructor: "DocumentDB(clusterArn, secret)", Required: []string{"rds:DescribeDBClusters", "secretsmanager:GetSecretValue"}},
		Doc:         "Describes the cluster, its parameters and subnet groups (rds:DescribeDBClusters, rds:DescribeDBClusterParameters, rds:DescribeDBSubnetGroups), reads its credentials (secretsmanager:GetSecretValue), manages network interfaces in its VPC, and kms:Decrypt on the secret's key.",
		Needs:       "the cluster ARN and its credentials secret (DocumentDB(clusterArn, secret))",
		NeedsAlways: true, Shape: docDBClusterShape,
		NeedsSecret: "the cluster's credentials secret (DocumentDB(clusterArn, secret))",
		Scoped:      scopedDocumentDB,
	},
	{
		ID: GlueSchemaRegistry, Title: "Kafka schema registry: AWS Glue",
		From:     Recognition{SchemaRegistry: "glue", What: "validates Kafka records with an AWS Glue schema registry", Constructor: "GlueSchemaRegistry(registryArn)", Required: []string{"glue:GetRegistry", "glue:GetSchemaVersion"}},
		Doc:      "Reads the registry (glue:GetRegistry) and its schema versions (glue:GetSchemaVersion) for an Amazon MSK or self-managed Kafka event source mapping that validates records with it (Lambda Developer Guide, \"Configuring Lambda permissions for Amazon MSK event source mappings\"). glue:GetSchemaVersion is on \"*\" in both modes, for the reason the wildcards table gives.",
		Unscoped: map[string]string{"glue:GetSchemaVersion": "Lambda looks a schema version up by the id each Kafka record carries, a request that names no registry: the AWS Glue Developer Guide grants glue:GetSchemaVersion to deserializers on \"*\""},
		Needs:    "the registry (GlueSchemaRegistry(registryArn))", NeedsAlways: true, Shape: glueRegistryShape,
		Scoped: scopedGlueSchemaRegistry,
	},
	{
		ID: ConfluentSchemaRegistry, Title: "Kafka schema registry: Confluent",
		From:        Recognition{SchemaRegistry: "confluent", What: "validates Kafka records with a Confluent schema registry", Constructor: "ConfluentSchemaRegistry(secrets...)", Required: []string{"secretsmanager:GetSecretValue"}, RequiredWithSecrets: true},
		Doc:         "Reads the secrets Lambda authenticates to the registry with, or trusts its certificate authority from (secretsmanager:GetSecretValue: BASIC_AUTH, CLIENT_CERTIFICATE_TLS_AUTH, SERVER_ROOT_CA_CERTIFICATE), and kms:Decrypt on their customer managed keys (Lambda Developer Guide, \"Configuring Lambda permissions for Amazon MSK event source mappings\"). A registry without authentication needs nothing.",
		NoResources: "give the registry's access secrets instead (ConfluentSchemaRegistry(secrets...), or Secrets in a Use): the registry is a URL",
		Scoped:      scopedConfluentSchemaRegistry,
	},
	{
		ID: DeadLetterQueue, Title: "Dead-letter queue (SQS)",
		From:  Recognition{DeadLetter: "sqs", What: "has a dead-letter queue", Constructor: "DeadLetterQueue(queue)", Required: []string{"sqs:SendMessage"}},
		Doc:   "Sends events that failed asynchronous invocation to the queue (sqs:SendMessage); kms:GenerateDataKey and kms:Decrypt on its customer managed key.",
		Needs: "the queue (DeadLetterQueue(queue))", NeedsAlways: true, Shape: queueShape,
		Scoped: sendTo("DeadLetterQueue", "sqs:SendMessage"),
	},
	{
		ID: DeadLetterTopic, Title: "Dead-letter topic (SNS)",
		From:  Recognition{DeadLetter: "sns", What: "has a dead-letter topic", Constructor: "DeadLetterTopic(topic)", Required: []string{"sns:Publish"}},
		Doc:   "Publishes events that failed asynchronous invocation to the topic (sns:Publish); kms:GenerateDataKey and kms:Decrypt on its customer managed key.",
		Needs: "the topic (DeadLetterTopic(topic))", NeedsAlways: true, Shape: topicShape,
		Scoped: sendTo("DeadLetterTopic", "sns:Publish"),
	},
	{
		ID: DestinationQueue, Title: "Destination: SQS queue",
		From:  Recognition{Destination: "sqs", What: "sends invocation records to a queue", Constructor: "DestinationQueue(queue)", Required: []string{"sqs:SendMessage"}},
		Doc:   "Sends invocation records to the queue (sqs:SendMessage); kms:GenerateDataKey and kms:Decrypt on its customer managed key.",
		Needs: "the queue (DestinationQueue(queue))", NeedsAlways: true, Shape: queueShape,
		Scoped: sendTo("DestinationQueue", "sqs:SendMessage"),
		// SqsDestination grants the queue's GrantSendMessages; "Capturing records of Lambda
		// asynchronous invocations" lists sqs:SendMessage, and the feature grants
		// kms:GenerateDataKey and kms:Decrypt on the queue's key.
		Superseded: []string{"sqs:GetQueueAttributes", "sqs:GetQueueUrl", "kms:Encrypt", "kms:ReEncrypt*", "kms:GenerateDataKey*"},
	},
	{
		ID: DestinationTopic, Title: "Destination: SNS topic",
		From:  Recognition{Destination: "sns", What: "sends invocation records to a topic", Constructor: "DestinationTopic(topic)", Required: []string{"sns:Publish"}},
		Doc:   "Publishes invocation records to the topic (sns:Publish); kms:GenerateDataKey and kms:Decrypt on its customer managed key.",
		Needs: "the topic (DestinationTopic(topic))", NeedsAlways: true, Shape: topicShape,
		Scoped: sendTo("DestinationTopic", "sns:Publish"),
	},
	{
		ID: DestinationFunction, Title: "Destination: Lambda function",
		From:  Recognition{Destination: "lambda", What: "sends invocation records to a function", Constructor: "DestinationFunction(fn)", Required: []string{"lambda:InvokeFunction"}},
		Doc:   "Invokes the function with invocation records (lambda:InvokeFunction).",
		Needs: "the function (DestinationFunction(fn))", NeedsAlways: true, Shape: functionShape,
		Scoped: sendTo("DestinationFunction", "lambda:InvokeFunction"),
	},
	{
		ID: DestinationEventBus, Title: "Destination: EventBridge event bus",
		From:  Recognition{Destination: "events", What: "sends invocation records to an event bus", Constructor: "DestinationEventBus(bus)", Required: []string{"events:PutEvents"}},
		Doc:   "Puts invocation records on the event bus (events:PutEvents).",
		Needs: "the event bus (DestinationEventBus(bus))", NeedsAlways: true, Shape: eventBusShape,
		Scoped: sendTo("DestinationEventBus", "events:PutEvents"),
	},
	{
		ID: DestinationBucket, Title: "Destination: S3 bucket",
		From:  Recognition{Destination: "s3", What: "sends invocation records to a bucket", Constructor: "DestinationBucket(bucket)", Required: []string{"s3:PutObject"}},
		Doc:   "Writes invocation records to the bucket (s3:PutObject on its objects, s3:ListBucket on the bucket); kms:GenerateDataKey and kms:Decrypt on its customer managed key.",
		Needs: "the bucket (DestinationBucket(bucket))", NeedsAlways: true, Shape: bucketShape,
		Scoped: scopedBucket,
		// S3OnFailureDestination grants the bucket's GrantReadWrite, on the bucket and its
		// objects; "Kafka on-failure destinations" lists s3:PutObject and s3:ListBucket, and
		// kms:GenerateDataKey for a customer managed key, which the feature grants on the
		// objects, the bucket and the key.
		Superseded: []string{"s3:GetObject*", "s3:GetBucket*", "s3:List*", "s3:DeleteObject*", "s3:PutObject", "s3:PutObject*", "s3:PutObjectLegalHold",
			"s3:PutObjectRetention", "s3:PutObjectTagging", "s3:PutObjectVersionTagging", "s3:Abort*",
			"kms:DescribeKey", "kms:Encrypt", "kms:ReEncrypt*", "kms:GenerateDataKey*"},
	},
	{
		ID: DestinationKafkaTopic, Title: "Destination: Kafka topic (Amazon MSK, IAM)",
		From:  Recognition{FailureTopic: true, What: "sends failed Kafka records to a topic", Constructor: "DestinationKafkaTopic(clusterArn, topic)", Required: []string{"kafka-cluster:Connect", "kafka-cluster:WriteData"}},
		Doc:   "Connects to the MSK cluster (kafka-cluster:Connect) and writes the records an event source mapping failed to process to a topic of it (kafka-cluster:DescribeTopic, kafka-cluster:WriteData), with IAM access control (Lambda Developer Guide, \"Kafka on-failure destinations\"); aws-cdk-lib's KafkaDlq grants nothing. With SASL/SCRAM or mutual TLS, Lambda writes with the mapping's secret, which MSK already grants. A topic in any cluster of the account and region when the cluster ARN is a token.",
		Needs: "the cluster and the topic (DestinationKafkaTopic(clusterArn, topic))", NeedsAlways: true, NeedsTopics: true, Shape: mskClusterShape,
		Scoped: scopedKafkaTopic,
	},
	{
		ID: EnvironmentKey, Title: "Environment variables KMS key",
		From:  Recognition{Property: "kmsKeyArn", PropertyIsResource: true, What: "encrypts its environment with a customer managed key", Constructor: "EnvironmentKey(key)", Required: []string{"kms:Decrypt"}},
		Doc:   "Decrypts the function's environment variables (kms:Decrypt) with the given customer managed key.",
		Needs: "the key (EnvironmentKey(key))", NeedsAlways: true, Shape: keyShape,
		Scoped: scopedEnvironmentKey,
	},
	{
		ID: Edge, Title: "Lambda@Edge",
		From:       Recognition{Edge: true, What: "is Lambda@Edge", Constructor: "Edge()"},
		Doc:        "Trusts edgelambda.amazonaws.com as well as lambda.amazonaws.com. Replicas log in the region that ran them: least-privilege logs go to /aws/lambda/us-east-1.<name> in every region.",
		Trust:      []string{"edgelambda.amazonaws.com"},
		Replicated: true,
		Scoped:     func(out []Statement, _ Use, _ *context) []Statement { return out },
	},
	{
		ID: ParametersAndSecrets, Title: "Parameters and Secrets extension",
		From:        Recognition{Layers: []string{"parameters-and-secrets", "paramsandsecrets"}, ResourcesUnknown: true, What: "has the Parameters and Secrets extension", Constructor: "ParametersAndSecrets(parameters, secrets), naming what the function reads,", Required: []string{"ssm:GetParameter", "ssm:GetParameters", "secretsmanager:GetSecretValue"}, AnyOf: true},
		Doc:         "Reads the given SSM parameters (ssm:GetParameter, ssm:GetParameters) and Secrets Manager secrets (secretsmanager:GetSecretValue), and kms:Decrypt on their customer managed keys.",
		Needs:       "the parameters or secrets (ParametersAndSecrets(parameters, secrets))",
		NeedsAlways: true, // it has no managed policy: without them the role would grant nothing
		NoResources: "give the parameters and secrets instead (ParametersAndSecrets(parameters, secrets), or Parameters and Secrets in a Use)",
		Scoped:      scopedParametersAndSecrets,
	},
}

var ownAccount = []Condition{{Operator: "StringEquals", Key: "aws:ResourceAccount", Values: []string{"${aws:PrincipalAccount}"}}}

var byID = func() map[ID]*Definition {
	m := make(map[ID]*Definition, len(Catalog))
	for i := range Catalog {
		Catalog[i].position = i
		m[Catalog[i].ID] = &Catalog[i]
	}
	return m
}()

// Lookup returns the catalog row of a feature.
func Lookup(id ID) (*Definition, bool) {
	d, ok := byID[id]
	return d, ok
}
