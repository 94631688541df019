package audit

import (
	"strings"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsiam"
	"github.com/aws/aws-cdk-go/awscdk/v2/awslambda"

	"github.com/execrole/execrole/constructs/executionrole"
	"github.com/execrole/execrole/constructs/internal/derive"
	"github.com/execrole/execrole/constructs/permissions"
)

// appModel scans each stack of an app once, and finds a function's role wherever it is.
type appModel struct {
	models map[string]*stackModel // by stack path
	// fingerprints says the scans read the functions' fingerprints (see scan).
	fingerprints bool
	// foreign holds the roles defined outside the app (imported), by construct path.
	foreign map[string]*role
	// edge holds the construct paths of the app's Lambda@Edge functions made with
	// experimental.EdgeFunction, which may live in another stack than their distribution;
	// nil until the first scan.
	edge map[string]bool
}

func newAppModel(fingerprints bool) *appModel {
	return &appModel{models: map[string]*stackModel{}, foreign: map[string]*role{}, fingerprints: fingerprints}
}

// model returns the scan of stack, scanning it on first use.
func (a *appModel) model(stack awscdk.Stack) *stackModel {
	p := *stack.Node().Path()
	if m, ok := a.models[p]; ok {
		return m
	}
	if a.edge == nil {
		a.edge = derive.EdgeFunctions(stack.Node().Root())
	}
	// The stack's ExecutionRoles derive their functions' features first, so the audit checks
	// the roles as they will be; it would otherwise see them before their own aspect runs.
	executionrole.Derive(stack)
	m := scan(stack, a.fingerprints, a.edge)
	a.models[p] = m
	return m
}

// roleOf returns f's role: the role of its own stack it names, else, through the
// awslambda.Function, a role of another stack of the app, a role made by executionrole.Import
// (read from its plan), or an imported role the audit cannot read (foreign). It returns nil
// for a function whose role the audit cannot find.
func (a *appModel) roleOf(f *function) *role {
	if f.role != nil {
		return f.role
	}
	fn, ok := f.Node.(awslambda.Function)
	if !ok {
		return nil
	}
	ir := fn.Role()
	if ir == nil {
		return nil
	}
	if imp, ok := executionrole.Imported(ir); ok {
		return a.importedRole(*imp.Node().Path(), func() *role { return planRole(imp) })
	}
	if cfn, ok := ir.Node().DefaultChild().(awsiam.CfnRole); ok {
		path := strings.TrimSuffix(*cfn.Node().Path(), "/Resource")
		for _, r := range a.model(awscdk.Stack_Of(cfn)).roleOrder {
			if r.path == path {
				return r
			}
		}
		return nil
	}
	return a.importedRole(*ir.Node().Path(), func() *role {
		return &role{path: *ir.Node().Path(), foreign: true, arn: *ir.RoleArn()}
	})
}

func (a *appModel) importedRole(path string, make func() *role) *role {
	if r, ok := a.foreign[path]; ok {
		return r
	}
	r := make()
	a.foreign[path] = r
	return r
}

// planRole is the role of an executionrole.Import, read from its plan: the catalogued
// statements of its AWS managed policies and its inline statements. Customer managed policies
// are unreadable.
func planRole(imp *executionrole.ImportedRole) *role {
	r := &role{path: *imp.Node().Path(), imported: imp, arn: imp.RoleArn()}
	r.statements, r.unreadable = readPlan(imp.Plan())
	return r
}

// readPlan returns what a plan allows as the audit reads it: the catalogued statements of its
// AWS managed policies, then its inline statements; and the policies it cannot read (AWS
// managed policies out of the catalog, customer managed policies).
func readPlan(plan permissions.Plan) (stmts []permissions.Statement, unreadable []string) {
	for _, m := range plan.ManagedPolicies {
		if grants, ok := awsManagedGrants(m.ARN()); ok {
			stmts = append(stmts, grants...)
		} else {
			unreadable = append(unreadable, m.ARN())
		}
	}
	unreadable = append(unreadable, plan.CustomerManagedPolicyARNs...)
	return append(stmts, plan.Statements...), unreadable
}
