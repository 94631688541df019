package refdata

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// recorder is a TB that records how Require ended the test.
type recorder struct{ skipped, failed string }

// stop ends Require as testing.T would, by leaving the test's goroutine.
type stop struct{}

func (r *recorder) Helper() {}
func (r *recorder) Skipf(format string, args ...any) {
	r.skipped = fmt.Sprintf(format, args...)
	panic(stop{})
}
func (r *recorder) Fatalf(format string, args ...any) {
	r.failed = fmt.Sprintf(format, args...)
	panic(stop{})
}

func require(name string) (path string, r *recorder) {
	r = &recorder{}
	defer func() {
		if p := recover(); p != nil {
			if _, ok := p.(stop); !ok {
				panic(p)
			}
		}
	}()
	return Require(r, name), r
}

func TestRequire(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "present.json"), []byte("{}"), 0o644); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name              string
		refDir, ci, file  string
		wantPath          string
		wantSkip, wantErr string
	}{
		{name: "returns the path of a present file", refDir: dir, file: "present.json", wantPath: filepath.Join(dir, "present.json")},
		{name: "returns the folder for an empty name", refDir: dir, ci: "true", wantPath: dir},
		{name: "skips locally if the file is absent", refDir: dir, file: "absent.json", wantSkip: "reference file absent.json not found"},
		{name: "skips locally if the folder is absent", refDir: filepath.Join(dir, "none"), ci: "false", file: "present.json", wantSkip: MissingReason},
		{name: "fails if the file is absent in CI", refDir: dir, ci: "true", file: "absent.json", wantErr: "reference file absent.json not found"},
		{name: "fails if the folder is absent in CI", refDir: filepath.Join(dir, "none"), ci: "1", file: "present.json", wantErr: MissingReason},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Setenv(EnvVar, tt.refDir)
			t.Setenv("CI", tt.ci)
			path, r := require(tt.file)
			if r.skipped == "" && r.failed == "" && path != tt.wantPath {
				t.Errorf("Require = %q, want %q", path, tt.wantPath)
			}
			if tt.wantSkip == "" && r.skipped != "" || !strings.Contains(r.skipped, tt.wantSkip) {
				t.Errorf("skipped with %q, want %q", r.skipped, tt.wantSkip)
			}
			if tt.wantErr == "" && r.failed != "" || !strings.Contains(r.failed, tt.wantErr) {
				t.Errorf("failed with %q, want %q", r.failed, tt.wantErr)
			}
		})
	}
}
