package audit

import (
	"strings"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsiam"
	"github.com/aws/constructs-go/constructs/v10"

	"github.com/execrole/execrole/constructs/executionrole"
	"github.com/execrole/execrole/constructs/internal/derive"
	"github.com/execrole/execrole/constructs/permissions"
)

// stackModel is what the audit reads from one stack: its functions, with the features
// derive reads from their configuration, and its roles, with their CloudFormation
// properties resolved.
type stackModel struct {
	stack     awscdk.Stack
	functions []*function
	roles     map[string]*role // by logical id
	roleOrder []*role
	// allRoles counts every AWS::IAM::Role of the stack, nested stacks' excepted.
	allRoles int
	// skipped are the functions aws-cdk-lib writes for itself that the audit does not read.
	skipped []skippedFunction
}

// skippedFunction is a function the audit does not read, and why.
type skippedFunction struct {
	path, createdBy, reason string
}

// function is one AWS::Lambda::Function, as derive reads it.
type function struct {
	*derive.Function
	role *role // nil when the role is not in the stack
	// fingerprint is the permissions fingerprint ExecutionRole.Bind gave the function, or "".
	fingerprint string
	// createdBy names the aws-cdk-lib construct that made the function for itself, or "".
	createdBy string
}

// role is one AWS::IAM::Role of the stack.
type role struct {
	path       string
	logicalID  string
	cfn        awsiam.CfnRole
	exec       *executionrole.ExecutionRole
	statements []permissions.Statement
	// unreadable names policies whose content the audit does not know.
	unreadable []string
	// imported is the plan of a role made by executionrole.Import.
	imported *executionrole.ImportedRole
	// foreign says the role is defined outside the app and its permissions are unknown.
	foreign bool
	// arn is an imported role's ARN.
	arn string
	// managedArns are the flattened ARNs of its managed policies; docs its resolved inline
	// policy documents, each with where it comes from; trust its resolved trust policy and
	// name its resolved RoleName.
	managedArns []string
	docs        []sourcedDoc
	trust       any
	name        any
}

// sourcedDoc is a resolved policy document of a role and where it comes from: "inline" (the
// role's own Policies), "policy" (an AWS::IAM::Policy attached to it).
type sourcedDoc struct {
	source string
	doc    any
}

// scan reads a stack: its functions through derive.Scan, and in the same pass its roles and
// policies, whose properties it resolves in one more Stack.Resolve.
//
// With fingerprints, it also reads the fingerprint Bind gave each function, which resolves the
// function's environment: only the report does, at validation, once every aspect and grant is
// done. The fingerprint is a Lazy, which CDK resolves once and keeps, so the audit's own scan,
// which runs before AutoFix adds features, must leave it alone.
//
// edge holds the paths of the app's experimental.EdgeFunction functions (derive.EdgeFunctions).
func scan(stack awscdk.Stack, fingerprints bool, edge map[string]bool) *stackModel {
	m := &stackModel{stack: stack, roles: map[string]*role{}}
	var policies []any // resolved {roles, doc} of AWS::IAM::Policy and ManagedPolicy resources
	var managedByID = map[string]any{}
	opts := derive.Options{Edge: edge, Visit: func(c constructs.IConstruct) {
		switch v := c.(type) {
		case awsiam.CfnRole:
			r := &role{path: strings.TrimSuffix(*v.Node().Path(), "/Resource"), logicalID: *stack.GetLogicalId(v), cfn: v}
			r.exec, _ = executionrole.Lookup(v)
			m.allRoles++
			m.roles[r.logicalID] = r
			m.roleOrder = append(m.roleOrder, r)
		case awsiam.CfnPolicy:
			policies = append(policies, derive.Pick(derive.RawProps(v), "roles", "policyDocument"))
		case awsiam.CfnManagedPolicy:
			pm := derive.Pick(derive.RawProps(v), "roles", "policyDocument")
			policies = append(policies, pm)
			managedByID[*stack.GetLogicalId(v)] = pm
		}
	}}
	if fingerprints {
		opts.Keys = []string{"environment", "description"}
	}
	d := derive.Scan(stack, opts)
	for _, raw := range d.Raw {
		switch raw.Type {
		case "AWS::IAM::Role":
			m.allRoles++
		case "AWS::Lambda::Function":
			sk := skippedFunction{path: raw.Path, createdBy: createdBy(raw.Path), reason: rawFunctionReason}
			if sk.createdBy == "" {
				sk.reason = rawUserFunctionReason
			}
			m.skipped = append(m.skipped, sk)
		}
	}
	for _, df := range d.Functions {
		f := &function{Function: df, createdBy: createdBy(df.Path()), fingerprint: fingerprintOf(df.Props)}
		if id, ok := derive.GetAtt(f.RoleRef); ok {
			f.role = m.roles[id]
		}
		m.functions = append(m.functions, f)
	}
	var pending []any
	for _, r := range m.roleOrder {
		rp := derive.Pick(derive.RawProps(r.cfn), "managedPolicyArns", "policies", "assumeRolePolicyDocument", "roleName")
		if r.exec != nil && r.exec.InlinePolicy() != nil {
			rp["inline"] = r.exec.InlinePolicy()
		}
		pending = append(pending, rp)
	}
	pending = append(pending, policies...)
	if len(pending) == 0 {
		return m
	}
	resolved := derive.ResolveRefs(stack, derive.Plain(stack.Resolve(pending))).([]any)
	next := func() map[string]any {
		v, _ := resolved[0].(map[string]any)
		resolved = resolved[1:]
		return v
	}
	for _, r := range m.roleOrder {
		rp := next()
		r.trust, r.name = rp["assumeRolePolicyDocument"], rp["roleName"]
		for _, a := range list(rp["managedPolicyArns"]) {
			arn := flatten(a)
			r.managedArns = append(r.managedArns, arn)
			if id, ok := derive.Ref(a); ok && managedByID[id] != nil {
				continue // its document is read below, with the stack's policies
			}
			if grants, ok := awsManagedGrants(arn); ok {
				r.statements = append(r.statements, grants...)
			} else {
				r.unreadable = append(r.unreadable, arn)
			}
		}
		for _, p := range list(rp["policies"]) {
			if r.exec == nil {
				r.docs = append(r.docs, sourcedDoc{"inline", field(p, "policyDocument")})
			}
			r.statements = append(r.statements, statements(field(p, "policyDocument"))...)
		}
		if rp["inline"] != nil {
			r.docs = append(r.docs, sourcedDoc{"inline", rp["inline"]})
		}
		r.statements = append(r.statements, statements(rp["inline"])...)
	}
	for range policies {
		p := next()
		for _, rr := range list(p["roles"]) {
			if id, ok := derive.Ref(rr); ok && m.roles[id] != nil {
				m.roles[id].statements = append(m.roles[id].statements, statements(p["policyDocument"])...)
				m.roles[id].docs = append(m.roles[id].docs, sourcedDoc{"policy", p["policyDocument"]})
			}
		}
	}
	return m
}

// The readers of resolved values the audit shares with derive.
var (
	list    = derive.List
	field   = derive.Field
	flatten = derive.Flatten
	plain   = derive.Plain
)

// awsManagedGrants returns the catalogued statements of an AWS managed policy ARN.
func awsManagedGrants(arn string) ([]permissions.Statement, bool) {
	_, rest, ok := strings.Cut(arn, ":iam::aws:policy")
	if !ok {
		return nil, false
	}
	for _, d := range permissions.Catalog {
		if d.Policy.Name != "" && d.Policy.Path+d.Policy.Name == rest {
			return d.Grants, true
		}
	}
	return nil, false
}

// statements reads the Allow statements of a resolved policy document.
func statements(doc any) []permissions.Statement {
	var out []permissions.Statement
	for _, s := range list(field(doc, "statement")) {
		if e, _ := field(s, "effect").(string); e != "" && e != "Allow" {
			continue
		}
		st := permissions.Statement{Actions: strs(field(s, "action")), Resources: strs(field(s, "resource"))}
		if len(st.Actions) > 0 {
			out = append(out, st)
		}
	}
	return out
}

func strs(v any) []string {
	if l, ok := v.([]any); ok {
		out := make([]string, len(l))
		for i, x := range l {
			out[i] = flatten(x)
		}
		return out
	}
	if v == nil {
		return nil
	}
	return []string{flatten(v)}
}
