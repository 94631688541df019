package executionrole_test

import (
	"encoding/json"
	"fmt"
	"os"
	"slices"
	"strings"
	"testing"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/jsii-runtime-go"

	"github.com/execrole/execrole/internal/cdktest"
	_ "github.com/execrole/execrole/jsiinode"
)

// newStack returns a fresh app and stack to build one test case in.
func newStack() awscdk.Stack {
	app := awscdk.NewApp(nil)
	return awscdk.NewStack(app, jsii.String("Test"), nil)
}

// newStackIn is a stack of its own app in region.
func newStackIn(region string) awscdk.Stack {
	return awscdk.NewStack(awscdk.NewApp(nil), jsii.String("Test"), &awscdk.StackProps{
		Env: &awscdk.Environment{Account: jsii.String("123456789012"), Region: jsii.String(region)},
	})
}

// synth, resources and panicMessage are the repository's shared test helpers.
var (
	synth        = cdktest.Template
	resources    = cdktest.Resources
	panicMessage = cdktest.PanicMessage
)

// onlyRole returns the properties of the template's one AWS::IAM::Role, failing unless there
// is exactly one and no other IAM policy resource.
func onlyRole(t *testing.T, tpl map[string]any) map[string]any {
	t.Helper()
	roles := resources(tpl, "AWS::IAM::Role")
	if len(roles) != 1 {
		t.Fatalf("want exactly one AWS::IAM::Role, got %d", len(roles))
	}
	for _, typ := range []string{"AWS::IAM::Policy", "AWS::IAM::ManagedPolicy"} {
		if n := len(resources(tpl, typ)); n != 0 {
			t.Fatalf("want no %s, got %d", typ, n)
		}
	}
	for _, r := range roles {
		return r["Properties"].(map[string]any)
	}
	return nil
}

// roleProps returns the properties of the template's one AWS::IAM::Role whose logical id
// starts with id.
func roleProps(t *testing.T, tpl map[string]any, id string) map[string]any {
	t.Helper()
	var found map[string]any
	for logical, r := range resources(tpl, "AWS::IAM::Role") {
		if strings.HasPrefix(logical, id) {
			if found != nil {
				t.Fatalf("more than one role's logical id starts with %s", id)
			}
			found = r["Properties"].(map[string]any)
		}
	}
	if found == nil {
		t.Fatalf("no role's logical id starts with %s", id)
	}
	return found
}

// managedPolicyNames turns the role's ManagedPolicyArns ({"Fn::Join": ["", ["arn:",
// {"Ref": "AWS::Partition"}, ":iam::aws:policy/service-role/Name"]]}) into "service-role/Name",
// failing on any ARN that is not partition-aware.
func managedPolicyNames(t *testing.T, props map[string]any) []string {
	t.Helper()
	var out []string
	arns, _ := props["ManagedPolicyArns"].([]any)
	for _, a := range arns {
		parts := a.(map[string]any)["Fn::Join"].([]any)[1].([]any)
		if parts[0] != "arn:" || fmt.Sprint(parts[1]) != "map[Ref:AWS::Partition]" || len(parts) != 3 {
			t.Fatalf("managed policy ARN is not partition-aware: %v", a)
		}
		out = append(out, strings.TrimPrefix(parts[2].(string), ":iam::aws:policy/"))
	}
	return out
}

// inlineActions lists every action of the role's inline policies, sorted.
func inlineActions(props map[string]any) []string {
	var out []string
	for _, s := range inlineStatements(props) {
		out = append(out, actionList(s["Action"])...)
	}
	slices.Sort(out)
	return slices.Compact(out)
}

// inlineStatements are the statements of a role's inline policies.
func inlineStatements(props map[string]any) []map[string]any {
	var out []map[string]any
	policies, _ := props["Policies"].([]any)
	for _, p := range policies {
		doc, _ := p.(map[string]any)["PolicyDocument"].(map[string]any)
		list, _ := doc["Statement"].([]any)
		for _, s := range list {
			m, _ := s.(map[string]any)
			out = append(out, m)
		}
	}
	return out
}

// statements returns the statements of a role's inline policies that allow action, as JSON.
func statements(t *testing.T, props map[string]any, action string) []string {
	t.Helper()
	var out []string
	for _, m := range inlineStatements(props) {
		if slices.Contains(actionList(m["Action"]), action) {
			b, _ := json.Marshal(m)
			out = append(out, string(b))
		}
	}
	return out
}

// allows reports whether one of the role's inline statements allows action on a resource whose
// JSON holds each of in.
func allows(t *testing.T, props map[string]any, action string, in ...string) bool {
	t.Helper()
	for _, s := range statements(t, props, action) {
		if !slices.ContainsFunc(in, func(w string) bool { return !strings.Contains(s, w) }) {
			return true
		}
	}
	return false
}

// actionList reads a statement's Action: one action or a list.
func actionList(v any) []string {
	switch a := v.(type) {
	case string:
		return []string{a}
	case []any:
		out := make([]string, len(a))
		for i, x := range a {
			out[i] = x.(string)
		}
		return out
	}
	return nil
}

// TestMain ends the jsii kernel after the tests, so its Node.js process and temp folder do
// not outlive them.
func TestMain(m *testing.M) {
	code := m.Run()
	jsii.Close()
	os.Exit(code)
}
