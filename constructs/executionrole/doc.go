// Package executionrole provides ExecutionRole, the execution role of AWS Lambda functions as
// a CDK construct: the features a function uses go in, one AWS::IAM::Role comes out, holding
// exactly what Lambda needs to run the function and poll its event sources.
//
//	role := executionrole.NewExecutionRole(stack, jsii.String("Role"), &executionrole.ExecutionRoleProps{
//		Features: []executionrole.Feature{executionrole.Tracing(), executionrole.SQS(queue)},
//	})
//	awslambda.NewFunction(stack, jsii.String("Fn"), &awslambda.FunctionProps{Role: role, ...})
//
// The rules (features, resources, IAM quotas, names) live in the permissions package, which
// plans the role without the CDK; this package renders the plan with as few jsii calls as it
// can, and panics with the construct path, the value and the fix when the props break a rule.
//
// Every panic of the package, and every error of whole-app checks (role names unique in the
// app), is a *permissions.Error whose ID names the kind of mistake
// (permissions.ErrNilArgument, "execrole:nil-argument"): match it with errors.As, not by text.
package executionrole
