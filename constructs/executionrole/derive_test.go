package executionrole_test

import (
	"encoding/json"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsdynamodb"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsec2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awskinesis"
	"github.com/aws/aws-cdk-go/awscdk/v2/awskms"
	"github.com/aws/aws-cdk-go/awscdk/v2/awslambda"
	"github.com/aws/aws-cdk-go/awscdk/v2/awslambdadestinations"
	"github.com/aws/aws-cdk-go/awscdk/v2/awslambdaeventsources"
	"github.com/aws/aws-cdk-go/awscdk/v2/awssns"
	"github.com/aws/aws-cdk-go/awscdk/v2/awssqs"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsssm"
	"github.com/aws/jsii-runtime-go"

	"github.com/execrole/execrole/constructs/executionrole"
	"github.com/execrole/execrole/constructs/permissions"
	"github.com/execrole/execrole/internal/refdata"
)

// samCase is a function configuration AWS SAM builds a role for, and what SAM's role holds:
// the AWS managed policies SAM attaches (samtranslator's function and pull event source
// models name them) and the inline actions it adds (dead-letter targets).
type samCase struct {
	name string
	// build configures the function's props and what targets it; it returns nothing, the
	// function is made by the test.
	props func(stack awscdk.Stack, p *awslambda.FunctionProps)
	after func(stack awscdk.Stack, fn awslambda.Function)
	// samManaged are the policies SAM attaches besides AWSLambdaBasicExecutionRole;
	// samInline the actions of its inline statements.
	samManaged []string
	samInline  []string
}

func samCases() []samCase {
	return []samCase{
		{name: "SQS event source", after: func(stack awscdk.Stack, fn awslambda.Function) {
			fn.AddEventSource(awslambdaeventsources.NewSqsEventSource(awssqs.NewQueue(stack, jsii.String("Q"), nil), nil))
		}, samManaged: []string{"service-role/AWSLambdaSQSQueueExecutionRole"}},
		{name: "Kinesis event source", after: func(stack awscdk.Stack, fn awslambda.Function) {
			fn.AddEventSource(awslambdaeventsources.NewKinesisEventSource(awskinesis.NewStream(stack, jsii.String("S"), nil),
				&awslambdaeventsources.KinesisEventSourceProps{StartingPosition: awslambda.StartingPosition_LATEST}))
		}, samManaged: []string{"service-role/AWSLambdaKinesisExecutionRole"}},
		{name: "DynamoDB Streams event source", after: func(stack awscdk.Stack, fn awslambda.Function) {
			table := awsdynamodb.NewTable(stack, jsii.String("T"), &awsdynamodb.TableProps{
				PartitionKey: &awsdynamodb.Attribute{Name: jsii.String("id"), Type: awsdynamodb.AttributeType_STRING},
				Stream:       awsdynamodb.StreamViewType_NEW_IMAGE,
			})
			fn.AddEventSource(awslambdaeventsources.NewDynamoEventSource(table,
				&awslambdaeventsources.DynamoEventSourceProps{StartingPosition: awslambda.StartingPosition_LATEST}))
		}, samManaged: []string{"service-role/AWSLambdaDynamoDBExecutionRole"}},
		{name: "active tracing", props: func(_ awscdk.Stack, p *awslambda.FunctionProps) {
			p.Tracing = awslambda.Tracing_ACTIVE
		}, samManaged: []string{"AWSXrayWriteOnlyAccess"}},
		{name: "VPC", props: func(stack awscdk.Stack, p *awslambda.FunctionProps) {
			p.Vpc = awsec2.NewVpc(stack, jsii.String("Vpc"), &awsec2.VpcProps{MaxAzs: jsii.Number(1), NatGateways: jsii.Number(0),
				SubnetConfiguration: &[]*awsec2.SubnetConfiguration{{Name: jsii.String("Isolated"), SubnetType: awsec2.SubnetType_PRIVATE_ISOLATED}}})
		}, samManaged: []string{"service-role/AWSLambdaVPCAccessExecutionRole"}},
		{name: "SQS dead-letter queue", props: func(stack awscdk.Stack, p *awslambda.FunctionProps) {
			p.DeadLetterQueue = awssqs.NewQueue(stack, jsii.String("Dlq"), nil)
		}, samInline: []string{"sqs:SendMessage"}},
		{name: "SNS dead-letter topic", props: func(stack awscdk.Stack, p *awslambda.FunctionProps) {
			p.DeadLetterTopic = awssns.NewTopic(stack, jsii.String("Dlt"), nil)
		}, samInline: []string{"sns:Publish"}},
		{name: "on-failure destination queue", props: func(stack awscdk.Stack, p *awslambda.FunctionProps) {
			p.OnFailure = awslambdadestinations.NewSqsDestination(awssqs.NewQueue(stack, jsii.String("Failed"), nil))
		}, samInline: []string{"sqs:SendMessage"}},
		{name: "on-success destination topic", props: func(stack awscdk.Stack, p *awslambda.FunctionProps) {
			p.OnSuccess = awslambdadestinations.NewSnsDestination(awssns.NewTopic(stack, jsii.String("Done"), nil))
		}, samInline: []string{"sns:Publish"}},
	}
}

// managedActions are the actions of the named AWS managed policies, from AWS's documents.
func managedActions(t *testing.T, names []string) []string {
	t.Helper()
	dir := refdata.Require(t, "managed-policies")
	var out []string
	for _, n := range names {
		var doc struct {
			Document struct {
				Statement []struct {
					Effect string
					Action any
				}
			}
		}
		base := n[strings.LastIndex(n, "/")+1:]
		if err := refdata.ReadJSON(filepath.Join(dir, base+".json"), &doc); err != nil {
			t.Fatal(err)
		}
		for _, s := range doc.Document.Statement {
			if s.Effect == "Allow" {
				out = append(out, actionList(s.Action)...)
			}
		}
	}
	slices.Sort(out)
	return slices.Compact(out)
}

// A role with no features, passed to the function and bound, derives what the function's
// configuration needs. In managed mode it holds the same effective actions as the role AWS SAM
// generates for the same configuration (SAM's managed policies, read from AWS's policy
// documents) where SAM attaches managed policies only, at least what SAM's role allows where
// SAM adds statements of its own, and no statement the managed policies already allow.
func TestDerivedRoleMatchesSAM(t *testing.T) {
	for _, tc := range samCases() {
		t.Run(tc.name, func(t *testing.T) {
			stack := newStackIn("us-east-1")
			role := executionrole.NewExecutionRole(stack, jsii.String("Role"), nil)
			p := &awslambda.FunctionProps{
				Runtime: awslambda.Runtime_PYTHON_3_13(), Handler: jsii.String("index.handler"),
				Code: awslambda.Code_FromInline(jsii.String("def handler(e, c): pass")), Role: role,
			}
			if tc.props != nil {
				tc.props(stack, p)
			}
			fn := awslambda.NewFunction(stack, jsii.String("Fn"), p)
			if tc.after != nil {
				tc.after(stack, fn)
			}
			role.Bind(fn)
			props := roleProps(t, synth(t, stack), "Role")
			got := managedPolicyNames(t, props)
			want := managedActions(t, append([]string{"service-role/AWSLambdaBasicExecutionRole"}, tc.samManaged...))
			gotActions := append(managedActions(t, got), inlineActions(props)...)
			wantActions := append(want, tc.samInline...)
			if missing := difference(wantActions, gotActions); len(missing) > 0 {
				t.Errorf("derived role lacks %v of what SAM's role allows (managed %v, inline %v)", missing, got, inlineActions(props))
			}
			// Where SAM adds inline statements of its own, the derived role must allow at least
			// what SAM's does; where SAM attaches managed policies only, exactly that.
			if extra := difference(gotActions, wantActions); len(extra) > 0 && len(tc.samInline) == 0 {
				t.Errorf("derived role allows %v beyond SAM's role (managed %v, inline %v)", extra, got, inlineActions(props))
			}
			if twice := slices.DeleteFunc(inlineActions(props), func(a string) bool { return !slices.Contains(managedActions(t, got), a) }); len(twice) > 0 {
				t.Errorf("inline statements grant %v, which the role's managed policies allow already", twice)
			}
		})
	}
}

// difference lists what of a (patterns allowed on neither side) no entry of b matches.
func difference(a, b []string) []string {
	var out []string
	for _, x := range a {
		if !slices.ContainsFunc(b, func(y string) bool { return permissions.ActionMatches(y, x) }) {
			out = append(out, x)
		}
	}
	slices.Sort(out)
	return slices.Compact(out)
}

// A function whose Role is the role but that was never bound is bound at synth: a
// least-privilege role scopes its logs to the function's log group and derives its features.
func TestUnboundFunctionIsBoundAtSynth(t *testing.T) {
	stack := newStackIn("us-east-1")
	role := executionrole.NewExecutionRole(stack, jsii.String("Role"), &executionrole.ExecutionRoleProps{LeastPrivilege: true})
	queue := awssqs.NewQueue(stack, jsii.String("Q"), nil)
	for _, name := range []string{"orders-consumer", "orders-auditor"} {
		fn := awslambda.NewFunction(stack, jsii.String(name), &awslambda.FunctionProps{
			FunctionName: jsii.String(name), Runtime: awslambda.Runtime_PYTHON_3_13(), Handler: jsii.String("index.handler"),
			Code: awslambda.Code_FromInline(jsii.String("def handler(e, c): pass")), Role: role,
		})
		if name == "orders-consumer" {
			role.Bind(fn)
			fn.AddEventSource(awslambdaeventsources.NewSqsEventSource(queue, nil))
		}
	}
	props := roleProps(t, synth(t, stack), "Role")
	doc, _ := json.Marshal(props["Policies"])
	for _, want := range []string{"log-group:/aws/lambda/orders-consumer:", "log-group:/aws/lambda/orders-auditor:", "sqs:ReceiveMessage"} {
		if !strings.Contains(string(doc), want) {
			t.Errorf("role's inline policy lacks %s: %s", want, doc)
		}
	}
	for _, unused := range []string{"sqs:ChangeMessageVisibility", "sqs:GetQueueUrl"} {
		if strings.Contains(string(doc), unused) {
			t.Errorf("role keeps %s from the event source's grant, which Lambda's SQS poller does not use", unused)
		}
	}
}

// The user's own grants stay whole, even where an event source's grant of the same actions
// is superseded: only what the role allows already is taken out of them.
func TestUserGrantsAreKept(t *testing.T) {
	stack := newStackIn("us-east-1")
	role := executionrole.NewExecutionRole(stack, jsii.String("Role"), &executionrole.ExecutionRoleProps{LeastPrivilege: true})
	queue := awssqs.NewQueue(stack, jsii.String("Q"), nil)
	fn := awslambda.NewFunction(stack, jsii.String("Fn"), &awslambda.FunctionProps{
		FunctionName: jsii.String("consumer"), Runtime: awslambda.Runtime_PYTHON_3_13(), Handler: jsii.String("index.handler"),
		Code: awslambda.Code_FromInline(jsii.String("def handler(e, c): pass")), Role: role,
	})
	fn.AddEventSource(awslambdaeventsources.NewSqsEventSource(queue, nil))
	queue.GrantConsumeMessages(role) // the function's code reads the queue itself too
	role.Bind(fn)
	doc, _ := json.Marshal(roleProps(t, synth(t, stack), "Role")["Policies"])
	for _, want := range []string{"sqs:ChangeMessageVisibility", "sqs:GetQueueUrl"} {
		if !strings.Contains(string(doc), want) {
			t.Errorf("the user's GrantConsumeMessages lost %s: %s", want, doc)
		}
	}
}

// A declared feature and the same feature derived from the function's configuration make one
// use: the resource is listed once, whatever token each side holds for it.
func TestDeclaredAndDerivedMerge(t *testing.T) {
	stack := newStackIn("us-east-1")
	key := awskms.NewKey(stack, jsii.String("Key"), nil)
	queue := awssqs.NewQueue(stack, jsii.String("Q"), &awssqs.QueueProps{EncryptionMasterKey: key})
	dlq := awssqs.NewQueue(stack, jsii.String("Dlq"), nil)
	role := executionrole.NewExecutionRole(stack, jsii.String("Role"), &executionrole.ExecutionRoleProps{
		LeastPrivilege: true, Features: []executionrole.Feature{executionrole.SQS(queue), executionrole.DeadLetterQueue(dlq)},
	})
	fn := awslambda.NewFunction(stack, jsii.String("Fn"), &awslambda.FunctionProps{
		FunctionName: jsii.String("consumer"), Runtime: awslambda.Runtime_PYTHON_3_13(), Handler: jsii.String("index.handler"),
		Code: awslambda.Code_FromInline(jsii.String("def handler(e, c): pass")), Role: role, DeadLetterQueue: dlq,
	})
	fn.AddEventSource(awslambdaeventsources.NewSqsEventSource(queue, nil))
	role.Bind(fn)
	doc, _ := json.Marshal(roleProps(t, synth(t, stack), "Role")["Policies"])
	if n := strings.Count(string(doc), `"sqs:ReceiveMessage"`); n != 1 {
		t.Errorf("sqs:ReceiveMessage appears %d times, want once: %s", n, doc)
	}
	for _, q := range []string{"Q", "Dlq"} {
		if n := strings.Count(string(doc), `{"Fn::GetAtt":["`+q); n != 1 {
			t.Errorf("queue %s's ARN appears %d times, want once: %s", q, n, doc)
		}
	}
}

// A role made Explicit derives nothing: its functions get what its props say.
func TestExplicitRoleDerivesNothing(t *testing.T) {
	stack := newStackIn("us-east-1")
	role := executionrole.NewExecutionRole(stack, jsii.String("Role"), &executionrole.ExecutionRoleProps{Explicit: true})
	fn := awslambda.NewFunction(stack, jsii.String("Fn"), &awslambda.FunctionProps{
		Runtime: awslambda.Runtime_PYTHON_3_13(), Handler: jsii.String("index.handler"), Tracing: awslambda.Tracing_ACTIVE,
		Code: awslambda.Code_FromInline(jsii.String("def handler(e, c): pass")), Role: role,
	})
	role.Bind(fn)
	if got := managedPolicyNames(t, roleProps(t, synth(t, stack), "Role")); !slices.Equal(got, []string{"service-role/AWSLambdaBasicExecutionRole"}) {
		t.Errorf("explicit role's managed policies = %v, want basic logs only", got)
	}
}

// The Parameters and Secrets extension reads what only the user knows: a deriving role whose
// function carries it and that can read nothing fails synth naming the function; a grant of
// the user's own, or the feature with a parameter, serves it.
func TestDerivedParametersAndSecretsNeedsWhatItReads(t *testing.T) {
	for _, tc := range []struct {
		name    string
		give    func(stack awscdk.Stack, role *executionrole.ExecutionRole)
		wantErr bool
	}{
		{name: "fails if the role can read nothing", give: func(awscdk.Stack, *executionrole.ExecutionRole) {}, wantErr: true},
		{name: "a grant of the user's own", give: func(stack awscdk.Stack, role *executionrole.ExecutionRole) {
			awsssm.StringParameter_FromStringParameterName(stack, jsii.String("P"), jsii.String("/orders/config")).GrantRead(role)
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			stack := newStackIn("us-east-1")
			role := executionrole.NewExecutionRole(stack, jsii.String("Role"), nil)
			tc.give(stack, role)
			fn := awslambda.NewFunction(stack, jsii.String("Fn"), &awslambda.FunctionProps{
				Runtime: awslambda.Runtime_PYTHON_3_13(), Handler: jsii.String("index.handler"), Role: role,
				Code:             awslambda.Code_FromInline(jsii.String("def handler(e, c): pass")),
				ParamsAndSecrets: awslambda.ParamsAndSecretsLayerVersion_FromVersion(awslambda.ParamsAndSecretsVersions_V1_0_103, nil),
			})
			role.Bind(fn)
			err := recovered(func() { awscdk.App_Of(stack).Synth(nil) })
			switch {
			case tc.wantErr && (err == nil || !strings.Contains(err.Error(), "function Test/Fn runs as the role and has the Parameters and Secrets extension") || !strings.Contains(err.Error(), string(permissions.ErrFeatureMissingResource))):
				t.Errorf("synth: %v, want the function named with %s", err, permissions.ErrFeatureMissingResource)
			case !tc.wantErr && err != nil:
				t.Errorf("synth: %v", err)
			}
		})
	}
}
