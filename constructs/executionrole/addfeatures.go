package executionrole

import (
	"fmt"
	"slices"
	"strings"

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
		req.Uses = append(req.Uses, f.use(req.LeastPrivilege))
	}
	r.replan(req)
}

// replan resolves req and adds to the role what the new plan has that the old one lacks:
// managed policies, and through AddToPrincipalPolicy what of each new statement the old
// statements do not already allow (permissions.Missing). The new plan may name a statement
// differently (a statement merged with a new feature's joins its Sid); a Sid the role's
// policy already uses is left off, as a policy's Sids must be unique.
func (r *ExecutionRole) replan(req permissions.Request) {
	plan, err := permissions.Resolve(req)
	if err != nil {
		panic(usageError(fmt.Sprintf("execrole: %s: %v", *r.Node().Path(), err)))
	}
	for _, m := range plan.ManagedPolicies {
		if !slices.ContainsFunc(r.plan.ManagedPolicies, func(o permissions.AttachedPolicy) bool { return o.ManagedPolicy == m.ManagedPolicy }) {
			r.AddManagedPolicy(awsiam.ManagedPolicy_FromAwsManagedPolicyName(jsii.String(strings.TrimPrefix(m.Path, "/") + m.Name)))
		}
	}
	have := slices.Clone(r.statements)
	sids := map[string]bool{}
	for _, s := range have {
		sids[s.Sid] = true
	}
	var added []permissions.Statement
	for _, s := range plan.Statements {
		s, missing := permissions.Missing(s, have)
		if !missing {
			continue
		}
		if sids[s.Sid] {
			s.Sid = ""
		}
		sids[s.Sid] = true
		added = append(added, s)
		have = append(have, s)
	}
	r.plan, r.req = plan, req
	r.statements = have
	r.acknowledge()
	if len(added) == 0 {
		return
	}
	for _, doc := range render(permissions.Document(added)).([]any) {
		r.AddToPrincipalPolicy(awsiam.PolicyStatement_FromJson(doc))
	}
}
