package executionrole_test

import (
	"encoding/json"
	"fmt"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsiam"
	"github.com/aws/aws-cdk-go/awscdk/v2/awskinesis"
	"github.com/aws/aws-cdk-go/awscdk/v2/awslambda"
	"github.com/aws/aws-cdk-go/awscdk/v2/awssqs"
	"github.com/aws/jsii-runtime-go"

	"github.com/execrole/execrole/constructs/executionrole"
)

func newFunction(stack awscdk.Stack, id string, role awsiam.IRole) awslambda.Function {
	return pythonFunction(stack, id, awslambda.FunctionProps{Role: role})
}

// pythonFunction is a function of props with an inline Python handler that does nothing.
func pythonFunction(stack awscdk.Stack, id string, props awslambda.FunctionProps) awslambda.Function {
	props.Runtime, props.Handler = awslambda.Runtime_PYTHON_3_13(), jsii.String("index.handler")
	props.Code = awslambda.Code_FromInline(jsii.String("def handler(e, c): pass"))
	return awslambda.NewFunction(stack, jsii.String(id), &props)
}

// fingerprints returns each function's fingerprint variable by the function's construct id.
func fingerprints(t *testing.T, tpl map[string]any) map[string]string {
	t.Helper()
	out := map[string]string{}
	for id, f := range resources(tpl, "AWS::Lambda::Function") {
		vars, _ := f["Properties"].(map[string]any)["Environment"].(map[string]any)["Variables"].(map[string]any)
		fp, _ := vars[executionrole.FingerprintVariable].(string)
		if !regexp.MustCompile(`^[0-9a-f]{16}$`).MatchString(fp) {
			t.Fatalf("function %s: fingerprint %q is not 16 hex digits", id, fp)
		}
		out[id[:len(id)-8]] = fp
	}
	return out
}

// Two functions run as role A, one as role B; change decides what changes in role A.
func fingerprintApp(t *testing.T, change func(stack awscdk.Stack, a *executionrole.ExecutionRole)) (map[string]string, string) {
	t.Helper()
	stack := newStack()
	a := executionrole.NewExecutionRole(stack, jsii.String("A"), &executionrole.ExecutionRoleProps{Features: []executionrole.Feature{executionrole.Tracing()}})
	b := executionrole.NewExecutionRole(stack, jsii.String("B"), &executionrole.ExecutionRoleProps{Features: []executionrole.Feature{executionrole.Tracing()}})
	for _, f := range []struct {
		id   string
		role *executionrole.ExecutionRole
	}{{"FnA1", a}, {"FnA2", a}, {"FnB1", b}} {
		f.role.Bind(newFunction(stack, f.id, f.role))
	}
	if change != nil {
		change(stack, a)
	}
	tpl := synth(t, stack)
	js, _ := json.Marshal(tpl)
	return fingerprints(t, tpl), string(js)
}

func TestBindFingerprintChangesWithTheRolePermissionsOnly(t *testing.T) {
	base, baseJSON := fingerprintApp(t, nil)
	if base["FnA1"] != base["FnA2"] {
		t.Errorf("functions of one role have different fingerprints: %v", base)
	}
	if base["FnA1"] != base["FnB1"] {
		t.Errorf("roles with the same permissions have different fingerprints: %v", base)
	}
	if _, again := fingerprintApp(t, nil); again != baseJSON {
		t.Errorf("second synth of the same app differs:\n%s\nvs\n%s", again, baseJSON)
	}
	tests := []struct {
		name   string
		change func(stack awscdk.Stack, a *executionrole.ExecutionRole)
	}{
		{"a feature added", func(_ awscdk.Stack, a *executionrole.ExecutionRole) {
			a.AddFeatures(executionrole.VPC())
		}},
		{"a grant from another construct", func(stack awscdk.Stack, a *executionrole.ExecutionRole) {
			awssqs.NewQueue(stack, jsii.String("Queue"), nil).GrantConsumeMessages(a)
		}},
		{"a managed policy attached", func(_ awscdk.Stack, a *executionrole.ExecutionRole) {
			a.AddFeatures(executionrole.Insights())
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, _ := fingerprintApp(t, tt.change)
			if got["FnA1"] == base["FnA1"] || got["FnA2"] == base["FnA2"] {
				t.Errorf("role A's functions kept their fingerprint %s after the change: %v", base["FnA1"], got)
			}
			if got["FnA1"] != got["FnA2"] {
				t.Errorf("functions of role A disagree: %v", got)
			}
			if got["FnB1"] != base["FnB1"] {
				t.Errorf("role B's function changed fingerprint %s -> %s though role B did not change", base["FnB1"], got["FnB1"])
			}
		})
	}
}

func TestBindEdgeFunctionGetsTheFingerprintInItsDescription(t *testing.T) {
	stack := newStackIn(executionrole.EdgeRegion)
	role := executionrole.NewExecutionRole(stack, jsii.String("Role"), &executionrole.ExecutionRoleProps{Features: []executionrole.Feature{executionrole.Edge()}})
	fn := awslambda.NewFunction(stack, jsii.String("Fn"), &awslambda.FunctionProps{
		Runtime: awslambda.Runtime_NODEJS_22_X(), Handler: jsii.String("index.handler"),
		Code: awslambda.Code_FromInline(jsii.String("exports.handler = async () => {}")), Role: role,
		Description: jsii.String("viewer request"),
	})
	role.Bind(fn)
	tpl := synth(t, stack)
	// The fingerprint is the Description property itself, where readers of the function's
	// properties (the audit's report) find it, not an override; it is there once the role
	// has its features, at synth.
	cfn := fn.Node().DefaultChild().(awslambda.CfnFunction)
	if d, _ := stack.Resolve(cfn.Description()).(string); !strings.Contains(d, "[permissions ") {
		t.Errorf("the function's Description property = %q, want the fingerprint in it", d)
	}
	for _, f := range resources(tpl, "AWS::Lambda::Function") {
		props := f["Properties"].(map[string]any)
		if _, ok := props["Environment"]; ok {
			t.Errorf("edge function has environment variables: %v", props["Environment"])
		}
		desc, _ := props["Description"].(string)
		if !regexp.MustCompile(`^viewer request \[permissions [0-9a-f]{16}\]$`).MatchString(desc) {
			t.Errorf("Description = %q, want the user's description and the fingerprint", desc)
		}
	}
}

func TestAddFeaturesAttachesTheNewPolicies(t *testing.T) {
	stack := newStack()
	role := executionrole.NewExecutionRole(stack, jsii.String("Role"), nil)
	role.AddFeatures(executionrole.Tracing(), executionrole.FromArns("sqs", "arn:aws:sqs:us-east-1:123456789012:orders"))
	role.AddFeatures(executionrole.Tracing())
	props := onlyRole(t, synth(t, stack))
	want := []string{basic, "AWSXRayDaemonWriteAccess", "service-role/AWSLambdaSQSQueueExecutionRole"}
	if got := managedPolicyNames(t, props); !slices.Equal(got, want) {
		t.Errorf("managed policies = %v, want %v", got, want)
	}
	if got := role.Plan().Features; len(got) != 3 {
		t.Errorf("Plan().Features = %v, want basic-logs, tracing, sqs", got)
	}
}

func TestAddFeaturesLeastPrivilegeAddsStatements(t *testing.T) {
	stack := newStack()
	role := executionrole.NewExecutionRole(stack, jsii.String("Role"), &executionrole.ExecutionRoleProps{LeastPrivilege: true, FunctionName: "orders"})
	role.AddFeatures(executionrole.Tracing())
	actions := inlineActions(onlyRole(t, synth(t, stack)))
	for _, want := range []string{"logs:PutLogEvents", "xray:PutTraceSegments"} {
		if !slices.Contains(actions, want) {
			t.Errorf("inline actions %v lack %s", actions, want)
		}
	}
}

// Features added later allow what the same features given at construction allow, and add
// no permission twice, though the plan merges and renames statements as features join.
func TestAddFeaturesAllowsWhatPlanningAtOnceDoes(t *testing.T) {
	build := func(later bool) map[string]int {
		stack := newStack()
		queue := awssqs.NewQueue(stack, jsii.String("Queue"), nil)
		stream := awskinesis.NewStream(stack, jsii.String("Stream"), nil)
		first := []executionrole.Feature{executionrole.Tracing(), executionrole.DeadLetterQueue(queue)}
		rest := []executionrole.Feature{executionrole.Kinesis(stream), executionrole.DestinationQueue(queue)}
		props := &executionrole.ExecutionRoleProps{LeastPrivilege: true, FunctionName: "orders", Features: append(first, rest...)}
		if later {
			props.Features = first
		}
		role := executionrole.NewExecutionRole(stack, jsii.String("Role"), props)
		if later {
			role.AddFeatures(rest...)
		}
		return permissionCounts(t, onlyRole(t, synth(t, stack)))
	}
	atOnce, later := build(false), build(true)
	for p, n := range later {
		if n > 1 {
			t.Errorf("added later, %s is granted %d times", p, n)
		}
		if atOnce[p] == 0 {
			t.Errorf("added later, %s is granted; planned at once, it is not", p)
		}
	}
	for p := range atOnce {
		if later[p] == 0 {
			t.Errorf("planned at once, %s is granted; added later, it is not", p)
		}
	}
	if len(atOnce) == 0 {
		t.Fatal("the role planned at once has no inline permissions")
	}
}

// permissionCounts counts each action-resource-condition triple of the role's inline
// policies.
func permissionCounts(t *testing.T, props map[string]any) map[string]int {
	t.Helper()
	list := func(v any) []any {
		if l, ok := v.([]any); ok {
			return l
		}
		return []any{v}
	}
	out := map[string]int{}
	pols, _ := props["Policies"].([]any)
	for _, p := range pols {
		doc := p.(map[string]any)["PolicyDocument"].(map[string]any)
		for _, s := range doc["Statement"].([]any) {
			st := s.(map[string]any)
			cond, _ := json.Marshal(st["Condition"])
			for _, a := range list(st["Action"]) {
				for _, r := range list(st["Resource"]) {
					res, _ := json.Marshal(r)
					out[fmt.Sprintf("%v on %s if %s", a, res, cond)]++
				}
			}
		}
	}
	return out
}

func TestAddFeaturesPanicsOnABrokenRule(t *testing.T) {
	stack := newStack()
	role := executionrole.NewExecutionRole(stack, jsii.String("Role"), &executionrole.ExecutionRoleProps{Features: []executionrole.Feature{executionrole.VPC()}})
	got := panicMessage(func() { role.AddFeatures(executionrole.VPCNetworkInterfaces()) })
	want := `execrole: Test/Role: features "vpc" and "vpc-network-interfaces" conflict: "vpc" already grants what "vpc-network-interfaces" does, give only "vpc" [execrole:feature-conflict]`
	if got != want {
		t.Errorf("panic = %q\nwant    %q", got, want)
	}
}

func TestLookupFindsTheRoleFromItsResource(t *testing.T) {
	stack := newStack()
	role := executionrole.NewExecutionRole(stack, jsii.String("Role"), nil)
	plain := awsiam.NewRole(stack, jsii.String("Plain"), &awsiam.RoleProps{AssumedBy: awsiam.NewServicePrincipal(jsii.String("lambda.amazonaws.com"), nil)})
	if got, ok := executionrole.Lookup(role.Node().DefaultChild()); !ok || got != role {
		t.Errorf("Lookup(role's CfnRole) = %v, %v; want the role", got, ok)
	}
	if _, ok := executionrole.Lookup(plain.Node().DefaultChild()); ok {
		t.Errorf("Lookup(a plain role's CfnRole) found an ExecutionRole")
	}
}

// A feature added later that needs another service to assume the role (Lambda@Edge) extends
// the trust policy, and a managed policy the new plan would no longer choose stays attached
// and acknowledged: the role only ever grows.
func TestAddFeaturesExtendsTrustAndKeepsPolicies(t *testing.T) {
	stack := newStackIn(executionrole.EdgeRegion)
	role := executionrole.NewExecutionRole(stack, jsii.String("Role"), &executionrole.ExecutionRoleProps{AcknowledgeManagedPolicies: true})
	role.AddFeatures(executionrole.Edge(), executionrole.Durable())
	props := onlyRole(t, synth(t, stack))
	trust, _ := json.Marshal(props["AssumeRolePolicyDocument"])
	for _, want := range []string{`"lambda.amazonaws.com"`, `"edgelambda.amazonaws.com"`} {
		if !strings.Contains(string(trust), want) {
			t.Errorf("trust policy %s lacks %s", trust, want)
		}
	}
	want := []string{basic, "service-role/AWSLambdaBasicDurableExecutionRolePolicy"}
	if got := managedPolicyNames(t, props); !slices.Equal(got, want) {
		t.Errorf("managed policies = %v, want %v", got, want)
	}
	var names []string
	for _, m := range role.Plan().ManagedPolicies {
		names = append(names, m.Name)
	}
	if !slices.Equal(names, []string{"AWSLambdaBasicExecutionRole", "AWSLambdaBasicDurableExecutionRolePolicy"}) {
		t.Errorf("Plan().ManagedPolicies = %v, want both attached policies", names)
	}
}
