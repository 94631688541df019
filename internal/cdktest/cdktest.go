// Package cdktest holds the helpers this repository's CDK tests share: synthesizing a stack
// into plain Go values (the CDK's assertions panic in Go; these turn a panic into a test
// failure), reading resources out of a template, and catching the message of a panic.
package cdktest

import (
	"encoding/json"
	"fmt"
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
