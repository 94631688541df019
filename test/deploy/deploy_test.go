package deploy

import (
	"cmp"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"maps"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/config"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/aws-sdk-go-v2/service/cloudformation"
	"github.com/aws/aws-sdk-go-v2/service/iam"
	"github.com/aws/aws-sdk-go-v2/service/iam/types"
)

// An example app and how it is deployed.
type example struct {
	dir string
	env []string
	// limits names the stacks that moto cannot deploy as they are.
	limits map[string]limit
}

// limit is why moto cannot deploy a stack as it is, the resources it is deployed without,
// and a check that the reason still holds.
type limit struct {
	reason string
	// without are the resource types the stack is deployed without: what refers to one of
	// them refers to a stand-in ARN of its kind instead (see standIn).
	without []string
	holds   func(tpl map[string]any) bool
}

// has reports whether a template holds a resource of each of types.
func has(types ...string) func(tpl map[string]any) bool {
	return func(tpl map[string]any) bool {
		resources, _ := tpl["Resources"].(map[string]any)
		for _, typ := range types {
			if !slices.ContainsFunc(slices.Collect(maps.Values(resources)), func(r any) bool { return r.(map[string]any)["Type"] == typ }) {
				return false
			}
		}
		return true
	}
}

// Resources moto 5.2.1 does not implement in CloudFormation, which the example of 2026's
// Lambda features uses: an Fn::GetAtt of one fails the stack ("Template error: instance of
// Fn::GetAtt references undefined resource"), and a Ref of one cannot be read back.
var lambdaFeaturesLimits = map[string]limit{
	"LambdaFeaturesManagedInstances": {
		reason:  "moto implements no AWS::Lambda::CapacityProvider",
		without: []string{"AWS::Lambda::CapacityProvider"},
		holds:   has("AWS::Lambda::CapacityProvider"),
	},
	"LambdaFeaturesS3Files": {
		reason:  "moto implements no AWS::S3Files resource",
		without: []string{"AWS::S3Files::FileSystem", "AWS::S3Files::MountTarget", "AWS::S3Files::AccessPoint"},
		holds:   has("AWS::S3Files::FileSystem", "AWS::S3Files::MountTarget", "AWS::S3Files::AccessPoint"),
	},
	"LambdaFeaturesKafka": {
		reason:  "moto implements no AWS::Glue::Registry and no AWS::SecretsManager::Secret, and rejects an event source mapping from an MSK cluster or a self-managed one",
		without: []string{"AWS::Glue::Registry", "AWS::SecretsManager::Secret", "AWS::Lambda::EventSourceMapping"},
		holds:   has("AWS::Glue::Registry", "AWS::SecretsManager::Secret", "AWS::Lambda::EventSourceMapping"),
	},
}

var examples = []example{
	{dir: "examples/quickstart"},
	{dir: "examples/least-privilege"},
	{dir: "examples/blueprints", limits: map[string]limit{
		// moto 5.2.1 resolves an event source mapping's EventSourceArn only against its own
		// SQS queues, Kinesis streams and DynamoDB streams; the MSK cluster is a placeholder
		// ARN of another account. ExecuteChangeSet answers, in JSON where the CLI expects
		// XML, {"__type": "ResourceNotFoundException", "message": "Invalid EventSourceArn"}.
		// Dropping the mapping leaves the role as synthesized.
		"BlueprintMskConsumer": {
			reason:  "moto rejects an event source mapping from an MSK cluster (ResourceNotFoundException: Invalid EventSourceArn)",
			without: []string{"AWS::Lambda::EventSourceMapping"},
			holds: func(tpl map[string]any) bool {
				resources, _ := tpl["Resources"].(map[string]any)
				for _, r := range resources {
					r, _ := r.(map[string]any)
					p, _ := r["Properties"].(map[string]any)
					if arn, _ := p["EventSourceArn"].(string); r["Type"] == "AWS::Lambda::EventSourceMapping" && strings.HasPrefix(arn, "arn:aws:kafka:") {
						return true
					}
				}
				return false
			},
		},
	}},
	// Without auto-fix the planted mistakes fail synth by design.
	{dir: "examples/audit", env: []string{"EXECROLE_AUTOFIX=1"}},
	{dir: "examples/lambda-features", limits: lambdaFeaturesLimits},
}

// TestDeploy bootstraps moto's account with the pinned CDK CLI, deploys every stack of the
// examples, checks each stack's roles against its synthesized template through IAM, and
// destroys the stacks.
//
// What moto 5.2.1 does differently from AWS, and how the test deals with it:
//   - Its CloudFormation role handler ignores ManagedPolicyArns (and would accept ARNs that
//     do not exist). The test attaches each ARN of the template with AttachRolePolicy, as
//     CloudFormation would, having checked that AttachRolePolicy rejects a policy that does
//     not exist (with MOTO_IAM_LOAD_MANAGED_POLICIES=true, moto knows the AWS managed
//     policies); it detaches them before the destroy, as CloudFormation does.
//   - It returns the inline policies of a CloudFormation role as a Python repr, not JSON:
//     see decodePolicy.
//   - It gives a log group's Arn without the ":*" AWS appends: see arnFormats.
//   - A Lambda-backed custom resource is reported CREATE_COMPLETE, but its handler never runs
//     (moto invokes functions in Docker, and there is none): what it would configure is not
//     checked. Creating Lambda functions needs no Docker.
//   - It accepts and ignores types it does not implement (AWS::SQS::QueuePolicy,
//     AWS::ApiGatewayV2::*, AWS::KinesisFirehose::DeliveryStream and others): their stacks
//     are CREATE_COMPLETE without them. Only the IAM roles are checked.
//   - Its CloudFormation deletes no AWS::EC2::RouteTable, and then fails to delete the VPC
//     ("The vpc vpc-... has dependencies and cannot be deleted."): the test deletes the
//     route tables through EC2 before cdk destroy.
//   - Stacks deployed concurrently (cdk deploy --concurrency) get each other's answers: two
//     stacks stayed REVIEW_IN_PROGRESS while the CLI reported them deployed. Stacks are
//     deployed one at a time, and each stack's status is read back rather than trusted.
func TestDeploy(t *testing.T) {
	if testing.Short() {
		t.Skip("deploys to moto: not in -short mode")
	}
	start := time.Now()
	root := repoRoot(t)
	cdk := filepath.Join(root, "node_modules", ".bin", "cdk")
	if _, err := os.Stat(cdk); err != nil {
		t.Fatalf("the pinned CDK CLI is missing (%v): run scripts/setup", err)
	}
	port := startMoto(t)
	endpoint := fmt.Sprintf("http://localhost:%d", port)

	// One environment for the CLI and the SDK: moto's endpoint and dummy credentials, never
	// the user's own profile or credentials.
	for k, v := range map[string]string{
		"AWS_ENDPOINT_URL":            endpoint,
		"AWS_ACCESS_KEY_ID":           "testing",
		"AWS_SECRET_ACCESS_KEY":       "testing",
		"AWS_SESSION_TOKEN":           "testing",
		"AWS_REGION":                  region,
		"AWS_DEFAULT_REGION":          region,
		"AWS_PROFILE":                 "",
		"AWS_CONFIG_FILE":             os.DevNull,
		"AWS_SHARED_CREDENTIALS_FILE": os.DevNull,
		"CDK_DEFAULT_ACCOUNT":         account,
		"CDK_DEFAULT_REGION":          region,
		"CDK_DISABLE_CLI_TELEMETRY":   "true",
		"PATH":                        filepath.Dir(cdk) + string(os.PathListSeparator) + os.Getenv("PATH"),
	} {
		t.Setenv(k, v)
	}
	ctx := context.Background()
	cfg, err := config.LoadDefaultConfig(ctx,
		config.WithRegion(region),
		config.WithBaseEndpoint(endpoint),
		config.WithCredentialsProvider(credentials.NewStaticCredentialsProvider("testing", "testing", "testing")),
	)
	if err != nil {
		t.Fatal(err)
	}
	d := &deployer{
		cdk: cdk, root: root, endpoint: endpoint, creds: cfg.Credentials,
		cfn: cloudformation.NewFromConfig(cfg), iam: iam.NewFromConfig(cfg),
	}

	// The modern bootstrap template deploys on moto as it is.
	d.run(t, t.TempDir(), nil, "bootstrap", "aws://"+account+"/"+region)
	d.stackComplete(t, "CDKToolkit")
	d.checkAttachRejects(t)

	out := t.TempDir()
	for _, ex := range examples {
		t.Run(filepath.Base(ex.dir), func(t *testing.T) { d.example(t, ex, filepath.Join(out, filepath.Base(ex.dir))) })
	}
	t.Logf("deploy test: %s", time.Since(start).Round(time.Second))
}

type deployer struct {
	cdk, root, endpoint string
	creds               aws.CredentialsProvider
	cfn                 *cloudformation.Client
	iam                 *iam.Client
}

// example synthesizes ex into the cloud assembly out, deploys its stacks, checks their
// roles and destroys them.
func (d *deployer) example(t *testing.T, ex example, out string) {
	d.run(t, d.root, ex.env, "synth", "--quiet", "--app", "go run ./"+ex.dir, "--output", out)
	var stacks []string
	templates := map[string]map[string]any{}
	assembly := assemblyStacks(t, out)
	for name, file := range assembly {
		tpl := readJSON(t, filepath.Join(out, file))
		if l, ok := ex.limits[name]; ok {
			if !l.holds(tpl) {
				t.Errorf("%s is deployed without %s because %s, but it has none: deploy it as it is", name, l.without, l.reason)
			}
			ids := dropResources(t, name, tpl, l.without...)
			writeJSON(t, filepath.Join(out, file), tpl)
			t.Logf("%s: deployed without its %s %s, stand-in ARNs in their place: %s", name, strings.Join(l.without, ", "), strings.Join(ids, ", "), l.reason)
		}
		stacks = append(stacks, name)
		templates[name] = tpl
	}
	slices.Sort(stacks)
	for name := range ex.limits {
		if _, ok := assembly[name]; !ok {
			t.Errorf("%s has a limit for stack %s, which it does not have", ex.dir, name)
		}
	}
	functions := 0
	for _, name := range stacks {
		functions += describeLimits(t, name, templates[name])
	}
	t.Logf("%s: %d stacks to deploy, with %d Lambda functions (moto creates functions without Docker; it needs Docker only to invoke them)", ex.dir, len(stacks), functions)

	d.run(t, d.root, nil, append([]string{"deploy", "--app", out, "--require-approval", "never", "--progress", "events"}, stacks...)...)
	var roles []string
	for _, name := range stacks {
		resources := d.stackComplete(t, name)
		d.addDefaultSecurityGroups(t, name, resources)
		roles = append(roles, d.checkRoles(t, name, templates[name], resources)...)
		if n := d.deleteRouteTables(t, name, resources); n > 0 {
			t.Logf("%s: %d route tables deleted through EC2 before cdk destroy, as moto's CloudFormation does not delete them", name, n)
		}
	}
	d.run(t, d.root, nil, append([]string{"destroy", "--app", out, "--force"}, stacks...)...)
	for _, name := range stacks {
		if _, err := d.cfn.DescribeStacks(context.Background(), &cloudformation.DescribeStacksInput{StackName: aws.String(name)}); err == nil || !strings.Contains(err.Error(), "does not exist") {
			t.Errorf("%s after cdk destroy: DescribeStacks gives %v, want: does not exist", name, err)
		}
	}
	for _, role := range roles {
		var missing *types.NoSuchEntityException
		if _, err := d.iam.GetRole(context.Background(), &iam.GetRoleInput{RoleName: aws.String(role)}); !errors.As(err, &missing) {
			t.Errorf("role %s after cdk destroy: GetRole gives %v, want NoSuchEntity", role, err)
		}
	}
	t.Logf("%s: %d stacks destroyed, %d roles gone", ex.dir, len(stacks), len(roles))
}

// describeLimits logs what of a stack moto creates in name only, and returns how many
// Lambda functions the stack has.
func describeLimits(t *testing.T, stack string, tpl map[string]any) int {
	resources, _ := tpl["Resources"].(map[string]any)
	var custom []string
	functions := 0
	for id, r := range resources {
		typ, _ := r.(map[string]any)["Type"].(string)
		if strings.HasPrefix(typ, "Custom::") || typ == "AWS::CloudFormation::CustomResource" {
			custom = append(custom, typ+" "+id)
		}
		if typ == "AWS::Lambda::Function" {
			functions++
		}
	}
	slices.Sort(custom)
	for _, c := range custom {
		t.Logf("%s: %s: moto reports it created but never runs its Lambda handler (no Docker): what it configures is not checked", stack, c)
	}
	return functions
}

// run runs the pinned CDK CLI in dir with extra environment env. A failure fails the test
// with the CLI's output.
func (d *deployer) run(t *testing.T, dir string, env []string, args ...string) {
	t.Helper()
	start := time.Now()
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, d.cdk, args...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), env...)
	b, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("cdk %s: %v\n%s", strings.Join(args, " "), err, b)
	}
	t.Logf("cdk %s (%s)", strings.Join(args, " "), time.Since(start).Round(100*time.Millisecond))
}

// stackComplete checks that the stack is CREATE_COMPLETE, logs it, and returns its
// resources by logical id.
func (d *deployer) stackComplete(t *testing.T, stack string) map[string]resource {
	t.Helper()
	ctx := context.Background()
	got, err := d.cfn.DescribeStacks(ctx, &cloudformation.DescribeStacksInput{StackName: aws.String(stack)})
	if err != nil {
		t.Fatalf("%s: %v", stack, err)
	}
	if status := got.Stacks[0].StackStatus; status != "CREATE_COMPLETE" {
		t.Fatalf("%s: %s (%s), want CREATE_COMPLETE", stack, status, aws.ToString(got.Stacks[0].StackStatusReason))
	}
	resources := map[string]resource{}
	p := cloudformation.NewListStackResourcesPaginator(d.cfn, &cloudformation.ListStackResourcesInput{StackName: aws.String(stack)})
	for p.HasMorePages() {
		page, err := p.NextPage(ctx)
		if err != nil {
			t.Fatalf("%s: %v", stack, err)
		}
		for _, r := range page.StackResourceSummaries {
			resources[aws.ToString(r.LogicalResourceId)] = resource{aws.ToString(r.ResourceType), aws.ToString(r.PhysicalResourceId)}
		}
	}
	t.Logf("%s: CREATE_COMPLETE", stack)
	return resources
}

// checkRoles reads every AWS::IAM::Role of the stack back through IAM and compares it with
// the template; it returns the roles' names.
func (d *deployer) checkRoles(t *testing.T, stack string, tpl map[string]any, resources map[string]resource) []string {
	t.Helper()
	all, _ := tpl["Resources"].(map[string]any)
	var ids, names []string
	for id, r := range all {
		if r.(map[string]any)["Type"] == "AWS::IAM::Role" {
			ids = append(ids, id)
		}
	}
	slices.Sort(ids)
	for _, id := range ids {
		name := resources[id].id
		if name == "" {
			t.Errorf("%s: role %s was not created", stack, id)
			continue
		}
		names = append(names, name)
		d.checkRole(t, stack, id, name, all, resources)
	}
	return names
}

func (d *deployer) checkRole(t *testing.T, stack, id, name string, all map[string]any, resources map[string]resource) {
	t.Helper()
	ctx := context.Background()
	props, _ := all[id].(map[string]any)["Properties"].(map[string]any)
	want := func(v any) any {
		r, err := resolve(v, stack, resources)
		if err != nil {
			t.Fatalf("%s: role %s: %v", stack, id, err)
		}
		return r
	}
	where := stack + ": role " + id + " (" + name + ")"

	got, err := d.iam.GetRole(ctx, &iam.GetRoleInput{RoleName: aws.String(name)})
	if err != nil {
		t.Fatalf("%s: %v", where, err)
	}
	trust, err := decodePolicy(aws.ToString(got.Role.AssumeRolePolicyDocument))
	if err != nil {
		t.Fatalf("%s: trust policy: %v", where, err)
	}
	if w := want(props["AssumeRolePolicyDocument"]); !reflect.DeepEqual(trust, w) {
		t.Errorf("%s: trust policy\n got %s\nwant %s", where, jsonText(trust), jsonText(w))
	}
	principals := trustedServices(trust)
	if executionRole(all, id) && !slices.Contains(principals, "lambda.amazonaws.com") {
		t.Errorf("%s: an execution role that does not trust lambda.amazonaws.com: %s", where, jsonText(trust))
	}
	for key, field := range map[string]*string{"Path": got.Role.Path, "Description": got.Role.Description} {
		if v, ok := props[key]; ok && want(v) != aws.ToString(field) {
			t.Errorf("%s: %s %q, want %q", where, key, aws.ToString(field), want(v))
		}
	}

	// Inline policies: the role's own, and those of AWS::IAM::Policy resources on it.
	wantInline := map[string]any{}
	for _, p := range asList(props["Policies"]) {
		p, _ := p.(map[string]any)
		wantInline[fmt.Sprint(want(p["PolicyName"]))] = want(p["PolicyDocument"])
	}
	for _, r := range all {
		r, _ := r.(map[string]any)
		p, _ := r["Properties"].(map[string]any)
		if r["Type"] == "AWS::IAM::Policy" && slices.ContainsFunc(asList(p["Roles"]), func(v any) bool { return reflect.DeepEqual(v, map[string]any{"Ref": id}) }) {
			wantInline[fmt.Sprint(want(p["PolicyName"]))] = want(p["PolicyDocument"])
		}
	}
	listed, err := d.iam.ListRolePolicies(ctx, &iam.ListRolePoliciesInput{RoleName: aws.String(name)})
	if err != nil {
		t.Fatalf("%s: %v", where, err)
	}
	var inline []string
	for _, p := range listed.PolicyNames {
		pol, err := d.iam.GetRolePolicy(ctx, &iam.GetRolePolicyInput{RoleName: aws.String(name), PolicyName: aws.String(p)})
		if err != nil {
			t.Fatalf("%s: %v", where, err)
		}
		doc, err := decodePolicy(aws.ToString(pol.PolicyDocument))
		if err != nil {
			t.Fatalf("%s: inline policy %s: %v", where, p, err)
		}
		w, ok := wantInline[p]
		switch {
		case !ok:
			t.Errorf("%s: inline policy %s is not in the template", where, p)
		case !reflect.DeepEqual(doc, w):
			t.Errorf("%s: inline policy %s\n got %s\nwant %s", where, p, jsonText(doc), jsonText(w))
		}
		statements := len(asList(doc.(map[string]any)["Statement"]))
		inline = append(inline, fmt.Sprintf("%s (%d statements)", p, statements))
	}
	for p := range wantInline {
		if !slices.Contains(listed.PolicyNames, p) {
			t.Errorf("%s: inline policy %s of the template is missing", where, p)
		}
	}

	// Managed policies: moto's CloudFormation does not attach them; attach each as
	// CloudFormation would, which fails for a policy that does not exist.
	var wantManaged []string
	for _, arn := range asList(props["ManagedPolicyArns"]) {
		wantManaged = append(wantManaged, fmt.Sprint(want(arn)))
	}
	slices.Sort(wantManaged)
	before := d.attached(t, where, name)
	for _, arn := range before {
		if !slices.Contains(wantManaged, arn) {
			t.Errorf("%s: attached policy %s is not in the template", where, arn)
		}
	}
	for _, arn := range wantManaged {
		if _, err := d.iam.AttachRolePolicy(ctx, &iam.AttachRolePolicyInput{RoleName: aws.String(name), PolicyArn: aws.String(arn)}); err != nil {
			t.Errorf("%s: managed policy %s: %v", where, arn, err)
		}
	}
	after := d.attached(t, where, name)
	if !slices.Equal(after, wantManaged) {
		t.Errorf("%s: attached managed policies %v, want %v", where, after, wantManaged)
	}
	var short []string
	for _, arn := range after {
		short = append(short, strings.TrimPrefix(arn, "arn:aws:iam::aws:policy/"))
	}
	t.Logf("%s: read back: trusts %s; inline %s; managed %s (moto's CloudFormation attached %d of %d)",
		where, strings.Join(principals, ", "), orNone(inline), orNone(short), len(before), len(wantManaged))

	// CloudFormation detaches ManagedPolicyArns before deleting a role; IAM refuses to
	// delete a role with attached policies.
	for _, arn := range after {
		if _, err := d.iam.DetachRolePolicy(ctx, &iam.DetachRolePolicyInput{RoleName: aws.String(name), PolicyArn: aws.String(arn)}); err != nil {
			t.Errorf("%s: detach %s: %v", where, arn, err)
		}
	}
}

// attached lists the role's attached managed policies, sorted.
func (d *deployer) attached(t *testing.T, where, role string) []string {
	t.Helper()
	var arns []string
	p := iam.NewListAttachedRolePoliciesPaginator(d.iam, &iam.ListAttachedRolePoliciesInput{RoleName: aws.String(role)})
	for p.HasMorePages() {
		page, err := p.NextPage(context.Background())
		if err != nil {
			t.Fatalf("%s: %v", where, err)
		}
		for _, a := range page.AttachedPolicies {
			arns = append(arns, aws.ToString(a.PolicyArn))
		}
	}
	slices.Sort(arns)
	return arns
}

// checkAttachRejects checks that IAM AttachRolePolicy rejects a managed policy that does not
// exist, on a role made for it: else attaching the templates' ARNs would check nothing.
func (d *deployer) checkAttachRejects(t *testing.T) {
	t.Helper()
	ctx := context.Background()
	role := aws.String("execrole-deploy-attach-check")
	trust := `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"lambda.amazonaws.com"},"Action":"sts:AssumeRole"}]}`
	if _, err := d.iam.CreateRole(ctx, &iam.CreateRoleInput{RoleName: role, AssumeRolePolicyDocument: aws.String(trust)}); err != nil {
		t.Fatal(err)
	}
	right := "arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole"
	wrong := "arn:aws:iam::aws:policy/AWSLambdaBasicExecutionRole" // its path is service-role/
	var missing *types.NoSuchEntityException
	_, err := d.iam.AttachRolePolicy(ctx, &iam.AttachRolePolicyInput{RoleName: role, PolicyArn: aws.String(wrong)})
	if !errors.As(err, &missing) {
		t.Fatalf("AttachRolePolicy of %s, which does not exist, gives %v, want NoSuchEntity: attaching the templates' managed policies would check nothing", wrong, err)
	}
	t.Logf("IAM rejects a managed policy that does not exist: %s", aws.ToString(missing.Message))
	if _, err := d.iam.AttachRolePolicy(ctx, &iam.AttachRolePolicyInput{RoleName: role, PolicyArn: aws.String(right)}); err != nil {
		t.Fatalf("AttachRolePolicy of %s: %v", right, err)
	}
	if _, err := d.iam.DetachRolePolicy(ctx, &iam.DetachRolePolicyInput{RoleName: role, PolicyArn: aws.String(right)}); err != nil {
		t.Fatal(err)
	}
	if _, err := d.iam.DeleteRole(ctx, &iam.DeleteRoleInput{RoleName: role}); err != nil {
		t.Fatal(err)
	}
}

// executionRole reports whether a Lambda function of the template uses the role.
func executionRole(all map[string]any, id string) bool {
	for _, r := range all {
		r, _ := r.(map[string]any)
		p, _ := r["Properties"].(map[string]any)
		if r["Type"] == "AWS::Lambda::Function" && reflect.DeepEqual(p["Role"], map[string]any{"Fn::GetAtt": []any{id, "Arn"}}) {
			return true
		}
	}
	return false
}

// trustedServices lists the service principals a trust policy allows to assume the role.
func trustedServices(doc any) []string {
	var out []string
	m, _ := doc.(map[string]any)
	for _, s := range asList(m["Statement"]) {
		s, _ := s.(map[string]any)
		p, _ := s["Principal"].(map[string]any)
		if s["Effect"] != "Allow" || !slices.Contains(asList(s["Action"]), any("sts:AssumeRole")) {
			continue
		}
		for _, svc := range asList(p["Service"]) {
			out = append(out, fmt.Sprint(svc))
		}
	}
	slices.Sort(out)
	return out
}

// asList returns v as a list: a list as it is, nil as empty, anything else as a list of one.
func asList(v any) []any {
	switch t := v.(type) {
	case nil:
		return nil
	case []any:
		return t
	}
	return []any{v}
}

func orNone(s []string) string {
	if len(s) == 0 {
		return "none"
	}
	return strings.Join(s, ", ")
}

func jsonText(v any) string {
	b, _ := json.Marshal(v)
	return string(b)
}

func readJSON(t *testing.T, path string) map[string]any {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var v map[string]any
	if err := json.Unmarshal(b, &v); err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	return v
}

// dropResources removes the template's resources of type typ, and returns their logical ids.
// A resource that refers to one of them fails the test.
func dropResources(t *testing.T, stack string, tpl map[string]any, types ...string) []string {
	t.Helper()
	resources, _ := tpl["Resources"].(map[string]any)
	dropped := map[string]string{} // logical id -> type
	var ids []string
	for id, r := range resources {
		if typ, _ := r.(map[string]any)["Type"].(string); slices.Contains(types, typ) {
			ids = append(ids, id)
			dropped[id] = typ
			delete(resources, id)
		}
	}
	slices.Sort(ids)
	for _, r := range resources {
		m := r.(map[string]any)
		if deps, ok := m["DependsOn"].([]any); ok {
			m["DependsOn"] = slices.DeleteFunc(deps, func(d any) bool { return dropped[fmt.Sprint(d)] != "" })
		} else if d, ok := m["DependsOn"].(string); ok && dropped[d] != "" {
			delete(m, "DependsOn")
		}
		if props, ok := m["Properties"]; ok {
			m["Properties"] = replaceRefs(props, dropped)
		}
	}
	rest := jsonText(tpl)
	for _, id := range ids {
		if strings.Contains(rest, `"`+id+`"`) || strings.Contains(rest, "${"+id+"}") || strings.Contains(rest, "${"+id+".") {
			t.Fatalf("%s: cannot deploy without %s: the template still refers to it", stack, id)
		}
	}
	return ids
}

// replaceRefs replaces each Ref and Fn::GetAtt of a dropped resource in v with its stand-in.
func replaceRefs(v any, dropped map[string]string) any {
	switch x := v.(type) {
	case map[string]any:
		if id, ok := x["Ref"].(string); ok && dropped[id] != "" {
			return standIn(dropped[id], id, "Ref")
		}
		if a, ok := x["Fn::GetAtt"].([]any); ok && len(a) == 2 && dropped[fmt.Sprint(a[0])] != "" {
			return standIn(dropped[fmt.Sprint(a[0])], fmt.Sprint(a[0]), fmt.Sprint(a[1]))
		}
		if text, ok := x["Fn::Sub"].(string); ok {
			// ${Id} and ${Id.Attribute} inside a substitution.
			x["Fn::Sub"] = subVar.ReplaceAllStringFunc(text, func(m string) string {
				id, attr, _ := strings.Cut(strings.Trim(m, "${}"), ".")
				if dropped[id] == "" {
					return m
				}
				return standIn(dropped[id], id, cmp.Or(attr, "Ref"))
			})
			return x
		}
		for k, e := range x {
			x[k] = replaceRefs(e, dropped)
		}
	case []any:
		for i, e := range x {
			x[i] = replaceRefs(e, dropped)
		}
	}
	return v
}

// standIn is what a Ref or an attribute of a resource moto does not implement would give: an
// ARN or id of its kind, in the test's account and region.
func standIn(typ, id, attr string) string {
	prefix := "arn:aws:"
	fs, ap := "fs-0123456789abcdef01", "fsap-0123456789abcdef01"
	switch {
	case typ == "AWS::S3Files::FileSystem" && attr == "FileSystemId":
		return fs
	case typ == "AWS::S3Files::FileSystem":
		return prefix + "s3files:" + region + ":" + account + ":file-system/" + fs
	case typ == "AWS::S3Files::AccessPoint" && attr == "AccessPointId":
		return ap
	case typ == "AWS::S3Files::AccessPoint":
		return prefix + "s3files:" + region + ":" + account + ":file-system/" + fs + "/access-point/" + ap
	case typ == "AWS::Lambda::CapacityProvider":
		return prefix + "lambda:" + region + ":" + account + ":capacity-provider:" + strings.ToLower(id)
	case typ == "AWS::SecretsManager::Secret":
		return prefix + "secretsmanager:" + region + ":" + account + ":secret:" + strings.ToLower(id) + "-AbCdEf"
	case typ == "AWS::Glue::Registry":
		return prefix + "glue:" + region + ":" + account + ":registry/" + strings.ToLower(id)
	}
	return prefix + "unknown:" + region + ":" + account + ":" + id
}

func writeJSON(t *testing.T, path string, v any) {
	t.Helper()
	b, err := json.MarshalIndent(v, "", " ")
	if err == nil {
		err = os.WriteFile(path, b, 0o644)
	}
	if err != nil {
		t.Fatal(err)
	}
}

// assemblyStacks returns the stacks of a cloud assembly: name to template file.
func assemblyStacks(t *testing.T, dir string) map[string]string {
	t.Helper()
	manifest := readJSON(t, filepath.Join(dir, "manifest.json"))
	out := map[string]string{}
	artifacts, _ := manifest["artifacts"].(map[string]any)
	for name, a := range artifacts {
		a, _ := a.(map[string]any)
		if a["type"] != "aws:cloudformation:stack" {
			continue
		}
		p, _ := a["properties"].(map[string]any)
		file, _ := p["templateFile"].(string)
		out[name] = file
	}
	return out
}

// repoRoot is the nearest folder above the working directory that holds go.mod.
func repoRoot(t *testing.T) string {
	t.Helper()
	d, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	for {
		if _, err := os.Stat(filepath.Join(d, "go.mod")); err == nil {
			return d
		}
		if filepath.Dir(d) == d {
			t.Fatal("no go.mod above the working directory")
		}
		d = filepath.Dir(d)
	}
}
