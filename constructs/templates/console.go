package templates

import "github.com/execrole/execrole/constructs/permissions"

// consoleTemplates lists the Lambda console's policy templates under the titles the Lambda
// Developer Guide gives them: first the execution-role templates, then the blueprint templates.
var consoleTemplates = []Template{
	define1(SourceConsole, "Basic Lambda Permissions",
		"Create the account's log groups; write the log streams of one log group",
		ConsoleBasicExecution, "LogGroupName"),
	define0(SourceConsole, "Lambda VPC Access Permissions",
		"Create, describe and delete network interfaces",
		ConsoleVPCAccess),
	define2(SourceConsole, "Lambda Kinesis stream poller permissions",
		"Invoke one function; list Kinesis streams and read one",
		ConsoleKinesisPoller, "FunctionName", "StreamName"),
	define2(SourceConsole, "Lambda DynamoDB stream poller permissions",
		"Invoke one function; read the streams of one DynamoDB table",
		ConsoleDynamoDBPoller, "FunctionName", "TableName"),
	define0(SourceConsole, "Basic Edge Lambda permissions",
		"Create and write CloudWatch Logs log groups and streams in every region",
		ConsoleEdgeBasicExecution),
	define1(SourceConsole, "Dead letter queue SNS permissions",
		"Publish failed events to one SNS topic",
		ConsoleDeadLetterSNS, "TopicName"),
	define1(SourceConsole, "Dead letter queue SQS permissions",
		"Send failed events to one SQS queue",
		ConsoleDeadLetterSQS, "QueueName"),

	define1(SourceConsole, "CloudFormation stack read-only permissions",
		"Describe one CloudFormation stack",
		ConsoleCloudFormationReadOnly, "StackName"),
	define0(SourceConsole, "AMI read-only permissions",
		"Describe Amazon Machine Images",
		ConsoleAMIReadOnly),
	define1(SourceConsole, "KMS decryption permissions",
		"Decrypt with one KMS key",
		ConsoleKMSDecrypt, "KeyId"),
	define1(SourceConsole, "S3 object read-only permissions",
		"Read the objects of one S3 bucket",
		ConsoleS3ObjectReadOnly, "BucketName"),
	define1(SourceConsole, "Elasticsearch permissions",
		"Send POST requests to one OpenSearch (Elasticsearch) domain",
		ConsoleElasticsearch, "DomainName"),
	define1(SourceConsole, "SES bounce permissions",
		"Send bounce messages from one SES identity",
		ConsoleSESBounce, "IdentityName"),
	define2(SourceConsole, "Test Harness permissions",
		"Write items to one DynamoDB table; invoke one function",
		ConsoleTestHarness, "TableName", "FunctionName"),
	define1(SourceConsole, "Simple Microservice permissions",
		"Read, write, scan and delete the items of one DynamoDB table",
		ConsoleMicroservice, "TableName"),
	define0(SourceConsole, "VPN Connection Monitor permissions",
		"Publish CloudWatch metrics; describe Regions and VPN connections",
		ConsoleVPNMonitor),
	define2(SourceConsole, "SQS Poller permissions",
		"Receive and delete the messages of one SQS queue; invoke one function",
		ConsoleSQSPoller, "QueueName", "FunctionName"),
	define1(SourceConsole, "AWS IoT Button permissions",
		"Create, configure, subscribe to and publish to one SNS topic",
		ConsoleIoTButton, "TopicName"),
	define0(SourceConsole, "Amazon Rekognition no data permissions",
		"Compare and detect faces and labels with Rekognition",
		ConsoleRekognitionNoData),
	define1(SourceConsole, "Amazon Rekognition read-only permissions",
		"List Rekognition collections; list and search faces in one collection",
		ConsoleRekognitionReadOnly, "CollectionId"),
	define1(SourceConsole, "Amazon Rekognition write-only permissions",
		"Create Rekognition collections; index faces into one collection",
		ConsoleRekognitionWriteOnly, "CollectionId"),
}

// ConsoleBasicExecution is the console's "Basic Lambda Permissions" template: it grants
// logs:CreateLogGroup on the log groups of the stack's account and region, and
// logs:CreateLogStream and logs:PutLogEvents on the log streams of the log group logGroupName.
// The console fills its [[logGroups]] placeholder with the function's log group,
// "/aws/lambda/" followed by the function name; pass that, or the function's custom log group.
func ConsoleBasicExecution(logGroupName string) []permissions.Statement {
	return []permissions.Statement{{
		Actions:   []string{"logs:CreateLogGroup"},
		Resources: []string{permissions.ARN("logs", "*")},
	}, {
		Actions:   []string{"logs:CreateLogStream", "logs:PutLogEvents"},
		Resources: []string{permissions.LogGroupARN(logGroupName)},
	}}
}

// ConsoleVPCAccess is the console's "Lambda VPC Access Permissions" template: it grants
// ec2:CreateNetworkInterface, DescribeNetworkInterfaces and DeleteNetworkInterface on "*", so
// Lambda can attach the function to a VPC. It is fixed: Lambda creates the network interfaces,
// so their IDs are not known in advance.
func ConsoleVPCAccess() []permissions.Statement {
	return []permissions.Statement{{
		Actions: []string{
			"ec2:CreateNetworkInterface",
			"ec2:DeleteNetworkInterface",
			"ec2:DescribeNetworkInterfaces",
		},
		Resources: []string{"*"},
	}}
}

// ConsoleKinesisPoller is the console's "Lambda Kinesis stream poller permissions" template:
// it grants lambda:InvokeFunction on functionName and every function whose name starts with it
// (the console writes function:name*), kinesis:ListStreams on the streams of the stack's
// account and region, and kinesis:DescribeStream, GetRecords and GetShardIterator on the stream
// streamName. The InvokeFunction statement comes from the console's original event-source
// model; the template predates actions today's event source mappings use, such as
// kinesis:ListShards and SubscribeToShard (see the AWSLambdaKinesisExecutionRole managed
// policy).
func ConsoleKinesisPoller(functionName, streamName string) []permissions.Statement {
	return []permissions.Statement{{
		Actions:   []string{"lambda:InvokeFunction"},
		Resources: []string{permissions.ARN("lambda", "function:"+functionName+"*")},
	}, {
		Actions:   []string{"kinesis:ListStreams"},
		Resources: []string{permissions.ARN("kinesis", "stream/*")},
	}, {
		Actions:   []string{"kinesis:DescribeStream", "kinesis:GetRecords", "kinesis:GetShardIterator"},
		Resources: []string{permissions.ARN("kinesis", "stream/"+streamName)},
	}}
}

// ConsoleDynamoDBPoller is the console's "Lambda DynamoDB stream poller permissions" template:
// it grants lambda:InvokeFunction on functionName and every function whose name starts with
// it, and dynamodb:DescribeStream, GetRecords, GetShardIterator and ListStreams on every stream
// of the table tableName (table/tableName/stream/*), so the role keeps working when the
// table's stream is re-created.
func ConsoleDynamoDBPoller(functionName, tableName string) []permissions.Statement {
	return []permissions.Statement{{
		Actions:   []string{"lambda:InvokeFunction"},
		Resources: []string{permissions.ARN("lambda", "function:"+functionName+"*")},
	}, {
		Actions: []string{
			"dynamodb:DescribeStream",
			"dynamodb:GetRecords",
			"dynamodb:GetShardIterator",
			"dynamodb:ListStreams",
		},
		Resources: []string{permissions.ARN("dynamodb", "table/"+tableName+"/stream/*")},
	}}
}

// ConsoleEdgeBasicExecution is the console's "Basic Edge Lambda permissions" template for
// Lambda@Edge: it grants logs:CreateLogGroup, CreateLogStream and PutLogEvents on every log
// group and stream, in every region and account of the partition (arn:...:logs:*:*:*). It
// stays that wide on purpose: a Lambda@Edge function writes its logs in the region of the edge
// location that ran it.
func ConsoleEdgeBasicExecution() []permissions.Statement {
	return []permissions.Statement{{
		Actions:   []string{"logs:CreateLogGroup", "logs:CreateLogStream", "logs:PutLogEvents"},
		Resources: []string{"arn:" + permissions.Partition + ":logs:*:*:*"},
	}}
}

// ConsoleDeadLetterSNS is the console's "Dead letter queue SNS permissions" template: it grants
// sns:Publish on the topic topicName, the function's dead-letter target, as SAM's
// SNSPublishMessagePolicy does.
func ConsoleDeadLetterSNS(topicName string) []permissions.Statement {
	return SNSPublishMessagePolicy(topicName)
}

// ConsoleDeadLetterSQS is the console's "Dead letter queue SQS permissions" template: it grants
// sqs:SendMessage on the queue queueName, the function's dead-letter queue.
func ConsoleDeadLetterSQS(queueName string) []permissions.Statement {
	return []permissions.Statement{{
		Actions:   []string{"sqs:SendMessage"},
		Resources: []string{permissions.ARN("sqs", queueName)},
	}}
}

// ConsoleCloudFormationReadOnly is the console's "CloudFormation stack read-only permissions"
// blueprint template: it grants cloudformation:DescribeStacks on the stack stackName
// (stack/stackName/*, every stack ID of that name). The console grants it on "*".
func ConsoleCloudFormationReadOnly(stackName string) []permissions.Statement {
	return []permissions.Statement{{
		Actions:   []string{"cloudformation:DescribeStacks"},
		Resources: []string{permissions.ARN("cloudformation", "stack/"+stackName+"/*")},
	}}
}

// ConsoleAMIReadOnly is the console's "AMI read-only permissions" blueprint template: it grants
// ec2:DescribeImages on "*" (the action takes no resource), as SAM's AMIDescribePolicy does.
func ConsoleAMIReadOnly() []permissions.Statement {
	return AMIDescribePolicy()
}

// ConsoleKMSDecrypt is the console's "KMS decryption permissions" blueprint template: it
// grants kms:Decrypt with the KMS key keyID (a key ID) in the stack's account and region. The
// console grants it on "*", every key whose key policy allows the account; SAM's
// KMSDecryptPolicy grants the same.
func ConsoleKMSDecrypt(keyID string) []permissions.Statement {
	return KMSDecryptPolicy(keyID)
}

// ConsoleS3ObjectReadOnly is the console's "S3 object read-only permissions" blueprint
// template: it grants s3:GetObject on the objects of the bucket bucketName. The console grants
// it on every bucket (arn:aws:s3:::*).
func ConsoleS3ObjectReadOnly(bucketName string) []permissions.Statement {
	return []permissions.Statement{{
		Actions:   []string{"s3:GetObject"},
		Resources: []string{permissions.GlobalARN("s3", "", bucketName+"/*")},
	}}
}

// ConsoleElasticsearch is the console's "Elasticsearch permissions" blueprint template: it
// grants es:ESHttpPost on every path of the Amazon OpenSearch Service (Elasticsearch) domain
// domainName. The console grants it on "*".
func ConsoleElasticsearch(domainName string) []permissions.Statement {
	return []permissions.Statement{{
		Actions:   []string{"es:ESHttpPost"},
		Resources: []string{permissions.ARN("es", "domain/"+domainName+"/*")},
	}}
}

// ConsoleSESBounce is the console's "SES bounce permissions" blueprint template: it grants
// ses:SendBounce on the SES identity identityName (an email address or domain). The console
// grants it on "*"; SAM's SESSendBouncePolicy grants the same.
func ConsoleSESBounce(identityName string) []permissions.Statement {
	return SESSendBouncePolicy(identityName)
}

// ConsoleTestHarness is the console's "Test Harness permissions" blueprint template: it grants
// dynamodb:PutItem on the table tableName, where the harness records results, and
// lambda:InvokeFunction on the function under test, functionName. The console grants them on
// every table and every function of the account and region.
func ConsoleTestHarness(tableName, functionName string) []permissions.Statement {
	return []permissions.Statement{{
		Actions:   []string{"dynamodb:PutItem"},
		Resources: []string{permissions.ARN("dynamodb", "table/"+tableName)},
	}, {
		Actions:   []string{"lambda:InvokeFunction"},
		Resources: []string{permissions.ARN("lambda", "function:"+functionName)},
	}}
}

// ConsoleMicroservice is the console's "Simple Microservice permissions" blueprint template:
// it grants dynamodb:GetItem, PutItem, UpdateItem, DeleteItem and Scan on the table tableName.
// The console grants them on every table of the account and region, because its blueprint
// takes the table name from each request; pass "*" for that.
func ConsoleMicroservice(tableName string) []permissions.Statement {
	return []permissions.Statement{{
		Actions: []string{
			"dynamodb:DeleteItem",
			"dynamodb:GetItem",
			"dynamodb:PutItem",
			"dynamodb:Scan",
			"dynamodb:UpdateItem",
		},
		Resources: []string{permissions.ARN("dynamodb", "table/"+tableName)},
	}}
}

// ConsoleVPNMonitor is the console's "VPN Connection Monitor permissions" blueprint template:
// it grants cloudwatch:PutMetricData, ec2:DescribeRegions and ec2:DescribeVpnConnections on
// "*" (the EC2 actions take no resource; the metric's namespace is chosen at run time).
func ConsoleVPNMonitor() []permissions.Statement {
	return []permissions.Statement{{
		Actions:   []string{"cloudwatch:PutMetricData"},
		Resources: []string{"*"},
	}, {
		Actions:   []string{"ec2:DescribeRegions", "ec2:DescribeVpnConnections"},
		Resources: []string{"*"},
	}}
}

// ConsoleSQSPoller is the console's "SQS Poller permissions" blueprint template: it grants
// sqs:ReceiveMessage and DeleteMessage on the queue queueName, and lambda:InvokeFunction on
// functionName and every function whose name starts with it. The console grants the SQS
// actions on every queue (arn:aws:sqs:*). The blueprint polls the queue itself: an SQS event
// source mapping also needs sqs:GetQueueAttributes, which SQSPollerPolicy grants.
func ConsoleSQSPoller(queueName, functionName string) []permissions.Statement {
	return []permissions.Statement{{
		Actions:   []string{"sqs:DeleteMessage", "sqs:ReceiveMessage"},
		Resources: []string{permissions.ARN("sqs", queueName)},
	}, {
		Actions:   []string{"lambda:InvokeFunction"},
		Resources: []string{permissions.ARN("lambda", "function:"+functionName+"*")},
	}}
}

// ConsoleIoTButton is the console's "AWS IoT Button permissions" blueprint template: it grants
// sns:CreateTopic, SetTopicAttributes, Subscribe, ListSubscriptionsByTopic and Publish on the
// topic topicName, which the blueprint creates and notifies. The console grants them on "*".
func ConsoleIoTButton(topicName string) []permissions.Statement {
	return []permissions.Statement{{
		Actions: []string{
			"sns:ListSubscriptionsByTopic",
			"sns:CreateTopic",
			"sns:SetTopicAttributes",
			"sns:Subscribe",
			"sns:Publish",
		},
		Resources: []string{permissions.ARN("sns", topicName)},
	}}
}

// ConsoleRekognitionNoData is the console's "Amazon Rekognition no data permissions" blueprint
// template: it grants rekognition:CompareFaces, DetectFaces and DetectLabels on "*". It is
// fixed: these actions analyze the images in the request and take no resource.
func ConsoleRekognitionNoData() []permissions.Statement {
	return []permissions.Statement{{
		Actions: []string{
			"rekognition:CompareFaces",
			"rekognition:DetectFaces",
			"rekognition:DetectLabels",
		},
		Resources: []string{"*"},
	}}
}

// ConsoleRekognitionReadOnly is the console's "Amazon Rekognition read-only permissions"
// blueprint template: it grants rekognition:ListCollections on "*" (it takes no resource), and
// ListFaces, SearchFaces and SearchFacesByImage on the collection collectionID. The console
// grants all four on "*".
func ConsoleRekognitionReadOnly(collectionID string) []permissions.Statement {
	return []permissions.Statement{{
		Actions:   []string{"rekognition:ListCollections"},
		Resources: []string{"*"},
	}, {
		Actions: []string{
			"rekognition:ListFaces",
			"rekognition:SearchFaces",
			"rekognition:SearchFacesByImage",
		},
		Resources: []string{permissions.ARN("rekognition", "collection/"+collectionID)},
	}}
}

// ConsoleRekognitionWriteOnly is the console's "Amazon Rekognition write-only permissions"
// blueprint template: it grants rekognition:CreateCollection on "*" (it takes no resource) and
// IndexFaces on the collection collectionID. The console grants both on "*".
func ConsoleRekognitionWriteOnly(collectionID string) []permissions.Statement {
	return []permissions.Statement{{
		Actions:   []string{"rekognition:CreateCollection"},
		Resources: []string{"*"},
	}, {
		Actions:   []string{"rekognition:IndexFaces"},
		Resources: []string{permissions.ARN("rekognition", "collection/"+collectionID)},
	}}
}
