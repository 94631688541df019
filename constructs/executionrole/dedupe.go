package executionrole

import (
	"maps"
	"runtime"
	"slices"
	"strings"

	"github.com/aws/aws-cdk-go/awscdk/v2/awsiam"
	"github.com/aws/jsii-runtime-go"

	"github.com/execrole/execrole/constructs/permissions"
)

// grant is a statement another construct (or the user, with AddToPrincipalPolicy) added to
// the role, as the role keeps it.
type grant struct {
	// stmt is the statement in the role's inline policy: the grant, or the part of it the
	// role did not allow already.
	stmt awsiam.PolicyStatement
	// js and s are stmt's JSON and plain form; plain says it is an unconditional Allow of
	// actions on resources, the only kind prune may narrow.
	js    map[string]any
	s     permissions.Statement
	plain bool
	// fromSource says an event source made the grant while being bound to a function
	// (fn.AddEventSource): the source's derived feature supersedes it (see prune);
	// fromFunction that a function or its event sources made it; fromBuild that a function
	// made it while being constructed (see grantOrigin).
	fromSource, fromFunction, fromBuild bool
}

// uncovered returns what of a grant the role does not allow already, through its planned
// statements or the AWS managed policies of its features, and false when it allows all of
// it: the function's X-Ray statement beside the Tracing feature, an event source's receive
// actions beside AWSLambdaSQSQueueExecutionRole. A conditional grant is allowed already by a
// statement without conditions, or with the same; a grant with anything but Sid, Effect
// Allow, Action, Resource and Condition (NotAction, a principal) is kept whole.
//
// Reading the grant costs one request; writing a narrower copy, one more.
func (r *ExecutionRole) uncovered(statement awsiam.PolicyStatement) (grant, bool) {
	js, _ := statement.ToStatementJson().(map[string]any)
	s, ok := plainAllow(js)
	g := grant{stmt: statement, js: js, s: s, plain: ok}
	g.fromFunction, g.fromSource, g.fromBuild = grantOrigin()
	if !ok {
		return g, true
	}
	left, any := permissions.Uncovered(s, r.allowed())
	switch {
	case !any:
		return g, false
	case len(left.Actions) == len(s.Actions):
		return g, true
	}
	g.s = left
	g.stmt = narrowed(js, left.Actions)
	return g, true
}

// narrowed is a copy of the statement js with only actions.
func narrowed(js map[string]any, actions []string) awsiam.PolicyStatement {
	c := make(map[string]any, len(js))
	for k, v := range js {
		c[k] = v
	}
	c["Action"] = oneOrMany(actions)
	return awsiam.PolicyStatement_FromJson(c)
}

// grantOrigin tells, from the Go call stack, what is making the grant: jsii runs the role's
// AddToPrincipalPolicy inside the Go call that caused it. fromSource says an event source is
// being bound to a function (fn.AddEventSource, or an event source's own Bind); fromFunction
// that a function is granting to its role (awslambda.NewFunction for its tracing, dead-letter
// target, destinations or key; any other awslambda call), fromBuild that a function is being
// constructed (awslambda.New...). The user's own grants (queue.GrantConsumeMessages(role))
// have none.
func grantOrigin() (fromFunction, fromSource, fromBuild bool) {
	pcs := make([]uintptr, 64)
	n := runtime.Callers(3, pcs)
	frames := runtime.CallersFrames(pcs[:n])
	for {
		f, more := frames.Next()
		switch {
		case eventSourceFrame(f.Function):
			return true, true, false
		case strings.Contains(f.Function, lambdaPackage+"New"):
			// awslambda.NewFunction and its kin, not a method the user calls on a function.
			fromFunction, fromBuild = true, true
		case strings.Contains(f.Function, lambdaPackage):
			fromFunction = true
		}
		if !more {
			return fromFunction, false, fromBuild
		}
	}
}

const (
	lambdaPackage  = "/awscdk/v2/awslambda."
	sourcesPackage = "/awscdk/v2/awslambdaeventsources."
)

// eventSourceFrame reports whether a Go function name is an event source's binding: a
// Function-like's AddEventSource, or a method of an awslambdaeventsources type.
func eventSourceFrame(name string) bool {
	return strings.Contains(name, lambdaPackage) && strings.HasSuffix(name, ").AddEventSource") || strings.Contains(name, sourcesPackage)
}

// prune narrows the grants of other constructs to what the role does not allow once its
// derived features are in: a grant the features cover goes, whatever made it (the role
// allows it all the same). A grant aws-cdk-lib made for a derived feature (an event source's,
// or the function's while it was built) on that feature's own resources is superseded by it:
// the actions of the feature's catalog row that Lambda does not use, or that the feature
// replaces (Definition.Superseded), go too. Such grants wait until now, and what is left of
// them joins the inline policy in one request. The user's grants, and a role that derives
// nothing (Explicit), are never narrowed beyond what the role allows. The inline policy is
// rebuilt, in two requests, only when a grant already in it changed.
func (r *ExecutionRole) prune() {
	sups := r.supersessions()
	allowed := r.allowed()
	r.sameResources(allowed, sups)
	// narrow returns what is left of g, and whether anything is.
	narrow := func(g grant) (grant, bool) {
		if !g.plain {
			return g, true
		}
		s := g.s
		if g.fromSource || g.fromBuild {
			for _, sup := range sups {
				if !slices.ContainsFunc(s.Resources, func(res string) bool { return !sup.has[res] }) {
					s.Actions = slices.DeleteFunc(slices.Clone(s.Actions), func(a string) bool { return slices.Contains(sup.actions, a) })
				}
			}
		}
		left, any := permissions.Uncovered(s, allowed)
		if !any || len(left.Actions) == 0 {
			return g, false
		}
		if len(left.Actions) != len(g.s.Actions) {
			g.s, g.stmt = left, narrowed(g.js, left.Actions)
		}
		return g, true
	}
	changed := false
	kept := r.grants[:0]
	for _, g := range r.grants {
		n, ok := narrow(g)
		if !ok || len(n.s.Actions) != len(g.s.Actions) {
			changed = true
		}
		if ok {
			kept = append(kept, n)
		}
	}
	var add []awsiam.PolicyStatement
	for _, g := range r.pending {
		if n, ok := narrow(g); ok {
			kept = append(kept, n)
			add = append(add, n.stmt)
		}
	}
	r.grants, r.pending = kept, nil
	r.attachPendingPolicies()
	switch {
	case changed:
		// Nothing left is an empty document on the role, which validation removes.
		r.rebuild()
	case len(add) > 0:
		r.granted = true
		r.addStatements(add...)
	}
}

// supersession is what a derived feature takes from aws-cdk-lib's grants on its resources.
type supersession struct {
	actions []string
	// resources are the use's resources, their objects (r/*), keys, secrets and access
	// points; has them as a set, once sameResources has made them comparable with grants'.
	resources []string
	has       map[string]bool
}

// supersessions are those of the role's features with Superseded actions, each with the
// resources of the role's use of it; none for a role that derives nothing.
func (r *ExecutionRole) supersessions() []supersession {
	if r.explicit {
		return nil
	}
	var out []supersession
	for _, u := range r.req.Uses {
		d, ok := permissions.Lookup(u.Feature)
		if !ok || len(d.Superseded) == 0 {
			continue
		}
		res := slices.Concat(u.Resources, u.Keys, u.Secrets, u.AccessPoints)
		for _, x := range u.Resources {
			res = append(res, x+"/*")
		}
		out = append(out, supersession{actions: d.Superseded, resources: res})
	}
	return out
}

// sameResources rewrites each token resource of the grants that resolves to what a token
// resource of allowed (or of a supersession) resolves to as that resource's own string, so that coverage compares
// what they name rather than how the app wrote it (a secret's SecretArn in the event source
// mapping, and its arnForPolicies in the grant). One request for all of them.
func (r *ExecutionRole) sameResources(allowed []permissions.Statement, sups []supersession) {
	planned := map[string]bool{}
	var known []string
	note := func(res string) {
		if permissions.IsToken(res) && !planned[res] {
			planned[res] = true
			known = append(known, res)
		}
	}
	for _, s := range allowed {
		for _, res := range s.Resources {
			note(res)
		}
	}
	// The supersessions' resources are made comparable the same way; each string, known or
	// not, takes the first known one of its value.
	var refs []*string
	for i := range sups {
		for j, res := range sups[i].resources {
			note(res)
			if permissions.IsToken(res) {
				refs = append(refs, &sups[i].resources[j])
			}
		}
	}
	for _, gs := range [][]grant{r.grants, r.pending} {
		for i := range gs {
			g := &gs[i]
			if !g.plain {
				continue
			}
			g.s.Resources = slices.Clone(g.s.Resources)
			for j, res := range g.s.Resources {
				if permissions.IsToken(res) {
					refs = append(refs, &g.s.Resources[j])
				}
			}
		}
	}
	// Nothing to compare when every grant names its resources as the plan and the
	// supersessions do: no request.
	if !slices.ContainsFunc(r.grants, r.foreignToken(planned)) && !slices.ContainsFunc(r.pending, r.foreignToken(planned)) {
		refs = nil
	}
	sameAs(r.stack.stack, known, refs)
	for i := range sups {
		sups[i].has = map[string]bool{}
		for _, res := range sups[i].resources {
			sups[i].has[res] = true
		}
	}
}

// foreignToken returns whether a grant names a token resource that is not one of known's.
func (r *ExecutionRole) foreignToken(known map[string]bool) func(grant) bool {
	return func(g grant) bool {
		return g.plain && slices.ContainsFunc(g.s.Resources, func(res string) bool { return permissions.IsToken(res) && !known[res] })
	}
}

// attachPendingPolicies attaches the managed policies event sources attached that none of the
// role's features serves: a policy a feature has in its catalog row is the feature's, which
// the plan holds in default mode and replaces with scoped statements in least-privilege mode.
func (r *ExecutionRole) attachPendingPolicies() {
	for _, p := range r.pendingPolicies {
		arn := *p.ManagedPolicyArn()
		served := slices.ContainsFunc(r.plan.Features, func(id permissions.ID) bool {
			d, ok := permissions.Lookup(id)
			return ok && d.Policy.Name != "" && strings.HasSuffix(arn, ":iam::aws:policy"+d.Policy.Path+d.Policy.Name)
		})
		if !served {
			r.Role.AddManagedPolicy(p)
		}
	}
	r.pendingPolicies = nil
}

// rebuild replaces the role's inline policy with its own statements and the grants it keeps.
func (r *ExecutionRole) rebuild() {
	r.granted = len(r.grants) > 0
	doc := map[string]any{"Version": "2012-10-17", "Statement": r.own}
	if len(r.own) == 0 {
		doc["Statement"] = []any{}
	}
	r.document = awsiam.PolicyDocument_FromJson(&doc)
	stmts := make([]awsiam.PolicyStatement, len(r.grants))
	for i, g := range r.grants {
		stmts[i] = g.stmt
	}
	if len(stmts) > 0 {
		r.document.AddStatements(stmts...)
	}
	r.resource().SetPolicies(&[]any{
		&awsiam.CfnRole_PolicyProperty{PolicyName: jsii.String(inlinePolicyName), PolicyDocument: r.document},
	})
	r.dropped = false
}

// allowed are the plan's Allowed statements with their placeholders rendered as the tokens
// grants carry, computed once per plan.
func (r *ExecutionRole) allowed() []permissions.Statement {
	if r.allowedCache != nil {
		return r.allowedCache
	}
	initShared()
	for _, s := range r.plan.Allowed() {
		s.Resources = slices.Clone(s.Resources)
		for i, res := range s.Resources {
			s.Resources[i] = shared.replacer.Replace(res)
		}
		r.allowedCache = append(r.allowedCache, s)
	}
	return r.allowedCache
}

// plainAllow reads a statement's JSON as an Allow of actions on resources, with its
// conditions. A statement with anything else (NotAction, NotResource, a principal) or a
// condition it cannot read is not plain: it is kept whole.
func plainAllow(js map[string]any) (permissions.Statement, bool) {
	var s permissions.Statement
	for k, v := range js {
		switch k {
		case "Sid":
			s.Sid, _ = v.(string)
		case "Effect":
			if v != "Allow" {
				return s, false
			}
		case "Action", "Resource":
			vals, ok := stringList(v)
			if !ok {
				return s, false
			}
			if k == "Action" {
				s.Actions = vals
			} else {
				s.Resources = vals
			}
		case "Condition":
			conds, ok := conditions(v)
			if !ok {
				return s, false
			}
			s.Conditions = conds
		default:
			return s, false
		}
	}
	return s, len(s.Actions) > 0 && len(s.Resources) > 0
}

// conditions reads a statement's Condition block ({"StringEquals": {"key": "value"}}), in a
// stable order.
func conditions(v any) ([]permissions.Condition, bool) {
	ops, ok := v.(map[string]any)
	if !ok {
		return nil, false
	}
	var out []permissions.Condition
	for _, op := range slices.Sorted(maps.Keys(ops)) {
		keys, ok := ops[op].(map[string]any)
		if !ok {
			return nil, false
		}
		for _, k := range slices.Sorted(maps.Keys(keys)) {
			vals, ok := stringList(keys[k])
			if !ok {
				return nil, false
			}
			out = append(out, permissions.Condition{Operator: op, Key: k, Values: vals})
		}
	}
	return out, true
}

func stringList(v any) ([]string, bool) {
	switch t := v.(type) {
	case string:
		return []string{t}, true
	case []any:
		out := make([]string, len(t))
		for i, e := range t {
			s, ok := e.(string)
			if !ok {
				return nil, false
			}
			out[i] = s
		}
		return out, true
	}
	return nil, false
}

func oneOrMany(v []string) any {
	if len(v) == 1 {
		return v[0]
	}
	return v
}
