package audit

import (
	"encoding/json"
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
		actions: []string{"ssm:GetParameter", "secretsmanager:GetSecretValue"}, anyOf: true, manual: true,
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

// sourceFeatures maps the service of an event source ARN to the feature that reads it;
// destinationFeatures the service of a destination ARN to the feature that sends to it, and
// deadLetterFeatures the service of a dead-letter target. The services are those of the
// features' resources in the catalog (Definition.Shape).
var (
	sourceFeatures = byService(permissions.SQS, permissions.Kinesis, permissions.DynamoDBStreams,
		permissions.MSK, permissions.MQ, permissions.DocumentDB)
	destinationFeatures = byService(permissions.DestinationQueue, permissions.DestinationTopic,
		permissions.DestinationFunction, permissions.DestinationEventBus, permissions.DestinationBucket)
	deadLetterFeatures = byService(permissions.DeadLetterQueue, permissions.DeadLetterTopic)
)

// byService maps the service of each feature's resource to the feature. It panics on a
// feature without a resource shape, or two features of one service: a catalog change the
// audit must follow.
func byService(ids ...permissions.ID) map[string]permissions.ID {
	out := make(map[string]permissions.ID, len(ids))
	for _, id := range ids {
		d, ok := permissions.Lookup(id)
		if !ok || d.Shape == nil {
			panic("execrole audit: feature " + string(id) + " has no resource shape in the catalog")
		}
		if other, dup := out[d.Shape.Service]; dup {
			panic("execrole audit: features " + string(other) + " and " + string(id) + " both take " + d.Shape.Service + " resources")
		}
		out[d.Shape.Service] = id
	}
	return out
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
	for _, u := range f.uses {
		if n, ok := needs[u.Feature]; ok {
			out = append(out, required{need: n, use: u})
		}
	}
	return out
}

// uses is an ordered set of feature uses, one per feature.
type uses []permissions.Use

// add adds resources (tokens or ARNs; "" for none) to the use of id, appending the use first
// when it is new, and returns it.
func (us *uses) add(id permissions.ID, resources ...string) *permissions.Use {
	i := slices.IndexFunc(*us, func(u permissions.Use) bool { return u.Feature == id })
	if i < 0 {
		*us = append(*us, permissions.Use{Feature: id})
		i = len(*us) - 1
	}
	u := &(*us)[i]
	for _, r := range resources {
		if r != "" && !slices.Contains(u.Resources, r) {
			u.Resources = append(u.Resources, r)
		}
	}
	return u
}

// layerFeatures are the features a layer of the function implies, by a text its ARN (or the
// name of the region mapping aws-cdk-lib resolves it through) holds, lower case: the Lambda
// Insights extension (LambdaInsightsExtension), the AWS Distro for OpenTelemetry layers of
// CloudWatch Application Signals (AWSOpenTelemetryDistroPython and its kin; the aws-otel-*
// layers of awslambda.AdotInstrumentationConfig only trace, which aws-cdk-lib turns on as
// active tracing), and the AWS Parameters and Secrets Lambda Extension
// (AWS-Parameters-and-Secrets-Lambda-Extension, or aws-cdk-lib's ParamsandsecretslayerMap).
var layerFeatures = []struct {
	text    string
	feature permissions.ID
}{
	{"lambdainsights", permissions.Insights},
	{"awsopentelemetrydistro", permissions.ApplicationSignals},
	{"parameters-and-secrets", permissions.ParametersAndSecrets},
	{"paramsandsecrets", permissions.ParametersAndSecrets},
}

// detect derives the features f uses from what the template will hold, in a stable order:
// the function's own settings, its event sources, then its destinations.
func detect(f *function, m *stackModel) []permissions.Use {
	var out uses
	p := f.props
	if len(list(field(p["vpcConfig"], "subnetIds"))) > 0 {
		out.add(permissions.VPC)
	}
	if mode, _ := field(p["tracingConfig"], "mode").(string); mode == "Active" {
		out.add(permissions.Tracing)
	}
	layers, _ := json.Marshal(p["layers"])
	for _, l := range layerFeatures {
		if strings.Contains(strings.ToLower(string(layers)), l.text) {
			out.add(l.feature)
		}
	}
	for _, c := range list(p["fileSystemConfigs"]) {
		u := out.add(permissions.EFS)
		ap := field(c, "arn")
		if id, ok := refID(ap); ok && m.accessPoints[id] != nil {
			u.AccessPoints = append(u.AccessPoints, *m.accessPoints[id].AttrArn())
			if fs := m.accessPoints[id].FileSystemId(); fs != nil {
				if fsID, ok := ref(m.stack.Resolve(fs)); ok && m.fileSystems[fsID] != nil {
					out.add(permissions.EFS, *m.fileSystems[fsID].AttrArn())
				}
			}
		}
	}
	if t := field(p["deadLetterConfig"], "targetArn"); t != nil {
		if id, ok := deadLetterFeatures[service(t, m.types)]; ok {
			out.add(id, tokenOf(t))
		}
	}
	if p["kmsKeyArn"] != nil {
		out.add(permissions.EnvironmentKey, f.kmsKeyArn)
	}
	if f.edge {
		out.add(permissions.Edge)
	}
	for _, s := range f.sources {
		if s.service == "self-managed-kafka" {
			u := out.add(permissions.Kafka)
			u.Secrets = appendNew(u.Secrets, s.secrets...)
			u.InVPC = u.InVPC || s.inVPC
			continue
		}
		if id, ok := sourceFeatures[s.service]; ok {
			u := out.add(id, s.arn)
			if id == permissions.MQ || id == permissions.DocumentDB || id == permissions.MSK {
				u.Secrets = appendNew(u.Secrets, s.secrets...)
			}
		}
	}
	for _, d := range f.destinations {
		if id, ok := destinationFeatures[service(d, m.types)]; ok {
			out.add(id, tokenOf(d))
		}
	}
	return out
}

func appendNew(dst []string, src ...string) []string {
	for _, s := range src {
		if !slices.Contains(dst, s) {
			dst = append(dst, s)
		}
	}
	return dst
}

// refID returns the logical id a resolved value refers to, by Ref, GetAtt, or inside an
// Fn::Join (an access point ARN built from its Ref).
func refID(v any) (string, bool) {
	if id, ok := ref(v); ok {
		return id, true
	}
	if id, ok := getAtt(v); ok {
		return id, true
	}
	if j := list(field(v, "Fn::Join")); len(j) == 2 {
		for _, p := range list(j[1]) {
			if id, ok := refID(p); ok {
				return id, true
			}
		}
	}
	return "", false
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
