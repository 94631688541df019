package summary

import (
	"encoding/json"
	"strings"
	"testing"
)

func TestStatOf(t *testing.T) {
	tests := []struct {
		name string
		give []float64
		want Stat
	}{
		{name: "none", give: nil, want: Stat{}},
		{name: "odd count", give: []float64{3, 1, 2}, want: Stat{Median: 2, Min: 1, Max: 3}},
		{name: "even count", give: []float64{4, 1, 2, 3}, want: Stat{Median: 2.5, Min: 1, Max: 4}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := StatOf(tt.give); got != tt.want {
				t.Errorf("StatOf(%v) = %+v, want %+v", tt.give, got, tt.want)
			}
		})
	}
}

func record(rep int, app string, n int, wall, construct, synth float64) Record {
	return Record{Rep: rep, WallMS: wall, Run: Timing{Variant: app, N: n, ConstructMS: construct, SynthMS: synth}}
}

func TestTimingsRatios(t *testing.T) {
	records := []Record{
		record(1, Execrole, 10, 80, 30, 10), record(1, L2, 10, 100, 40, 10), record(1, TypeScript, 10, 40, 10, 10),
		record(2, Execrole, 10, 90, 30, 10), record(2, L2, 10, 100, 40, 10), record(2, TypeScript, 10, 60, 10, 10),
		record(3, Execrole, 10, 70, 30, 10), record(3, L2, 10, 140, 40, 10), record(3, TypeScript, 10, 50, 10, 10),
	}
	sizes := Timings(records)
	if len(sizes) != 1 || sizes[0].N != 10 {
		t.Fatalf("Timings gave sizes %+v, want one of N=10", sizes)
	}
	tests := []struct {
		name string
		give Pair
		want Ratio
	}{
		// Medians 80/100; per repetition 0.8, 0.9 and 0.5.
		{name: "execrole/l2", give: Pairs[0], want: Ratio{Wall: Stat{Median: 0.8, Min: 0.5, Max: 0.9}, ConstructSynth: 0.8}},
		// Medians 80/50; per repetition 2, 1.5 and 1.4.
		{name: "execrole/ts", give: Pairs[1], want: Ratio{Wall: Stat{Median: 1.6, Min: 1.4, Max: 2}, ConstructSynth: 2}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := sizes[0].Ratios[tt.give.String()]; got != tt.want {
				t.Errorf("ratio %s = %+v, want %+v", tt.give, got, tt.want)
			}
		})
	}
}

func counted(n int, byPhase map[string]map[string]int) Timing {
	return Timing{N: n, Calls: &Calls{ByPhase: byPhase}}
}

func TestCallsPerFunction(t *testing.T) {
	small := counted(1, map[string]map[string]int{
		"startup": {"load": 5}, "role": {"create": 3, "sget": 4}, "function": {"create": 1, "complete": 1}, "synth": {"invoke": 2},
	})
	large := counted(11, map[string]map[string]int{
		"startup": {"load": 5}, "role": {"create": 13, "sget": 4}, "function": {"create": 11, "complete": 11}, "synth": {"invoke": 12},
	})
	got, err := CallsPerFunction(small, large)
	if err != nil {
		t.Fatal(err)
	}
	if got.ByPhase["role"] != 1 || got.ByPhase["function"] != 2 || got.ByPhase["synth"] != 1 || got.Total != 4 || got.Callbacks != 1 {
		t.Errorf("CallsPerFunction = %+v, want role 1, function 2, synth 1, total 4, callbacks 1", got)
	}
	if len(got.Fixed) != 1 || got.Fixed["startup"] != 5 {
		t.Errorf("fixed requests = %v, want only startup 5", got.Fixed)
	}
	if _, err := CallsPerFunction(large, small); err == nil {
		t.Error("CallsPerFunction(large, small) succeeded, want an error")
	}
}

// template is a CloudFormation template holding one stack's worth of n function groups;
// withPolicy puts the grant in an AWS::IAM::Policy instead of the role.
func template(t *testing.T, n int, withPolicy bool) map[string]any {
	t.Helper()
	statement := map[string]any{"Effect": "Allow", "Action": "sqs:ReceiveMessage", "Resource": "*"}
	managed := []any{"arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole"}
	resources := map[string]any{"Rule": map[string]any{"Type": "AWS::SSM::Parameter"}}
	for i := range n {
		id := func(s string) string { return s + string(rune('A'+i)) }
		role := map[string]any{"ManagedPolicyArns": managed}
		if withPolicy {
			resources[id("Policy")] = map[string]any{"Type": "AWS::IAM::Policy", "Properties": map[string]any{
				"PolicyDocument": map[string]any{"Statement": []any{statement}},
				"Roles":          []any{map[string]any{"Ref": id("Role")}},
			}}
		} else {
			role["Policies"] = []any{map[string]any{"PolicyName": "P", "PolicyDocument": map[string]any{"Statement": []any{statement}}}}
		}
		resources[id("Role")] = map[string]any{"Type": "AWS::IAM::Role", "Properties": role}
		resources[id("Fn")] = map[string]any{"Type": "AWS::Lambda::Function"}
	}
	// Round-trip through JSON, as ReadAssembly decodes templates.
	b, err := json.Marshal(map[string]any{"Resources": resources})
	if err != nil {
		t.Fatal(err)
	}
	var out map[string]any
	if err := json.Unmarshal(b, &out); err != nil {
		t.Fatal(err)
	}
	return out
}

func TestCensus(t *testing.T) {
	inline := CensusOf(template(t, 3, false))
	separate := CensusOf(template(t, 3, true))
	if strings.Join(inline.Grants, "|") != strings.Join(separate.Grants, "|") || len(inline.Grants) != 3 {
		t.Errorf("grants differ by where they sit:\n inline   %q\n separate %q", inline.Grants, separate.Grants)
	}
	tests := []struct {
		name       string
		withPolicy bool
		want       Resources
	}{
		{name: "grants in the role", want: Resources{PerFunction: 2, IAMPerFunction: 1, Fixed: 1, FunctionsPerStack: 249}},
		{name: "grants in a policy", withPolicy: true, want: Resources{PerFunction: 3, IAMPerFunction: 2, Fixed: 1, FunctionsPerStack: 166}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := ResourcesOf(CensusOf(template(t, 1, tt.withPolicy)), 1, CensusOf(template(t, 4, tt.withPolicy)), 4)
			if got != tt.want {
				t.Errorf("ResourcesOf = %+v, want %+v", got, tt.want)
			}
		})
	}
}

func TestParsePlanner(t *testing.T) {
	out := `goos: linux
BenchmarkResolve/managed-2         	  275960	      4000 ns/op	    250000 roles/s	    3256 B/op	      39 allocs/op
BenchmarkResolve/least-privilege-2 	   35774	     20000 ns/op	     50000 roles/s	   18203 B/op	     202 allocs/op
PASS`
	got, err := ParsePlanner(strings.NewReader(out))
	if err != nil {
		t.Fatal(err)
	}
	want := []Planner{
		{Name: "managed", NsPerRole: 4000, RolesPerSec: 250000, AllocsPerRun: 39},
		{Name: "least-privilege", NsPerRole: 20000, RolesPerSec: 50000, AllocsPerRun: 202},
	}
	if len(got) != len(want) || got[0] != want[0] || got[1] != want[1] {
		t.Errorf("ParsePlanner = %+v, want %+v", got, want)
	}
}

func TestCheckTargets(t *testing.T) {
	r := Results{
		Sizes: []Size{{N: 240, Ratios: map[string]Ratio{
			"execrole/l2": {Wall: Stat{Median: 0.85}}, "execrole/ts": {Wall: Stat{Median: 1.1}},
			"floor/l2": {Wall: Stat{Median: 0.95}}, "floor/ts": {Wall: Stat{Median: 1.0}},
		}}},
		Templates: map[string]Resources{Execrole: {IAMPerFunction: 1}, TypeScript: {IAMPerFunction: 2}},
		Planner:   []Planner{{Name: "managed", RolesPerSec: 150000}},
	}
	r.CheckTargets()
	const at = " at N=240 (whole app, wall clock)"
	want := []struct {
		name, goal string
		met        bool
	}{
		{"execrole/l2" + at, "≤ 0.9x", true},
		{"execrole/l2" + at, "≤ 0.8x", false},
		{"execrole/ts" + at, "≤ 1.0x", false},
		{"bound: floor/l2" + at, "≤ 0.9x", false},
		{"bound: floor/l2" + at, "≤ 0.8x", false},
		{"bound: floor/ts" + at, "≤ 1.0x", true},
		{"IAM resources per function (execrole)", "1", true},
		{"planner throughput, managed", "≥ 100,000 roles/s", true},
	}
	if len(r.Targets) != len(want) {
		t.Fatalf("CheckTargets gave %d targets, want %d: %+v", len(r.Targets), len(want), r.Targets)
	}
	for i, tg := range r.Targets {
		if tg.Name != want[i].name || tg.Goal != want[i].goal || tg.Met != want[i].met {
			t.Errorf("target %d = %q %s met %v, want %q %s met %v (measured %s)", i, tg.Name, tg.Goal, tg.Met, want[i].name, want[i].goal, want[i].met, tg.Measured)
		}
	}
}
