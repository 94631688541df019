package bench

import (
	"fmt"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsiam"
	"github.com/aws/aws-cdk-go/awscdk/v2/awslambda"
	"github.com/aws/aws-cdk-go/awscdk/v2/awslambdaeventsources"
	"github.com/aws/aws-cdk-go/awscdk/v2/awssqs"
	"github.com/aws/jsii-runtime-go"

	"github.com/execrole/execrole/bench/summary"
	"github.com/execrole/execrole/constructs/executionrole"
)

// Variant names one of the Go apps.
type Variant string

// The Go variants, named as summary names the apps. The TypeScript app in bench/ts is the
// fifth.
const (
	// Execrole builds each role with executionrole.NewExecutionRole and declares its features.
	Execrole Variant = summary.Execrole
	// Derived builds each role with executionrole.NewExecutionRole and no features: the role
	// derives them at synth from the function, which it binds.
	Derived Variant = summary.Derived
	// L2 builds each role with awsiam.NewRole and its managed policies.
	L2 Variant = summary.L2
	// Floor is the least any Go role code can cost, measured to bound what a role construct
	// can gain: awsiam.NewRole with one principal and one set of managed policy objects
	// shared by every role, so one jsii request a role. It is not an alternative: grants
	// still land in a separate DefaultPolicy, two IAM resources a function.
	Floor Variant = summary.Floor
)

// Variants lists the Go variants in a stable order.
var Variants = []Variant{Execrole, Derived, L2, Floor}

// ParseVariant returns the variant named s.
func ParseVariant(s string) (Variant, error) {
	for _, v := range Variants {
		if string(v) == s {
			return v, nil
		}
	}
	return "", fmt.Errorf("unknown variant %q: use one of %q", s, Variants)
}

// FunctionsPerStack is how many functions each stack holds, in every variant (the TypeScript
// app too): few enough that every variant stays under CloudFormation's 500 resources per
// stack.
const FunctionsPerStack = 80

// Handler is the inline Python code of every function.
const Handler = `import json

def handler(event, context):
    for record in event["Records"]:
        print(json.dumps({"messageId": record["messageId"], "body": record["body"]}))
    return {"batchItemFailures": []}
`

// ManagedPolicies are the AWS managed policies on every role (path and name), in the order
// the L2 variant attaches them: what execrole derives from Tracing, SQS and Insights.
var ManagedPolicies = []string{
	"service-role/AWSLambdaBasicExecutionRole",
	"AWSXRayDaemonWriteAccess",
	"service-role/AWSLambdaSQSQueueExecutionRole",
	"CloudWatchLambdaInsightsExecutionRolePolicy",
}

// BuildExecrole adds n functions whose roles are execrole ExecutionRoles to app, and returns
// the stacks that hold them.
func BuildExecrole(app awscdk.App, n int) []awscdk.Stack { return Build(app, Execrole, n, nil) }

// BuildL2 adds n functions whose roles are plain awsiam.Roles to app, and returns the stacks
// that hold them.
func BuildL2(app awscdk.App, n int) []awscdk.Stack { return Build(app, L2, n, nil) }

// Build adds n functions of variant v to app, each with its queue, role and event source
// mapping, in stacks named Bench0, Bench1, ... of FunctionsPerStack functions each. mark, when
// not nil, is called with the phase name (summary.BuildPhases) before each phase of each
// function, so that time and jsii requests can be attributed to them.
func Build(app awscdk.App, v Variant, n int, mark func(phase string)) []awscdk.Stack {
	if mark == nil {
		mark = func(string) {}
	}
	builder := roleBuilders[v]
	if builder == nil {
		panic(fmt.Sprintf("bench: unknown variant %q: use one of %q", v, Variants))
	}
	role := builder()
	// Hoisted as any Go programmer would: they are the same for every function.
	runtime := awslambda.Runtime_PYTHON_3_13()
	code := awslambda.Code_FromInline(jsii.String(Handler))
	insights := awslambda.LambdaInsightsVersion_VERSION_1_0_498_0()

	var stacks []awscdk.Stack
	var stack awscdk.Stack
	for i := range n {
		if i%FunctionsPerStack == 0 {
			stack = awscdk.NewStack(app, jsii.String(fmt.Sprintf("Bench%d", i/FunctionsPerStack)), &awscdk.StackProps{
				AnalyticsReporting: jsii.Bool(false),
			})
			stacks = append(stacks, stack)
		}
		mark(summary.PhaseQueue)
		queue := awssqs.NewQueue(stack, jsii.String(fmt.Sprintf("Queue%d", i)), nil)
		mark(summary.PhaseRole)
		r := role(stack, fmt.Sprintf("Role%d", i), queue)
		mark(summary.PhaseFunction)
		fn := awslambda.NewFunction(stack, jsii.String(fmt.Sprintf("Fn%d", i)), &awslambda.FunctionProps{
			Runtime:         runtime,
			Handler:         jsii.String("index.handler"),
			Code:            code,
			Role:            r,
			Tracing:         awslambda.Tracing_ACTIVE,
			InsightsVersion: insights,
		})
		mark(summary.PhaseEventSource)
		fn.AddEventSource(awslambdaeventsources.NewSqsEventSource(queue, nil))
	}
	return stacks
}

// roleFunc builds the role of one function.
type roleFunc func(stack awscdk.Stack, id string, queue awssqs.IQueue) awsiam.IRole

// roleBuilders make each variant's roleFunc, once per app.
var roleBuilders = map[Variant]func() roleFunc{
	Execrole: func() roleFunc {
		return func(stack awscdk.Stack, id string, queue awssqs.IQueue) awsiam.IRole {
			return executionrole.NewExecutionRole(stack, jsii.String(id), &executionrole.ExecutionRoleProps{
				Features: []executionrole.Feature{
					executionrole.Tracing(),
					executionrole.SQS(queue),
					executionrole.Insights(),
				},
			})
		}
	},
	Derived: func() roleFunc {
		return func(stack awscdk.Stack, id string, _ awssqs.IQueue) awsiam.IRole {
			return executionrole.NewExecutionRole(stack, jsii.String(id), nil)
		}
	},
	L2: func() roleFunc {
		return func(stack awscdk.Stack, id string, _ awssqs.IQueue) awsiam.IRole {
			policies := make([]awsiam.IManagedPolicy, len(ManagedPolicies))
			for i, name := range ManagedPolicies {
				policies[i] = awsiam.ManagedPolicy_FromAwsManagedPolicyName(jsii.String(name))
			}
			return awsiam.NewRole(stack, jsii.String(id), &awsiam.RoleProps{
				AssumedBy:       awsiam.NewServicePrincipal(jsii.String("lambda.amazonaws.com"), nil),
				ManagedPolicies: &policies,
			})
		}
	},
	Floor: func() roleFunc {
		policies := make([]awsiam.IManagedPolicy, len(ManagedPolicies))
		for i, name := range ManagedPolicies {
			policies[i] = awsiam.ManagedPolicy_FromAwsManagedPolicyName(jsii.String(name))
		}
		props := &awsiam.RoleProps{
			AssumedBy:       awsiam.NewServicePrincipal(jsii.String("lambda.amazonaws.com"), nil),
			ManagedPolicies: &policies,
		}
		return func(stack awscdk.Stack, id string, _ awssqs.IQueue) awsiam.IRole {
			return awsiam.NewRole(stack, jsii.String(id), props)
		}
	},
}
