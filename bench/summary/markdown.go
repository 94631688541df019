package summary

import (
	"fmt"
	"math"
	"slices"
	"strings"
)

// callPhases are the phases of the jsii request table: construction, then synthesis.
var callPhases = append(slices.Clone(BuildPhases), PhaseSynth)

var appTitles = map[string]string{Execrole: "execrole", Derived: "derived", L2: "L2", Floor: "floor", TypeScript: "TS"}

// Markdown renders the results as the tables of bench/RESULTS.md.
func (r Results) Markdown() string {
	var b strings.Builder
	p := func(format string, args ...any) { fmt.Fprintf(&b, format, args...) }

	p("# Benchmark results\n\n")
	p("The same app of N SQS-polling Python functions (one queue, role and event source mapping\n")
	p("each; X-Ray tracing and Lambda Insights), built five ways: execrole roles that declare their\n")
	p("features, execrole roles that derive them from the function (derived), plain aws-cdk-go L2\n")
	p("roles with the same managed policies, the floor, and idiomatic TypeScript aws-cdk-lib.\n")
	p("The floor is the least Go role code can cost: plain roles sharing one principal and one set\n")
	p("of managed policy objects, one jsii request a role, grants left in a separate DefaultPolicy.\n")
	p("It is a bound, not an alternative: no role construct that keeps grants in the role resource\n")
	p("can be cheaper. Each app runs as its own process; the five run side by side, interleaved,\n")
	p("%d repetition(s). Written by bench/run.sh; bench/chart.png draws the first table.\n\n", r.Reps)

	p("## Whole app: start, construction, synthesis, exit (wall clock)\n\n")
	p("Median ms; ratios of medians, with the range of the ratios within each repetition.\n\n")
	p("| N | execrole ms | derived ms | L2 ms | floor ms | TS ms | execrole/L2 | execrole/TS | derived/execrole | derived/L2 | floor/L2 | floor/TS |\n")
	p("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n")
	for _, s := range r.Sizes {
		p("| %d | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s |\n", s.N, wall(s, Execrole), wall(s, Derived), wall(s, L2), wall(s, Floor), wall(s, TypeScript),
			ratioCell(s, Pairs[0]), ratioCell(s, Pairs[1]), ratioCell(s, DerivedPairs[0]), ratioCell(s, DerivedPairs[1]), ratioCell(s, FloorPairs[0]), ratioCell(s, FloorPairs[1]))
	}

	p("\n## Inside the process (median ms)\n\n")
	p("startup: Node.js started and aws-cdk-lib loaded (Go: the first jsii call); construct:\n")
	p("building the functions; synth: app.Synth, most of which is aws-cdk-lib's built-in\n")
	p("CloudFormation template validation (on by default; CDK_VALIDATION=false turns it off), whose\n")
	p("cost grows with the number of resources. Ratios are of construct+synth.\n\n")
	p("| N | app | startup | construct | synth | construct+synth ratio |\n|---:|---|---:|---:|---:|---:|\n")
	for _, s := range r.Sizes {
		for _, app := range Apps {
			t, ok := s.Apps[app]
			if !ok {
				continue
			}
			cell := ""
			for _, pair := range slices.Concat(Pairs, DerivedPairs, FloorPairs) {
				if q, ok := s.Ratios[pair.String()]; ok && pair.A == app {
					cell += fmt.Sprintf("%s %.2fx ", pair, q.ConstructSynth)
				}
			}
			p("| %d | %s | %.0f | %.0f | %.0f | %s |\n", s.N, appTitles[app], t.Startup, t.Construct, t.Synth, strings.TrimSpace(cell))
		}
	}

	if len(r.Sizes) > 0 {
		last := r.Sizes[len(r.Sizes)-1]
		p("\n## Construction per function, by phase (Go, median ms per function at N=%d)\n\n", last.N)
		p("| app | queue | role | function | event source | total |\n|---|---:|---:|---:|---:|---:|\n")
		for _, app := range []string{Execrole, Derived, L2, Floor} {
			t, ok := last.Apps[app]
			if !ok || t.Phases == nil {
				continue
			}
			total := 0.0
			p("| %s |", appTitles[app])
			for _, ph := range BuildPhases {
				v := t.Phases[ph] / float64(last.N)
				total += v
				p(" %.2f |", v)
			}
			p(" %.2f |\n", total)
		}
	}

	if len(r.Calls) > 0 {
		p("\n## jsii requests per function\n\n")
		p("Counted from the request stream between Go and Node.js (see bench/cmd/synth); one more\n")
		p("function's cost, from two app sizes. Callbacks are calls from Node.js into Go methods\n")
		p("(the role's AddToPrincipalPolicy); each costs a round trip of its own.\n\n")
		p("| app | queue | role | function | event source | synth | total | of which callbacks | per app: startup |\n")
		p("|---|---:|---:|---:|---:|---:|---:|---:|---:|\n")
		for _, app := range []string{Execrole, Derived, L2, Floor} {
			c, ok := r.Calls[app]
			if !ok {
				continue
			}
			p("| %s |", appTitles[app])
			for _, ph := range callPhases {
				p(" %g |", round2(c.ByPhase[ph]))
			}
			p(" %g | %g | %d |\n", round2(c.Total), round2(c.Callbacks), c.Fixed[PhaseStartup])
		}
	}

	if len(r.Templates) > 0 {
		p("\n## Templates\n\n")
		p("| app | resources per function | IAM resources per function | functions per %d-resource stack |\n", MaxStackResources)
		p("|---|---:|---:|---:|\n")
		for _, app := range Apps {
			t, ok := r.Templates[app]
			if !ok {
				continue
			}
			p("| %s | %g | %g | %d |\n", appTitles[app], round2(t.PerFunction), round2(t.IAMPerFunction), t.FunctionsPerStack)
		}
		same := "yes"
		if !r.GrantsIdentical {
			same = "NO: the apps are not equivalent"
		}
		p("\nThe two execrole apps hold the same roles, and the L2, floor and TypeScript apps the same\n")
		p("grants: %s. The execrole roles allow what the others do but the two actions of the SQS\n", same)
		p("event source's grant that Lambda's poller does not use (sqs:ChangeMessageVisibility,\n")
		p("sqs:GetQueueUrl; bench's TestVariantsGrantTheSame checks it).\n")
	}

	if len(r.Planner) > 0 {
		p("\n## Planner (permissions.Resolve, pure Go, no jsii)\n\n")
		p("| case | ns per role | roles/s | allocations per role |\n|---|---:|---:|---:|\n")
		for _, pl := range r.Planner {
			p("| %s | %.0f | %s | %.0f |\n", pl.Name, pl.NsPerRole, thousands(pl.RolesPerSec), pl.AllocsPerRun)
		}
	}

	p("\n## Warm `go test ./...`\n\n")
	switch {
	case r.GoTestSeconds > 0:
		p("%.1f s (build cache warm, test cache off: `go test -count=1 ./...`)", r.GoTestSeconds)
		if r.GoTestNote != "" {
			p("; %s", r.GoTestNote)
		}
		p(".\n")
	case r.GoTestNote != "":
		p("%s.\n", r.GoTestNote)
	default:
		p("not measured.\n")
	}

	if len(r.Targets) > 0 {
		p("\n## Targets\n\n| target | goal | measured | met |\n|---|---|---|---|\n")
		for _, t := range r.Targets {
			met := "no"
			if t.Met {
				met = "yes"
			}
			p("| %s | %s | %s | %s |\n", t.Name, t.Goal, t.Measured, met)
		}
	}

	if len(r.Env) > 0 {
		p("\n## Machine\n\n")
		keys := make([]string, 0, len(r.Env))
		for k := range r.Env {
			keys = append(keys, k)
		}
		slices.Sort(keys)
		for _, k := range keys {
			p("- %s: %s\n", k, r.Env[k])
		}
	}
	return b.String()
}

func wall(s Size, app string) string {
	t, ok := s.Apps[app]
	if !ok {
		return "–"
	}
	return fmt.Sprintf("%.0f", t.Wall.Median)
}

func ratioCell(s Size, p Pair) string {
	q, ok := s.Ratios[p.String()]
	if !ok {
		return "–"
	}
	return fmt.Sprintf("%.2fx (%.2f–%.2f)", q.Wall.Median, q.Wall.Min, q.Wall.Max)
}

func round2(v float64) float64 { return math.Round(v*100) / 100 }
