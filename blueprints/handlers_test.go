package blueprints

import (
	"maps"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
)

// handlerFiles returns, by handler folder under handlers/, the folder's files matching any
// of patterns.
func handlerFiles(t *testing.T, patterns ...string) map[string][]string {
	t.Helper()
	entries, err := os.ReadDir(handlersDir)
	if err != nil {
		t.Fatal(err)
	}
	out := map[string][]string{}
	for _, e := range entries {
		if !e.IsDir() {
			continue
		}
		dir := filepath.Join(handlersDir, e.Name())
		out[dir] = []string{}
		for _, p := range patterns {
			found, _ := filepath.Glob(filepath.Join(dir, p))
			out[dir] = append(out[dir], found...)
		}
	}
	return out
}

// interpreter returns the path of the python3 or node binary, skipping the test when it is
// absent. For node, the pinned binary that jsiinode points JSII_NODE at comes first.
func interpreter(t *testing.T, name string) string {
	t.Helper()
	if name == "node" {
		if n := os.Getenv("JSII_NODE"); n != "" {
			return n
		}
	}
	p, err := exec.LookPath(name)
	if err != nil {
		t.Skipf("%s not found on PATH: install it to check the handlers written for it", name)
	}
	return p
}

// run runs an interpreter and fails the test with its output when it fails. Python writes
// no bytecode beside the sources.
func run(t *testing.T, name string, args ...string) {
	t.Helper()
	cmd := exec.Command(interpreter(t, name), args...)
	cmd.Dir = handlersDir
	cmd.Env = append(os.Environ(), "PYTHONDONTWRITEBYTECODE=1", "PYTHONPYCACHEPREFIX="+t.TempDir())
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("%s %s: %v\n%s", name, strings.Join(args, " "), err, out)
	}
}

// unittests runs the unittest suite of each folder given as an argument, in one Python
// process (interpreter start-up dominates the run time). Each handler is a module named
// index, so the previous folder's modules are forgotten before the next one's load.
const unittests = `import sys, unittest
ok = True
for folder in sys.argv[1:]:
    for name in [m for m in sys.modules if m in ("index", "test_index")]:
        del sys.modules[name]
    sys.path.insert(0, folder)
    print("== " + folder, file=sys.stderr)
    suite = unittest.defaultTestLoader.discover(folder, pattern="test_*.py", top_level_dir=folder)
    ok = unittest.TextTestRunner(stream=sys.stderr).run(suite).wasSuccessful() and ok
    sys.path[:] = [p for p in sys.path if p != folder]
sys.exit(0 if ok else 1)
`

// loadsHandler matches a test file's loading of the handler it tests: import index in
// Python, require('./index.js') in JavaScript.
var loadsHandler = regexp.MustCompile(`(?m)^(import index|from index import .+)$|require\('\./index(\.js)?'\)`)

// TestHandlers runs the handlers' own unit tests: test_*.py with python3's unittest (the
// standard library only), *.test.js with node --test. Every handler has some, and they load
// it, so a handler that does not compile fails them; TestAppSynth checks that a handler's
// code is its index.py or index.js alone.
func TestHandlers(t *testing.T) {
	tests := handlerFiles(t, "test_*.py", "*.test.js")
	var pyFolders, jsFiles []string
	for _, dir := range slices.Sorted(maps.Keys(tests)) {
		if len(tests[dir]) == 0 {
			t.Errorf("%s has no tests: add test_index.py or index.test.js", dir)
		}
		for _, f := range tests[dir] {
			b, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			if !loadsHandler.Match(b) {
				t.Errorf("%s does not load the handler: import index, or require('./index.js')", f)
			}
			if strings.HasSuffix(f, ".py") && !slices.Contains(pyFolders, dir) {
				pyFolders = append(pyFolders, dir)
			}
			if strings.HasSuffix(f, ".js") {
				jsFiles = append(jsFiles, f)
			}
		}
	}
	t.Run("python", func(t *testing.T) {
		run(t, "python3", append([]string{"-c", unittests}, pyFolders...)...)
	})
	t.Run("javascript", func(t *testing.T) {
		run(t, "node", append([]string{"--test"}, jsFiles...)...)
	})
}
