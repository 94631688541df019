package executionrole_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/jsii-runtime-go"

	"github.com/execrole/execrole/constructs/executionrole"
	"github.com/execrole/execrole/constructs/permissions"
)

// A role with the Edge feature, given at construction or added later, is only made in a stack
// of us-east-1, where Lambda@Edge functions are created.
func TestEdgeNeedsAStackInUsEast1(t *testing.T) {
	agnostic := func() awscdk.Stack { return newStack() }
	in := func(region string) func() awscdk.Stack { return func() awscdk.Stack { return newStackIn(region) } }
	edge := []executionrole.Feature{executionrole.Edge()}
	tests := []struct {
		name    string
		stack   func() awscdk.Stack
		later   bool
		wantErr string // "" when the role is made
	}{
		{name: "us-east-1", stack: in("us-east-1")},
		{name: "us-east-1, added later", stack: in("us-east-1"), later: true},
		{name: "fails if the stack is in eu-west-1", stack: in("eu-west-1"), wantErr: "in eu-west-1"},
		{name: "fails if the stack is in eu-west-1, added later", stack: in("eu-west-1"), later: true, wantErr: "in eu-west-1"},
		{name: "fails if the stack has no region", stack: agnostic, wantErr: "region, which is not set"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got any
			func() {
				defer func() { got = recover() }()
				stack := tt.stack()
				if tt.later {
					executionrole.NewExecutionRole(stack, jsii.String("Role"), nil).AddFeatures(edge...)
					return
				}
				executionrole.NewExecutionRole(stack, jsii.String("Role"), &executionrole.ExecutionRoleProps{Features: edge})
			}()
			if tt.wantErr == "" {
				if got != nil {
					t.Fatalf("panicked: %v", got)
				}
				return
			}
			var e *permissions.Error
			if err, _ := got.(error); !errors.As(err, &e) || e.ID != permissions.ErrEdgeRegion {
				t.Fatalf("panic %v, want an error %s", got, permissions.ErrEdgeRegion)
			}
			if msg := e.Error(); !strings.Contains(msg, tt.wantErr) || !strings.Contains(msg, "Test/Role") || !strings.Contains(msg, `set Env.Region to "us-east-1"`) {
				t.Errorf("message %q lacks %q, the path or the fix", msg, tt.wantErr)
			}
		})
	}
}
