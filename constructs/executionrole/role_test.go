package executionrole_test

import (
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/assertions"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsdynamodb"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsiam"
	"github.com/aws/aws-cdk-go/awscdk/v2/awslambdaeventsources"
	"github.com/aws/aws-cdk-go/awscdk/v2/awssqs"
	"github.com/aws/jsii-runtime-go"

	"github.com/execrole/execrole/constructs/executionrole"
	"github.com/execrole/execrole/constructs/permissions"
)

const (
	basic    = "service-role/AWSLambdaBasicExecutionRole"
	queueArn = "arn:aws:sqs:us-east-1:123456789012:orders"
)

// The managed policy of each feature, as the Lambda Developer Guide lists them.
func TestEachFeatureAloneAddsItsManagedPolicy(t *testing.T) {
	tests := []struct {
		name string
		give executionrole.Feature
		want []string
	}{
		{"tracing", executionrole.Tracing(), []string{basic, "AWSXRayDaemonWriteAccess"}},
		{"vpc", executionrole.VPC(), []string{basic, "service-role/AWSLambdaVPCAccessExecutionRole"}},
		{"vpc network interfaces", executionrole.VPCNetworkInterfaces(), []string{basic, "service-role/AWSLambdaENIManagementAccess"}},
		{"sqs", executionrole.SQSArns(queueArn), []string{basic, "service-role/AWSLambdaSQSQueueExecutionRole"}},
		{"kinesis", executionrole.KinesisArns("arn:aws:kinesis:us-east-1:123456789012:stream/clicks"), []string{basic, "service-role/AWSLambdaKinesisExecutionRole"}},
		{"dynamodb streams", executionrole.DynamoDBStreamArns("arn:aws:dynamodb:us-east-1:123456789012:table/t/stream/2024-01-01T00:00:00.000"), []string{basic, "service-role/AWSLambdaDynamoDBExecutionRole"}},
		{"msk", executionrole.MSKArns("arn:aws:kafka:us-east-1:123456789012:cluster/c/0a1b2c3d-4e5f-6a7b-8c9d-0e1f2a3b4c5d-1"), []string{basic, "service-role/AWSLambdaMSKExecutionRole"}},
		{"insights", executionrole.Insights(), []string{basic, "CloudWatchLambdaInsightsExecutionRolePolicy"}},
		{"application signals", executionrole.ApplicationSignals(), []string{basic, "CloudWatchLambdaApplicationSignalsExecutionRolePolicy"}},
		{"efs", executionrole.EFSArns("arn:aws:elasticfilesystem:us-east-1:123456789012:file-system/fs-12345678"), []string{basic, "AmazonElasticFileSystemClientReadWriteAccess"}},
		{"durable replaces basic", executionrole.Durable(), []string{"service-role/AWSLambdaBasicDurableExecutionRolePolicy"}},
	}
	// One stack of one role per case, synthesized once.
	stack := newStack()
	for i, tt := range tests {
		executionrole.NewExecutionRole(stack, jsii.String(fmt.Sprintf("Case%02d", i)), &executionrole.ExecutionRoleProps{Features: []executionrole.Feature{tt.give}})
	}
	tpl := synth(t, stack)
	if n, want := len(resources(tpl, "AWS::IAM::Role")), len(tests); n != want || len(resources(tpl, "AWS::IAM::Policy")) > 0 {
		t.Fatalf("%d roles and %d policies for %d features, want one role each and no policy", n, len(resources(tpl, "AWS::IAM::Policy")), want)
	}
	for i, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			props := roleProps(t, tpl, fmt.Sprintf("Case%02d", i))
			if got := managedPolicyNames(t, props); !slices.Equal(got, tt.want) {
				t.Errorf("managed policies = %v, want %v", got, tt.want)
			}
			if _, ok := props["Policies"]; ok {
				t.Errorf("managed mode with no grants should have no inline policy, got %v", props["Policies"])
			}
			trust, _ := json.Marshal(props["AssumeRolePolicyDocument"])
			if string(trust) != lambdaTrust {
				t.Errorf("trust policy = %s, want %s", trust, lambdaTrust)
			}
		})
	}
}

// lambdaTrust is the trust policy of every execution role: Lambda, and nothing else.
const lambdaTrust = `{"Statement":[{"Action":"sts:AssumeRole","Effect":"Allow","Principal":{"Service":"lambda.amazonaws.com"}}],"Version":"2012-10-17"}`

func TestNoFeaturesIsBasicLogsOnly(t *testing.T) {
	stack := newStack()
	executionrole.NewExecutionRole(stack, jsii.String("Role"), nil)
	props := onlyRole(t, synth(t, stack))
	if got := managedPolicyNames(t, props); !slices.Equal(got, []string{basic}) {
		t.Errorf("managed policies = %v, want only %s", got, basic)
	}
}

func TestCombinationsKeepCatalogOrderAndDeduplicate(t *testing.T) {
	tests := []struct {
		name  string
		give  []executionrole.Feature
		extra []string
		want  []string
	}{
		{
			name: "quickstart",
			give: []executionrole.Feature{executionrole.SQSArns(queueArn), executionrole.VPC(), executionrole.Tracing()},
			want: []string{basic, "AWSXRayDaemonWriteAccess", "service-role/AWSLambdaVPCAccessExecutionRole", "service-role/AWSLambdaSQSQueueExecutionRole"},
		},
		{
			name:  "extra policy equal to a feature's is attached once",
			give:  []executionrole.Feature{executionrole.SQSArns(queueArn)},
			extra: []string{"AWSLambdaSQSQueueExecutionRole", "AmazonS3ReadOnlyAccess"},
			want:  []string{basic, "service-role/AWSLambdaSQSQueueExecutionRole", "AmazonS3ReadOnlyAccess"},
		},
		{
			name: "two queues share one policy",
			give: []executionrole.Feature{executionrole.SQSArns(queueArn), executionrole.SQSArns(queueArn + "2")},
			want: []string{basic, "service-role/AWSLambdaSQSQueueExecutionRole"},
		},
	}
	stack := newStack()
	for i, tt := range tests {
		executionrole.NewExecutionRole(stack, jsii.String(fmt.Sprintf("Case%02d", i)), &executionrole.ExecutionRoleProps{Features: tt.give, ManagedPolicies: tt.extra})
	}
	tpl := synth(t, stack)
	for i, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := managedPolicyNames(t, roleProps(t, tpl, fmt.Sprintf("Case%02d", i))); !slices.Equal(got, tt.want) {
				t.Errorf("managed policies = %v, want %v", got, tt.want)
			}
		})
	}
}

// Grants from other constructs must land on the role resource itself (DESIGN rule 1), so the
// function and its event source mapping can never be created before their permissions.
func TestGrantsLandInTheRoleResource(t *testing.T) {
	stack := newStack()
	queue := awssqs.NewQueue(stack, jsii.String("Queue"), nil)
	table := awsdynamodb.NewTable(stack, jsii.String("Table"), &awsdynamodb.TableProps{
		PartitionKey: &awsdynamodb.Attribute{Name: jsii.String("pk"), Type: awsdynamodb.AttributeType_STRING},
	})
	role := executionrole.NewExecutionRole(stack, jsii.String("Role"), &executionrole.ExecutionRoleProps{Features: []executionrole.Feature{executionrole.SQS(queue)}})
	fn := newFunction(stack, "Fn", role)
	fn.AddEventSource(awslambdaeventsources.NewSqsEventSource(queue, nil))
	table.GrantReadData(role)

	tpl := synth(t, stack)
	props := onlyRole(t, tpl)
	actions := inlineActions(props)
	for _, want := range []string{"dynamodb:GetItem", "dynamodb:Query"} {
		if !slices.Contains(actions, want) {
			t.Errorf("inline actions %v lack %s", actions, want)
		}
	}
	// The event source's grant is superseded by the SQS feature: the two actions of
	// GrantConsumeMessages that Lambda's poller does not use go with it.
	for _, unused := range []string{"sqs:ChangeMessageVisibility", "sqs:GetQueueUrl"} {
		if slices.Contains(actions, unused) {
			t.Errorf("inline actions %v keep %s of the event source's grant", actions, unused)
		}
	}
	// What AWSLambdaSQSQueueExecutionRole allows already is not granted twice.
	for _, dup := range []string{"sqs:ReceiveMessage", "sqs:DeleteMessage", "sqs:GetQueueAttributes"} {
		if slices.Contains(actions, dup) {
			t.Errorf("inline actions %v repeat %s, which the SQS feature's managed policy allows", actions, dup)
		}
	}
	// The function, bound at synth, references the role and waits for no policy resource.
	for id, f := range resources(tpl, "AWS::Lambda::Function") {
		if deps, _ := f["DependsOn"].([]any); len(deps) > 1 || len(deps) == 1 && !strings.HasPrefix(deps[0].(string), "Role") {
			t.Errorf("function %s DependsOn = %v, want the role at most", id, deps)
		}
	}
}

func TestOptionsReachTheRole(t *testing.T) {
	stack := newStack()
	role := executionrole.NewExecutionRole(stack, jsii.String("Role"), &executionrole.ExecutionRoleProps{
		RoleName:                  "orders-consumer",
		Path:                      "/lambda/",
		Description:               "runs the orders consumer",
		PermissionsBoundaryArn:    "arn:aws:iam::123456789012:policy/boundary",
		MaxSessionDuration:        2 * time.Hour,
		Tags:                      map[string]string{"team": "payments", "env": "prod"},
		CustomerManagedPolicyArns: []string{"arn:aws:iam::123456789012:policy/extra"},
		Statements: []permissions.Statement{{
			Sid: "ReadConfig", Actions: []string{"ssm:GetParameter"},
			Resources: []string{permissions.ARN("ssm", "parameter/orders/*")},
		}},
	})
	props := onlyRole(t, synth(t, stack))
	for k, want := range map[string]string{
		"RoleName":            `"orders-consumer"`,
		"Path":                `"/lambda/"`,
		"Description":         `"runs the orders consumer"`,
		"PermissionsBoundary": `"arn:aws:iam::123456789012:policy/boundary"`,
		"MaxSessionDuration":  `7200`,
		"Tags":                `[{"Key":"env","Value":"prod"},{"Key":"team","Value":"payments"}]`,
	} {
		got, _ := json.Marshal(props[k])
		if string(got) != want {
			t.Errorf("%s = %s, want %s", k, got, want)
		}
	}
	arns, _ := json.Marshal(props["ManagedPolicyArns"])
	if !strings.Contains(string(arns), `"arn:aws:iam::123456789012:policy/extra"`) {
		t.Errorf("ManagedPolicyArns = %s, want the customer managed policy", arns)
	}
	doc, _ := json.Marshal(props["Policies"])
	want := `{"Action":"ssm:GetParameter","Effect":"Allow","Resource":{"Fn::Join":["",["arn:",{"Ref":"AWS::Partition"},":ssm:",{"Ref":"AWS::Region"},":",{"Ref":"AWS::AccountId"},":parameter/orders/*"]]},"Sid":"ReadConfig"}`
	if !strings.Contains(string(doc), want) {
		t.Errorf("Policies = %s, want the statement %s", doc, want)
	}
	if len(role.Plan().Features) != 1 || role.Plan().Features[0] != permissions.BasicLogs {
		t.Errorf("Plan().Features = %v, want [basic-logs]", role.Plan().Features)
	}
}

func TestSynthIsDeterministic(t *testing.T) {
	build := func(order []int) string {
		stack := newStack()
		queue := awssqs.NewQueue(stack, jsii.String("Queue"), nil)
		all := []executionrole.Feature{executionrole.Tracing(), executionrole.SQS(queue), executionrole.VPC(), executionrole.Insights()}
		var fs []executionrole.Feature
		for _, i := range order {
			fs = append(fs, all[i])
		}
		executionrole.NewExecutionRole(stack, jsii.String("Role"), &executionrole.ExecutionRoleProps{
			Features: fs, Tags: map[string]string{"a": "1", "b": "2", "c": "3"},
		})
		b, _ := json.Marshal(synth(t, stack))
		return string(b)
	}
	first := build([]int{0, 1, 2, 3})
	for _, order := range [][]int{{3, 2, 1, 0}, {1, 3, 0, 2}} {
		if got := build(order); got != first {
			t.Errorf("feature order %v changed the template:\n%s\nvs\n%s", order, got, first)
		}
	}
}

func TestBadInputPanicsWithPathValueAndFix(t *testing.T) {
	tests := []struct {
		name string
		give executionrole.ExecutionRoleProps
		want string
	}{
		{"fails if a managed policy name is unknown", executionrole.ExecutionRoleProps{ManagedPolicies: []string{"AWSLambdaSQSQueueExecutionRol"}},
			`execrole: Test/Role: unknown AWS managed policy "AWSLambdaSQSQueueExecutionRol": AWS publishes no managed policy named AWSLambdaSQSQueueExecutionRol; did you mean "AWSLambdaSQSQueueExecutionRole"? (a policy of your own account goes in the customer managed policies, by ARN) [execrole:managed-policy-unknown]`},
		{"fails if the role name is too long", executionrole.ExecutionRoleProps{RoleName: strings.Repeat("r", 65)},
			`execrole: Test/Role: role name "` + strings.Repeat("r", 65) + `" is 65 characters: IAM allows at most 64 [execrole:role-name-invalid]`},
		{"fails if the role name has a space", executionrole.ExecutionRoleProps{RoleName: "my role"},
			`execrole: Test/Role: role name "my role" has characters IAM does not allow: use letters, digits and +=,.@_- [execrole:role-name-invalid]`},
		{"fails if the path lacks slashes", executionrole.ExecutionRoleProps{Path: "lambda"},
			`execrole: Test/Role: path "lambda" is not valid: a path starts and ends with / and holds printable ASCII, e.g. /service/ [execrole:path-invalid]`},
		{"fails if the description is too long", executionrole.ExecutionRoleProps{Description: strings.Repeat("d", 1001)},
			`execrole: Test/Role: description is 1001 characters: IAM allows at most 1000 [execrole:description-invalid]`},
		{"fails if the boundary is not a policy ARN", executionrole.ExecutionRoleProps{PermissionsBoundaryArn: "arn:aws:iam::123456789012:role/x"},
			`execrole: Test/Role: permissions boundary "arn:aws:iam::123456789012:role/x" is not a managed policy ARN: give arn:aws:iam::<account>:policy/<name> [execrole:policy-arn-invalid]`},
		{"fails if the session is shorter than an hour", executionrole.ExecutionRoleProps{MaxSessionDuration: 30 * time.Minute},
			`execrole: Test/Role: max session duration 30m0s is out of range: give whole seconds from 1h to 12h [execrole:max-session-duration-invalid]`},
		{"fails if the session is longer than 12 hours", executionrole.ExecutionRoleProps{MaxSessionDuration: 13 * time.Hour},
			`execrole: Test/Role: max session duration 13h0m0s is out of range: give whole seconds from 1h to 12h [execrole:max-session-duration-invalid]`},
		{"fails if the managed policy quota is above 20", executionrole.ExecutionRoleProps{MaxManagedPolicies: 21},
			`execrole: Test/Role: max managed policies 21 is out of range: IAM allows 1 to 20 per role (10 unless raised) [execrole:max-managed-policies-invalid]`},
		{"fails if a queue ARN is a wildcard", executionrole.ExecutionRoleProps{Features: []executionrole.Feature{executionrole.SQSArns("arn:aws:sqs:us-east-1:123456789012:*")}},
			`execrole: Test/Role: feature "sqs": "arn:aws:sqs:us-east-1:123456789012:*" is a wildcard: pass the exact ARN of one queue (arn:aws:sqs:<region>:<account>:<queue-name>) [execrole:arn-invalid]`},
		{"fails if a queue ARN is a topic ARN", executionrole.ExecutionRoleProps{Features: []executionrole.Feature{executionrole.SQSArns("arn:aws:sns:us-east-1:123456789012:orders")}},
			`execrole: Test/Role: feature "sqs": "arn:aws:sns:us-east-1:123456789012:orders" is an ARN of service sns, not sqs: pass the queue ARN (arn:aws:sqs:<region>:<account>:<queue-name>) [execrole:arn-invalid]`},
		{"fails if a queue ARN is malformed", executionrole.ExecutionRoleProps{Features: []executionrole.Feature{executionrole.SQSArns("orders")}},
			`execrole: Test/Role: feature "sqs": "orders" is not an ARN: pass the queue ARN (arn:aws:sqs:<region>:<account>:<queue-name>) [execrole:arn-invalid]`},
		{"fails if least privilege has no queue", executionrole.ExecutionRoleProps{LeastPrivilege: true, FunctionName: "f", Features: []executionrole.Feature{executionrole.SQS()}},
			`execrole: Test/Role: feature "sqs" in least-privilege mode has no resource: pass the queue (SQS(queue) or SQSArns(arn)) [execrole:feature-missing-resource]`},
		{"fails if a feature is given twice", executionrole.ExecutionRoleProps{Features: []executionrole.Feature{executionrole.Tracing(), executionrole.Tracing()}},
			`execrole: Test/Role: feature "tracing" given twice: give each feature once [execrole:feature-repeated]`},
		{"fails if features conflict", executionrole.ExecutionRoleProps{Features: []executionrole.Feature{executionrole.VPC(), executionrole.VPCNetworkInterfaces()}},
			`execrole: Test/Role: features "vpc" and "vpc-network-interfaces" conflict: "vpc" already grants what "vpc-network-interfaces" does, give only "vpc" [execrole:feature-conflict]`},
		{"fails if a statement action is malformed", executionrole.ExecutionRoleProps{Statements: []permissions.Statement{{Actions: []string{"s3GetObject"}, Resources: []string{"*"}}}},
			`execrole: Test/Role: statement at Statements[0]: action "s3GetObject" is not of the form service:Action: write it like s3:GetObject or s3:Get* [execrole:statement-invalid]`},
		{"fails if a tag key is reserved", executionrole.ExecutionRoleProps{Tags: map[string]string{"aws:owner": "x"}},
			`execrole: Test/Role: tag key "aws:owner" is not valid: use 1 to 128 letters, digits, spaces and _.:/=+-@, and do not start it with "aws:" [execrole:tag-invalid]`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			stack := newStack()
			got := panicMessage(func() { executionrole.NewExecutionRole(stack, jsii.String("Role"), &tt.give) })
			if got != tt.want {
				t.Errorf("panic = %q\nwant    %q", got, tt.want)
			}
		})
	}
}

// A role's planned statements and later grants share one policy: quota use is tracked.
func TestLeastPrivilegeScopesToTheQueueAndLogGroup(t *testing.T) {
	stack := newStack()
	queue := awssqs.NewQueue(stack, jsii.String("Queue"), nil)
	executionrole.NewExecutionRole(stack, jsii.String("Role"), &executionrole.ExecutionRoleProps{
		LeastPrivilege: true, FunctionName: "orders",
		Features: []executionrole.Feature{executionrole.SQS(queue)},
	})
	props := onlyRole(t, synth(t, stack))
	if _, ok := props["ManagedPolicyArns"]; ok {
		t.Errorf("least-privilege role has managed policies: %v", props["ManagedPolicyArns"])
	}
	doc, _ := json.Marshal(props["Policies"])
	for _, want := range []string{
		`"Resource":{"Fn::GetAtt":["Queue4A7E3555","Arn"]}`,
		`":log-group:/aws/lambda/orders:*"`,
	} {
		if !strings.Contains(string(doc), want) {
			t.Errorf("Policies = %s\nwant it to contain %s", doc, want)
		}
	}
	if strings.Contains(string(doc), `"Resource":"*"`) {
		t.Errorf("least-privilege SQS role has a wildcard resource: %s", doc)
	}
}

// Grants are checked with the role's own statements against IAM's inline quota at synth.
func TestGrantsOverTheInlineQuotaFailSynthNamingTheRole(t *testing.T) {
	stack := newStack()
	role := executionrole.NewExecutionRole(stack, jsii.String("Role"), nil)
	for i := 0; i < 40; i++ {
		var res []*string
		for j := 0; j < 4; j++ {
			res = append(res, jsii.String(fmt.Sprintf("arn:aws:s3:::bucket-with-a-rather-long-name-%02d-%02d/some/prefix/*", i, j)))
		}
		role.AddToPrincipalPolicy(awsiam.NewPolicyStatement(&awsiam.PolicyStatementProps{Actions: jsii.Strings("s3:GetObject"), Resources: &res}))
	}
	got := panicMessage(func() { assertions.Template_FromStack(stack, nil) })
	if !strings.Contains(got, "execrole: Test/Role: inline policy is about") || !strings.Contains(got, "over IAM's 10240") {
		t.Errorf("synth error = %q, want the role's path and the quota", got)
	}
}

func TestGrantsWithinTheQuotaSynthesize(t *testing.T) {
	stack := newStack()
	role := executionrole.NewExecutionRole(stack, jsii.String("Role"), nil)
	for i := 0; i < 10; i++ {
		role.AddToPrincipalPolicy(awsiam.NewPolicyStatement(&awsiam.PolicyStatementProps{
			Actions: jsii.Strings("s3:GetObject"), Resources: jsii.Strings(fmt.Sprintf("arn:aws:s3:::bucket-%d/*", i)),
		}))
	}
	props := onlyRole(t, synth(t, stack))
	if got := inlineActions(props); !slices.Equal(got, []string{"s3:GetObject"}) {
		t.Errorf("inline actions = %v, want [s3:GetObject]", got)
	}
}

// A role whose inline policy is still empty when its stack is validated loses the Policies
// property; a grant that arrives after that gives it back, with the statement.
func TestGrantAfterValidationRestoresTheInlinePolicy(t *testing.T) {
	stack := newStack()
	role := executionrole.NewExecutionRole(stack, jsii.String("Role"), nil)
	if errs := stack.Node().Validate(); len(*errs) != 0 {
		t.Fatalf("validation errors: %v", *errs)
	}
	if role.InlinePolicy() != nil {
		t.Error("InlinePolicy() of a role without statements is not nil")
	}
	role.AddToPrincipalPolicy(awsiam.NewPolicyStatement(&awsiam.PolicyStatementProps{
		Actions: jsii.Strings("s3:GetObject"), Resources: jsii.Strings("arn:aws:s3:::late-bucket/*"),
	}))
	props := onlyRole(t, synth(t, stack))
	if got := inlineActions(props); !slices.Equal(got, []string{"s3:GetObject"}) {
		t.Errorf("inline actions after a late grant = %v, want [s3:GetObject]", got)
	}
	if role.InlinePolicy() == nil {
		t.Error("InlinePolicy() is nil after a grant")
	}
}

// Grants join the inline policy when they are made, so a synth that skips validation still
// writes them.
func TestGrantsSurviveSynthWithoutValidation(t *testing.T) {
	app := awscdk.NewApp(nil)
	stack := awscdk.NewStack(app, jsii.String("Test"), nil)
	queue := awssqs.NewQueue(stack, jsii.String("Queue"), nil)
	role := executionrole.NewExecutionRole(stack, jsii.String("Role"), &executionrole.ExecutionRoleProps{
		LeastPrivilege: true, FunctionName: "orders",
	})
	queue.GrantSendMessages(role)
	asm := app.Synth(&awscdk.StageSynthesisOptions{SkipValidation: jsii.Bool(true)})
	b, err := json.Marshal(asm.GetStackByName(jsii.String("Test")).Template())
	if err != nil {
		t.Fatal(err)
	}
	var tpl map[string]any
	if err := json.Unmarshal(b, &tpl); err != nil {
		t.Fatal(err)
	}
	if got := inlineActions(onlyRole(t, tpl)); !slices.Contains(got, "sqs:SendMessage") {
		t.Errorf("inline actions = %v, want sqs:SendMessage among them", got)
	}
}
