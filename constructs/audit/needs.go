package audit

import (
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
	// anyOf says one of actions is enough (the Parameters and Secrets extension reads
	// parameters, secrets, or both).
	anyOf bool
	// manual says AutoFix cannot add the feature: it needs resources only the user knows
	// (which parameters and secrets the function reads).
	manual bool
}

var eniActions = []string{"ec2:CreateNetworkInterface", "ec2:DescribeNetworkInterfaces", "ec2:DeleteNetworkInterface"}

// needs is every need the audit checks, by feature. Features that need no action of the role
// (Edge changes its trust; self-managed Kafka without credentials or VPC needs nothing) are
// derived by FeaturesOf but not checked.
var needs = map[permissions.ID]need{
	permissions.VPC:                {permissions.VPC, "is attached to a VPC", eniActions, "", "VPC()", false, false},
	permissions.Tracing:            {permissions.Tracing, "has active X-Ray tracing", []string{"xray:PutTraceSegments", "xray:PutTelemetryRecords"}, "", "Tracing()", false, false},
	permissions.Insights:           {permissions.Insights, "has the Lambda Insights extension", []string{"logs:CreateLogStream", "logs:PutLogEvents"}, "lambda-insights", "Insights()", false, false},
	permissions.ApplicationSignals: {permissions.ApplicationSignals, "has the Application Signals (AWS Distro for OpenTelemetry) layer", []string{"xray:PutTraceSegments", "logs:PutLogEvents"}, "application-signals", "ApplicationSignals()", false, false},
	permissions.ParametersAndSecrets: {feature: permissions.ParametersAndSecrets, what: "has the Parameters and Secrets extension",
		actions: servedBy(permissions.ParametersAndSecrets), anyOf: true, manual: true,
		constructor: "ParametersAndSecrets(parameters, secrets), naming what the function reads,"},
	permissions.EFS:                 {permissions.EFS, "mounts an EFS file system", []string{"elasticfilesystem:ClientMount"}, "", "EFS(fileSystem)", false, false},
	permissions.DeadLetterQueue:     {permissions.DeadLetterQueue, "has a dead-letter queue", []string{"sqs:SendMessage"}, "", "DeadLetterQueue(queue)", false, false},
	permissions.DeadLetterTopic:     {permissions.DeadLetterTopic, "has a dead-letter topic", []string{"sns:Publish"}, "", "DeadLetterTopic(topic)", false, false},
	permissions.DestinationQueue:    {permissions.DestinationQueue, "sends invocation records to a queue", []string{"sqs:SendMessage"}, "", "DestinationQueue(queue)", false, false},
	permissions.DestinationTopic:    {permissions.DestinationTopic, "sends invocation records to a topic", []string{"sns:Publish"}, "", "DestinationTopic(topic)", false, false},
	permissions.DestinationFunction: {permissions.DestinationFunction, "sends invocation records to a function", []string{"lambda:InvokeFunction"}, "", "DestinationFunction(fn)", false, false},
	permissions.DestinationEventBus: {permissions.DestinationEventBus, "sends invocation records to an event bus", []string{"events:PutEvents"}, "", "DestinationEventBus(bus)", false, false},
	permissions.DestinationBucket:   {permissions.DestinationBucket, "sends invocation records to a bucket", []string{"s3:PutObject"}, "", "DestinationBucket(bucket)", false, false},
	permissions.EnvironmentKey:      {permissions.EnvironmentKey, "encrypts its environment with a customer managed key", []string{"kms:Decrypt"}, "", "EnvironmentKey(key)", false, false},
	permissions.SQS:                 {permissions.SQS, "has an SQS event source", []string{"sqs:ReceiveMessage", "sqs:DeleteMessage", "sqs:GetQueueAttributes"}, "", "SQS(queue)", false, false},
	permissions.Kinesis:             {permissions.Kinesis, "has a Kinesis event source", []string{"kinesis:GetRecords", "kinesis:GetShardIterator", "kinesis:DescribeStream", "kinesis:ListShards"}, "", "Kinesis(stream)", false, false},
	permissions.DynamoDBStreams:     {permissions.DynamoDBStreams, "has a DynamoDB Streams event source", []string{"dynamodb:DescribeStream", "dynamodb:GetRecords", "dynamodb:GetShardIterator", "dynamodb:ListStreams"}, "", "DynamoDBStreams(table)", false, false},
	permissions.MSK:                 {permissions.MSK, "has an Amazon MSK event source", append([]string{"kafka:DescribeCluster", "kafka:GetBootstrapBrokers"}, eniActions...), "", "MSKArns(clusterArn)", false, false},
	permissions.MQ:                  {permissions.MQ, "has an Amazon MQ event source", []string{"mq:DescribeBroker", "secretsmanager:GetSecretValue"}, "", "MQ(brokerArn, secret)", false, false},
	permissions.DocumentDB:          {permissions.DocumentDB, "has a DocumentDB event source", []string{"rds:DescribeDBClusters", "secretsmanager:GetSecretValue"}, "", "DocumentDB(clusterArn, secret)", false, false},
}

// required is one need of one function, with the feature's use as the function's
// configuration gives it: what AutoFix adds.
type required struct {
	need
	use permissions.Use
}

// requirements lists what f's uses need of its role, in the order of the uses.
func requirements(f *function) []required {
	var out []required
	for _, u := range f.Uses {
		if n, ok := needs[u.Feature]; ok {
			out = append(out, required{need: n, use: u})
		}
	}
	return out
}

// lacks returns the actions of n that statements do not allow: all of them, for a need that
// any one of its actions meets, when none is allowed.
func lacks(n need, stmts []permissions.Statement) []string {
	var out []string
	for _, a := range n.actions {
		if !slices.ContainsFunc(stmts, func(s permissions.Statement) bool { return allows(s, a, n.resource) }) {
			out = append(out, a)
		} else if n.anyOf {
			return nil
		}
	}
	return out
}

func allows(s permissions.Statement, action, resource string) bool {
	if !slices.ContainsFunc(s.Actions, func(p string) bool { return permissions.ActionMatches(p, action) }) {
		return false
	}
	if resource == "" {
		return true
	}
	return slices.ContainsFunc(s.Resources, func(r string) bool { return r == "*" || strings.Contains(r, resource) })
}

// servedBy are the actions any one of which serves feature id (Definition.ServedBy).
func servedBy(id permissions.ID) []string {
	d, _ := permissions.Lookup(id)
	return d.ServedBy
}
