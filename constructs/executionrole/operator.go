package executionrole

import (
	"fmt"
	"slices"
	"strings"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsiam"
	"github.com/aws/constructs-go/constructs/v10"
	"github.com/aws/jsii-runtime-go"

	"github.com/execrole/execrole/constructs/internal/derive"
	"github.com/execrole/execrole/constructs/permissions"
)

// OperatorRoleProps configures an OperatorRole. The zero value is the role the Lambda
// Developer Guide describes.
type OperatorRoleProps struct {
	// RoleName is the physical name of the role. Default: - a name CloudFormation generates.
	RoleName string
	// Path is the role's IAM path, starting and ending with "/". Default: - "/".
	Path string
	// Description describes the role. Default: - none.
	Description string
	// PermissionsBoundaryArn is the ARN of the managed policy that bounds the role's
	// permissions. Default: - none.
	PermissionsBoundaryArn string
	// Tags are added to the role. Default: - none.
	Tags map[string]string
	// AcknowledgeManagedPolicies records, for cdk-nag, that AWSLambdaManagedEC2ResourceOperator
	// (finding AwsSolutions-IAM4) is intended. The logs wildcards the role chose itself are
	// always acknowledged with their reason. Default: - left for cdk-nag to report.
	AcknowledgeManagedPolicies bool
}

// OperatorRole is the operator role of Lambda Managed Instances capacity providers: the role
// Lambda assumes to launch and manage the EC2 instances a capacity provider's functions run on.
// Pass it as awslambda.CapacityProviderProps.OperatorRole (or its RoleArn to a
// CfnCapacityProvider's PermissionsConfig); it is an awsiam.Role.
//
// It trusts lambda.amazonaws.com and carries AWSLambdaManagedEC2ResourceOperator, the policy
// the Developer Guide names ("Lambda Managed Instances operator role"). That policy grants no
// logs action, and without them Lambda delivers none of a capacity provider's system logs and
// reports nothing, so the role also writes the logs of the capacity providers of its stack
// that use it, read at synth: /aws/lambda/capacity-provider/<name>, or the provider's own log
// group. A provider whose name CloudFormation generates, or one in another stack, leaves the
// logs scoped to /aws/lambda/capacity-provider/*.
//
// A function does not run as it: a function of its stack whose Role it is fails synth, as
// does an ExecutionRole given to a capacity provider. A function that runs on a capacity
// provider needs nothing of its execution role beyond its features; the EC2 instances are the
// operator role's.
type OperatorRole struct {
	awsiam.Role
	document   awsiam.PolicyDocument
	ackManaged bool
}

const operatorPolicyName = "CapacityProviderLogs"

// NewOperatorRole creates the role. It panics with a *permissions.Error, before creating
// anything, when props break a rule of IAM (a name, a path, a boundary ARN).
func NewOperatorRole(scope constructs.Construct, id *string, props *OperatorRoleProps) *OperatorRole {
	path := checkScope("NewOperatorRole", scope, id)
	if props == nil {
		props = &OperatorRoleProps{}
	}
	req := permissions.Request{RoleName: props.RoleName, Path: props.Path, Description: props.Description, PermissionsBoundary: props.PermissionsBoundaryArn}
	if _, err := permissions.Resolve(req); err != nil {
		fail(path(), err)
	}
	o := &OperatorRole{document: awsiam.NewPolicyDocument(nil), ackManaged: props.AcknowledgeManagedPolicies}
	policy := awsiam.ManagedPolicy_FromAwsManagedPolicyName(jsii.String(permissions.OperatorPolicy.PathName()))
	rp := &awsiam.RoleProps{
		AssumedBy:       principal([]string{permissions.LambdaPrincipal}),
		ManagedPolicies: &[]awsiam.IManagedPolicy{policy},
		InlinePolicies:  &map[string]awsiam.PolicyDocument{operatorPolicyName: o.document},
	}
	setRoleFields(rp, scope, id, props.RoleName, props.Path, props.Description, props.PermissionsBoundaryArn)
	// The stack's derivation completes it, from the scan it reads the execution roles' functions
	// with (see complete). Its state construct comes first in the tree, so that the derivation
	// runs before other aspects see the role.
	g := grantsOf(scope)
	g.operators = append(g.operators, o)
	awsiam.NewRole_Override(o, scope, id, rp)
	tag(o, props.Tags)

	return o
}

// AddToPolicy is AddToPrincipalPolicy, for callers of the older awsiam.IRole method. (The
// role is a Go subclass of awsiam.Role, which jsii allows only with a method of its own.)
func (o *OperatorRole) AddToPolicy(statement awsiam.PolicyStatement) *bool {
	return o.AddToPrincipalPolicy(statement).StatementAdded
}

// complete writes, at synth, the logs statements of the capacity providers of its stack that
// use the role, read from the stack's scan.
func (o *OperatorRole) complete(own *derive.Stack) {
	arn := *o.RoleArn()
	var defaults, custom []string
	var unnamed bool
	for _, op := range own.OperatorRoles {
		if op.RoleArn != arn {
			continue
		}
		if op.LogGroup != "" {
			custom = append(custom, op.LogGroup)
		} else if name := providerName(own.Stack, op.Name); name != "" {
			defaults = append(defaults, permissions.CapacityProviderLogGroupPrefix+name)
		} else {
			unnamed = true
		}
	}
	if unnamed || len(defaults)+len(custom) == 0 {
		defaults = append(defaults, permissions.CapacityProviderLogGroupPrefix+"*")
	}
	slices.Sort(defaults)
	stmts := permissions.OperatorStatements(slices.Compact(defaults), custom)
	for _, s := range render(permissions.Document(stmts)).([]any) {
		o.document.AddStatements(awsiam.PolicyStatement_FromJson(s))
	}
	o.acknowledge(stmts)
}

// providerName is a capacity provider's name as its log group takes it, or "" when
// CloudFormation generates it (aws-cdk-lib leaves a token that resolves to nothing) or it is an
// ARN.
func providerName(stack awscdk.Stack, name string) string {
	if permissions.IsToken(name) {
		if r := stack.Resolve(name); r == nil || r == "" {
			return ""
		}
	}
	if strings.HasPrefix(name, "arn:") {
		return ""
	}
	return name
}

// acknowledge writes, for cdk-nag, why each logs wildcard is there, and the managed policy
// when the user asked.
func (o *OperatorRole) acknowledge(stmts []permissions.Statement) {
	resolved, _ := awscdk.Stack_Of(o).Resolve(render(permissions.Document(stmts))).([]any)
	var ns []nagStatement
	for _, s := range resolved {
		m, _ := s.(map[string]any)
		st := nagStatement{Allow: true, Library: true}
		st.Sid, _ = m["Sid"].(string)
		for _, a := range asList(m["Action"]) {
			st.Actions = append(st.Actions, fmt.Sprint(a))
		}
		for _, r := range asList(m["Resource"]) {
			st.Resources = append(st.Resources, flattenReference(r))
		}
		ns = append(ns, st)
	}
	acks := acknowledgements(ns, nil)
	if o.ackManaged {
		p := permissions.OperatorPolicy
		acks = append(acks, acknowledgement{Rule: ruleManagedPolicy, Finding: "Policy::arn:<AWS::Partition>:iam::aws:policy" + p.Path + p.Name,
			Reason: p.Name + " is the AWS managed policy the Lambda Developer Guide names for the operator role of Lambda Managed Instances; acknowledged by OperatorRoleProps.AcknowledgeManagedPolicies"})
	}
	writeAcknowledged(o, o.Node().DefaultChild().(awsiam.CfnRole), acks)
}
