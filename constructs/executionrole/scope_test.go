package executionrole_test

import (
	"testing"

	"github.com/aws/constructs-go/constructs/v10"
	"github.com/aws/jsii-runtime-go"

	"github.com/execrole/execrole/constructs/executionrole"
)

func TestMissingScopeOrIDPanicsClearly(t *testing.T) {
	const want = "execrole: NewExecutionRole needs a scope and a non-empty id"
	tests := []struct {
		name  string
		scope constructs.Construct
		id    *string
	}{
		{"fails if the scope is nil", nil, jsii.String("Role")},
		{"fails if the id is nil", newStack(), nil},
		{"fails if the id is empty", newStack(), jsii.String("")},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := panicMessage(func() { executionrole.NewExecutionRole(tt.scope, tt.id, nil) }); got != want {
				t.Errorf("panic = %q, want %q", got, want)
			}
		})
	}
}
