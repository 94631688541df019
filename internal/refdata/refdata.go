// Package refdata finds the read-only reference data (AWS managed policy documents, the IAM
// action catalogue, CloudFormation resource schemas, policy templates) that conformance tests
// check the library's output against. The data lives beside the repository, in
// shared/data/ref; tests find it with Require, which skips with a clear message where it
// is absent, and fails in CI.
package refdata

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
)

// EnvVar names the variable that, when set, points at the reference data folder directly.
const EnvVar = "EXECROLE_REF_DIR"

// Dir returns the absolute path of the reference data folder and whether it exists. It honours
// EXECROLE_REF_DIR, then looks for shared/data/ref in the working directory and each ancestor.
func Dir() (string, bool) {
	if d := os.Getenv(EnvVar); d != "" {
		return d, isDir(d)
	}
	wd, err := os.Getwd()
	if err != nil {
		return "", false
	}
	for d := wd; ; d = filepath.Dir(d) {
		if c := filepath.Join(d, "shared", "data", "ref"); isDir(c) {
			return c, true
		}
		if filepath.Dir(d) == d {
			return "", false
		}
	}
}

// MissingReason is the message tests give when they skip for lack of reference data.
const MissingReason = "reference data not found: place the shared/ folder beside the repository or set " + EnvVar

// TB is the part of testing.TB that Require uses.
type TB interface {
	Helper()
	Skipf(format string, args ...any)
	Fatalf(format string, args ...any)
}

// InCI reports whether the tests run in continuous integration (CI set to a true value, as
// CI services set it), where a conformance test must not pass by skipping.
func InCI() bool {
	ci, err := strconv.ParseBool(os.Getenv("CI"))
	return err == nil && ci
}

// Require returns the path of the reference file name (a path relative to the reference data
// folder; "" for the folder itself) for a test that reads it. When the folder or the file is
// absent, it skips the test with a message, or fails it when InCI: a conformance test that
// checks nothing must not pass there.
func Require(t TB, name string) string {
	t.Helper()
	dir, ok := Dir()
	path := filepath.Join(dir, name)
	why := MissingReason
	if ok {
		if _, err := os.Stat(path); err == nil {
			return path
		}
		why = fmt.Sprintf("reference file %s not found in %s", name, dir)
	}
	if InCI() {
		t.Fatalf("%s (CI is set: a conformance test must not skip)", why)
	} else {
		t.Skipf("%s", why)
	}
	return path
}

func isDir(p string) bool {
	st, err := os.Stat(p)
	return err == nil && st.IsDir()
}

// ReadJSON decodes the JSON file at path into v: a reference file, or any file a test reads
// (a cloud assembly's template). Its errors name the file.
func ReadJSON(path string, v any) error {
	b, err := os.ReadFile(path)
	if err != nil {
		return err
	}
	if err := json.Unmarshal(b, v); err != nil {
		return fmt.Errorf("decode %s: %w", path, err)
	}
	return nil
}
