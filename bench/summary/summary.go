package summary

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"math"
	"regexp"
	"slices"
	"sort"
	"strconv"
)

// The apps, as Timing.Variant names them: the Go variants of bench (bench.Variants) and the
// TypeScript app of bench/ts.
const (
	Execrole   = "execrole"
	Derived    = "derived"
	L2         = "l2"
	Floor      = "floor"
	TypeScript = "ts"
)

// Phases of a Go app's run, as Timing.PhaseMS and Calls.ByPhase name them: PhaseStartup
// until the first function, the phases of building each function (BuildPhases), then
// PhaseSynth.
const (
	PhaseStartup     = "startup"
	PhaseQueue       = "queue"
	PhaseRole        = "role"
	PhaseFunction    = "function"
	PhaseEventSource = "event-source"
	PhaseSynth       = "synth"
)

// BuildPhases are the phases of building one function, in order (see bench.Build).
var BuildPhases = []string{PhaseQueue, PhaseRole, PhaseFunction, PhaseEventSource}

// Apps lists the apps in the order tables show them.
var Apps = []string{Execrole, Derived, L2, Floor, TypeScript}

// Pairs are the ratios the targets are set on: execrole against the L2 and TypeScript apps.
var Pairs = []Pair{{Execrole, L2}, {Execrole, TypeScript}}

// DerivedPairs compare the derived app (see bench.Derived) with the app that declares the
// same features and with the L2 app: deriving must cost no more than either.
var DerivedPairs = []Pair{{Derived, Execrole}, {Derived, L2}}

// FloorPairs are the same ratios for the floor app (see bench.Floor): the best any Go role
// code could reach.
var FloorPairs = []Pair{{Floor, L2}, {Floor, TypeScript}}

// Pair names a ratio: A's time over B's.
type Pair struct{ A, B string }

// RatioTarget is a goal on a ratio: at the largest size measured, A's median wall-clock time
// at most Max times B's.
type RatioTarget struct {
	Pair Pair
	Max  float64
}

// RatioTargets are the goals on Pairs: execrole at most 0.9x (the ExecutionRole issue) and
// 0.8x (the performance issue) the plain L2 app, and at most 1.0x the TypeScript app; and on
// DerivedPairs: deriving the features costs no more than declaring them, nor than the L2 app.
var RatioTargets = []RatioTarget{{Pairs[0], 0.9}, {Pairs[0], 0.8}, {Pairs[1], 1.0}, {DerivedPairs[0], 1.0}, {DerivedPairs[1], 1.0}}

// String is "a/b".
func (p Pair) String() string { return p.A + "/" + p.B }

// Timing is what one app run prints: bench/cmd/synth for the Go apps, bench/ts/app.ts for the
// TypeScript one.
type Timing struct {
	Variant string `json:"variant"`
	N       int    `json:"n"`
	// StartupMS is starting Node.js and loading aws-cdk-lib (in Go: the first jsii call).
	StartupMS float64 `json:"startup_ms"`
	// ConstructMS is building the app's functions.
	ConstructMS float64 `json:"construct_ms"`
	// SynthMS is app.Synth.
	SynthMS float64 `json:"synth_ms"`
	// TotalMS is StartupMS+ConstructMS+SynthMS.
	TotalMS float64 `json:"total_ms"`
	// PhaseMS splits ConstructMS by phase of building a function (Go apps only).
	PhaseMS map[string]float64 `json:"phase_ms,omitempty"`
	// Calls counts jsii requests, in runs made to count them.
	Calls *Calls `json:"calls,omitempty"`
}

// Calls counts jsii requests: each is one round trip between Go and Node.js. A "complete"
// message answers a callback from Node.js into Go (an overridden method), so their count is
// the number of callbacks.
type Calls struct {
	Total int `json:"total"`
	// ByPhase counts requests by phase and kind ("create", "invoke", "get", "complete", ...).
	ByPhase map[string]map[string]int `json:"by_phase"`
}

// Record is one timed run as bench/run.sh logs it: the repetition, the wall-clock time of the
// whole process measured from outside, and what the app printed.
type Record struct {
	Rep    int     `json:"rep"`
	WallMS float64 `json:"wall_ms"`
	Run    Timing  `json:"run"`
}

// ReadRecords reads records, one JSON object a line.
func ReadRecords(r io.Reader) ([]Record, error) {
	var out []Record
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 1<<16), 1<<24)
	for line := 1; sc.Scan(); line++ {
		if len(sc.Bytes()) == 0 {
			continue
		}
		var rec Record
		if err := json.Unmarshal(sc.Bytes(), &rec); err != nil {
			return nil, fmt.Errorf("record on line %d: %v", line, err)
		}
		out = append(out, rec)
	}
	return out, sc.Err()
}

// Stat is the median and range of samples.
type Stat struct {
	Median float64 `json:"median"`
	Min    float64 `json:"min"`
	Max    float64 `json:"max"`
}

// StatOf summarizes samples; the zero Stat for none.
func StatOf(samples []float64) Stat {
	if len(samples) == 0 {
		return Stat{}
	}
	s := slices.Clone(samples)
	slices.Sort(s)
	m := s[len(s)/2]
	if len(s)%2 == 0 {
		m = (s[len(s)/2-1] + s[len(s)/2]) / 2
	}
	return Stat{Median: m, Min: s[0], Max: s[len(s)-1]}
}

// AppTiming is one app at one size, over the repetitions. Times are in milliseconds.
type AppTiming struct {
	Runs int `json:"runs"`
	// Wall is the whole process, start to exit, measured from outside.
	Wall Stat `json:"wall_ms"`
	// Startup, Construct and Synth are the medians of the app's own timings.
	Startup   float64 `json:"startup_ms"`
	Construct float64 `json:"construct_ms"`
	Synth     float64 `json:"synth_ms"`
	// Phases are the medians of PhaseMS.
	Phases map[string]float64 `json:"phase_ms,omitempty"`
}

// Ratio compares two apps at one size.
type Ratio struct {
	// Wall is the ratio of median wall-clock times, with the range of the ratios within
	// each repetition.
	Wall Stat `json:"wall"`
	// ConstructSynth is the ratio of median construct_ms+synth_ms: the app's own work,
	// without starting Node.js and loading aws-cdk-lib.
	ConstructSynth float64 `json:"construct_synth"`
}

// Size is every app at one N.
type Size struct {
	N      int                  `json:"n"`
	Apps   map[string]AppTiming `json:"apps"`
	Ratios map[string]Ratio     `json:"ratios"`
}

// Timings groups records by size and app, and computes the ratios of Pairs: from medians,
// with the spread of the per-repetition ratios.
func Timings(records []Record) []Size {
	type key struct {
		n   int
		app string
	}
	groups := map[key][]Record{}
	var ns []int
	for _, r := range records {
		k := key{r.Run.N, r.Run.Variant}
		if !slices.Contains(ns, k.n) {
			ns = append(ns, k.n)
		}
		groups[k] = append(groups[k], r)
	}
	slices.Sort(ns)
	var out []Size
	for _, n := range ns {
		size := Size{N: n, Apps: map[string]AppTiming{}, Ratios: map[string]Ratio{}}
		for _, app := range Apps {
			recs := groups[key{n, app}]
			if len(recs) == 0 {
				continue
			}
			size.Apps[app] = appTiming(recs)
		}
		for _, p := range slices.Concat(Pairs, DerivedPairs, FloorPairs) {
			a, b := groups[key{n, p.A}], groups[key{n, p.B}]
			if len(a) == 0 || len(b) == 0 {
				continue
			}
			size.Ratios[p.String()] = ratio(a, b, size.Apps[p.A], size.Apps[p.B])
		}
		out = append(out, size)
	}
	return out
}

func appTiming(recs []Record) AppTiming {
	var wall, startup, construct, synth []float64
	phases := map[string][]float64{}
	for _, r := range recs {
		wall = append(wall, r.WallMS)
		startup = append(startup, r.Run.StartupMS)
		construct = append(construct, r.Run.ConstructMS)
		synth = append(synth, r.Run.SynthMS)
		for p, v := range r.Run.PhaseMS {
			phases[p] = append(phases[p], v)
		}
	}
	t := AppTiming{
		Runs:      len(recs),
		Wall:      StatOf(wall),
		Startup:   StatOf(startup).Median,
		Construct: StatOf(construct).Median,
		Synth:     StatOf(synth).Median,
	}
	if len(phases) > 0 {
		t.Phases = map[string]float64{}
		for p, v := range phases {
			t.Phases[p] = StatOf(v).Median
		}
	}
	return t
}

func ratio(a, b []Record, ta, tb AppTiming) Ratio {
	byRep := map[int]float64{}
	for _, r := range b {
		byRep[r.Rep] = r.WallMS
	}
	var per []float64
	for _, r := range a {
		if w, ok := byRep[r.Rep]; ok && w > 0 {
			per = append(per, r.WallMS/w)
		}
	}
	spread := StatOf(per)
	return Ratio{
		Wall:           Stat{Median: ta.Wall.Median / tb.Wall.Median, Min: spread.Min, Max: spread.Max},
		ConstructSynth: (ta.Construct + ta.Synth) / (tb.Construct + tb.Synth),
	}
}

// PerFunction is the jsii requests one more function costs, by phase: the difference between
// two counted runs of different sizes, divided by the difference in size.
type PerFunction struct {
	// ByPhase maps phase to requests per function.
	ByPhase map[string]float64 `json:"by_phase"`
	// Callbacks are the callbacks from Node.js into Go per function, all phases.
	Callbacks float64 `json:"callbacks"`
	// Total is all requests per function.
	Total float64 `json:"total"`
	// Fixed are the requests the app makes whatever its size: starting up.
	Fixed map[string]int `json:"fixed"`
}

// Phases in which requests are fixed per app rather than per function. Synthesis is not one
// of them: work an app defers to synth (execrole adds pending grants there) grows with it.
var fixedPhases = []string{PhaseStartup}

// CallsPerFunction compares counted runs of sizes small < large.
func CallsPerFunction(small, large Timing) (PerFunction, error) {
	if small.Calls == nil || large.Calls == nil || large.N <= small.N {
		return PerFunction{}, fmt.Errorf("calls per function need two counted runs of different sizes: got N=%d and N=%d", small.N, large.N)
	}
	d := float64(large.N - small.N)
	out := PerFunction{ByPhase: map[string]float64{}, Fixed: map[string]int{}}
	phases := map[string]bool{}
	for p := range large.Calls.ByPhase {
		phases[p] = true
	}
	for p := range small.Calls.ByPhase {
		phases[p] = true
	}
	for p := range phases {
		if slices.Contains(fixedPhases, p) {
			out.Fixed[p] = sum(large.Calls.ByPhase[p])
			continue
		}
		per := float64(sum(large.Calls.ByPhase[p])-sum(small.Calls.ByPhase[p])) / d
		out.ByPhase[p] = per
		out.Total += per
		out.Callbacks += float64(large.Calls.ByPhase[p]["complete"]-small.Calls.ByPhase[p]["complete"]) / d
	}
	return out, nil
}

func sum(m map[string]int) int {
	n := 0
	for _, v := range m {
		n += v
	}
	return n
}

// Resources is what the templates of one app hold per function, from the censuses of two
// sizes.
type Resources struct {
	// PerFunction is resources per function: queue, role, function, event source mapping
	// and, where grants do not go into the role, its default policy.
	PerFunction float64 `json:"per_function"`
	// IAMPerFunction is the AWS::IAM::* resources among them.
	IAMPerFunction float64 `json:"iam_per_function"`
	// Fixed are resources a stack holds whatever its size.
	Fixed float64 `json:"fixed"`
	// FunctionsPerStack is how many functions fit in one stack under MaxStackResources.
	FunctionsPerStack int `json:"functions_per_stack"`
}

// ResourcesOf compares the censuses of one-stack apps of sizes small < large.
func ResourcesOf(small Census, smallN int, large Census, largeN int) Resources {
	d := float64(largeN - smallN)
	per := float64(large.Resources-small.Resources) / d
	r := Resources{
		PerFunction:    per,
		IAMPerFunction: float64(large.IAM()-small.IAM()) / d,
		Fixed:          float64(small.Resources) - per*float64(smallN),
	}
	if per > 0 {
		r.FunctionsPerStack = int(math.Floor((MaxStackResources - r.Fixed) / per))
	}
	return r
}

// Planner is the throughput of one BenchmarkResolve case.
type Planner struct {
	Name         string  `json:"name"`
	NsPerRole    float64 `json:"ns_per_role"`
	RolesPerSec  float64 `json:"roles_per_second"`
	AllocsPerRun float64 `json:"allocs_per_role"`
}

var benchLine = regexp.MustCompile(`^BenchmarkResolve/(\S+?)(?:-\d+)?\s+\d+\s+([\d.]+) ns/op(.*)$`)
var allocsField = regexp.MustCompile(`([\d.]+) allocs/op`)

// ParsePlanner reads BenchmarkResolve results from `go test -bench` output.
func ParsePlanner(r io.Reader) ([]Planner, error) {
	var out []Planner
	sc := bufio.NewScanner(r)
	for sc.Scan() {
		m := benchLine.FindStringSubmatch(sc.Text())
		if m == nil {
			continue
		}
		ns, err := strconv.ParseFloat(m[2], 64)
		if err != nil || ns <= 0 {
			return nil, fmt.Errorf("benchmark line %q: ns/op is %q: want a positive number", sc.Text(), m[2])
		}
		p := Planner{Name: m[1], NsPerRole: ns, RolesPerSec: 1e9 / ns}
		if a := allocsField.FindStringSubmatch(m[3]); a != nil {
			p.AllocsPerRun, _ = strconv.ParseFloat(a[1], 64)
		}
		out = append(out, p)
	}
	return out, sc.Err()
}

// Target is one goal the results are checked against; the checks are reported, never
// asserted in a test.
type Target struct {
	Name     string `json:"name"`
	Goal     string `json:"goal"`
	Measured string `json:"measured"`
	Met      bool   `json:"met"`
}

// Results is everything bench/run.sh reports.
type Results struct {
	Reps      int                    `json:"reps"`
	Env       map[string]string      `json:"env"`
	Sizes     []Size                 `json:"sizes"`
	Calls     map[string]PerFunction `json:"calls_per_function"`
	Templates map[string]Resources   `json:"templates"`
	// GrantsIdentical says the execrole apps hold the same roles, and the others the same grants.
	GrantsIdentical bool      `json:"grants_identical"`
	Planner         []Planner `json:"planner"`
	// GoTestSeconds is a warm `go test ./...` of the repository; zero when not measured.
	GoTestSeconds float64  `json:"go_test_seconds,omitempty"`
	GoTestNote    string   `json:"go_test_note,omitempty"`
	Targets       []Target `json:"targets"`
}

// CheckTargets sets r.Targets from the other results: RatioTargets at the largest size
// measured, each also checked for the floor to show whether any role code could meet it; one
// IAM resource per function; a planner of at least 100,000 roles per second.
func (r *Results) CheckTargets() {
	r.Targets = nil
	if len(r.Sizes) > 0 {
		last := r.Sizes[len(r.Sizes)-1]
		for _, bound := range []bool{false, true} {
			for _, t := range RatioTargets {
				pair, prefix := t.Pair, ""
				if bound {
					if pair.A != Execrole {
						continue // the floor bounds what any role code costs, not deriving
					}
					pair.A, prefix = Floor, "bound: "
				}
				q, ok := last.Ratios[pair.String()]
				if !ok {
					continue
				}
				r.Targets = append(r.Targets, Target{
					Name:     fmt.Sprintf("%s%s at N=%d (whole app, wall clock)", prefix, pair, last.N),
					Goal:     fmt.Sprintf("≤ %.1fx", t.Max),
					Measured: fmt.Sprintf("%.2fx (%.2f–%.2f); construct+synth %.2fx", q.Wall.Median, q.Wall.Min, q.Wall.Max, q.ConstructSynth),
					Met:      q.Wall.Median <= t.Max,
				})
			}
		}
	}
	if res, ok := r.Templates[Execrole]; ok {
		r.Targets = append(r.Targets, Target{
			Name:     "IAM resources per function (execrole)",
			Goal:     "1",
			Measured: fmt.Sprintf("%g (TypeScript %g)", res.IAMPerFunction, r.Templates[TypeScript].IAMPerFunction),
			Met:      res.IAMPerFunction == 1,
		})
	}
	sort.SliceStable(r.Planner, func(i, j int) bool { return r.Planner[i].Name < r.Planner[j].Name })
	for _, p := range r.Planner {
		r.Targets = append(r.Targets, Target{
			Name:     "planner throughput, " + p.Name,
			Goal:     "≥ 100,000 roles/s",
			Measured: fmt.Sprintf("%s roles/s", thousands(p.RolesPerSec)),
			Met:      p.RolesPerSec >= 100000,
		})
	}
}

// thousands formats a count with comma separators.
func thousands(v float64) string {
	s := strconv.FormatInt(int64(math.Round(v)), 10)
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}
