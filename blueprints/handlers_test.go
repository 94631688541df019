package blueprints

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// handlerFiles returns the handler folders under handlers/ and, across them, the files
// matching each pattern.
func handlerFiles(t *testing.T, patterns ...string) (folders []string, files map[string][]string) {
	t.Helper()
	entries, err := os.ReadDir(handlersDir)
	if err != nil {
		t.Fatal(err)
	}
	files = map[string][]string{}
	for _, e := range entries {
		if !e.IsDir() {
			continue
		}
		dir := filepath.Join(handlersDir, e.Name())
		folders = append(folders, dir)
		for _, p := range patterns {
			found, _ := filepath.Glob(filepath.Join(dir, p))
			files[p] = append(files[p], found...)
		}
	}
	return folders, files
}

// interpreter returns the path of the python3 or node binary, skipping the test when it is
// absent. For node, the pinned binary that internal/node points JSII_NODE at comes first.
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

// TestHandlersCompile checks that every handler source file, code and tests, compiles:
// python3 -m py_compile for Python, node --check for JavaScript.
func TestHandlersCompile(t *testing.T) {
	folders, files := handlerFiles(t, "*.py", "*.js")
	for _, dir := range folders {
		py, _ := filepath.Glob(filepath.Join(dir, "*.py"))
		js, _ := filepath.Glob(filepath.Join(dir, "*.js"))
		if len(py)+len(js) == 0 {
			t.Errorf("%s holds no Python or JavaScript file", dir)
		}
	}
	t.Run("python", func(t *testing.T) {
		run(t, "python3", append([]string{"-m", "py_compile"}, files["*.py"]...)...)
	})
	t.Run("javascript", func(t *testing.T) {
		for _, f := range files["*.js"] {
			run(t, "node", "--check", f)
		}
	})
}

// TestHandlers runs the handlers' own unit tests: test_*.py with python3's unittest (the
// standard library only), *.test.js with node --test. Every handler has some.
func TestHandlers(t *testing.T) {
	folders, files := handlerFiles(t, "test_*.py", "*.test.js")
	var pyFolders []string
	for _, dir := range folders {
		py, _ := filepath.Glob(filepath.Join(dir, "test_*.py"))
		js, _ := filepath.Glob(filepath.Join(dir, "*.test.js"))
		if len(py)+len(js) == 0 {
			t.Errorf("%s has no tests: add test_index.py or index.test.js", dir)
		}
		if len(py) > 0 {
			pyFolders = append(pyFolders, dir)
		}
	}
	t.Run("python", func(t *testing.T) {
		run(t, "python3", append([]string{"-c", unittests}, pyFolders...)...)
	})
	t.Run("javascript", func(t *testing.T) {
		run(t, "node", append([]string{"--test"}, files["*.test.js"]...)...)
	})
}
