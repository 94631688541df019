package executionrole_test

import (
	"strings"
	"testing"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/jsii-runtime-go"

	"github.com/execrole/execrole/constructs/executionrole"
)

// namedRoles builds an app with one stack per role, each role named as given; a stack's
// account is the literal the name is paired with, or none (an environment-agnostic stack).
func namedRoles(roles ...[2]string) awscdk.App {
	app := awscdk.NewApp(nil)
	for i, r := range roles {
		var props *awscdk.StackProps
		if r[1] != "" {
			props = &awscdk.StackProps{Env: &awscdk.Environment{Account: jsii.String(r[1]), Region: jsii.String("us-east-1")}}
		}
		stack := awscdk.NewStack(app, jsii.String("Stack"+string(rune('A'+i))), props)
		executionrole.NewExecutionRole(stack, jsii.String("Role"), &executionrole.ExecutionRoleProps{RoleName: r[0], Path: "/p" + string(rune('a'+i)) + "/"})
	}
	return app
}

// appErrors are the errors of the app's own validations: the checks that span stacks.
func appErrors(app awscdk.App) []string {
	var out []string
	for _, e := range *app.Node().Validate() {
		out = append(out, *e)
	}
	return out
}

func TestRoleNamesAreUniquePerApp(t *testing.T) {
	tests := []struct {
		name  string
		roles [][2]string
		want  []string // one error per role that repeats a name, naming both roles
	}{
		{"two stacks, two names", [][2]string{{"orders-role", ""}, {"billing-role", ""}}, nil},
		{"roles without names", [][2]string{{"", ""}, {"", ""}}, nil},
		{"the same name in two literal accounts", [][2]string{{"orders-role", "111111111111"}, {"orders-role", "222222222222"}}, nil},
		{"fails if two stacks name their roles alike", [][2]string{{"orders-role", ""}, {"orders-role", ""}},
			[]string{`execrole: StackB/Role: role name "orders-role" is already the name of role StackA/Role`}},
		{"fails if the names differ only in case", [][2]string{{"orders-role", ""}, {"Orders-Role", ""}},
			[]string{`execrole: StackB/Role: role name "Orders-Role" is already the name of role StackA/Role`}},
		{"fails if the same account holds both", [][2]string{{"orders-role", "111111111111"}, {"x", ""}, {"orders-role", "111111111111"}},
			[]string{`execrole: StackC/Role: role name "orders-role" is already the name of role StackA/Role`}},
		{"fails if one account is unresolved", [][2]string{{"orders-role", "111111111111"}, {"orders-role", ""}},
			[]string{`execrole: StackB/Role: role name "orders-role" is already the name of role StackA/Role`}},
		{"fails once for each repeat", [][2]string{{"a", ""}, {"a", ""}, {"a", ""}}, []string{
			`execrole: StackB/Role: role name "a" is already the name of role StackA/Role`,
			`execrole: StackC/Role: role name "a" is already the name of role StackA/Role`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := appErrors(namedRoles(tt.roles...))
			if len(got) != len(tt.want) {
				t.Fatalf("app errors %q, want %d", got, len(tt.want))
			}
			for i, w := range tt.want {
				if !strings.HasPrefix(got[i], w) || !strings.HasSuffix(got[i], "[execrole:role-name-duplicate]") {
					t.Errorf("error %d = %q\nwant it to start %q and end with the id", i, got[i], w)
				}
			}
		})
	}
}

// TestDuplicateRoleNamesFailSynth: the check runs when the app synthesizes, and the error
// names both roles.
func TestDuplicateRoleNamesFailSynth(t *testing.T) {
	app := namedRoles([2]string{"orders-role", ""}, [2]string{"orders-role", ""})
	got := panicMessage(func() { app.Synth(nil) })
	for _, want := range []string{"StackA/Role", "StackB/Role", "execrole:role-name-duplicate"} {
		if !strings.Contains(got, want) {
			t.Errorf("synth panic %q: want it to contain %q", got, want)
		}
	}
}
