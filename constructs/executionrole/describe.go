package executionrole

import (
	"slices"

	"github.com/execrole/execrole/constructs/permissions"
)

// PlannedStatement is one inline statement of a role's plan, with the feature it serves.
type PlannedStatement struct {
	permissions.Statement
	// Feature is the feature that put the statement in the plan, or "" for a statement given
	// in ExecutionRoleProps.Statements.
	Feature permissions.ID
}

// LeastPrivilege reports whether the role grants its features as scoped inline statements
// (ExecutionRoleProps.LeastPrivilege) rather than AWS managed policies.
func (r *ExecutionRole) LeastPrivilege() bool { return r.req.LeastPrivilege }

// PlannedStatements returns the statements of the role's plan, each with the feature it
// serves, so that a report can say why the role holds it. Grants made by other constructs
// are not in the plan.
func (r *ExecutionRole) PlannedStatements() []PlannedStatement {
	return plannedStatements(r.req, r.plan)
}

// plannedStatements attributes each statement of plan to a feature by planning each feature
// of req on its own: a statement belongs to the first feature, in request order, whose own
// plan holds it beyond the basic-logs statements every plan has; basic-logs statements belong
// to basic logs (or to Durable, which replaces them). A statement that no single feature
// produces exactly (two features merged into one) falls back to the first feature with a
// statement of the same Sid.
func plannedStatements(req permissions.Request, plan permissions.Plan) []PlannedStatement {
	alone := func(uses ...permissions.Use) []permissions.Statement {
		one := permissions.Request{
			LeastPrivilege: req.LeastPrivilege, FunctionNames: req.FunctionNames, LogGroups: req.LogGroups,
			LogGroupsCreated: req.LogGroupsCreated, Subnets: req.Subnets, SecurityGroups: req.SecurityGroups,
			Uses: uses,
		}
		p, err := permissions.Resolve(one)
		if err != nil {
			return nil
		}
		return p.Statements
	}
	logs := permissions.BasicLogs
	if slices.Contains(plan.Features, permissions.Durable) {
		logs = permissions.Durable
	}
	base := map[string]bool{}
	for _, s := range alone() {
		base[statementKey(s)] = true
	}
	var byFeature []owned
	for _, u := range req.Uses {
		byFeature = append(byFeature, owned{u.Feature, alone(u)})
	}
	user := map[string]bool{}
	for _, s := range req.Statements {
		user[statementKey(s)] = true
	}
	out := make([]PlannedStatement, 0, len(plan.Statements))
	for _, s := range plan.Statements {
		k := statementKey(s)
		p := PlannedStatement{Statement: s}
		switch {
		case user[k]:
		case base[k]:
			p.Feature = logs
		default:
			p.Feature = owner(k, s.Sid, byFeature)
			if p.Feature == "" {
				p.Feature = logs
			}
		}
		out = append(out, p)
	}
	return out
}

// owned is the plan of one feature on its own.
type owned struct {
	id    permissions.ID
	stmts []permissions.Statement
}

// owner returns the feature whose own plan holds the statement of key, else the first with a
// statement of the same Sid, else "".
func owner(key, sid string, all []owned) permissions.ID {
	for _, o := range all {
		if slices.ContainsFunc(o.stmts, func(s permissions.Statement) bool { return statementKey(s) == key }) {
			return o.id
		}
	}
	for _, o := range all {
		if sid != "" && slices.ContainsFunc(o.stmts, func(s permissions.Statement) bool { return s.Sid == sid }) {
			return o.id
		}
	}
	return ""
}

// DocumentSize is the size IAM counts for a resolved policy document (or part of one), as
// Stack.Resolve returns it: its JSON without whitespace, each CloudFormation intrinsic
// counted as the ARN it will resolve to. It is how the role checks its inline quota.
func DocumentSize(resolved any) int { return jsonSize(resolved) }
