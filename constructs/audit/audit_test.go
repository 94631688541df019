package audit_test

import (
	"encoding/json"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/assertions"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsiam"
	"github.com/aws/aws-cdk-go/awscdk/v2/awslambda"
	"github.com/aws/aws-cdk-go/awscdk/v2/awssqs"
	"github.com/aws/aws-cdk-go/awscdk/v2/cxapi"
	"github.com/aws/jsii-runtime-go"

	"github.com/execrole/execrole/constructs/audit"
	"github.com/execrole/execrole/internal/cdktest"
	"github.com/execrole/execrole/internal/refdata"
	_ "github.com/execrole/execrole/jsiinode"
)

// assembly is what a synthesized example left in its cloud assembly.
type assembly struct {
	messages map[string][]string // message type (aws:cdk:error, ...) -> "path: text"
	template map[string]any
}

// examples holds each run of examples/audit by its environment: tests only read them, so
// one run serves every test with the same environment.
var examples = map[string]assembly{}

// synthExample runs examples/audit with env (once per environment) and reads its cloud
// assembly.
func synthExample(t *testing.T, env ...string) assembly {
	t.Helper()
	key := strings.Join(env, " ")
	if a, ok := examples[key]; ok {
		return a
	}
	dir := t.TempDir()
	if err := cdktest.RunExample("examples/audit", dir, env...); err != nil {
		t.Fatal(err)
	}
	a := assembly{messages: cdktest.Messages(t, dir, "Audit")}
	readJSON(t, filepath.Join(dir, "Audit.template.json"), &a.template)
	examples[key] = a
	return a
}

func readJSON(t *testing.T, path string, v any) {
	t.Helper()
	if err := refdata.ReadJSON(path, v); err != nil {
		t.Fatal(err)
	}
}

// byPrefix returns the properties of the template's resources of one type, by logical id
// without its hash.
func byPrefix(tpl map[string]any, typ string) map[string]map[string]any {
	out := map[string]map[string]any{}
	for id, r := range cdktest.Resources(tpl, typ) {
		out[id[:len(id)-8]], _ = r["Properties"].(map[string]any)
	}
	return out
}

func TestExampleReportsThePlantedMistakes(t *testing.T) {
	got := synthExample(t).messages["aws:cdk:error"]
	want := []string{
		"/Audit/ConsumerFunction: function Audit/ConsumerFunction has an SQS event source but its role Audit/ConsumerRole lacks sqs:ReceiveMessage, sqs:DeleteMessage, sqs:GetQueueAttributes: add executionrole.SQS(queue) to the Features of role Audit/ConsumerRole (or apply the audit with AutoFix)",
		"/Audit/TracedFunction: function Audit/TracedFunction has active X-Ray tracing but its role Audit/TracedRole lacks xray:PutTraceSegments, xray:PutTelemetryRecords: add executionrole.Tracing() to the Features of role Audit/TracedRole (or apply the audit with AutoFix)",
		"/Audit/VpcFunction: function Audit/VpcFunction is attached to a VPC but its role Audit/VpcRole lacks ec2:CreateNetworkInterface, ec2:DescribeNetworkInterfaces, ec2:DeleteNetworkInterface: add executionrole.VPC() to the Features of role Audit/VpcRole (or apply the audit with AutoFix)",
	}
	if !slices.Equal(got, want) {
		t.Errorf("errors =\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

func TestExampleAutoFixAddsTheFeatures(t *testing.T) {
	fixed := synthExample(t, "EXECROLE_AUTOFIX=1")
	if errs := fixed.messages["aws:cdk:error"]; len(errs) != 0 {
		t.Errorf("AutoFix left errors: %v", errs)
	}
	if n := len(fixed.messages["aws:cdk:info"]); n != 3 {
		t.Errorf("AutoFix info messages = %v, want one per fixed function", fixed.messages["aws:cdk:info"])
	}
	roles := byPrefix(fixed.template, "AWS::IAM::Role")
	for role, policy := range map[string]string{
		"VpcRole": "service-role/AWSLambdaVPCAccessExecutionRole", "ConsumerRole": "service-role/AWSLambdaSQSQueueExecutionRole", "TracedRole": "AWSXRayDaemonWriteAccess",
	} {
		arns, _ := json.Marshal(roles[role]["ManagedPolicyArns"])
		if !strings.Contains(string(arns), `:iam::aws:policy/`+policy+`"`) {
			t.Errorf("role %s ManagedPolicyArns = %s, want %s", role, arns, policy)
		}
	}
	// The fix changes the roles' permissions, so the bound functions' fingerprints change.
	before := byPrefix(synthExample(t).template, "AWS::Lambda::Function")
	for fn, props := range byPrefix(fixed.template, "AWS::Lambda::Function") {
		if a, b := fingerprint(props), fingerprint(before[fn]); a == "" || a == b {
			t.Errorf("function %s fingerprint %q after AutoFix, %q before: want a new one", fn, a, b)
		}
	}
}

func fingerprint(props map[string]any) string {
	env, _ := props["Environment"].(map[string]any)
	vars, _ := env["Variables"].(map[string]any)
	s, _ := vars["EXECROLE_PERMISSIONS_FINGERPRINT"].(string)
	return s
}

// messages synthesizes stack's app once and returns its error and warning annotations, by
// level ("error", "warning").
func messages(t *testing.T, stack awscdk.Stack) map[string][]string {
	t.Helper()
	a := assertions.Annotations_FromStack(stack)
	out := map[string][]string{}
	//lint:ignore SA1019 the assertions API returns this type; no replacement is exported
	for level, find := range map[string]func(*string, any) *[]*cxapi.SynthesisMessage{"error": a.FindError, "warning": a.FindWarning} {
		for _, m := range *find(jsii.String("*"), assertions.Match_AnyValue()) {
			//lint:ignore SA1019 see above
			out[level] = append(out[level], *m.Id+": "+m.Entry.Data.(string))
		}
		slices.Sort(out[level])
	}
	return out
}

func newFunction(stack awscdk.Stack, id string, role awsiam.IRole, props awslambda.FunctionProps) awslambda.Function {
	props.Runtime = awslambda.Runtime_PYTHON_3_13()
	props.Handler = jsii.String("index.handler")
	props.Code = awslambda.Code_FromInline(jsii.String("def handler(e, c): pass"))
	props.Role = role
	return awslambda.NewFunction(stack, jsii.String(id), &props)
}

// The audit reads any role, not only execrole's: here a hand-made awsiam.Role. Tracing on
// a mutable role is fine: awslambda.Function grants the X-Ray actions in the role's default
// policy, which the audit reads.
func TestAuditReadsAHandMadeRole(t *testing.T) {
	app := awscdk.NewApp(nil)
	stack := awscdk.NewStack(app, jsii.String("Plain"), nil)
	role := awsiam.NewRole(stack, jsii.String("Role"), &awsiam.RoleProps{
		AssumedBy:       awsiam.NewServicePrincipal(jsii.String("lambda.amazonaws.com"), nil),
		ManagedPolicies: &[]awsiam.IManagedPolicy{awsiam.ManagedPolicy_FromAwsManagedPolicyName(jsii.String("service-role/AWSLambdaBasicExecutionRole"))},
	})
	fn := newFunction(stack, "Fn", role, awslambda.FunctionProps{Vpc: importedVpc(stack), Tracing: awslambda.Tracing_ACTIVE})
	queue := awssqs.NewQueue(stack, jsii.String("Queue"), nil)
	awslambda.NewEventSourceMapping(stack, jsii.String("Source"), &awslambda.EventSourceMappingProps{Target: fn, EventSourceArn: queue.QueueArn()})
	imported := awsiam.Role_FromRoleArn(stack, jsii.String("Imported"), jsii.String("arn:aws:iam::123456789012:role/legacy"), nil)
	newFunction(stack, "Legacy", imported, awslambda.FunctionProps{})
	audit.Apply(app, nil)

	found := messages(t, stack)
	got := found["error"]
	want := []string{
		"/Plain/Fn: function Plain/Fn has an SQS event source but its role Plain/Role lacks sqs:ReceiveMessage, sqs:DeleteMessage, sqs:GetQueueAttributes: attach the AWS managed policy service-role/AWSLambdaSQSQueueExecutionRole to role Plain/Role",
		"/Plain/Fn: function Plain/Fn is attached to a VPC but its role Plain/Role lacks ec2:CreateNetworkInterface, ec2:DescribeNetworkInterfaces, ec2:DeleteNetworkInterface: attach the AWS managed policy service-role/AWSLambdaVPCAccessExecutionRole to role Plain/Role",
	}
	if !slices.Equal(got, want) {
		t.Errorf("errors =\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	warnings := strings.Join(found["warning"], "\n")
	if !strings.Contains(warnings, "function Plain/Legacy runs as role arn:aws:iam::123456789012:role/legacy, which is defined outside the stack") {
		t.Errorf("warnings = %s\nwant one for the imported role", warnings)
	}
}

// A mapping whose source the template does not tell (an ARN from a parameter) is not guessed:
// the audit warns, naming the function, the mapping and the role to check.
func TestAuditWarnsOfAnUnknownSource(t *testing.T) {
	app := awscdk.NewApp(nil)
	stack := awscdk.NewStack(app, jsii.String("Test"), nil)
	role := awsiam.NewRole(stack, jsii.String("Role"), &awsiam.RoleProps{AssumedBy: awsiam.NewServicePrincipal(jsii.String("lambda.amazonaws.com"), nil)})
	fn := newFunction(stack, "Fn", role, awslambda.FunctionProps{})
	awslambda.NewEventSourceMapping(stack, jsii.String("Mapping"), &awslambda.EventSourceMappingProps{
		Target: fn, EventSourceArn: awscdk.NewCfnParameter(stack, jsii.String("SourceArn"), nil).ValueAsString(),
	})
	audit.Apply(app, nil)
	want := "execrole:audit-source-unknown"
	warnings := messages(t, stack)["warning"]
	if !slices.ContainsFunc(warnings, func(w string) bool {
		return strings.Contains(w, want) && strings.Contains(w, "function Test/Fn has event source mapping Test/Mapping, whose source ${SourceArn}")
	}) {
		t.Errorf("warnings %q lack %s naming the function and the mapping", warnings, want)
	}
}

// The audit checks the features of 2026 on any role, from the catalog rows: an MSK mapping
// (an L1, which grants nothing) that validates with a Glue schema registry and sends failed
// records to a topic, run as a hand-made role that allows only logs.
func TestAuditChecksKafkaRegistriesAndFailureTopics(t *testing.T) {
	app := awscdk.NewApp(nil)
	stack := awscdk.NewStack(app, jsii.String("Plain"), nil)
	role := awsiam.NewRole(stack, jsii.String("Role"), &awsiam.RoleProps{
		AssumedBy:       awsiam.NewServicePrincipal(jsii.String("lambda.amazonaws.com"), nil),
		ManagedPolicies: &[]awsiam.IManagedPolicy{awsiam.ManagedPolicy_FromAwsManagedPolicyName(jsii.String("service-role/AWSLambdaMSKExecutionRole"))},
	})
	fn := newFunction(stack, "Fn", role, awslambda.FunctionProps{})
	awslambda.NewCfnEventSourceMapping(stack, jsii.String("Mapping"), &awslambda.CfnEventSourceMappingProps{
		FunctionName: fn.FunctionName(), Topics: jsii.Strings("orders"), StartingPosition: jsii.String("LATEST"),
		EventSourceArn: jsii.String("arn:aws:kafka:us-east-1:123456789012:cluster/orders/0f3e9d2c-1a2b-4c5d-8e9f-0a1b2c3d4e5f-1"),
		DestinationConfig: &awslambda.CfnEventSourceMapping_DestinationConfigProperty{
			OnFailure: &awslambda.CfnEventSourceMapping_OnFailureProperty{Destination: jsii.String("kafka://orders-failed")}},
		AmazonManagedKafkaEventSourceConfig: &awslambda.CfnEventSourceMapping_AmazonManagedKafkaEventSourceConfigProperty{
			SchemaRegistryConfig: &awslambda.CfnEventSourceMapping_SchemaRegistryConfigProperty{
				SchemaRegistryUri: jsii.String("arn:aws:glue:us-east-1:123456789012:registry/orders"), EventRecordFormat: jsii.String("JSON"),
				SchemaValidationConfigs: &[]*awslambda.CfnEventSourceMapping_SchemaValidationConfigProperty{{Attribute: jsii.String("VALUE")}}}},
	})
	audit.Apply(app, nil)
	errs := strings.Join(messages(t, stack)["error"], "\n")
	for _, want := range []string{
		"function Plain/Fn validates Kafka records with an AWS Glue schema registry but its role Plain/Role lacks glue:GetRegistry, glue:GetSchemaVersion",
		"function Plain/Fn sends failed Kafka records to a topic but its role Plain/Role lacks kafka-cluster:Connect, kafka-cluster:WriteData",
	} {
		if !strings.Contains(errs, want) {
			t.Errorf("errors =\n%s\nwant one with %q", errs, want)
		}
	}
}
