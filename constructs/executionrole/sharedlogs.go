package executionrole

import (
	"encoding/json"
	"slices"
	"strings"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awslambda"

	"github.com/execrole/execrole/constructs/permissions"
)

// scopeLogsTo lets a least-privilege role write the logs of fn too, when fn's log group is
// not one the role is scoped to already: one role can then serve several functions, each
// logging to its own group. fn's log group is the LogGroup given in its props, or
// /aws/lambda/<FunctionName> for a function with a literal name. It panics when neither is
// set: the group is then named after the name CloudFormation generates for the function, and
// a role scoped to it would depend on the function, which depends on the role.
func (r *ExecutionRole) scopeLogsTo(fn awslambda.Function, cfn awslambda.CfnFunction) {
	if cfn == nil {
		return
	}
	stack := awscdk.Stack_Of(fn)
	groups := r.plan.LogGroups
	if r.batched {
		groups = r.req.LogGroups // held for derive's one replan
	}
	var group string
	created := false
	literal := "" // the function's name, when the app gives it
	if n := cfn.FunctionName(); n != nil && !permissions.IsToken(*n) {
		literal = *n
	}
	var config map[string]any
	if c := cfn.LoggingConfig(); c != nil {
		config, _ = stack.Resolve(c).(map[string]any)
	}
	if config["logGroup"] != nil || config["LogGroup"] != nil {
		group = *fn.LogGroup().LogGroupName()
		created = true
		if refersTo(stack, group, cfn) {
			failf(*r.Node().Path(), permissions.ErrLogGroupCircular, "Bind(%s): the function's log group name refers to the function itself, so a least-privilege role scoped to it would depend on the function, which depends on the role (circular dependency): name the log group without the function's attributes",
				*fn.Node().Path())
		}
	} else if literal != "" {
		group = permissions.FunctionLogGroup(literal, r.plan.Replicated)
	} else {
		scoped := strings.Join(groups, ", ")
		if scoped == "" {
			scoped = "the log groups of the functions bound to it"
		}
		failf(*r.Node().Path(), permissions.ErrLogGroupCircular, "Bind(%s): least-privilege role %s is scoped to %s, and the function logs to /aws/lambda/<the name CloudFormation generates for it>: scoping the role to that name would make the role depend on the function, which depends on the role (circular dependency); give the function a log group (awslambda.FunctionProps.LogGroup with awslogs.NewLogGroup) or a FunctionName",
			*fn.Node().Path(), *r.Node().Path(), scoped)
	}
	// A function of a literal name also scopes what is scoped to the function itself (its
	// durable executions).
	name := ""
	if literal != "" && !slices.Contains(r.req.FunctionNames, literal) {
		name = literal
	}
	if slices.Contains(groups, group) && name == "" {
		return
	}
	req := r.req
	req.FunctionNames = slices.Clone(req.FunctionNames)
	if name != "" {
		req.FunctionNames = append(req.FunctionNames, name)
	}
	// The planner names groups after FunctionNames only while LogGroups is empty; those groups
	// are Lambda's to create, so the role keeps logs:CreateLogGroup for them.
	if !slices.Contains(groups, group) {
		req.LogGroupsCreated = len(r.req.LogGroups) > 0 && r.req.LogGroupsCreated && created
		req.LogGroups = append(slices.Clone(groups), group)
	}
	if r.batching {
		r.req, r.batched = req, true
		return
	}
	r.replan(req)
}

// refersTo reports whether value, once resolved, references cfn (a Ref or GetAtt of it).
func refersTo(stack awscdk.Stack, value string, cfn awslambda.CfnFunction) bool {
	id, _ := stack.Resolve(stack.GetLogicalId(cfn)).(string)
	b, _ := json.Marshal(stack.Resolve(value))
	return id != "" && strings.Contains(string(b), `"`+id+`"`)
}
