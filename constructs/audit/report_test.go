package audit_test

import (
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsec2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awslambda"
	"github.com/aws/aws-cdk-go/awscdk/v2/awslambdaeventsources"
	"github.com/aws/aws-cdk-go/awscdk/v2/awssqs"
	"github.com/aws/jsii-runtime-go"

	"github.com/execrole/execrole/constructs/audit"
	"github.com/execrole/execrole/constructs/executionrole"
	"github.com/execrole/execrole/constructs/permissions"
	"github.com/execrole/execrole/constructs/report"
	"github.com/execrole/execrole/constructs/templates"
	"github.com/execrole/execrole/internal/cdktest"
)

func importedVpc(stack awscdk.Stack) awsec2.IVpc {
	return awsec2.Vpc_FromVpcAttributes(stack, jsii.String("Vpc"), &awsec2.VpcAttributes{
		VpcId: jsii.String("vpc-1"), AvailabilityZones: jsii.Strings("us-east-1a"),
		PrivateSubnetIds: jsii.Strings("subnet-1"), PrivateSubnetRouteTableIds: jsii.Strings("rtb-1"),
	})
}

func TestFeaturesOfDerivesTheFunctionsFeatures(t *testing.T) {
	app := awscdk.NewApp(nil)
	stack := awscdk.NewStack(app, jsii.String("Derive"), nil)
	role := executionrole.NewExecutionRole(stack, jsii.String("Role"), nil)
	queue := awssqs.NewQueue(stack, jsii.String("Queue"), nil)
	fn := newFunction(stack, "Fn", role, awslambda.FunctionProps{
		Vpc: importedVpc(stack), Tracing: awslambda.Tracing_ACTIVE, DeadLetterQueueEnabled: jsii.Bool(true),
	})
	fn.AddEventSource(awslambdaeventsources.NewSqsEventSource(queue, nil))
	var got []string
	features := audit.FeaturesOf(fn)
	for _, f := range features {
		got = append(got, string(f.ID()))
	}
	want := []string{"tracing", "vpc", "dead-letter-queue", "sqs"} // the function's own, in catalog order, then its sources
	if !slices.Equal(got, want) {
		t.Errorf("FeaturesOf = %v, want %v", got, want)
	}
	role.AddFeatures(features...)
	arns, _ := json.Marshal(onlyRoleProps(t, synthStack(t, stack))["ManagedPolicyArns"])
	for _, p := range []string{"AWSXRayDaemonWriteAccess", "service-role/AWSLambdaVPCAccessExecutionRole", "service-role/AWSLambdaSQSQueueExecutionRole"} {
		if !strings.Contains(string(arns), ":iam::aws:policy/"+p+`"`) {
			t.Errorf("after AddFeatures(FeaturesOf(fn)...), ManagedPolicyArns = %s, want %s", arns, p)
		}
	}
}

// reportApp builds an app of two stacks: functions in one, a shared role in the other, an
// imported role with its plan, and writes the report.
func reportApp(t *testing.T) (dir string, tpl map[string]any) {
	t.Helper()
	dir = t.TempDir()
	app := awscdk.NewApp(&awscdk.AppProps{Outdir: jsii.String(dir)})
	roles := awscdk.NewStack(app, jsii.String("Roles"), nil)
	stack := awscdk.NewStack(app, jsii.String("Functions"), nil)
	queue := awssqs.NewQueue(stack, jsii.String("Queue"), nil)
	shared := executionrole.NewExecutionRole(roles, jsii.String("Shared"), &executionrole.ExecutionRoleProps{
		Features: []executionrole.Feature{executionrole.Tracing(), executionrole.VPC(), executionrole.Insights()},
	})
	poller := executionrole.NewExecutionRole(stack, jsii.String("PollerRole"), &executionrole.ExecutionRoleProps{
		Features: []executionrole.Feature{executionrole.SQS(queue)},
	})
	fn := newFunction(stack, "Poller", poller, awslambda.FunctionProps{})
	fn.AddEventSource(awslambdaeventsources.NewSqsEventSource(queue, nil))
	poller.Bind(fn)
	newFunction(stack, "Traced", shared, awslambda.FunctionProps{Tracing: awslambda.Tracing_ACTIVE})
	byo := executionrole.Import(stack, jsii.String("Platform"), "arn:aws:iam::123456789012:role/platform/orders", &executionrole.ExecutionRoleProps{
		Features: []executionrole.Feature{executionrole.DeadLetterQueue(queue)},
	})
	newFunction(stack, "Byo", byo, awslambda.FunctionProps{})
	audit.Apply(app, &audit.Props{Report: true})
	app.Synth(nil)
	readJSON(t, filepath.Join(dir, "Functions.template.json"), &tpl)
	return dir, tpl
}

func TestReportIsWrittenIntoTheCloudAssembly(t *testing.T) {
	dir, tpl := reportApp(t)
	for _, ext := range []string{".json", ".md", ".html"} {
		if _, err := os.Stat(filepath.Join(dir, audit.ReportBase+ext)); err != nil {
			t.Errorf("report file %s: %v", audit.ReportBase+ext, err)
		}
	}
	var r report.Report
	readJSON(t, filepath.Join(dir, audit.ReportBase+".json"), &r)
	fns := map[string]report.Function{}
	for _, f := range r.Functions {
		fns[f.Path] = f
	}
	for path, role := range map[string]string{"Functions/Poller": "Functions/PollerRole", "Functions/Traced": "Roles/Shared", "Functions/Byo": "Functions/Platform"} {
		if fns[path].Role != role {
			t.Errorf("function %s: role %q, want %q", path, fns[path].Role, role)
		}
	}
	vars := byPrefix(tpl, "AWS::Lambda::Function")["Poller"]["Environment"].(map[string]any)["Variables"].(map[string]any)
	if fp := fns["Functions/Poller"].Fingerprint; fp == "" || fp != vars[executionrole.FingerprintVariable] {
		t.Errorf("Poller fingerprint in the report %q, in the template %v", fp, vars[executionrole.FingerprintVariable])
	}
	if got := fns["Functions/Poller"].Features; !slices.Equal(got, []string{"sqs"}) {
		t.Errorf("Poller features = %v, want [sqs]", got)
	}
	roles := map[string]report.Role{}
	for _, role := range r.Roles {
		roles[role.Path] = role
	}
	shared := roles["Roles/Shared"]
	if shared.Mode != report.ModeManaged || shared.Quota.ManagedPolicies != 4 || shared.Quota.ManagedPoliciesLimit != 10 {
		t.Errorf("Roles/Shared: mode %s, managed policies %d of %d; want managed, 4 of 10", shared.Mode, shared.Quota.ManagedPolicies, shared.Quota.ManagedPoliciesLimit)
	}
	if shared.Quota.TrustChars == 0 || shared.Quota.TrustCharsLimit != 2048 || shared.Quota.InlineCharsLimit != 10240 {
		t.Errorf("Roles/Shared quota = %+v, want trust characters counted against 2048 and the inline limit 10240", shared.Quota)
	}
	if !slices.Equal(shared.Functions, []string{"Functions/Traced"}) {
		t.Errorf("Roles/Shared functions = %v", shared.Functions)
	}
	var sources []string
	for _, s := range roles["Functions/PollerRole"].Statements {
		sources = append(sources, s.Source)
	}
	// The event source's grant is superseded by the SQS feature the role derives.
	if slices.Contains(sources, "grant") {
		t.Errorf("PollerRole statement sources = %v, want no grant: the SQS feature supersedes the event source's", sources)
	}
	byo := roles["Functions/Platform"]
	doc, _ := json.Marshal(byo.PolicyDocument)
	if byo.Mode != report.ModeImported || !strings.Contains(string(doc), `"Action":"sqs:SendMessage"`) || !strings.Contains(string(doc), `AWSLambdaBasicExecutionRole`) {
		t.Errorf("imported role %+v\ndocument %s; want mode imported and the document with the dead-letter statement", byo, doc)
	}
	if r.Account.Roles != 2 || r.Account.RolesLimit != 1000 {
		t.Errorf("account = %+v, want 2 roles of 1000", r.Account)
	}
	for _, typ := range []string{"AWS::IAM::Role", "AWS::IAM::Policy"} {
		for id := range byPrefix(tpl, typ) {
			if strings.HasPrefix(id, "Platform") {
				t.Errorf("Import created %s %s", typ, id)
			}
		}
	}
}

// synthStack is the repository's shared helper.
var synthStack = cdktest.Template

func onlyRoleProps(t *testing.T, tpl map[string]any) map[string]any {
	t.Helper()
	roles := byPrefix(tpl, "AWS::IAM::Role")
	if len(roles) != 1 {
		t.Fatalf("template has %d roles, want 1", len(roles))
	}
	for _, p := range roles {
		return p
	}
	return nil
}

// The report gives each statement of an ExecutionRole's inline policy its source: the feature
// of the planned statement with its Sid (features added later included), "template <name>"
// for a policy template's statements, "user" for the
// role's own statements, with a Sid or without, and "grant" for other constructs' grants.
func TestReportNamesTheSourceOfEachStatement(t *testing.T) {
	app := awscdk.NewApp(nil)
	stack := awscdk.NewStack(app, jsii.String("Sources"), nil)
	queue := awssqs.NewQueue(stack, jsii.String("Queue"), nil)
	other := awssqs.NewQueue(stack, jsii.String("Other"), nil)
	role := executionrole.NewExecutionRole(stack, jsii.String("Role"), &executionrole.ExecutionRoleProps{
		LeastPrivilege: true, FunctionName: "fn", Features: []executionrole.Feature{executionrole.SQS(queue)},
		Templates: []permissions.TemplateUse{templates.Apply("S3ReadPolicy", "reports")},
		Statements: []permissions.Statement{
			{Sid: "Mine", Actions: []string{"s3:GetObject"}, Resources: []string{"arn:aws:s3:::bucket/*"}},
			{Actions: []string{"sqs:ChangeMessageVisibility"}, Resources: []string{*other.QueueArn()}},
		},
	})
	other.GrantSendMessages(role)
	role.AddFeatures(executionrole.Tracing(), executionrole.SQS(other))
	var got []string
	for _, r := range audit.BuildReport(app, nil).Roles {
		for _, s := range r.Statements {
			got = append(got, s.Source+" "+s.Sid+" "+strings.Join(s.Actions, ","))
		}
	}
	want := []string{
		"basic-logs Logs logs:CreateLogStream,logs:PutLogEvents",
		"basic-logs LogsCreateGroup logs:CreateLogGroup",
		"grant  sqs:GetQueueUrl,sqs:SendMessage", // GetQueueAttributes: SQS(other), added later, allows it
		"sqs SQSPoll sqs:DeleteMessage,sqs:GetQueueAttributes,sqs:ReceiveMessage",
		"sqs SQSPoll2 sqs:DeleteMessage,sqs:GetQueueAttributes,sqs:ReceiveMessage",
		"template S3ReadPolicy S3ReadPolicy s3:GetBucketLocation,s3:GetLifecycleConfiguration,s3:GetObject,s3:GetObjectVersion,s3:ListBucket", // SAM's S3ReadPolicy
		"tracing Tracing xray:GetSamplingRules,xray:GetSamplingStatisticSummaries,xray:GetSamplingTargets,xray:PutTelemetryRecords,xray:PutTraceSegments",
		"user  sqs:ChangeMessageVisibility",
		"user Mine s3:GetObject",
	}
	if !slices.Equal(got, want) {
		t.Errorf("statements by source =\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}
