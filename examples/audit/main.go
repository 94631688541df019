// Command audit shows the audit aspect catching three execution roles that lack what their
// functions need, mistakes that `cdk synth` would otherwise let through to a failed deploy or a
// function that silently fails at run time. The roles are Explicit: they keep to the features
// they are given instead of deriving them from their functions, as a team that reviews every
// permission by hand may want, so only the audit stands between them and the mistakes:
//
//   - VpcFunction is attached to a VPC, but its role has no network-interface permissions
//     (CloudFormation fails to create the function).
//   - ConsumerFunction reads a queue through an event source mapping made with
//     awslambda.NewEventSourceMapping, which, unlike awslambdaeventsources.SqsEventSource,
//     grants nothing: its role cannot receive the messages (the mapping fails to create).
//   - TracedFunction has active X-Ray tracing, which makes awslambda.NewFunction add the X-Ray
//     actions to its role, but the role was handed over as role.WithoutPolicyUpdates(), which
//     drops every statement added to it: the traces are lost at run time.
//
// Run it with `cdk synth --app "go run ./examples/audit"`: synth fails with one error per
// mistake, each naming the fix. With EXECROLE_AUTOFIX=1 the audit adds the missing features
// to the roles instead, and synth succeeds. Either way the permissions report of the app is
// written into the cloud assembly: cdk.out/execrole-report.{json,md,html}.
package main

import (
	"os"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsec2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awslambda"
	"github.com/aws/aws-cdk-go/awscdk/v2/awssqs"
	"github.com/aws/constructs-go/constructs/v10"
	"github.com/aws/jsii-runtime-go"

	"github.com/execrole/execrole/constructs/audit"
	"github.com/execrole/execrole/constructs/executionrole"
	_ "github.com/execrole/execrole/jsiinode"
)

// NewAuditStack builds the stack with the three planted mistakes.
func NewAuditStack(scope constructs.Construct, id string, props *awscdk.StackProps) awscdk.Stack {
	stack := awscdk.NewStack(scope, jsii.String(id), props)
	function := func(id string, role *executionrole.ExecutionRole, props awslambda.FunctionProps) awslambda.Function {
		props.Runtime = awslambda.Runtime_PYTHON_3_13()
		props.Handler = jsii.String("index.handler")
		props.Code = awslambda.Code_FromInline(jsii.String("def handler(event, context):\n    return None\n"))
		if props.Role == nil {
			props.Role = role
		}
		fn := awslambda.NewFunction(stack, jsii.String(id), &props)
		role.Bind(fn)
		return fn
	}

	vpc := awsec2.Vpc_FromVpcAttributes(stack, jsii.String("Vpc"), &awsec2.VpcAttributes{
		VpcId:                      jsii.String("vpc-0123456789abcdef0"),
		AvailabilityZones:          jsii.Strings("us-east-1a", "us-east-1b"),
		PrivateSubnetIds:           jsii.Strings("subnet-0123456789abcdef0", "subnet-0123456789abcdef1"),
		PrivateSubnetRouteTableIds: jsii.Strings("rtb-0123456789abcdef0", "rtb-0123456789abcdef1"),
	})
	vpcRole := executionrole.NewExecutionRole(stack, jsii.String("VpcRole"), &executionrole.ExecutionRoleProps{Explicit: true})
	function("VpcFunction", vpcRole, awslambda.FunctionProps{Vpc: vpc})

	queue := awssqs.NewQueue(stack, jsii.String("Queue"), nil)
	consumerRole := executionrole.NewExecutionRole(stack, jsii.String("ConsumerRole"), &executionrole.ExecutionRoleProps{Explicit: true})
	consumer := function("ConsumerFunction", consumerRole, awslambda.FunctionProps{})
	awslambda.NewEventSourceMapping(stack, jsii.String("ConsumerSource"), &awslambda.EventSourceMappingProps{
		Target: consumer, EventSourceArn: queue.QueueArn(),
	})

	tracedRole := executionrole.NewExecutionRole(stack, jsii.String("TracedRole"), &executionrole.ExecutionRoleProps{Explicit: true})
	function("TracedFunction", tracedRole, awslambda.FunctionProps{
		Tracing: awslambda.Tracing_ACTIVE, Role: tracedRole.WithoutPolicyUpdates(nil),
	})
	return stack
}

func main() {
	defer jsii.Close()
	app := awscdk.NewApp(nil)
	NewAuditStack(app, "Audit", nil)
	audit.Apply(app, &audit.Props{AutoFix: os.Getenv("EXECROLE_AUTOFIX") == "1", Report: true})
	app.Synth(nil)
}
