// Package audit checks at synth that every Lambda function's execution role allows what the
// function is configured to do.
//
//	audit.Apply(app, nil)
//
// The audit is an aspect. For every AWS::Lambda::Function of every stack, it reads what the
// template will hold (VPC configuration, active tracing, the Lambda Insights layer, EFS,
// dead-letter target, environment key, and the event source mappings that target the
// function), finds the function's role in the stack, and checks the role's permissions: an
// execrole ExecutionRole by its plan and inline policy, any other role (a hand-made
// awsiam.Role, the ServiceRole awslambda.Function creates) by the AWS managed policies it
// attaches, its inline policies and the AWS::IAM::Policy and AWS::IAM::ManagedPolicy
// resources attached to it. Each missing permission is an error annotation on the function
// with the fix, so `cdk synth` fails listing them all. A role the audit cannot read (imported
// by ARN, or in another stack) gets a warning that lists what it must allow.
//
// With AutoFix, missing features are added to ExecutionRoles instead (ExecutionRole.AddFeatures).
//
// Limits: properties set with AddPropertyOverride are not seen (set them with the L1
// setters); statements are checked by action, and by resource only where it matters (the
// Lambda Insights log group); permissions boundaries, service control policies and Deny
// statements are not evaluated; nested stacks are audited on their own.
package audit
