package permissions_test

import (
	"reflect"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/execrole/execrole/constructs/permissions"
)

// sampleResources are resources of each service as features take them, by the service of
// the catalog's Shape.
var sampleResources = map[string][]string{
	"sqs":               {queueARN},
	"kinesis":           {streamARN},
	"dynamodb":          {tableStreamARN},
	"kafka":             {clusterARN},
	"elasticfilesystem": {fileSystemARN},
	"sns":               {topicARN},
	"kms":               {keyARN},
	"mq":                {"arn:aws:mq:us-east-1:123456789012:broker:orders:b-1234a5b6-78cd-901e-2fab-3c45d6e178f9"},
	"rds":               {"arn:aws:rds:us-east-1:123456789012:cluster:orders"},
	"lambda":            {"arn:aws:lambda:us-east-1:123456789012:function:orders-failures"},
	"events":            {"arn:aws:events:us-east-1:123456789012:event-bus/orders"},
	"s3":                {"arn:aws:s3:::orders-failures"},
	"s3files":           {"arn:aws:s3files:us-east-1:123456789012:file-system/fs-0123456789abcdef01"},
	"glue":              {"arn:aws:glue:us-east-1:123456789012:registry/orders"},
}

// sampleUse is a use of d with every kind of resource a feature can take, so each row's
// statements come out in full: its own resources (none for a feature without Shape), a
// customer managed key, an access point for a row that takes them, a secret, a parameter, a Kafka topic and
// consumer group, and a source inside the VPC.
func sampleUse(d permissions.Definition) permissions.Use {
	var resources []string
	if d.Shape != nil {
		var ok bool
		if resources, ok = sampleResources[d.Shape.Service]; !ok {
			// A row for a service this file does not know yet: an ARN of the shape it asks for.
			resources = []string{strings.ReplaceAll(d.Shape.ExampleARN(), "${AWS::Partition}", "aws")}
		}
	}
	var accessPoints []string
	switch {
	case d.AccessPointShape == nil:
	case d.AccessPointShape.Service == "s3files":
		accessPoints = []string{sampleResources["s3files"][0] + "/access-point/fsap-0123456789abcdef01"}
	default:
		accessPoints = []string{accessPointARN}
	}
	return permissions.Use{
		Feature: d.ID, Resources: resources, Keys: []string{keyARN}, AccessPoints: accessPoints,
		Secrets: []string{secretARN}, Parameters: []string{parameterARN},
		Topics: []string{"orders"}, Groups: []string{"orders-consumers"}, InVPC: true,
	}
}

// rows returns the catalog rows keep accepts, in catalog order.
func rows(keep func(permissions.Definition) bool) []permissions.Definition {
	var out []permissions.Definition
	for _, d := range permissions.Catalog {
		if keep(d) {
			out = append(out, d)
		}
	}
	return out
}

func hasManagedPolicy(d permissions.Definition) bool { return d.Policy.Name != "" }
func noManagedPolicy(d permissions.Definition) bool  { return d.Policy.Name == "" }

// compatibleUses is a sample use of every catalog feature keep accepts that can share one
// role with the ones before it (no conflicts).
func compatibleUses(keep func(permissions.Definition) bool) []permissions.Use {
	var out []permissions.Use
	var ids []permissions.ID
	for _, d := range rows(keep) {
		clash := false
		for _, id := range ids {
			other, _ := permissions.Lookup(id)
			clash = clash || slices.Contains(d.Conflicts, id) || slices.Contains(other.Conflicts, d.ID)
		}
		if !clash {
			out = append(out, sampleUse(d))
			ids = append(ids, d.ID)
		}
	}
	return out
}

// leastPrivilegePlans are the least-privilege plans of every catalog feature alone, and of
// compatible features on one role (statements several features need merged), by name.
func leastPrivilegePlans(t *testing.T) map[string]permissions.Plan {
	t.Helper()
	out := map[string]permissions.Plan{}
	for _, d := range permissions.Catalog {
		p, err := permissions.Resolve(permissions.Request{Uses: []permissions.Use{sampleUse(d)}, LeastPrivilege: true, FunctionNames: []string{"orders"}})
		if err != nil {
			t.Fatalf("feature %s in least-privilege mode: %v (give sampleUse what the feature needs)", d.ID, err)
		}
		out[string(d.ID)] = p
	}
	out["features with a managed policy"] = mustResolve(t, permissions.Request{Uses: compatibleUses(hasManagedPolicy), LeastPrivilege: true, FunctionNames: []string{"orders"}})
	out["features without a managed policy"] = mustResolve(t, permissions.Request{Uses: compatibleUses(noManagedPolicy), LeastPrivilege: true, FunctionNames: []string{"orders"}})
	out["every feature"] = mustResolve(t, permissions.Request{Uses: compatibleUses(func(permissions.Definition) bool { return true }), LeastPrivilege: true, FunctionNames: []string{"orders"}})
	return out
}

const (
	ordersLogGroup = "arn:${AWS::Partition}:logs:${AWS::Region}:${AWS::AccountId}:log-group:/aws/lambda/orders:*"
	regionENIs     = "arn:${AWS::Partition}:ec2:${AWS::Region}:${AWS::AccountId}:network-interface/*"
)

// ordersLogGroupCreate is what logs:CreateLogGroup is granted on for the orders function: both
// forms of the log group's ARN, as AWS writes both (see permissions.LogGroupCreateARNs).
var ordersLogGroupCreate = []string{
	"arn:${AWS::Partition}:logs:${AWS::Region}:${AWS::AccountId}:log-group:/aws/lambda/orders",
	"arn:${AWS::Partition}:logs:${AWS::Region}:${AWS::AccountId}:log-group:/aws/lambda/orders:*",
}

// writeLogs is what a function whose log group the stack creates needs of CloudWatch Logs.
var writeLogs = permissions.Statement{Sid: "Logs", Actions: []string{"logs:CreateLogStream", "logs:PutLogEvents"}, Resources: []string{ordersLogGroup}}

func TestLeastPrivilegeStatements(t *testing.T) {
	const (
		subnet        = "arn:aws:ec2:us-east-1:123456789012:subnet/subnet-0123456789abcdef0"
		securityGroup = "arn:aws:ec2:us-east-1:123456789012:security-group/sg-0123456789abcdef0"
	)
	// created is a least-privilege request for the function "orders" whose log group the
	// stack creates, so each case shows only its feature's statements after writeLogs.
	created := func(u ...permissions.Use) permissions.Request {
		return permissions.Request{Uses: u, LeastPrivilege: true, FunctionNames: []string{"orders"}, LogGroupsCreated: true}
	}
	tests := []struct {
		name string
		give permissions.Request
		want []permissions.Statement
	}{
		{
			name: "basic logs create and write the function's own log group",
			give: permissions.Request{LeastPrivilege: true, FunctionNames: []string{"orders"}},
			want: []permissions.Statement{
				{Sid: "LogsCreateGroup", Actions: []string{"logs:CreateLogGroup"}, Resources: ordersLogGroupCreate},
				writeLogs,
			},
		},
		{
			name: "a log group the stack creates is only written",
			give: permissions.Request{LeastPrivilege: true, LogGroups: []string{"/orders/app"}, LogGroupsCreated: true},
			want: []permissions.Statement{
				{Sid: "Logs", Actions: []string{"logs:CreateLogStream", "logs:PutLogEvents"}, Resources: []string{"arn:${AWS::Partition}:logs:${AWS::Region}:${AWS::AccountId}:log-group:/orders/app:*"}},
			},
		},
		{
			name: "durable checkpoints only the function's own executions",
			give: created(permissions.Use{Feature: permissions.Durable}),
			want: []permissions.Statement{
				writeLogs,
				{Sid: "DurableExecution", Actions: []string{"lambda:CheckpointDurableExecution", "lambda:GetDurableExecutionState"}, Resources: []string{"arn:${AWS::Partition}:lambda:${AWS::Region}:${AWS::AccountId}:function:orders:*"}},
			},
		},
		{
			name: "tracing is on every resource as x-ray has no resource types",
			give: created(permissions.Use{Feature: permissions.Tracing}),
			want: []permissions.Statement{
				writeLogs,
				{Sid: "Tracing", Actions: []string{"xray:PutTraceSegments", "xray:PutTelemetryRecords", "xray:GetSamplingRules", "xray:GetSamplingTargets", "xray:GetSamplingStatisticSummaries"}, Resources: []string{"*"}},
			},
		},
		{
			name: "vpc creates interfaces only in the given subnets and security groups",
			give: permissions.Request{Uses: []permissions.Use{{Feature: permissions.VPC}}, LeastPrivilege: true, FunctionNames: []string{"orders"}, LogGroupsCreated: true,
				Subnets: []string{subnet}, SecurityGroups: []string{securityGroup}},
			want: []permissions.Statement{
				writeLogs,
				{Sid: "VPCCreateNetworkInterface", Actions: []string{"ec2:CreateNetworkInterface"}, Resources: []string{regionENIs, subnet, securityGroup}},
				{Sid: "VPCManageNetworkInterfaces", Actions: []string{"ec2:DeleteNetworkInterface", "ec2:AssignPrivateIpAddresses", "ec2:UnassignPrivateIpAddresses"}, Resources: []string{regionENIs}},
				{Sid: "VPCDescribe", Actions: []string{"ec2:DescribeNetworkInterfaces", "ec2:DescribeSubnets"}, Resources: []string{"*"}},
			},
		},
		{
			name: "sqs polls the given queue and decrypts with its key",
			give: created(permissions.Use{Feature: permissions.SQS, Resources: []string{queueARN}, Keys: []string{keyARN}}),
			want: []permissions.Statement{
				writeLogs,
				{Sid: "SQSPoll", Actions: []string{"sqs:ReceiveMessage", "sqs:DeleteMessage", "sqs:GetQueueAttributes"}, Resources: []string{queueARN}},
				{Sid: "SQSDecrypt", Actions: []string{"kms:Decrypt"}, Resources: []string{keyARN}},
			},
		},
		{
			name: "a queue given as an ARN pattern of the role's own account",
			give: created(permissions.Use{Feature: permissions.SQS, Resources: []string{permissions.ARN("sqs", "orders")}}),
			want: []permissions.Statement{
				writeLogs,
				{Sid: "SQSPoll", Actions: []string{"sqs:ReceiveMessage", "sqs:DeleteMessage", "sqs:GetQueueAttributes"}, Resources: []string{"arn:${AWS::Partition}:sqs:${AWS::Region}:${AWS::AccountId}:orders"}},
			},
		},
		{
			name: "kinesis reads the given stream and its consumers, lists streams everywhere",
			give: created(permissions.Use{Feature: permissions.Kinesis, Resources: []string{streamARN}}),
			want: []permissions.Statement{
				writeLogs,
				{Sid: "KinesisRead", Actions: []string{"kinesis:DescribeStream", "kinesis:DescribeStreamSummary", "kinesis:GetRecords", "kinesis:GetShardIterator", "kinesis:ListShards"}, Resources: []string{streamARN}},
				{Sid: "KinesisSubscribe", Actions: []string{"kinesis:SubscribeToShard"}, Resources: []string{streamARN + "/consumer/*"}},
				{Sid: "KinesisList", Actions: []string{"kinesis:ListStreams"}, Resources: []string{"*"}},
			},
		},
		{
			name: "dynamodb streams reads the given table stream, lists streams everywhere",
			give: created(permissions.Use{Feature: permissions.DynamoDBStreams, Resources: []string{tableStreamARN}}),
			want: []permissions.Statement{
				writeLogs,
				{Sid: "DynamoDBStreamsRead", Actions: []string{"dynamodb:DescribeStream", "dynamodb:GetRecords", "dynamodb:GetShardIterator"}, Resources: []string{tableStreamARN}},
				{Sid: "DynamoDBStreamsList", Actions: []string{"dynamodb:ListStreams"}, Resources: []string{"*"}},
			},
		},
		{
			name: "efs mounts the given file system only through the given access point",
			give: created(permissions.Use{Feature: permissions.EFS, Resources: []string{fileSystemARN}, AccessPoints: []string{accessPointARN}}),
			want: []permissions.Statement{
				writeLogs,
				{Sid: "EFSReadWrite", Actions: []string{"elasticfilesystem:ClientMount", "elasticfilesystem:ClientWrite"}, Resources: []string{fileSystemARN},
					Conditions: []permissions.Condition{{Operator: "StringEquals", Key: "elasticfilesystem:AccessPointArn", Values: []string{accessPointARN}}}},
				{Sid: "EFSDescribeMountTargets", Actions: []string{"elasticfilesystem:DescribeMountTargets"}, Resources: []string{fileSystemARN}},
			},
		},
		{
			name: "edge replicas create and write the us-east-1.<name> log group in every region, even when the stack creates it in us-east-1",
			give: created(permissions.Use{Feature: permissions.Edge}),
			want: []permissions.Statement{
				{Sid: "LogsCreateGroup", Actions: []string{"logs:CreateLogGroup"}, Resources: []string{"arn:${AWS::Partition}:logs:*:${AWS::AccountId}:log-group:/aws/lambda/us-east-1.orders", "arn:${AWS::Partition}:logs:*:${AWS::AccountId}:log-group:/aws/lambda/us-east-1.orders:*"}},
				{Sid: "Logs", Actions: []string{"logs:CreateLogStream", "logs:PutLogEvents"}, Resources: []string{"arn:${AWS::Partition}:logs:*:${AWS::AccountId}:log-group:/aws/lambda/us-east-1.orders:*"}},
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := mustResolve(t, tt.give)
			if !reflect.DeepEqual(p.Statements, tt.want) {
				t.Errorf("Statements =\n %+v\nwant\n %+v", p.Statements, tt.want)
			}
			if len(p.ManagedPolicies) != 0 {
				t.Errorf("ManagedPolicies = %v, want none in least-privilege mode", p.ManagedPolicies)
			}
		})
	}
}

func TestLeastPrivilegeAttachesNoManagedPolicy(t *testing.T) {
	for name, p := range leastPrivilegePlans(t) {
		if len(p.ManagedPolicies) != 0 {
			t.Errorf("%s: ManagedPolicies = %v, want none", name, p.ManagedPolicies)
		}
	}
}

// ownAccountPattern matches ARN patterns in the role's own partition and account, in its own
// region or (Lambda@Edge logs) every region.
var ownAccountPattern = regexp.MustCompile(`^arn:\$\{AWS::Partition\}:[a-z0-9-]+:(\$\{AWS::Region\}|\*):\$\{AWS::AccountId\}:`)

// TestLeastPrivilegeScopesToGivenResources: every resource of a least-privilege statement is
// one of the ARNs given (or a sub-resource of one: a stream's consumers, a bucket's objects,
// a cluster's topics), a pattern in the role's own account, or "*".
func TestLeastPrivilegeScopesToGivenResources(t *testing.T) {
	given := []string{keyARN, accessPointARN, secretARN, parameterARN}
	for _, r := range sampleResources {
		given = append(given, r...)
	}
	// MSK topics and groups are sub-resources of the cluster with the kind in place of "cluster".
	given = append(given, strings.Replace(clusterARN, ":cluster/", ":topic/", 1), strings.Replace(clusterARN, ":cluster/", ":group/", 1))
	for name, p := range leastPrivilegePlans(t) {
		for _, s := range p.Statements {
			for _, r := range s.Resources {
				scoped := r == "*" || ownAccountPattern.MatchString(r) || slices.ContainsFunc(given, func(g string) bool { return strings.HasPrefix(r, g) })
				if !scoped {
					t.Errorf("%s: statement %s: resource %q is neither given, in the role's own account, nor \"*\"", name, s.Sid, r)
				}
			}
		}
	}
}

// iamActions is the IAM Service Authorization Reference: for each service prefix and action,
// the resource types it supports. An action with none supports no resource-level permission.
type iamActions struct {
	Services map[string]struct {
		Actions map[string]struct {
			Resources []string
		}
	}
}

func (r iamActions) resourceTypes(action string) ([]string, bool) {
	service, name, _ := strings.Cut(action, ":")
	a, ok := r.Services[service].Actions[name]
	return a.Resources, ok
}

// TestLeastPrivilegeWildcardsOnlyWhereIAMHasNoResourceTypes checks every least-privilege
// statement against the IAM reference: an action on "*" must support no resource type (else
// it should be scoped), and an action on ARNs must support one (else IAM never matches the
// ARNs and the action is denied).
func TestLeastPrivilegeWildcardsOnlyWhereIAMHasNoResourceTypes(t *testing.T) {
	var ref iamActions
	readRef(t, "iam-definition.json", &ref)
	for name, p := range leastPrivilegePlans(t) {
		for _, s := range p.Statements {
			onStar := slices.Contains(s.Resources, "*")
			for _, a := range s.Actions {
				types, ok := ref.resourceTypes(a)
				switch {
				case !ok:
					t.Errorf("%s: statement %s: action %s is not in the IAM reference", name, s.Sid, a)
				case onStar && len(types) > 0 && permissions.UnscopedReason(a) == "":
					t.Errorf("%s: statement %s: %s is on \"*\" but IAM scopes it to %v", name, s.Sid, a, types)
				case !onStar && len(types) == 0:
					t.Errorf("%s: statement %s: %s supports no resource type, so it must be on \"*\", not %v", name, s.Sid, a, s.Resources)
				}
			}
		}
	}
}

// TestLeastPrivilegeWildcardsListEveryStatementOnStar: Plan.Wildcards names exactly the
// statements on "*", with a reason naming their actions, for compliance tools.
func TestLeastPrivilegeWildcardsListEveryStatementOnStar(t *testing.T) {
	for name, p := range leastPrivilegePlans(t) {
		var want, got []string
		for _, s := range p.Statements {
			if slices.Contains(s.Resources, "*") {
				want = append(want, s.Sid+" "+strings.Join(s.Actions, ","))
			}
		}
		for _, w := range p.Wildcards {
			got = append(got, w.Sid+" "+strings.Join(w.Actions, ","))
			for _, a := range w.Actions {
				if !strings.Contains(w.Reason, a) {
					t.Errorf("%s: wildcard %s: reason %q does not name its action %s", name, w.Sid, w.Reason, a)
				}
			}
		}
		if !slices.Equal(got, want) {
			t.Errorf("%s: Wildcards = %v, want the statements on \"*\": %v", name, got, want)
		}
	}
}

func TestLeastPrivilegeFitsTheInlineQuota(t *testing.T) {
	for name, p := range leastPrivilegePlans(t) {
		if p.InlineChars > permissions.MaxInlineChars {
			t.Errorf("%s: inline policy is %d characters, over IAM's %d", name, p.InlineChars, permissions.MaxInlineChars)
		}
	}
}

// TestLeastPrivilegeSidsAreUnique: IAM rejects a policy whose statements share a Sid.
func TestLeastPrivilegeSidsAreUnique(t *testing.T) {
	for name, p := range leastPrivilegePlans(t) {
		seen := map[string]bool{}
		for _, s := range p.Statements {
			if seen[s.Sid] {
				t.Errorf("%s: sid %q used twice", name, s.Sid)
			}
			seen[s.Sid] = true
		}
	}
}

// logs:CreateLogGroup is granted on both forms AWS writes a log group's ARN in: the
// Service Authorization Reference's log-group resource type (log-group:<name>), which it lists
// for CreateLogGroup, and the CloudWatch Logs User Guide's form for IAM policies
// (log-group:<name>:*). A role that matches neither form cannot create its log group.
func TestCreateLogGroupIsGrantedOnBothLogGroupARNForms(t *testing.T) {
	var ref iamActions
	readRef(t, "iam-definition.json", &ref)
	if types, ok := ref.resourceTypes("logs:CreateLogGroup"); !ok || !slices.Equal(types, []string{"log-group"}) {
		t.Fatalf("IAM reference: logs:CreateLogGroup acts on %v (found %t), want the log-group resource type: review LogGroupCreateARNs", types, ok)
	}
	const prefix = "arn:${AWS::Partition}:logs:${AWS::Region}:${AWS::AccountId}:log-group:"
	p := mustResolve(t, permissions.Request{Uses: uses(permissions.BasicLogs, permissions.Insights), LeastPrivilege: true, FunctionNames: []string{"orders"}})
	var got []string
	for _, s := range p.Statements {
		if slices.Contains(s.Actions, "logs:CreateLogGroup") {
			got = append(got, s.Resources...)
		}
	}
	slices.Sort(got)
	want := []string{prefix + "/aws/lambda-insights", prefix + "/aws/lambda-insights:*", prefix + "/aws/lambda/orders", prefix + "/aws/lambda/orders:*"}
	if !slices.Equal(got, want) {
		t.Errorf("logs:CreateLogGroup on\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// Kafka topic and group ARNs are written from a literal cluster ARN; a cluster ARN that is a
// token has no text to cut, and scopes them by name within the role's account and region.
func TestKafkaTopicsOfATokenCluster(t *testing.T) {
	const token = "${Token[TOKEN.42]}"
	for _, u := range []permissions.Use{
		{Feature: permissions.MSK, Resources: []string{token}, Topics: []string{"orders"}, Groups: []string{"readers"}},
		{Feature: permissions.DestinationKafkaTopic, Resources: []string{token}, Topics: []string{"orders"}},
	} {
		p := mustResolve(t, permissions.Request{Uses: []permissions.Use{u}, LeastPrivilege: true, FunctionNames: []string{"orders"}})
		var topics []string
		for _, s := range p.Statements {
			for _, r := range s.Resources {
				if strings.Contains(r, ":topic/") || strings.Contains(r, ":group/") {
					topics = append(topics, r)
				}
				if r == token && !slices.Contains(s.Actions, "kafka-cluster:Connect") && !slices.Contains(s.Actions, "kafka:DescribeCluster") {
					t.Errorf("%s: statement %s names the cluster token for %v", u.Feature, s.Sid, s.Actions)
				}
			}
		}
		want := permissions.ARN("kafka", "topic/*/*/orders")
		if !slices.Contains(topics, want) {
			t.Errorf("%s: topic resources %v, want %s", u.Feature, topics, want)
		}
	}
}
