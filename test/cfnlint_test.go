package test

import (
	"archive/tar"
	"bytes"
	"compress/gzip"
	"encoding/json"
	"errors"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/aws/aws-cdk-go/awscdk/v2/awslambda"
	"github.com/aws/jsii-runtime-go"

	"github.com/execrole/execrole/constructs/executionrole"
	"github.com/execrole/execrole/internal/cdktest"
)

// exampleApps are the apps whose templates users deploy: every example, and the blueprints
// (examples/blueprints synthesizes each of them).
var exampleApps = []string{"examples/quickstart", "examples/least-privilege", "examples/blueprints", "examples/audit", "examples/lambda-features"}

// cdkJSONContext is the context of the repository's cdk.json, as JSON: what `npx cdk synth`
// hands an app in CDK_CONTEXT_JSON.
func cdkJSONContext(t *testing.T) string {
	t.Helper()
	var cfg struct {
		Context map[string]any `json:"context"`
	}
	b, err := os.ReadFile("../cdk.json")
	if err == nil {
		err = json.Unmarshal(b, &cfg)
	}
	if err != nil {
		t.Fatal(err)
	}
	ctx, err := json.Marshal(cfg.Context)
	if err != nil {
		t.Fatal(err)
	}
	return string(ctx)
}

// recommendedFlags reads recommended-feature-flags.json, the flags `cdk init` writes into a
// new project's cdk.json, from the aws-cdk-lib tarball that the awscdk Go module embeds.
func recommendedFlags(t *testing.T) map[string]any {
	t.Helper()
	dir, err := exec.Command("go", "list", "-m", "-f", "{{.Dir}}", "github.com/aws/aws-cdk-go/awscdk/v2").Output()
	if err != nil {
		t.Fatalf("go list -m awscdk: %v", err)
	}
	tgz, _ := filepath.Glob(filepath.Join(strings.TrimSpace(string(dir)), "jsii", "aws-cdk-lib-*.tgz"))
	if len(tgz) != 1 {
		t.Fatalf("aws-cdk-lib tarball in the awscdk module: found %v", tgz)
	}
	f, err := os.Open(tgz[0])
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	zr, err := gzip.NewReader(f)
	if err != nil {
		t.Fatal(err)
	}
	tr := tar.NewReader(zr)
	for {
		h, err := tr.Next()
		if errors.Is(err, io.EOF) {
			t.Fatalf("%s holds no package/recommended-feature-flags.json", tgz[0])
		}
		if err != nil {
			t.Fatal(err)
		}
		if h.Name == "package/recommended-feature-flags.json" {
			var flags map[string]any
			if err := json.NewDecoder(tr).Decode(&flags); err != nil {
				t.Fatal(err)
			}
			return flags
		}
	}
}

// cdk.json carries exactly the feature flags `cdk init` writes for the aws-cdk-lib version
// go.mod requires, so `cdk synth` prints no "feature flags are not configured" notice and the
// examples are built as a new project's apps are.
func TestCdkJSONCarriesTheRecommendedFeatureFlags(t *testing.T) {
	var ctx map[string]any
	if err := json.Unmarshal([]byte(cdkJSONContext(t)), &ctx); err != nil {
		t.Fatal(err)
	}
	want := recommendedFlags(t)
	if len(want) == 0 {
		t.Fatal("aws-cdk-lib recommends no feature flag")
	}
	for k, v := range want {
		if got, ok := ctx[k]; !ok || !reflect.DeepEqual(got, v) {
			t.Errorf("cdk.json context %q = %v, want %v as cdk init writes it", k, got, v)
		}
	}
	for k := range ctx {
		if _, ok := want[k]; !ok && k != "cli-telemetry" {
			t.Errorf("cdk.json context %q is not a flag cdk init writes for this aws-cdk-lib", k)
		}
	}
}

// lintFinding is one match of `cfn-lint --format json`.
type lintFinding struct {
	Rule struct {
		ID string `json:"Id"`
	} `json:"Rule"`
	Message  string `json:"Message"`
	Filename string `json:"Filename"`
	Location struct {
		Path []any `json:"Path"`
	} `json:"Location"`
}

// allowedLint are the findings on resources that aws-cdk-lib makes for itself, each with the
// reason it is not the library's to fix. Nothing else is switched off.
var allowedLint = []struct {
	rule, section, prefix, why string
}{
	{"W3005", "Resources", "CustomVpcRestrictDefaultSGCustomResourceProviderHandler",
		"aws-cdk-lib's CustomResourceProvider (the @aws-cdk/aws-ec2:restrictDefaultSecurityGroup handler) adds DependsOn its own role beside the Fn::GetAtt"},
	{"W3005", "Resources", "BucketNotificationsHandler",
		"aws-cdk-lib's S3 notifications handler adds DependsOn its own role and policy beside the Fn::GetAtt"},
	{"W7001", "Mappings", "awscdkawskinesisfirehoseCidrBlocks",
		"aws-kinesisfirehose adds its regional CIDR mapping to every stack with a delivery stream, used or not"},
}

// schemaLag are the findings of properties CloudFormation has and this cfn-lint's schemas do
// not yet: each is the property as cfn-lint reports it, inside the function property that
// holds it. TestSchemaLagIsCloudFormations checks that aws-cdk-lib's L1, generated from
// CloudFormation's own specification, renders each at that place.
var schemaLag = []struct {
	parent, property string
}{
	{"DurableConfig", "KMSKeyArn"},
	{"FileSystemConfigs", "S3FilesConfig"},
}

// Each schema lag allowed is a property aws-cdk-lib's L1 writes where cfn-lint finds it.
func TestSchemaLagIsCloudFormations(t *testing.T) {
	app := newApp()
	stack := newStack(app, "SchemaLag")
	awslambda.NewCfnFunction(stack, jsii.String("Fn"), &awslambda.CfnFunctionProps{
		Role: jsii.String("arn:aws:iam::" + acct + ":role/orders"), Code: &awslambda.CfnFunction_CodeProperty{ZipFile: jsii.String("x")},
		Runtime: jsii.String("python3.13"), Handler: jsii.String("index.handler"),
		DurableConfig: &awslambda.CfnFunction_DurableConfigProperty{ExecutionTimeout: jsii.Number(900), KmsKeyArn: jsii.String("arn:aws:kms:us-east-1:" + acct + ":key/1234abcd-12ab-34cd-56ef-1234567890ab")},
		FileSystemConfigs: &[]*awslambda.CfnFunction_FileSystemConfigProperty{{
			Arn:            jsii.String("arn:aws:s3files:us-east-1:" + acct + ":file-system/fs-0123456789abcdef01/access-point/fsap-0123456789abcdef01"),
			LocalMountPath: jsii.String("/mnt/data"), S3FilesConfig: &awslambda.CfnFunction_S3FilesConfigProperty{DirectS3Read: jsii.String("ENABLED")},
		}},
	})
	for _, r := range cdktest.Resources(template(t, stack), "AWS::Lambda::Function") {
		props := r["Properties"].(map[string]any)
		for _, l := range schemaLag {
			parent := props[l.parent]
			if list, ok := parent.([]any); ok && len(list) > 0 {
				parent = list[0]
			}
			if m, _ := parent.(map[string]any); m[l.property] == nil {
				t.Errorf("aws-cdk-lib writes no %s in %s (%v): the cfn-lint finding is not a schema lag", l.property, l.parent, parent)
			}
		}
	}
}

func allowed(f lintFinding) bool {
	for _, l := range schemaLag {
		if f.Rule.ID == "E3002" && strings.Contains(f.Message, "'"+l.property+"' was unexpected") &&
			slices.ContainsFunc(f.Location.Path, func(p any) bool { return p == l.parent }) {
			return true
		}
	}
	if len(f.Location.Path) < 2 {
		return false
	}
	name, _ := f.Location.Path[1].(string)
	for _, a := range allowedLint {
		if f.Rule.ID == a.rule && f.Location.Path[0] == a.section && strings.HasPrefix(name, a.prefix) {
			return true
		}
	}
	return false
}

// cfnLint runs AWS's CloudFormation linter over templates. Without it the test skips, except
// in CI, which must run it (the README's setup installs it).
func cfnLint(t *testing.T, templates []string) []lintFinding {
	t.Helper()
	bin, err := exec.LookPath("cfn-lint")
	if err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatal("cfn-lint not found on PATH: scripts/setup installs it")
		}
		t.Skip("cfn-lint not found on PATH: run scripts/setup")
	}
	var stdout, stderr bytes.Buffer
	cmd := exec.Command(bin, append([]string{"--format", "json", "--"}, templates...)...)
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	err = cmd.Run()
	var exit *exec.ExitError
	if err != nil && !errors.As(err, &exit) {
		t.Fatalf("cfn-lint: %v\n%s", err, stderr.String())
	}
	var findings []lintFinding
	if err := json.Unmarshal(stdout.Bytes(), &findings); err != nil {
		t.Fatalf("cfn-lint output (exit %v): %v\n%s%s", err, err, stdout.String(), stderr.String())
	}
	if err != nil && len(findings) == 0 {
		t.Fatalf("cfn-lint failed without findings: %v\n%s", err, stderr.String())
	}
	return findings
}

// Every template a user deploys from this repository is clean under cfn-lint — no error, no
// warning, no informational finding — with feature flags and without, as users' apps have
// one or the other.
func TestTemplatesPassCfnLint(t *testing.T) {
	var templates []string
	for _, flags := range []bool{false, true} {
		for _, app := range exampleApps {
			out, tpls := synthExampleUnder(t, app, flags)
			for name := range tpls {
				templates = append(templates, filepath.Join(out, name+".template.json"))
			}
		}
	}
	slices.Sort(templates)
	findings := cfnLint(t, templates)
	var kept int
	for _, f := range findings {
		if allowed(f) {
			continue
		}
		kept++
		rel, _ := filepath.Rel(examplesIn, f.Filename)
		t.Errorf("%s %s: %s at %v", f.Rule.ID, rel, f.Message, f.Location.Path)
	}
	t.Logf("cfn-lint: %d findings (%d allowed with reasons: on aws-cdk-lib's own resources, or of properties newer than cfn-lint's schemas) over %d templates", kept, len(findings)-kept, len(templates))
}

// The examples' roles are right whether the app runs with cdk init's feature flags or with
// none: least-privilege logs stay on the function's own log group, the fingerprint reaches
// the function, and the audit still fails the planted mistakes.
func TestExamplesAreRightWithAndWithoutFeatureFlags(t *testing.T) {
	for _, flags := range []bool{false, true} {
		t.Run(map[bool]string{false: "no flags", true: "cdk init flags"}[flags], func(t *testing.T) {
			_, tpls := synthExampleUnder(t, "examples/least-privilege", flags)
			tpl := tpls["ExecroleLeastPrivilege"]
			groups := cdktest.Resources(tpl, "AWS::Logs::LogGroup")
			if len(groups) != 1 {
				t.Fatalf("least-privilege: %d log groups, want the example's one", len(groups))
			}
			var group string
			for id := range groups {
				group = ":log-group:${" + id + "}:"
			}
			var logs int
			for _, r := range cdktest.Resources(tpl, "AWS::IAM::Role") {
				for _, st := range roleStatements(r) {
					acts := cdktest.Flatten(st["Action"])
					if !strings.Contains(acts, "logs:") {
						continue
					}
					logs++
					if res := cdktest.Flatten(st["Resource"]); !strings.Contains(res, group) {
						t.Errorf("least-privilege: %s on %s, want the function's log group %s", acts, res, group)
					}
				}
			}
			if logs == 0 {
				t.Error("least-privilege: no logs statement")
			}
			for example, fn := range map[string]string{"quickstart": "ExecroleQuickstart", "least-privilege": "ExecroleLeastPrivilege"} {
				_, tpls := synthExampleUnder(t, "examples/"+example, flags)
				for id, f := range cdktest.Resources(tpls[fn], "AWS::Lambda::Function") {
					if strings.HasPrefix(id, "CustomVpcRestrictDefaultSG") {
						continue // aws-cdk-lib's own handler, with a role of its own
					}
					if !strings.Contains(cdktest.Flatten(f["Properties"]), executionrole.FingerprintVariable) {
						t.Errorf("%s: function %s has no %s", example, id, executionrole.FingerprintVariable)
					}
				}
			}
			env := []string{"EXECROLE_AUTOFIX="}
			if flags {
				env = append(env, "CDK_CONTEXT_JSON="+cdkJSONContext(t))
			}
			// The audit plants three mistakes. Without flags the app writes them as error
			// annotations, on which the CDK CLI fails synth; cdk init's flags make the app
			// itself fail with the same three.
			out := t.TempDir()
			var errs int
			if err := cdktest.RunExample("examples/audit", out, env...); err != nil {
				errs = strings.Count(err.Error(), "Rule Annotation::error-annotation")
			} else {
				errs = len(cdktest.Messages(t, out, "Audit")["aws:cdk:error"])
			}
			if errs != 3 {
				t.Errorf("examples/audit without auto-fix: %d errors, want the three planted mistakes", errs)
			}
		})
	}
}

// roleStatements are the statements of a role resource's inline policies.
func roleStatements(role map[string]any) []map[string]any {
	props, _ := role["Properties"].(map[string]any)
	policies, _ := props["Policies"].([]any)
	var out []map[string]any
	for _, p := range policies {
		doc, _ := p.(map[string]any)["PolicyDocument"].(map[string]any)
		sts, _ := doc["Statement"].([]any)
		for _, s := range sts {
			if m, ok := s.(map[string]any); ok {
				out = append(out, m)
			}
		}
	}
	return out
}
