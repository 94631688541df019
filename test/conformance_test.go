package test

import (
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/aws/aws-cdk-go/awscdk/v2/awslambda"
	"github.com/aws/jsii-runtime-go"

	"github.com/execrole/execrole/constructs/executionrole"
	"github.com/execrole/execrole/constructs/permissions"
	"github.com/execrole/execrole/internal/cdktest"
	"github.com/execrole/execrole/internal/conformance"
)

// matrixFeatures are feature uses whose ARNs carry no literal partition, region or account,
// so the roles built from them must serve every partition.
func matrixFeatures() map[string]executionrole.Feature {
	a := permissions.ARN
	return map[string]executionrole.Feature{
		"Tracing": executionrole.Tracing(), "Vpc": executionrole.VPC(), "Eni": executionrole.VPCNetworkInterfaces(),
		"Durable": executionrole.Durable(), "Insights": executionrole.Insights(), "Signals": executionrole.ApplicationSignals(),
		"Sqs":        executionrole.SQSArns(a("sqs", "orders")),
		"Kinesis":    executionrole.KinesisArns(a("kinesis", "stream/clicks")),
		"Dynamo":     executionrole.DynamoDBStreamArns(a("dynamodb", "table/orders/stream/2024-01-01T00:00:00.000")),
		"Msk":        executionrole.MSKArns(a("kafka", "cluster/orders/0a1b2c3d-4e5f-6a7b-8c9d-0e1f2a3b4c5d-1")),
		"Efs":        executionrole.EFSArns(a("elasticfilesystem", "file-system/fs-12345678")),
		"Mq":         executionrole.FromUse(permissions.Use{Feature: permissions.MQ, Resources: []string{a("mq", "broker:orders:b-1234")}, Secrets: []string{a("secretsmanager", "secret:orders-mq-AbCdEf")}}),
		"Kafka":      executionrole.FromArns(permissions.Kafka),
		"DocDb":      executionrole.FromUse(permissions.Use{Feature: permissions.DocumentDB, Resources: []string{a("rds", "cluster:orders")}, Secrets: []string{a("secretsmanager", "secret:orders-docdb-AbCdEf")}}),
		"Dlq":        executionrole.FromArns(permissions.DeadLetterQueue, a("sqs", "orders-dlq")),
		"DlTopic":    executionrole.FromArns(permissions.DeadLetterTopic, a("sns", "orders-dlq")),
		"DestQueue":  executionrole.FromArns(permissions.DestinationQueue, a("sqs", "orders-done")),
		"DestTopic":  executionrole.FromArns(permissions.DestinationTopic, a("sns", "orders-done")),
		"DestFn":     executionrole.FromArns(permissions.DestinationFunction, a("lambda", "function:next")),
		"DestBus":    executionrole.FromArns(permissions.DestinationEventBus, a("events", "event-bus/default")),
		"DestS3":     executionrole.FromArns(permissions.DestinationBucket, "arn:"+permissions.Partition+":s3:::orders-failures"),
		"EnvKey":     executionrole.FromArns(permissions.EnvironmentKey, a("kms", "key/1234abcd-12ab-34cd-56ef-1234567890ab")),
		"Edge":       executionrole.Edge(),
		"Params":     executionrole.FromUse(permissions.Use{Feature: permissions.ParametersAndSecrets, Parameters: []string{a("ssm", "parameter/orders/config")}}),
		"DurableKey": executionrole.FromUse(permissions.Use{Feature: permissions.Durable, Keys: []string{a("kms", "key/1234abcd-12ab-34cd-56ef-1234567890ab")}}),
		"S3Files":    executionrole.S3FilesArns(a("s3files", "file-system/fs-0123456789abcdef01"), a("s3files", "file-system/fs-0123456789abcdef01/access-point/fsap-0123456789abcdef01")),
		"S3FilesRo":  executionrole.S3FilesReadOnlyArns(a("s3files", "file-system/fs-0123456789abcdef01")),
		"S3Direct":   executionrole.FromUse(permissions.Use{Feature: permissions.S3FilesDirectRead, Resources: []string{"arn:" + permissions.Partition + ":s3:::orders-files"}, Keys: []string{a("kms", "key/1234abcd-12ab-34cd-56ef-1234567890ab")}}),
		"Glue":       executionrole.GlueSchemaRegistry(a("glue", "registry/orders")),
		"Confluent":  executionrole.FromUse(permissions.Use{Feature: permissions.ConfluentSchemaRegistry, Secrets: []string{a("secretsmanager", "secret:orders-registry-AbCdEf")}}),
		"KafkaDlq":   executionrole.DestinationKafkaTopic(a("kafka", "cluster/orders/0a1b2c3d-4e5f-6a7b-8c9d-0e1f2a3b4c5d-1"), "orders-failed"),
	}
}

// matrixTemplate synthesizes one stack holding a role per feature alone, in both modes, and
// roles with many features at once.
func matrixTemplate(t *testing.T) map[string]any {
	t.Helper()
	app := newApp()
	stack := newStack(app, "Matrix")
	fs := matrixFeatures()
	names := make([]string, 0, len(fs))
	for n := range fs {
		names = append(names, n)
	}
	slices.Sort(names)
	for _, lp := range []bool{false, true} {
		mode := "Managed"
		if lp {
			mode = "LeastPrivilege"
		}
		for _, n := range names {
			executionrole.NewExecutionRole(stack, jsii.String(mode+n), &executionrole.ExecutionRoleProps{
				LeastPrivilege: lp, FunctionName: "fn-" + strings.ToLower(n), Features: []executionrole.Feature{fs[n]},
			})
		}
		var all []executionrole.Feature
		for _, n := range names {
			if n != "Eni" && n != "Durable" && n != "DurableKey" && n != "Edge" && n != "S3FilesRo" {
				all = append(all, fs[n])
			}
		}
		executionrole.NewExecutionRole(stack, jsii.String(mode+"Everything"), &executionrole.ExecutionRoleProps{
			LeastPrivilege: lp, FunctionName: "fn-everything", Features: all, MaxManagedPolicies: 20,
		})
	}
	// The operator role of a capacity provider, with the provider that writes its logs.
	operator := executionrole.NewOperatorRole(stack, jsii.String("Operator"), nil)
	awslambda.NewCfnCapacityProvider(stack, jsii.String("Provider"), &awslambda.CfnCapacityProviderProps{
		CapacityProviderName: jsii.String("orders"),
		PermissionsConfig:    &awslambda.CfnCapacityProvider_CapacityProviderPermissionsConfigProperty{CapacityProviderOperatorRoleArn: operator.RoleArn()},
		VpcConfig:            &awslambda.CfnCapacityProvider_CapacityProviderVpcConfigProperty{SubnetIds: jsii.Strings("subnet-0123456789abcdef0"), SecurityGroupIds: jsii.Strings("sg-0123456789abcdef0")},
	})
	return template(t, stack)
}

var (
	matrixOnce sync.Once
	matrix     map[string]any
)

// firstMatrix is matrixTemplate, synthesized once for every test that only reads it.
func firstMatrix(t *testing.T) map[string]any {
	t.Helper()
	matrixOnce.Do(func() { matrix = matrixTemplate(t) })
	if matrix == nil {
		t.Fatal("the feature matrix did not synthesize")
	}
	return matrix
}

func checkConforms(t *testing.T, name string, tpl map[string]any) {
	t.Helper()
	for _, err := range conformance.ForTest(t).CheckTemplate(tpl) {
		t.Errorf("%s: %v", name, err)
	}
}

func TestFeatureMatrixConformsToSchemasActionsAndManagedPolicies(t *testing.T) {
	checkConforms(t, "matrix", firstMatrix(t))
}

func TestFeatureMatrixIsPartitionNeutralAndDeterministic(t *testing.T) {
	first, _ := json.Marshal(firstMatrix(t))
	second, _ := json.Marshal(matrixTemplate(t))
	if string(first) != string(second) {
		t.Fatal("two synths of the same app differ")
	}
	// Every ARN the roles carry is built with AWS::Partition, so one template serves aws,
	// aws-cn and aws-us-gov alike.
	if i := strings.Index(string(first), "arn:aws"); i >= 0 {
		t.Errorf("template holds a literal partition: ...%s...", first[max(0, i-80):min(len(first), i+80)])
	}
}

// Each managed-mode feature's catalogued actions equal the current AWS managed policy.
func TestCatalogMatchesCurrentManagedPolicyDocuments(t *testing.T) {
	r := conformance.ForTest(t)
	rows := slices.Clone(permissions.Catalog)
	// The capacity provider operator role's policy is no feature's, and held to the same.
	rows = append(rows, permissions.Definition{ID: "operator-role", Policy: permissions.OperatorPolicy, Grants: permissions.OperatorGrants})
	for _, d := range rows {
		if d.Policy.Name == "" {
			continue
		}
		t.Run(string(d.ID), func(t *testing.T) {
			want, err := r.ManagedPolicyActions(d.Policy.Name)
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, s := range d.Grants {
				got = append(got, s.Actions...)
			}
			slices.Sort(got)
			got = slices.Compact(got)
			if !slices.Equal(got, want) {
				t.Errorf("catalog grants %v\nAWS policy %s grants %v", got, d.Policy.Name, want)
			}
		})
	}
}

// A deliberate defect of each kind makes the suite fail: the checks can fail.
func TestDeliberateDefectsAreCaught(t *testing.T) {
	r := conformance.ForTest(t)
	tests := []struct {
		name   string
		defect func(role map[string]any)
		want   string
	}{
		{"fails on an unknown action", func(role map[string]any) {
			role["Properties"].(map[string]any)["Policies"] = []any{map[string]any{"PolicyName": "p", "PolicyDocument": map[string]any{
				"Version": "2012-10-17", "Statement": []any{map[string]any{"Effect": "Allow", "Action": "sqs:ReceiveMessages", "Resource": "*"}}}}}
		}, "sqs:ReceiveMessages"},
		{"fails on a wrong managed policy path", func(role map[string]any) {
			role["Properties"].(map[string]any)["ManagedPolicyArns"] = []any{"arn:aws:iam::aws:policy/AWSLambdaBasicExecutionRole"}
		}, "service-role"},
		{"fails on an invalid property", func(role map[string]any) {
			role["Properties"].(map[string]any)["MaxSessionDuration"] = "one hour"
		}, "MaxSessionDuration"},
	}
	app := newApp()
	stack := newStack(app, "Defect")
	executionrole.NewExecutionRole(stack, jsii.String("Role"), nil)
	clean, err := json.Marshal(template(t, stack))
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var tpl map[string]any // a copy of the clean template, for this defect alone
			if err := json.Unmarshal(clean, &tpl); err != nil {
				t.Fatal(err)
			}
			for _, res := range tpl["Resources"].(map[string]any) {
				if res.(map[string]any)["Type"] == "AWS::IAM::Role" {
					tt.defect(res.(map[string]any))
				}
			}
			errs := r.CheckTemplate(tpl)
			var all []string
			for _, e := range errs {
				all = append(all, e.Error())
			}
			if !strings.Contains(strings.Join(all, "\n"), tt.want) {
				t.Errorf("defect not caught: errors %v, want one mentioning %q", all, tt.want)
			}
		})
	}
}

// An example is synthesized once per test binary, however many tests read it.
var (
	examplesMu sync.Mutex
	examples   = map[string]exampleOutput{}
	examplesIn string // parent folder of every example's assembly, removed by TestMain
)

type exampleOutput struct {
	dir  string                    // the cloud assembly
	tpls map[string]map[string]any // its templates, by stack
	err  error
}

// synthExample runs an example app as `cdk synth` would (once per test binary) without
// feature flags, as an app without a cdk.json context runs, and returns its cloud assembly
// folder and its templates by stack.
func synthExample(t *testing.T, dir string) (string, map[string]map[string]any) {
	return synthExampleUnder(t, dir, false)
}

// exampleEnv is the environment an example needs to synthesize: the audit example plants
// mistakes that fail synth unless its auto-fix is on.
var exampleEnv = map[string][]string{"examples/audit": {"EXECROLE_AUTOFIX=1"}}

// synthExampleUnder is synthExample with, when flags is set, the feature flags of the
// repository's cdk.json in the app's context, as `npx cdk synth` passes them.
func synthExampleUnder(t *testing.T, dir string, flags bool) (string, map[string]map[string]any) {
	t.Helper()
	key := dir
	env := exampleEnv[dir]
	if flags {
		key += " (feature flags)"
		env = append(slices.Clip(env), "CDK_CONTEXT_JSON="+cdkJSONContext(t))
	}
	examplesMu.Lock()
	defer examplesMu.Unlock()
	if e, ok := examples[key]; ok {
		if e.err != nil {
			t.Fatal(e.err)
		}
		return e.dir, e.tpls
	}
	e := exampleOutput{dir: filepath.Join(examplesIn, strings.NewReplacer("/", "-", " ", "", "(", "", ")", "").Replace(key))}
	e.tpls, e.err = runExample(dir, e.dir, env...)
	examples[key] = e
	if e.err != nil {
		t.Fatal(e.err)
	}
	return e.dir, e.tpls
}

func runExample(dir, out string, env ...string) (map[string]map[string]any, error) {
	if err := cdktest.RunExample(dir, out, env...); err != nil {
		return nil, err
	}
	files, _ := filepath.Glob(filepath.Join(out, "*.template.json"))
	if len(files) == 0 {
		return nil, fmt.Errorf("%s synthesized no template", dir)
	}
	tpls := map[string]map[string]any{}
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			return nil, err
		}
		tpl, err := conformance.Decode(b)
		if err != nil {
			return nil, err
		}
		tpls[strings.TrimSuffix(filepath.Base(f), ".template.json")] = tpl
	}
	return tpls, nil
}

func TestQuickstartConformsAndHasOneIAMResource(t *testing.T) {
	_, tpls := synthExample(t, "examples/quickstart")
	for name, tpl := range tpls {
		checkConforms(t, name, tpl)
		if n := len(cdktest.Resources(tpl, "AWS::IAM::Role")); n != 1 {
			t.Errorf("%s: %d roles, want 1", name, n)
		}
		if n := len(cdktest.Resources(tpl, "AWS::IAM::Policy")); n != 0 {
			t.Errorf("%s: %d AWS::IAM::Policy, want 0: grants must land in the role", name, n)
		}
	}
}

// In least-privilege mode each event source still gets every action Lambda needs: all the
// actions of the feature's AWS managed policy (the Developer Guide's list of what the
// feature requires), with the logs actions coming from the basic-logs statements.
func TestLeastPrivilegeCoversWhatEachManagedPolicyGrants(t *testing.T) {
	r := conformance.ForTest(t)
	for _, d := range permissions.Catalog {
		if d.Policy.Name == "" || d.ID == permissions.BasicLogs {
			continue
		}
		t.Run(string(d.ID), func(t *testing.T) {
			// A use of the feature with a resource of the shape its row takes.
			u := permissions.Use{Feature: d.ID}
			if d.Shape != nil {
				u.Resources = []string{d.Shape.ExampleARN()}
			}
			plan, err := permissions.Resolve(permissions.Request{Uses: []permissions.Use{u}, LeastPrivilege: true, FunctionNames: []string{"fn"}})
			if err != nil {
				t.Fatal(err)
			}
			granted := map[string]bool{}
			for _, s := range plan.Statements {
				for _, a := range s.Actions {
					granted[strings.ToLower(a)] = true
				}
			}
			want, err := r.ManagedPolicyActions(d.Policy.Name)
			if err != nil {
				t.Fatal(err)
			}
			for _, a := range want {
				if !granted[strings.ToLower(a)] {
					t.Errorf("least-privilege %s lacks %s, which %s grants", d.ID, a, d.Policy.Name)
				}
			}
		})
	}
}

// The least-privilege example runs cdk-nag inside the app: its assembly must hold no error
// or warning, and its templates conform.
// So it is with cdk init's feature flags (minimizePolicies merges statements,
// useCdkManagedLogGroup adds log groups) and without.
func TestLeastPrivilegeExampleIsCleanUnderCdkNag(t *testing.T) {
	for _, flags := range []bool{false, true} {
		out, tpls := synthExampleUnder(t, "examples/least-privilege", flags)
		for name, tpl := range tpls {
			checkConforms(t, name, tpl)
			messages := cdktest.Messages(t, out, name)
			for _, level := range []string{"aws:cdk:error", "aws:cdk:warning"} {
				for _, m := range messages[level] {
					t.Errorf("flags %v: %s %s", flags, level, m)
				}
			}
		}
	}
}

var update = flag.Bool("update", false, "rewrite the golden templates from the examples")

// The examples' templates are pinned as golden files, so a change to what the library emits
// shows up as a reviewed diff. Refresh with: go test ./test -run Golden -update
func TestExampleTemplatesGolden(t *testing.T) {
	for _, example := range []string{"quickstart", "least-privilege"} {
		t.Run(example, func(t *testing.T) {
			_, tpls := synthExample(t, "examples/"+example)
			for name, tpl := range tpls {
				b, err := json.MarshalIndent(tpl, "", "  ")
				if err != nil {
					t.Fatal(err)
				}
				b = append(b, '\n')
				path := filepath.Join("testdata", name+".template.json")
				if *update {
					if err := os.MkdirAll("testdata", 0o755); err != nil {
						t.Fatal(err)
					}
					if err := os.WriteFile(path, b, 0o644); err != nil {
						t.Fatal(err)
					}
				}
				want, err := os.ReadFile(path)
				if err != nil {
					t.Fatalf("%v: run go test ./test -run Golden -update", err)
				}
				if string(b) != string(want) {
					t.Errorf("%s differs from %s: review the change, then refresh it with -update", name, path)
				}
			}
		})
	}
}
