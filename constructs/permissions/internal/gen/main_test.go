package main

import (
	"bytes"
	"os"
	"strings"
	"testing"

	"github.com/execrole/execrole/internal/refdata"
)

// The committed table is what the generator writes from the reference list: a change of
// either without the other fails here (run go generate ./constructs/permissions).
func TestCommittedTableIsGenerated(t *testing.T) {
	data, err := os.ReadFile(refdata.Require(t, File))
	if err != nil {
		t.Fatal(err)
	}
	want, err := Generate(data)
	if err != nil {
		t.Fatal(err)
	}
	got, err := os.ReadFile("../../awsmanaged_gen.go")
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		gl, wl := strings.Split(string(got), "\n"), strings.Split(string(want), "\n")
		for i := range min(len(gl), len(wl)) {
			if gl[i] != wl[i] {
				t.Fatalf("awsmanaged_gen.go drifted from %s at line %d:\n got  %s\n want %s\nrun go generate ./constructs/permissions", File, i+1, gl[i], wl[i])
			}
		}
		t.Fatalf("awsmanaged_gen.go has %d lines, the generator writes %d: run go generate ./constructs/permissions", len(gl), len(wl))
	}
}

func TestGenerateRefusesBadLists(t *testing.T) {
	tests := []struct {
		name, give, want string
	}{
		{"fails if the list is empty", `{"policies": []}`, "lists no policies"},
		{"fails if a policy is listed twice", `{"policies": [{"name": "A", "path": "/"}, {"name": "A", "path": "/"}]}`, "lists policy A twice"},
		{"fails if a current policy has no path", `{"policies": [{"name": "A", "path": null}]}`, "current policy A has no path"},
		{"fails if a policy has no name", `{"policies": [{"path": "/"}]}`, "has no name"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Generate([]byte(tt.give))
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("Generate error = %v, want %q", err, tt.want)
			}
		})
	}
}

func TestGenerateWritesNamePathAndDeprecation(t *testing.T) {
	src, err := Generate([]byte(`{"policies": [{"name": "B", "path": "/service-role/"}, {"name": "A", "path": null, "deprecated": true}]}`))
	if err != nil {
		t.Fatal(err)
	}
	want := "var awsManaged = []awsManagedPolicy{\n\t{\"A\", \"\", true},\n\t{\"B\", \"/service-role/\", false},\n}\n"
	if !strings.HasSuffix(string(src), want) {
		t.Errorf("Generate =\n%s\nwant it to end with\n%s", src, want)
	}
}
