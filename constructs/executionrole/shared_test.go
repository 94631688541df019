package executionrole_test

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/aws/aws-cdk-go/awscdk/v2/awslambda"
	"github.com/aws/aws-cdk-go/awscdk/v2/awslogs"
	"github.com/aws/aws-cdk-go/awscdk/v2/awssqs"
	"github.com/aws/jsii-runtime-go"

	"github.com/execrole/execrole/constructs/executionrole"
	"github.com/execrole/execrole/constructs/permissions"
)

// One least-privilege role serves two functions, each with its own log group: Bind scopes
// the role to both groups, and the stack has no circular dependency.
func TestBindSharedLeastPrivilegeRoleScopesEveryLogGroup(t *testing.T) {
	stack := newStack()
	first := awslogs.NewLogGroup(stack, jsii.String("FirstLogs"), nil)
	second := awslogs.NewLogGroup(stack, jsii.String("SecondLogs"), nil)
	role := executionrole.NewExecutionRole(stack, jsii.String("Role"), &executionrole.ExecutionRoleProps{
		LeastPrivilege: true, LogGroup: first, Features: []executionrole.Feature{executionrole.Tracing()},
	})
	for id, lg := range map[string]awslogs.ILogGroup{"First": first, "Second": second} {
		fn := pythonFunction(stack, id, awslambda.FunctionProps{Role: role, LogGroup: lg})
		role.Bind(fn)
	}
	doc, _ := json.Marshal(onlyRole(t, synth(t, stack))["Policies"])
	for _, want := range []string{`{"Ref":"FirstLogs`, `{"Ref":"SecondLogs`} {
		if !strings.Contains(string(doc), want) {
			t.Errorf("Policies = %s\nwant a statement on %s...}", doc, want)
		}
	}
	if strings.Count(string(doc), `"Sid":"Logs"`) != 1 {
		t.Errorf("Policies = %s\nwant exactly one statement with Sid Logs (Sids are unique in a policy)", doc)
	}
}

// A least-privilege role needs no FunctionName: Bind scopes its logs to each function's
// group, so one role serves several functions.
func TestBindSharedLeastPrivilegeRoleByFunctionName(t *testing.T) {
	stack := newStack()
	role := executionrole.NewExecutionRole(stack, jsii.String("Role"), &executionrole.ExecutionRoleProps{LeastPrivilege: true})
	for _, name := range []string{"orders", "refunds"} {
		role.Bind(pythonFunction(stack, name, awslambda.FunctionProps{FunctionName: jsii.String(name), Role: role}))
	}
	doc, _ := json.Marshal(onlyRole(t, synth(t, stack))["Policies"])
	for _, want := range []string{`:log-group:/aws/lambda/orders:*"`, `:log-group:/aws/lambda/refunds:*"`} {
		if strings.Count(string(doc), want) != 2 { // logs:CreateLogGroup and the stream actions
			t.Errorf("Policies = %s\nwant two statements on %s", doc, want)
		}
	}
}

func TestBindFailsIfASharedLeastPrivilegeRoleMeetsAGeneratedName(t *testing.T) {
	stack := newStack()
	role := executionrole.NewExecutionRole(stack, jsii.String("Role"), &executionrole.ExecutionRoleProps{LeastPrivilege: true})
	role.Bind(pythonFunction(stack, "Orders", awslambda.FunctionProps{FunctionName: jsii.String("orders"), Role: role}))
	fn := newFunction(stack, "Fn", role)
	got := panicMessage(func() { role.Bind(fn) })
	want := "execrole: Test/Role: Bind(Test/Fn): least-privilege role Test/Role is scoped to /aws/lambda/orders, and the function logs to /aws/lambda/<the name CloudFormation generates for it>: scoping the role to that name would make the role depend on the function, which depends on the role (circular dependency); give the function a log group (awslambda.FunctionProps.LogGroup with awslogs.NewLogGroup) or a FunctionName [execrole:log-group-circular]"
	if got != want {
		t.Errorf("panic = %q\nwant    %q", got, want)
	}
}

// Import creates no IAM resource; the plan and the document to attach come with the role.
func TestImportCreatesNoRoleAndCarriesTheDocument(t *testing.T) {
	stack := newStack()
	queue := awssqs.NewQueue(stack, jsii.String("Queue"), nil)
	role := executionrole.Import(stack, jsii.String("Role"), "arn:aws:iam::123456789012:role/platform/orders", &executionrole.ExecutionRoleProps{
		Features: []executionrole.Feature{executionrole.Tracing(), executionrole.SQS(queue), executionrole.DeadLetterQueue(queue)},
	})
	fn := newFunction(stack, "Fn", role)
	queue.GrantConsumeMessages(fn)
	tpl := synth(t, stack)
	for _, typ := range []string{"AWS::IAM::Role", "AWS::IAM::Policy", "AWS::IAM::ManagedPolicy"} {
		if n := len(resources(tpl, typ)); n != 0 {
			t.Errorf("template has %d %s, want none", n, typ)
		}
	}
	imported, ok := executionrole.Imported(fn.Role())
	if !ok {
		t.Fatalf("Imported(fn.Role()) found no plan")
	}
	doc, _ := json.Marshal(imported.PolicyDocument())
	for _, want := range []string{
		`"arn:${AWS::Partition}:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole"`,
		`"arn:${AWS::Partition}:iam::aws:policy/AWSXRayDaemonWriteAccess"`,
		`"arn:${AWS::Partition}:iam::aws:policy/service-role/AWSLambdaSQSQueueExecutionRole"`,
		`"Action":"sqs:SendMessage"`,
		`"trust":["lambda.amazonaws.com"]`,
	} {
		if !strings.Contains(string(doc), want) {
			t.Errorf("PolicyDocument = %s\nwant %s", doc, want)
		}
	}
	if got := imported.RoleArn(); got != "arn:aws:iam::123456789012:role/platform/orders" {
		t.Errorf("RoleArn = %q", got)
	}
}

func TestImportFailsOnRoleFields(t *testing.T) {
	tests := []struct {
		name string
		arn  string
		give executionrole.ExecutionRoleProps
		want string
	}{
		{"fails if the ARN is a policy ARN", "arn:aws:iam::123456789012:policy/x", executionrole.ExecutionRoleProps{},
			`execrole: Test/Role: "arn:aws:iam::123456789012:policy/x" is not a role ARN: give arn:aws:iam::<account>:role/<name> [execrole:role-arn-invalid]`},
		{"fails if a role name is given", "arn:aws:iam::123456789012:role/x", executionrole.ExecutionRoleProps{RoleName: "x"},
			`execrole: Test/Role: Import got RoleName, which describes the role itself: the role exists already and its owner sets it; leave RoleName empty [execrole:import-field-set]`},
		{"fails if the plan breaks a rule", "arn:aws:iam::123456789012:role/x", executionrole.ExecutionRoleProps{LeastPrivilege: true},
			`execrole: Test/Role: least-privilege mode needs the function's log group to scope logs to: give the function's name (its log group is /aws/lambda/<name>) or its log group [execrole:log-group-missing]`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := panicMessage(func() { executionrole.Import(newStack(), jsii.String("Role"), tt.arn, &tt.give) })
			if got != tt.want {
				t.Errorf("panic = %q\nwant    %q", got, tt.want)
			}
		})
	}
}

func TestPlannedStatementsNameTheirFeature(t *testing.T) {
	stack := newStack()
	role := executionrole.NewExecutionRole(stack, jsii.String("Role"), &executionrole.ExecutionRoleProps{
		LeastPrivilege: true, FunctionName: "orders",
		Features:   []executionrole.Feature{executionrole.Tracing(), executionrole.SQSArns("arn:aws:sqs:us-east-1:123456789012:orders")},
		Statements: []permissions.Statement{{Sid: "ReadConfig", Actions: []string{"ssm:GetParameter"}, Resources: []string{"*"}}},
	})
	got := map[string]permissions.ID{}
	for _, s := range role.PlannedStatements() {
		got[s.Actions[0]] = s.Feature
	}
	want := map[string]permissions.ID{
		"logs:CreateLogGroup":   permissions.BasicLogs,
		"logs:CreateLogStream":  permissions.BasicLogs,
		"xray:PutTraceSegments": permissions.Tracing,
		"sqs:ReceiveMessage":    permissions.SQS,
		"ssm:GetParameter":      "",
	}
	for k, v := range want {
		if got[k] != v {
			t.Errorf("statement with %s: feature %q, want %q (all: %v)", k, got[k], v, got)
		}
	}
}
