package blueprints

import (
	"strconv"
	"time"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsec2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awslambda"
	"github.com/aws/constructs-go/constructs/v10"
	"github.com/aws/jsii-runtime-go"

	"github.com/execrole/execrole/constructs/executionrole"
)

// VpcFunctionProps configures a VpcFunction blueprint.
type VpcFunctionProps struct {
	// FunctionOptions are the settings of the blueprint's function. Default: - the
	// defaults of each of its fields.
	FunctionOptions
	// Vpc is the VPC the function runs in. Default: - a new VPC over two Availability
	// Zones with isolated subnets only: no internet gateway, no NAT gateway.
	Vpc awsec2.IVpc
	// VpcSubnets selects the subnets the function attaches to. Default: - the VPC's
	// private subnets.
	VpcSubnets *awsec2.SubnetSelection
	// SecurityGroups are the function's security groups. Default: - a new security group
	// that allows all outbound traffic.
	SecurityGroups []awsec2.ISecurityGroup
	// TargetHost and TargetPort are the host and TCP port the function checks when its
	// event names none. Default: - none: each invocation names its target.
	TargetHost string
	// TargetPort is the TCP port of TargetHost. Default: - none.
	TargetPort int
}

// VpcFunction is the VPC function blueprint: a Python function attached to a VPC's subnets
// that checks it can reach a host there over TCP ({"host": "db.internal", "port": 5432}).
// Its role holds the VPC feature (AWSLambdaVPCAccessExecutionRole, or the network-interface
// actions in least-privilege mode).
type VpcFunction struct {
	constructs.Construct
	*Base
	// Vpc is the VPC the function runs in.
	Vpc awsec2.IVpc
}

// NewVpcFunction creates a VpcFunction blueprint. Timeout 10 seconds unless
// FunctionOptions sets it.
func NewVpcFunction(scope constructs.Construct, id *string, props *VpcFunctionProps) *VpcFunction {
	if props == nil {
		props = &VpcFunctionProps{}
	}
	b := &VpcFunction{Base: &Base{}, Vpc: props.Vpc}
	constructs.NewConstruct_Override(b, scope, id)
	if b.Vpc == nil {
		b.Vpc = awsec2.NewVpc(b, jsii.String("Vpc"), &awsec2.VpcProps{
			MaxAzs:      jsii.Number(2),
			NatGateways: jsii.Number(0),
			SubnetConfiguration: &[]*awsec2.SubnetConfiguration{{
				Name: jsii.String("Isolated"), SubnetType: awsec2.SubnetType_PRIVATE_ISOLATED, CidrMask: jsii.Number(24),
			}},
		})
	}
	env := map[string]string{}
	if props.TargetHost != "" {
		env["TARGET_HOST"] = props.TargetHost
	}
	if props.TargetPort != 0 {
		env["TARGET_PORT"] = strconv.Itoa(props.TargetPort)
	}
	b.Base.build(b, props.FunctionOptions, spec{
		handler:     "vpc_function",
		description: "VPC function blueprint: checks it reaches a host in its VPC",
		features:    []executionrole.Feature{executionrole.VPC()},
		environment: env,
		timeout:     10 * time.Second,
		configure: func(fp *awslambda.FunctionProps) {
			fp.Vpc = b.Vpc
			fp.VpcSubnets = props.VpcSubnets
			if len(props.SecurityGroups) > 0 {
				fp.SecurityGroups = &props.SecurityGroups
			}
		},
	})
	return b
}

// Name returns "vpc-function".
func (b *VpcFunction) Name() string { return "vpc-function" }

// NewVpcFunctionStack creates a stack holding a VpcFunction blueprint with the id
// VpcFunction.
func NewVpcFunctionStack(scope constructs.Construct, id string, props *StackProps[VpcFunctionProps]) awscdk.Stack {
	return newStack(scope, id, props, "VpcFunction", NewVpcFunction)
}
