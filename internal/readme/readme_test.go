package readme

import (
	"os"
	"strings"
	"testing"
)

func TestREADMEIsUpToDate(t *testing.T) {
	b, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	want, err := Update(string(b))
	if err != nil {
		t.Fatal(err)
	}
	if string(b) != want {
		t.Errorf("README.md is out of date with the catalog: run `go generate ./...` and commit the result")
	}
}

func TestUpdateFailsWithoutMarkers(t *testing.T) {
	_, err := Update("# no markers\n")
	if err == nil || !strings.Contains(err.Error(), "has no") {
		t.Errorf("Update without markers: err = %v, want a missing-section error", err)
	}
}

func TestUpdateReplacesStaleText(t *testing.T) {
	got, err := Update("x\n<!-- begin features -->\nstale\n<!-- end features -->\n<!-- begin templates -->\n<!-- end templates -->\n<!-- begin wildcards -->\n<!-- end wildcards -->\ny\n")
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(got, "stale") || !strings.Contains(got, "AWSLambdaBasicExecutionRole") {
		t.Errorf("Update did not regenerate the features table:\n%s", got)
	}
}
