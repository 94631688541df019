package blueprints_test

import (
	"fmt"
	"strings"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/jsii-runtime-go"

	"github.com/execrole/execrole/blueprints"
)

// An SQS poller's role is built from the SQS feature: in default mode, the AWS managed
// policies the Lambda Developer Guide names.
func ExampleNewSqsPoller() {
	app := awscdk.NewApp(nil)
	stack := awscdk.NewStack(app, jsii.String("Orders"), nil)
	poller := blueprints.NewSqsPoller(stack, jsii.String("Poller"), &blueprints.SqsPollerProps{BatchSize: 5})
	for _, p := range poller.Role.Plan().ManagedPolicies {
		fmt.Println(p.Path + p.Name)
	}
	// Output:
	// /service-role/AWSLambdaBasicExecutionRole
	// /service-role/AWSLambdaSQSQueueExecutionRole
}

// In least-privilege mode, the microservice's role holds inline statements only: its logs,
// scoped to its log group, and the DynamoDBCrudPolicy template, scoped to its table.
func ExampleNewMicroserviceHttpEndpoint() {
	app := awscdk.NewApp(nil)
	stack := awscdk.NewStack(app, jsii.String("Shop"), nil)
	api := blueprints.NewMicroserviceHttpEndpoint(stack, jsii.String("Items"), &blueprints.MicroserviceHttpEndpointProps{
		FunctionOptions: blueprints.FunctionOptions{LeastPrivilege: true},
	})
	plan := api.Role.Plan()
	fmt.Println("managed policies:", len(plan.ManagedPolicies))
	for _, s := range plan.Statements {
		fmt.Println(strings.Join(s.Actions, " "))
	}
	// Output:
	// managed policies: 0
	// logs:CreateLogStream logs:PutLogEvents
	// dynamodb:GetItem dynamodb:DeleteItem dynamodb:PutItem dynamodb:Scan dynamodb:Query dynamodb:UpdateItem dynamodb:BatchWriteItem dynamodb:BatchGetItem dynamodb:DescribeTable dynamodb:ConditionCheckItem
}
