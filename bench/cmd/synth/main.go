// Command synth builds one Go variant of the benchmark app with N functions, synthesizes it,
// and prints its timings as one JSON object:
//
//	{"variant":"execrole","n":25,"startup_ms":…,"construct_ms":…,"synth_ms":…,"total_ms":…}
//
// startup_ms is the first jsii call (starting Node.js and loading the CDK), construct_ms
// building the functions (split by phase in phase_ms), synth_ms app.Synth.
//
// With -calls FILE it counts the jsii requests the app sends, by phase (see bench.Build) and
// by kind, and adds them as "calls". It runs the app again in a child process whose Node.js
// is wrapped in a script that copies the request stream (one JSON request per line) to FILE;
// the child marks each phase with a jsii request of its own, which is not counted. Timings of
// such a run include the copying and the marks, and are not comparable.
//
// Usage:
//
//	synth -variant execrole|l2|floor -n 25 [-out DIR] [-calls FILE]
//
// The variants are those of bench.Variants.
package main

import (
	"bufio"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"time"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/jsii-runtime-go"

	"github.com/execrole/execrole/bench"
	"github.com/execrole/execrole/bench/summary"
	_ "github.com/execrole/execrole/jsiinode"
)

// markPrefix tags the requests that mark a phase change in the request log.
const markPrefix = "bench-phase:"

func main() {
	os.Exit(run())
}

func run() int {
	defer jsii.Close()
	variants := fmt.Sprintf("%q", bench.Variants)
	variant := flag.String("variant", "", "variant to build, one of "+variants)
	n := flag.Int("n", 1, "number of functions")
	out := flag.String("out", "", "directory to keep the cloud assembly in (default: a temporary one, removed)")
	callLog := flag.String("calls", "", "count jsii requests, logging them to this file")
	flag.Parse()
	v, err := bench.ParseVariant(*variant)
	if err != nil || *n < 1 {
		fmt.Fprintf(os.Stderr, "synth: -variant %q -n %d: want -variant one of %s and -n of 1 or more\n", *variant, *n, variants)
		return 2
	}
	if *callLog != "" && os.Getenv(envLog) == "" {
		return runCounted(*callLog)
	}
	outdir := *out
	if outdir == "" {
		tmp, err := os.MkdirTemp("", "bench-synth-*")
		if err != nil {
			fmt.Fprintln(os.Stderr, "synth:", err)
			return 1
		}
		defer os.RemoveAll(tmp)
		outdir = tmp
	}
	res, err := measure(v, *n, outdir, os.Getenv(envLog) != "")
	if err != nil {
		fmt.Fprintln(os.Stderr, "synth:", err)
		return 1
	}
	b, _ := json.Marshal(res)
	fmt.Println(string(b))
	return 0
}

// measure builds and synthesizes the app, timing each phase of building the functions too.
// With logged set, it marks each phase in the jsii request log.
func measure(v bench.Variant, n int, outdir string, logged bool) (res summary.Timing, err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("%v", r)
		}
	}()
	phases := map[string]time.Duration{}
	phase, since := "", time.Time{}
	mark := func(next string) {
		now := time.Now()
		if phase != "" {
			phases[phase] += now.Sub(since)
		}
		if logged {
			awscdk.Token_IsUnresolved(jsii.String(markPrefix + next))
		}
		phase, since = next, time.Now()
	}
	t0 := time.Now()
	app := awscdk.NewApp(&awscdk.AppProps{Outdir: jsii.String(outdir), AnalyticsReporting: jsii.Bool(false)})
	t1 := time.Now()
	bench.Build(app, v, n, mark)
	mark(summary.PhaseSynth)
	t2 := time.Now()
	app.Synth(nil)
	t3 := time.Now()
	res = summary.Timing{
		Variant:     string(v),
		N:           n,
		StartupMS:   ms(t1.Sub(t0)),
		ConstructMS: ms(t2.Sub(t1)),
		SynthMS:     ms(t3.Sub(t2)),
		TotalMS:     ms(t3.Sub(t0)),
		PhaseMS:     map[string]float64{},
	}
	for p, d := range phases {
		res.PhaseMS[p] = ms(d)
	}
	return res, nil
}

func ms(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }

// Environment of the child process that runCounted starts.
const (
	envLog  = "BENCH_JSII_LOG"
	envNode = "BENCH_JSII_NODE"
)

// runCounted runs this command again with the same arguments, its Node.js wrapped in a
// script that copies the request stream to path, then counts the requests and prints the
// child's result with the counts. A child process is needed because jsii reads JSII_NODE
// when the CDK packages are initialized, before main runs.
func runCounted(path string) int {
	node := os.Getenv("JSII_NODE")
	if node == "" {
		node = "node"
	}
	dir, err := os.MkdirTemp("", "bench-jsii-*")
	if err != nil {
		fmt.Fprintln(os.Stderr, "synth:", err)
		return 1
	}
	defer os.RemoveAll(dir)
	wrapper := filepath.Join(dir, "node")
	script := "#!/bin/sh\ntee \"$" + envLog + "\" | exec \"$" + envNode + "\" \"$@\"\n"
	if err := os.WriteFile(wrapper, []byte(script), 0o755); err != nil {
		fmt.Fprintln(os.Stderr, "synth:", err)
		return 1
	}
	self, err := os.Executable()
	if err != nil {
		fmt.Fprintln(os.Stderr, "synth:", err)
		return 1
	}
	cmd := exec.Command(self, os.Args[1:]...)
	cmd.Env = append(os.Environ(), envLog+"="+path, envNode+"="+node, "JSII_NODE="+wrapper)
	cmd.Stderr = os.Stderr
	out, err := cmd.Output()
	if err != nil {
		fmt.Fprintln(os.Stderr, "synth: counted run:", err)
		return 1
	}
	var res summary.Timing
	if err := json.Unmarshal(out, &res); err != nil {
		fmt.Fprintf(os.Stderr, "synth: counted run printed %q: %v\n", out, err)
		return 1
	}
	calls, err := countRequests(path)
	if err != nil {
		fmt.Fprintln(os.Stderr, "synth:", err)
		return 1
	}
	res.Calls = &calls
	b, _ := json.Marshal(res)
	fmt.Println(string(b))
	return 0
}

// countRequests reads the request log: one JSON request per line, each counted under the
// last phase marked before it and its kind ("create", "invoke", "sinvoke", "get", ...).
func countRequests(path string) (summary.Calls, error) {
	f, err := os.Open(path)
	if err != nil {
		return summary.Calls{}, err
	}
	defer f.Close()
	calls := summary.Calls{ByPhase: map[string]map[string]int{}}
	phase := summary.PhaseStartup
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 64<<20)
	for sc.Scan() {
		line := sc.Text()
		if strings.TrimSpace(line) == "" {
			continue
		}
		if i := strings.Index(line, markPrefix); i >= 0 {
			rest := line[i+len(markPrefix):]
			phase = rest[:strings.IndexByte(rest, '"')]
			continue
		}
		kind, err := requestKind(line)
		if err != nil {
			return summary.Calls{}, fmt.Errorf("request log %s: line %.80q: %v", path, line, err)
		}
		if kind == "exit" {
			continue // the shutdown message of jsii.Close
		}
		if calls.ByPhase[phase] == nil {
			calls.ByPhase[phase] = map[string]int{}
		}
		calls.ByPhase[phase][kind]++
		calls.Total++
	}
	return calls, sc.Err()
}

// requestKind is the kind of a jsii request: its "api" ("create", "invoke", "sinvoke", "get",
// ...), or its only key for the messages that have none: "complete" answers a callback,
// "exit" ends the kernel.
func requestKind(line string) (string, error) {
	var req map[string]json.RawMessage
	if err := json.Unmarshal([]byte(line), &req); err != nil {
		return "", fmt.Errorf("not a jsii request: %v", err)
	}
	if raw, ok := req["api"]; ok {
		var api string
		err := json.Unmarshal(raw, &api)
		return api, err
	}
	if len(req) == 1 {
		for k := range req {
			return k, nil
		}
	}
	return "", fmt.Errorf("not a jsii request: no \"api\" key")
}
