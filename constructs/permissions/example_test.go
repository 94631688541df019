package permissions_test

import (
	"fmt"
	"strings"

	"github.com/execrole/execrole/constructs/permissions"
)

// A function with active tracing that polls an SQS queue gets the basic logs policy and the
// managed policy of each feature, with the partition left to CloudFormation.
func ExampleResolve() {
	plan, err := permissions.Resolve(permissions.Request{
		Uses: []permissions.Use{{Feature: permissions.Tracing}, {Feature: permissions.SQS}},
	})
	if err != nil {
		panic(err)
	}
	for _, m := range plan.ManagedPolicies {
		fmt.Println(m.ARN())
	}
	// Output:
	// arn:${AWS::Partition}:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole
	// arn:${AWS::Partition}:iam::aws:policy/AWSXRayDaemonWriteAccess
	// arn:${AWS::Partition}:iam::aws:policy/service-role/AWSLambdaSQSQueueExecutionRole
}

// In least-privilege mode the same function gets inline statements scoped to its queue and
// its own log group; X-Ray supports no resource-level permission, so tracing stays on "*" and
// the plan says why.
func ExampleResolve_leastPrivilege() {
	plan, err := permissions.Resolve(permissions.Request{
		Uses: []permissions.Use{
			{Feature: permissions.Tracing},
			{Feature: permissions.SQS, Resources: []string{"arn:aws:sqs:us-east-1:123456789012:orders"}},
		},
		LeastPrivilege: true,
		FunctionNames:  []string{"orders"},
	})
	if err != nil {
		panic(err)
	}
	for _, s := range plan.Statements {
		fmt.Printf("%s: %s on %s\n", s.Sid, strings.Join(s.Actions, ", "), strings.Join(s.Resources, ", "))
	}
	for _, w := range plan.Wildcards {
		fmt.Printf("%s on *: %s\n", w.Sid, w.Reason)
	}
	// Output:
	// LogsCreateGroup: logs:CreateLogGroup on arn:${AWS::Partition}:logs:${AWS::Region}:${AWS::AccountId}:log-group:/aws/lambda/orders, arn:${AWS::Partition}:logs:${AWS::Region}:${AWS::AccountId}:log-group:/aws/lambda/orders:*
	// Logs: logs:CreateLogStream, logs:PutLogEvents on arn:${AWS::Partition}:logs:${AWS::Region}:${AWS::AccountId}:log-group:/aws/lambda/orders:*
	// Tracing: xray:PutTraceSegments, xray:PutTelemetryRecords, xray:GetSamplingRules, xray:GetSamplingTargets, xray:GetSamplingStatisticSummaries on *
	// SQSPoll: sqs:ReceiveMessage, sqs:DeleteMessage, sqs:GetQueueAttributes on arn:aws:sqs:us-east-1:123456789012:orders
	// Tracing on *: IAM supports no resource-level permissions for xray:PutTraceSegments, xray:PutTelemetryRecords, xray:GetSamplingRules, xray:GetSamplingTargets, xray:GetSamplingStatisticSummaries
}

// PathName is how CDK's awsiam.ManagedPolicy_FromAwsManagedPolicyName takes a policy.
func ExampleManagedPolicy_PathName() {
	m, err := permissions.LookupManagedPolicy("AWSLambdaSQSQueueExecutionRole")
	if err != nil {
		panic(err)
	}
	fmt.Println(m.PathName())
	// Output: service-role/AWSLambdaSQSQueueExecutionRole
}
