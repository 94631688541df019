package permissions_test

import (
	"encoding/json"
	"os"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/execrole/execrole/constructs/permissions"
	"github.com/execrole/execrole/internal/refdata"
)

// The AWS managed policy of each feature and its ARN path, as the Lambda Developer Guide gives
// them ("Lambda execution role": AWS managed policies for Lambda features). The partition is
// left to CloudFormation, so one template serves every partition.
const (
	basicARN              = "arn:${AWS::Partition}:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole"
	durableARN            = "arn:${AWS::Partition}:iam::aws:policy/service-role/AWSLambdaBasicDurableExecutionRolePolicy"
	tracingARN            = "arn:${AWS::Partition}:iam::aws:policy/AWSXRayDaemonWriteAccess"
	vpcARN                = "arn:${AWS::Partition}:iam::aws:policy/service-role/AWSLambdaVPCAccessExecutionRole"
	networkInterfacesARN  = "arn:${AWS::Partition}:iam::aws:policy/service-role/AWSLambdaENIManagementAccess"
	sqsARN                = "arn:${AWS::Partition}:iam::aws:policy/service-role/AWSLambdaSQSQueueExecutionRole"
	kinesisARN            = "arn:${AWS::Partition}:iam::aws:policy/service-role/AWSLambdaKinesisExecutionRole"
	dynamoDBARN           = "arn:${AWS::Partition}:iam::aws:policy/service-role/AWSLambdaDynamoDBExecutionRole"
	mskARN                = "arn:${AWS::Partition}:iam::aws:policy/service-role/AWSLambdaMSKExecutionRole"
	insightsARN           = "arn:${AWS::Partition}:iam::aws:policy/CloudWatchLambdaInsightsExecutionRolePolicy"
	applicationSignalsARN = "arn:${AWS::Partition}:iam::aws:policy/CloudWatchLambdaApplicationSignalsExecutionRolePolicy"
	efsARN                = "arn:${AWS::Partition}:iam::aws:policy/AmazonElasticFileSystemClientReadWriteAccess"
	s3ReadOnlyARN         = "arn:${AWS::Partition}:iam::aws:policy/AmazonS3ReadOnlyAccess"
)

// Resources as AWS writes their ARNs, for features that take them.
const (
	queueARN       = "arn:aws:sqs:us-east-1:123456789012:orders"
	streamARN      = "arn:aws:kinesis:us-east-1:123456789012:stream/clicks"
	tableStreamARN = "arn:aws:dynamodb:us-east-1:123456789012:table/orders/stream/2024-01-01T00:00:00.000"
	clusterARN     = "arn:aws:kafka:us-east-1:123456789012:cluster/events/0b7f6a0e-1f1a-4d5e-9c3a-7d2f5e1b8c9a-1"
	fileSystemARN  = "arn:aws:elasticfilesystem:us-east-1:123456789012:file-system/fs-0123456789abcdef0"
	accessPointARN = "arn:aws:elasticfilesystem:us-east-1:123456789012:access-point/fsap-0123456789abcdef0"
	keyARN         = "arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab"
	secretARN      = "arn:aws:secretsmanager:us-east-1:123456789012:secret:orders-credentials-AbCdEf"
	parameterARN   = "arn:aws:ssm:us-east-1:123456789012:parameter/orders/endpoint"
	topicARN       = "arn:aws:sns:us-east-1:123456789012:orders"
)

// mustResolve resolves req and fails the test on error.
func mustResolve(t testing.TB, req permissions.Request) permissions.Plan {
	t.Helper()
	p, err := permissions.Resolve(req)
	if err != nil {
		t.Fatalf("Resolve: %v", err)
	}
	return p
}

// policyARNs lists a plan's managed policy ARNs in order.
func policyARNs(p permissions.Plan) []string {
	var out []string
	for _, m := range p.ManagedPolicies {
		out = append(out, m.ARN())
	}
	return out
}

// policyFeatures lists the feature each of a plan's managed policies came from.
func policyFeatures(p permissions.Plan) []permissions.ID {
	var out []permissions.ID
	for _, m := range p.ManagedPolicies {
		out = append(out, m.Feature)
	}
	return out
}

func uses(ids ...permissions.ID) []permissions.Use {
	var out []permissions.Use
	for _, id := range ids {
		out = append(out, permissions.Use{Feature: id})
	}
	return out
}

// readRef decodes a reference data file, or skips the test when it is absent (fails it in
// CI, see refdata.Require).
func readRef(t testing.TB, name string, v any) {
	t.Helper()
	b, err := os.ReadFile(refdata.Require(t, name))
	if err != nil {
		t.Fatalf("read reference data: %v", err)
	}
	if err := json.Unmarshal(b, v); err != nil {
		t.Fatalf("decode %s: %v", name, err)
	}
}

// refManagedPolicyPaths maps each current AWS managed policy name to its path.
func refManagedPolicyPaths(t testing.TB) map[string]string {
	t.Helper()
	var ref struct {
		Policies []struct {
			Name, Path string
			Deprecated bool
		}
	}
	readRef(t, "aws-managed-policies.json", &ref)
	out := map[string]string{}
	for _, p := range ref.Policies {
		if !p.Deprecated {
			out[p.Name] = p.Path
		}
	}
	return out
}

func TestResolveGrantsEachFeatureItsManagedPolicy(t *testing.T) {
	tests := []struct {
		name         string
		give         permissions.ID
		wantFeatures []permissions.ID
		want         []string
	}{
		{"basic logs alone", permissions.BasicLogs, []permissions.ID{permissions.BasicLogs}, []string{basicARN}},
		{"durable instead of basic logs", permissions.Durable, []permissions.ID{permissions.Durable}, []string{durableARN}},
		{"tracing at the root path", permissions.Tracing, []permissions.ID{permissions.BasicLogs, permissions.Tracing}, []string{basicARN, tracingARN}},
		{"vpc", permissions.VPC, []permissions.ID{permissions.BasicLogs, permissions.VPC}, []string{basicARN, vpcARN}},
		{"vpc network interfaces", permissions.VPCNetworkInterfaces, []permissions.ID{permissions.BasicLogs, permissions.VPCNetworkInterfaces}, []string{basicARN, networkInterfacesARN}},
		{"sqs", permissions.SQS, []permissions.ID{permissions.BasicLogs, permissions.SQS}, []string{basicARN, sqsARN}},
		{"kinesis", permissions.Kinesis, []permissions.ID{permissions.BasicLogs, permissions.Kinesis}, []string{basicARN, kinesisARN}},
		{"dynamodb streams", permissions.DynamoDBStreams, []permissions.ID{permissions.BasicLogs, permissions.DynamoDBStreams}, []string{basicARN, dynamoDBARN}},
		{"msk", permissions.MSK, []permissions.ID{permissions.BasicLogs, permissions.MSK}, []string{basicARN, mskARN}},
		{"insights at the root path", permissions.Insights, []permissions.ID{permissions.BasicLogs, permissions.Insights}, []string{basicARN, insightsARN}},
		{"application signals at the root path", permissions.ApplicationSignals, []permissions.ID{permissions.BasicLogs, permissions.ApplicationSignals}, []string{basicARN, applicationSignalsARN}},
		{"efs at the root path", permissions.EFS, []permissions.ID{permissions.BasicLogs, permissions.EFS}, []string{basicARN, efsARN}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := mustResolve(t, permissions.Request{Uses: uses(tt.give)})
			if !slices.Equal(p.Features, tt.wantFeatures) {
				t.Errorf("Features = %v, want %v", p.Features, tt.wantFeatures)
			}
			if got := policyARNs(p); !slices.Equal(got, tt.want) {
				t.Errorf("managed policies = %v, want %v", got, tt.want)
			}
			if got := policyFeatures(p); !slices.Equal(got, tt.wantFeatures) {
				t.Errorf("managed policies come from %v, want %v", got, tt.wantFeatures)
			}
			if len(p.Statements) != 0 || len(p.Warnings) != 0 {
				t.Errorf("want no inline statements and no warnings, got %v and %v", p.Statements, p.Warnings)
			}
		})
	}
}

// TestCatalogPoliciesArePublishedAtTheirPath checks every catalog row's managed policy
// against AWS's list of managed policies: a wrong path is a role CloudFormation cannot create.
func TestCatalogPoliciesArePublishedAtTheirPath(t *testing.T) {
	paths := refManagedPolicyPaths(t)
	for _, d := range rows(hasManagedPolicy) {
		if got, ok := paths[d.Policy.Name]; !ok || got != d.Policy.Path {
			t.Errorf("feature %s: policy %s%s, AWS publishes it at path %q (found: %t)", d.ID, d.Policy.Path, d.Policy.Name, got, ok)
		}
	}
}

// TestLookupManagedPolicyUsesAWSPaths looks up every current AWS managed policy by bare name
// and by path and name: each must come back with the path AWS publishes it at.
func TestLookupManagedPolicyUsesAWSPaths(t *testing.T) {
	for name, path := range refManagedPolicyPaths(t) {
		for _, give := range []string{name, strings.TrimPrefix(path, "/") + name} {
			m, err := permissions.LookupManagedPolicy(give)
			if err != nil {
				t.Errorf("LookupManagedPolicy(%q): %v", give, err)
			} else if m.Path != path || m.Name != name {
				t.Errorf("LookupManagedPolicy(%q) = %s%s, AWS publishes %s%s", give, m.Path, m.Name, path, name)
			}
		}
	}
}

func TestResolveCombinesFeatures(t *testing.T) {
	tests := []struct {
		name string
		give permissions.Request
		want []string
	}{
		{
			name: "catalog order whatever the order given",
			give: permissions.Request{Uses: uses(permissions.SQS, permissions.Tracing)},
			want: []string{basicARN, tracingARN, sqsARN},
		},
		{
			name: "durable replaces basic logs next to other features",
			give: permissions.Request{Uses: uses(permissions.VPC, permissions.Durable)},
			want: []string{durableARN, vpcARN},
		},
		{
			name: "basic logs given with durable is still replaced",
			give: permissions.Request{Uses: uses(permissions.BasicLogs, permissions.Durable)},
			want: []string{durableARN},
		},
		{
			name: "basic logs given explicitly is attached once",
			give: permissions.Request{Uses: uses(permissions.BasicLogs, permissions.BasicLogs, permissions.Tracing)},
			want: []string{basicARN, tracingARN},
		},
		{
			name: "every event source",
			give: permissions.Request{Uses: uses(permissions.MSK, permissions.DynamoDBStreams, permissions.Kinesis, permissions.SQS)},
			want: []string{basicARN, sqsARN, kinesisARN, dynamoDBARN, mskARN},
		},
		{
			name: "a feature used for two resources is attached once",
			give: permissions.Request{Uses: []permissions.Use{
				{Feature: permissions.SQS, Resources: []string{queueARN}},
				{Feature: permissions.SQS, Resources: []string{"arn:aws:sqs:us-east-1:123456789012:invoices"}},
			}},
			want: []string{basicARN, sqsARN},
		},
		{
			name: "user's policy equal to a feature's is attached once, as the feature's",
			give: permissions.Request{Uses: uses(permissions.SQS), ManagedPolicies: []string{"AWSLambdaSQSQueueExecutionRole"}},
			want: []string{basicARN, sqsARN},
		},
		{
			name: "user's policy given with its path equal to a feature's is attached once",
			give: permissions.Request{ManagedPolicies: []string{"service-role/AWSLambdaBasicExecutionRole"}},
			want: []string{basicARN},
		},
		{
			name: "user's policies follow the features, in the user's order, once each",
			give: permissions.Request{Uses: uses(permissions.Tracing), ManagedPolicies: []string{"AmazonS3ReadOnlyAccess", "AWSLambdaExecute", "AmazonS3ReadOnlyAccess"}},
			want: []string{basicARN, tracingARN, s3ReadOnlyARN, "arn:${AWS::Partition}:iam::aws:policy/AWSLambdaExecute"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := policyARNs(mustResolve(t, tt.give)); !slices.Equal(got, tt.want) {
				t.Errorf("managed policies = %v, want %v", got, tt.want)
			}
		})
	}
}

func TestResolveKeepsCustomerManagedPoliciesOnce(t *testing.T) {
	const custom = "arn:aws:iam::123456789012:policy/orders-access"
	p := mustResolve(t, permissions.Request{CustomerManagedPolicyARNs: []string{custom, custom}})
	if want := []string{custom}; !slices.Equal(p.CustomerManagedPolicyARNs, want) {
		t.Errorf("CustomerManagedPolicyARNs = %v, want %v", p.CustomerManagedPolicyARNs, want)
	}
	if p.ManagedPolicyCount != 2 {
		t.Errorf("ManagedPolicyCount = %d, want 2 (basic logs and the customer policy)", p.ManagedPolicyCount)
	}
}

func TestResolveTrust(t *testing.T) {
	notEdge := func(d permissions.Definition) bool { return d.ID != permissions.Edge }
	withPolicy := compatibleUses(hasManagedPolicy)
	tests := []struct {
		name string
		give permissions.Request
		want []string
	}{
		{"basic logs trusts lambda only", permissions.Request{}, []string{"lambda.amazonaws.com"}},
		{"every feature but edge trusts lambda only", permissions.Request{Uses: compatibleUses(notEdge)}, []string{"lambda.amazonaws.com"}},
		{"least privilege trusts lambda only", permissions.Request{Uses: withPolicy, LeastPrivilege: true, FunctionNames: []string{"orders"}}, []string{"lambda.amazonaws.com"}},
		{"edge also trusts edgelambda", permissions.Request{Uses: uses(permissions.Edge)}, []string{"lambda.amazonaws.com", "edgelambda.amazonaws.com"}},
		{"extra trust follows lambda", permissions.Request{Trust: []string{"edgelambda.amazonaws.com"}}, []string{"lambda.amazonaws.com", "edgelambda.amazonaws.com"}},
		{"lambda given again is trusted once", permissions.Request{Trust: []string{"lambda.amazonaws.com"}}, []string{"lambda.amazonaws.com"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := mustResolve(t, tt.give).Trust; !slices.Equal(got, tt.want) {
				t.Errorf("Trust = %v, want %v", got, tt.want)
			}
		})
	}
}

func TestResolveFindsExtraManagedPolicyPaths(t *testing.T) {
	tests := []struct {
		name string
		give string
		want string
	}{
		{"sqs execution role by bare name is under service-role", "AWSLambdaSQSQueueExecutionRole", sqsARN},
		{"lambda invoke role by bare name is under service-role", "AWSLambdaRole", "arn:${AWS::Partition}:iam::aws:policy/service-role/AWSLambdaRole"},
		{"s3 read-only by bare name is at the root", "AmazonS3ReadOnlyAccess", s3ReadOnlyARN},
		{"lambda execute by bare name is at the root", "AWSLambdaExecute", "arn:${AWS::Partition}:iam::aws:policy/AWSLambdaExecute"},
		{"a path and name is taken as given", "job-function/ViewOnlyAccess", "arn:${AWS::Partition}:iam::aws:policy/job-function/ViewOnlyAccess"},
		{"a path with slashes around it is taken as given", "/service-role/AWSLambdaRole", "arn:${AWS::Partition}:iam::aws:policy/service-role/AWSLambdaRole"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := mustResolve(t, permissions.Request{ManagedPolicies: []string{tt.give}})
			if got, want := policyARNs(p), []string{basicARN, tt.want}; !slices.Equal(got, want) {
				t.Errorf("managed policies = %v, want %v", got, want)
			}
		})
	}
}

func TestLookupManagedPolicySuggestsTheClosestName(t *testing.T) {
	tests := []struct {
		name string
		give string
		want string
	}{
		{
			name: "fails if a letter is missing",
			give: "AWSLambdaBasicExecutionRol",
			want: `unknown AWS managed policy "AWSLambdaBasicExecutionRol": AWS publishes no managed policy named AWSLambdaBasicExecutionRol; did you mean "AWSLambdaBasicExecutionRole"? (a policy of your own account goes in the customer managed policies, by ARN)`,
		},
		{
			name: "fails if the case differs",
			give: "AmazonS3ReadonlyAccess",
			want: `unknown AWS managed policy "AmazonS3ReadonlyAccess": AWS publishes no managed policy named AmazonS3ReadonlyAccess; did you mean "AmazonS3ReadOnlyAccess"? (a policy of your own account goes in the customer managed policies, by ARN)`,
		},
		{
			name: "fails if a letter is added",
			give: "AWSLambdaVPCAccessExecutionRoles",
			want: `unknown AWS managed policy "AWSLambdaVPCAccessExecutionRoles": AWS publishes no managed policy named AWSLambdaVPCAccessExecutionRoles; did you mean "AWSLambdaVPCAccessExecutionRole"? (a policy of your own account goes in the customer managed policies, by ARN)`,
		},
		{
			name: "fails if the name is far from a Lambda policy",
			give: "AmazonEC2ReadOnlyAcess",
			want: `unknown AWS managed policy "AmazonEC2ReadOnlyAcess": AWS publishes no managed policy named AmazonEC2ReadOnlyAcess; did you mean "AmazonEC2ReadOnlyAccess"? (a policy of your own account goes in the customer managed policies, by ARN)`,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := permissions.LookupManagedPolicy(tt.give)
			if err == nil || permissions.Message(err) != tt.want {
				t.Errorf("LookupManagedPolicy(%q) error:\n got  %v\n want %s", tt.give, err, tt.want)
			}
		})
	}
}

// nineFeatures are nine features with managed policies that can share a role; with basic logs
// they fill the default quota of ten.
var nineFeatures = uses(permissions.Tracing, permissions.VPCNetworkInterfaces, permissions.SQS, permissions.Kinesis,
	permissions.DynamoDBStreams, permissions.MSK, permissions.Insights, permissions.ApplicationSignals, permissions.EFS)

func TestResolveDropsSubsumedPoliciesOverQuota(t *testing.T) {
	const dropped = "execrole:managed-policy-dropped"
	tests := []struct {
		name         string
		give         permissions.Request
		want         []string
		wantWarnings []permissions.Warning
	}{
		{
			name: "ten policies fit the default quota",
			give: permissions.Request{Uses: nineFeatures},
			want: []string{basicARN, tracingARN, networkInterfacesARN, sqsARN, kinesisARN, dynamoDBARN, mskARN, insightsARN, applicationSignalsARN, efsARN},
		},
		{
			name: "eleventh policy drops basic logs, which the sqs policy holds",
			give: permissions.Request{Uses: nineFeatures, ManagedPolicies: []string{"AmazonS3ReadOnlyAccess"}},
			want: []string{tracingARN, networkInterfacesARN, sqsARN, kinesisARN, dynamoDBARN, mskARN, insightsARN, applicationSignalsARN, efsARN, s3ReadOnlyARN},
			wantWarnings: []permissions.Warning{
				{ID: dropped, Message: "AWSLambdaBasicExecutionRole dropped to stay within 10 managed policies: AWSLambdaSQSQueueExecutionRole already grants all its permissions"},
			},
		},
		{
			name: "twelfth policy also drops insights, whose logs actions the sqs policy holds on every resource",
			give: permissions.Request{Uses: nineFeatures, ManagedPolicies: []string{"AmazonS3ReadOnlyAccess", "AmazonSNSReadOnlyAccess"}},
			want: []string{tracingARN, networkInterfacesARN, sqsARN, kinesisARN, dynamoDBARN, mskARN, applicationSignalsARN, efsARN, s3ReadOnlyARN, "arn:${AWS::Partition}:iam::aws:policy/AmazonSNSReadOnlyAccess"},
			wantWarnings: []permissions.Warning{
				{ID: dropped, Message: "AWSLambdaBasicExecutionRole dropped to stay within 10 managed policies: AWSLambdaSQSQueueExecutionRole already grants all its permissions"},
				{ID: dropped, Message: "CloudWatchLambdaInsightsExecutionRolePolicy dropped to stay within 10 managed policies: AWSLambdaSQSQueueExecutionRole already grants all its permissions"},
			},
		},
		{
			name: "vpc's policy holds basic logs too",
			give: permissions.Request{Uses: uses(permissions.VPC), MaxManagedPolicies: 1},
			want: []string{vpcARN},
			wantWarnings: []permissions.Warning{
				{ID: dropped, Message: "AWSLambdaBasicExecutionRole dropped to stay within 1 managed policies: AWSLambdaVPCAccessExecutionRole already grants all its permissions"},
			},
		},
		{
			name: "a raised quota of 20 drops nothing",
			give: permissions.Request{Uses: nineFeatures, ManagedPolicies: []string{"AmazonS3ReadOnlyAccess", "AmazonSNSReadOnlyAccess"}, MaxManagedPolicies: 20},
			want: []string{basicARN, tracingARN, networkInterfacesARN, sqsARN, kinesisARN, dynamoDBARN, mskARN, insightsARN, applicationSignalsARN, efsARN, s3ReadOnlyARN, "arn:${AWS::Partition}:iam::aws:policy/AmazonSNSReadOnlyAccess"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := mustResolve(t, tt.give)
			if got := policyARNs(p); !slices.Equal(got, tt.want) {
				t.Errorf("managed policies =\n %v\nwant\n %v", got, tt.want)
			}
			if !slices.Equal(p.Warnings, tt.wantWarnings) {
				t.Errorf("Warnings =\n %v\nwant\n %v", p.Warnings, tt.wantWarnings)
			}
			if p.ManagedPolicyCount != len(tt.want) || p.ManagedPolicyCount > p.MaxManagedPolicies {
				t.Errorf("ManagedPolicyCount = %d of %d, want %d", p.ManagedPolicyCount, p.MaxManagedPolicies, len(tt.want))
			}
		})
	}
}

func TestResolveManagedPolicyQuota(t *testing.T) {
	extras := []string{"AmazonS3ReadOnlyAccess", "AmazonSNSReadOnlyAccess", "AmazonSQSReadOnlyAccess", "AmazonKinesisReadOnlyAccess",
		"AmazonDynamoDBReadOnlyAccess", "AmazonSSMReadOnlyAccess", "CloudWatchLogsReadOnlyAccess", "CloudWatchReadOnlyAccess",
		"AWSStepFunctionsReadOnlyAccess", "AmazonRekognitionReadOnlyAccess", "AWSLambdaExecute", "AWSLambdaRole",
		"AmazonS3FullAccess", "AmazonSNSFullAccess", "AmazonSQSFullAccess", "AmazonKinesisFullAccess",
		"AmazonDynamoDBFullAccess", "SecretsManagerReadWrite", "AmazonEventBridgeFullAccess"}
	tests := []struct {
		name      string
		give      permissions.Request
		wantCount int
		wantMax   int
	}{
		{"default quota is 10", permissions.Request{ManagedPolicies: extras[:9]}, 10, 10},
		{"quota raised to 20 holds 20", permissions.Request{ManagedPolicies: extras, MaxManagedPolicies: 20}, 20, 20},
		{"customer managed policies count", permissions.Request{ManagedPolicies: extras[:8], CustomerManagedPolicyARNs: []string{"arn:aws:iam::123456789012:policy/orders"}}, 10, 10},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := mustResolve(t, tt.give)
			if p.ManagedPolicyCount != tt.wantCount || p.MaxManagedPolicies != tt.wantMax || len(p.Warnings) != 0 {
				t.Errorf("count %d of %d with warnings %v, want %d of %d and no warnings", p.ManagedPolicyCount, p.MaxManagedPolicies, p.Warnings, tt.wantCount, tt.wantMax)
			}
		})
	}
}

// TestResolveGrantsKeysInBothModes: a queue or stream encrypted with a customer managed key
// needs kms:Decrypt on the key, which no AWS managed policy for Lambda grants (Lambda
// Developer Guide, SQS and Kinesis event sources).
func TestResolveGrantsKeysInBothModes(t *testing.T) {
	decrypt := permissions.Statement{Actions: []string{"kms:Decrypt"}, Resources: []string{keyARN}}
	tests := []struct {
		name string
		give permissions.Request
	}{
		{"sqs with managed policies", permissions.Request{Uses: []permissions.Use{{Feature: permissions.SQS, Keys: []string{keyARN}}}}},
		{"sqs in least privilege", permissions.Request{Uses: []permissions.Use{{Feature: permissions.SQS, Resources: []string{queueARN}, Keys: []string{keyARN}}}, LeastPrivilege: true, FunctionNames: []string{"orders"}}},
		{"kinesis with managed policies", permissions.Request{Uses: []permissions.Use{{Feature: permissions.Kinesis, Keys: []string{keyARN}}}}},
		{"kinesis in least privilege", permissions.Request{Uses: []permissions.Use{{Feature: permissions.Kinesis, Resources: []string{streamARN}, Keys: []string{keyARN}}}, LeastPrivilege: true, FunctionNames: []string{"orders"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := mustResolve(t, tt.give)
			if !slices.ContainsFunc(p.Statements, func(s permissions.Statement) bool {
				return slices.Equal(s.Actions, decrypt.Actions) && slices.Equal(s.Resources, decrypt.Resources)
			}) {
				t.Errorf("no kms:Decrypt on %s in %v", keyARN, p.Statements)
			}
		})
	}
}

func TestResolveNoManagedPolicyFeaturesAreInlineInBothModes(t *testing.T) {
	for _, d := range rows(noManagedPolicy) {
		t.Run(string(d.ID), func(t *testing.T) {
			managed := mustResolve(t, permissions.Request{Uses: []permissions.Use{sampleUse(d)}})
			scoped := mustResolve(t, permissions.Request{Uses: []permissions.Use{sampleUse(d)}, LeastPrivilege: true, FunctionNames: []string{"orders"}})
			if got := policyARNs(managed); !slices.Equal(got, []string{basicARN}) {
				t.Errorf("managed policies = %v, want basic logs only", got)
			}
			for _, s := range managed.Statements {
				if !slices.ContainsFunc(scoped.Statements, func(o permissions.Statement) bool { return reflect.DeepEqual(o, s) }) {
					t.Errorf("statement %+v of managed mode is not in least-privilege mode", s)
				}
			}
		})
	}
}

// TestResolveWildcardReasons: Plan.Wildcards lists every statement on "*". Only the catalog's
// carry the reason that IAM supports nothing narrower; the library cannot say that of a
// statement the user wrote.
func TestResolveWildcardReasons(t *testing.T) {
	p := mustResolve(t, permissions.Request{
		Uses: uses(permissions.Tracing), LeastPrivilege: true, FunctionNames: []string{"orders"},
		Statements: []permissions.Statement{{Sid: "ReadEverything", Actions: []string{"s3:GetObject"}, Resources: []string{"*"}}},
	})
	want := []permissions.Wildcard{
		{Sid: "Tracing", Actions: []string{"xray:PutTraceSegments", "xray:PutTelemetryRecords", "xray:GetSamplingRules", "xray:GetSamplingTargets", "xray:GetSamplingStatisticSummaries"},
			Reason: "IAM supports no resource-level permissions for xray:PutTraceSegments, xray:PutTelemetryRecords, xray:GetSamplingRules, xray:GetSamplingTargets, xray:GetSamplingStatisticSummaries"},
		{Sid: "ReadEverything", Actions: []string{"s3:GetObject"}, Reason: "added by the user"},
	}
	if !reflect.DeepEqual(p.Wildcards, want) {
		t.Errorf("Wildcards =\n %+v\nwant\n %+v", p.Wildcards, want)
	}
}

// BenchmarkResolve measures plans per second: a typical role with managed policies, and a
// least-privilege role with six features scoped to their resources.
func BenchmarkResolve(b *testing.B) {
	benchmarks := []struct {
		name string
		give permissions.Request
	}{
		{"managed 3 features", permissions.Request{Uses: uses(permissions.Tracing, permissions.VPC, permissions.SQS)}},
		{"least privilege 6 features", permissions.Request{
			Uses: []permissions.Use{
				{Feature: permissions.SQS, Resources: []string{queueARN}, Keys: []string{keyARN}},
				{Feature: permissions.Kinesis, Resources: []string{streamARN}},
				{Feature: permissions.DynamoDBStreams, Resources: []string{tableStreamARN}},
				{Feature: permissions.EFS, Resources: []string{fileSystemARN}, AccessPoints: []string{accessPointARN}},
				{Feature: permissions.Tracing},
				{Feature: permissions.VPC},
			},
			LeastPrivilege: true, FunctionNames: []string{"orders"},
		}},
	}
	for _, bm := range benchmarks {
		b.Run(bm.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if _, err := permissions.Resolve(bm.give); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "plans/s")
		})
	}
}
