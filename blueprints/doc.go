// Package blueprints offers the Lambda console's blueprints as Go CDK constructs: each is a
// working function — handler code, trigger, log group — whose execution role builds itself
// from the features and policy templates the blueprint uses. The user never lists a policy.
//
//	poller := blueprints.NewSqsPoller(stack, jsii.String("Orders"), &blueprints.SqsPollerProps{BatchSize: 5})
//	// poller.Queue, poller.Function, poller.Role (an executionrole.ExecutionRole), poller.LogGroup
//
// or, as a ready stack:
//
//	blueprints.NewSqsPollerStack(app, "Orders", nil)
//
// The blueprints, their handlers (folders under handlers/) and what their roles hold:
//
//	construct                 handler                     trigger                        role
//	HelloWorld                hello_world (Python)        none                           basic logs
//	SqsPoller                 sqs_poller (Python)         SQS event source mapping       SQS feature
//	KinesisProcessRecord      kinesis_process_record      Kinesis event source mapping   Kinesis feature
//	DynamoDBProcessStream     dynamodb_process_stream     DynamoDB Streams mapping       DynamoDB Streams feature
//	MskConsumer               msk_consumer                Amazon MSK mapping             MSK feature, IAM or SCRAM access
//	S3GetObject               s3_get_object               S3 event notification          S3ReadPolicy template
//	SnsMessage                sns_message                 SNS subscription               basic logs
//	MicroserviceHttpEndpoint  microservice_http_endpoint  API Gateway HTTP API           DynamoDBCrudPolicy template
//	EdgeViewerRequest         edge_viewer_request (Node)  CloudFront viewer request      Lambda@Edge feature
//	ScheduledCanary           scheduled_canary            EventBridge schedule           CloudWatchPutMetricPolicy template
//	VpcFunction               vpc_function                none (in a VPC)                VPC feature
//	FirehoseTransform         firehose_transform          Firehose processor             basic logs
//
// Every blueprint embeds Base (the function, its role, its log group) and FunctionOptions in
// its props: LeastPrivilege switches the role from AWS managed policies to inline statements
// scoped to the blueprint's resources and log group. Each blueprint creates the resources
// its trigger needs (queue, stream, table, bucket, topic, VPC) unless its props bring
// existing ones.
//
// Event source mappings are made with Function.AddEventSourceMapping rather than the event
// source classes of awslambdaeventsources, which grant what the role's features already
// hold a second time (and, for Amazon MSK, attach a managed policy in least-privilege mode).
//
// Handlers are packaged from the handlers folder beside this package's source, found with
// runtime.Caller: build apps that use blueprints without -trimpath.
package blueprints
