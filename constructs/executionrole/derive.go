package executionrole

import (
	"encoding/json"
	"errors"
	"slices"
	"strings"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awslambda"
	"github.com/aws/constructs-go/constructs/v10"
	"github.com/aws/jsii-runtime-go"

	"github.com/execrole/execrole/constructs/internal/derive"
	"github.com/execrole/execrole/constructs/permissions"
)

// Derivation: a role learns its features from the functions it serves. At synth, before any
// read-only aspect (cdk-nag, the audit) sees a role, each ExecutionRole of a stack is given
// the features that the configuration of its functions and what targets them reveal: active
// tracing, VPC subnets, the dead-letter target, asynchronous and on-failure destinations, the
// environment key, EFS file systems, the layers that need permissions (Lambda Insights,
// Application Signals, the Parameters and Secrets extension), Lambda@Edge, and every event
// source mapping with its source, credentials secrets and keys (internal/derive reads them
// all, in one pass per stack). Declared Features stay, and merge with the derived ones: what
// the role has already is not added again.
//
// The functions of a role are those bound to it (Bind), and every function of the role's
// stack whose Role is the role, which it takes at synth (their logs in least-privilege mode;
// the fingerprint stays Bind's). A role made with Explicit learns nothing, and a function of
// its stack that runs as it unbound is an error when the role is least-privilege (see
// stackGrants.unboundFunctions). What no configuration tells (an imported function, a source
// of unknown kind, the parameters an extension reads) is an error, never a guess.

// deriveAspect runs the derivation of a stack's roles. It is an aspect of the stack's hidden
// stackGrants construct, a leaf, so it is one callback per stack; with the mutating priority,
// and placed before the stack's roles in the tree, it runs before the roles' own aspects and
// before read-only aspects see them.
type deriveAspect struct{ g *stackGrants }

func (a *deriveAspect) Visit(constructs.IConstruct) { a.g.derive() }

// Derive gives every ExecutionRole of scope's stack what the functions it serves need, now
// rather than at synth. Synth calls it by itself for every stack that has an ExecutionRole;
// call it only from an aspect that must see the roles complete before the role's own aspect
// has run (the audit does). It runs once per stack: a second call does nothing.
func Derive(scope constructs.IConstruct) {
	if isNil(scope) {
		return
	}
	stack := awscdk.Stack_Of(scope)
	g, _ := stack.Node().TryFindChild(jsii.String(grantsID)).(*stackGrants)
	if g != nil {
		g.derive()
	}
}

// derive gives each role of the stack its functions' features, once. A mistake the derived
// features make (a quota, a Lambda@Edge function outside us-east-1, a least-privilege
// resource the configuration does not name) is reported when the stack is validated, with the
// role's path: aspects run inside a callback from Node, where a panic would reach the user as
// a jsii stack trace.
func (g *stackGrants) derive() {
	if g.derived {
		return
	}
	g.derived = true
	// Every role's grants are narrowed and its event sources' grants join it, explicit roles'
	// too, once the derived features are in.
	defer func() {
		for _, r := range g.roles {
			r.prune()
			r.attachFingerprints()
		}
	}()
	var roles []*ExecutionRole
	for _, r := range g.roles {
		if !r.explicit {
			roles = append(roles, r)
		}
	}
	if len(roles)+len(g.operators) == 0 {
		return
	}
	scans := map[string]*derive.Stack{}
	var edge map[string]bool
	scanOf := func(s awscdk.Stack) *derive.Stack {
		p := *s.Node().Path()
		if m, ok := scans[p]; ok {
			return m
		}
		if edge == nil {
			edge = g.app.edgeFunctions(s.Node().Root())
		}
		m := derive.Scan(s, derive.Options{Edge: edge})
		scans[p] = m
		return m
	}
	own := scanOf(g.stack)
	byArn := map[string]*ExecutionRole{}
	for _, r := range roles {
		byArn[r.arn()] = r
	}
	g.checkImported(own, byArn)
	g.checkRoleKinds(own)
	for _, o := range g.operators {
		o.complete(own)
	}
	for _, r := range roles {
		func() {
			defer func() {
				if v := recover(); v != nil {
					var e *permissions.Error
					if err, ok := v.(error); ok && errors.As(err, &e) {
						g.errs = append(g.errs, e.Error())
						return
					}
					panic(v)
				}
			}()
			r.derive(byArn, own, scanOf)
		}()
	}
}

// checkImported reports each function imported into the stack with one of its deriving roles
// as its role (awslambda.Function_FromFunctionAttributes): the role cannot read what the
// function is configured to do, and guesses nothing.
func (g *stackGrants) checkImported(own *derive.Stack, byArn map[string]*ExecutionRole) {
	for _, fn := range own.Imported {
		role := fn.Role()
		if role == nil {
			continue
		}
		if r := byArn[*role.RoleArn()]; r != nil {
			g.errs = append(g.errs, permissions.Errorf(permissions.ErrFunctionImported,
				"function %s is imported, so the role cannot read its configuration to derive what it needs: declare its features in the role's Features and set Explicit: true, or define the function in the app", *fn.Node().Path()).At(*r.Node().Path()).Error())
		}
	}
}

// checkRoleKinds reports each capacity provider of the stack given one of its execution roles
// as its operator role (Lambda manages EC2 instances with that role, which an execution role's
// policies do not allow), and each function that runs as one of its operator roles.
func (g *stackGrants) checkRoleKinds(own *derive.Stack) {
	kind := map[string]constructs.IConstruct{}
	for _, r := range g.roles {
		kind[r.arn()] = r
	}
	for _, o := range g.operators {
		kind[*o.RoleArn()] = o
	}
	for _, op := range own.OperatorRoles {
		if r, ok := kind[op.RoleArn].(*ExecutionRole); ok {
			g.errs = append(g.errs, permissions.Errorf(permissions.ErrRoleKindMisused,
				"capacity provider %s has this execution role as its operator role, which Lambda uses to manage the provider's EC2 instances: pass an executionrole.NewOperatorRole (CapacityProviderProps.OperatorRole)", strings.TrimSuffix(*op.Provider.Node().Path(), "/Resource")).At(*r.Node().Path()).Error())
		}
	}
	for _, f := range own.Functions {
		if o, ok := kind[f.RoleToken].(*OperatorRole); ok {
			g.errs = append(g.errs, permissions.Errorf(permissions.ErrRoleKindMisused,
				"function %s runs as this capacity provider operator role, which Lambda uses to manage EC2 instances, not to run functions: give the function an execution role (executionrole.NewExecutionRole)", f.Path()).At(*o.Node().Path()).Error())
		}
	}
}

// derive adds to r the features of its functions: those bound to it, and those of own (its
// stack's scan) whose Role is r, which it binds.
func (r *ExecutionRole) derive(byArn map[string]*ExecutionRole, own *derive.Stack, scanOf func(awscdk.Stack) *derive.Stack) {
	// The functions bound here and the derived features make one new plan, not one each: a
	// plan extended again and again holds a logs statement per function.
	r.batching = true
	defer func() { r.batching = false }()
	var fns []*derive.Function
	// A function of the role's stack bound to it has its Role: it is met in own, and told from
	// the others by its resource (the same jsii object) or its construct.
	for _, f := range own.Functions {
		if byArn[f.RoleToken] != r {
			continue
		}
		fns = append(fns, f)
		fn, l2 := f.Node.(awslambda.Function)
		i := slices.IndexFunc(r.bound, func(b boundFunction) bool { return b.cfn == f.CFN || l2 && b.fn == fn })
		switch {
		case i >= 0:
			r.bound[i].cfn, r.bound[i].local = f.CFN, true
		case l2:
			// Bound at synth: its logs (least privilege) and its features, without the
			// fingerprint only Bind asks for.
			r.bind(boundFunction{fn: fn, cfn: f.CFN, local: true})
		}
	}
	// Bound functions of other stacks, in the order they were bound.
	for i := range r.bound {
		b := &r.bound[i]
		if b.local {
			continue
		}
		path := *b.fn.Node().Path()
		for _, f := range scanOf(awscdk.Stack_Of(b.fn)).Functions {
			if f.Path() == path {
				fns = append(fns, f)
			}
		}
	}
	var uses []permissions.Use
	for _, f := range fns {
		r.checkUnknown(f)
		for _, u := range f.Uses {
			if r.needsInput(f, u) {
				continue
			}
			uses = append(uses, u)
		}
	}
	req := r.req
	changed := false
	if len(uses) > 0 {
		r.canonicalize(uses)
		req.Uses, changed = permissions.MergeUses(r.req.Uses, uses...)
	}
	if changed || r.batched {
		r.batched = false
		r.replan(req)
	}
}

// needsInput reports whether u is a use derivation cannot complete: the configuration shows
// the feature but not its resources (Recognition.ResourcesUnknown: which parameters and
// secrets the Parameters and Secrets extension reads). The role's own use of the feature, or
// a grant of one of its Required actions, serves it; without either, the function could read
// nothing, and derive fails naming the function and what to pass.
func (r *ExecutionRole) needsInput(f *derive.Function, u permissions.Use) bool {
	d, ok := permissions.Lookup(u.Feature)
	if !ok || !d.From.ResourcesUnknown || len(u.Resources)+len(u.Parameters)+len(u.Secrets) > 0 {
		return false
	}
	if slices.ContainsFunc(r.req.Uses, func(h permissions.Use) bool { return h.Feature == u.Feature }) {
		return true
	}
	allows := func(actions []string) bool {
		return slices.ContainsFunc(d.From.Required, func(a string) bool {
			return slices.ContainsFunc(actions, func(p string) bool { return permissions.ActionMatches(p, a) })
		})
	}
	// A grant made through the function (fn.AddToRolePolicy) still waits for prune.
	for _, gs := range [][]grant{r.grants, r.pending} {
		for _, g := range gs {
			if allows(g.s.Actions) {
				return true
			}
		}
	}
	for _, s := range r.allowed() {
		if allows(s.Actions) {
			return true
		}
	}
	failf(*r.Node().Path(), permissions.ErrFeatureMissingResource, "function %s runs as the role and has the %s, which needs %s to read, and the role can read none: add them to the role's Features, as no configuration says what the function reads",
		f.Path(), d.Title, d.Needs)
	return true
}

// checkUnknown fails for an event source mapping of f whose source derive cannot tell (an ARN
// from a parameter, an import of unknown kind), unless the role's Features name that ARN: the
// role cannot guess what reading it takes.
func (r *ExecutionRole) checkUnknown(f *derive.Function) {
	if len(f.Unknown) == 0 {
		return
	}
	probe := make([]permissions.Use, len(f.Unknown))
	for i, s := range f.Unknown {
		probe[i] = permissions.Use{Resources: []string{s.ARN}}
	}
	r.canonicalize(probe)
	for i, s := range f.Unknown {
		arn := probe[i].Resources[0]
		if slices.ContainsFunc(r.req.Uses, func(u permissions.Use) bool { return slices.Contains(u.Resources, arn) }) {
			continue
		}
		shown := derive.Flatten(derive.Plain(r.stack.stack.Resolve(s.ARN)))
		if s.Registry != nil {
			failf(*r.Node().Path(), permissions.ErrSourceUnknown, "function %s has event source mapping %s, whose schema registry %s is of a kind the role cannot tell from the template: for an AWS Glue registry add GlueSchemaRegistry(arn) to the role's Features; for a Confluent registry give its URL itself",
				f.Path(), strings.TrimSuffix(*s.Mapping.Node().Path(), "/Resource"), shown)
		}
		failf(*r.Node().Path(), permissions.ErrSourceUnknown, "function %s has event source mapping %s, whose source %s is of a kind the role cannot tell from the template: add the feature that reads it, with that ARN, to the role's Features (SQSArns, KinesisArns, DynamoDBStreamArns, MSKArns, MSKWithSCRAM, MQ, DocumentDB)",
			f.Path(), strings.TrimSuffix(*s.Mapping.Node().Path(), "/Resource"), shown)
	}
}

// canonicalize replaces each resource of the derived uses that resolves to the same value as
// one the role already names (a declared SQS(queue) and the queue of the function's event
// source) by the role's own string, so that one resource is never listed twice under two
// tokens. One request for all of them.
func (r *ExecutionRole) canonicalize(uses []permissions.Use) {
	var known []string
	for _, u := range r.req.Uses {
		known = append(known, u.Resources...)
		known = append(known, u.Keys...)
		known = append(known, u.Secrets...)
		known = append(known, u.AccessPoints...)
	}
	var derived []*string
	for i := range uses {
		u := &uses[i]
		for _, l := range [][]string{u.Resources, u.Keys, u.Secrets, u.AccessPoints} {
			for j := range l {
				if permissions.IsToken(l[j]) {
					derived = append(derived, &l[j])
				}
			}
		}
	}
	sameAs(r.stack.stack, known, derived)
}

// sameAs rewrites each of refs that resolves to what a string of known resolves to as that
// string (the first, when several do): one request for all of them.
func sameAs(stack awscdk.Stack, known []string, refs []*string) {
	if len(known) == 0 || len(refs) == 0 {
		return
	}
	all := make([]any, 0, len(known)+len(refs))
	for _, k := range known {
		all = append(all, k)
	}
	for _, p := range refs {
		all = append(all, *p)
	}
	resolved, _ := derive.Plain(stack.Resolve(all)).([]any)
	if len(resolved) != len(all) {
		return
	}
	byValue := map[string]string{}
	for i, k := range known {
		b, _ := json.Marshal(resolved[i])
		if _, ok := byValue[string(b)]; !ok {
			byValue[string(b)] = k
		}
	}
	for i, p := range refs {
		b, _ := json.Marshal(resolved[len(known)+i])
		if k, ok := byValue[string(b)]; ok {
			*p = k
		}
	}
}
