package executionrole_test

import (
	"encoding/json"
	"fmt"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/assertions"
	"github.com/aws/aws-cdk-go/awscdk/v2/awssqs"
	"github.com/aws/jsii-runtime-go"

	"github.com/execrole/execrole/constructs/executionrole"
)

// printRole prints the managed policies and inline actions of a stack's one role.
func printRole(stack awscdk.Stack) {
	b, _ := json.Marshal(assertions.Template_FromStack(stack, nil).ToJSON())
	var tpl struct {
		Resources map[string]struct {
			Type       string
			Properties struct {
				ManagedPolicyArns []struct {
					Join []any `json:"Fn::Join"`
				}
				Policies []struct {
					PolicyDocument struct {
						Statement []struct {
							Sid    string
							Action any
						}
					}
				}
			}
		}
	}
	json.Unmarshal(b, &tpl)
	for _, r := range tpl.Resources {
		if r.Type != "AWS::IAM::Role" {
			continue
		}
		for _, a := range r.Properties.ManagedPolicyArns {
			parts := a.Join[1].([]any)
			fmt.Println("managed:", parts[2])
		}
		for _, p := range r.Properties.Policies {
			for _, s := range p.PolicyDocument.Statement {
				fmt.Println("inline:", s.Sid, s.Action)
			}
		}
	}
}

func ExampleNewExecutionRole() {
	app := awscdk.NewApp(nil)
	stack := awscdk.NewStack(app, jsii.String("Orders"), nil)
	queue := awssqs.NewQueue(stack, jsii.String("Queue"), nil)

	executionrole.NewExecutionRole(stack, jsii.String("Role"), &executionrole.ExecutionRoleProps{
		Features: []executionrole.Feature{executionrole.Tracing(), executionrole.SQS(queue)},
	})
	printRole(stack)
	// Output:
	// managed: :iam::aws:policy/service-role/AWSLambdaBasicExecutionRole
	// managed: :iam::aws:policy/AWSXRayDaemonWriteAccess
	// managed: :iam::aws:policy/service-role/AWSLambdaSQSQueueExecutionRole
}

func ExampleNewExecutionRole_leastPrivilege() {
	app := awscdk.NewApp(nil)
	stack := awscdk.NewStack(app, jsii.String("Orders"), nil)
	queue := awssqs.NewQueue(stack, jsii.String("Queue"), nil)

	executionrole.NewExecutionRole(stack, jsii.String("Role"), &executionrole.ExecutionRoleProps{
		LeastPrivilege: true,
		FunctionName:   "orders",
		Features:       []executionrole.Feature{executionrole.SQS(queue)},
	})
	printRole(stack)
	// Output:
	// inline: LogsCreateGroup logs:CreateLogGroup
	// inline: Logs [logs:CreateLogStream logs:PutLogEvents]
	// inline: SQSPoll [sqs:ReceiveMessage sqs:DeleteMessage sqs:GetQueueAttributes]
}
