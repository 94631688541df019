package test

import (
	"errors"
	"fmt"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsec2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awskms"
	"github.com/aws/aws-cdk-go/awscdk/v2/awslambda"
	"github.com/aws/aws-cdk-go/awscdk/v2/awslambdadestinations"
	"github.com/aws/aws-cdk-go/awscdk/v2/awslambdaeventsources"
	"github.com/aws/aws-cdk-go/awscdk/v2/awslogs"
	"github.com/aws/aws-cdk-go/awscdk/v2/awssns"
	"github.com/aws/aws-cdk-go/awscdk/v2/awssqs"
	"github.com/aws/constructs-go/constructs/v10"
	"github.com/aws/jsii-runtime-go"

	"github.com/execrole/execrole/constructs/audit"
	"github.com/execrole/execrole/constructs/executionrole"
	"github.com/execrole/execrole/constructs/permissions"
	"github.com/execrole/execrole/internal/cdktest"
	"github.com/execrole/execrole/internal/refdata"
)

// needed is one permission the Lambda Developer Guide says a configuration needs: an action,
// on a resource that the role's statement must cover ("" for any).
type needed struct{ action, resource string }

// Documented needs, from the Lambda Developer Guide: "Lambda execution role" (logs), "Giving
// Lambda functions access to resources in an Amazon VPC" (network interfaces), "Visualize
// Lambda function invocations using AWS X-Ray" (traces), "Using Lambda with Amazon SQS",
// "Capturing records of Lambda asynchronous invocations" (dead-letter queue and topic,
// destinations), and "Securing Lambda environment variables" (the environment key).
func logsOf(group string) []needed {
	return []needed{{"logs:CreateLogStream", group}, {"logs:PutLogEvents", group}}
}

var (
	vpcNeeds     = []needed{{"ec2:CreateNetworkInterface", ""}, {"ec2:DescribeNetworkInterfaces", ""}, {"ec2:DeleteNetworkInterface", ""}}
	tracingNeeds = []needed{{"xray:PutTraceSegments", ""}, {"xray:PutTelemetryRecords", ""}}
)

func sqsNeeds(queue string) []needed {
	return []needed{{"sqs:ReceiveMessage", queue}, {"sqs:DeleteMessage", queue}, {"sqs:GetQueueAttributes", queue}}
}

// A silent-wrong-role corpus: configurations that go wrong easily. For each, synth either
// fails clearly (a library error with its id, or an audit error naming the fix), or emits a
// role that allows everything the Developer Guide says the function's configuration needs,
// read from the template and the AWS managed policies' documents as AWS publishes them.
func TestNoConfigurationGetsASilentlyWrongRole(t *testing.T) {
	tests := []struct {
		name string
		// build makes the app's one function and returns what it needs.
		build func(stack awscdk.Stack) []needed
		// fails says synth must fail clearly rather than emit a role.
		fails bool
		// region is the stack's. Default: - us-east-1.
		region string
	}{
		// aws-cdk-lib's Function grants the X-Ray actions to its role itself.
		{name: "tracing on the function, not on the role", build: func(s awscdk.Stack) []needed {
			role := executionrole.NewExecutionRole(s, jsii.String("Role"), nil)
			corpusFunction(s, role, awslambda.FunctionProps{Tracing: awslambda.Tracing_ACTIVE})
			return tracingNeeds
		}},
		// The role derives the VPC from the function; an Explicit role does not, and the audit
		// catches it.
		{name: "a VPC on the function, not on the role", build: func(s awscdk.Stack) []needed {
			role := executionrole.NewExecutionRole(s, jsii.String("Role"), nil)
			corpusFunction(s, role, awslambda.FunctionProps{Vpc: corpusVpc(s)})
			return vpcNeeds
		}},
		{name: "a VPC on the function, not on an explicit role", fails: true, build: func(s awscdk.Stack) []needed {
			role := executionrole.NewExecutionRole(s, jsii.String("Role"), &executionrole.ExecutionRoleProps{Explicit: true})
			corpusFunction(s, role, awslambda.FunctionProps{Vpc: corpusVpc(s)})
			return vpcNeeds
		}},
		{name: "a VPC, tracing and an SQS source, each on both", build: func(s awscdk.Stack) []needed {
			q := awssqs.NewQueue(s, jsii.String("Queue"), nil)
			role := executionrole.NewExecutionRole(s, jsii.String("Role"), &executionrole.ExecutionRoleProps{
				Features: []executionrole.Feature{executionrole.VPC(), executionrole.Tracing(), executionrole.SQS(q)},
			})
			fn := corpusFunction(s, role, awslambda.FunctionProps{Vpc: corpusVpc(s), Tracing: awslambda.Tracing_ACTIVE})
			fn.AddEventSource(awslambdaeventsources.NewSqsEventSource(q, nil))
			role.Bind(fn)
			return append(append(append(logsOf(""), vpcNeeds...), tracingNeeds...), sqsNeeds("${"+logicalID(s, q)+".Arn}")...)
		}},
		{name: "a least-privilege SQS feature on one queue, the source on another", build: func(s awscdk.Stack) []needed {
			declared := awssqs.NewQueue(s, jsii.String("Declared"), nil)
			polled := awssqs.NewQueue(s, jsii.String("Polled"), nil)
			role := executionrole.NewExecutionRole(s, jsii.String("Role"), &executionrole.ExecutionRoleProps{
				LeastPrivilege: true, FunctionName: "orders", Features: []executionrole.Feature{executionrole.SQS(declared)},
			})
			fn := corpusFunction(s, role, awslambda.FunctionProps{FunctionName: jsii.String("orders")})
			fn.AddEventSource(awslambdaeventsources.NewSqsEventSource(polled, nil))
			role.Bind(fn)
			return append(logsOf(":log-group:/aws/lambda/orders:"), sqsNeeds("${"+logicalID(s, polled)+".Arn}")...)
		}},
		{name: "a least-privilege role for a function whose name has a typo", fails: true, build: func(s awscdk.Stack) []needed {
			role := executionrole.NewExecutionRole(s, jsii.String("Role"), &executionrole.ExecutionRoleProps{LeastPrivilege: true, FunctionName: "orders-consumer"})
			role.Bind(corpusFunction(s, role, awslambda.FunctionProps{FunctionName: jsii.String("orders-consumr")}))
			return logsOf(":log-group:/aws/lambda/orders-consumr:")
		}},
		{name: "a least-privilege role for a function never bound", fails: true, build: func(s awscdk.Stack) []needed {
			role := executionrole.NewExecutionRole(s, jsii.String("Role"), &executionrole.ExecutionRoleProps{LeastPrivilege: true, FunctionName: "orders-consumer"})
			corpusFunction(s, role, awslambda.FunctionProps{FunctionName: jsii.String("orders-consumr")})
			return logsOf(":log-group:/aws/lambda/orders-consumr:")
		}},
		{name: "a role made for one function, bound to a second", fails: true, build: func(s awscdk.Stack) []needed {
			role := executionrole.NewExecutionRole(s, jsii.String("Role"), &executionrole.ExecutionRoleProps{LeastPrivilege: true, FunctionName: "first"})
			role.Bind(corpusFunctionNamed(s, "First", role, awslambda.FunctionProps{FunctionName: jsii.String("first")}))
			role.Bind(corpusFunctionNamed(s, "Second", role, awslambda.FunctionProps{FunctionName: jsii.String("second")}))
			return logsOf(":log-group:/aws/lambda/second:")
		}},
		{name: "a least-privilege role shared by two functions, each bound", build: func(s awscdk.Stack) []needed {
			shared := awslogs.NewLogGroup(s, jsii.String("SharedLogs"), nil)
			role := executionrole.NewExecutionRole(s, jsii.String("Role"), &executionrole.ExecutionRoleProps{LeastPrivilege: true, LogGroup: shared})
			role.Bind(corpusFunctionNamed(s, "First", role, awslambda.FunctionProps{LogGroup: shared}))
			role.Bind(corpusFunctionNamed(s, "Second", role, awslambda.FunctionProps{FunctionName: jsii.String("second")}))
			return append(logsOf(":log-group:${"+logicalID(s, shared)+"}:"), logsOf(":log-group:/aws/lambda/second:")...)
		}},
		// aws-cdk-lib's Function grants sqs:SendMessage on its dead-letter queue itself.
		{name: "a dead-letter queue on the function, not on the role", build: func(s awscdk.Stack) []needed {
			role := executionrole.NewExecutionRole(s, jsii.String("Role"), nil)
			dlq := awssqs.NewQueue(s, jsii.String("DLQ"), nil)
			corpusFunction(s, role, awslambda.FunctionProps{DeadLetterQueue: dlq})
			return []needed{{"sqs:SendMessage", "${" + logicalID(s, dlq) + ".Arn}"}}
		}},
		{name: "a dead-letter topic on both", build: func(s awscdk.Stack) []needed {
			topic := awssns.NewTopic(s, jsii.String("DLT"), nil)
			role := executionrole.NewExecutionRole(s, jsii.String("Role"), &executionrole.ExecutionRoleProps{
				LeastPrivilege: true, FunctionName: "orders", Features: []executionrole.Feature{executionrole.DeadLetterTopic(topic)},
			})
			role.Bind(corpusFunction(s, role, awslambda.FunctionProps{FunctionName: jsii.String("orders"), DeadLetterTopic: topic}))
			return append(logsOf(":log-group:/aws/lambda/orders:"), needed{"sns:Publish", "${" + logicalID(s, topic) + "}"})
		}},
		{name: "an environment key on the function, not on the role", build: func(s awscdk.Stack) []needed {
			role := executionrole.NewExecutionRole(s, jsii.String("Role"), nil)
			k := awskms.NewKey(s, jsii.String("Key"), nil)
			corpusFunction(s, role, awslambda.FunctionProps{EnvironmentEncryption: k, Environment: &map[string]*string{"STAGE": jsii.String("prod")}})
			return []needed{{"kms:Decrypt", "${" + logicalID(s, k) + ".Arn}"}}
		}},
		{name: "an environment key on the function, not on an explicit role", fails: true, build: func(s awscdk.Stack) []needed {
			role := executionrole.NewExecutionRole(s, jsii.String("Role"), &executionrole.ExecutionRoleProps{Explicit: true})
			k := awskms.NewKey(s, jsii.String("Key"), nil)
			corpusFunction(s, role, awslambda.FunctionProps{EnvironmentEncryption: k, Environment: &map[string]*string{"STAGE": jsii.String("prod")}})
			return []needed{{"kms:Decrypt", "${" + logicalID(s, k) + ".Arn}"}}
		}},
		{name: "an on-failure destination queue on both", build: func(s awscdk.Stack) []needed {
			failures := awssqs.NewQueue(s, jsii.String("Failures"), nil)
			role := executionrole.NewExecutionRole(s, jsii.String("Role"), &executionrole.ExecutionRoleProps{
				Features: []executionrole.Feature{executionrole.DestinationQueue(failures)},
			})
			role.Bind(corpusFunction(s, role, awslambda.FunctionProps{OnFailure: awslambdadestinations.NewSqsDestination(failures)}))
			return append(logsOf(""), needed{"sqs:SendMessage", "${" + logicalID(s, failures) + ".Arn}"})
		}},
		{name: "Lambda@Edge outside us-east-1", fails: true, build: func(s awscdk.Stack) []needed {
			role := executionrole.NewExecutionRole(s, jsii.String("Role"), &executionrole.ExecutionRoleProps{Features: []executionrole.Feature{executionrole.Edge()}})
			corpusFunction(s, role, awslambda.FunctionProps{})
			return nil
		}, region: "eu-west-1"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			app := newApp()
			region := tt.region
			if region == "" {
				region = "us-east-1"
			}
			stack := awscdk.NewStack(app, jsii.String("Corpus"), &awscdk.StackProps{
				Env: &awscdk.Environment{Account: jsii.String(acct), Region: jsii.String(region)},
			})
			var needs []needed
			failure := recoverError(func() {
				needs = tt.build(stack)
				audit.Apply(app, nil)
				app.Synth(nil)
			})
			if failure == "" {
				failure = strings.Join(cdktest.Messages(t, *app.Outdir(), *stack.StackName())["aws:cdk:error"], "\n")
			}
			if failure != "" {
				if !tt.fails {
					t.Fatalf("synth failed: %s", failure)
				}
				if strings.Contains(failure, "Go runtime error") || !(strings.Contains(failure, "[execrole:") || strings.Contains(failure, "add executionrole.") || strings.Contains(failure, "attach the AWS managed policy")) {
					t.Errorf("synth failed, but not with the library's error and its fix: %s", failure)
				}
				return
			}
			if tt.fails {
				t.Errorf("synth succeeded; want it to fail clearly")
			}
			var tpl map[string]any
			if err := refdata.ReadJSON(filepath.Join(*app.Outdir(), *stack.TemplateFile()), &tpl); err != nil {
				t.Fatal(err)
			}
			allowed := corpusAllowed(t, tpl)
			for _, n := range needs {
				if !allows(allowed, n) {
					t.Errorf("synth succeeded with a role that does not allow %s on %q:\n%v", n.action, n.resource, allowed)
				}
			}
		})
	}
}

func corpusFunction(s awscdk.Stack, role executionroleRole, props awslambda.FunctionProps) awslambda.Function {
	return corpusFunctionNamed(s, "Fn", role, props)
}

// executionroleRole is what corpus functions run as.
type executionroleRole = *executionrole.ExecutionRole

// corpusFunctionNamed is a Python function of props: its logical id starts with id.
func corpusFunctionNamed(s awscdk.Stack, id string, role executionroleRole, props awslambda.FunctionProps) awslambda.Function {
	props.Role = role
	props.Runtime, props.Handler = awslambda.Runtime_PYTHON_3_14(), jsii.String("index.handler")
	props.Code = awslambda.Code_FromInline(jsii.String("def handler(e, c): pass"))
	return awslambda.NewFunction(s, jsii.String(id), &props)
}

func corpusVpc(s awscdk.Stack) awsec2.IVpc {
	return awsec2.Vpc_FromVpcAttributes(s, jsii.String("Vpc"), &awsec2.VpcAttributes{
		VpcId: jsii.String("vpc-0123456789abcdef0"), AvailabilityZones: jsii.Strings("us-east-1a"),
		PrivateSubnetIds: jsii.Strings("subnet-0123456789abcdef0"),
	})
}

// logicalID is the logical id of c's resource in s.
func logicalID(s awscdk.Stack, c constructs.IConstruct) string {
	id, _ := s.Resolve(s.GetLogicalId(c.Node().DefaultChild().(awscdk.CfnElement))).(string)
	return id
}

// recoverError runs f and returns what it panicked with, "" when it did not. A Go runtime
// error is not a clear failure: it fails the test.
func recoverError(f func()) (msg string) {
	defer func() {
		if r := recover(); r != nil {
			var re interface{ RuntimeError() }
			if e, ok := r.(error); ok && errors.As(e, &re) {
				msg = "Go runtime error (not a clear failure): " + e.Error()
				return
			}
			msg = fmt.Sprint(r)
		}
	}()
	f()
	return ""
}

// corpusAllowed are the statements that the roles of the corpus's functions (logical ids
// Fn, First, Second) hold: inline, in AWS::IAM::Policy resources attached to them, and in the
// AWS managed policies they attach, as AWS publishes those.
func corpusAllowed(t *testing.T, tpl map[string]any) []permissions.Statement {
	t.Helper()
	roles := map[string]bool{}
	for id, f := range cdktest.Resources(tpl, "AWS::Lambda::Function") {
		if strings.HasPrefix(id, "Fn") || strings.HasPrefix(id, "First") || strings.HasPrefix(id, "Second") {
			role := cdktest.Flatten(f["Properties"].(map[string]any)["Role"])
			roles[strings.TrimSuffix(strings.TrimPrefix(role, "${"), ".Arn}")] = true
		}
	}
	var out []permissions.Statement
	add := func(doc any) {
		d, _ := doc.(map[string]any)
		list, _ := d["Statement"].([]any)
		for _, st := range list {
			m, _ := st.(map[string]any)
			if m["Effect"] != "Allow" || m["Condition"] != nil {
				continue
			}
			out = append(out, permissions.Statement{Actions: flatList(m["Action"]), Resources: flatList(m["Resource"])})
		}
	}
	for id, r := range cdktest.Resources(tpl, "AWS::IAM::Role") {
		if !roles[id] {
			continue
		}
		props, _ := r["Properties"].(map[string]any)
		policies, _ := props["Policies"].([]any)
		for _, p := range policies {
			add(p.(map[string]any)["PolicyDocument"])
		}
		arns, _ := props["ManagedPolicyArns"].([]any)
		for _, a := range arns {
			text := cdktest.Flatten(a)
			name := text[strings.LastIndex(text, "/")+1:]
			var doc struct{ Document map[string]any }
			if err := refdata.ReadJSON(refdata.Require(t, filepath.Join("managed-policies", name+".json")), &doc); err != nil {
				t.Fatal(err)
			}
			add(doc.Document)
		}
	}
	for _, p := range cdktest.Resources(tpl, "AWS::IAM::Policy") {
		props, _ := p["Properties"].(map[string]any)
		for _, r := range flatList(props["Roles"]) {
			if roles[strings.TrimSuffix(strings.TrimPrefix(r, "${"), "}")] {
				add(props["PolicyDocument"])
			}
		}
	}
	return out
}

// flatList is a value or list of values, each flattened as cdktest.Flatten writes them.
func flatList(v any) []string {
	items, ok := v.([]any)
	if !ok {
		items = []any{v}
	}
	out := make([]string, len(items))
	for i, it := range items {
		out[i] = cdktest.Flatten(it)
	}
	return out
}

// allows reports whether a statement allows n: its action, by IAM's wildcards, on a
// resource that is "*" or holds n's resource text.
func allows(stmts []permissions.Statement, n needed) bool {
	for _, s := range stmts {
		if !slices.ContainsFunc(s.Actions, func(a string) bool { return permissions.ActionMatches(a, n.action) }) {
			continue
		}
		if n.resource == "" || slices.ContainsFunc(s.Resources, func(r string) bool {
			return r == "*" || strings.Contains(r, n.resource)
		}) {
			return true
		}
	}
	return false
}
