// Command report turns the raw measurements of bench/run.sh into results: a Markdown table
// and the same results as JSON (which bench/cmd/chart draws).
//
// Usage:
//
//	report -raw DIR -md results.md -json results.json
//
// DIR holds:
//
//	runs.jsonl          timed runs, one summary.Record a line
//	calls/APP-N.json    counted runs of the Go apps (bench/cmd/synth -calls), two sizes each
//	asm/APP-N/          cloud assemblies of every app, at the same two sizes (one stack each)
//	resolve.txt         output of go test -bench BenchmarkResolve
//	gotest.txt          seconds of a warm go test ./... on its first line, or a note
//	env.txt             KEY=VALUE lines describing the machine
//
// Every file but runs.jsonl is optional; what is missing is left out of the results.
package main

import (
	"bufio"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	"github.com/execrole/execrole/bench/summary"
)

func main() {
	raw := flag.String("raw", "", "directory of raw measurements")
	md := flag.String("md", "", "Markdown file to write")
	js := flag.String("json", "", "JSON file to write")
	reps := flag.Int("reps", 0, "repetitions the runs were made in")
	flag.Parse()
	if *raw == "" || *md == "" || *js == "" {
		fmt.Fprintln(os.Stderr, "report: -raw, -md and -json are required")
		os.Exit(2)
	}
	res, err := collect(*raw, *reps)
	if err != nil {
		fmt.Fprintln(os.Stderr, "report:", err)
		os.Exit(1)
	}
	b, _ := json.MarshalIndent(res, "", "  ")
	if err := os.WriteFile(*js, append(b, '\n'), 0o644); err != nil {
		fmt.Fprintln(os.Stderr, "report:", err)
		os.Exit(1)
	}
	if err := os.WriteFile(*md, []byte(res.Markdown()), 0o644); err != nil {
		fmt.Fprintln(os.Stderr, "report:", err)
		os.Exit(1)
	}
}

func collect(raw string, reps int) (summary.Results, error) {
	res := summary.Results{Reps: reps, Env: map[string]string{}}
	f, err := os.Open(filepath.Join(raw, "runs.jsonl"))
	if err != nil {
		return res, err
	}
	records, err := summary.ReadRecords(f)
	f.Close()
	if err != nil {
		return res, err
	}
	if len(records) == 0 {
		return res, fmt.Errorf("%s/runs.jsonl has no runs: run bench/run.sh", raw)
	}
	res.Sizes = summary.Timings(records)

	if res.Calls, err = readCalls(filepath.Join(raw, "calls")); err != nil {
		return res, err
	}
	if res.Templates, res.GrantsIdentical, err = readAssemblies(filepath.Join(raw, "asm")); err != nil {
		return res, err
	}
	if f, err := os.Open(filepath.Join(raw, "resolve.txt")); err == nil {
		res.Planner, err = summary.ParsePlanner(f)
		f.Close()
		if err != nil {
			return res, err
		}
	}
	if b, err := os.ReadFile(filepath.Join(raw, "gotest.txt")); err == nil {
		first, rest, _ := strings.Cut(strings.TrimSpace(string(b)), "\n")
		if s, err := strconv.ParseFloat(first, 64); err == nil {
			res.GoTestSeconds = s
			res.GoTestNote = strings.TrimSpace(rest)
		} else {
			res.GoTestNote = strings.TrimSpace(string(b))
		}
	}
	if f, err := os.Open(filepath.Join(raw, "env.txt")); err == nil {
		sc := bufio.NewScanner(f)
		for sc.Scan() {
			if k, v, ok := strings.Cut(sc.Text(), "="); ok {
				res.Env[k] = v
			}
		}
		f.Close()
	}
	res.CheckTargets()
	return res, nil
}

// sized lists the entries of dir named APP-N (with ext), as app -> sizes, ascending.
func sized(dir, ext string) (map[string][]int, error) {
	entries, err := os.ReadDir(dir)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	out := map[string][]int{}
	for _, e := range entries {
		app, n, ok := strings.Cut(strings.TrimSuffix(e.Name(), ext), "-")
		size, err := strconv.Atoi(n)
		if !ok || err != nil || !slices.Contains(summary.Apps, app) {
			return nil, fmt.Errorf("%s/%s: want names APP-N%s with APP one of %v", dir, e.Name(), ext, summary.Apps)
		}
		out[app] = append(out[app], size)
	}
	for _, ns := range out {
		slices.Sort(ns)
	}
	return out, nil
}

func readCalls(dir string) (map[string]summary.PerFunction, error) {
	files, err := sized(dir, ".json")
	if err != nil {
		return nil, err
	}
	out := map[string]summary.PerFunction{}
	for app, ns := range files {
		if len(ns) < 2 {
			return nil, fmt.Errorf("%s: %s was counted at N=%v only: count two sizes", dir, app, ns)
		}
		var runs [2]summary.Timing
		for i, n := range []int{ns[0], ns[len(ns)-1]} {
			b, err := os.ReadFile(filepath.Join(dir, fmt.Sprintf("%s-%d.json", app, n)))
			if err != nil {
				return nil, err
			}
			if err := json.Unmarshal(b, &runs[i]); err != nil {
				return nil, fmt.Errorf("%s/%s-%d.json: %v", dir, app, n, err)
			}
		}
		if out[app], err = summary.CallsPerFunction(runs[0], runs[1]); err != nil {
			return nil, fmt.Errorf("%s: %v", app, err)
		}
	}
	return out, nil
}

func readAssemblies(dir string) (map[string]summary.Resources, bool, error) {
	dirs, err := sized(dir, "")
	if err != nil || len(dirs) == 0 {
		return nil, false, err
	}
	out := map[string]summary.Resources{}
	grants := map[string][]string{}
	for app, ns := range dirs {
		if len(ns) < 2 {
			return nil, false, fmt.Errorf("%s: %s was synthesized at N=%v only: synthesize two sizes", dir, app, ns)
		}
		small, err := summary.ReadAssembly(filepath.Join(dir, fmt.Sprintf("%s-%d", app, ns[0])))
		if err != nil {
			return nil, false, err
		}
		large, err := summary.ReadAssembly(filepath.Join(dir, fmt.Sprintf("%s-%d", app, ns[len(ns)-1])))
		if err != nil {
			return nil, false, err
		}
		out[app] = summary.ResourcesOf(small, ns[0], large, ns[len(ns)-1])
		grants[app] = large.Grants
	}
	// The execrole apps hold the same roles; the others hold aws-cdk-lib's grants as made.
	same := len(grants) > 1
	for _, group := range [][]string{{summary.Execrole, summary.Derived}, {summary.L2, summary.Floor, summary.TypeScript}} {
		for _, app := range group[1:] {
			if g, ok := grants[app]; ok {
				same = same && slices.Equal(g, grants[group[0]])
			}
		}
	}
	return out, same, nil
}
