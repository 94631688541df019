package test

import (
	"encoding/json"
	"slices"
	"strings"
	"testing"

	"github.com/execrole/execrole/constructs/permissions"
	"github.com/execrole/execrole/internal/cdktest"
	"github.com/execrole/execrole/internal/conformance"
)

// No example or blueprint template grants a permission twice: no action of a role's inline
// statement is allowed on its resources already by the role's AWS managed policies (their
// documents as AWS publishes them, on every resource) or by another of its statements. A
// repeated permission costs inline quota and hides which grant a function relies on.
func TestNoTemplateGrantsAPermissionTwice(t *testing.T) {
	r := conformance.ForTest(t)
	for _, flags := range []bool{false, true} {
		for _, app := range exampleApps {
			_, tpls := synthExampleUnder(t, app, flags)
			for name, tpl := range tpls {
				for id, role := range cdktest.Resources(tpl, "AWS::IAM::Role") {
					checkGrantedOnce(t, r, name+"/"+id, role)
				}
			}
		}
	}
}

func checkGrantedOnce(t *testing.T, r *conformance.Refs, where string, role map[string]any) {
	t.Helper()
	props, _ := role["Properties"].(map[string]any)
	var managed []permissions.Statement
	arns, _ := props["ManagedPolicyArns"].([]any)
	for _, a := range arns {
		b, _ := json.Marshal(a)
		_, name, ok := strings.Cut(string(b), ":iam::aws:policy/")
		if !ok {
			continue
		}
		name = strings.TrimRight(name[strings.LastIndex(name, "/")+1:], `"]}`)
		actions, err := r.ManagedPolicyActions(name)
		if err != nil {
			t.Fatalf("%s: %v", where, err)
		}
		managed = append(managed, permissions.Statement{Actions: actions, Resources: []string{"*"}})
	}
	var stmts []permissions.Statement
	for _, s := range roleStatements(role) {
		if st, ok := plainStatement(s); ok {
			stmts = append(stmts, st)
		}
	}
	for i, s := range stmts {
		others := append(slices.Clone(managed), slices.Delete(slices.Clone(stmts), i, i+1)...)
		left, _ := permissions.Uncovered(s, others)
		if len(left.Actions) < len(s.Actions) {
			var twice []string
			for _, a := range s.Actions {
				if !slices.Contains(left.Actions, a) {
					twice = append(twice, a)
				}
			}
			t.Errorf("%s: statement %q grants %v on %v, which the role allows already", where, s.Sid, twice, s.Resources)
		}
	}
}

// plainStatement reads an unconditional Allow of actions on resources, each resource written
// as its JSON (an intrinsic stays one opaque value).
func plainStatement(s map[string]any) (permissions.Statement, bool) {
	if s["Effect"] != "Allow" || s["Condition"] != nil || s["NotAction"] != nil || s["NotResource"] != nil {
		return permissions.Statement{}, false
	}
	list := func(v any) []string {
		items, ok := v.([]any)
		if !ok {
			items = []any{v}
		}
		var out []string
		for _, x := range items {
			if str, ok := x.(string); ok {
				out = append(out, str)
			} else {
				b, _ := json.Marshal(x)
				out = append(out, string(b))
			}
		}
		return out
	}
	sid, _ := s["Sid"].(string)
	return permissions.Statement{Sid: sid, Actions: list(s["Action"]), Resources: list(s["Resource"])}, true
}
