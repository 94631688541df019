package executionrole

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"slices"
	"strings"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awslambda"
	"github.com/aws/jsii-runtime-go"

	"github.com/execrole/execrole/constructs/permissions"
)

// FingerprintVariable is the environment variable Bind sets on a function: a fingerprint of
// its role's permissions.
const FingerprintVariable = "EXECROLE_PERMISSIONS_FINGERPRINT"

// fingerprintLen is the number of hex digits of a fingerprint (64 bits of SHA-256).
const fingerprintLen = 16

// Bind makes every change to the role's permissions also change fn's configuration, so that
// Lambda replaces the function's running instances, which otherwise keep the credentials
// they started with until the function's code or configuration changes (Lambda Developer
// Guide, "Lambda execution role"). It sets fn's FingerprintVariable environment variable to
// the role's Fingerprint.
//
// Lambda@Edge functions cannot have environment variables: for a role with the Edge feature,
// the fingerprint is appended to the function's description instead, as "[permissions <fp>]":
// set the description before Bind.
//
// In least-privilege mode, Bind also scopes the role's logs statements to fn's log group when
// it is not the role's own (FunctionName, LogGroup), so one role can serve several functions:
// fn's group is the LogGroup in its props, or /aws/lambda/<FunctionName> for a function with a
// literal name. Bind panics for a function with neither, as its log group is named after the
// name CloudFormation generates, and a role scoped to it would depend on the function that
// depends on the role.
//
// At synth the role takes by itself every function of its stack whose Role it is: it derives
// their features and, in least-privilege mode, scopes its logs to their log groups. Bind is
// what adds the fingerprint, and what reaches a function of another stack. The fingerprint is
// attached at synth, once the role has derived its features. Call Bind once per function.
func (r *ExecutionRole) Bind(fn awslambda.Function) {
	if isNil(fn) {
		failf(*r.Node().Path(), permissions.ErrNilArgument, "Bind: function is nil: pass the awslambda.Function that runs as the role")
	}
	r.bind(boundFunction{fn: fn, fingerprint: true})
	// Bound after derivation: nothing will attach its fingerprint but this call.
	if r.stack.derived {
		r.attachFingerprints()
	}
}

// bind binds b.fn, whose resource derivation may know already. The fingerprint, for a function
// given to Bind, is attached once the role has derived all its features (attachFingerprints,
// after derivation): a derived Lambda@Edge feature moves it from the environment to the
// description.
func (r *ExecutionRole) bind(b boundFunction) {
	r.checkFunctionName(&b)
	r.bound = append(r.bound, b)
	if r.req.LeastPrivilege {
		r.scopeLogsTo(b.fn, r.bound[len(r.bound)-1].resource())
	}
}

// attachFingerprints gives each function given to Bind that has none yet the role's
// fingerprint: an environment variable, or for Lambda@Edge, which allows none, its
// description.
func (r *ExecutionRole) attachFingerprints() {
	for i := range r.bound {
		b := &r.bound[i]
		if !b.fingerprint || b.attached {
			continue
		}
		b.attached = true
		if !r.plan.Replicated {
			b.fn.AddEnvironment(jsii.String(FingerprintVariable), awscdk.Lazy_String(&fingerprintProducer{r}, nil), nil)
			continue
		}
		cfn := b.resource()
		cfn.SetDescription(awscdk.Lazy_String(&edgeDescription{r, cfn.Description()}, nil))
	}
}

// EdgeRegion is the region Lambda@Edge functions are created in: CloudFront replicates them
// from there (Lambda Developer Guide, "Lambda@Edge"; CloudFront Developer Guide,
// "Restrictions on Lambda@Edge").
const EdgeRegion = "us-east-1"

// checkEdgeRegion fails when the role serves Lambda@Edge functions and its stack is not in
// EdgeRegion: the functions could not be created there. An environment-agnostic stack fails
// too, as nothing would stop a deploy to another region.
func (r *ExecutionRole) checkEdgeRegion() {
	switch region := *r.stack.stack.Region(); {
	case permissions.IsToken(region):
		failf(*r.Node().Path(), permissions.ErrEdgeRegion, "the Edge feature needs the stack's region, which is not set: set Env.Region to %q on the stack, as Lambda@Edge functions are created in %s", EdgeRegion, EdgeRegion)
	case region != EdgeRegion:
		failf(*r.Node().Path(), permissions.ErrEdgeRegion, "the Edge feature is on a role in a stack in %s: Lambda@Edge functions are created in %s, set Env.Region to %q on the stack", region, EdgeRegion, EdgeRegion)
	}
}

// dropRedundantDependencies removes the DependsOn that awslambda.Function gives its resource
// on its role (function.ts adds the whole role as a dependency) from each function bound to
// r in r's stack. The function's Role property already references the role with Fn::GetAtt,
// so CloudFormation orders the two anyway, and the role holds its grants itself: no policy
// resource needs waiting for. cfn-lint reports the redundant dependency (W3005).
//
// It runs in the stack's validation, after prepare turned construct dependencies into
// resource dependencies. A function in another stack is left alone: its dependency is on the
// role's stack, not a resource.
func (r *ExecutionRole) dropRedundantDependencies(role awscdk.CfnResource) {
	for i := range r.bound {
		b := &r.bound[i]
		cfn := b.resource()
		if cfn == nil {
			continue
		}
		if b.local || awscdk.Stack_Of(b.fn) == r.stack.stack {
			cfn.RemoveResourceDependency(role)
		}
	}
}

// checkFunctionName fails when the role was made for a function of one name
// (ExecutionRoleProps.FunctionName) and is bound to a function of another, or of a name
// CloudFormation generates: a typo there would leave the function without its logs.
func (r *ExecutionRole) checkFunctionName(b *boundFunction) {
	if r.functionName == "" {
		return
	}
	fn, cfn := b.fn, b.resource()
	if cfn == nil {
		return
	}
	name := cfn.FunctionName()
	if name != nil && permissions.IsToken(*name) {
		// A name CloudFormation generates is a token that resolves to nothing; a token of
		// another value (a parameter) cannot be compared.
		if resolved := awscdk.Stack_Of(fn).Resolve(name); resolved != nil && resolved != "" {
			return
		}
		name = nil
	}
	switch {
	case name == nil:
		failf(*r.Node().Path(), permissions.ErrFunctionNameMismatch, "Bind(%s): the role is for function %q (ExecutionRoleProps.FunctionName), and the function has no FunctionName, so CloudFormation names it: set FunctionName %q on the function, or leave FunctionName out of the role, which Bind scopes to the function's own log group",
			*fn.Node().Path(), r.functionName, r.functionName)
	case *name != r.functionName:
		failf(*r.Node().Path(), permissions.ErrFunctionNameMismatch, "Bind(%s): the role is for function %q (ExecutionRoleProps.FunctionName), but the function is named %q: use one name in both places, or leave FunctionName out of the role, which Bind scopes to the function's own log group",
			*fn.Node().Path(), r.functionName, *name)
	}
}

// Fingerprint is a short hex SHA-256 of the role's permissions as CloudFormation will see
// them: trusted principals, managed policy ARNs, customer managed policy ARNs and every
// statement of its inline policy (the plan's, the features added later and other constructs'
// grants). It changes exactly when one of those does, and is the same
// from synth to synth.
//
// Tokens are resolved, so a statement on a queue of the stack hashes its
// {"Fn::GetAtt": ["<logical id>", "Arn"]}, which is stable, rather than the token's
// per-process number. The limitation: a permission whose value only CloudFormation knows (the
// ARN of an imported resource passed as a parameter, for instance) is hashed by its reference,
// so a change of the referenced value alone leaves the fingerprint as it is.
//
// Call it at synth (from a Lazy value, an aspect or a validation), after every grant.
func (r *ExecutionRole) Fingerprint() string {
	return hashFingerprint(r, r.stack.stack.Resolve(r.fingerprintData()))
}

// fingerprintData is what Fingerprint hashes, before it is resolved.
func (r *ExecutionRole) fingerprintData() map[string]any {
	managed := make([]string, len(r.plan.ManagedPolicies))
	for i, m := range r.plan.ManagedPolicies {
		managed[i] = m.ARN()
	}
	data := map[string]any{
		"trust":            r.plan.Trust,
		"managedPolicies":  managed,
		"customerPolicies": r.plan.CustomerManagedPolicyARNs,
	}
	if !r.empty() {
		data["statements"] = r.document
	}
	return data
}

// hashFingerprint hashes r's resolved fingerprint data.
func hashFingerprint(r *ExecutionRole, resolved any) string {
	b, err := json.Marshal(resolved)
	if err != nil {
		failf(*r.Node().Path(), permissions.ErrFingerprint, "fingerprint: %v: report this as a bug of the library", err)
	}
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:])[:fingerprintLen]
}

// fingerprint is the role's Fingerprint as the template holds it. The first one asked for in
// a stack, when the template is resolved and every grant is made, resolves those of every
// bound role of the stack in one request.
func (r *ExecutionRole) fingerprint() string {
	g := r.stack
	if g.fingerprints == nil {
		g.fingerprints = map[*ExecutionRole]string{}
		var roles []*ExecutionRole
		var data []any
		for _, o := range g.roles {
			// Only functions given to Bind carry a fingerprint.
			if slices.ContainsFunc(o.bound, func(b boundFunction) bool { return b.fingerprint }) {
				roles = append(roles, o)
				data = append(data, o.fingerprintData())
			}
		}
		resolved, _ := g.stack.Resolve(data).([]any)
		for i, o := range roles {
			if i < len(resolved) {
				g.fingerprints[o] = hashFingerprint(o, resolved[i])
			}
		}
	}
	if fp, ok := g.fingerprints[r]; ok {
		return fp
	}
	return r.Fingerprint()
}

// fingerprintProducer computes the fingerprint when the template is resolved, after aspects
// (the audit's AutoFix) and every grant.
type fingerprintProducer struct{ r *ExecutionRole }

func (p *fingerprintProducer) Produce() *string { return jsii.String(p.r.fingerprint()) }

// edgeDescription appends the fingerprint to a Lambda@Edge function's own description, the
// one it had when it was bound. It is the function's Description property itself, not an
// override, so readers of the properties (the audit's report) see it.
type edgeDescription struct {
	r    *ExecutionRole
	desc *string
}

func (p *edgeDescription) Produce() *string {
	tag := "[permissions " + p.r.fingerprint() + "]"
	if d := p.desc; d != nil && *d != "" {
		return jsii.String(strings.TrimSpace(*d) + " " + tag)
	}
	return jsii.String(tag)
}
