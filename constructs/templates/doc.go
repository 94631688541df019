// Package templates holds the AWS SAM policy templates and the Lambda console's execution-role
// policy templates as typed Go functions that return permissions.Statement values.
//
// Each SAM template is a function with SAM's name and SAM's parameters, in SAM's order, as
// strings: SQSPollerPolicy(queueName), DynamoDBCrudPolicy(tableName),
// CloudWatchPutMetricPolicy(). The names keep SAM's spelling, "_v2" suffixes and "Acm"
// included (KMSEncryptPolicy_v2, AcmGetCertificatePolicy), so a template is found by the name
// a SAM user knows. Each console template is a function named Console... (ConsoleSQSPoller,
// ConsoleMicroservice) registered under the title the Lambda Developer Guide gives it ("SQS
// Poller permissions", "Simple Microservice permissions").
//
// Parameter values may be literals or CDK token strings such as *queue.QueueName(); they are
// placed into the ARN patterns as they are. ARNs use the placeholders permissions.Partition,
// permissions.Region and permissions.AccountID, the pseudo parameters SAM's Fn::Sub patterns
// use, so a statement is right in any partition, region and account.
//
// How SAM's definitions map to Go: every SAM template is built from Fn::Sub over its
// parameters (Ref) and the pseudo parameters AWS::Partition, AWS::Region and AWS::AccountId,
// which become string concatenation. Where SAM substitutes a parameter alone ("${secretArn}"),
// the parameter is the whole resource and must be a full ARN
// (AWSSecretsManagerGetSecretValuePolicy, AcmGetCertificatePolicy). Where SAM puts a Fn::Sub
// in a condition (AWSSecretsManagerRotationPolicy, EFSWriteAccessPolicy), the condition value is
// built the same way. SAM's templates use no Fn::If, AWS::NoValue or other intrinsic. Where a
// SAM template scopes an action for which the Service Authorization Reference lists no resource
// type, or lists a name that is not an IAM action, the function keeps SAM's statement and its
// documentation says so.
//
// The console templates come in two groups: the execution-role templates the console offers
// when it creates a role (basic logging, VPC access, Kinesis and DynamoDB stream pollers,
// Lambda@Edge logging, SNS and SQS dead-letter targets) and the blueprint templates it applies
// with a blueprint. Where the console writes a placeholder (a queue, stream, table, topic or
// log group name), the function takes it as a parameter. Where the console grants "*" on a
// resource type that IAM can scope, the function takes that resource as a parameter and its
// documentation states the console's wider grant; where IAM cannot scope an action (ec2
// Describe actions, Rekognition's image analysis), the statement stays on "*". Literal
// "arn:aws:" prefixes become partition-aware. The console's user policies, which let people
// configure triggers in the console, are not execution-role policies and are left out.
//
// SAM, Console and Lookup expose the templates as Template rows, whose Render binds parameters
// by name, for tools and tests that iterate; Markdown lists them for the README.
package templates
