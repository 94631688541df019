// Package bench holds the performance benchmarks of execrole: the same app of N SQS-polling
// Python functions built five ways, so their cost can be measured side by side.
//
//   - Execrole: each function's role is an executionrole.ExecutionRole with three features
//     (Tracing, SQS, Insights).
//   - Derived: each role is an executionrole.ExecutionRole with no features, which derives
//     them at synth from the function and its event source (and binds the function).
//   - L2: each role is a plain awsiam.Role with the same four AWS managed policies, named one
//     by one with awsiam.ManagedPolicy_FromAwsManagedPolicyName.
//   - Floor: plain awsiam.Roles sharing one principal and one set of managed policy objects,
//     one jsii request a role: the least Go role code can cost, measured as a bound rather
//     than offered as an alternative (its grants still go to a separate DefaultPolicy).
//   - TypeScript: the idiomatic aws-cdk-lib app in bench/ts, where lambda.Function creates
//     its own role.
//
// Every function has active X-Ray tracing, the Lambda Insights layer and an SQS event source
// on a queue of its own. Functions go into stacks of FunctionsPerStack, the same for every
// variant, so the apps differ only in how the roles are made.
//
// The testing.B benchmarks (go test -bench . ./bench) time construction, synthesis and the
// pure-Go planner. The script bench/run.sh runs the five apps as separate processes, in
// interleaved order, and writes a results table and a chart; bench/cmd/synth runs one Go
// variant, bench/cmd/report and bench/cmd/chart turn the runs into the table and the chart.
package bench
