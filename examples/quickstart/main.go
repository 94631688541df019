// Command quickstart is the smallest complete use of execrole: an SQS queue, a Python
// function that consumes it from inside a VPC with X-Ray tracing, and the function's
// execution role that learns those three features from the function. Run it with `npx cdk synth` from the
// repository root.
package main

import (
	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsec2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awslambda"
	"github.com/aws/aws-cdk-go/awscdk/v2/awslambdaeventsources"
	"github.com/aws/aws-cdk-go/awscdk/v2/awssqs"
	"github.com/aws/constructs-go/constructs/v10"
	"github.com/aws/jsii-runtime-go"

	"github.com/execrole/execrole/constructs/executionrole"
	_ "github.com/execrole/execrole/jsiinode"
)

const handler = `import json

def handler(event, context):
    for record in event["Records"]:
        print(json.dumps({"messageId": record["messageId"], "body": record["body"]}))
    return {"batchItemFailures": []}
`

// NewQuickstartStack builds the quickstart stack.
func NewQuickstartStack(scope constructs.Construct, id string, props *awscdk.StackProps) awscdk.Stack {
	stack := awscdk.NewStack(scope, jsii.String(id), props)

	vpc := awsec2.NewVpc(stack, jsii.String("Vpc"), &awsec2.VpcProps{MaxAzs: jsii.Number(2), NatGateways: jsii.Number(0)})
	lintAcknowledgeProvider(stack)
	queue := awssqs.NewQueue(stack, jsii.String("Queue"), &awssqs.QueueProps{
		VisibilityTimeout: awscdk.Duration_Seconds(jsii.Number(60)),
	})

	// The role learns tracing, the VPC and the queue from the function and its event source.
	role := executionrole.NewExecutionRole(stack, jsii.String("Role"), nil)

	fn := awslambda.NewFunction(stack, jsii.String("Consumer"), &awslambda.FunctionProps{
		Runtime:    awslambda.Runtime_PYTHON_3_13(),
		Handler:    jsii.String("index.handler"),
		Code:       awslambda.Code_FromInline(jsii.String(handler)),
		Role:       role,
		Tracing:    awslambda.Tracing_ACTIVE,
		Vpc:        vpc,
		VpcSubnets: &awsec2.SubnetSelection{SubnetType: awsec2.SubnetType_PRIVATE_ISOLATED},
		Timeout:    awscdk.Duration_Seconds(jsii.Number(30)),
	})
	fn.AddEventSource(awslambdaeventsources.NewSqsEventSource(queue, &awslambdaeventsources.SqsEventSourceProps{
		BatchSize:               jsii.Number(10),
		ReportBatchItemFailures: jsii.Bool(true),
	}))
	role.Bind(fn)
	return stack
}

// lintAcknowledgeProvider tells AWS's CloudFormation linter, in the template, why one of its
// warnings stands: the VPC's default-security-group handler, which aws-cdk-lib writes for
// itself (@aws-cdk/aws-ec2:restrictDefaultSecurityGroup), depends on its role while its Role
// property already references it (W3005). The dependency is aws-cdk-lib's, and harmless.
func lintAcknowledgeProvider(stack awscdk.Stack) {
	provider := stack.Node().TryFindChild(jsii.String("Custom::VpcRestrictDefaultSGCustomResourceProvider"))
	if provider == nil {
		return
	}
	if handler, ok := provider.Node().TryFindChild(jsii.String("Handler")).(awscdk.CfnResource); ok {
		handler.AddMetadata(jsii.String("cfn-lint"), map[string]any{"config": map[string]any{"ignore_checks": []string{"W3005"}}})
	}
}

func main() {
	defer jsii.Close()
	app := awscdk.NewApp(nil)
	NewQuickstartStack(app, "ExecroleQuickstart", nil)
	app.Synth(nil)
}
