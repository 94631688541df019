package permissions_test

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/execrole/execrole/constructs/permissions"
)

// catalogIDs is the list of features an unknown feature's error offers.
func catalogIDs() string {
	var ids []string
	for _, d := range permissions.Catalog {
		ids = append(ids, string(d.ID))
	}
	return strings.Join(ids, ", ")
}

// manyTags is n valid tags.
func manyTags(n int) map[string]string {
	tags := map[string]string{}
	for i := range n {
		tags[fmt.Sprintf("tag%02d", i)] = "value"
	}
	return tags
}

// readBucket is a valid user statement; cases break one field of it.
func readBucket(edit func(*permissions.Statement)) []permissions.Statement {
	s := permissions.Statement{Sid: "ReadBucket", Actions: []string{"s3:GetObject"}, Resources: []string{"arn:aws:s3:::orders/*"}}
	edit(&s)
	return []permissions.Statement{s}
}

// bigStatement is a user statement of sid allowing s3:GetObject on one object whose ARN is
// padded to n characters, and its compact JSON as IAM counts it.
func bigStatement(sid string, n int) (permissions.Statement, string) {
	arn := "arn:aws:s3:::orders/" + strings.Repeat("k", n-len("arn:aws:s3:::orders/"))
	return permissions.Statement{Sid: sid, Actions: []string{"s3:GetObject"}, Resources: []string{arn}},
		`{"Action":"s3:GetObject","Effect":"Allow","Resource":"` + arn + `","Sid":"` + sid + `"}`
}

// overInline is three user statements that together pass the inline quota, and the error
// that names them largest first with their sizes as one-statement policies.
func overInline() ([]permissions.Statement, string) {
	s1, j1 := bigStatement("Big1", 3000)
	s2, j2 := bigStatement("Big2", 4000)
	s3, j3 := bigStatement("Big3", 3500)
	return []permissions.Statement{s1, s2, s3}, fmt.Sprintf(
		"inline policy is %d characters, over IAM's 10240 per role: largest statements: Big2 %d, Big3 %d, Big1 %d; split these features across roles, or use managed mode for some",
		len(compactPolicy(j1, j2, j3)), len(compactPolicy(j2)), len(compactPolicy(j3)), len(compactPolicy(j1)))
}

// overTrust is enough extra service principals to pass the trust policy quota, and the error.
func overTrust() ([]string, string) {
	var services, quoted []string
	for i := range 90 {
		s := fmt.Sprintf("service%02d.amazonaws.com", i)
		services = append(services, s)
		quoted = append(quoted, `"`+s+`"`)
	}
	doc := `{"Statement":[{"Action":"sts:AssumeRole","Effect":"Allow","Principal":{"Service":["lambda.amazonaws.com",` +
		strings.Join(quoted, ",") + `]}}],"Version":"2012-10-17"}`
	return services, fmt.Sprintf("trust policy is %d characters, over IAM's 2048: trust fewer services", len(doc))
}

func TestResolveRejectsBadInput(t *testing.T) {
	leastPrivilege := func(u ...permissions.Use) permissions.Request {
		return permissions.Request{Uses: u, LeastPrivilege: true, FunctionNames: []string{"orders"}}
	}
	sqsWith := func(arn string) []permissions.Use {
		return []permissions.Use{{Feature: permissions.SQS, Resources: []string{arn}}}
	}
	bigStatements, overInlineErr := overInline()
	manyServices, overTrustErr := overTrust()
	tenExtras := []string{"AmazonS3ReadOnlyAccess", "AmazonSNSReadOnlyAccess", "AmazonSQSReadOnlyAccess", "AmazonKinesisReadOnlyAccess",
		"AmazonDynamoDBReadOnlyAccess", "AmazonSSMReadOnlyAccess", "CloudWatchLogsReadOnlyAccess", "CloudWatchReadOnlyAccess",
		"AWSStepFunctionsReadOnlyAccess", "AmazonRekognitionReadOnlyAccess"}
	tests := []struct {
		name string
		give permissions.Request
		want string
	}{
		// Features.
		{
			name: "fails if a feature is unknown",
			give: permissions.Request{Uses: uses("lambda-url")},
			want: `unknown feature "lambda-url": use one of ` + catalogIDs(),
		},
		{
			name: "fails if a feature without resources is given twice",
			give: permissions.Request{Uses: uses(permissions.Tracing, permissions.Tracing)},
			want: `feature "tracing" given twice: give each feature once`,
		},
		{
			name: "fails if vpc and vpc network interfaces are both given",
			give: permissions.Request{Uses: uses(permissions.VPCNetworkInterfaces, permissions.VPC)},
			want: `features "vpc" and "vpc-network-interfaces" conflict: "vpc" already grants what "vpc-network-interfaces" does, give only "vpc"`,
		},
		{
			name: "fails if least-privilege sqs has no queue",
			give: leastPrivilege(permissions.Use{Feature: permissions.SQS}),
			want: `feature "sqs" in least-privilege mode has no resource: pass the queue (SQS(queue) or SQSArns(arn))`,
		},
		{
			name: "fails if least-privilege kinesis has no stream",
			give: leastPrivilege(permissions.Use{Feature: permissions.Kinesis}),
			want: `feature "kinesis" in least-privilege mode has no resource: pass the stream (Kinesis(stream) or KinesisArns(arn))`,
		},
		{
			name: "fails if least-privilege msk has no cluster",
			give: leastPrivilege(permissions.Use{Feature: permissions.MSK}),
			want: `feature "msk" in least-privilege mode has no resource: pass the cluster ARN (MSKArns(arn))`,
		},
		{
			name: "fails if least-privilege mode has neither function name nor log group",
			give: permissions.Request{LeastPrivilege: true},
			want: "least-privilege mode needs the function's log group to scope logs to: give the function's name (its log group is /aws/lambda/<name>) or its log group",
		},
		{
			name: "fails if least-privilege durable has no function name",
			give: permissions.Request{Uses: uses(permissions.Durable), LeastPrivilege: true, LogGroups: []string{"/orders/app"}},
			want: `feature "durable" in least-privilege mode has no resource: pass the function's name, to scope its durable executions`,
		},
		{
			name: "fails if a dead-letter queue has no queue, in either mode",
			give: permissions.Request{Uses: uses(permissions.DeadLetterQueue)},
			want: `feature "dead-letter-queue" has no resource: pass the queue (DeadLetterQueue(queue))`,
		},
		// Function names, log groups, subnets and security groups.
		{
			name: "fails if a function name is a wildcard",
			give: permissions.Request{LeastPrivilege: true, FunctionNames: []string{"*"}},
			want: `function name "*" is not valid: a Lambda function name is 1 to 64 letters, digits, hyphens and underscores`,
		},
		{
			name: "fails if a function name has a dot",
			give: permissions.Request{LeastPrivilege: true, FunctionNames: []string{"orders.v2"}},
			want: `function name "orders.v2" is not valid: a Lambda function name is 1 to 64 letters, digits, hyphens and underscores`,
		},
		{
			name: "fails if a function name is over 64 characters",
			give: permissions.Request{FunctionNames: []string{strings.Repeat("f", 65)}},
			want: `function name "` + strings.Repeat("f", 65) + `" is not valid: a Lambda function name is 1 to 64 letters, digits, hyphens and underscores`,
		},
		{
			name: "fails if a function name is empty",
			give: permissions.Request{LeastPrivilege: true, FunctionNames: []string{""}},
			want: `function name "" is not valid: a Lambda function name is 1 to 64 letters, digits, hyphens and underscores`,
		},
		{
			name: "fails if a log group is empty",
			give: permissions.Request{LeastPrivilege: true, LogGroups: []string{""}},
			want: `log group "" is not valid: a log group name is 1 to 512 letters, digits and ._-/#`,
		},
		{
			name: "fails if a log group is a wildcard",
			give: permissions.Request{LeastPrivilege: true, LogGroups: []string{"/aws/lambda/*"}},
			want: `log group "/aws/lambda/*" is not valid: a log group name is 1 to 512 letters, digits and ._-/#`,
		},
		{
			name: "fails if a log group is over 512 characters",
			give: permissions.Request{LeastPrivilege: true, LogGroups: []string{"/" + strings.Repeat("g", 512)}},
			want: `log group "/` + strings.Repeat("g", 512) + `" is not valid: a log group name is 1 to 512 letters, digits and ._-/#`,
		},
		{
			name: "fails if a subnet is a security group",
			give: permissions.Request{Uses: uses(permissions.VPC), LeastPrivilege: true, FunctionNames: []string{"orders"},
				Subnets: []string{"arn:aws:ec2:us-east-1:123456789012:security-group/sg-0123456789abcdef0"}},
			want: `subnet "arn:aws:ec2:us-east-1:123456789012:security-group/sg-0123456789abcdef0" does not name a subnet: pass the subnet ARN (arn:aws:ec2:<region>:<account>:subnet/subnet-<id>)`,
		},
		{
			name: "fails if a security group is given by id",
			give: permissions.Request{Uses: uses(permissions.VPC), SecurityGroups: []string{"sg-0123456789abcdef0"}},
			want: `security group "sg-0123456789abcdef0" is not an ARN: pass the security group ARN (arn:aws:ec2:<region>:<account>:security-group/sg-<id>)`,
		},
		{
			name: "fails if a subnet is a wildcard",
			give: permissions.Request{Uses: uses(permissions.VPC), Subnets: []string{"arn:aws:ec2:us-east-1:123456789012:subnet/*"}},
			want: `subnet "arn:aws:ec2:us-east-1:123456789012:subnet/*" is a wildcard: pass the exact ARN of one subnet (arn:aws:ec2:<region>:<account>:subnet/subnet-<id>)`,
		},
		// Credentials and resources a feature does not take.
		{
			name: "fails if mq has no credentials secret, in managed mode",
			give: permissions.Request{Uses: []permissions.Use{{Feature: permissions.MQ, Resources: []string{sampleResources["mq"][0]}}}},
			want: `feature "mq" has no credentials secret: pass the broker's credentials secret (MQ(brokerArn, secret))`,
		},
		{
			name: "fails if documentdb has no credentials secret, in least-privilege mode",
			give: leastPrivilege(permissions.Use{Feature: permissions.DocumentDB, Resources: []string{sampleResources["rds"][0]}}),
			want: `feature "documentdb" has no credentials secret: pass the cluster's credentials secret (DocumentDB(clusterArn, secret))`,
		},
		{
			name: "fails if self-managed kafka is given a resource",
			give: permissions.Request{Uses: []permissions.Use{{Feature: permissions.Kafka, Resources: []string{secretARN}}}},
			want: `feature "kafka" takes no resource ARNs, got "` + secretARN + `": give the cluster's credentials secret instead (SelfManagedKafka(secret, inVPC), or Secrets in a Use): a self-managed cluster has no ARN`,
		},
		{
			name: "fails if the parameters and secrets extension is given a resource it does not read",
			give: permissions.Request{Uses: []permissions.Use{{Feature: permissions.ParametersAndSecrets, Resources: []string{parameterARN}}}},
			want: `feature "parameters-and-secrets" takes no resource ARNs, got "` + parameterARN + `": give the parameters and secrets instead (ParametersAndSecrets(parameters, secrets), or Parameters and Secrets in a Use)`,
		},
		{
			name: "fails if tracing is given a resource",
			give: permissions.Request{Uses: []permissions.Use{{Feature: permissions.Tracing, Resources: []string{"*"}}}},
			want: `feature "tracing" takes no resource ARNs, got "*": the feature acts on no resource of its own: leave them out`,
		},
		// Resource ARNs.
		{
			name: "fails if a queue ARN is a wildcard",
			give: leastPrivilege(sqsWith("arn:aws:sqs:us-east-1:123456789012:*")...),
			want: `feature "sqs": "arn:aws:sqs:us-east-1:123456789012:*" is a wildcard: pass the exact ARN of one queue (arn:aws:sqs:<region>:<account>:<queue-name>)`,
		},
		{
			name: "fails if a queue ARN is in every region and account",
			give: leastPrivilege(sqsWith("arn:aws:sqs:*:*:orders")...),
			want: `feature "sqs": "arn:aws:sqs:*:*:orders" is a wildcard: pass the exact ARN of one queue (arn:aws:sqs:<region>:<account>:<queue-name>)`,
		},
		{
			name: "fails if a queue ARN is not an ARN",
			give: leastPrivilege(sqsWith("not-an-arn")...),
			want: `feature "sqs": "not-an-arn" is not an ARN: pass the queue ARN (arn:aws:sqs:<region>:<account>:<queue-name>)`,
		},
		{
			name: "fails if a queue ARN is a topic's",
			give: leastPrivilege(sqsWith(topicARN)...),
			want: `feature "sqs": "arn:aws:sns:us-east-1:123456789012:orders" is an ARN of service sns, not sqs: pass the queue ARN (arn:aws:sqs:<region>:<account>:<queue-name>)`,
		},
		{
			name: "fails if a kinesis ARN is not a stream",
			give: leastPrivilege(permissions.Use{Feature: permissions.Kinesis, Resources: []string{"arn:aws:kinesis:us-east-1:123456789012:clicks"}}),
			want: `feature "kinesis": "arn:aws:kinesis:us-east-1:123456789012:clicks" does not name a stream: pass the stream ARN (arn:aws:kinesis:<region>:<account>:stream/<name>)`,
		},
		{
			name: "fails if a dynamodb streams ARN is a global table's",
			give: leastPrivilege(permissions.Use{Feature: permissions.DynamoDBStreams, Resources: []string{"arn:aws:dynamodb::123456789012:global-table/orders"}}),
			want: `feature "dynamodb-streams": "arn:aws:dynamodb::123456789012:global-table/orders" does not name a stream: pass the stream ARN (arn:aws:dynamodb:<region>:<account>:table/<name>/stream/<label>)`,
		},
		{
			name: "fails if a key is given by alias",
			give: permissions.Request{Uses: []permissions.Use{{Feature: permissions.SQS, Keys: []string{"arn:aws:kms:us-east-1:123456789012:alias/orders"}}}},
			want: `feature "sqs": key "arn:aws:kms:us-east-1:123456789012:alias/orders" is a key alias, not a key: pass the key ARN (arn:aws:kms:<region>:<account>:key/<key-id>)`,
		},
		{
			name: "fails if an efs access point ARN is the file system's",
			give: permissions.Request{Uses: []permissions.Use{{Feature: permissions.EFS, AccessPoints: []string{fileSystemARN}}}},
			want: `feature "efs": access point "arn:aws:elasticfilesystem:us-east-1:123456789012:file-system/fs-0123456789abcdef0" is a file system, not an access point: pass the access point ARN (arn:aws:elasticfilesystem:<region>:<account>:access-point/fsap-<id>)`,
		},
		{
			name: "fails if access points are given to a feature that mounts nothing",
			give: permissions.Request{Uses: []permissions.Use{{Feature: permissions.SQS, AccessPoints: []string{accessPointARN}}}},
			want: `feature "sqs" takes no access points, got ["arn:aws:elasticfilesystem:us-east-1:123456789012:access-point/fsap-0123456789abcdef0"]: give them to the file system feature they belong to`,
		},
		// Role name, path, description.
		{
			name: "fails if the role name is over 64 characters",
			give: permissions.Request{RoleName: strings.Repeat("r", 65)},
			want: `role name "` + strings.Repeat("r", 65) + `" is 65 characters: IAM allows at most 64`,
		},
		{
			name: "fails if the role name has a space",
			give: permissions.Request{RoleName: "orders role"},
			want: `role name "orders role" has characters IAM does not allow: use letters, digits and +=,.@_-`,
		},
		{
			name: "fails if the role name has a slash",
			give: permissions.Request{RoleName: "orders/role"},
			want: `role name "orders/role" has characters IAM does not allow: use letters, digits and +=,.@_-`,
		},
		{
			name: "fails if the path has no leading slash",
			give: permissions.Request{Path: "service/"},
			want: `path "service/" is not valid: a path starts and ends with / and holds printable ASCII, e.g. /service/`,
		},
		{
			name: "fails if the path has no trailing slash",
			give: permissions.Request{Path: "/service"},
			want: `path "/service" is not valid: a path starts and ends with / and holds printable ASCII, e.g. /service/`,
		},
		{
			name: "fails if the path is two slashes",
			give: permissions.Request{Path: "//"},
			want: `path "//" is not valid: a path starts and ends with / and holds printable ASCII, e.g. /service/`,
		},
		{
			name: "fails if the path is over 512 characters",
			give: permissions.Request{Path: "/" + strings.Repeat("p", 511) + "/"},
			want: `path "/` + strings.Repeat("p", 511) + `/" is 513 characters: IAM allows at most 512`,
		},
		{
			name: "fails if the description is over 1000 characters",
			give: permissions.Request{Description: strings.Repeat("d", 1001)},
			want: "description is 1001 characters: IAM allows at most 1000",
		},
		{
			name: "fails if the description is over 1000 characters of two bytes each",
			give: permissions.Request{Description: strings.Repeat("é", 1001)},
			want: "description is 1001 characters: IAM allows at most 1000",
		},
		{
			name: "fails if a tag value is over 256 characters",
			give: permissions.Request{Tags: map[string]string{"team": strings.Repeat("ü", 257)}},
			want: `tag "team" value "` + strings.Repeat("ü", 257) + `" is not valid: use up to 256 letters, digits, spaces and _.:/=+-@`,
		},
		{
			name: "fails if the description has characters outside Latin-1",
			give: permissions.Request{Description: "orders → invoices"},
			want: `description "orders → invoices" has characters IAM does not allow: use printable Latin-1 text`,
		},
		// Permissions boundary, session, quotas, tags, trust.
		{
			name: "fails if the permissions boundary is a role ARN",
			give: permissions.Request{PermissionsBoundary: "arn:aws:iam::123456789012:role/boundary"},
			want: `permissions boundary "arn:aws:iam::123456789012:role/boundary" is not a managed policy ARN: give arn:aws:iam::<account>:policy/<name>`,
		},
		{
			name: "fails if the permissions boundary is a bare name",
			give: permissions.Request{PermissionsBoundary: "OrdersBoundary"},
			want: `permissions boundary "OrdersBoundary" is not a managed policy ARN: give arn:aws:iam::<account>:policy/<name>`,
		},
		{
			name: "fails if the permissions boundary is a wildcard",
			give: permissions.Request{PermissionsBoundary: "arn:aws:iam::123456789012:policy/*"},
			want: `permissions boundary "arn:aws:iam::123456789012:policy/*" is a wildcard: give one policy's ARN`,
		},
		{
			name: "fails if the max session is 30 minutes",
			give: permissions.Request{MaxSessionDuration: 30 * time.Minute},
			want: "max session duration 30m0s is out of range: give whole seconds from 1h to 12h",
		},
		{
			name: "fails if the max session is 13 hours",
			give: permissions.Request{MaxSessionDuration: 13 * time.Hour},
			want: "max session duration 13h0m0s is out of range: give whole seconds from 1h to 12h",
		},
		{
			name: "fails if the max session is 1.5 seconds",
			give: permissions.Request{MaxSessionDuration: 1500 * time.Millisecond},
			want: "max session duration 1.5s is out of range: give whole seconds from 1h to 12h",
		},
		{
			name: "fails if the max session is not whole seconds",
			give: permissions.Request{MaxSessionDuration: time.Hour + 500*time.Millisecond},
			want: "max session duration 1h0m0.5s is out of range: give whole seconds from 1h to 12h",
		},
		{
			name: "fails if max managed policies is 21",
			give: permissions.Request{MaxManagedPolicies: 21},
			want: "max managed policies 21 is out of range: IAM allows 1 to 20 per role (10 unless raised)",
		},
		{
			name: "fails if max managed policies is negative",
			give: permissions.Request{MaxManagedPolicies: -1},
			want: "max managed policies -1 is out of range: IAM allows 1 to 20 per role (10 unless raised)",
		},
		{
			name: "fails if there are 51 tags",
			give: permissions.Request{Tags: manyTags(51)},
			want: "51 tags: IAM allows at most 50 on a role",
		},
		{
			name: "fails if a tag key starts with aws:",
			give: permissions.Request{Tags: map[string]string{"aws:x": "orders"}},
			want: `tag key "aws:x" is not valid: use 1 to 128 letters, digits, spaces and _.:/=+-@, and do not start it with "aws:"`,
		},
		{
			name: "fails if a tag value has a star",
			give: permissions.Request{Tags: map[string]string{"team": "orders*"}},
			want: `tag "team" value "orders*" is not valid: use up to 256 letters, digits, spaces and _.:/=+-@`,
		},
		{
			name: "fails if a trusted service is not an AWS service principal",
			give: permissions.Request{Trust: []string{"lambda.example.com"}},
			want: `trusted service "lambda.example.com" is not a service principal: give a name such as edgelambda.amazonaws.com`,
		},
		{
			name: "fails if the trust policy is over 2048 characters",
			give: permissions.Request{Trust: manyServices},
			want: overTrustErr,
		},
		// User statements.
		{
			name: "fails if a statement has no actions",
			give: permissions.Request{Statements: readBucket(func(s *permissions.Statement) { s.Actions = nil })},
			want: `statement "ReadBucket" has no actions: list the actions it allows, e.g. s3:GetObject`,
		},
		{
			name: "fails if an action has no service prefix",
			give: permissions.Request{Statements: readBucket(func(s *permissions.Statement) { s.Actions = []string{"s3GetObject"} })},
			want: `statement "ReadBucket": action "s3GetObject" is not of the form service:Action: write it like s3:GetObject or s3:Get*`,
		},
		{
			name: "fails if an action is every action",
			give: permissions.Request{Statements: readBucket(func(s *permissions.Statement) { s.Actions = []string{"*"} })},
			want: `statement "ReadBucket": action "*" allows every action of every service: list the actions the function needs`,
		},
		{
			name: "fails if a statement has no resources",
			give: permissions.Request{Statements: readBucket(func(s *permissions.Statement) { s.Resources = nil })},
			want: `statement "ReadBucket" has no resources: list the ARNs it applies to`,
		},
		{
			name: "fails if a sid has dashes",
			give: permissions.Request{Statements: readBucket(func(s *permissions.Statement) { s.Sid = "read-bucket" })},
			want: `statement "read-bucket": sid has characters IAM does not allow: use letters and digits only`,
		},
		{
			name: "fails if two statements share a sid",
			give: permissions.Request{Statements: append(readBucket(func(*permissions.Statement) {}), readBucket(func(*permissions.Statement) {})...)},
			want: `statement "ReadBucket": sid is used twice in the role's policy: give each statement its own sid`,
		},
		{
			name: "fails if a statement takes the sid of a feature's",
			give: permissions.Request{LeastPrivilege: true, FunctionNames: []string{"orders"}, Statements: readBucket(func(s *permissions.Statement) { s.Sid = "Logs" })},
			want: `statement "Logs": sid is used twice in the role's policy: give each statement its own sid`,
		},
		{
			name: "fails if a statement without sid has no actions, naming it by index",
			give: permissions.Request{Statements: append(readBucket(func(*permissions.Statement) {}), permissions.Statement{Resources: []string{"*"}})},
			want: "statement at Statements[1] has no actions: list the actions it allows, e.g. s3:GetObject",
		},
		{
			name: "fails if a condition has no key",
			give: permissions.Request{Statements: readBucket(func(s *permissions.Statement) {
				s.Conditions = []permissions.Condition{{Operator: "StringEquals", Values: []string{"123456789012"}}}
			})},
			want: `statement "ReadBucket": condition (operator "StringEquals", key "", values ["123456789012"]) is incomplete: give an operator, a key and at least one value`,
		},
		// Managed policies.
		{
			name: "fails if a managed policy name is empty",
			give: permissions.Request{ManagedPolicies: []string{""}},
			want: "managed policy name is empty: give a name such as AWSLambdaBasicExecutionRole",
		},
		{
			name: "fails if a managed policy is given by ARN",
			give: permissions.Request{ManagedPolicies: []string{"arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess"}},
			want: `managed policy "arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess" is an ARN: give the bare name (AmazonS3ReadOnlyAccess), or pass the ARN as a customer managed policy`,
		},
		{
			name: "fails if a managed policy name is unknown",
			give: permissions.Request{ManagedPolicies: []string{"AWSLambdaBasicExecutionRol"}},
			want: `unknown AWS managed policy "AWSLambdaBasicExecutionRol": AWS publishes no managed policy named AWSLambdaBasicExecutionRol; did you mean "AWSLambdaBasicExecutionRole"? (a policy of your own account goes in the customer managed policies, by ARN)`,
		},
		{
			name: "fails if a service-role policy is given at the root path",
			give: permissions.Request{ManagedPolicies: []string{"/AWSLambdaSQSQueueExecutionRole"}},
			want: `managed policy "/AWSLambdaSQSQueueExecutionRole" has the wrong path: AWS publishes AWSLambdaSQSQueueExecutionRole at /service-role/, not /; give service-role/AWSLambdaSQSQueueExecutionRole or the bare name AWSLambdaSQSQueueExecutionRole`,
		},
		{
			name: "fails if a root policy is given under service-role",
			give: permissions.Request{ManagedPolicies: []string{"service-role/AWSXRayDaemonWriteAccess"}},
			want: `managed policy "service-role/AWSXRayDaemonWriteAccess" has the wrong path: AWS publishes AWSXRayDaemonWriteAccess at /, not /service-role/; give the bare name AWSXRayDaemonWriteAccess`,
		},
		{
			name: "fails if a known extra policy is given under another path",
			give: permissions.Request{ManagedPolicies: []string{"job-function/AmazonS3ReadOnlyAccess"}},
			want: `managed policy "job-function/AmazonS3ReadOnlyAccess" has the wrong path: AWS publishes AmazonS3ReadOnlyAccess at /, not /job-function/; give the bare name AmazonS3ReadOnlyAccess`,
		},
		{
			name: "fails if a root policy is given under the path the old hint suggested",
			give: permissions.Request{ManagedPolicies: []string{"service-role/AmazonEC2ReadOnlyAccess"}},
			want: `managed policy "service-role/AmazonEC2ReadOnlyAccess" has the wrong path: AWS publishes AmazonEC2ReadOnlyAccess at /, not /service-role/; give the bare name AmazonEC2ReadOnlyAccess`,
		},
		{
			name: "fails if a policy under a path is not an AWS managed policy",
			give: permissions.Request{ManagedPolicies: []string{"service-role/AWSLambdaSQSQueueExecutionRol"}},
			want: `unknown AWS managed policy "service-role/AWSLambdaSQSQueueExecutionRol": AWS publishes no managed policy named AWSLambdaSQSQueueExecutionRol; did you mean "AWSLambdaSQSQueueExecutionRole"? (a policy of your own account goes in the customer managed policies, by ARN)`,
		},
		{
			name: "fails if a deprecated policy has a replacement",
			give: permissions.Request{ManagedPolicies: []string{"AWSLambdaFullAccess"}},
			want: `AWS managed policy "AWSLambdaFullAccess" is deprecated: AWS no longer lets a new role attach it; use AWSLambda_FullAccess, which AWS names as its replacement`,
		},
		{
			name: "fails if a deprecated policy has no replacement",
			give: permissions.Request{ManagedPolicies: []string{"service-role/AmazonEC2SpotFleetRole"}},
			want: `AWS managed policy "service-role/AmazonEC2SpotFleetRole" is deprecated: AWS no longer lets a new role attach it; choose a current AWS managed policy, or grant the actions the function needs as statements`,
		},
		{
			name: "fails if a managed policy path has a space",
			give: permissions.Request{ManagedPolicies: []string{"service role/AWSLambdaRole"}},
			want: `managed policy "service role/AWSLambdaRole" is not a valid path and name: write it like service-role/AWSLambdaRole`,
		},
		{
			name: "fails if a customer managed policy ARN names no policy",
			give: permissions.Request{CustomerManagedPolicyARNs: []string{"arn:aws:iam::123456789012:policy"}},
			want: `customer managed policy "arn:aws:iam::123456789012:policy" is not a managed policy ARN: give arn:aws:iam::<account>:policy/<name>`,
		},
		{
			name: "fails if a customer managed policy ARN is a role's",
			give: permissions.Request{CustomerManagedPolicyARNs: []string{"arn:aws:iam::123456789012:role/orders"}},
			want: `customer managed policy "arn:aws:iam::123456789012:role/orders" is not a managed policy ARN: give arn:aws:iam::<account>:policy/<name>`,
		},
		// Quotas.
		{
			name: "fails if eleven managed policies hold nothing of each other",
			give: permissions.Request{ManagedPolicies: tenExtras},
			want: "11 managed policies exceed the quota of 10 per role (AWSLambdaBasicExecutionRole, " + strings.Join(tenExtras, ", ") +
				"): raise the account's quota and set MaxManagedPolicies (up to 20), use least-privilege mode, or split the functions across roles",
		},
		{
			name: "fails if customer managed policies pass the quota",
			give: permissions.Request{CustomerManagedPolicyARNs: []string{"arn:aws:iam::123456789012:policy/orders"}, MaxManagedPolicies: 1},
			want: "2 managed policies exceed the quota of 1 per role (AWSLambdaBasicExecutionRole, arn:aws:iam::123456789012:policy/orders): raise the account's quota and set MaxManagedPolicies (up to 20), use least-privilege mode, or split the functions across roles",
		},
		{
			name: "fails if user statements pass the inline quota, naming the largest",
			give: permissions.Request{Statements: bigStatements},
			want: overInlineErr,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := permissions.Resolve(tt.give)
			if err == nil {
				t.Fatalf("Resolve succeeded, want error:\n %s", tt.want)
			}
			if got := permissions.Message(err); got != tt.want {
				t.Errorf("error:\n got  %s\n want %s", got, tt.want)
			}
		})
	}
}

// TestResolveAcceptsValidInput: values at the edge of what IAM and Lambda allow, and tokens
// where literals are checked, plan without error.
func TestResolveAcceptsValidInput(t *testing.T) {
	tests := []struct {
		name string
		give permissions.Request
	}{
		{"a description of 1000 characters of two bytes each", permissions.Request{Description: strings.Repeat("é", 1000)}},
		{"a tag key of 128 and a value of 256 characters of two bytes each", permissions.Request{Tags: map[string]string{strings.Repeat("ü", 128): strings.Repeat("ü", 256)}}},
		{"a function name of 64 characters", permissions.Request{LeastPrivilege: true, FunctionNames: []string{strings.Repeat("f", 64)}}},
		{"a function name that is a token", permissions.Request{LeastPrivilege: true, FunctionNames: []string{"${Token[TOKEN.1]}"}}},
		{"a log group of 512 characters", permissions.Request{LeastPrivilege: true, LogGroups: []string{"/" + strings.Repeat("g", 511)}}},
		{"a log group with every allowed character", permissions.Request{LeastPrivilege: true, LogGroups: []string{"/aws/lambda/orders_v2.prod-#1"}}},
		{"a log group that is a token", permissions.Request{LeastPrivilege: true, LogGroups: []string{"${Token[TOKEN.1]}"}}},
		{"subnets and security groups by ARN and by token", permissions.Request{Uses: uses(permissions.VPC), LeastPrivilege: true, FunctionNames: []string{"orders"},
			Subnets:        []string{"arn:aws:ec2:us-east-1:123456789012:subnet/subnet-0123456789abcdef0", "${Token[TOKEN.1]}"},
			SecurityGroups: []string{"arn:aws:ec2:us-east-1:123456789012:security-group/sg-0123456789abcdef0", "${Token[TOKEN.2]}"}}},
		{"the extension's parameters and secrets also given as its resources, as the construct passes them", permissions.Request{Uses: []permissions.Use{
			{Feature: permissions.ParametersAndSecrets, Parameters: []string{parameterARN}, Secrets: []string{secretARN}, Resources: []string{parameterARN, secretARN}}}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if _, err := permissions.Resolve(tt.give); err != nil {
				t.Errorf("Resolve: %v", err)
			}
		})
	}
}
