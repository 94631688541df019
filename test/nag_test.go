package test

import (
	"encoding/json"
	"fmt"
	"maps"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/assertions"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsiam"
	"github.com/aws/aws-cdk-go/awscdk/v2/awslambda"
	"github.com/aws/aws-cdk-go/awscdk/v2/cxapi"
	"github.com/aws/jsii-runtime-go"
	"github.com/cdklabs/cdk-nag-go/cdknag/v2"

	"github.com/execrole/execrole/constructs/executionrole"
	"github.com/execrole/execrole/constructs/permissions"
	"github.com/execrole/execrole/constructs/templates"
	"github.com/execrole/execrole/internal/cdktest"
	"github.com/execrole/execrole/internal/refdata"
)

// nagFindings runs the AwsSolutions and Serverless rule packs over stack and returns the
// unacknowledged findings (errors and warnings) as "rule: message" lines.
func nagFindings(t *testing.T, app awscdk.App, stack awscdk.Stack, ignoreAcknowledgements bool) []string {
	t.Helper()
	props := &cdknag.NagPackProps{Reports: jsii.Bool(false)}
	if ignoreAcknowledgements {
		props.SuppressionIgnoreCondition = cdknag.NewSuppressionIgnoreAlways(jsii.String("acknowledgements ignored by the test"))
	}
	awscdk.Aspects_Of(app).Add(cdknag.NewAwsSolutionsChecks(props), nil)
	awscdk.Aspects_Of(app).Add(cdknag.NewServerlessChecks(props), nil)
	// Reading the annotations synthesizes the app, which runs the aspects: the one synth.
	defer func() {
		if r := recover(); r != nil {
			t.Fatalf("synth of %s failed: %v", *stack.StackName(), r)
		}
	}()
	a := assertions.Annotations_FromStack(stack)
	var out []string
	// The assertions API returns cxapi.SynthesisMessage, deprecated in favour of a type
	// aws-cdk-go does not export yet.
	//lint:ignore SA1019 no replacement is exported
	for _, find := range []func(*string, any) *[]*cxapi.SynthesisMessage{a.FindError, a.FindWarning} {
		for _, m := range *find(jsii.String("*"), assertions.Match_StringLikeRegexp(jsii.String(".*"))) {
			//lint:ignore SA1019 see above
			out = append(out, fmt.Sprint(m.Entry.Data))
		}
	}
	return out
}

func TestCdkNagFindsNothingOnALeastPrivilegeRoleWithEveryFeature(t *testing.T) {
	app := newApp()
	stack := newStack(app, "EveryFeature")
	executionrole.NewExecutionRole(stack, jsii.String("Role"), &executionrole.ExecutionRoleProps{
		LeastPrivilege: true, FunctionName: "orders", Features: everyFeature(),
	})
	if got := nagFindings(t, app, stack, false); len(got) > 0 {
		t.Errorf("cdk-nag findings on a least-privilege role:\n%s", strings.Join(got, "\n"))
	}
}

// With acknowledgements ignored, every finding must be a wildcard (IAM5, or the Serverless
// pack's star permissions) and the role's X-Ray statement one on "*": what the role
// acknowledges are wildcards. That each "*" is for actions without resource-level
// permissions is checked on every least-privilege plan against the IAM reference, without
// synth, by the permissions package (TestLeastPrivilegeWildcardsOnlyWhereIAMHasNoResourceTypes).
func TestEveryWildcardCdkNagSeesIsOneTheRoleExplains(t *testing.T) {
	app := newApp()
	stack := newStack(app, "EveryFeatureIgnored")
	executionrole.NewExecutionRole(stack, jsii.String("Role"), &executionrole.ExecutionRoleProps{
		LeastPrivilege: true, FunctionName: "orders", Features: everyFeature(),
	})
	findings := nagFindings(t, app, stack, true)
	if len(findings) == 0 {
		t.Fatal("with acknowledgements ignored, cdk-nag should report the role's wildcards (AwsSolutions-IAM5)")
	}
	star := false
	for _, f := range findings {
		if !strings.Contains(f, "AwsSolutions-IAM5") && !strings.Contains(f, "Serverless-LambdaStarPermissions") {
			t.Errorf("finding other than IAM5 with acknowledgements ignored: %s", f)
		}
		if strings.Contains(f, "[Resource::*]") {
			star = true
		}
	}
	if !star {
		t.Errorf("expected an IAM5 finding on Resource::* (X-Ray), got:\n%s", strings.Join(findings, "\n"))
	}
}

func TestCdkNagReportsManagedPoliciesUnlessAcknowledged(t *testing.T) {
	tests := []struct {
		name        string
		acknowledge bool
		wantIAM4    bool
	}{
		{"managed policies are reported by default", false, true},
		{"acknowledged on request", true, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			app := newApp()
			stack := newStack(app, "Managed")
			executionrole.NewExecutionRole(stack, jsii.String("Role"), &executionrole.ExecutionRoleProps{
				Features:                   []executionrole.Feature{executionrole.Tracing(), executionrole.VPC()},
				AcknowledgeManagedPolicies: tt.acknowledge,
			})
			got := strings.Join(nagFindings(t, app, stack, false), "\n")
			if strings.Contains(got, "AwsSolutions-IAM4") != tt.wantIAM4 {
				t.Errorf("IAM4 reported = %v, want %v; findings:\n%s", !tt.wantIAM4, tt.wantIAM4, got)
			}
		})
	}
}

// The role acknowledges only the wildcards it chose; a user's own wildcard is left for
// cdk-nag to report, so the user justifies it.
func TestCdkNagStillReportsTheUsersOwnWildcards(t *testing.T) {
	app := newApp()
	stack := newStack(app, "UserWildcard")
	executionrole.NewExecutionRole(stack, jsii.String("Role"), &executionrole.ExecutionRoleProps{
		LeastPrivilege: true, FunctionName: "orders", Features: []executionrole.Feature{executionrole.Tracing()},
		Statements: []permissions.Statement{{Sid: "ReadEverything", Actions: []string{"s3:GetObject"}, Resources: []string{"*"}}},
	})
	got := strings.Join(nagFindings(t, app, stack, false), "\n")
	if !strings.Contains(got, "AwsSolutions-IAM5") {
		t.Errorf("a user's s3:GetObject on * was acknowledged by the library; findings:\n%s", got)
	}
}

// Features added after construction (AddFeatures, as the audit's AutoFix does) have their
// wildcards acknowledged like features given at construction; the user's own acknowledgements
// on the role stay.
func TestCdkNagFindsNothingOnFeaturesAddedLater(t *testing.T) {
	app := newApp()
	stack := newStack(app, "AddedLater")
	role := executionrole.NewExecutionRole(stack, jsii.String("Role"), &executionrole.ExecutionRoleProps{
		LeastPrivilege: true, FunctionName: "orders",
		Statements: []permissions.Statement{{Sid: "ReadEverything", Actions: []string{"s3:GetObject"}, Resources: []string{"*"}}},
	})
	cdknag.NagSuppressions_AddResourceSuppressions(role, &[]*cdknag.NagPackSuppression{
		{Id: jsii.String("AwsSolutions-IAM5"), Reason: jsii.String("the test's own wildcard"), AppliesTo: &[]any{jsii.String("Resource::*")}},
		{Id: jsii.String("Serverless-LambdaStarPermissions"), Reason: jsii.String("the test's own wildcard")},
	}, jsii.Bool(true))
	role.AddFeatures(everyFeature()...)
	if got := nagFindings(t, app, stack, false); len(got) > 0 {
		t.Errorf("cdk-nag findings on features added later:\n%s", strings.Join(got, "\n"))
	}
	// The role replaced its own earlier acknowledgements rather than repeating them; the
	// template is the one nagFindings' synth wrote.
	var tpl map[string]any
	if err := refdata.ReadJSON(filepath.Join(*app.Outdir(), *stack.TemplateFile()), &tpl); err != nil {
		t.Fatal(err)
	}
	roles := cdktest.Resources(tpl, "AWS::IAM::Role")
	if len(roles) != 1 {
		t.Fatalf("template has %d roles, want the one under test", len(roles))
	}
	for _, r := range roles {
		nag, _ := r["Metadata"].(map[string]any)["cdk_nag"].(map[string]any)
		seen := map[string]bool{}
		for _, rule := range nag["rules_to_suppress"].([]any) {
			m := rule.(map[string]any)
			b, _ := json.Marshal([]any{m["id"], m["applies_to"]})
			if seen[string(b)] {
				t.Errorf("acknowledgement %s appears twice", b)
			}
			seen[string(b)] = true
		}
	}
}

// A least-privilege role with Tracing whose user adds s3:GetObject on "*" through
// AddToPrincipalPolicy: the real cdk-nag reports the user's wildcard (IAM5 Resource::* and
// Serverless-LambdaStarPermissions, which the user's statement shares with the library's
// X-Ray statement), and nothing else — the library's own log-group wildcard stays
// acknowledged.
func TestCdkNagReportsAWildcardTheUserAddedAfterConstruction(t *testing.T) {
	app := newApp()
	stack := newStack(app, "Mixed")
	role := executionrole.NewExecutionRole(stack, jsii.String("Role"), &executionrole.ExecutionRoleProps{
		LeastPrivilege: true, FunctionName: "orders", Features: []executionrole.Feature{executionrole.Tracing()},
	})
	role.AddToPrincipalPolicy(awsiam.NewPolicyStatement(&awsiam.PolicyStatementProps{
		Actions: jsii.Strings("s3:GetObject"), Resources: jsii.Strings("*"),
	}))
	var rules []string
	for _, f := range nagFindings(t, app, stack, false) {
		rules = append(rules, strings.SplitN(f, ": ", 2)[0])
	}
	slices.Sort(rules)
	want := []string{"AwsSolutions-IAM5[Resource::*]", "Serverless-LambdaStarPermissions"}
	if !slices.Equal(rules, want) {
		t.Errorf("cdk-nag findings %v, want exactly %v", rules, want)
	}
}

// The acknowledgements are written twice, as cdk-nag v2 reads them (the resource's cdk_nag
// metadata) and as cdk-nag 3 reads them (aws-cdk-lib's Validations metadata on the role,
// "aws:cdk:acknowledged-rules", each id "Rule[finding]" as cdk-nag 3 names a finding), with
// the same rules and reasons.
func TestAcknowledgementsAreTheSameInBothForms(t *testing.T) {
	app := newApp()
	stack := newStack(app, "TwoForms")
	executionrole.NewExecutionRole(stack, jsii.String("Role"), &executionrole.ExecutionRoleProps{
		LeastPrivilege: true, FunctionName: "orders", Features: everyFeature(), AcknowledgeManagedPolicies: true,
	})
	tpl := template(t, stack)
	v2 := map[string]string{}
	for _, r := range cdktest.Resources(tpl, "AWS::IAM::Role") {
		nag, _ := r["Metadata"].(map[string]any)["cdk_nag"].(map[string]any)
		for _, rule := range nag["rules_to_suppress"].([]any) {
			m := rule.(map[string]any)
			id := m["id"].(string)
			applies, _ := m["applies_to"].([]any)
			if len(applies) == 0 {
				v2[id] = m["reason"].(string)
			}
			for _, a := range applies {
				s, ok := a.(string)
				if !ok {
					t.Errorf("%s applies to %v: want the finding's text, not a pattern", id, a)
				}
				v2[id+"["+s+"]"] = m["reason"].(string)
			}
		}
	}
	v3 := map[string]string{}
	for _, e := range *stack.Node().FindChild(jsii.String("Role")).Node().Metadata() {
		if *e.Type == *awscdk.Validations_ACKNOWLEDGED_RULES_METADATA_KEY() {
			for k, v := range e.Data.(map[string]any) {
				// aws-cdk-lib prefixes ids of no known validation namespace with
				// "Annotation::"; cdk-nag 3 strips it before it compares.
				v3[strings.TrimPrefix(k, "Annotation::")] = v.(string)
			}
		}
	}
	if len(v2) == 0 {
		t.Fatal("no cdk-nag v2 acknowledgement on a role with every feature")
	}
	if !maps.Equal(v2, v3) {
		t.Errorf("the two forms differ:\ncdk_nag:     %v\nValidations: %v", v2, v3)
	}
}

// A policy template given to the role keeps its statements under Sids named after it, and
// cdk-nag reports the template's wildcards (DynamoDBCrudPolicy's table/<name>/index/*): the
// role acknowledges only wildcards it chose itself.
func TestCdkNagReportsATemplatesWildcardsUnderItsSid(t *testing.T) {
	app := newApp()
	stack := newStack(app, "Template")
	executionrole.NewExecutionRole(stack, jsii.String("Role"), &executionrole.ExecutionRoleProps{
		LeastPrivilege: true, FunctionName: "orders",
		Templates: []permissions.TemplateUse{templates.Apply("DynamoDBCrudPolicy", "orders")},
	})
	got := strings.Join(nagFindings(t, app, stack, false), "\n")
	if !strings.Contains(got, "AwsSolutions-IAM5") || !strings.Contains(got, "index/*") {
		t.Errorf("the template's index/* wildcard was not reported; findings:\n%s", got)
	}
	tpl := cdktest.Template(t, stack)
	doc, _ := json.Marshal(tpl)
	if !strings.Contains(string(doc), `"Sid":"DynamoDBCrudPolicy"`) {
		t.Errorf("the template's statement has no Sid DynamoDBCrudPolicy: %s", doc)
	}
}

// The operator role of a capacity provider acknowledges its logs wildcards with their reason,
// and its managed policy when asked: cdk-nag finds nothing, and every finding it would report
// without the acknowledgements is one of those.
func TestCdkNagFindsNothingOnAnOperatorRole(t *testing.T) {
	for _, ignore := range []bool{false, true} {
		t.Run(fmt.Sprintf("acknowledgements ignored %v", ignore), func(t *testing.T) {
			app := newApp()
			stack := newStack(app, "Operator")
			operator := executionrole.NewOperatorRole(stack, jsii.String("Operator"), &executionrole.OperatorRoleProps{AcknowledgeManagedPolicies: true})
			for i, name := range []string{"orders", ""} {
				p := &awslambda.CfnCapacityProviderProps{
					PermissionsConfig: &awslambda.CfnCapacityProvider_CapacityProviderPermissionsConfigProperty{CapacityProviderOperatorRoleArn: operator.RoleArn()},
					VpcConfig:         &awslambda.CfnCapacityProvider_CapacityProviderVpcConfigProperty{SubnetIds: jsii.Strings("subnet-0123456789abcdef0"), SecurityGroupIds: jsii.Strings("sg-0123456789abcdef0")},
				}
				if name != "" {
					p.CapacityProviderName = jsii.String(name)
				}
				awslambda.NewCfnCapacityProvider(stack, jsii.String(fmt.Sprintf("Provider%d", i)), p)
			}
			findings := nagFindings(t, app, stack, ignore)
			if !ignore && len(findings) > 0 {
				t.Errorf("cdk-nag findings: %v", findings)
			}
			if ignore {
				var iam4, iam5 int
				for _, f := range findings {
					switch {
					case strings.Contains(f, "AwsSolutions-IAM4") && strings.Contains(f, "AWSLambdaManagedEC2ResourceOperator"):
						iam4++
					case strings.Contains(f, "AwsSolutions-IAM5") && strings.Contains(f, ":log-group:/aws/lambda/capacity-provider/"):
						iam5++
					default:
						t.Errorf("cdk-nag finding neither the managed policy nor a logs wildcard: %s", f)
					}
				}
				if iam4 == 0 || iam5 == 0 {
					t.Errorf("without acknowledgements cdk-nag finds %v, want the managed policy and the logs wildcards", findings)
				}
			}
		})
	}
}
