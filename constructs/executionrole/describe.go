package executionrole

import (
	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/constructs-go/constructs/v10"
	"github.com/aws/jsii-runtime-go"

	"github.com/execrole/execrole/constructs/permissions"
)

// PlannedStatement is one inline statement of a role's plan, with the feature it serves.
type PlannedStatement struct {
	permissions.Statement
	// Feature is the feature that put the statement in the plan, or "" for a statement given
	// in ExecutionRoleProps.Templates or Statements.
	Feature permissions.ID
	// Template is the policy template that gave the statement, or "".
	Template string
}

// planned is what ExecutionRole and ImportedRole share: the request a role was planned from
// and its plan.
type planned struct {
	req  permissions.Request
	plan permissions.Plan
}

// Plan is the role's plan: its features, managed policies, inline statements and quota use.
func (p planned) Plan() permissions.Plan { return p.plan }

// LeastPrivilege reports whether the role grants its features as scoped inline statements
// (ExecutionRoleProps.LeastPrivilege) rather than AWS managed policies.
func (p planned) LeastPrivilege() bool { return p.req.LeastPrivilege }

// PlannedStatements returns the statements of the role's plan, each with the feature it
// serves, so that a report can say why the role holds it. Grants made by other constructs
// are not in the plan.
func (p planned) PlannedStatements() []PlannedStatement { return plannedStatements(p.plan) }

// warn records the plan's warnings (a dropped managed policy) on c.
func (p planned) warn(c constructs.IConstruct) {
	if len(p.plan.Warnings) == 0 {
		return
	}
	a := awscdk.Annotations_Of(c)
	for _, w := range p.plan.Warnings {
		a.AddWarningV2(jsii.String(w.ID), jsii.String(w.Message), nil)
	}
}

// plannedStatements pairs each statement of plan with the first feature that needs it, from
// Plan.Sources; the user's own statements have none.
func plannedStatements(plan permissions.Plan) []PlannedStatement {
	out := make([]PlannedStatement, len(plan.Statements))
	for i, s := range plan.Statements {
		out[i] = PlannedStatement{Statement: s}
		if ids := plan.Sources[s.Sid]; s.Sid != "" && len(ids) > 0 {
			out[i].Feature = ids[0]
		}
		if s.Sid != "" {
			out[i].Template = plan.Templates[s.Sid]
		}
	}
	return out
}

// DocumentSize is the size IAM counts for a resolved policy document (or part of one), as
// Stack.Resolve returns it: its JSON without whitespace, each CloudFormation intrinsic
// counted as the ARN it will resolve to. It is how the role checks its inline quota.
func DocumentSize(resolved any) int { return jsonSize(resolved) }
