package audit_test

import (
	"strings"
	"testing"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsiam"
	"github.com/aws/aws-cdk-go/awscdk/v2/awslambda"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsssm"
	"github.com/aws/jsii-runtime-go"

	"github.com/execrole/execrole/constructs/audit"
	"github.com/execrole/execrole/constructs/executionrole"
)

// A function that carries a layer the catalog knows is checked for what the layer needs:
// the Parameters and Secrets extension for something to read (a parameter or a secret; which
// ones only the user knows, so AutoFix cannot add it), the Application Signals layer for its
// traces and log group. Layers as aws-cdk-lib adds them, in a stack with a region (literal
// layer ARNs) and one without (a region mapping).
//
// The roles that lack something are Explicit: a role that derives fails synth by itself
// (executionrole's TestDerivedParametersAndSecretsNeedsWhatItReads).
func TestAuditChecksWhatLayersNeed(t *testing.T) {
	explicit := &executionrole.ExecutionRoleProps{Explicit: true}
	paramsLayer := func() awslambda.ParamsAndSecretsLayerVersion {
		return awslambda.ParamsAndSecretsLayerVersion_FromVersion(awslambda.ParamsAndSecretsVersions_V1_0_103, nil)
	}
	tests := []struct {
		name    string
		region  string
		build   func(stack awscdk.Stack) // one function "Fn" with a role
		wantErr string                   // a text of the one error, "" for none
	}{
		{name: "fails if the extension can read nothing", region: "us-east-1", wantErr: "has the Parameters and Secrets extension but its role Test/Role lacks ssm:GetParameter, ssm:GetParameters, secretsmanager:GetSecretValue: add executionrole.ParametersAndSecrets(parameters, secrets), naming what the function reads, to the Features of role Test/Role",
			build: func(stack awscdk.Stack) {
				fn(stack, executionrole.NewExecutionRole(stack, jsii.String("Role"), explicit), awslambda.FunctionProps{ParamsAndSecrets: paramsLayer()})
			}},
		{name: "fails if the extension can read nothing, region unknown", wantErr: "has the Parameters and Secrets extension",
			build: func(stack awscdk.Stack) {
				fn(stack, executionrole.NewExecutionRole(stack, jsii.String("Role"), explicit), awslambda.FunctionProps{ParamsAndSecrets: paramsLayer()})
			}},
		{name: "a parameter it reads", region: "us-east-1",
			build: func(stack awscdk.Stack) {
				p := awsssm.StringParameter_FromStringParameterName(stack, jsii.String("P"), jsii.String("/orders/config"))
				role := executionrole.NewExecutionRole(stack, jsii.String("Role"), &executionrole.ExecutionRoleProps{
					Features: []executionrole.Feature{executionrole.ParametersAndSecrets([]awsssm.IParameter{p}, nil)},
				})
				fn(stack, role, awslambda.FunctionProps{ParamsAndSecrets: paramsLayer()})
			}},
		{name: "a grant of the user's own", region: "us-east-1",
			build: func(stack awscdk.Stack) {
				role := executionrole.NewExecutionRole(stack, jsii.String("Role"), nil)
				awsssm.StringParameter_FromStringParameterName(stack, jsii.String("P"), jsii.String("/orders/config")).GrantRead(role)
				fn(stack, role, awslambda.FunctionProps{ParamsAndSecrets: paramsLayer()})
			}},
		{name: "fails if Application Signals cannot write", region: "us-east-1", wantErr: "has the Application Signals (AWS Distro for OpenTelemetry) layer but its role Test/Role lacks xray:PutTraceSegments, logs:PutLogEvents",
			build: func(stack awscdk.Stack) {
				fn(stack, awsiam.NewRole(stack, jsii.String("Role"), &awsiam.RoleProps{AssumedBy: awsiam.NewServicePrincipal(jsii.String("lambda.amazonaws.com"), nil)}),
					awslambda.FunctionProps{Layers: &[]awslambda.ILayerVersion{appSignals(stack)}})
			}},
		{name: "Application Signals with its feature", region: "us-east-1",
			build: func(stack awscdk.Stack) {
				role := executionrole.NewExecutionRole(stack, jsii.String("Role"), &executionrole.ExecutionRoleProps{
					Features: []executionrole.Feature{executionrole.ApplicationSignals()},
				})
				fn(stack, role, awslambda.FunctionProps{Layers: &[]awslambda.ILayerVersion{appSignals(stack)}})
			}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			app := awscdk.NewApp(nil)
			props := &awscdk.StackProps{}
			if tt.region != "" {
				props.Env = &awscdk.Environment{Account: jsii.String("123456789012"), Region: jsii.String(tt.region)}
			}
			stack := awscdk.NewStack(app, jsii.String("Test"), props)
			tt.build(stack)
			// AutoFix cannot add what needs the user's resources: the error stays.
			audit.Apply(app, &audit.Props{AutoFix: true})
			errs := messages(t, stack)["error"]
			switch {
			case tt.wantErr == "" && len(errs) > 0:
				t.Errorf("errors %q, want none", errs)
			case tt.wantErr != "" && (len(errs) != 1 || !strings.Contains(errs[0], tt.wantErr)):
				t.Errorf("errors %q, want one with %q", errs, tt.wantErr)
			}
		})
	}
}

// appSignals is the Python layer the Application Signals guide names (CloudWatch User Guide,
// "Enable your applications on Lambda").
func appSignals(stack awscdk.Stack) awslambda.ILayerVersion {
	return awslambda.LayerVersion_FromLayerVersionArn(stack, jsii.String("AppSignals"), jsii.String("arn:aws:lambda:us-east-1:615299751070:layer:AWSOpenTelemetryDistroPython:5"))
}

func fn(stack awscdk.Stack, role awsiam.IRole, props awslambda.FunctionProps) awslambda.Function {
	return newFunction(stack, "Fn", role, props)
}
