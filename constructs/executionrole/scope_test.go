package executionrole_test

import (
	"testing"

	"github.com/aws/constructs-go/constructs/v10"
	"github.com/aws/jsii-runtime-go"

	"github.com/execrole/execrole/constructs/executionrole"
)

func TestMissingScopeOrIDPanicsClearly(t *testing.T) {
	const fix = ": pass the stack (or construct) the role belongs in and a non-empty id, as for any construct [execrole:scope-invalid]"
	var typedNil *executionrole.ExecutionRole
	tests := []struct {
		name  string
		scope constructs.Construct
		id    *string
		want  string
	}{
		{"fails if the scope is nil", nil, jsii.String("Role"), "execrole: NewExecutionRole got no scope" + fix},
		{"fails if the scope is a nil pointer", typedNil, jsii.String("Role"), "execrole: NewExecutionRole got no scope" + fix},
		{"fails if the id is nil", newStack(), nil, "execrole: NewExecutionRole got a nil id" + fix},
		{"fails if the id is empty", newStack(), jsii.String(""), "execrole: NewExecutionRole got an empty id" + fix},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := panicMessage(func() { executionrole.NewExecutionRole(tt.scope, tt.id, nil) }); got != tt.want {
				t.Errorf("panic = %q, want %q", got, tt.want)
			}
		})
	}
}
