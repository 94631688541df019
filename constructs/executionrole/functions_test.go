package executionrole_test

import (
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awslambda"
	"github.com/aws/aws-cdk-go/awscdk/v2/awslogs"
	"github.com/aws/jsii-runtime-go"

	"github.com/execrole/execrole/constructs/executionrole"
	"github.com/execrole/execrole/constructs/permissions"
)

// A role made for a function of one name (FunctionName) cannot be bound to a function of
// another: with a typo, the role would be scoped to a log group no function writes to.
func TestBindFailsForAFunctionOfAnotherName(t *testing.T) {
	tests := []struct {
		name    string
		fnName  string // "" for a name CloudFormation generates
		wantErr string
	}{
		{name: "the same name", fnName: "orders-consumer"},
		{name: "fails if the names differ", fnName: "orders-consumr", wantErr: `the role is for function "orders-consumer" (ExecutionRoleProps.FunctionName), but the function is named "orders-consumr"`},
		{name: "fails if the function's name is generated", wantErr: `the function has no FunctionName, so CloudFormation names it: set FunctionName "orders-consumer" on the function`},
	}
	for _, tt := range tests {
		for _, lp := range []bool{false, true} {
			t.Run(tt.name, func(t *testing.T) {
				stack := newStack()
				role := executionrole.NewExecutionRole(stack, jsii.String("Role"), &executionrole.ExecutionRoleProps{LeastPrivilege: lp, FunctionName: "orders-consumer"})
				props := awslambda.FunctionProps{Role: role}
				if tt.fnName != "" {
					props.FunctionName = jsii.String(tt.fnName)
				}
				fn := pythonFunction(stack, "Fn", props)
				err := recovered(func() { role.Bind(fn) })
				if tt.wantErr == "" {
					if err != nil {
						t.Fatal(err)
					}
					return
				}
				var e *permissions.Error
				if !errors.As(err, &e) || e.ID != permissions.ErrFunctionNameMismatch || !strings.Contains(e.Error(), tt.wantErr) || !strings.Contains(e.Error(), "Test/Role") {
					t.Errorf("Bind: %v, want %s with %q", err, permissions.ErrFunctionNameMismatch, tt.wantErr)
				}
			})
		}
	}
}

// A function that runs as an Explicit least-privilege role it was never bound to fails synth,
// naming the function and the role: the role's logs statements do not reach its log group.
// Bound, the second function gets its own log group; a role that derives binds it at synth;
// a managed-mode role needs no binding for logs.
func TestUnboundFunctionOfALeastPrivilegeRoleFailsSynth(t *testing.T) {
	tests := []struct {
		name     string
		lp       bool
		bind     bool
		explicit bool
		wantErr  bool
	}{
		{name: "fails if the second function of an explicit role is not bound", lp: true, explicit: true, wantErr: true},
		{name: "explicit, both bound", lp: true, explicit: true, bind: true},
		{name: "derived: the second function is bound at synth", lp: true},
		{name: "managed mode", lp: false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			stack := newStack()
			logs := awslogs.NewLogGroup(stack, jsii.String("Logs"), nil)
			role := executionrole.NewExecutionRole(stack, jsii.String("Role"), &executionrole.ExecutionRoleProps{LeastPrivilege: tt.lp, LogGroup: logs, Explicit: tt.explicit})
			role.Bind(pythonFunction(stack, "First", awslambda.FunctionProps{Role: role, LogGroup: logs}))
			second := pythonFunction(stack, "Second", awslambda.FunctionProps{Role: role, FunctionName: jsii.String("second")})
			if tt.bind {
				role.Bind(second)
			}
			want := ""
			if tt.wantErr {
				want = "function Test/Second/Resource runs as least-privilege role Test/Role but was never bound to it"
			}
			checkSynth(t, stack, want, permissions.ErrFunctionUnbound)
		})
	}
}

// checkSynth synthesizes stack's app and checks the outcome: with want empty, that synth
// succeeds; otherwise that it fails with an error of kind id whose message holds want.
func checkSynth(t *testing.T, stack awscdk.Stack, want string, id permissions.ErrorID) {
	t.Helper()
	err := recovered(func() { awscdk.App_Of(stack).Synth(nil) })
	switch {
	case want == "" && err != nil:
		t.Errorf("synth: %v", err)
	case want != "" && (err == nil || !strings.Contains(err.Error(), want) || !strings.Contains(err.Error(), string(id))):
		t.Errorf("synth: %v, want an error holding %q with %s", err, want, id)
	}
}

// recovered runs f and returns what it panicked with, as an error.
func recovered(f func()) (err error) {
	defer func() {
		if r := recover(); r != nil {
			if e, ok := r.(error); ok {
				err = e
				return
			}
			err = fmt.Errorf("%v", r)
		}
	}()
	f()
	return nil
}
