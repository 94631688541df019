package executionrole

import (
	"slices"

	"github.com/aws/aws-cdk-go/awscdk/v2/awsiam"
	"github.com/aws/jsii-runtime-go"

	"github.com/execrole/execrole/constructs/permissions"
)

// AddFeatures grants more features after construction, as if they had been in
// ExecutionRoleProps.Features: the role's request is resolved again with them, the managed
// policies the new plan adds are attached and its new statements go to the role's own inline
// policy. A feature without resources that the role already has is skipped. It panics, as
// NewExecutionRole does, when the new plan breaks a rule (a quota, a conflict).
//
// Policies the new plan no longer needs stay attached (a feature such as Durable replaces
// basic logs): AddFeatures only ever adds.
func (r *ExecutionRole) AddFeatures(fs ...Feature) {
	req := r.req
	req.Uses = slices.Clone(req.Uses)
	for _, f := range fs {
		d, known := permissions.Lookup(f.id)
		if known && len(f.arns) == 0 && f.resolve == nil && d.Needs == "" && slices.Contains(r.plan.Features, f.id) {
			continue
		}
		u, err := f.use(req.LeastPrivilege)
		if err != nil {
			fail(*r.Node().Path(), err)
		}
		req.Uses = append(req.Uses, u)
	}
	r.replan(req)
}

// replan extends the role's plan with req (permissions.Extend) and adds to the role what the
// extended plan has that it lacks: managed policies, trusted services, and the added
// statements, in one request after one per statement to build it.
func (r *ExecutionRole) replan(req permissions.Request) {
	plan, added, err := permissions.Extend(r.plan, req)
	if err != nil {
		fail(*r.Node().Path(), err)
	}
	if len(plan.ManagedPolicies) > len(r.plan.ManagedPolicies) {
		for _, m := range (*managedPolicies(plan))[len(r.plan.ManagedPolicies):] {
			r.AddManagedPolicy(m)
		}
	}
	for _, t := range plan.Trust[len(r.plan.Trust):] {
		r.AssumeRolePolicy().AddStatements(awsiam.NewPolicyStatement(&awsiam.PolicyStatementProps{
			Actions:    jsii.Strings("sts:AssumeRole"),
			Principals: &[]awsiam.IPrincipal{awsiam.NewServicePrincipal(jsii.String(t), nil)},
		}))
	}
	edge := plan.Replicated && !r.plan.Replicated
	r.plan, r.req = plan, req
	if edge {
		r.checkEdgeRegion()
	}
	r.allowedCache = nil
	r.acknowledge()
	if len(added) == 0 {
		return
	}
	docs := render(permissions.Document(added)).([]any)
	r.own = append(r.own, docs...)
	stmts := make([]awsiam.PolicyStatement, len(docs))
	for i, d := range docs {
		stmts[i] = awsiam.PolicyStatement_FromJson(d)
	}
	r.addStatements(stmts...)
}
