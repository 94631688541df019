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
// With AutoFix, missing features are added to ExecutionRoles instead (ExecutionRole.AddFeatures),
// with the resources the function's configuration names. FeaturesOf derives the same features
// for one function, for code that adds them itself.
//
// A function's role is followed wherever it is: in the function's stack, in another stack of
// the app, or imported. A role imported with executionrole.Import is checked against the plan
// of the features given to Import (with a warning that the role itself is not read); any
// other imported role gets a warning that lists what it must allow.
//
// # Permissions report
//
// With Report, the audit writes the permissions report (package report) of the whole app into
// the cloud assembly: execrole-report.json, execrole-report.md and execrole-report.html beside
// the templates. BuildReport returns the same report as data.
//
//	audit.Apply(app, &audit.Props{Report: true})
//
// The report is written by a validation registered on the app, not by the aspect: CDK runs
// validations after every aspect (AutoFix among them, and any aspect of the user's that grants
// to a role) and before it writes the assembly, so the report holds the roles as deployed and the fingerprints the
// templates carry. An aspect sees the tree while other aspects may still change it, and a
// step after app.Synth would not run under `cdk synth`, which writes the assembly itself.
// Statement sources come from the roles' plans: a statement of the plan names its feature
// ("user" for ExecutionRoleProps.Statements), any other statement of an ExecutionRole's policy
// is "grant", from another construct; jsii does not say which construct granted.
//
// # aws-cdk-lib's own functions
//
// Functions aws-cdk-lib makes with awslambda.Function for itself (the custom resource Provider
// framework, AwsCustomResource's singleton, BucketDeployment's handler) are audited like any
// other, and the report names the construct that made them (Function.CreatedBy). Functions
// it writes as raw AWS::Lambda::Function resources with a role of its own (log retention, S3
// bucket notifications, the providers of core custom resources such as auto-delete objects
// and cross-region references) are skipped: aws-cdk-lib fixes their configuration and role,
// and they use nothing the audit checks; the report lists them with the reason
// (Report.Skipped).
//
// Limits: properties set with AddPropertyOverride are not seen (set them with the L1
// setters); statements are checked by action, and by resource only where it matters (the
// Lambda Insights log group); permissions boundaries, service control policies and Deny
// statements are not evaluated; nested stacks are audited on their own.
package audit
