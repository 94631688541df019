package executionrole

import (
	"strings"

	"github.com/aws/aws-cdk-go/awscdk/v2/awsiam"
	"github.com/aws/constructs-go/constructs/v10"
	"github.com/aws/jsii-runtime-go"

	"github.com/execrole/execrole/constructs/permissions"
)

// ImportedRole is the plan of an execution role that exists outside the app, for
// organisations where application teams may not create IAM roles: the permissions the
// features need, which the role's owner attaches. Import makes one; Imported finds it.
type ImportedRole struct {
	constructs.Construct
	planned
	arn string
}

// importedRoleID is the construct id of the imported awsiam.IRole under its ImportedRole.
const importedRoleID = "Role"

// Import returns the existing role roleArn as an awsiam.IRole for awslambda.FunctionProps.Role,
// like awsiam.Role_FromRoleArn with Mutable false: it creates no AWS::IAM::Role and no
// AWS::IAM::Policy, and grants other constructs make to it are dropped. The features in props
// are planned all the same, with every rule of NewExecutionRole, and the plan is kept with the
// role: Imported returns it, the audit checks the role's functions against it, and the
// permissions report writes the exact document (managed policy ARNs and inline statements)
// that the role's owner must attach.
//
// Only the permission fields of props count: Features, LeastPrivilege, FunctionName,
// LogGroup, ManagedPolicies, CustomerManagedPolicyArns, Statements and MaxManagedPolicies.
// Import panics when a field that describes the role itself (RoleName, Path, Description,
// PermissionsBoundaryArn, MaxSessionDuration, Tags) is set: the role's owner decides those.
func Import(scope constructs.Construct, id *string, roleArn string, props *ExecutionRoleProps) awsiam.IRole {
	path := checkScope("Import", scope, id)
	if !permissions.IsToken(roleArn) {
		a, ok := permissions.ParseARN(roleArn)
		if !ok || a.Service != "iam" || !strings.HasPrefix(a.Resource, "role/") {
			failf(path(), permissions.ErrRoleArnInvalid, "%q is not a role ARN: give arn:aws:iam::<account>:role/<name>", roleArn)
		}
	}
	if props == nil {
		props = &ExecutionRoleProps{}
	}
	for _, f := range []struct {
		name string
		set  bool
	}{
		{"RoleName", props.RoleName != ""}, {"Path", props.Path != ""}, {"Description", props.Description != ""},
		{"PermissionsBoundaryArn", props.PermissionsBoundaryArn != ""}, {"MaxSessionDuration", props.MaxSessionDuration != 0},
		{"Tags", len(props.Tags) > 0}, {"AcknowledgeManagedPolicies", props.AcknowledgeManagedPolicies},
	} {
		if f.set {
			failf(path(), permissions.ErrImportFieldSet, "Import got %s, which describes the role itself: the role exists already and its owner sets it; leave %s empty", f.name, f.name)
		}
	}
	req, err := request(props)
	if err != nil {
		fail(path(), err)
	}
	// The imported role's document is attached by its owner once: its log groups must be
	// known now.
	req.BindLater = false
	plan, err := permissions.Resolve(req)
	if err != nil {
		fail(path(), err)
	}
	r := &ImportedRole{arn: roleArn, planned: planned{req: req, plan: plan}}
	constructs.NewConstruct_Override(r, scope, id)
	role := awsiam.Role_FromRoleArn(r, jsii.String(importedRoleID), jsii.String(roleArn), &awsiam.FromRoleArnOptions{Mutable: jsii.Bool(false)})
	r.warn(role)
	return role
}

// Imported returns the ImportedRole of a role made by Import: c is the awsiam.IRole Import
// returned (or a function's Role()), or the ImportedRole itself.
func Imported(c constructs.IConstruct) (*ImportedRole, bool) {
	if c == nil {
		return nil, false
	}
	if r, ok := c.(*ImportedRole); ok {
		return r, true
	}
	r, ok := c.Node().Scope().(*ImportedRole)
	return r, ok
}

// RoleArn is the ARN the role was imported with.
func (r *ImportedRole) RoleArn() string { return r.arn }

// PolicyDocument is what the role's owner must attach, as plain JSON values:
//
//	{"trust": [service principals], "managedPolicyArns": [ARNs],
//	 "policy": {"Version": "2012-10-17", "Statement": [...]}}
//
// "policy" is present when the plan has inline statements. Values hold the
// ${AWS::Partition}-style placeholders of the permissions package, and CDK tokens for
// resources of the app; the permissions report writes the document resolved.
func (r *ImportedRole) PolicyDocument() map[string]any {
	arns := make([]any, 0, len(r.plan.ManagedPolicies)+len(r.plan.CustomerManagedPolicyARNs))
	for _, m := range r.plan.ManagedPolicies {
		arns = append(arns, m.ARN())
	}
	for _, a := range r.plan.CustomerManagedPolicyARNs {
		arns = append(arns, a)
	}
	trust := make([]any, len(r.plan.Trust))
	for i, t := range r.plan.Trust {
		trust[i] = t
	}
	doc := map[string]any{"trust": trust, "managedPolicyArns": arns}
	if len(r.plan.Statements) > 0 {
		doc["policy"] = map[string]any{"Version": "2012-10-17", "Statement": permissions.Document(r.plan.Statements)}
	}
	return doc
}
