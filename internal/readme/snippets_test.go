package readme

import (
	"maps"
	"os"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsdynamodb"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsec2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsiam"
	"github.com/aws/aws-cdk-go/awscdk/v2/awskinesis"
	"github.com/aws/aws-cdk-go/awscdk/v2/awslambda"
	"github.com/aws/aws-cdk-go/awscdk/v2/awslambdaeventsources"
	"github.com/aws/aws-cdk-go/awscdk/v2/awssqs"
	"github.com/aws/jsii-runtime-go"

	"github.com/execrole/execrole/blueprints"
	"github.com/execrole/execrole/constructs/audit"
	"github.com/execrole/execrole/constructs/executionrole"
	"github.com/execrole/execrole/constructs/templates"
	"github.com/execrole/execrole/internal/cdktest"
	_ "github.com/execrole/execrole/jsiinode"
)

// The README's Go code is cut from the functions below: each ```go block of README.md and
// blueprints/README.md follows a <!-- snippet NAME --> line, and its text is the region
// between "// snippet: NAME" and "// end snippet" here, so it compiles, and the tests run it.

func newStack(app awscdk.App) awscdk.Stack {
	return awscdk.NewStack(app, jsii.String("Readme"), nil)
}

func quickstart(stack awscdk.Stack) {
	// snippet: quickstart
	vpc := awsec2.NewVpc(stack, jsii.String("Vpc"), nil)
	queue := awssqs.NewQueue(stack, jsii.String("Queue"), nil)

	role := executionrole.NewExecutionRole(stack, jsii.String("Role"), nil)

	fn := awslambda.NewFunction(stack, jsii.String("Consumer"), &awslambda.FunctionProps{
		Runtime: awslambda.Runtime_PYTHON_3_14(),
		Handler: jsii.String("index.handler"),
		Code:    awslambda.Code_FromAsset(jsii.String("handler"), nil),
		Role:    role,
		Tracing: awslambda.Tracing_ACTIVE,
		Vpc:     vpc,
	})
	fn.AddEventSource(awslambdaeventsources.NewSqsEventSource(queue, nil))
	role.Bind(fn)
	// end snippet
}

func leastPrivilege(stack awscdk.Stack) {
	queue := awssqs.NewQueue(stack, jsii.String("Queue"), nil)
	// snippet: least-privilege
	role := executionrole.NewExecutionRole(stack, jsii.String("Role"), &executionrole.ExecutionRoleProps{
		LeastPrivilege: true,
	})
	fn := awslambda.NewFunction(stack, jsii.String("Consumer"), &awslambda.FunctionProps{
		FunctionName: jsii.String("orders-consumer"),
		Runtime:      awslambda.Runtime_PYTHON_3_14(),
		Handler:      jsii.String("index.handler"),
		Code:         awslambda.Code_FromAsset(jsii.String("handler"), nil),
		Role:         role,
	})
	fn.AddEventSource(awslambdaeventsources.NewSqsEventSource(queue, nil))
	role.Bind(fn)
	// end snippet
}

func onFailure(stack awscdk.Stack) {
	stream := awskinesis.NewStream(stack, jsii.String("Stream"), nil)
	failures := awssqs.NewQueue(stack, jsii.String("Failures"), nil)
	role := executionrole.NewExecutionRole(stack, jsii.String("Role"), nil)
	fn := function(stack, role)
	// snippet: on-failure
	awslambda.NewEventSourceMapping(stack, jsii.String("FromStream"), &awslambda.EventSourceMappingProps{
		Target: fn, EventSourceArn: stream.StreamArn(), StartingPosition: awslambda.StartingPosition_LATEST,
		OnFailure: role.OnFailureQueue(failures), // DestinationQueue: sqs:SendMessage, kms:GenerateDataKey, kms:Decrypt
	})
	// end snippet
}

func policyTemplates(stack awscdk.Stack) {
	table := awsdynamodb.NewTable(stack, jsii.String("Table"), &awsdynamodb.TableProps{
		PartitionKey: &awsdynamodb.Attribute{Name: jsii.String("id"), Type: awsdynamodb.AttributeType_STRING},
	})
	queue := awssqs.NewQueue(stack, jsii.String("Queue"), nil)
	role := executionrole.NewExecutionRole(stack, jsii.String("Role"), &executionrole.ExecutionRoleProps{
		// snippet: templates
		Templates: []templates.Use{
			templates.Apply("DynamoDBCrudPolicy", *table.TableName()),
			templates.Apply("SQSSendMessagePolicy", *queue.QueueName()),
		},
		// end snippet
	})
	function(stack, role)
}

func applyAudit() awscdk.App {
	// snippet: audit
	app := awscdk.NewApp(nil)
	// ... stacks ...
	audit.Apply(app, &audit.Props{AutoFix: true, Report: true})
	app.Synth(nil)
	// end snippet
	return app
}

func derive(stack awscdk.Stack) {
	queue := awssqs.NewQueue(stack, jsii.String("Queue"), nil)
	// snippet: derive
	role := executionrole.NewExecutionRole(stack, jsii.String("Role"), nil)
	fn := awslambda.NewFunction(stack, jsii.String("Fn"), &awslambda.FunctionProps{
		Runtime: awslambda.Runtime_PYTHON_3_14(),
		Handler: jsii.String("index.handler"),
		Code:    awslambda.Code_FromAsset(jsii.String("handler"), nil),
		Role:    role,
		Tracing: awslambda.Tracing_ACTIVE,
	})
	fn.AddEventSource(awslambdaeventsources.NewSqsEventSource(queue, nil))
	features := audit.FeaturesOf(fn) // [tracing sqs], with the queue
	// end snippet
	_ = features
	// snippet: bind
	role.Bind(fn)
	// end snippet
}

func importRole(stack awscdk.Stack) {
	queue := awssqs.NewQueue(stack, jsii.String("Queue"), nil)
	// snippet: import
	role := executionrole.Import(stack, jsii.String("Role"), "arn:aws:iam::123456789012:role/orders", &executionrole.ExecutionRoleProps{
		Features: []executionrole.Feature{executionrole.Tracing(), executionrole.SQS(queue)},
	})
	awslambda.NewFunction(stack, jsii.String("Fn"), &awslambda.FunctionProps{
		Runtime: awslambda.Runtime_PYTHON_3_14(),
		Handler: jsii.String("index.handler"),
		Code:    awslambda.Code_FromAsset(jsii.String("handler"), nil),
		Role:    role,
		Tracing: awslambda.Tracing_ACTIVE,
	})
	// end snippet
}

func managedInstances(stack awscdk.Stack) {
	vpc := awsec2.NewVpc(stack, jsii.String("Vpc"), nil)
	instances := awsec2.NewSecurityGroup(stack, jsii.String("Instances"), &awsec2.SecurityGroupProps{Vpc: vpc})
	// snippet: managed-instances
	operator := executionrole.NewOperatorRole(stack, jsii.String("Operator"), nil)
	provider := awslambda.NewCapacityProvider(stack, jsii.String("Provider"), &awslambda.CapacityProviderProps{
		CapacityProviderName: jsii.String("orders"),
		OperatorRole:         operator,
		Subnets:              vpc.PrivateSubnets(),
		SecurityGroups:       &[]awsec2.ISecurityGroup{instances},
	})
	role := executionrole.NewExecutionRole(stack, jsii.String("Role"), nil)
	fn := awslambda.NewFunction(stack, jsii.String("Orders"), &awslambda.FunctionProps{
		Runtime: awslambda.Runtime_PYTHON_3_14(),
		Handler: jsii.String("index.handler"),
		Code:    awslambda.Code_FromAsset(jsii.String("handler"), nil),
		Role:    role,
	})
	provider.AddFunction(fn, nil)
	// end snippet
}

func blueprintUse(app awscdk.App) {
	stack := awscdk.NewStack(app, jsii.String("Mine"), nil)
	env := &awscdk.Environment{Account: jsii.String("123456789012"), Region: jsii.String("us-east-1")}
	// snippet: blueprints
	// A construct, in a stack of yours...
	poller := blueprints.NewSqsPoller(stack, jsii.String("Orders"), &blueprints.SqsPollerProps{BatchSize: 5})
	// poller.Queue, poller.Function, poller.Role, poller.LogGroup, poller.EventSourceMapping

	// ...or a ready stack.
	blueprints.NewSqsPollerStack(app, "Orders", &blueprints.StackProps[blueprints.SqsPollerProps]{
		StackProps: awscdk.StackProps{Env: env},
		Blueprint:  blueprints.SqsPollerProps{FunctionOptions: blueprints.FunctionOptions{LeastPrivilege: true}},
	})
	// end snippet
	_ = poller
}

// function is a function that runs as role, for snippets about something else.
func function(stack awscdk.Stack, role awsiam.IRole) awslambda.Function {
	fn := awslambda.NewFunction(stack, jsii.String("Fn"), &awslambda.FunctionProps{
		Runtime: awslambda.Runtime_PYTHON_3_14(),
		Handler: jsii.String("index.handler"),
		Code:    awslambda.Code_FromAsset(jsii.String("handler"), nil),
		Role:    role,
	})
	return fn
}

var (
	snippetStart = regexp.MustCompile(`^(\t*)// snippet: (\S+)$`)
	fence        = regexp.MustCompile("^<!-- snippet (\\S+) -->\n```go\n")
)

// regions returns the snippet regions of a Go source file, by name, without their indent.
func regions(t *testing.T, path string) map[string]string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]string{}
	lines := strings.Split(string(b), "\n")
	for i := 0; i < len(lines); i++ {
		m := snippetStart.FindStringSubmatch(lines[i])
		if m == nil {
			continue
		}
		var body []string
		for i++; i < len(lines) && strings.TrimSpace(lines[i]) != "// end snippet"; i++ {
			body = append(body, strings.TrimPrefix(lines[i], m[1]))
		}
		out[m[2]] = strings.Join(body, "\n") + "\n"
	}
	return out
}

// goBlocks returns the ```go blocks of a Markdown file by the snippet name before each; a
// block without one is reported.
func goBlocks(t *testing.T, path string) map[string]string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	text := string(b)
	out := map[string]string{}
	for i := strings.Index(text, "```go\n"); i >= 0; {
		start := strings.LastIndex(text[:i], "\n<!-- snippet ")
		m := fence.FindStringSubmatch(text[start+1:])
		end := strings.Index(text[i+6:], "```")
		if m == nil || start+1+len(m[0]) != i+6 || end < 0 {
			t.Errorf("%s: a ```go block at byte %d has no <!-- snippet NAME --> line before it", path, i)
		} else {
			out[m[1]] = text[i+6 : i+6+end]
		}
		next := strings.Index(text[i+6:], "```go\n")
		if next < 0 {
			break
		}
		i += 6 + next
	}
	return out
}

// Every Go block of the READMEs is a region of this file, word for word, and every region
// appears in a README.
func TestREADMECodeIsCutFromThisFile(t *testing.T) {
	want := regions(t, "snippets_test.go")
	got := goBlocks(t, "../../README.md")
	for k, v := range goBlocks(t, "../../blueprints/README.md") {
		got[k] = v
	}
	for name, block := range got {
		if region, ok := want[name]; !ok {
			t.Errorf("README snippet %q has no region in snippets_test.go", name)
		} else if block != region {
			t.Errorf("README snippet %q differs from its region in snippets_test.go:\nREADME:\n%s\nregion:\n%s", name, block, region)
		}
	}
	for _, name := range slices.Sorted(maps.Keys(want)) {
		if _, ok := got[name]; !ok {
			t.Errorf("region %q of snippets_test.go is in no README", name)
		}
	}
}

// The snippets run: each synthesizes, and the quickstart's role is the one the README says.
func TestREADMESnippetsSynthesize(t *testing.T) {
	tests := []struct {
		name  string
		build func(awscdk.Stack)
	}{
		{"quickstart", quickstart},
		{"least-privilege", leastPrivilege},
		{"on-failure", onFailure},
		{"templates", policyTemplates},
		{"derive", derive},
		{"import", importRole},
		{"managed-instances", managedInstances},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			stack := newStack(awscdk.NewApp(nil))
			tt.build(stack)
			tpl := cdktest.Template(t, stack)
			if tt.name != "quickstart" {
				return
			}
			roles := cdktest.Resources(tpl, "AWS::IAM::Role")
			if len(roles) != 1 {
				t.Fatalf("quickstart: %d roles, want 1", len(roles))
			}
			for _, r := range roles {
				arns := cdktest.Flatten(r["Properties"].(map[string]any)["ManagedPolicyArns"])
				for _, p := range []string{"service-role/AWSLambdaBasicExecutionRole", "AWSXRayDaemonWriteAccess", "service-role/AWSLambdaVPCAccessExecutionRole", "service-role/AWSLambdaSQSQueueExecutionRole"} {
					if !strings.Contains(arns, ":iam::aws:policy/"+p+",") && !strings.HasSuffix(arns, ":iam::aws:policy/"+p) {
						t.Errorf("quickstart role lacks %s: %s", p, arns)
					}
				}
			}
		})
	}
	t.Run("audit", func(t *testing.T) { applyAudit() })
	t.Run("blueprints", func(t *testing.T) {
		app := awscdk.NewApp(nil)
		blueprintUse(app)
		app.Synth(nil)
	})
}
