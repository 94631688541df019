package executionrole_test

import (
	"encoding/json"
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"runtime"
	"slices"
	"strings"
	"testing"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsiam"
	"github.com/aws/jsii-runtime-go"

	"github.com/execrole/execrole/constructs/executionrole"
)

// TestGrantStateLivesInTheTree: each stack's grant state is a hidden construct of the stack,
// found again however roles of several stacks interleave: every role of both stacks, built
// alternately, is validated with its own stack (its empty inline policy is removed).
func TestGrantStateLivesInTheTree(t *testing.T) {
	app := awscdk.NewApp(nil)
	stacks := []awscdk.Stack{awscdk.NewStack(app, jsii.String("A"), nil), awscdk.NewStack(app, jsii.String("B"), nil)}
	for i := range 6 {
		executionrole.NewExecutionRole(stacks[i%2], jsii.String("Role"+string(rune('0'+i))), nil)
	}
	for _, s := range stacks {
		if s.Node().TryFindChild(jsii.String("ExecutionRoleGrants")) == nil {
			t.Errorf("stack %s has no ExecutionRoleGrants child", *s.Node().Id())
		}
		roles := resources(synth(t, s), "AWS::IAM::Role")
		if len(roles) != 3 {
			t.Fatalf("stack %s: %d roles, want 3", *s.Node().Id(), len(roles))
		}
		for id, r := range roles {
			if p, ok := r["Properties"].(map[string]any)["Policies"]; ok {
				b, _ := json.Marshal(p)
				t.Errorf("stack %s role %s keeps its empty inline policy: %s", *s.Node().Id(), id, b)
			}
		}
	}
}

// heapPerApp builds n apps of one stack with build, dropping each, and returns the growth
// of the live heap per app.
func heapPerApp(n int, build func(awscdk.Stack)) float64 {
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	for i := range n {
		app := awscdk.NewApp(nil)
		build(awscdk.NewStack(app, jsii.String("Stack"), nil))
		_ = i
	}
	runtime.GC()
	runtime.ReadMemStats(&after)
	return float64(int64(after.HeapAlloc)-int64(before.HeapAlloc)) / float64(n)
}

// TestDeadAppsHoldNoStateOfTheLibrary builds 1,000 apps, each with one ExecutionRole, and
// compares the live heap they leave with that of 1,000 apps each with one plain awsiam.Role.
// jsii-runtime-go keeps every Go object it has handed to JavaScript until jsii.Close (its
// object store has no removal), so neither loop frees everything; what the library must not
// do is keep more of a dead app on top of that, in state of its own outside the tree.
func TestDeadAppsHoldNoStateOfTheLibrary(t *testing.T) {
	if testing.Short() {
		t.Skip("builds 2,000 apps")
	}
	const n = 1000
	principal := awsiam.NewServicePrincipal(jsii.String("lambda.amazonaws.com"), nil)
	build := func(withLibrary bool) func(awscdk.Stack) {
		return func(s awscdk.Stack) {
			if withLibrary {
				executionrole.NewExecutionRole(s, jsii.String("Role"), &executionrole.ExecutionRoleProps{Features: []executionrole.Feature{executionrole.Tracing()}})
				return
			}
			awsiam.NewRole(s, jsii.String("Role"), &awsiam.RoleProps{AssumedBy: principal})
		}
	}
	heapPerApp(50, build(true)) // warm up: shared objects, caches
	plain := heapPerApp(n, build(false))
	lib := heapPerApp(n, build(true))
	t.Logf("live heap per dead app: plain role %.0f B, ExecutionRole %.0f B", plain, lib)
	if lib > plain+8<<10 {
		t.Errorf("each dead app with an ExecutionRole keeps %.0f B more than one with a plain role, want under 8 KiB", lib-plain)
	}
}

// packageVars are the package-level variables the package's source may have, and why each
// holds no app: anything else (a registry of stacks or roles) would keep dead apps' state
// outside the construct tree.
var packageVars = map[string]string{
	"shared":      "jsii objects that are not constructs and resolve per stack (the Lambda principal), made once per process",
	"policyCache": "one managed policy object per AWS managed policy name: bounded by the names, not by apps",
	"lastGrants":  "a weak pointer to the last stack's grant state: keeps nothing alive",
}

// TestNoPackageStateButTheListed: the package's source declares no package-level variable
// beyond packageVars, so no per-app state can live outside the construct tree unnoticed.
func TestNoPackageStateButTheListed(t *testing.T) {
	entries, err := os.ReadDir(".")
	if err != nil {
		t.Fatal(err)
	}
	fset := token.NewFileSet()
	var names []string
	for _, e := range entries {
		if !strings.HasSuffix(e.Name(), ".go") || strings.HasSuffix(e.Name(), "_test.go") {
			continue
		}
		f, err := parser.ParseFile(fset, e.Name(), nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		for _, d := range f.Decls {
			if g, ok := d.(*ast.GenDecl); ok && g.Tok == token.VAR {
				for _, spec := range g.Specs {
					for _, n := range spec.(*ast.ValueSpec).Names {
						names = append(names, n.Name)
						if _, ok := packageVars[n.Name]; !ok {
							t.Errorf("%s declares package-level variable %s: keep per-app state in the construct tree, or add it to packageVars with why it holds no app", e.Name(), n.Name)
						}
					}
				}
			}
		}
	}
	for n := range packageVars {
		if !slices.Contains(names, n) {
			t.Errorf("packageVars lists %s, which the package no longer declares", n)
		}
	}
}
