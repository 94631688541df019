package conformance

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/execrole/execrole/internal/refdata"
)

// template decodes a template made of the given Resources members.
func template(t *testing.T, resources string) map[string]any {
	t.Helper()
	tpl, err := Decode([]byte(`{"Resources": {` + resources + `}}`))
	if err != nil {
		t.Fatalf("bad test template: %v", err)
	}
	return tpl
}

// trust is the trust policy of a Lambda execution role.
const trust = `"AssumeRolePolicyDocument": {"Version": "2012-10-17", "Statement": [
	{"Effect": "Allow", "Principal": {"Service": "lambda.amazonaws.com"}, "Action": "sts:AssumeRole"}]}`

// role declares an AWS::IAM::Role named Role with a trust policy and the given properties.
func role(props string) string {
	if props != "" {
		props = ", " + props
	}
	return `"Role": {"Type": "AWS::IAM::Role", "Properties": {` + trust + props + `}}`
}

// inline declares an inline policy whose one statement allows actions (a JSON list).
func inline(actions string) string {
	return `"Policies": [{"PolicyName": "p", "PolicyDocument": {"Version": "2012-10-17", "Statement": [
		{"Effect": "Allow", "Action": ` + actions + `, "Resource": "*"}]}}]`
}

// managedARN is the ARN of an AWS managed policy in the form CDK emits.
func managedARN(pathAndName string) string {
	return `{"Fn::Join": ["", ["arn:", {"Ref": "AWS::Partition"}, ":iam::aws:policy/` + pathAndName + `"]]}`
}

func TestCheckTemplate(t *testing.T) {
	r := ForTest(t)
	tests := []struct {
		name      string
		resources string
		want      []string // one entry per expected error: substrings it must contain
	}{
		{
			name:      "a minimal execution role passes",
			resources: role(""),
		},
		{
			name: "a role with intrinsic functions in value positions passes",
			resources: role(`
				"RoleName": {"Fn::Join": ["-", [{"Ref": "AWS::StackName"}, "fn"]]},
				"Path": "/lambda/",
				"Description": {"Fn::Sub": "execution role of ${AWS::StackName}"},
				"MaxSessionDuration": {"Fn::If": ["Long", 43200, {"Ref": "AWS::NoValue"}]},
				"Tags": [{"Key": "stage", "Value": {"Ref": "Stage"}}],
				"ManagedPolicyArns": [
					` + managedARN("service-role/AWSLambdaBasicExecutionRole") + `,
					"arn:aws:iam::aws:policy/AWSXRayDaemonWriteAccess",
					{"Fn::Sub": "arn:${AWS::Partition}:iam::aws:policy/service-role/AWSLambdaSQSQueueExecutionRole"},
					{"Fn::Sub": "arn:${AWS::Partition}:iam::${AWS::AccountId}:policy/team/Custom"},
					{"Fn::ImportValue": "SharedPolicyArn"}],
				"PermissionsBoundary": {"Fn::Sub": "arn:${AWS::Partition}:iam::${AWS::AccountId}:policy/Boundary"},
				` + inline(`["sqs:ReceiveMessage", "SQS:deletemessage", "sqs:Get*", "kms:Decrypt", {"Fn::If": ["Tracing", "xray:PutTraceSegments", {"Ref": "AWS::NoValue"}]}]`)),
		},
		{
			name: "a Lambda function stack passes",
			resources: role(`"ManagedPolicyArns": [`+managedARN("service-role/AWSLambdaSQSQueueExecutionRole")+`]`) + `,
				"Fn": {"Type": "AWS::Lambda::Function", "DependsOn": ["Role"], "Properties": {
					"Role": {"Fn::GetAtt": ["Role", "Arn"]},
					"Code": {"ZipFile": "exports.handler = async () => {};"},
					"Handler": "index.handler", "Runtime": "nodejs22.x", "Timeout": 30, "MemorySize": 256,
					"Environment": {"Variables": {"QUEUE_URL": {"Ref": "Queue"}, "MODE": {"Fn::If": ["Prod", "live", "test"]}}},
					"TracingConfig": {"Mode": "Active"}}},
				"Mapping": {"Type": "AWS::Lambda::EventSourceMapping", "Properties": {
					"FunctionName": {"Ref": "Fn"}, "EventSourceArn": {"Fn::GetAtt": ["Queue", "Arn"]},
					"BatchSize": 10, "FunctionResponseTypes": ["ReportBatchItemFailures"]}},
				"Queue": {"Type": "AWS::SQS::Queue", "UpdateReplacePolicy": "Delete", "DeletionPolicy": "Delete",
					"Properties": {"VisibilityTimeout": 180}},
				"QueuePolicy": {"Type": "AWS::SQS::QueuePolicy", "Properties": {"Queues": [{"Ref": "Queue"}],
					"PolicyDocument": {"Statement": [{"Effect": "Allow", "Principal": {"Service": "sns.amazonaws.com"},
						"Action": "sqs:SendMessage", "Resource": {"Fn::GetAtt": ["Queue", "Arn"]}}]}}},
				"Invoke": {"Type": "AWS::Lambda::Permission", "Properties": {"Action": "lambda:InvokeFunction",
					"FunctionName": {"Fn::GetAtt": ["Fn", "Arn"]}, "Principal": "s3.amazonaws.com"}},
				"Key": {"Type": "AWS::KMS::Key", "Properties": {"KeyPolicy": {"Statement": [{"Effect": "Allow",
					"Principal": {"AWS": {"Fn::Sub": "arn:${AWS::Partition}:iam::${AWS::AccountId}:root"}},
					"Action": "kms:*", "Resource": "*"}]}}},
				"CDKMetadata": {"Type": "AWS::CDK::Metadata", "Properties": {"Analytics": "v2:deflate64:abc"}},
				"Custom": {"Type": "Custom::Thing", "Properties": {"ServiceToken": {"Fn::GetAtt": ["Fn", "Arn"]}, "Anything": 1}}`,
		},
		{
			name: "a policy document given as JSON text passes",
			resources: `"Policy": {"Type": "AWS::IAM::Policy", "Properties": {"PolicyName": "p", "Roles": ["r"],
				"PolicyDocument": "{\"Statement\": {\"Effect\": \"Allow\", \"Action\": \"logs:PutLogEvents\", \"Resource\": \"*\"}}"}}`,
		},
		{
			name: "* passes in a Deny statement and as a NotAction",
			resources: `"Policy": {"Type": "AWS::IAM::ManagedPolicy", "Properties": {"PolicyDocument": {"Statement": [
				{"Effect": "Deny", "Action": "*", "Resource": "*", "Condition": {"Bool": {"aws:SecureTransport": "false"}}},
				{"Effect": "Deny", "NotAction": "*", "Resource": "*"}]}}}`,
		},
		{
			name:      "fails if a property has the wrong type",
			resources: role(`"MaxSessionDuration": "abc"`),
			want:      []string{`resource Role (AWS::IAM::Role) at Properties.MaxSessionDuration: got string, want integer (received "abc")`},
		},
		{
			name:      "fails if a property is unknown",
			resources: role(`"Foo": 1`),
			want:      []string{"resource Role (AWS::IAM::Role) at Properties: unknown property 'Foo': remove it or fix its spelling"},
		},
		{
			name:      "fails if a required property is missing",
			resources: `"Role": {"Type": "AWS::IAM::Role", "Properties": {"Path": "/"}}`,
			want:      []string{"at Properties: missing property 'AssumeRolePolicyDocument'"},
		},
		{
			name:      "fails if a nested property breaks its definition",
			resources: role(`"Tags": [{"Key": "stage"}]`),
			want:      []string{"at Properties.Tags[0]: missing property 'Value'"},
		},
		{
			name:      "fails if a read-only property is set",
			resources: role(`"Arn": "arn:aws:iam::123456789012:role/x"`),
			want:      []string{"at Properties.Arn: read-only property set"},
		},
		{
			name:      "fails if an intrinsic function has malformed arguments",
			resources: role(`"RoleName": {"Fn::Join": "fn"}`),
			want:      []string{`at Properties.RoleName.Fn::Join: got string, want array (received "fn")`},
		},
		{
			name:      "fails if an Fn::If branch breaks the schema",
			resources: role(`"MaxSessionDuration": {"Fn::If": ["Long", "abc", 3600]}`),
			want:      []string{`at Properties.MaxSessionDuration.Fn::If[1]: got string, want integer`},
		},
		{
			name:      "fails if an intrinsic function does not exist",
			resources: role(`"RoleName": {"Fn::Concat": ["a", "b"]}`),
			want:      []string{"at Properties.RoleName: unknown intrinsic function 'Fn::Concat'"},
		},
		{
			name:      "fails if an action does not exist",
			resources: role(inline(`["sqs:ReceiveMessage", "sqs:ReceiveMessages"]`)),
			want:      []string{`at Properties.Policies[0].PolicyDocument.Statement[0].Action[1]: action "sqs:ReceiveMessages" does not exist`},
		},
		{
			name:      "fails if a wildcard matches no action",
			resources: role(inline(`"sqs:Nope*"`)),
			want:      []string{`at Properties.Policies[0].PolicyDocument.Statement[0].Action: action pattern "sqs:Nope*" matches no IAM action`},
		},
		{
			name:      "fails if a service prefix does not exist",
			resources: role(inline(`["sqz:ReceiveMessage"]`)),
			want:      []string{`unknown service prefix "sqz"`},
		},
		{
			name:      "fails if a statement allows every action",
			resources: role(inline(`"*"`)),
			want:      []string{`action "*" grants every action of every service`},
		},
		{
			name:      "fails if an action is hidden in an Fn::If branch",
			resources: role(inline(`{"Fn::If": ["C", ["logs:PutLogEvents"], ["logs:PutLogEvent"]]}`)),
			want:      []string{`Statement[0].Action.Fn::If[2][0]: action "logs:PutLogEvent" does not exist`},
		},
		{
			name: "fails if a trust policy action does not exist",
			resources: `"Role": {"Type": "AWS::IAM::Role", "Properties": {"AssumeRolePolicyDocument": {"Statement": [
				{"Effect": "Allow", "Principal": {"Service": "lambda.amazonaws.com"}, "Action": "sts:AssumeRoles"}]}}}`,
			want: []string{`at Properties.AssumeRolePolicyDocument.Statement[0].Action: action "sts:AssumeRoles" does not exist`},
		},
		{
			name: "fails if a Lambda permission action does not exist",
			resources: `"Invoke": {"Type": "AWS::Lambda::Permission", "Properties": {"Action": "lambda:InvokeFunctions",
				"FunctionName": "fn", "Principal": "s3.amazonaws.com"}}`,
			want: []string{`resource Invoke (AWS::Lambda::Permission) at Properties.Action: action "lambda:InvokeFunctions" does not exist`},
		},
		{
			name:      "fails if a policy document string is not JSON",
			resources: `"Policy": {"Type": "AWS::IAM::Policy", "Properties": {"PolicyName": "p", "Roles": ["r"], "PolicyDocument": "{"}}`,
			want:      []string{"at Properties.PolicyDocument: policy document is a string but not JSON"},
		},
		{
			name:      "fails if a managed policy ARN misses the policy's path",
			resources: role(`"ManagedPolicyArns": [` + managedARN("AWSLambdaBasicExecutionRole") + `]`),
			want:      []string{`at Properties.ManagedPolicyArns[0]: ARN arn:${AWS::Partition}:iam::aws:policy/AWSLambdaBasicExecutionRole has path "/", but AWS managed policy AWSLambdaBasicExecutionRole lives at "/service-role/": use arn:${AWS::Partition}:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole`},
		},
		{
			name:      "fails if a root managed policy is given a path",
			resources: role(`"ManagedPolicyArns": ["arn:aws:iam::aws:policy/service-role/AWSXRayDaemonWriteAccess"]`),
			want:      []string{`lives at "/": use arn:aws:iam::aws:policy/AWSXRayDaemonWriteAccess`},
		},
		{
			name:      "fails if a managed policy does not exist",
			resources: role(`"ManagedPolicyArns": [` + managedARN("service-role/AWSLambdaBasicExecRole") + `]`),
			want:      []string{`names no AWS managed policy "AWSLambdaBasicExecRole"`},
		},
		{
			name:      "fails if a managed policy name has the wrong case",
			resources: role(`"ManagedPolicyArns": [` + managedARN("service-role/awsLambdaBasicExecutionRole") + `]`),
			want:      []string{"did you mean AWSLambdaBasicExecutionRole?"},
		},
		{
			name:      "fails if a managed policy is deprecated",
			resources: role(`"ManagedPolicyArns": ["arn:aws:iam::aws:policy/AWSLambdaFullAccess"]`),
			want:      []string{"AWSLambdaFullAccess, which is deprecated"},
		},
		{
			name:      "fails if a permissions boundary names a wrong managed policy path",
			resources: role(`"PermissionsBoundary": {"Fn::Sub": "arn:${AWS::Partition}:iam::aws:policy/AWSLambdaBasicExecutionRole"}`),
			want:      []string{`at Properties.PermissionsBoundary: ARN arn:${AWS::Partition}:iam::aws:policy/AWSLambdaBasicExecutionRole has path "/"`},
		},
		{
			name:      "fails if a managed policy ARN names an unknown partition",
			resources: role(`"ManagedPolicyArns": ["arn:aws-mars:iam::aws:policy/AWSXRayDaemonWriteAccess"]`),
			want:      []string{`unknown partition "aws-mars"`},
		},
		{
			name:      "fails if a managed policy ARN is not a policy ARN",
			resources: role(`"ManagedPolicyArns": ["AWSXRayDaemonWriteAccess"]`),
			want:      []string{`got "AWSXRayDaemonWriteAccess", want an IAM policy ARN`},
		},
		{
			name:      "fails if a resource type has no schema",
			resources: `"Fn": {"Type": "AWS::Lambda::Functions", "Properties": {}}`,
			want:      []string{"resource Fn (AWS::Lambda::Functions) at Type: AWS::Lambda::Functions has no CloudFormation registry schema"},
		},
		{
			name:      "fails if a resource attribute is misspelled",
			resources: `"Queue": {"Type": "AWS::SQS::Queue", "Propertes": {"VisibilityTimeout": 30}}`,
			want:      []string{`at Propertes: unknown resource attribute "Propertes"`},
		},
		{
			name:      "fails if DependsOn names a missing resource",
			resources: `"Queue": {"Type": "AWS::SQS::Queue", "DependsOn": "Nope"}`,
			want:      []string{`at DependsOn[0]: got "Nope", want the logical ID of a resource`},
		},
		{
			name: "fails if a Lambda function breaks its schema",
			resources: `"Fn": {"Type": "AWS::Lambda::Function", "Properties": {"Code": {"ZipFile": "x"},
				"Role": {"Fn::GetAtt": ["R", "Arn"]}, "Timeout": "30", "Architectures": ["x86"]}}`,
			want: []string{
				"at Properties.Architectures[0]:",
				`at Properties.Timeout: got string, want integer (received "30")`,
			},
		},
		{
			name: "fails if an environment variable name breaks its pattern",
			resources: `"Fn": {"Type": "AWS::Lambda::Function", "Properties": {"Code": {"ZipFile": "x"},
				"Role": {"Fn::GetAtt": ["R", "Arn"]}, "Environment": {"Variables": {"Q": "1", "QUEUE": "2"}}}}`,
			want: []string{"at Properties.Environment.Variables: property name 'Q' matches no allowed pattern"},
		},
		{
			name:      "fails if an event source mapping breaks its schema",
			resources: `"Mapping": {"Type": "AWS::Lambda::EventSourceMapping", "Properties": {"FunctionName": "fn", "BatchSize": 0}}`,
			want:      []string{"at Properties.BatchSize: minimum: got 0, want 1"},
		},
		{
			name:      "fails if a queue breaks its schema",
			resources: `"Queue": {"Type": "AWS::SQS::Queue", "Properties": {"FifoQueue": "yes"}}`,
			want:      []string{"resource Queue (AWS::SQS::Queue) at Properties.FifoQueue: got string, want boolean"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			got := r.CheckTemplate(template(t, tt.resources))
			if len(got) != len(tt.want) {
				t.Fatalf("got %d errors, want %d:\n%s", len(got), len(tt.want), lines(got))
			}
			for i, err := range got {
				var e *Error
				if !errors.As(err, &e) || e.LogicalID == "" || e.Type == "" {
					t.Errorf("error %d does not name its resource and type: %v", i, err)
				}
				if !strings.Contains(err.Error(), tt.want[i]) {
					t.Errorf("error %d:\n got %v\nwant it to contain %s", i, err, tt.want[i])
				}
			}
		})
	}
}

func TestCheckTemplateSections(t *testing.T) {
	r := ForTest(t)
	tests := []struct {
		name string
		give string
		want []string
	}{
		{
			name: "fails if a section is unknown",
			give: `{"Resource": {}, "Resources": {"Q": {"Type": "AWS::SQS::Queue"}}}`,
			want: []string{`template at Resource: unknown template section "Resource"`},
		},
		{
			name: "fails if there are no resources",
			give: `{"Description": "empty"}`,
			want: []string{"template at Resources: got nothing, want an object declaring at least one resource"},
		},
		{
			name: "fails if a resource has no type",
			give: `{"Resources": {"Q": {"Properties": {}}}}`,
			want: []string{"resource Q at Type: got nothing, want a resource type"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tpl, err := Decode([]byte(tt.give))
			if err != nil {
				t.Fatal(err)
			}
			got := r.CheckTemplate(tpl)
			if len(got) != len(tt.want) {
				t.Fatalf("got %d errors, want %d:\n%s", len(got), len(tt.want), lines(got))
			}
			for i, err := range got {
				if !strings.Contains(err.Error(), tt.want[i]) {
					t.Errorf("error %d:\n got %v\nwant it to contain %s", i, err, tt.want[i])
				}
			}
		})
	}
}

// TestCheckTemplateCDKSnapshot checks a template synthesized by aws-cdk-lib itself, from its
// integration tests: it must pass, or the checks are stricter than CloudFormation.
func TestCheckTemplateCDKSnapshot(t *testing.T) {
	r := ForTest(t)
	b, err := os.ReadFile(refdata.Require(t, "cdk-integ-sqs-event-source.template.json"))
	if err != nil {
		t.Fatal(err)
	}
	tpl, err := Decode(b)
	if err != nil {
		t.Fatal(err)
	}
	delete(tpl, "_source") // provenance added to the reference copy; not part of the template
	if errs := r.CheckTemplate(tpl); len(errs) > 0 {
		t.Errorf("CDK's own template fails:\n%s", lines(errs))
	}
}

// TestCheckTemplateFloatNumbers checks a template decoded the way the CDK assertions module
// and encoding/json's defaults do, with float64 numbers.
func TestCheckTemplateFloatNumbers(t *testing.T) {
	r := ForTest(t)
	var tpl map[string]any
	if err := json.Unmarshal([]byte(`{"Resources": {`+role(`"MaxSessionDuration": 3600`)+`}}`), &tpl); err != nil {
		t.Fatal(err)
	}
	if errs := r.CheckTemplate(tpl); len(errs) > 0 {
		t.Errorf("got errors:\n%s", lines(errs))
	}
}

func TestCheckAction(t *testing.T) {
	r := ForTest(t)
	tests := []struct {
		name string
		give string
		want string // "" for no error, else a substring of the error
	}{
		{name: "an exact action passes", give: "sqs:ReceiveMessage"},
		{name: "case does not matter", give: "SQS:receivemessage"},
		{name: "a * wildcard passes", give: "sqs:Receive*"},
		{name: "a ? wildcard passes", give: "sqs:?eceiveMessage"},
		{name: "a whole service passes", give: "s3:*"},
		{name: "a wildcard service prefix passes", give: "x*:PutTraceSegments"},
		{name: "fails if the action does not exist", give: "sqs:ReceiveMessages", want: `action "sqs:ReceiveMessages" does not exist`},
		{name: "fails if a pattern matches nothing", give: "sqs:Nope*", want: "matches no IAM action"},
		{name: "fails if the service prefix does not exist", give: "sqz:ReceiveMessage", want: `unknown service prefix "sqz"`},
		{name: "fails if the action is *", give: "*", want: `action "*" grants every action of every service`},
		{name: "fails if the action is *:*", give: "*:*", want: `action "*:*" grants every action of every service`},
		{name: "fails if the service is missing", give: "ReceiveMessage", want: "not of the form service:Action"},
		{name: "fails if the action name is empty", give: "sqs:", want: "not of the form service:Action"},
		{name: "fails if the action is empty", give: "", want: "not of the form service:Action"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := r.CheckAction(tt.give)
			if got := errString(err); tt.want == "" && err != nil || !strings.Contains(got, tt.want) {
				t.Errorf("CheckAction(%q) = %v, want error containing %q", tt.give, err, tt.want)
			}
		})
	}
}

func TestExpand(t *testing.T) {
	r := ForTest(t)
	tests := []struct {
		name string
		give string
		want []string
	}{
		{name: "an exact action yields its published name", give: "SQS:receivemessage", want: []string{"sqs:ReceiveMessage"}},
		{name: "a * wildcard yields every match", give: "sqs:Receive*", want: []string{"sqs:ReceiveMessage"}},
		{name: "a ? wildcard yields every match", give: "logs:Put?ogEvents", want: []string{"logs:PutLogEvents"}},
		{name: "a pattern across services", give: "*:PutTraceSegments", want: []string{"xray:PutTraceSegments"}},
		{name: "a pattern matching nothing", give: "sqs:Nope*"},
		{name: "an unknown service", give: "sqz:*"},
		{name: "no colon", give: "ReceiveMessage"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := r.Expand(tt.give); !slices.Equal(got, tt.want) {
				t.Errorf("Expand(%q) = %q, want %q", tt.give, got, tt.want)
			}
		})
	}
}

func TestExpandWholeService(t *testing.T) {
	r := ForTest(t)
	got := r.Expand("sqs:*")
	for _, want := range []string{"sqs:ChangeMessageVisibility", "sqs:DeleteMessage", "sqs:GetQueueAttributes", "sqs:ReceiveMessage", "sqs:SendMessage"} {
		if !slices.Contains(got, want) {
			t.Errorf("Expand(sqs:*) lacks %s: %q", want, got)
		}
	}
	if !slices.IsSorted(got) {
		t.Errorf("Expand(sqs:*) is not sorted: %q", got)
	}
	if all := r.Expand("*"); len(all) < 10*len(got) || !slices.Contains(all, "lambda:InvokeFunction") {
		t.Errorf("Expand(*) = %d actions, want every catalogued action", len(all))
	}
}

func TestManagedPolicyPath(t *testing.T) {
	r := ForTest(t)
	tests := []struct {
		name     string
		give     string
		wantPath string
		wantOK   bool
	}{
		{name: "a service-role policy", give: "AWSLambdaBasicExecutionRole", wantPath: "/service-role/", wantOK: true},
		{name: "a root policy", give: "AWSXRayDaemonWriteAccess", wantPath: "/", wantOK: true},
		{name: "another root policy", give: "CloudWatchLambdaInsightsExecutionRolePolicy", wantPath: "/", wantOK: true},
		{name: "fails if the name is unknown", give: "AWSLambdaBasicExecRole"},
		{name: "fails if the case differs", give: "awslambdabasicexecutionrole"},
		{name: "fails if the policy is deprecated", give: "AWSLambdaFullAccess"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path, ok := r.ManagedPolicyPath(tt.give)
			if path != tt.wantPath || ok != tt.wantOK {
				t.Errorf("ManagedPolicyPath(%q) = %q, %v; want %q, %v", tt.give, path, ok, tt.wantPath, tt.wantOK)
			}
		})
	}
}

func TestManagedPolicyActions(t *testing.T) {
	r := ForTest(t)
	tests := []struct {
		name    string
		give    string
		want    []string
		wantErr string
	}{
		{
			name: "statements with action lists",
			give: "AWSLambdaBasicExecutionRole",
			want: []string{"logs:CreateLogGroup", "logs:CreateLogStream", "logs:PutLogEvents"},
		},
		{name: "fails if no document is held", give: "AWSLambdaNoSuchPolicy", wantErr: `no document for AWS managed policy "AWSLambdaNoSuchPolicy"`},
		{name: "fails if the name is not a policy name", give: "../index", wantErr: "is not valid"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := r.ManagedPolicyActions(tt.give)
			if !slices.Equal(got, tt.want) || !strings.Contains(errString(err), tt.wantErr) || (err != nil) != (tt.wantErr != "") {
				t.Errorf("ManagedPolicyActions(%q) = %q, %v; want %q, error containing %q", tt.give, got, err, tt.want, tt.wantErr)
			}
		})
	}
}

// TestManagedPolicyActionsExist reads every managed policy document of the reference data:
// each must decode, and each action it allows must be in the IAM catalogue. This ties the two
// reference sources together: a failure means one of them is stale.
func TestManagedPolicyActionsExist(t *testing.T) {
	r := ForTest(t)
	files, err := filepath.Glob(filepath.Join(refdata.Require(t, managedPolicyDir), "*.json"))
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, f := range files {
		name := strings.TrimSuffix(filepath.Base(f), ".json")
		if name == "index" {
			continue
		}
		n++
		actions, err := r.ManagedPolicyActions(name)
		if err != nil {
			t.Errorf("%s: %v", name, err)
			continue
		}
		if len(actions) == 0 || !slices.IsSorted(actions) || len(slices.Compact(slices.Clone(actions))) != len(actions) {
			t.Errorf("%s: got %q, want a non-empty sorted set", name, actions)
		}
		for _, a := range actions {
			if err := r.CheckAction(a); err != nil {
				t.Errorf("%s: %v", name, err)
			}
		}
		if path, ok := r.ManagedPolicyPath(name); !ok || path == "" {
			t.Errorf("%s: held as a document but not a current AWS managed policy", name)
		}
	}
	if n == 0 {
		t.Fatal("no managed policy documents found")
	}
}

// TestLocationsExistInSchemas proves that each property the IAM and managed policy checks
// read exists in the registry schema of its type: a misspelled path would silently check
// nothing.
func TestLocationsExistInSchemas(t *testing.T) {
	dir := refdata.Require(t, schemaDir)
	for _, loc := range locations {
		t.Run(loc.typ+"."+loc.path, func(t *testing.T) {
			name := strings.ToLower(strings.ReplaceAll(loc.typ, "::", "-")) + ".json"
			b, err := os.ReadFile(filepath.Join(dir, name))
			if err != nil {
				t.Fatal(err)
			}
			var doc map[string]any
			if err := json.Unmarshal(b, &doc); err != nil {
				t.Fatal(err)
			}
			if err := schemaPath(doc, doc, strings.Split(loc.path, ".")); err != nil {
				t.Errorf("%s has no property %s: %v", loc.typ, loc.path, err)
			}
		})
	}
}

// schemaPath follows path (property names, "*" for list items) through schema s of doc.
func schemaPath(doc, s map[string]any, path []string) error {
	for len(path) > 0 {
		for s["$ref"] != nil {
			name := strings.TrimPrefix(fmt.Sprint(s["$ref"]), "#/definitions/")
			def, ok := doc["definitions"].(map[string]any)[name].(map[string]any)
			if !ok {
				return fmt.Errorf("unresolved $ref %v", s["$ref"])
			}
			s = def
		}
		var next any
		if path[0] == "*" {
			next = s["items"]
		} else {
			props, _ := s["properties"].(map[string]any)
			next = props[path[0]]
		}
		m, ok := next.(map[string]any)
		if !ok {
			return fmt.Errorf("no schema for %q", path[0])
		}
		s, path = m, path[1:]
	}
	return nil
}

func TestDecode(t *testing.T) {
	tests := []struct {
		name    string
		give    string
		wantErr string
	}{
		{name: "a template object", give: `{"Resources": {}}`},
		{name: "fails if the JSON is malformed", give: `{"Resources": `, wantErr: "decode template"},
		{name: "fails if the template is null", give: `null`, wantErr: "got null"},
		{name: "fails if the template is not an object", give: `[]`, wantErr: "decode template"},
		{name: "fails if data follows the template", give: `{} {}`, wantErr: "unexpected data"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Decode([]byte(tt.give))
			if (err != nil) != (tt.wantErr != "") || !strings.Contains(errString(err), tt.wantErr) {
				t.Errorf("Decode(%s) = %v, want error containing %q", tt.give, err, tt.wantErr)
			}
		})
	}
}

func TestLoad(t *testing.T) {
	if _, err := Load(t.TempDir()); err == nil || !strings.Contains(err.Error(), "read reference data") {
		t.Errorf("Load(empty folder) = %v, want a read reference data error", err)
	}
}

func errString(err error) string {
	if err == nil {
		return ""
	}
	return err.Error()
}

func lines(errs []error) string {
	var b strings.Builder
	for _, err := range errs {
		b.WriteString("  " + err.Error() + "\n")
	}
	return b.String()
}

func TestResourceLevel(t *testing.T) {
	r := ForTest(t)
	tests := []struct {
		action string
		want   bool
	}{
		{"sqs:ReceiveMessage", true},
		{"SQS:receivemessage", true},
		{"xray:PutTraceSegments", false},
		{"ec2:DescribeNetworkInterfaces", false},
		{"kinesis:ListStreams", false},
		{"logs:CreateLogStream", true},
		{"sqs:NoSuchAction", false},
	}
	for _, tt := range tests {
		if got := r.ResourceLevel(tt.action); got != tt.want {
			t.Errorf("ResourceLevel(%q) = %v, want %v", tt.action, got, tt.want)
		}
	}
}
