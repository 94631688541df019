package bench_test

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awslambda"
	"github.com/aws/jsii-runtime-go"

	"github.com/execrole/execrole/bench"
	"github.com/execrole/execrole/bench/summary"
	"github.com/execrole/execrole/constructs/permissions"
	"github.com/execrole/execrole/internal/refdata"
	_ "github.com/execrole/execrole/jsiinode"
)

// TestMain ends the jsii kernel after the tests, so that no Node.js process or temporary
// folder outlives them.
func TestMain(m *testing.M) {
	code := m.Run()
	jsii.Close()
	os.Exit(code)
}

// sizes are the app sizes the testing.B benchmarks build; bench/run.sh goes up to 240.
var sizes = []int{1, 25, 100}

func newApp(tb testing.TB) awscdk.App {
	return awscdk.NewApp(&awscdk.AppProps{Outdir: jsii.String(tb.TempDir()), AnalyticsReporting: jsii.Bool(false)})
}

// synthCensus builds variant v with n functions, synthesizes it and takes its census.
func synthCensus(t *testing.T, v bench.Variant, n int) summary.Census {
	t.Helper()
	app := newApp(t)
	stacks := bench.Build(app, v, n, nil)
	asm := app.Synth(nil)
	var templates []map[string]any
	for _, s := range stacks {
		tpl, ok := asm.GetStackByName(s.StackName()).Template().(map[string]any)
		if !ok {
			t.Fatalf("%s: stack %s has no template", v, *s.StackName())
		}
		templates = append(templates, tpl)
	}
	return summary.CensusOf(templates...)
}

// The execrole variant's roles allow everything the L2 variant's roles do, and the derived
// variant's roles are the execrole variant's: the same AWS
// managed policies, and each inline permission of an L2 role either inline on an execrole
// role or allowed by the managed policies' documents as AWS publishes them (execrole does not
// repeat those). The floor variant's roles are the L2 variant's.
func TestVariantsGrantTheSame(t *testing.T) {
	pollerUnused := func(managed []string) []string {
		var out []string
		for _, d := range permissions.Catalog {
			if d.Policy.Name != "" && slices.ContainsFunc(managed, func(m string) bool { return strings.HasSuffix(m, "/"+d.Policy.Name+`"]]}`) }) {
				out = append(out, d.Superseded...)
			}
		}
		return out
	}
	const n = 3
	want := synthCensus(t, bench.L2, n)
	got := synthCensus(t, bench.Execrole, n)
	if len(want.Grants) != n || len(got.Grants) != n {
		t.Fatalf("roles: execrole %d, L2 %d, want %d each", len(got.Grants), len(want.Grants), n)
	}
	for _, w := range want.Grants {
		wManaged, wStmts := parseGrants(t, w)
		if !slices.ContainsFunc(got.Grants, func(g string) bool {
			gManaged, gStmts := parseGrants(t, g)
			if !slices.Equal(gManaged, wManaged) {
				return false
			}
			have := append(gStmts, managedStatements(t, gManaged)...)
			unused := pollerUnused(gManaged)
			for _, s := range wStmts {
				// An event source's grant is superseded by its feature: the actions Lambda's
				// poller does not use for it are left out on purpose.
				s.Actions = slices.DeleteFunc(slices.Clone(s.Actions), func(a string) bool { return slices.Contains(unused, a) })
				if left, ok := permissions.Uncovered(s, have); ok {
					t.Logf("execrole role %s lacks %v", g, left)
					return false
				}
			}
			return true
		}) {
			t.Errorf("no execrole role allows what L2 role %s does; execrole roles:\n%q", w, got.Grants)
		}
	}
	if derived := synthCensus(t, bench.Derived, n); !slices.Equal(derived.Grants, got.Grants) || derived.IAM() != got.IAM() {
		t.Errorf("derived roles differ from the roles that declare their features:\n got %q (%d IAM resources)\nwant %q (%d)", derived.Grants, derived.IAM(), got.Grants, got.IAM())
	}
	if floor := synthCensus(t, bench.Floor, n); !slices.Equal(floor.Grants, want.Grants) || floor.IAM() != want.IAM() {
		t.Errorf("floor roles differ from L2 roles:\n got %q (%d IAM resources)\nwant %q (%d)", floor.Grants, floor.IAM(), want.Grants, want.IAM())
	}
	for _, typ := range []string{"AWS::SQS::Queue", "AWS::Lambda::Function", "AWS::Lambda::EventSourceMapping", "AWS::IAM::Role"} {
		if got.ByType[typ] != n || want.ByType[typ] != n {
			t.Errorf("%s resources: execrole %d, L2 %d, want %d each", typ, got.ByType[typ], want.ByType[typ], n)
		}
	}
}

// parseGrants reads a census entry back: its managed policy ARNs and its statements, each
// resource as its canonical JSON.
func parseGrants(t *testing.T, entry string) (managed []string, stmts []permissions.Statement) {
	t.Helper()
	m, st, ok := strings.Cut(strings.TrimPrefix(entry, "managed "), " statements ")
	if !ok {
		t.Fatalf("census entry %q", entry)
	}
	managed = strings.Fields(m)
	for _, js := range strings.Fields(st) {
		var raw map[string]any
		if err := json.Unmarshal([]byte(js), &raw); err != nil {
			t.Fatalf("statement %s: %v", js, err)
		}
		stmts = append(stmts, permissions.Statement{Actions: texts(raw["Action"]), Resources: texts(raw["Resource"])})
	}
	return managed, stmts
}

// texts is a value or list of values as strings, JSON for anything but a string.
func texts(v any) []string {
	items, ok := v.([]any)
	if !ok {
		items = []any{v}
	}
	out := make([]string, len(items))
	for i, it := range items {
		if s, ok := it.(string); ok {
			out[i] = s
			continue
		}
		b, _ := json.Marshal(it)
		out[i] = string(b)
	}
	return out
}

// managedStatements are the statements of AWS managed policies, given by their ARNs as the
// template writes them, from the policy documents AWS publishes.
func managedStatements(t *testing.T, arns []string) []permissions.Statement {
	t.Helper()
	var out []permissions.Statement
	for _, a := range arns {
		name := a[strings.LastIndex(a, "/")+1:]
		name = strings.TrimRight(name, `"]}`)
		var doc struct {
			Document struct {
				Statement []map[string]any
			}
		}
		if err := refdata.ReadJSON(refdata.Require(t, filepath.Join("managed-policies", name+".json")), &doc); err != nil {
			t.Fatal(err)
		}
		for _, s := range doc.Document.Statement {
			if s["Effect"] == "Allow" && s["Condition"] == nil {
				out = append(out, permissions.Statement{Actions: texts(s["Action"]), Resources: texts(s["Resource"])})
			}
		}
	}
	return out
}

// TestBuildSplitsStacks builds one function more than a stack holds: a full stack, then a
// stack of one.
func TestBuildSplitsStacks(t *testing.T) {
	stacks := bench.BuildL2(newApp(t), bench.FunctionsPerStack+1)
	var got []int
	for _, s := range stacks {
		n := 0
		for _, c := range *s.Node().Children() {
			if _, ok := c.(awslambda.Function); ok {
				n++
			}
		}
		got = append(got, n)
	}
	if want := []int{bench.FunctionsPerStack, 1}; !slices.Equal(got, want) {
		t.Errorf("BuildL2(app, %d) made stacks of %v functions, want %v", bench.FunctionsPerStack+1, got, want)
	}
}

func TestParseVariant(t *testing.T) {
	tests := []struct {
		name    string
		give    string
		want    bench.Variant
		wantErr bool
	}{
		{name: "execrole", give: "execrole", want: bench.Execrole},
		{name: "l2", give: "l2", want: bench.L2},
		{name: "floor", give: "floor", want: bench.Floor},
		{name: "fails if unknown", give: "ts", wantErr: true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := bench.ParseVariant(tt.give)
			if got != tt.want || (err != nil) != tt.wantErr {
				t.Errorf("ParseVariant(%q) = %q, %v; want %q, error %v", tt.give, got, err, tt.want, tt.wantErr)
			}
		})
	}
}

// BenchmarkConstruct times building an app of N functions, without synthesis.
func BenchmarkConstruct(b *testing.B) {
	for _, v := range bench.Variants {
		for _, n := range sizes {
			b.Run(fmt.Sprintf("%s/N=%d", v, n), func(b *testing.B) {
				newApp(b) // starts the jsii kernel outside the timing
				iterations := 0
				for b.Loop() {
					bench.Build(newApp(b), v, n, nil)
					iterations++
				}
				b.ReportMetric(float64(b.Elapsed().Microseconds())/1000/float64(iterations*n), "ms/function")
			})
		}
	}
}

// BenchmarkSynth times app.Synth of an app of N functions; building it is not timed.
func BenchmarkSynth(b *testing.B) {
	for _, v := range bench.Variants {
		for _, n := range sizes {
			b.Run(fmt.Sprintf("%s/N=%d", v, n), func(b *testing.B) {
				newApp(b)
				b.ResetTimer()
				for range b.N {
					b.StopTimer()
					app := newApp(b)
					bench.Build(app, v, n, nil)
					b.StartTimer()
					app.Synth(nil)
				}
			})
		}
	}
}

// BenchmarkResolve times the pure-Go planner on the benchmark role (Tracing, SQS and
// Insights), in both modes: no jsii call is made.
func BenchmarkResolve(b *testing.B) {
	queue := permissions.ARN("sqs", "orders")
	tests := []struct {
		name string
		give permissions.Request
	}{
		{name: "managed", give: permissions.Request{Uses: []permissions.Use{
			{Feature: permissions.Tracing}, {Feature: permissions.SQS}, {Feature: permissions.Insights},
		}}},
		{name: "least-privilege", give: permissions.Request{
			LeastPrivilege: true,
			FunctionNames:  []string{"orders"},
			Uses: []permissions.Use{
				{Feature: permissions.Tracing}, {Feature: permissions.SQS, Resources: []string{queue}}, {Feature: permissions.Insights},
			},
		}},
	}
	for _, tt := range tests {
		b.Run(tt.name, func(b *testing.B) {
			b.ReportAllocs()
			iterations := 0
			for b.Loop() {
				if _, err := permissions.Resolve(tt.give); err != nil {
					b.Fatal(err)
				}
				iterations++
			}
			b.ReportMetric(float64(iterations)/b.Elapsed().Seconds(), "roles/s")
		})
	}
}
