// Package cdktest holds the helpers this repository's CDK tests share: synthesizing a stack
// into plain Go values (the CDK's assertions panic in Go; these turn a panic into a test
// failure), reading resources out of a template, catching the message of a panic, and
// running the example apps and reading their annotations.
package cdktest

import (
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/assertions"
)

// Template synthesizes stack's app and returns the stack's template as plain Go values. A
// synthesis error (a validation, a CDK panic) fails the test with its message.
func Template(t testing.TB, stack awscdk.Stack) (tpl map[string]any) {
	t.Helper()
	defer func() {
		if r := recover(); r != nil {
			t.Fatalf("synth of %s failed: %v", *stack.StackName(), r)
		}
	}()
	b, err := json.Marshal(assertions.Template_FromStack(stack, nil).ToJSON())
	if err == nil {
		err = json.Unmarshal(b, &tpl)
	}
	if err != nil {
		t.Fatal(err)
	}
	return tpl
}

// Resources returns the template's resources of one type, by logical id.
func Resources(tpl map[string]any, typ string) map[string]map[string]any {
	out := map[string]map[string]any{}
	all, _ := tpl["Resources"].(map[string]any)
	for id, r := range all {
		if m, _ := r.(map[string]any); m["Type"] == typ {
			out[id] = m
		}
	}
	return out
}

// Flatten renders a CloudFormation value as text, to compare with a string: {"Fn::Join":
// [sep, [...]]} as its parts joined by sep, {"Ref": "X"} as ${X}, {"Fn::GetAtt": ["X", "Y"]}
// as ${X.Y}, a list as its elements joined by commas, anything else as its JSON. So the
// ARN {"Fn::Join": ["", ["arn:", {"Ref": "AWS::Partition"}, ":s3:::", {"Ref": "Bucket"}]]}
// is "arn:${AWS::Partition}:s3:::${Bucket}".
func Flatten(v any) string {
	switch t := v.(type) {
	case string:
		return t
	case []any:
		parts := make([]string, len(t))
		for i, e := range t {
			parts[i] = Flatten(e)
		}
		return strings.Join(parts, ",")
	case map[string]any:
		if j, ok := t["Fn::Join"].([]any); ok && len(j) == 2 {
			sep, _ := j[0].(string)
			parts, _ := j[1].([]any)
			out := make([]string, len(parts))
			for i, e := range parts {
				out[i] = Flatten(e)
			}
			return strings.Join(out, sep)
		}
		if r, ok := t["Ref"]; ok {
			return "${" + fmt.Sprint(r) + "}"
		}
		if g, ok := t["Fn::GetAtt"].([]any); ok && len(g) == 2 {
			return "${" + fmt.Sprint(g[0]) + "." + fmt.Sprint(g[1]) + "}"
		}
	}
	b, _ := json.Marshal(v)
	return string(b)
}

// PanicMessage runs f and returns what it panicked with, or "" when it did not.
func PanicMessage(f func()) (msg string) {
	defer func() {
		if r := recover(); r != nil {
			msg = fmt.Sprint(r)
		}
	}()
	f()
	return ""
}

// RunExample runs the app in the repository folder dir (such as "examples/audit") as
// `cdk synth` would, writing its cloud assembly to out; env is added to the environment.
func RunExample(dir, out string, env ...string) error {
	root, err := repoRoot()
	if err != nil {
		return err
	}
	cmd := exec.Command("go", "run", "./"+dir)
	cmd.Dir = root
	cmd.Env = append(append(os.Environ(), "CDK_OUTDIR="+out), env...)
	if b, err := cmd.CombinedOutput(); err != nil {
		return fmt.Errorf("go run ./%s: %v\n%s", dir, err, b)
	}
	return nil
}

// Messages reads the annotations a stack left in a cloud assembly, by level
// ("aws:cdk:error", "aws:cdk:warning", "aws:cdk:info"), each as "construct path: text".
func Messages(t testing.TB, assembly, stack string) map[string][]string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(assembly, stack+".metadata.json"))
	if err != nil {
		t.Fatal(err)
	}
	var meta map[string][]struct {
		Type string `json:"type"`
		Data any    `json:"data"`
	}
	if err := json.Unmarshal(b, &meta); err != nil {
		t.Fatalf("%s metadata: %v", stack, err)
	}
	out := map[string][]string{}
	for path, entries := range meta {
		for _, e := range entries {
			if s, ok := e.Data.(string); ok {
				out[e.Type] = append(out[e.Type], path+": "+s)
			}
		}
	}
	for _, m := range out {
		slices.Sort(m)
	}
	return out
}

// repoRoot is the nearest folder above the working directory that holds go.mod.
func repoRoot() (string, error) {
	d, err := os.Getwd()
	if err != nil {
		return "", err
	}
	for {
		if _, err := os.Stat(filepath.Join(d, "go.mod")); err == nil {
			return d, nil
		}
		if filepath.Dir(d) == d {
			return "", fmt.Errorf("no go.mod above the working directory")
		}
		d = filepath.Dir(d)
	}
}
