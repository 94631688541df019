package audit

import (
	"encoding/json"
	"path"
	"slices"
	"strings"

	"github.com/execrole/execrole/constructs/permissions"
)

// need is what a function's configuration asks of its role: the actions Lambda performs with
// the role's credentials, and the execrole feature that grants them.
type need struct {
	feature permissions.ID
	// what says what the function is configured to do, after "function X ...".
	what string
	// actions must all be allowed.
	actions []string
	// resource, when set, is a text that a statement's resource must contain unless it is
	// "*" (the Lambda Insights log group, for example).
	resource string
	// constructor is the executionrole function that adds the feature.
	constructor string
	// fixable says AutoFix can add the feature from what the template holds.
	fixable bool
}

var eniActions = []string{"ec2:CreateNetworkInterface", "ec2:DescribeNetworkInterfaces", "ec2:DeleteNetworkInterface"}

// needs is every need the audit checks, by feature.
var needs = map[permissions.ID]need{
	permissions.VPC:             {permissions.VPC, "is attached to a VPC", eniActions, "", "VPC()", true},
	permissions.Tracing:         {permissions.Tracing, "has active X-Ray tracing", []string{"xray:PutTraceSegments", "xray:PutTelemetryRecords"}, "", "Tracing()", true},
	permissions.Insights:        {permissions.Insights, "has the Lambda Insights extension", []string{"logs:CreateLogStream", "logs:PutLogEvents"}, "lambda-insights", "Insights()", true},
	permissions.EFS:             {permissions.EFS, "mounts an EFS file system", []string{"elasticfilesystem:ClientMount"}, "", "EFS(fileSystem)", false},
	permissions.DeadLetterQueue: {permissions.DeadLetterQueue, "has a dead-letter queue", []string{"sqs:SendMessage"}, "", "DeadLetterQueue(queue)", false},
	permissions.DeadLetterTopic: {permissions.DeadLetterTopic, "has a dead-letter topic", []string{"sns:Publish"}, "", "DeadLetterTopic(topic)", false},
	permissions.EnvironmentKey:  {permissions.EnvironmentKey, "encrypts its environment with a customer managed key", []string{"kms:Decrypt"}, "", "EnvironmentKey(key)", true},
	permissions.SQS:             {permissions.SQS, "has an SQS event source", []string{"sqs:ReceiveMessage", "sqs:DeleteMessage", "sqs:GetQueueAttributes"}, "", "SQS(queue)", true},
	permissions.Kinesis:         {permissions.Kinesis, "has a Kinesis event source", []string{"kinesis:GetRecords", "kinesis:GetShardIterator", "kinesis:DescribeStream", "kinesis:ListShards"}, "", "Kinesis(stream)", true},
	permissions.DynamoDBStreams: {permissions.DynamoDBStreams, "has a DynamoDB Streams event source", []string{"dynamodb:DescribeStream", "dynamodb:GetRecords", "dynamodb:GetShardIterator", "dynamodb:ListStreams"}, "", "DynamoDBStreams(table)", true},
	permissions.MSK:             {permissions.MSK, "has an Amazon MSK event source", append([]string{"kafka:DescribeCluster", "kafka:GetBootstrapBrokers"}, eniActions...), "", "MSKArns(clusterArn)", true},
	permissions.MQ:              {permissions.MQ, "has an Amazon MQ event source", []string{"mq:DescribeBroker", "secretsmanager:GetSecretValue"}, "", "MQ(brokerArn, secret)", false},
	permissions.DocumentDB:      {permissions.DocumentDB, "has a DocumentDB event source", []string{"rds:DescribeDBClusters", "secretsmanager:GetSecretValue"}, "", "DocumentDB(clusterArn, secret)", false},
}

// sourceFeatures maps the service of an event source ARN to the feature that reads it.
var sourceFeatures = map[string]permissions.ID{
	"sqs": permissions.SQS, "kinesis": permissions.Kinesis, "dynamodb": permissions.DynamoDBStreams,
	"kafka": permissions.MSK, "mq": permissions.MQ, "rds": permissions.DocumentDB,
}

// required is one need of one function, with the resources that feature is for: CDK tokens
// or ARNs, as AutoFix passes them to the feature.
type required struct {
	need
	arns []string
}

// requirements lists what f's configuration needs, in a stable order: the function's own
// settings, then its event sources.
func requirements(f *function, types map[string]string) []required {
	var out []required
	add := func(id permissions.ID, arn string) {
		for i := range out {
			if out[i].feature == id {
				if arn != "" && !slices.Contains(out[i].arns, arn) {
					out[i].arns = append(out[i].arns, arn)
				}
				return
			}
		}
		r := required{need: needs[id]}
		if arn != "" {
			r.arns = []string{arn}
		}
		out = append(out, r)
	}
	p := f.props
	if len(list(field(p["vpcConfig"], "subnetIds"))) > 0 {
		add(permissions.VPC, "")
	}
	if m, _ := field(p["tracingConfig"], "mode").(string); m == "Active" {
		add(permissions.Tracing, "")
	}
	if b, _ := json.Marshal(p["layers"]); strings.Contains(string(b), "LambdaInsights") {
		add(permissions.Insights, "")
	}
	if len(list(p["fileSystemConfigs"])) > 0 {
		add(permissions.EFS, "")
	}
	if t := field(p["deadLetterConfig"], "targetArn"); t != nil {
		switch service(t, types) {
		case "sqs":
			add(permissions.DeadLetterQueue, "")
		case "sns":
			add(permissions.DeadLetterTopic, "")
		}
	}
	if p["kmsKeyArn"] != nil {
		add(permissions.EnvironmentKey, f.kmsKeyArn)
	}
	for _, s := range f.sources {
		if id, ok := sourceFeatures[s.service]; ok {
			add(id, s.arn)
		}
	}
	return out
}

// lacks returns the actions of n that statements do not allow.
func lacks(n need, stmts []permissions.Statement) []string {
	var out []string
	for _, a := range n.actions {
		if !slices.ContainsFunc(stmts, func(s permissions.Statement) bool { return allows(s, a, n.resource) }) {
			out = append(out, a)
		}
	}
	return out
}

func allows(s permissions.Statement, action, resource string) bool {
	if !slices.ContainsFunc(s.Actions, func(p string) bool { return matches(p, action) }) {
		return false
	}
	if resource == "" {
		return true
	}
	return slices.ContainsFunc(s.Resources, func(r string) bool { return r == "*" || strings.Contains(r, resource) })
}

// matches reports whether an IAM action pattern ("sqs:*", "sqs:Receive*", "*") allows action;
// IAM compares actions case-insensitively.
func matches(pattern, action string) bool {
	ok, _ := path.Match(strings.ToLower(pattern), strings.ToLower(action))
	return ok
}
