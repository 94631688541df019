package executionrole_test

import (
	"errors"
	"fmt"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/jsii-runtime-go"

	"github.com/execrole/execrole/constructs/executionrole"
	"github.com/execrole/execrole/constructs/permissions"
)

// Mistakes panic with a *permissions.Error: its ID says which mistake, its Path where.
func Example_errors() {
	stack := awscdk.NewStack(awscdk.NewApp(nil), jsii.String("Orders"), nil)
	defer func() {
		var e *permissions.Error
		if err, ok := recover().(error); ok && errors.As(err, &e) && e.ID == permissions.ErrNilArgument {
			fmt.Println(e.Path)
			fmt.Println(e)
		}
	}()
	executionrole.NewExecutionRole(stack, jsii.String("Role"), &executionrole.ExecutionRoleProps{
		Features: []executionrole.Feature{executionrole.DestinationTopic(nil)},
	})
	// Output:
	// Orders/Role
	// execrole: Orders/Role: DestinationTopic: topic is nil: pass the awssns.ITopic Lambda publishes invocation records to (awssns.NewTopic, or awssns.Topic_FromTopicArn) [execrole:nil-argument]
}
