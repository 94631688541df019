package audit

import (
	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awslambda"

	"github.com/execrole/execrole/constructs/executionrole"
	"github.com/execrole/execrole/constructs/internal/derive"
)

// FeaturesOf derives the features fn's configuration uses, as the audit reads them: VPC
// subnets, active tracing, the Lambda Insights layer, EFS (with the file system and access
// point when they are in the stack), the dead-letter queue or topic, the environment key,
// Lambda@Edge (a CloudFront distribution of the stack runs a version of fn, or fn is the
// function of an experimental.EdgeFunction of the app), the event source mappings that
// target fn (SQS, Kinesis, DynamoDB Streams, Amazon MSK, self-managed Kafka, Amazon MQ,
// DocumentDB, with their credentials secrets and VPC reach) and the destinations of fn's
// asynchronous invocations and of its mappings' failures.
//
// A role must exist before its function, so derive the features once the function and its
// event sources are built, and add them:
//
//	role := executionrole.NewExecutionRole(stack, jsii.String("Role"), nil)
//	fn := awslambda.NewFunction(stack, jsii.String("Fn"), &awslambda.FunctionProps{Role: role, ...})
//	fn.AddEventSource(awslambdaeventsources.NewSqsEventSource(queue, nil))
//	role.AddFeatures(audit.FeaturesOf(fn)...)
//
// The audit with AutoFix does the same for every function of the app, adding only what a
// role lacks. Each feature carries its resources as tokens of the stack, which is fn's.
func FeaturesOf(fn awslambda.Function) []executionrole.Feature {
	path := *fn.Node().Path()
	for _, f := range scan(awscdk.Stack_Of(fn), false, derive.EdgeFunctions(fn.Node().Root())).functions {
		if f.Path() != path {
			continue
		}
		out := make([]executionrole.Feature, len(f.Uses))
		for i, u := range f.Uses {
			out[i] = executionrole.FromUse(u)
		}
		return out
	}
	return nil
}
