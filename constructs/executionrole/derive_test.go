package executionrole_test

import (
	"cmp"
	"encoding/json"
	"fmt"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awscloudfront"
	"github.com/aws/aws-cdk-go/awscdk/v2/awscloudfrontorigins"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsdynamodb"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsec2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsefs"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsevents"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsiam"
	"github.com/aws/aws-cdk-go/awscdk/v2/awskinesis"
	"github.com/aws/aws-cdk-go/awscdk/v2/awskms"
	"github.com/aws/aws-cdk-go/awscdk/v2/awslambda"
	"github.com/aws/aws-cdk-go/awscdk/v2/awslambdadestinations"
	"github.com/aws/aws-cdk-go/awscdk/v2/awslambdaeventsources"
	"github.com/aws/aws-cdk-go/awscdk/v2/awss3"
	"github.com/aws/aws-cdk-go/awscdk/v2/awssecretsmanager"
	"github.com/aws/aws-cdk-go/awscdk/v2/awssns"
	"github.com/aws/aws-cdk-go/awscdk/v2/awssqs"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsssm"
	"github.com/aws/constructs-go/constructs/v10"
	"github.com/aws/jsii-runtime-go"

	"github.com/execrole/execrole/constructs/executionrole"
	"github.com/execrole/execrole/constructs/permissions"
	"github.com/execrole/execrole/internal/refdata"
)

// samCase is a function configuration AWS SAM builds a role for, and what SAM's role holds,
// as samtranslator writes it (model/sam_resources.py, model/iam.py, model/xray_utils.py,
// model/eventsources/pull.py): the AWS managed policies it attaches and the actions of the
// inline statements it adds.
type samCase struct {
	name string
	// props configures the function; after adds what targets it once it exists.
	props func(stack awscdk.Stack, p *awslambda.FunctionProps)
	after func(stack awscdk.Stack, fn awslambda.Function)
	// samManaged are the policies SAM attaches (AWSLambdaBasicExecutionRole unless the case
	// names AWSLambdaBasicDurableExecutionRolePolicy); samInline the actions of its inline
	// statements.
	samManaged []string
	samInline  []string
	// alsoNeeds are actions the Lambda Developer Guide says the configuration needs that
	// SAM's role leaves out.
	alsoNeeds []string
	// kept are actions the derived role allows beyond those, each with its reason in the
	// case's comment: nothing else.
	kept []string
}

const (
	samBasic   = "service-role/AWSLambdaBasicExecutionRole"
	mskCluster = "arn:aws:kafka:us-east-1:123456789012:cluster/orders/0f3e9d2c-1a2b-4c5d-8e9f-0a1b2c3d4e5f-1"
)

func samCases() []samCase {
	source := func(build func(stack awscdk.Stack, fn awslambda.Function)) func(awscdk.Stack, awslambda.Function) {
		return build
	}
	secret := func(stack awscdk.Stack) awssecretsmanager.ISecret {
		return awssecretsmanager.NewSecret(stack, jsii.String("Credentials"), nil)
	}
	mapping := func(stack awscdk.Stack, fn awslambda.Function, arn string, typ awslambda.SourceAccessConfigurationType, extra func(*awslambda.EventSourceMappingProps)) {
		p := &awslambda.EventSourceMappingProps{Target: fn, EventSourceArn: jsii.String(arn),
			SourceAccessConfigurations: &[]*awslambda.SourceAccessConfiguration{{Type: typ, Uri: secret(stack).SecretArn()}}}
		if extra != nil {
			extra(p)
		}
		awslambda.NewEventSourceMapping(stack, jsii.String("Mapping"), p)
	}
	return []samCase{
		{name: "SQS event source", after: source(func(stack awscdk.Stack, fn awslambda.Function) {
			fn.AddEventSource(awslambdaeventsources.NewSqsEventSource(awssqs.NewQueue(stack, jsii.String("Q"), nil), nil))
		}), samManaged: []string{samBasic, "service-role/AWSLambdaSQSQueueExecutionRole"}},
		{name: "Kinesis event source", after: source(func(stack awscdk.Stack, fn awslambda.Function) {
			fn.AddEventSource(awslambdaeventsources.NewKinesisEventSource(awskinesis.NewStream(stack, jsii.String("S"), nil),
				&awslambdaeventsources.KinesisEventSourceProps{StartingPosition: awslambda.StartingPosition_LATEST}))
		}), samManaged: []string{samBasic, "service-role/AWSLambdaKinesisExecutionRole"}},
		{name: "DynamoDB Streams event source", after: source(func(stack awscdk.Stack, fn awslambda.Function) {
			table := awsdynamodb.NewTable(stack, jsii.String("T"), &awsdynamodb.TableProps{
				PartitionKey: &awsdynamodb.Attribute{Name: jsii.String("id"), Type: awsdynamodb.AttributeType_STRING},
				Stream:       awsdynamodb.StreamViewType_NEW_IMAGE,
			})
			fn.AddEventSource(awslambdaeventsources.NewDynamoEventSource(table,
				&awslambdaeventsources.DynamoEventSourceProps{StartingPosition: awslambda.StartingPosition_LATEST}))
		}), samManaged: []string{samBasic, "service-role/AWSLambdaDynamoDBExecutionRole"}},
		// SAM's MSK role has no access to the SCRAM secret Lambda reads (pull.py adds a secret
		// statement for mutual TLS only).
		{name: "MSK event source with SASL/SCRAM", after: source(func(stack awscdk.Stack, fn awslambda.Function) {
			fn.AddEventSource(awslambdaeventsources.NewManagedKafkaEventSource(&awslambdaeventsources.ManagedKafkaEventSourceProps{
				ClusterArn: jsii.String(mskCluster), Topic: jsii.String("orders"), StartingPosition: awslambda.StartingPosition_TRIM_HORIZON,
				Secret: secret(stack),
			}))
		}), samManaged: []string{samBasic, "service-role/AWSLambdaMSKExecutionRole"}, alsoNeeds: []string{"secretsmanager:GetSecretValue", "kafka:ListScramSecrets"},
			// aws-cdk-lib's secret GrantRead: the MSK page's prose has Lambda describe the secret.
			kept: []string{"secretsmanager:DescribeSecret"}},
		{name: "MSK event source with mutual TLS", after: source(func(stack awscdk.Stack, fn awslambda.Function) {
			mapping(stack, fn, mskCluster, awslambda.SourceAccessConfigurationType_CLIENT_CERTIFICATE_TLS_AUTH(), func(p *awslambda.EventSourceMappingProps) {
				p.KafkaTopic, p.StartingPosition = jsii.String("orders"), awslambda.StartingPosition_TRIM_HORIZON
			})
		}), samManaged: []string{samBasic, "service-role/AWSLambdaMSKExecutionRole"}, samInline: []string{"secretsmanager:GetSecretValue"},
			// A use names its secret, not its kind: mutual TLS gets SASL/SCRAM's listing too.
			kept: []string{"kafka:ListScramSecrets"}},
		{name: "self-managed Kafka in a VPC", after: source(func(stack awscdk.Stack, fn awslambda.Function) {
			vpc := isolatedVpc(stack)
			fn.AddEventSource(awslambdaeventsources.NewSelfManagedKafkaEventSource(&awslambdaeventsources.SelfManagedKafkaEventSourceProps{
				BootstrapServers: jsii.Strings("b-1.example.com:9092"), Topic: jsii.String("orders"), StartingPosition: awslambda.StartingPosition_TRIM_HORIZON,
				Secret: secret(stack), Vpc: vpc, VpcSubnets: &awsec2.SubnetSelection{SubnetType: awsec2.SubnetType_PRIVATE_ISOLATED},
				SecurityGroup: awsec2.NewSecurityGroup(stack, jsii.String("Sg"), &awsec2.SecurityGroupProps{Vpc: vpc}),
			}))
		}), samManaged: []string{samBasic}, samInline: []string{"secretsmanager:GetSecretValue",
			"ec2:CreateNetworkInterface", "ec2:DescribeNetworkInterfaces", "ec2:DeleteNetworkInterface", "ec2:DescribeVpcs", "ec2:DescribeSubnets", "ec2:DescribeSecurityGroups"},
			// aws-cdk-lib's secret GrantRead.
			kept: []string{"secretsmanager:DescribeSecret"}},
		{name: "Amazon MQ event source", after: source(func(stack awscdk.Stack, fn awslambda.Function) {
			mapping(stack, fn, "arn:aws:mq:us-east-1:123456789012:broker:orders:b-0f3e9d2c-1a2b-4c5d-8e9f-0a1b2c3d4e5f", awslambda.SourceAccessConfigurationType_BASIC_AUTH(), nil)
		}), samManaged: []string{samBasic}, samInline: []string{"secretsmanager:GetSecretValue", "mq:DescribeBroker"},
			// "Using Lambda with Amazon MQ": the network interfaces in the broker's VPC.
			alsoNeeds: []string{"ec2:CreateNetworkInterface", "ec2:DeleteNetworkInterface", "ec2:DescribeNetworkInterfaces", "ec2:DescribeSecurityGroups", "ec2:DescribeSubnets", "ec2:DescribeVpcs"}},
		{name: "DocumentDB event source", after: source(func(stack awscdk.Stack, fn awslambda.Function) {
			mapping(stack, fn, "arn:aws:rds:us-east-1:123456789012:cluster:orders", awslambda.SourceAccessConfigurationType_BASIC_AUTH(), func(p *awslambda.EventSourceMappingProps) {
				p.StartingPosition = awslambda.StartingPosition_LATEST
			})
		}), samManaged: []string{samBasic}, samInline: []string{"secretsmanager:GetSecretValue", "rds:DescribeDBClusterParameters", "rds:DescribeDBSubnetGroups", "rds:DescribeDBClusters",
			"ec2:CreateNetworkInterface", "ec2:DescribeNetworkInterfaces", "ec2:DeleteNetworkInterface", "ec2:DescribeVpcs", "ec2:DescribeSubnets", "ec2:DescribeSecurityGroups"},
			// aws-cdk-lib's secret GrantRead.
			kept: []string{"secretsmanager:DescribeSecret"}},
		{name: "active tracing", props: func(_ awscdk.Stack, p *awslambda.FunctionProps) {
			p.Tracing = awslambda.Tracing_ACTIVE
		}, samManaged: []string{samBasic, "AWSXrayWriteOnlyAccess"}},
		{name: "VPC", props: func(stack awscdk.Stack, p *awslambda.FunctionProps) {
			p.Vpc = isolatedVpc(stack)
		}, samManaged: []string{samBasic, "service-role/AWSLambdaVPCAccessExecutionRole"}},
		{name: "durable configuration", props: func(_ awscdk.Stack, p *awslambda.FunctionProps) {
			p.DurableConfig = &awslambda.DurableConfig{ExecutionTimeout: awscdk.Duration_Hours(jsii.Number(1))}
		}, samManaged: []string{"service-role/AWSLambdaBasicDurableExecutionRolePolicy"}},
		// SAM passes KmsKeyArn through and grants nothing on the key.
		{name: "environment key", props: func(stack awscdk.Stack, p *awslambda.FunctionProps) {
			p.EnvironmentEncryption = awskms.NewKey(stack, jsii.String("Key"), nil)
			p.Environment = &map[string]*string{"STAGE": jsii.String("prod")}
		}, samManaged: []string{samBasic}, alsoNeeds: []string{"kms:Decrypt"}},
		// SAM passes FileSystemConfigs through and grants nothing on the file system.
		{name: "EFS file system", props: func(stack awscdk.Stack, p *awslambda.FunctionProps) {
			vpc := isolatedVpc(stack)
			fs := awsefs.NewFileSystem(stack, jsii.String("Fs"), &awsefs.FileSystemProps{Vpc: vpc})
			ap := fs.AddAccessPoint(jsii.String("Ap"), &awsefs.AccessPointOptions{Path: jsii.String("/data")})
			p.Vpc = vpc
			p.Filesystem = awslambda.FileSystem_FromEfsAccessPoint(ap, jsii.String("/mnt/data"))
		}, samManaged: []string{samBasic, "service-role/AWSLambdaVPCAccessExecutionRole"},
			// ClientWrite for a read-write mount, DescribeMountTargets with it in
			// AmazonElasticFileSystemClientReadWriteAccess, the policy the Developer Guide names.
			alsoNeeds: []string{"elasticfilesystem:ClientMount", "elasticfilesystem:ClientWrite", "elasticfilesystem:DescribeMountTargets"}},
		{name: "SQS dead-letter queue", props: func(stack awscdk.Stack, p *awslambda.FunctionProps) {
			p.DeadLetterQueue = awssqs.NewQueue(stack, jsii.String("Dlq"), nil)
		}, samManaged: []string{samBasic}, samInline: []string{"sqs:SendMessage"}},
		{name: "SNS dead-letter topic", props: func(stack awscdk.Stack, p *awslambda.FunctionProps) {
			p.DeadLetterTopic = awssns.NewTopic(stack, jsii.String("Dlt"), nil)
		}, samManaged: []string{samBasic}, samInline: []string{"sns:Publish"}},
		{name: "on-failure destination queue", props: func(stack awscdk.Stack, p *awslambda.FunctionProps) {
			p.OnFailure = awslambdadestinations.NewSqsDestination(awssqs.NewQueue(stack, jsii.String("Failed"), nil))
		}, samManaged: []string{samBasic}, samInline: []string{"sqs:SendMessage"}},
		{name: "on-success destination topic", props: func(stack awscdk.Stack, p *awslambda.FunctionProps) {
			p.OnSuccess = awslambdadestinations.NewSnsDestination(awssns.NewTopic(stack, jsii.String("Done"), nil))
		}, samManaged: []string{samBasic}, samInline: []string{"sns:Publish"}},
		{name: "on-success destination function", props: func(stack awscdk.Stack, p *awslambda.FunctionProps) {
			next := awslambda.NewFunction(stack, jsii.String("Next"), &awslambda.FunctionProps{Runtime: awslambda.Runtime_PYTHON_3_13(),
				Handler: jsii.String("index.handler"), Code: awslambda.Code_FromInline(jsii.String("def handler(e, c): pass"))})
			p.OnSuccess = awslambdadestinations.NewLambdaDestination(next, nil)
		}, samManaged: []string{samBasic}, samInline: []string{"lambda:InvokeFunction"}},
		{name: "on-failure destination event bus", props: func(stack awscdk.Stack, p *awslambda.FunctionProps) {
			p.OnFailure = awslambdadestinations.NewEventBridgeDestination(awsevents.NewEventBus(stack, jsii.String("Bus"), nil))
		}, samManaged: []string{samBasic}, samInline: []string{"events:PutEvents"}},
		{name: "on-failure destination bucket", props: func(stack awscdk.Stack, p *awslambda.FunctionProps) {
			p.OnFailure = awslambdadestinations.NewS3Destination(awss3.NewBucket(stack, jsii.String("Failures"), nil))
		}, samManaged: []string{samBasic}, samInline: []string{"s3:PutObject", "s3:ListBucket"}},
	}
}

// isolatedVpc is a one-zone VPC with isolated subnets only.
func isolatedVpc(stack awscdk.Stack) awsec2.IVpc {
	return awsec2.NewVpc(stack, jsii.String("Vpc"), &awsec2.VpcProps{MaxAzs: jsii.Number(1), NatGateways: jsii.Number(0),
		SubnetConfiguration: &[]*awsec2.SubnetConfiguration{{Name: jsii.String("Isolated"), SubnetType: awsec2.SubnetType_PRIVATE_ISOLATED}}})
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
// configuration needs. In managed mode it holds exactly the effective actions of the role AWS
// SAM generates for the same configuration (SAM's managed policies, read from AWS's policy
// documents, and its inline statements), with what the Developer Guide adds to SAM's role
// (alsoNeeds) and what a case keeps for the reason it gives (kept): nothing more, and no
// statement the managed policies already allow.
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
			want := managedActions(t, tc.samManaged)
			gotActions := append(managedActions(t, got), inlineActions(props)...)
			wantActions := append(append(want, tc.samInline...), tc.alsoNeeds...)
			if missing := difference(wantActions, gotActions); len(missing) > 0 {
				t.Errorf("derived role lacks %v of what SAM's role allows (managed %v, inline %v)", missing, got, inlineActions(props))
			}
			if extra := difference(gotActions, append(wantActions, tc.kept...)); len(extra) > 0 {
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
	fn := pythonFunction(stack, "Fn", awslambda.FunctionProps{FunctionName: jsii.String("consumer"), Role: role})
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
	fn := pythonFunction(stack, "Fn", awslambda.FunctionProps{FunctionName: jsii.String("consumer"), Role: role, DeadLetterQueue: dlq})
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
	fn := pythonFunction(stack, "Fn", awslambda.FunctionProps{Tracing: awslambda.Tracing_ACTIVE, Role: role})
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
			fn := pythonFunction(stack, "Fn", awslambda.FunctionProps{Role: role, ParamsAndSecrets: awslambda.ParamsAndSecretsLayerVersion_FromVersion(awslambda.ParamsAndSecretsVersions_V1_0_103, nil)})
			role.Bind(fn)
			want := ""
			if tc.wantErr {
				want = "function Test/Fn runs as the role and has the Parameters and Secrets extension"
			}
			checkSynth(t, stack, want, permissions.ErrFeatureMissingResource)
		})
	}
}

// An event source whose kind the template does not tell (an ARN from a parameter) is not
// guessed: synth fails naming the function and the mapping, unless the role's Features name
// that ARN.
func TestUnknownSourceIsAnError(t *testing.T) {
	for _, declared := range []bool{false, true} {
		t.Run(fmt.Sprintf("declared %v", declared), func(t *testing.T) {
			stack := newStackIn("us-east-1")
			arn := awscdk.NewCfnParameter(stack, jsii.String("QueueArn"), nil).ValueAsString()
			var props *executionrole.ExecutionRoleProps
			if declared {
				props = &executionrole.ExecutionRoleProps{Features: []executionrole.Feature{executionrole.SQSArns(*arn)}}
			}
			role := executionrole.NewExecutionRole(stack, jsii.String("Role"), props)
			fn := pythonFunction(stack, "Fn", awslambda.FunctionProps{Role: role})
			awslambda.NewEventSourceMapping(stack, jsii.String("Mapping"), &awslambda.EventSourceMappingProps{Target: fn, EventSourceArn: arn})
			role.Bind(fn)
			want := "function Test/Fn has event source mapping Test/Mapping, whose source ${QueueArn} is of a kind the role cannot tell"
			if declared {
				want = ""
			}
			checkSynth(t, stack, want, permissions.ErrSourceUnknown)
		})
	}
}

// A mapping that targets an alias or a version of the function is the function's.
func TestDerivedThroughAnAlias(t *testing.T) {
	stack := newStackIn("us-east-1")
	role := executionrole.NewExecutionRole(stack, jsii.String("Role"), nil)
	fn := pythonFunction(stack, "Fn", awslambda.FunctionProps{Role: role})
	alias := awslambda.NewAlias(stack, jsii.String("Live"), &awslambda.AliasProps{AliasName: jsii.String("live"), Version: fn.CurrentVersion()})
	alias.AddEventSource(awslambdaeventsources.NewSqsEventSource(awssqs.NewQueue(stack, jsii.String("Q"), nil), nil))
	role.Bind(fn)
	if got := managedPolicyNames(t, roleProps(t, synth(t, stack), "Role")); !slices.Contains(got, "service-role/AWSLambdaSQSQueueExecutionRole") {
		t.Errorf("managed policies = %v, want the SQS policy for the alias's event source", got)
	}
}

// An MSK mapping without a credentials secret reads with IAM access control: the role gets
// kafka-cluster:Connect on the cluster, the data actions on the mapping's topic and the group
// actions on its consumer group, "*" when Lambda names the group after the mapping (Lambda
// Developer Guide, "Configuring Lambda permissions for Amazon MSK event source mappings").
func TestDerivedMSKWithIAM(t *testing.T) {
	for _, group := range []string{"orders-readers", ""} {
		t.Run("group "+group, func(t *testing.T) {
			stack := newStackIn("us-east-1")
			role := executionrole.NewExecutionRole(stack, jsii.String("Role"), &executionrole.ExecutionRoleProps{LeastPrivilege: true})
			fn := pythonFunction(stack, "Fn", awslambda.FunctionProps{FunctionName: jsii.String("orders"), Role: role})
			props := &awslambdaeventsources.ManagedKafkaEventSourceProps{ClusterArn: jsii.String(mskCluster), Topic: jsii.String("orders"),
				StartingPosition: awslambda.StartingPosition_TRIM_HORIZON}
			if group != "" {
				props.ConsumerGroupId = jsii.String(group)
			}
			fn.AddEventSource(awslambdaeventsources.NewManagedKafkaEventSource(props))
			role.Bind(fn)
			rp := roleProps(t, synth(t, stack), "Role")
			doc, _ := json.Marshal(rp["Policies"])
			topicARN := `:topic/orders/0f3e9d2c-1a2b-4c5d-8e9f-0a1b2c3d4e5f-1/orders"`
			groupARN := `:group/orders/0f3e9d2c-1a2b-4c5d-8e9f-0a1b2c3d4e5f-1/` + cmp.Or(group, "*") + `"`
			for _, want := range []struct{ action, in string }{
				{"kafka-cluster:Connect", `:cluster/orders/0f3e9d2c-1a2b-4c5d-8e9f-0a1b2c3d4e5f-1"`},
				{"kafka-cluster:ReadData", topicARN}, {"kafka-cluster:DescribeTopic", topicARN},
				{"kafka-cluster:AlterGroup", groupARN}, {"kafka-cluster:DescribeGroup", groupARN},
			} {
				if !allows(t, rp, want.action, want.in) {
					t.Errorf("no %s on %s: %s", want.action, want.in, doc)
				}
			}
			// The event source grants kafka:ListScramSecrets, which Lambda's pollers do not use.
			if strings.Contains(string(doc), "kafka:ListScramSecrets") {
				t.Errorf("role keeps kafka:ListScramSecrets of the event source's grant: %s", doc)
			}
		})
	}
}

// A source's customer managed key comes with the source: a mapping made with
// awslambda.NewEventSourceMapping grants nothing, so the role must learn the queue's key from
// the queue itself (Lambda Developer Guide, "Using Lambda with Amazon SQS": kms:Decrypt for a
// queue encrypted with a customer managed key; "Using Lambda with Kinesis Data Streams", the
// same for a stream).
func TestDerivedSourceKey(t *testing.T) {
	sources := map[string]func(stack awscdk.Stack, key awskms.IKey) (arn *string, position awslambda.StartingPosition){
		"queue": func(stack awscdk.Stack, key awskms.IKey) (*string, awslambda.StartingPosition) {
			return awssqs.NewQueue(stack, jsii.String("Q"), &awssqs.QueueProps{EncryptionMasterKey: key}).QueueArn(), ""
		},
		"stream": func(stack awscdk.Stack, key awskms.IKey) (*string, awslambda.StartingPosition) {
			return awskinesis.NewStream(stack, jsii.String("S"), &awskinesis.StreamProps{Encryption: awskinesis.StreamEncryption_KMS, EncryptionKey: key}).StreamArn(), awslambda.StartingPosition_LATEST
		},
	}
	for _, name := range []string{"queue", "stream"} {
		for _, lp := range []bool{false, true} {
			t.Run(fmt.Sprintf("%s, least privilege %v", name, lp), func(t *testing.T) {
				stack := newStackIn("us-east-1")
				key := awskms.NewKey(stack, jsii.String("Key"), nil)
				arn, position := sources[name](stack, key)
				role := executionrole.NewExecutionRole(stack, jsii.String("Role"), &executionrole.ExecutionRoleProps{LeastPrivilege: lp})
				fn := pythonFunction(stack, "Fn", awslambda.FunctionProps{FunctionName: jsii.String("orders"), Role: role})
				mp := &awslambda.EventSourceMappingProps{Target: fn, EventSourceArn: arn}
				if position != "" {
					mp.StartingPosition = position
				}
				awslambda.NewEventSourceMapping(stack, jsii.String("Mapping"), mp)
				role.Bind(fn)
				props := roleProps(t, synth(t, stack), "Role")
				if !allows(t, props, "kms:Decrypt", `{"Fn::GetAtt":["Key`) {
					t.Errorf("role lacks kms:Decrypt on the %s's key: %v", name, statements(t, props, "kms:Decrypt"))
				}
			})
		}
	}
}

// A function that CloudFront runs at the edge makes its role a Lambda@Edge role: it trusts
// edgelambda.amazonaws.com in us-east-1, and fails synth with the library's error elsewhere.
func TestDerivedEdge(t *testing.T) {
	for _, region := range []string{"us-east-1", "eu-west-1"} {
		t.Run(region, func(t *testing.T) {
			stack := newStackIn(region)
			role := executionrole.NewExecutionRole(stack, jsii.String("Role"), nil)
			fn := awslambda.NewFunction(stack, jsii.String("Fn"), &awslambda.FunctionProps{
				Runtime: awslambda.Runtime_NODEJS_22_X(), Handler: jsii.String("index.handler"), Role: role,
				Code: awslambda.Code_FromInline(jsii.String("exports.handler = async (e) => e.Records[0].cf.request;")),
			})
			role.Bind(fn)
			// A second function runs as the role unbound: the role takes it at synth, which
			// must not attach the first one's fingerprint before the role knows it is Edge.
			awslambda.NewFunction(stack, jsii.String("Other"), &awslambda.FunctionProps{
				Runtime: awslambda.Runtime_NODEJS_22_X(), Handler: jsii.String("index.handler"), Role: role,
				Code: awslambda.Code_FromInline(jsii.String("exports.handler = async (e) => e;")),
			})
			awscloudfront.NewDistribution(stack, jsii.String("Cdn"), &awscloudfront.DistributionProps{
				DefaultBehavior: &awscloudfront.BehaviorOptions{
					Origin: awscloudfrontorigins.NewHttpOrigin(jsii.String("example.com"), nil),
					EdgeLambdas: &[]*awscloudfront.EdgeLambda{{
						EventType: awscloudfront.LambdaEdgeEventType_VIEWER_REQUEST, FunctionVersion: fn.CurrentVersion(),
					}},
				},
			})
			if region != "us-east-1" {
				checkSynth(t, stack, "Lambda@Edge functions are created in us-east-1", permissions.ErrEdgeRegion)
				return
			}
			tpl := synth(t, stack)
			trust, _ := json.Marshal(roleProps(t, tpl, "Role")["AssumeRolePolicyDocument"])
			if !strings.Contains(string(trust), "edgelambda.amazonaws.com") {
				t.Errorf("trust policy %s lacks edgelambda.amazonaws.com", trust)
			}
			// Lambda@Edge functions may have no environment: Bind's fingerprint goes to the
			// description once the role knows it is an edge role.
			for id, f := range resources(tpl, "AWS::Lambda::Function") {
				props := f["Properties"].(map[string]any)
				if !strings.HasPrefix(id, "Fn") {
					continue
				}
				if d, _ := props["Description"].(string); props["Environment"] != nil || !strings.Contains(d, "[permissions ") {
					t.Errorf("edge function %s: environment %v, description %q; want no environment and the fingerprint in the description", id, props["Environment"], d)
				}
			}
		})
	}
}

// An imported function's configuration is not in the app: a deriving role given to one fails
// synth naming it, and an Explicit role, which derives nothing, serves it.
func TestImportedFunctionIsAnError(t *testing.T) {
	for _, explicit := range []bool{false, true} {
		t.Run(fmt.Sprintf("explicit %v", explicit), func(t *testing.T) {
			stack := newStackIn("us-east-1")
			role := executionrole.NewExecutionRole(stack, jsii.String("Role"), &executionrole.ExecutionRoleProps{Explicit: explicit})
			awslambda.Function_FromFunctionAttributes(stack, jsii.String("Imported"), &awslambda.FunctionAttributes{
				FunctionArn: jsii.String("arn:aws:lambda:us-east-1:123456789012:function:orders"), Role: role,
			})
			want := "function Test/Imported is imported"
			if explicit {
				want = ""
			}
			checkSynth(t, stack, want, permissions.ErrFunctionImported)
		})
	}
}

// A function made by another construct of aws-cdk-lib (a SingletonFunction's) that runs as the
// role is read like any other.
func TestDerivedFromASingletonFunction(t *testing.T) {
	stack := newStackIn("us-east-1")
	role := executionrole.NewExecutionRole(stack, jsii.String("Role"), nil)
	awslambda.NewSingletonFunction(stack, jsii.String("Singleton"), &awslambda.SingletonFunctionProps{
		Uuid: jsii.String("5f3e2d1c-0b9a-4876-9543-210fedcba987"), Runtime: awslambda.Runtime_PYTHON_3_13(), Handler: jsii.String("index.handler"),
		Code: awslambda.Code_FromInline(jsii.String("def handler(e, c): pass")), Role: role, Tracing: awslambda.Tracing_ACTIVE,
	})
	if got := managedPolicyNames(t, roleProps(t, synth(t, stack), "Role")); !slices.Contains(got, "AWSXRayDaemonWriteAccess") {
		t.Errorf("managed policies = %v, want AWSXRayDaemonWriteAccess for the singleton's tracing", got)
	}
}

// Grants made after derivation still reach the role when derivation left its inline policy
// empty: here every grant of the user's is covered by a derived feature, and an aspect grants
// afterwards.
func TestGrantAfterDerivationOfAnEmptyPolicy(t *testing.T) {
	stack := newStackIn("us-east-1")
	role := executionrole.NewExecutionRole(stack, jsii.String("Role"), nil)
	role.AddToPrincipalPolicy(awsiam.NewPolicyStatement(&awsiam.PolicyStatementProps{Actions: jsii.Strings("xray:PutTraceSegments"), Resources: jsii.Strings("*")}))
	fn := pythonFunction(stack, "Fn", awslambda.FunctionProps{Role: role, Tracing: awslambda.Tracing_ACTIVE})
	awscdk.Aspects_Of(fn).Add(&grantAspect{role: role}, nil)
	props := roleProps(t, synth(t, stack), "Role")
	if !slices.Contains(inlineActions(props), "s3:GetObject") {
		t.Errorf("inline actions = %v, want the aspect's s3:GetObject", inlineActions(props))
	}
}

// grantAspect grants s3:GetObject to role once, when it visits.
type grantAspect struct {
	role *executionrole.ExecutionRole
	done bool
}

func (a *grantAspect) Visit(constructs.IConstruct) {
	if !a.done {
		a.done = true
		a.role.AddToPrincipalPolicy(awsiam.NewPolicyStatement(&awsiam.PolicyStatementProps{Actions: jsii.Strings("s3:GetObject"), Resources: jsii.Strings("arn:aws:s3:::orders/*")}))
	}
}

// A grant made through the function (fn.AddToRolePolicy) serves the Parameters and Secrets
// extension like one made to the role.
func TestParametersAndSecretsServedByAFunctionGrant(t *testing.T) {
	stack := newStackIn("us-east-1")
	role := executionrole.NewExecutionRole(stack, jsii.String("Role"), nil)
	fn := pythonFunction(stack, "Fn", awslambda.FunctionProps{Role: role, ParamsAndSecrets: awslambda.ParamsAndSecretsLayerVersion_FromVersion(awslambda.ParamsAndSecretsVersions_V1_0_103, nil)})
	fn.AddToRolePolicy(awsiam.NewPolicyStatement(&awsiam.PolicyStatementProps{Actions: jsii.Strings("ssm:GetParameter"), Resources: jsii.Strings("arn:aws:ssm:us-east-1:123456789012:parameter/orders")}))
	checkSynth(t, stack, "", "")
}
