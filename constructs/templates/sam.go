package templates

import "github.com/execrole/execrole/constructs/permissions"

// samTemplates lists the AWS SAM policy templates in SAM's order, each wrapping its function
// below with SAM's parameter names.
var samTemplates = []Template{
	define0(SourceSAM, "AMIDescribePolicy",
		"Describe Amazon Machine Images",
		AMIDescribePolicy),
	define1(SourceSAM, "AWSSecretsManagerGetSecretValuePolicy",
		"Read the value of one Secrets Manager secret",
		AWSSecretsManagerGetSecretValuePolicy, "SecretArn"),
	define1(SourceSAM, "AWSSecretsManagerRotationPolicy",
		"Rotate the Secrets Manager secrets whose rotation function is the named function",
		AWSSecretsManagerRotationPolicy, "FunctionName"),
	define1(SourceSAM, "AcmGetCertificatePolicy",
		"Retrieve one ACM certificate and its chain",
		AcmGetCertificatePolicy, "CertificateArn"),
	define1(SourceSAM, "AthenaQueryPolicy",
		"Run Athena queries in one workgroup",
		AthenaQueryPolicy, "WorkGroupName"),
	define0(SourceSAM, "CloudFormationDescribeStacksPolicy",
		"Describe the CloudFormation stacks of the account and region",
		CloudFormationDescribeStacksPolicy),
	define0(SourceSAM, "CloudWatchDashboardPolicy",
		"Read, list and write CloudWatch dashboards; list metrics",
		CloudWatchDashboardPolicy),
	define0(SourceSAM, "CloudWatchDescribeAlarmHistoryPolicy",
		"Read CloudWatch alarm history",
		CloudWatchDescribeAlarmHistoryPolicy),
	define0(SourceSAM, "CloudWatchPutMetricPolicy",
		"Publish CloudWatch metric data",
		CloudWatchPutMetricPolicy),
	define1(SourceSAM, "CodeCommitCrudPolicy",
		"Read and write one CodeCommit repository",
		CodeCommitCrudPolicy, "RepositoryName"),
	define1(SourceSAM, "CodeCommitReadPolicy",
		"Read one CodeCommit repository",
		CodeCommitReadPolicy, "RepositoryName"),
	define0(SourceSAM, "CodePipelineLambdaExecutionPolicy",
		"Report a CodePipeline job's success or failure",
		CodePipelineLambdaExecutionPolicy),
	define1(SourceSAM, "CodePipelineReadOnlyPolicy",
		"List the executions of one CodePipeline pipeline",
		CodePipelineReadOnlyPolicy, "PipelineName"),
	define0(SourceSAM, "ComprehendBasicAccessPolicy",
		"Detect entities, key phrases, language and sentiment with Comprehend",
		ComprehendBasicAccessPolicy),
	define0(SourceSAM, "CostExplorerReadOnlyPolicy",
		"Read Cost Explorer costs, usage and reservations",
		CostExplorerReadOnlyPolicy),
	define1(SourceSAM, "DynamoDBBackupFullAccessPolicy",
		"Create, describe and delete on-demand backups of one DynamoDB table",
		DynamoDBBackupFullAccessPolicy, "TableName"),
	define1(SourceSAM, "DynamoDBCrudPolicy",
		"Read and write the items of one DynamoDB table and its indexes",
		DynamoDBCrudPolicy, "TableName"),
	define1(SourceSAM, "DynamoDBReadPolicy",
		"Read the items of one DynamoDB table and its indexes",
		DynamoDBReadPolicy, "TableName"),
	define1(SourceSAM, "DynamoDBReconfigurePolicy",
		"Change the settings of one DynamoDB table",
		DynamoDBReconfigurePolicy, "TableName"),
	define1(SourceSAM, "DynamoDBRestoreFromBackupPolicy",
		"Restore one DynamoDB table from its backups",
		DynamoDBRestoreFromBackupPolicy, "TableName"),
	define2(SourceSAM, "DynamoDBStreamReadPolicy",
		"Read one DynamoDB stream",
		DynamoDBStreamReadPolicy, "StreamName", "TableName"),
	define1(SourceSAM, "DynamoDBWritePolicy",
		"Write the items of one DynamoDB table and its indexes",
		DynamoDBWritePolicy, "TableName"),
	define1(SourceSAM, "EC2CopyImagePolicy",
		"Copy one Amazon Machine Image",
		EC2CopyImagePolicy, "ImageId"),
	define0(SourceSAM, "EC2DescribePolicy",
		"Describe EC2 instances and Regions",
		EC2DescribePolicy),
	define2(SourceSAM, "EFSWriteAccessPolicy",
		"Mount one EFS file system with write access through one access point",
		EFSWriteAccessPolicy, "AccessPoint", "FileSystem"),
	define0(SourceSAM, "EKSDescribePolicy",
		"Describe and list EKS clusters",
		EKSDescribePolicy),
	define1(SourceSAM, "EcsRunTaskPolicy",
		"Run tasks from one ECS task definition",
		EcsRunTaskPolicy, "TaskDefinition"),
	define1(SourceSAM, "ElasticMapReduceAddJobFlowStepsPolicy",
		"Add steps to one running EMR cluster",
		ElasticMapReduceAddJobFlowStepsPolicy, "ClusterId"),
	define1(SourceSAM, "ElasticMapReduceCancelStepsPolicy",
		"Cancel pending steps of one EMR cluster",
		ElasticMapReduceCancelStepsPolicy, "ClusterId"),
	define1(SourceSAM, "ElasticMapReduceModifyInstanceFleetPolicy",
		"List and resize the instance fleets of one EMR cluster",
		ElasticMapReduceModifyInstanceFleetPolicy, "ClusterId"),
	define1(SourceSAM, "ElasticMapReduceModifyInstanceGroupsPolicy",
		"List and modify the instance groups of one EMR cluster",
		ElasticMapReduceModifyInstanceGroupsPolicy, "ClusterId"),
	define1(SourceSAM, "ElasticMapReduceSetTerminationProtectionPolicy",
		"Set the termination protection of one EMR cluster",
		ElasticMapReduceSetTerminationProtectionPolicy, "ClusterId"),
	define1(SourceSAM, "ElasticMapReduceTerminateJobFlowsPolicy",
		"Shut down one EMR cluster",
		ElasticMapReduceTerminateJobFlowsPolicy, "ClusterId"),
	define1(SourceSAM, "ElasticsearchHttpPostPolicy",
		"Send POST and PUT requests to one OpenSearch (Elasticsearch) domain",
		ElasticsearchHttpPostPolicy, "DomainName"),
	define1(SourceSAM, "EventBridgePutEventsPolicy",
		"Put events on one EventBridge event bus",
		EventBridgePutEventsPolicy, "EventBusName"),
	define1(SourceSAM, "FilterLogEventsPolicy",
		"Filter the log events of one CloudWatch Logs log group",
		FilterLogEventsPolicy, "LogGroupName"),
	define1(SourceSAM, "FirehoseCrudPolicy",
		"Create, write to, update and delete one Firehose delivery stream",
		FirehoseCrudPolicy, "DeliveryStreamName"),
	define1(SourceSAM, "FirehoseWritePolicy",
		"Write records to one Firehose delivery stream",
		FirehoseWritePolicy, "DeliveryStreamName"),
	define1(SourceSAM, "KMSDecryptPolicy",
		"Decrypt with one KMS key",
		KMSDecryptPolicy, "KeyId"),
	define1(SourceSAM, "KMSEncryptPolicy",
		"Encrypt with one KMS key",
		KMSEncryptPolicy, "KeyId"),
	define1(SourceSAM, "KMSEncryptPolicy_v2",
		"Encrypt and generate data keys with one KMS key",
		KMSEncryptPolicy_v2, "KeyId"),
	define1(SourceSAM, "KinesisCrudPolicy",
		"Create, write to, reshard, tag and delete one Kinesis data stream",
		KinesisCrudPolicy, "StreamName"),
	define1(SourceSAM, "KinesisStreamReadPolicy",
		"List Kinesis data streams and read one",
		KinesisStreamReadPolicy, "StreamName"),
	define1(SourceSAM, "LambdaInvokePolicy",
		"Invoke one Lambda function, its versions and aliases",
		LambdaInvokePolicy, "FunctionName"),
	define0(SourceSAM, "MobileAnalyticsWriteOnlyAccessPolicy",
		"Put Amazon Mobile Analytics events",
		MobileAnalyticsWriteOnlyAccessPolicy),
	define0(SourceSAM, "OrganizationsListAccountsPolicy",
		"List the accounts of the organization",
		OrganizationsListAccountsPolicy),
	define1(SourceSAM, "PinpointEndpointAccessPolicy",
		"Read and update the endpoints of one Pinpoint application",
		PinpointEndpointAccessPolicy, "PinpointApplicationId"),
	define1(SourceSAM, "PollyFullAccessPolicy",
		"Manage Polly lexicons and synthesize speech",
		PollyFullAccessPolicy, "LexiconName"),
	define0(SourceSAM, "RekognitionDetectOnlyPolicy",
		"Detect faces, labels, moderation labels and text with Rekognition",
		RekognitionDetectOnlyPolicy),
	define1(SourceSAM, "RekognitionFacesManagementPolicy",
		"Index, delete, list and search faces in one Rekognition collection",
		RekognitionFacesManagementPolicy, "CollectionId"),
	define0(SourceSAM, "RekognitionFacesPolicy",
		"Compare and detect faces with Rekognition",
		RekognitionFacesPolicy),
	define0(SourceSAM, "RekognitionLabelsPolicy",
		"Detect object and moderation labels with Rekognition",
		RekognitionLabelsPolicy),
	define1(SourceSAM, "RekognitionNoDataAccessPolicy",
		"Compare and detect faces and labels with Rekognition",
		RekognitionNoDataAccessPolicy, "CollectionId"),
	define1(SourceSAM, "RekognitionReadPolicy",
		"List Rekognition collections; list and search faces in one collection",
		RekognitionReadPolicy, "CollectionId"),
	define1(SourceSAM, "RekognitionWriteOnlyAccessPolicy",
		"Create a Rekognition collection and index faces into it",
		RekognitionWriteOnlyAccessPolicy, "CollectionId"),
	define1(SourceSAM, "Route53ChangeResourceRecordSetsPolicy",
		"Change the records of one Route 53 hosted zone",
		Route53ChangeResourceRecordSetsPolicy, "HostedZoneId"),
	define1(SourceSAM, "S3CrudPolicy",
		"Read, write and delete the objects of one S3 bucket",
		S3CrudPolicy, "BucketName"),
	define1(SourceSAM, "S3FullAccessPolicy",
		"Full access to the objects of one S3 bucket, ACLs and tags included",
		S3FullAccessPolicy, "BucketName"),
	define1(SourceSAM, "S3ReadPolicy",
		"Read the objects of one S3 bucket",
		S3ReadPolicy, "BucketName"),
	define1(SourceSAM, "S3WritePolicy",
		"Write the objects of one S3 bucket",
		S3WritePolicy, "BucketName"),
	define1(SourceSAM, "SESBulkTemplatedCrudPolicy",
		"Send email, templated and bulk templated email from one SES identity",
		SESBulkTemplatedCrudPolicy, "IdentityName"),
	define2(SourceSAM, "SESBulkTemplatedCrudPolicy_v2",
		"Send email, templated and bulk templated email from one SES identity with one template",
		SESBulkTemplatedCrudPolicy_v2, "IdentityName", "TemplateName"),
	define1(SourceSAM, "SESCrudPolicy",
		"Send email from and verify one SES identity",
		SESCrudPolicy, "IdentityName"),
	define0(SourceSAM, "SESEmailTemplateCrudPolicy",
		"Create, read, list, update, delete and test SES email templates",
		SESEmailTemplateCrudPolicy),
	define1(SourceSAM, "SESSendBouncePolicy",
		"Send bounce messages from one SES identity",
		SESSendBouncePolicy, "IdentityName"),
	define1(SourceSAM, "SNSCrudPolicy",
		"Create, configure, subscribe to and publish to SNS topics named with a prefix",
		SNSCrudPolicy, "TopicName"),
	define1(SourceSAM, "SNSPublishMessagePolicy",
		"Publish to one SNS topic",
		SNSPublishMessagePolicy, "TopicName"),
	define1(SourceSAM, "SQSPollerPolicy",
		"Receive, delete and change the visibility of the messages of one SQS queue",
		SQSPollerPolicy, "QueueName"),
	define1(SourceSAM, "SQSSendMessagePolicy",
		"Send messages to one SQS queue",
		SQSSendMessagePolicy, "QueueName"),
	define1(SourceSAM, "SSMParameterReadPolicy",
		"Read one SSM parameter whose name has no leading slash",
		SSMParameterReadPolicy, "ParameterName"),
	define1(SourceSAM, "SSMParameterWithSlashPrefixReadPolicy",
		"Read one SSM parameter whose name has a leading slash",
		SSMParameterWithSlashPrefixReadPolicy, "ParameterName"),
	define1(SourceSAM, "SageMakerCreateEndpointConfigPolicy",
		"Create one SageMaker endpoint configuration",
		SageMakerCreateEndpointConfigPolicy, "EndpointConfigName"),
	define1(SourceSAM, "SageMakerCreateEndpointPolicy",
		"Create one SageMaker endpoint",
		SageMakerCreateEndpointPolicy, "EndpointName"),
	define0(SourceSAM, "ServerlessRepoReadWriteAccessPolicy",
		"Create, update, read and list Serverless Application Repository applications",
		ServerlessRepoReadWriteAccessPolicy),
	define1(SourceSAM, "StepFunctionsCallbackPolicy",
		"Report the result or heartbeat of Step Functions callback tasks",
		StepFunctionsCallbackPolicy, "StateMachineName"),
	define1(SourceSAM, "StepFunctionsExecutionPolicy",
		"Start executions of one Step Functions state machine",
		StepFunctionsExecutionPolicy, "StateMachineName"),
	define1(SourceSAM, "StepFunctionsExecutionPolicy_v2",
		"Start standard and synchronous executions of one Step Functions state machine",
		StepFunctionsExecutionPolicy_v2, "StateMachineName"),
	define0(SourceSAM, "TextractDetectAnalyzePolicy",
		"Detect and analyze document text with Textract",
		TextractDetectAnalyzePolicy),
	define0(SourceSAM, "TextractGetResultPolicy",
		"Get Textract text detection and analysis results",
		TextractGetResultPolicy),
	define0(SourceSAM, "TextractPolicy",
		"Every Textract action",
		TextractPolicy),
	define0(SourceSAM, "VPCAccessPolicy",
		"Create, describe, detach and delete network interfaces",
		VPCAccessPolicy),
}

// AMIDescribePolicy grants ec2:DescribeImages, to list and describe Amazon Machine Images
// (AMIs). EC2 Describe actions take no resource, so the statement applies to "*".
func AMIDescribePolicy() []permissions.Statement {
	return []permissions.Statement{{
		Actions:   []string{"ec2:DescribeImages"},
		Resources: []string{"*"},
	}}
}

// AWSSecretsManagerGetSecretValuePolicy grants secretsmanager:GetSecretValue on the secret
// secretARN, to read its value. SAM uses the parameter as the whole resource (Fn::Sub
// "${secretArn}"), so secretARN is the secret's full ARN (such as *secret.SecretArn()), not its
// name.
func AWSSecretsManagerGetSecretValuePolicy(secretARN string) []permissions.Statement {
	return []permissions.Statement{{
		Actions:   []string{"secretsmanager:GetSecretValue"},
		Resources: []string{secretARN},
	}}
}

// AWSSecretsManagerRotationPolicy grants what a Secrets Manager rotation function needs:
// secretsmanager:DescribeSecret, GetSecretValue, PutSecretValue and UpdateSecretVersionStage on
// the secrets of the stack's account and region whose rotation function is functionName
// (condition StringEquals on secretsmanager:resource/AllowRotationLambdaArn, the function's ARN
// in the same account and region), and secretsmanager:GetRandomPassword, which takes no
// resource.
func AWSSecretsManagerRotationPolicy(functionName string) []permissions.Statement {
	return []permissions.Statement{{
		Actions: []string{
			"secretsmanager:DescribeSecret",
			"secretsmanager:GetSecretValue",
			"secretsmanager:PutSecretValue",
			"secretsmanager:UpdateSecretVersionStage",
		},
		Resources: []string{permissions.ARN("secretsmanager", "secret:*")},
		Conditions: []permissions.Condition{{
			Operator: "StringEquals",
			Key:      "secretsmanager:resource/AllowRotationLambdaArn",
			Values:   []string{permissions.ARN("lambda", "function:"+functionName)},
		}},
	}, {
		Actions:   []string{"secretsmanager:GetRandomPassword"},
		Resources: []string{"*"},
	}}
}

// AcmGetCertificatePolicy grants acm:GetCertificate on the certificate certificateARN, to
// retrieve it and its certificate chain. As in SAM, the parameter is the whole resource (Fn::Sub
// "${certificateArn}"): pass the certificate's full ARN.
func AcmGetCertificatePolicy(certificateARN string) []permissions.Statement {
	return []permissions.Statement{{
		Actions:   []string{"acm:GetCertificate"},
		Resources: []string{certificateARN},
	}}
}

// AthenaQueryPolicy grants what running Athena queries in the workgroup workGroupName needs:
// listing workgroups and reading the data catalog (catalogs, namespaces, tables, execution
// engines) on "*"; and starting, stopping, reading and listing query executions and named
// queries, and reading the workgroup, on the workgroup.
func AthenaQueryPolicy(workGroupName string) []permissions.Statement {
	return []permissions.Statement{{
		Actions: []string{
			"athena:ListWorkGroups",
			"athena:GetExecutionEngine",
			"athena:GetExecutionEngines",
			"athena:GetNamespace",
			"athena:GetCatalogs",
			"athena:GetNamespaces",
			"athena:GetTables",
			"athena:GetTable",
		},
		Resources: []string{"*"},
	}, {
		Actions: []string{
			"athena:StartQueryExecution",
			"athena:GetQueryResults",
			"athena:DeleteNamedQuery",
			"athena:GetNamedQuery",
			"athena:ListQueryExecutions",
			"athena:StopQueryExecution",
			"athena:GetQueryResultsStream",
			"athena:ListNamedQueries",
			"athena:CreateNamedQuery",
			"athena:GetQueryExecution",
			"athena:BatchGetNamedQuery",
			"athena:BatchGetQueryExecution",
			"athena:GetWorkGroup",
		},
		Resources: []string{permissions.ARN("athena", "workgroup/"+workGroupName)},
	}}
}

// CloudFormationDescribeStacksPolicy grants cloudformation:DescribeStacks on every stack of the
// stack's account and region.
func CloudFormationDescribeStacksPolicy() []permissions.Statement {
	return []permissions.Statement{{
		Actions:   []string{"cloudformation:DescribeStacks"},
		Resources: []string{permissions.ARN("cloudformation", "stack/*")},
	}}
}

// CloudWatchDashboardPolicy grants cloudwatch:GetDashboard, ListDashboards, PutDashboard and
// ListMetrics on "*": read, list, create and update any dashboard, and list metrics.
func CloudWatchDashboardPolicy() []permissions.Statement {
	return []permissions.Statement{{
		Actions: []string{
			"cloudwatch:GetDashboard",
			"cloudwatch:ListDashboards",
			"cloudwatch:PutDashboard",
			"cloudwatch:ListMetrics",
		},
		Resources: []string{"*"},
	}}
}

// CloudWatchDescribeAlarmHistoryPolicy grants cloudwatch:DescribeAlarmHistory on "*", to read
// the history of any alarm.
func CloudWatchDescribeAlarmHistoryPolicy() []permissions.Statement {
	return []permissions.Statement{{
		Actions:   []string{"cloudwatch:DescribeAlarmHistory"},
		Resources: []string{"*"},
	}}
}

// CloudWatchPutMetricPolicy grants cloudwatch:PutMetricData on "*", to publish custom metrics to
// any namespace.
func CloudWatchPutMetricPolicy() []permissions.Statement {
	return []permissions.Statement{{
		Actions:   []string{"cloudwatch:PutMetricData"},
		Resources: []string{"*"},
	}}
}

// CodeCommitCrudPolicy grants read and write access to the CodeCommit repository repositoryName:
// Git pull and push; branches, files, folders, commits, differences and references; merges and
// merge conflicts; pull requests and comments; tags, triggers and archives; and reading and
// describing the repository. SAM lists codecommit:GetBranch and codecommit:GetCommit twice; they
// appear once here.
func CodeCommitCrudPolicy(repositoryName string) []permissions.Statement {
	return []permissions.Statement{{
		Actions: []string{
			"codecommit:GitPull",
			"codecommit:GitPush",
			"codecommit:CreateBranch",
			"codecommit:DeleteBranch",
			"codecommit:GetBranch",
			"codecommit:ListBranches",
			"codecommit:MergeBranchesByFastForward",
			"codecommit:MergeBranchesBySquash",
			"codecommit:MergeBranchesByThreeWay",
			"codecommit:UpdateDefaultBranch",
			"codecommit:BatchDescribeMergeConflicts",
			"codecommit:CreateUnreferencedMergeCommit",
			"codecommit:DescribeMergeConflicts",
			"codecommit:GetMergeCommit",
			"codecommit:GetMergeOptions",
			"codecommit:BatchGetPullRequests",
			"codecommit:CreatePullRequest",
			"codecommit:DescribePullRequestEvents",
			"codecommit:GetCommentsForPullRequest",
			"codecommit:GetCommitsFromMergeBase",
			"codecommit:GetMergeConflicts",
			"codecommit:GetPullRequest",
			"codecommit:ListPullRequests",
			"codecommit:MergePullRequestByFastForward",
			"codecommit:MergePullRequestBySquash",
			"codecommit:MergePullRequestByThreeWay",
			"codecommit:PostCommentForPullRequest",
			"codecommit:UpdatePullRequestDescription",
			"codecommit:UpdatePullRequestStatus",
			"codecommit:UpdatePullRequestTitle",
			"codecommit:DeleteFile",
			"codecommit:GetBlob",
			"codecommit:GetFile",
			"codecommit:GetFolder",
			"codecommit:PutFile",
			"codecommit:DeleteCommentContent",
			"codecommit:GetComment",
			"codecommit:GetCommentsForComparedCommit",
			"codecommit:PostCommentForComparedCommit",
			"codecommit:PostCommentReply",
			"codecommit:UpdateComment",
			"codecommit:BatchGetCommits",
			"codecommit:CreateCommit",
			"codecommit:GetCommit",
			"codecommit:GetCommitHistory",
			"codecommit:GetDifferences",
			"codecommit:GetObjectIdentifier",
			"codecommit:GetReferences",
			"codecommit:GetTree",
			"codecommit:GetRepository",
			"codecommit:UpdateRepositoryDescription",
			"codecommit:ListTagsForResource",
			"codecommit:TagResource",
			"codecommit:UntagResource",
			"codecommit:GetRepositoryTriggers",
			"codecommit:PutRepositoryTriggers",
			"codecommit:TestRepositoryTriggers",
			"codecommit:UploadArchive",
			"codecommit:GetUploadArchiveStatus",
			"codecommit:CancelUploadArchive",
		},
		Resources: []string{permissions.ARN("codecommit", repositoryName)},
	}}
}

// CodeCommitReadPolicy grants read access to the CodeCommit repository repositoryName: Git pull;
// reading branches, files, folders, blobs, commits, differences, references, merge information,
// pull requests, comments, tags, triggers and archive status; and testing its triggers. SAM
// lists codecommit:GetBranch and codecommit:GetCommit twice; they appear once here.
func CodeCommitReadPolicy(repositoryName string) []permissions.Statement {
	return []permissions.Statement{{
		Actions: []string{
			"codecommit:GitPull",
			"codecommit:GetBranch",
			"codecommit:ListBranches",
			"codecommit:BatchDescribeMergeConflicts",
			"codecommit:DescribeMergeConflicts",
			"codecommit:GetMergeCommit",
			"codecommit:GetMergeOptions",
			"codecommit:BatchGetPullRequests",
			"codecommit:DescribePullRequestEvents",
			"codecommit:GetCommentsForPullRequest",
			"codecommit:GetCommitsFromMergeBase",
			"codecommit:GetMergeConflicts",
			"codecommit:GetPullRequest",
			"codecommit:ListPullRequests",
			"codecommit:GetBlob",
			"codecommit:GetFile",
			"codecommit:GetFolder",
			"codecommit:GetComment",
			"codecommit:GetCommentsForComparedCommit",
			"codecommit:BatchGetCommits",
			"codecommit:GetCommit",
			"codecommit:GetCommitHistory",
			"codecommit:GetDifferences",
			"codecommit:GetObjectIdentifier",
			"codecommit:GetReferences",
			"codecommit:GetTree",
			"codecommit:GetRepository",
			"codecommit:ListTagsForResource",
			"codecommit:GetRepositoryTriggers",
			"codecommit:TestRepositoryTriggers",
			"codecommit:GetUploadArchiveStatus",
		},
		Resources: []string{permissions.ARN("codecommit", repositoryName)},
	}}
}

// CodePipelineLambdaExecutionPolicy grants codepipeline:PutJobSuccessResult and
// PutJobFailureResult on "*", so a function invoked by a CodePipeline action can report its
// job's result (the actions take a job ID, not a resource).
func CodePipelineLambdaExecutionPolicy() []permissions.Statement {
	return []permissions.Statement{{
		Actions:   []string{"codepipeline:PutJobSuccessResult", "codepipeline:PutJobFailureResult"},
		Resources: []string{"*"},
	}}
}

// CodePipelineReadOnlyPolicy grants codepipeline:ListPipelineExecutions on the pipeline
// pipelineName.
func CodePipelineReadOnlyPolicy(pipelineName string) []permissions.Statement {
	return []permissions.Statement{{
		Actions:   []string{"codepipeline:ListPipelineExecutions"},
		Resources: []string{permissions.ARN("codepipeline", pipelineName)},
	}}
}

// ComprehendBasicAccessPolicy grants the Amazon Comprehend Detect and BatchDetect actions for
// entities, key phrases, dominant language and sentiment, on "*".
func ComprehendBasicAccessPolicy() []permissions.Statement {
	return []permissions.Statement{{
		Actions: []string{
			"comprehend:BatchDetectKeyPhrases",
			"comprehend:DetectDominantLanguage",
			"comprehend:DetectEntities",
			"comprehend:BatchDetectEntities",
			"comprehend:DetectKeyPhrases",
			"comprehend:DetectSentiment",
			"comprehend:BatchDetectDominantLanguage",
			"comprehend:BatchDetectSentiment",
		},
		Resources: []string{"*"},
	}}
}

// CostExplorerReadOnlyPolicy grants read-only Cost Explorer actions on "*": cost and usage,
// dimension values, tags, and reservation coverage, utilization and purchase recommendations.
func CostExplorerReadOnlyPolicy() []permissions.Statement {
	return []permissions.Statement{{
		Actions: []string{
			"ce:GetCostAndUsage",
			"ce:GetDimensionValues",
			"ce:GetReservationCoverage",
			"ce:GetReservationPurchaseRecommendation",
			"ce:GetReservationUtilization",
			"ce:GetTags",
		},
		Resources: []string{"*"},
	}}
}

// DynamoDBBackupFullAccessPolicy grants dynamodb:CreateBackup and DescribeContinuousBackups on
// the table tableName, and DeleteBackup, DescribeBackup and ListBackups on the table's backups.
// The Service Authorization Reference lists no resource type for dynamodb:ListBackups, and IAM
// documents that such actions be granted on "*"; SAM scopes it, and this statement is kept as
// SAM writes it.
func DynamoDBBackupFullAccessPolicy(tableName string) []permissions.Statement {
	return []permissions.Statement{{
		Actions:   []string{"dynamodb:CreateBackup", "dynamodb:DescribeContinuousBackups"},
		Resources: []string{permissions.ARN("dynamodb", "table/"+tableName)},
	}, {
		Actions: []string{
			"dynamodb:DeleteBackup",
			"dynamodb:DescribeBackup",
			"dynamodb:ListBackups",
		},
		Resources: []string{permissions.ARN("dynamodb", "table/"+tableName+"/backup/*")},
	}}
}

// DynamoDBCrudPolicy grants create, read, update and delete on the items of the table tableName
// and its indexes: GetItem, PutItem, UpdateItem, DeleteItem, Query, Scan, BatchGetItem,
// BatchWriteItem and ConditionCheckItem, and DescribeTable.
func DynamoDBCrudPolicy(tableName string) []permissions.Statement {
	return []permissions.Statement{{
		Actions: []string{
			"dynamodb:GetItem",
			"dynamodb:DeleteItem",
			"dynamodb:PutItem",
			"dynamodb:Scan",
			"dynamodb:Query",
			"dynamodb:UpdateItem",
			"dynamodb:BatchWriteItem",
			"dynamodb:BatchGetItem",
			"dynamodb:DescribeTable",
			"dynamodb:ConditionCheckItem",
		},
		Resources: []string{
			permissions.ARN("dynamodb", "table/"+tableName),
			permissions.ARN("dynamodb", "table/"+tableName+"/index/*"),
		},
	}}
}

// DynamoDBReadPolicy grants read-only access to the table tableName and its indexes: GetItem,
// BatchGetItem, Query, Scan and DescribeTable.
func DynamoDBReadPolicy(tableName string) []permissions.Statement {
	return []permissions.Statement{{
		Actions: []string{
			"dynamodb:GetItem",
			"dynamodb:Scan",
			"dynamodb:Query",
			"dynamodb:BatchGetItem",
			"dynamodb:DescribeTable",
		},
		Resources: []string{
			permissions.ARN("dynamodb", "table/"+tableName),
			permissions.ARN("dynamodb", "table/"+tableName+"/index/*"),
		},
	}}
}

// DynamoDBReconfigurePolicy grants dynamodb:UpdateTable on the table tableName: change its
// capacity, indexes, stream and other settings.
func DynamoDBReconfigurePolicy(tableName string) []permissions.Statement {
	return []permissions.Statement{{
		Actions:   []string{"dynamodb:UpdateTable"},
		Resources: []string{permissions.ARN("dynamodb", "table/"+tableName)},
	}}
}

// DynamoDBRestoreFromBackupPolicy grants dynamodb:RestoreTableFromBackup on the backups of the
// table tableName, and the item reads and writes a restore performs on the table: PutItem,
// UpdateItem, DeleteItem, GetItem, Query, Scan and BatchWriteItem.
func DynamoDBRestoreFromBackupPolicy(tableName string) []permissions.Statement {
	return []permissions.Statement{{
		Actions:   []string{"dynamodb:RestoreTableFromBackup"},
		Resources: []string{permissions.ARN("dynamodb", "table/"+tableName+"/backup/*")},
	}, {
		Actions: []string{
			"dynamodb:PutItem",
			"dynamodb:UpdateItem",
			"dynamodb:DeleteItem",
			"dynamodb:GetItem",
			"dynamodb:Query",
			"dynamodb:Scan",
			"dynamodb:BatchWriteItem",
		},
		Resources: []string{permissions.ARN("dynamodb", "table/"+tableName)},
	}}
}

// DynamoDBStreamReadPolicy grants dynamodb:DescribeStream, GetRecords and GetShardIterator on
// the stream streamName of the table tableName, and dynamodb:ListStreams on the table's streams.
// streamName is the stream label, the last part of the stream ARN (a timestamp such as
// 2024-01-31T12:00:00.000). The Service Authorization Reference lists no resource type for
// dynamodb:ListStreams, and IAM documents that such actions be granted on "*"; SAM scopes it,
// and this statement is kept as SAM writes it.
func DynamoDBStreamReadPolicy(streamName, tableName string) []permissions.Statement {
	return []permissions.Statement{{
		Actions: []string{
			"dynamodb:DescribeStream",
			"dynamodb:GetRecords",
			"dynamodb:GetShardIterator",
		},
		Resources: []string{permissions.ARN("dynamodb", "table/"+tableName+"/stream/"+streamName)},
	}, {
		Actions:   []string{"dynamodb:ListStreams"},
		Resources: []string{permissions.ARN("dynamodb", "table/"+tableName+"/stream/*")},
	}}
}

// DynamoDBWritePolicy grants dynamodb:PutItem, UpdateItem and BatchWriteItem on the table
// tableName and its indexes.
func DynamoDBWritePolicy(tableName string) []permissions.Statement {
	return []permissions.Statement{{
		Actions: []string{"dynamodb:PutItem", "dynamodb:UpdateItem", "dynamodb:BatchWriteItem"},
		Resources: []string{
			permissions.ARN("dynamodb", "table/"+tableName),
			permissions.ARN("dynamodb", "table/"+tableName+"/index/*"),
		},
	}}
}

// EC2CopyImagePolicy grants ec2:CopyImage on the image imageID in the stack's account and
// region. EC2 writes image ARNs with an empty account field (arn:aws:ec2:region::image/ami-...);
// SAM's pattern holds the account ID and is kept as SAM writes it.
func EC2CopyImagePolicy(imageID string) []permissions.Statement {
	return []permissions.Statement{{
		Actions:   []string{"ec2:CopyImage"},
		Resources: []string{permissions.ARN("ec2", "image/"+imageID)},
	}}
}

// EC2DescribePolicy grants ec2:DescribeInstances and ec2:DescribeRegions on "*" (EC2 Describe
// actions take no resource).
func EC2DescribePolicy() []permissions.Statement {
	return []permissions.Statement{{
		Actions:   []string{"ec2:DescribeRegions", "ec2:DescribeInstances"},
		Resources: []string{"*"},
	}}
}

// EFSWriteAccessPolicy grants elasticfilesystem:ClientMount and ClientWrite on the file system
// fileSystem (a file system ID, fs-...) when the client mounts it through the access point
// accessPoint (an access point ID, fsap-...; condition StringEquals on
// elasticfilesystem:AccessPointArn).
func EFSWriteAccessPolicy(accessPoint, fileSystem string) []permissions.Statement {
	return []permissions.Statement{{
		Actions:   []string{"elasticfilesystem:ClientMount", "elasticfilesystem:ClientWrite"},
		Resources: []string{permissions.ARN("elasticfilesystem", "file-system/"+fileSystem)},
		Conditions: []permissions.Condition{{
			Operator: "StringEquals",
			Key:      "elasticfilesystem:AccessPointArn",
			Values:   []string{permissions.ARN("elasticfilesystem", "access-point/"+accessPoint)},
		}},
	}}
}

// EKSDescribePolicy grants eks:DescribeCluster and eks:ListClusters on "*".
func EKSDescribePolicy() []permissions.Statement {
	return []permissions.Statement{{
		Actions:   []string{"eks:DescribeCluster", "eks:ListClusters"},
		Resources: []string{"*"},
	}}
}

// EcsRunTaskPolicy grants ecs:RunTask on the task definition taskDefinition, given as
// family:revision.
func EcsRunTaskPolicy(taskDefinition string) []permissions.Statement {
	return []permissions.Statement{{
		Actions:   []string{"ecs:RunTask"},
		Resources: []string{permissions.ARN("ecs", "task-definition/"+taskDefinition)},
	}}
}

// ElasticMapReduceAddJobFlowStepsPolicy grants elasticmapreduce:AddJobFlowSteps on the cluster
// clusterID (j-...), to add steps while it runs.
func ElasticMapReduceAddJobFlowStepsPolicy(clusterID string) []permissions.Statement {
	return []permissions.Statement{{
		Actions:   []string{"elasticmapreduce:AddJobFlowSteps"},
		Resources: []string{permissions.ARN("elasticmapreduce", "cluster/"+clusterID)},
	}}
}

// ElasticMapReduceCancelStepsPolicy grants elasticmapreduce:CancelSteps on the cluster
// clusterID, to cancel its pending steps.
func ElasticMapReduceCancelStepsPolicy(clusterID string) []permissions.Statement {
	return []permissions.Statement{{
		Actions:   []string{"elasticmapreduce:CancelSteps"},
		Resources: []string{permissions.ARN("elasticmapreduce", "cluster/"+clusterID)},
	}}
}

// ElasticMapReduceModifyInstanceFleetPolicy grants elasticmapreduce:ListInstanceFleets and
// ModifyInstanceFleet on the cluster clusterID: list its instance fleets and change their target
// capacities.
func ElasticMapReduceModifyInstanceFleetPolicy(clusterID string) []permissions.Statement {
	return []permissions.Statement{{
		Actions: []string{
			"elasticmapreduce:ModifyInstanceFleet",
			"elasticmapreduce:ListInstanceFleets",
		},
		Resources: []string{permissions.ARN("elasticmapreduce", "cluster/"+clusterID)},
	}}
}

// ElasticMapReduceModifyInstanceGroupsPolicy grants elasticmapreduce:ListInstanceGroups and
// ModifyInstanceGroups on the cluster clusterID: list its instance groups and change their
// settings.
func ElasticMapReduceModifyInstanceGroupsPolicy(clusterID string) []permissions.Statement {
	return []permissions.Statement{{
		Actions: []string{
			"elasticmapreduce:ModifyInstanceGroups",
			"elasticmapreduce:ListInstanceGroups",
		},
		Resources: []string{permissions.ARN("elasticmapreduce", "cluster/"+clusterID)},
	}}
}

// ElasticMapReduceSetTerminationProtectionPolicy grants
// elasticmapreduce:SetTerminationProtection on the cluster clusterID.
func ElasticMapReduceSetTerminationProtectionPolicy(clusterID string) []permissions.Statement {
	return []permissions.Statement{{
		Actions:   []string{"elasticmapreduce:SetTerminationProtection"},
		Resources: []string{permissions.ARN("elasticmapreduce", "cluster/"+clusterID)},
	}}
}

// ElasticMapReduceTerminateJobFlowsPolicy grants elasticmapreduce:TerminateJobFlows on the
// cluster clusterID.
func ElasticMapReduceTerminateJobFlowsPolicy(clusterID string) []permissions.Statement {
	return []permissions.Statement{{
		Actions:   []string{"elasticmapreduce:TerminateJobFlows"},
		Resources: []string{permissions.ARN("elasticmapreduce", "cluster/"+clusterID)},
	}}
}

// ElasticsearchHttpPostPolicy grants es:ESHttpPost and es:ESHttpPut on every path of the Amazon
// OpenSearch Service (Elasticsearch) domain domainName.
func ElasticsearchHttpPostPolicy(domainName string) []permissions.Statement {
	return []permissions.Statement{{
		Actions:   []string{"es:ESHttpPost", "es:ESHttpPut"},
		Resources: []string{permissions.ARN("es", "domain/"+domainName+"/*")},
	}}
}

// EventBridgePutEventsPolicy grants events:PutEvents on the event bus eventBusName ("default"
// for the account's default bus).
func EventBridgePutEventsPolicy(eventBusName string) []permissions.Statement {
	return []permissions.Statement{{
		Actions:   []string{"events:PutEvents"},
		Resources: []string{permissions.ARN("events", "event-bus/"+eventBusName)},
	}}
}

// FilterLogEventsPolicy grants logs:FilterLogEvents on the log streams of the log group
// logGroupName.
func FilterLogEventsPolicy(logGroupName string) []permissions.Statement {
	return []permissions.Statement{{
		Actions:   []string{"logs:FilterLogEvents"},
		Resources: []string{permissions.ARN("logs", "log-group:"+logGroupName+":log-stream:*")},
	}}
}

// FirehoseCrudPolicy grants firehose:CreateDeliveryStream, DescribeDeliveryStream,
// UpdateDestination, DeleteDeliveryStream, PutRecord and PutRecordBatch on the Firehose delivery
// stream deliveryStreamName.
func FirehoseCrudPolicy(deliveryStreamName string) []permissions.Statement {
	return []permissions.Statement{{
		Actions: []string{
			"firehose:CreateDeliveryStream",
			"firehose:DeleteDeliveryStream",
			"firehose:DescribeDeliveryStream",
			"firehose:PutRecord",
			"firehose:PutRecordBatch",
			"firehose:UpdateDestination",
		},
		Resources: []string{permissions.ARN("firehose", "deliverystream/"+deliveryStreamName)},
	}}
}

// FirehoseWritePolicy grants firehose:PutRecord and PutRecordBatch on the Firehose delivery
// stream deliveryStreamName.
func FirehoseWritePolicy(deliveryStreamName string) []permissions.Statement {
	return []permissions.Statement{{
		Actions:   []string{"firehose:PutRecord", "firehose:PutRecordBatch"},
		Resources: []string{permissions.ARN("firehose", "deliverystream/"+deliveryStreamName)},
	}}
}

// KMSDecryptPolicy grants kms:Decrypt with the KMS key keyID (a key ID, not an alias) in the
// stack's account and region.
func KMSDecryptPolicy(keyID string) []permissions.Statement {
	return []permissions.Statement{{
		Actions:   []string{"kms:Decrypt"},
		Resources: []string{permissions.ARN("kms", "key/"+keyID)},
	}}
}

// KMSEncryptPolicy grants kms:Encrypt with the KMS key keyID (a key ID, not an alias) in the
// stack's account and region. KMSEncryptPolicy_v2 adds the data-key actions envelope encryption
// needs.
func KMSEncryptPolicy(keyID string) []permissions.Statement {
	return []permissions.Statement{{
		Actions:   []string{"kms:Encrypt"},
		Resources: []string{permissions.ARN("kms", "key/"+keyID)},
	}}
}

// KMSEncryptPolicy_v2 grants kms:Encrypt and the data-key actions GenerateDataKey,
// GenerateDataKeyWithoutPlaintext, GenerateDataKeyPair and GenerateDataKeyPairWithoutPlaintext
// with the KMS key keyID (a key ID, not an alias) in the stack's account and region.
func KMSEncryptPolicy_v2(keyID string) []permissions.Statement {
	return []permissions.Statement{{
		Actions: []string{
			"kms:Encrypt",
			"kms:GenerateDataKey",
			"kms:GenerateDataKeyWithoutPlaintext",
			"kms:GenerateDataKeyPair",
			"kms:GenerateDataKeyPairWithoutPlaintext",
		},
		Resources: []string{permissions.ARN("kms", "key/"+keyID)},
	}}
}

// KinesisCrudPolicy grants management and write access to the Kinesis data stream streamName:
// create, describe and delete it, change its retention period, merge and split shards, add, list
// and remove tags, get shard iterators and put records. It does not grant kinesis:GetRecords;
// add KinesisStreamReadPolicy to read.
func KinesisCrudPolicy(streamName string) []permissions.Statement {
	return []permissions.Statement{{
		Actions: []string{
			"kinesis:AddTagsToStream",
			"kinesis:CreateStream",
			"kinesis:DecreaseStreamRetentionPeriod",
			"kinesis:DeleteStream",
			"kinesis:DescribeStream",
			"kinesis:DescribeStreamSummary",
			"kinesis:GetShardIterator",
			"kinesis:IncreaseStreamRetentionPeriod",
			"kinesis:ListTagsForStream",
			"kinesis:MergeShards",
			"kinesis:PutRecord",
			"kinesis:PutRecords",
			"kinesis:SplitShard",
			"kinesis:RemoveTagsFromStream",
		},
		Resources: []string{permissions.ARN("kinesis", "stream/"+streamName)},
	}}
}

// KinesisStreamReadPolicy grants kinesis:ListStreams and DescribeLimits on the streams of the
// stack's account and region, and DescribeStream, DescribeStreamSummary, GetRecords and
// GetShardIterator on the stream streamName. The Service Authorization Reference lists no
// resource type for kinesis:ListStreams and kinesis:DescribeLimits, and IAM documents that such
// actions be granted on "*"; SAM scopes them, and this statement is kept as SAM writes it.
func KinesisStreamReadPolicy(streamName string) []permissions.Statement {
	return []permissions.Statement{{
		Actions:   []string{"kinesis:ListStreams", "kinesis:DescribeLimits"},
		Resources: []string{permissions.ARN("kinesis", "stream/*")},
	}, {
		Actions: []string{
			"kinesis:DescribeStream",
			"kinesis:DescribeStreamSummary",
			"kinesis:GetRecords",
			"kinesis:GetShardIterator",
		},
		Resources: []string{permissions.ARN("kinesis", "stream/"+streamName)},
	}}
}

// LambdaInvokePolicy grants lambda:InvokeFunction on function:functionName* in the stack's
// account and region: the function, its versions and aliases, and also every function whose name
// starts with functionName.
func LambdaInvokePolicy(functionName string) []permissions.Statement {
	return []permissions.Statement{{
		Actions:   []string{"lambda:InvokeFunction"},
		Resources: []string{permissions.ARN("lambda", "function:"+functionName+"*")},
	}}
}

// MobileAnalyticsWriteOnlyAccessPolicy grants mobileanalytics:PutEvents on "*", to put event
// data for any Mobile Analytics application.
func MobileAnalyticsWriteOnlyAccessPolicy() []permissions.Statement {
	return []permissions.Statement{{
		Actions:   []string{"mobileanalytics:PutEvents"},
		Resources: []string{"*"},
	}}
}

// OrganizationsListAccountsPolicy grants organizations:ListAccounts on "*": the names and IDs of
// the organization's accounts.
func OrganizationsListAccountsPolicy() []permissions.Statement {
	return []permissions.Statement{{
		Actions:   []string{"organizations:ListAccounts"},
		Resources: []string{"*"},
	}}
}

// PinpointEndpointAccessPolicy grants mobiletargeting:GetEndpoint, UpdateEndpoint and
// UpdateEndpointsBatch on the endpoints of the Amazon Pinpoint application
// pinpointApplicationID.
func PinpointEndpointAccessPolicy(pinpointApplicationID string) []permissions.Statement {
	return []permissions.Statement{{
		Actions: []string{
			"mobiletargeting:GetEndpoint",
			"mobiletargeting:UpdateEndpoint",
			"mobiletargeting:UpdateEndpointsBatch",
		},
		Resources: []string{
			permissions.ARN("mobiletargeting", "apps/"+pinpointApplicationID+"/endpoints/*"),
		},
	}}
}

// PollyFullAccessPolicy grants polly:GetLexicon and DeleteLexicon on the lexicon lexiconName,
// and DescribeVoices, ListLexicons, PutLexicon and SynthesizeSpeech on the lexicons of the
// stack's account and region. The Service Authorization Reference lists no resource type for
// polly:DescribeVoices and polly:ListLexicons, and IAM documents that such actions be granted on
// "*"; SAM scopes them, and this statement is kept as SAM writes it.
func PollyFullAccessPolicy(lexiconName string) []permissions.Statement {
	return []permissions.Statement{{
		Actions:   []string{"polly:GetLexicon", "polly:DeleteLexicon"},
		Resources: []string{permissions.ARN("polly", "lexicon/"+lexiconName)},
	}, {
		Actions: []string{
			"polly:DescribeVoices",
			"polly:ListLexicons",
			"polly:PutLexicon",
			"polly:SynthesizeSpeech",
		},
		Resources: []string{permissions.ARN("polly", "lexicon/*")},
	}}
}

// RekognitionDetectOnlyPolicy grants rekognition:DetectFaces, DetectLabels,
// DetectModerationLabels and DetectText on "*".
func RekognitionDetectOnlyPolicy() []permissions.Statement {
	return []permissions.Statement{{
		Actions: []string{
			"rekognition:DetectFaces",
			"rekognition:DetectLabels",
			"rekognition:DetectModerationLabels",
			"rekognition:DetectText",
		},
		Resources: []string{"*"},
	}}
}

// RekognitionFacesManagementPolicy grants rekognition:IndexFaces, DeleteFaces, ListFaces,
// SearchFaces and SearchFacesByImage on the collection collectionID.
func RekognitionFacesManagementPolicy(collectionID string) []permissions.Statement {
	return []permissions.Statement{{
		Actions: []string{
			"rekognition:IndexFaces",
			"rekognition:DeleteFaces",
			"rekognition:SearchFaces",
			"rekognition:SearchFacesByImage",
			"rekognition:ListFaces",
		},
		Resources: []string{permissions.ARN("rekognition", "collection/"+collectionID)},
	}}
}

// RekognitionFacesPolicy grants rekognition:CompareFaces and DetectFaces on "*".
func RekognitionFacesPolicy() []permissions.Statement {
	return []permissions.Statement{{
		Actions:   []string{"rekognition:CompareFaces", "rekognition:DetectFaces"},
		Resources: []string{"*"},
	}}
}

// RekognitionLabelsPolicy grants rekognition:DetectLabels and DetectModerationLabels on "*".
func RekognitionLabelsPolicy() []permissions.Statement {
	return []permissions.Statement{{
		Actions:   []string{"rekognition:DetectLabels", "rekognition:DetectModerationLabels"},
		Resources: []string{"*"},
	}}
}

// RekognitionNoDataAccessPolicy grants rekognition:CompareFaces, DetectFaces, DetectLabels and
// DetectModerationLabels on the collection collectionID. The Service Authorization Reference
// lists no resource type for rekognition:CompareFaces, rekognition:DetectFaces and
// rekognition:DetectLabels, and IAM documents that such actions be granted on "*"; SAM scopes
// them, and this statement is kept as SAM writes it. RekognitionFacesPolicy and
// RekognitionLabelsPolicy grant them on "*".
func RekognitionNoDataAccessPolicy(collectionID string) []permissions.Statement {
	return []permissions.Statement{{
		Actions: []string{
			"rekognition:CompareFaces",
			"rekognition:DetectFaces",
			"rekognition:DetectLabels",
			"rekognition:DetectModerationLabels",
		},
		Resources: []string{permissions.ARN("rekognition", "collection/"+collectionID)},
	}}
}

// RekognitionReadPolicy grants rekognition:ListCollections, ListFaces, SearchFaces and
// SearchFacesByImage on the collection collectionID. The Service Authorization Reference lists
// no resource type for rekognition:ListCollections, and IAM documents that such actions be
// granted on "*"; SAM scopes it, and this statement is kept as SAM writes it.
func RekognitionReadPolicy(collectionID string) []permissions.Statement {
	return []permissions.Statement{{
		Actions: []string{
			"rekognition:ListCollections",
			"rekognition:ListFaces",
			"rekognition:SearchFaces",
			"rekognition:SearchFacesByImage",
		},
		Resources: []string{permissions.ARN("rekognition", "collection/"+collectionID)},
	}}
}

// RekognitionWriteOnlyAccessPolicy grants rekognition:CreateCollection and IndexFaces on the
// collection collectionID. The Service Authorization Reference lists no resource type for
// rekognition:CreateCollection, and IAM documents that such actions be granted on "*"; SAM
// scopes it, and this statement is kept as SAM writes it.
func RekognitionWriteOnlyAccessPolicy(collectionID string) []permissions.Statement {
	return []permissions.Statement{{
		Actions:   []string{"rekognition:CreateCollection", "rekognition:IndexFaces"},
		Resources: []string{permissions.ARN("rekognition", "collection/"+collectionID)},
	}}
}

// Route53ChangeResourceRecordSetsPolicy grants route53:ChangeResourceRecordSets on the hosted
// zone hostedZoneID (Route 53 ARNs carry no region or account).
func Route53ChangeResourceRecordSetsPolicy(hostedZoneID string) []permissions.Statement {
	return []permissions.Statement{{
		Actions:   []string{"route53:ChangeResourceRecordSets"},
		Resources: []string{permissions.GlobalARN("route53", "", "hostedzone/"+hostedZoneID)},
	}}
}

// S3CrudPolicy grants create, read, update and delete on the S3 bucket bucketName and its
// objects: GetObject, GetObjectVersion, PutObject, PutObjectAcl and DeleteObject, and
// ListBucket, GetBucketLocation, GetLifecycleConfiguration and PutLifecycleConfiguration.
func S3CrudPolicy(bucketName string) []permissions.Statement {
	return []permissions.Statement{{
		Actions: []string{
			"s3:GetObject",
			"s3:ListBucket",
			"s3:GetBucketLocation",
			"s3:GetObjectVersion",
			"s3:PutObject",
			"s3:PutObjectAcl",
			"s3:GetLifecycleConfiguration",
			"s3:PutLifecycleConfiguration",
			"s3:DeleteObject",
		},
		Resources: []string{
			permissions.GlobalARN("s3", "", bucketName),
			permissions.GlobalARN("s3", "", bucketName+"/*"),
		},
	}}
}

// S3FullAccessPolicy grants full access to the objects of the S3 bucket bucketName (read, write
// and delete objects; read and write their ACLs; read, write and delete the tags of objects and
// object versions), and ListBucket, GetBucketLocation, GetLifecycleConfiguration and
// PutLifecycleConfiguration on the bucket.
func S3FullAccessPolicy(bucketName string) []permissions.Statement {
	return []permissions.Statement{{
		Actions: []string{
			"s3:GetObject",
			"s3:GetObjectAcl",
			"s3:GetObjectVersion",
			"s3:PutObject",
			"s3:PutObjectAcl",
			"s3:DeleteObject",
			"s3:DeleteObjectTagging",
			"s3:DeleteObjectVersionTagging",
			"s3:GetObjectTagging",
			"s3:GetObjectVersionTagging",
			"s3:PutObjectTagging",
			"s3:PutObjectVersionTagging",
		},
		Resources: []string{permissions.GlobalARN("s3", "", bucketName+"/*")},
	}, {
		Actions: []string{
			"s3:ListBucket",
			"s3:GetBucketLocation",
			"s3:GetLifecycleConfiguration",
			"s3:PutLifecycleConfiguration",
		},
		Resources: []string{permissions.GlobalARN("s3", "", bucketName)},
	}}
}

// S3ReadPolicy grants read access to the S3 bucket bucketName and its objects: GetObject,
// GetObjectVersion, ListBucket, GetBucketLocation and GetLifecycleConfiguration.
func S3ReadPolicy(bucketName string) []permissions.Statement {
	return []permissions.Statement{{
		Actions: []string{
			"s3:GetObject",
			"s3:ListBucket",
			"s3:GetBucketLocation",
			"s3:GetObjectVersion",
			"s3:GetLifecycleConfiguration",
		},
		Resources: []string{
			permissions.GlobalARN("s3", "", bucketName),
			permissions.GlobalARN("s3", "", bucketName+"/*"),
		},
	}}
}

// S3WritePolicy grants write access to the S3 bucket bucketName and its objects: PutObject,
// PutObjectAcl and PutLifecycleConfiguration.
func S3WritePolicy(bucketName string) []permissions.Statement {
	return []permissions.Statement{{
		Actions: []string{"s3:PutObject", "s3:PutObjectAcl", "s3:PutLifecycleConfiguration"},
		Resources: []string{
			permissions.GlobalARN("s3", "", bucketName),
			permissions.GlobalARN("s3", "", bucketName+"/*"),
		},
	}}
}

// SESBulkTemplatedCrudPolicy grants ses:SendEmail, SendRawEmail, SendTemplatedEmail,
// SendBulkTemplatedEmail, GetIdentityVerificationAttributes and VerifyEmailIdentity on the
// identity identityName. The Service Authorization Reference lists no resource type for
// ses:GetIdentityVerificationAttributes and ses:VerifyEmailIdentity, and IAM documents that such
// actions be granted on "*"; SAM scopes them, and this statement is kept as SAM writes it.
// SESBulkTemplatedCrudPolicy_v2 grants them on "*".
func SESBulkTemplatedCrudPolicy(identityName string) []permissions.Statement {
	return []permissions.Statement{{
		Actions: []string{
			"ses:GetIdentityVerificationAttributes",
			"ses:SendEmail",
			"ses:SendRawEmail",
			"ses:SendTemplatedEmail",
			"ses:SendBulkTemplatedEmail",
			"ses:VerifyEmailIdentity",
		},
		Resources: []string{permissions.ARN("ses", "identity/"+identityName)},
	}}
}

// SESBulkTemplatedCrudPolicy_v2 grants ses:SendEmail, SendRawEmail, SendTemplatedEmail and
// SendBulkTemplatedEmail on the identity identityName and the email template templateName, and
// ses:GetIdentityVerificationAttributes and VerifyEmailIdentity on "*" (they take no resource).
func SESBulkTemplatedCrudPolicy_v2(identityName, templateName string) []permissions.Statement {
	return []permissions.Statement{{
		Actions: []string{
			"ses:SendEmail",
			"ses:SendRawEmail",
			"ses:SendTemplatedEmail",
			"ses:SendBulkTemplatedEmail",
		},
		Resources: []string{
			permissions.ARN("ses", "identity/"+identityName),
			permissions.ARN("ses", "template/"+templateName),
		},
	}, {
		Actions:   []string{"ses:GetIdentityVerificationAttributes", "ses:VerifyEmailIdentity"},
		Resources: []string{"*"},
	}}
}

// SESCrudPolicy grants ses:SendEmail, SendRawEmail, GetIdentityVerificationAttributes and
// VerifyEmailIdentity on the identity identityName. The Service Authorization Reference lists no
// resource type for ses:GetIdentityVerificationAttributes and ses:VerifyEmailIdentity, and IAM
// documents that such actions be granted on "*"; SAM scopes them, and this statement is kept as
// SAM writes it.
func SESCrudPolicy(identityName string) []permissions.Statement {
	return []permissions.Statement{{
		Actions: []string{
			"ses:GetIdentityVerificationAttributes",
			"ses:SendEmail",
			"ses:SendRawEmail",
			"ses:VerifyEmailIdentity",
		},
		Resources: []string{permissions.ARN("ses", "identity/"+identityName)},
	}}
}

// SESEmailTemplateCrudPolicy grants ses:CreateTemplate, GetTemplate, ListTemplates,
// UpdateTemplate, DeleteTemplate and TestRenderTemplate on "*".
func SESEmailTemplateCrudPolicy() []permissions.Statement {
	return []permissions.Statement{{
		Actions: []string{
			"ses:CreateTemplate",
			"ses:GetTemplate",
			"ses:ListTemplates",
			"ses:UpdateTemplate",
			"ses:DeleteTemplate",
			"ses:TestRenderTemplate",
		},
		Resources: []string{"*"},
	}}
}

// SESSendBouncePolicy grants ses:SendBounce on the identity identityName.
func SESSendBouncePolicy(identityName string) []permissions.Statement {
	return []permissions.Statement{{
		Actions:   []string{"ses:SendBounce"},
		Resources: []string{permissions.ARN("ses", "identity/"+identityName)},
	}}
}

// SNSCrudPolicy grants sns:CreateTopic, SetTopicAttributes, Subscribe, ListSubscriptionsByTopic
// and Publish on every topic of the stack's account and region whose name starts with topicName
// (SAM appends "*").
func SNSCrudPolicy(topicName string) []permissions.Statement {
	return []permissions.Statement{{
		Actions: []string{
			"sns:ListSubscriptionsByTopic",
			"sns:CreateTopic",
			"sns:SetTopicAttributes",
			"sns:Subscribe",
			"sns:Publish",
		},
		Resources: []string{permissions.ARN("sns", topicName+"*")},
	}}
}

// SNSPublishMessagePolicy grants sns:Publish on the topic topicName.
func SNSPublishMessagePolicy(topicName string) []permissions.Statement {
	return []permissions.Statement{{
		Actions:   []string{"sns:Publish"},
		Resources: []string{permissions.ARN("sns", topicName)},
	}}
}

// SQSPollerPolicy grants what consuming the SQS queue queueName needs: sqs:ReceiveMessage,
// DeleteMessage, ChangeMessageVisibility and GetQueueAttributes. SAM also lists
// sqs:DeleteMessageBatch and sqs:ChangeMessageVisibilityBatch, which are not IAM actions (IAM
// authorizes the batch APIs with DeleteMessage and ChangeMessageVisibility); they are kept so
// the statement matches SAM's, and grant nothing more.
func SQSPollerPolicy(queueName string) []permissions.Statement {
	return []permissions.Statement{{
		Actions: []string{
			"sqs:ChangeMessageVisibility",
			"sqs:ChangeMessageVisibilityBatch",
			"sqs:DeleteMessage",
			"sqs:DeleteMessageBatch",
			"sqs:GetQueueAttributes",
			"sqs:ReceiveMessage",
		},
		Resources: []string{permissions.ARN("sqs", queueName)},
	}}
}

// SQSSendMessagePolicy grants sqs:SendMessage* on the queue queueName: sqs:SendMessage, which
// also authorizes SendMessageBatch.
func SQSSendMessagePolicy(queueName string) []permissions.Statement {
	return []permissions.Statement{{
		Actions:   []string{"sqs:SendMessage*"},
		Resources: []string{permissions.ARN("sqs", queueName)},
	}}
}

// SSMParameterReadPolicy grants ssm:GetParameter, GetParameters and GetParametersByPath on the
// parameter parameterName, and ssm:DescribeParameters on "*". parameterName has no leading slash
// (SAM writes parameter/${parameterName}); use SSMParameterWithSlashPrefixReadPolicy for one
// that has. A SecureString encrypted with a customer managed key also needs KMSDecryptPolicy.
func SSMParameterReadPolicy(parameterName string) []permissions.Statement {
	return []permissions.Statement{{
		Actions:   []string{"ssm:DescribeParameters"},
		Resources: []string{"*"},
	}, {
		Actions:   []string{"ssm:GetParameters", "ssm:GetParameter", "ssm:GetParametersByPath"},
		Resources: []string{permissions.ARN("ssm", "parameter/"+parameterName)},
	}}
}

// SSMParameterWithSlashPrefixReadPolicy grants ssm:GetParameter, GetParameters and
// GetParametersByPath on the parameter parameterName, and ssm:DescribeParameters on "*".
// parameterName starts with a slash (SAM writes parameter${parameterName}), such as
// "/app/db-password". A SecureString encrypted with a customer managed key also needs
// KMSDecryptPolicy.
func SSMParameterWithSlashPrefixReadPolicy(parameterName string) []permissions.Statement {
	return []permissions.Statement{{
		Actions:   []string{"ssm:DescribeParameters"},
		Resources: []string{"*"},
	}, {
		Actions:   []string{"ssm:GetParameters", "ssm:GetParameter", "ssm:GetParametersByPath"},
		Resources: []string{permissions.ARN("ssm", "parameter"+parameterName)},
	}}
}

// SageMakerCreateEndpointConfigPolicy grants sagemaker:CreateEndpointConfig on the endpoint
// configuration endpointConfigName.
func SageMakerCreateEndpointConfigPolicy(endpointConfigName string) []permissions.Statement {
	return []permissions.Statement{{
		Actions:   []string{"sagemaker:CreateEndpointConfig"},
		Resources: []string{permissions.ARN("sagemaker", "endpoint-config/"+endpointConfigName)},
	}}
}

// SageMakerCreateEndpointPolicy grants sagemaker:CreateEndpoint on the endpoint endpointName.
func SageMakerCreateEndpointPolicy(endpointName string) []permissions.Statement {
	return []permissions.Statement{{
		Actions:   []string{"sagemaker:CreateEndpoint"},
		Resources: []string{permissions.ARN("sagemaker", "endpoint/"+endpointName)},
	}}
}

// ServerlessRepoReadWriteAccessPolicy grants serverlessrepo:CreateApplication,
// CreateApplicationVersion, UpdateApplication, GetApplication, ListApplications,
// ListApplicationVersions and ListApplicationDependencies on the applications of the stack's
// account and region. The Service Authorization Reference lists no resource type for
// serverlessrepo:CreateApplication and serverlessrepo:ListApplications, and IAM documents that
// such actions be granted on "*"; SAM scopes them, and this statement is kept as SAM writes it.
func ServerlessRepoReadWriteAccessPolicy() []permissions.Statement {
	return []permissions.Statement{{
		Actions: []string{
			"serverlessrepo:CreateApplication",
			"serverlessrepo:CreateApplicationVersion",
			"serverlessrepo:UpdateApplication",
			"serverlessrepo:GetApplication",
			"serverlessrepo:ListApplications",
			"serverlessrepo:ListApplicationVersions",
			"serverlessrepo:ListApplicationDependencies",
		},
		Resources: []string{permissions.ARN("serverlessrepo", "applications/*")},
	}}
}

// StepFunctionsCallbackPolicy grants states:SendTaskSuccess, SendTaskFailure and
// SendTaskHeartbeat on the state machine stateMachineName, so a callback task can report its
// result through its task token. The Service Authorization Reference lists no resource type for
// states:SendTaskSuccess, states:SendTaskFailure and states:SendTaskHeartbeat, and IAM documents
// that such actions be granted on "*"; SAM scopes them, and this statement is kept as SAM writes
// it.
func StepFunctionsCallbackPolicy(stateMachineName string) []permissions.Statement {
	return []permissions.Statement{{
		Actions: []string{
			"states:SendTaskFailure",
			"states:SendTaskHeartbeat",
			"states:SendTaskSuccess",
		},
		Resources: []string{permissions.ARN("states", "stateMachine:"+stateMachineName)},
	}}
}

// StepFunctionsExecutionPolicy grants states:StartExecution on the state machine
// stateMachineName. StepFunctionsExecutionPolicy_v2 adds StartSyncExecution for synchronous
// Express workflows.
func StepFunctionsExecutionPolicy(stateMachineName string) []permissions.Statement {
	return []permissions.Statement{{
		Actions:   []string{"states:StartExecution"},
		Resources: []string{permissions.ARN("states", "stateMachine:"+stateMachineName)},
	}}
}

// StepFunctionsExecutionPolicy_v2 grants states:StartExecution and states:StartSyncExecution on
// the state machine stateMachineName.
func StepFunctionsExecutionPolicy_v2(stateMachineName string) []permissions.Statement {
	return []permissions.Statement{{
		Actions:   []string{"states:StartExecution", "states:StartSyncExecution"},
		Resources: []string{permissions.ARN("states", "stateMachine:"+stateMachineName)},
	}}
}

// TextractDetectAnalyzePolicy grants textract:DetectDocumentText, AnalyzeDocument,
// StartDocumentTextDetection and StartDocumentAnalysis on "*".
func TextractDetectAnalyzePolicy() []permissions.Statement {
	return []permissions.Statement{{
		Actions: []string{
			"textract:DetectDocumentText",
			"textract:StartDocumentTextDetection",
			"textract:StartDocumentAnalysis",
			"textract:AnalyzeDocument",
		},
		Resources: []string{"*"},
	}}
}

// TextractGetResultPolicy grants textract:GetDocumentTextDetection and GetDocumentAnalysis on
// "*".
func TextractGetResultPolicy() []permissions.Statement {
	return []permissions.Statement{{
		Actions:   []string{"textract:GetDocumentTextDetection", "textract:GetDocumentAnalysis"},
		Resources: []string{"*"},
	}}
}

// TextractPolicy grants textract:* on "*": every Amazon Textract action.
func TextractPolicy() []permissions.Statement {
	return []permissions.Statement{{
		Actions:   []string{"textract:*"},
		Resources: []string{"*"},
	}}
}

// VPCAccessPolicy grants ec2:CreateNetworkInterface, DescribeNetworkInterfaces,
// DetachNetworkInterface and DeleteNetworkInterface on "*": the network interface management a
// function attached to a VPC needs.
func VPCAccessPolicy() []permissions.Statement {
	return []permissions.Statement{{
		Actions: []string{
			"ec2:CreateNetworkInterface",
			"ec2:DeleteNetworkInterface",
			"ec2:DescribeNetworkInterfaces",
			"ec2:DetachNetworkInterface",
		},
		Resources: []string{"*"},
	}}
}
