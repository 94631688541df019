package blueprints

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/assertions"
	"github.com/aws/jsii-runtime-go"

	"github.com/execrole/execrole/internal/cdktest"
	_ "github.com/execrole/execrole/jsiinode"
)

// must runs an assertion of the CDK, which panics when it fails, and turns the panic into a
// test failure naming what was checked.
func must(t *testing.T, what string, assert func()) {
	t.Helper()
	defer func() {
		if r := recover(); r != nil {
			t.Fatalf("%s: %v", what, r)
		}
	}()
	assert()
}

// panicMessage and flatten are the repository's shared test helpers.
var (
	panicMessage = cdktest.PanicMessage
	flatten      = cdktest.Flatten
)

// assemblies is the folder the tests' cloud assemblies go to, shared by the tests of the
// binary and removed by TestMain: synthAll's assemblies outlive the test that made them.
var assemblies string

// TestMain ends the jsii kernel after the tests, so that no Node.js process or temporary
// folder outlives them.
func TestMain(m *testing.M) {
	var err error
	if assemblies, err = os.MkdirTemp("", "blueprints-test-*"); err != nil {
		panic(err)
	}
	code := m.Run()
	jsii.Close()
	os.RemoveAll(assemblies)
	os.Exit(code)
}

// synthesized is a stack's template, as plain Go values.
type synthesized struct {
	json map[string]any
}

// synthApp synthesizes the app that build fills, into a new folder of assemblies, and returns
// the folder and the templates of the stacks named ids.
func synthApp(t *testing.T, build func(app awscdk.App), ids ...string) (string, map[string]synthesized) {
	t.Helper()
	dir, err := os.MkdirTemp(assemblies, "app-*")
	if err != nil {
		t.Fatal(err)
	}
	must(t, "app synth", func() {
		app := awscdk.NewApp(&awscdk.AppProps{Outdir: jsii.String(dir)})
		build(app)
		app.Synth(nil)
	})
	out := map[string]synthesized{}
	for _, id := range ids {
		data, err := os.ReadFile(filepath.Join(dir, id+".template.json"))
		if err != nil {
			t.Fatal(err)
		}
		var s synthesized
		if err := json.Unmarshal(data, &s.json); err != nil {
			t.Fatal(err)
		}
		out[id] = s
	}
	return dir, out
}

// blueprintApp is the app holding the stack of every blueprint, in default or least-privilege
// mode.
func blueprintApp(leastPrivilege bool) func(app awscdk.App) {
	return func(app awscdk.App) {
		for _, b := range allBlueprints {
			b.build(app, b.id, FunctionOptions{LeastPrivilege: leastPrivilege})
		}
	}
}

// blueprintIDs are the stack ids of allBlueprints.
func blueprintIDs() []string {
	ids := make([]string, len(allBlueprints))
	for i, b := range allBlueprints {
		ids[i] = b.id
	}
	return ids
}

// synthesizedApp is blueprintApp's cloud assembly folder and templates, by blueprint id.
type synthesizedApp struct {
	dir       string
	templates map[string]synthesized
}

var cache = struct {
	sync.Mutex
	byMode map[bool]synthesizedApp
}{byMode: map[bool]synthesizedApp{}}

// synthAll synthesizes the stack of every blueprint in one app, in default or
// least-privilege mode, and returns the templates by blueprint id. Synthesizing an app is
// far cheaper than synthesizing its stacks one by one, so each mode is synthesized once per
// test binary.
func synthAll(t *testing.T, leastPrivilege bool) map[string]synthesized {
	t.Helper()
	return synthAllApp(t, leastPrivilege).templates
}

// synthAllApp is synthAll with the folder of the cloud assembly.
func synthAllApp(t *testing.T, leastPrivilege bool) synthesizedApp {
	t.Helper()
	cache.Lock()
	defer cache.Unlock()
	if got, ok := cache.byMode[leastPrivilege]; ok {
		return got
	}
	dir, templates := synthApp(t, blueprintApp(leastPrivilege), blueprintIDs()...)
	cache.byMode[leastPrivilege] = synthesizedApp{dir, templates}
	return cache.byMode[leastPrivilege]
}

// hasResourceProperties checks with the CDK assertions that the template has a resource of
// type typ with props (matched as Template.hasResourceProperties does).
func (s synthesized) hasResourceProperties(t *testing.T, typ string, props map[string]any) {
	t.Helper()
	must(t, typ, func() {
		assertions.Template_FromJSON(&s.json, nil).HasResourceProperties(jsii.String(typ), props)
	})
}

// resources returns the template's resources of type typ, by logical id.
func (s synthesized) resources(typ string) map[string]map[string]any {
	return cdktest.Resources(s.json, typ)
}

// count returns the number of resources of type typ.
func (s synthesized) count(typ string) int { return len(s.resources(typ)) }

// logicalID returns the logical id of the resource of type typ whose logical id starts with
// prefix (the construct path); the test fails unless there is exactly one.
func (s synthesized) logicalID(t *testing.T, typ, prefix string) string {
	t.Helper()
	var found []string
	for id := range s.resources(typ) {
		if strings.HasPrefix(id, prefix) {
			found = append(found, id)
		}
	}
	if len(found) != 1 {
		t.Fatalf("want one %s with a logical id starting with %s, got %q", typ, prefix, found)
	}
	return found[0]
}

// props returns the properties of the resource of type typ whose logical id starts with
// prefix.
func (s synthesized) props(t *testing.T, typ, prefix string) map[string]any {
	t.Helper()
	return s.resources(typ)[s.logicalID(t, typ, prefix)]["Properties"].(map[string]any)
}

// role is an execution role as the template holds it.
type role struct {
	// trust are the service principals the role trusts.
	trust []string
	// managed are the managed policies, by path and name ("service-role/Name").
	managed []string
	// statements are the inline statements.
	statements []map[string]any
}

// executionRole returns the role of the blueprint whose construct id is id: the role its
// function runs as, which must be the blueprint's own.
func (s synthesized) executionRole(t *testing.T, id string) role {
	t.Helper()
	fn := s.props(t, "AWS::Lambda::Function", id)
	ref, _ := fn["Role"].(map[string]any)["Fn::GetAtt"].([]any)
	if len(ref) != 2 || !strings.HasPrefix(fmt.Sprint(ref[0]), id+"Role") {
		t.Fatalf("the function runs as %v, not as the blueprint's role %sRole...", fn["Role"], id)
	}
	props := s.resources("AWS::IAM::Role")[ref[0].(string)]["Properties"].(map[string]any)
	var r role
	for _, st := range props["AssumeRolePolicyDocument"].(map[string]any)["Statement"].([]any) {
		r.trust = append(r.trust, stringList(st.(map[string]any)["Principal"].(map[string]any)["Service"])...)
	}
	for _, arn := range asList(props["ManagedPolicyArns"]) {
		joined := flatten(arn)
		name, ok := strings.CutPrefix(joined, "arn:${AWS::Partition}:iam::aws:policy/")
		if !ok {
			t.Fatalf("managed policy ARN %s is not a partition-aware AWS managed policy", joined)
		}
		r.managed = append(r.managed, name)
	}
	for _, p := range asList(props["Policies"]) {
		for _, st := range p.(map[string]any)["PolicyDocument"].(map[string]any)["Statement"].([]any) {
			r.statements = append(r.statements, st.(map[string]any))
		}
	}
	return r
}

// statement returns the inline statement that grants action; the test fails if none does.
func (r role) statement(t *testing.T, action string) map[string]any {
	t.Helper()
	for _, s := range r.statements {
		if slices.Contains(stringList(s["Action"]), action) {
			return s
		}
	}
	t.Fatalf("no inline statement grants %s", action)
	return nil
}

// stringList returns a string or a list of strings as a list.
func stringList(v any) []string {
	var out []string
	for _, e := range asList(v) {
		out = append(out, fmt.Sprint(e))
	}
	return out
}

// asList returns v as a list: itself if it is one, else a list of v (none for nil).
func asList(v any) []any {
	switch t := v.(type) {
	case nil:
		return nil
	case []any:
		return t
	default:
		return []any{t}
	}
}

// text returns the template as compact JSON, with tokens as the template holds them.
func (s synthesized) text(t *testing.T) string {
	t.Helper()
	b, err := json.Marshal(s.json)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}
