package audit

import (
	"cmp"
	"encoding/json"
	"maps"
	"regexp"
	"slices"
	"strings"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/constructs-go/constructs/v10"
	"github.com/aws/jsii-runtime-go"

	"github.com/execrole/execrole/constructs/executionrole"
	"github.com/execrole/execrole/constructs/permissions"
	"github.com/execrole/execrole/constructs/report"
)

// ReportBase is the base name of the report files the audit writes into the cloud assembly:
// execrole-report.json, execrole-report.md and execrole-report.html.
const ReportBase = "execrole-report"

// reportWriter is the app validation that writes the report. A validation runs after every
// aspect (the audit's AutoFix included) and every grant, and before the assembly is written.
type reportWriter struct {
	app   awscdk.App
	props Props
}

// addReport registers the report's validation on scope's app.
func addReport(scope constructs.IConstruct, props Props) {
	app, ok := scope.Node().Root().(awscdk.App)
	if !ok {
		panic("execrole: audit.Apply with Report: the root of " + *scope.Node().Path() + " is not an awscdk.App, which holds the cloud assembly folder: build the app with awscdk.NewApp")
	}
	app.Node().AddValidation(&reportWriter{app: app, props: props})
}

// Validate writes the report; it fails synth only when the files cannot be written.
func (w *reportWriter) Validate() *[]*string {
	r := BuildReport(w.app, &w.props)
	if _, err := r.WriteFiles(*w.app.Outdir(), ReportBase); err != nil {
		return &[]*string{jsii.String("execrole: " + err.Error())}
	}
	return &[]*string{}
}

// BuildReport reads the permissions report of every stack under scope: each Lambda function
// with its role, the features its configuration uses and its fingerprint (ExecutionRole.Bind);
// each role that runs a function, and every ExecutionRole, with its mode, features, managed
// policies, inline statements and their source, trust, quota use and warnings; and the number
// of IAM roles the app creates against the account quota (props.RolesLimit). Call it at synth
// (from a validation or after the aspects ran), when every grant is made.
func BuildReport(scope constructs.IConstruct, props *Props) *report.Report {
	if props == nil {
		props = &Props{}
	}
	out := &report.Report{Account: report.AccountQuota{RolesLimit: cmp.Or(props.RolesLimit, permissions.DefaultMaxRolesPerAccount)}}
	app := newAppModel(true)
	var stacks []awscdk.Stack
	for _, c := range *scope.Node().FindAll(constructs.ConstructOrder_PREORDER) {
		if s, ok := c.(awscdk.Stack); ok {
			stacks = append(stacks, s)
		}
	}
	roles := map[string]int{} // path -> index in out.Roles
	addRole := func(r *role) int {
		if i, ok := roles[r.path]; ok {
			return i
		}
		roles[r.path] = len(out.Roles)
		out.Roles = append(out.Roles, describe(r))
		return roles[r.path]
	}
	for _, s := range stacks {
		m := app.model(s)
		out.Account.Roles += m.allRoles
		for _, r := range m.roleOrder {
			if r.exec != nil {
				addRole(r)
			}
		}
	}
	for _, s := range stacks {
		m := app.model(s)
		name := *s.StackName()
		for _, f := range m.functions {
			rf := report.Function{Path: f.Path(), Stack: name, Fingerprint: f.fingerprint, CreatedBy: f.createdBy}
			for _, u := range f.Uses {
				rf.Features = append(rf.Features, string(u.Feature))
			}
			if r := app.roleOf(f); r != nil {
				i := addRole(r)
				rf.Role = r.path
				out.Roles[i].Functions = append(out.Roles[i].Functions, f.Path())
			} else {
				rf.Role = flatten(f.RoleRef)
			}
			out.Functions = append(out.Functions, rf)
		}
		for _, sk := range m.skipped {
			out.Skipped = append(out.Skipped, report.SkippedFunction{Path: sk.path, Stack: name, CreatedBy: sk.createdBy, Reason: sk.reason})
		}
	}
	out.Sort()
	return out
}

var descriptionFingerprint = regexp.MustCompile(`\[permissions ([0-9a-f]{16})\]`)

// fingerprintOf reads the fingerprint Bind gave a function from its resolved properties: its
// environment variable, or for Lambda@Edge its description.
func fingerprintOf(props map[string]any) string {
	if fp, ok := field(field(props["environment"], "variables"), executionrole.FingerprintVariable).(string); ok {
		return fp
	}
	d, _ := props["description"].(string)
	if m := descriptionFingerprint.FindStringSubmatch(d); m != nil {
		return m[1]
	}
	return ""
}

// describe turns a scanned role into the report's.
func describe(r *role) report.Role {
	switch {
	case r.imported != nil:
		return describeImported(r)
	case r.foreign:
		return report.Role{Path: r.path, Mode: report.ModeImported, RoleName: arnRoleName(r.arn), Stack: stackName(r)}
	}
	stack := awscdk.Stack_Of(r.cfn)
	out := report.Role{Path: r.path, Stack: *stack.StackName(), Mode: report.ModeCDK, Warnings: warnings(r.cfn.Node().Scope())}
	out.RoleName, _ = r.name.(string)
	out.Trust = trusted(r.trust)
	managedSource := func(string) string { return "user" }
	inlineSource := func(report.Statement) string { return "user" }
	out.Quota.ManagedPoliciesLimit = permissions.DefaultMaxManagedPolicies
	if x := r.exec; x != nil {
		out.Mode = report.ModeManaged
		if x.LeastPrivilege() {
			out.Mode = report.ModeLeastPrivilege
		}
		plan := x.Plan()
		for _, f := range plan.Features {
			out.Features = append(out.Features, string(f))
		}
		out.Quota.ManagedPoliciesLimit = plan.MaxManagedPolicies
		managedSource = func(arn string) string {
			for _, m := range plan.ManagedPolicies {
				if m.ARN() == arn {
					return cmp.Or(string(m.Feature), "user")
				}
			}
			if slices.Contains(plan.CustomerManagedPolicyARNs, arn) {
				return "user"
			}
			return "grant"
		}
		inlineSource = provenance(stack, x.PlannedStatements())
	}
	for _, arn := range r.managedArns {
		out.ManagedPolicies = append(out.ManagedPolicies, report.ManagedPolicy{Name: arn[strings.LastIndex(arn, "/")+1:], ARN: arn, Source: managedSource(arn)})
	}
	for _, d := range r.docs {
		for _, s := range reportStatements(d.doc) {
			s.Source = "grant"
			if d.source == "inline" {
				s.Source = inlineSource(s)
			}
			out.Statements = append(out.Statements, s)
		}
		out.Quota.InlineChars += executionrole.DocumentSize(d.doc)
	}
	out.Quota.ManagedPolicies = len(r.managedArns)
	out.Quota.InlineCharsLimit = permissions.MaxInlineChars
	out.Quota.TrustChars = executionrole.DocumentSize(r.trust)
	out.Quota.TrustCharsLimit = permissions.MaxTrustChars
	return out
}

// provenance returns the source of a statement of an ExecutionRole's inline policy: the
// feature of the planned statement with its Sid ("user" for the role's own Statements), as
// Plan.Sources gives it and as AddFeatures and Bind keep it; else, for a statement without a
// Sid or with one the plan lacks, "user" when it is one of the role's own statements without
// a Sid; else "grant", a grant from another construct. Only the planned statements without a
// Sid are resolved, to compare with the template's, in one call; most roles have none.
func provenance(stack awscdk.Stack, planned []executionrole.PlannedStatement) func(report.Statement) string {
	bySid := make(map[string]string, len(planned))
	var unnamed []permissions.Statement
	for _, p := range planned {
		if p.Sid == "" {
			unnamed = append(unnamed, p.Statement)
		} else {
			bySid[p.Sid] = cmp.Or(string(p.Feature), templateSource(p.Template), "user")
		}
	}
	own := map[string]bool{} // statementID of the planned statements without a Sid
	if len(unnamed) > 0 {
		for _, r := range reportStatements(map[string]any{"Statement": plain(stack.Resolve(permissions.Document(unnamed)))}) {
			own[statementID(r)] = true
		}
	}
	return func(s report.Statement) string {
		if src, ok := bySid[s.Sid]; ok && s.Sid != "" {
			return src
		}
		if own[statementID(s)] {
			return "user"
		}
		return "grant"
	}
}

// templateSource is the source of a statement a policy template gave: "template <name>".
func templateSource(name string) string {
	if name == "" {
		return ""
	}
	return "template " + name
}

func statementID(s report.Statement) string {
	b, _ := json.Marshal([]any{sorted(s.Actions), sorted(s.Resources), s.Conditions})
	return string(b)
}

func sorted(s []string) []string {
	s = slices.Clone(s)
	slices.Sort(s)
	return s
}

// reportStatements reads the Allow statements of a resolved policy document, with their
// conditions.
func reportStatements(doc any) []report.Statement {
	var out []report.Statement
	for _, s := range list(field(doc, "statement")) {
		if e, _ := field(s, "effect").(string); e != "" && e != "Allow" {
			continue
		}
		st := report.Statement{Actions: strs(field(s, "action")), Resources: strs(field(s, "resource"))}
		st.Sid, _ = field(s, "sid").(string)
		cond, _ := field(s, "condition").(map[string]any)
		for _, op := range slices.Sorted(maps.Keys(cond)) {
			keys, _ := cond[op].(map[string]any)
			for _, k := range slices.Sorted(maps.Keys(keys)) {
				st.Conditions = append(st.Conditions, report.Condition{Operator: op, Key: k, Values: strs(keys[k])})
			}
		}
		out = append(out, st)
	}
	return out
}

// trusted lists the service principals of a resolved trust policy.
func trusted(doc any) []string {
	var out []string
	for _, s := range list(field(doc, "statement")) {
		out = append(out, strs(field(field(s, "principal"), "service"))...)
	}
	return out
}

// warnings returns the warning annotations of c as "id: message".
func warnings(c constructs.IConstruct) []string {
	var out []string
	for _, e := range *c.Node().Metadata() {
		if e.Type == nil || *e.Type != "aws:cdk:warning" {
			continue
		}
		msg, _ := e.Data.(string)
		if text, id, ok := strings.Cut(msg, " [ack: "); ok {
			msg = strings.TrimSuffix(id, "]") + ": " + text
		}
		out = append(out, msg)
	}
	return out
}

// describeImported reports a role made by executionrole.Import from its plan, with the
// document its owner must attach.
func describeImported(r *role) report.Role {
	imp := r.imported
	plan := imp.Plan()
	stack := awscdk.Stack_Of(imp)
	out := report.Role{Path: r.path, Stack: *stack.StackName(), RoleName: arnRoleName(r.arn), Mode: report.ModeImported, Trust: plan.Trust}
	for _, f := range plan.Features {
		out.Features = append(out.Features, string(f))
	}
	env := environment(stack)
	for _, m := range plan.ManagedPolicies {
		out.ManagedPolicies = append(out.ManagedPolicies, report.ManagedPolicy{Name: m.Name, ARN: env.Replace(m.ARN()), Source: cmp.Or(string(m.Feature), "user")})
	}
	for _, a := range plan.CustomerManagedPolicyARNs {
		out.ManagedPolicies = append(out.ManagedPolicies, report.ManagedPolicy{Name: a[strings.LastIndex(a, "/")+1:], ARN: env.Replace(a), Source: "user"})
	}
	planned := imp.PlannedStatements()
	doc, _ := intrinsicsAsText(plain(stack.Resolve(imp.PolicyDocument())), env).(map[string]any)
	for i, s := range reportStatements(field(doc, "policy")) {
		if i < len(planned) {
			s.Source = cmp.Or(string(planned[i].Feature), "user")
		}
		out.Statements = append(out.Statements, s)
	}
	out.PolicyDocument = doc
	out.Quota = report.Quota{
		ManagedPolicies: plan.ManagedPolicyCount, ManagedPoliciesLimit: plan.MaxManagedPolicies,
		InlineChars: plan.InlineChars, InlineCharsLimit: permissions.MaxInlineChars,
		TrustChars: plan.TrustChars, TrustCharsLimit: permissions.MaxTrustChars,
	}
	out.Warnings = []string{"execrole:imported-role: the app does not create this role; its owner must attach the policy document below"}
	return out
}

// environment replaces the pseudo-parameter placeholders the stack's environment knows: its
// region, its account and the partition of its region.
func environment(stack awscdk.Stack) *strings.Replacer {
	var pairs []string
	region, account := *stack.Region(), *stack.Account()
	if !permissions.IsToken(region) && !strings.Contains(region, "${Token[") {
		partition := "aws"
		switch {
		case strings.HasPrefix(region, "cn-"):
			partition = "aws-cn"
		case strings.HasPrefix(region, "us-gov-"):
			partition = "aws-us-gov"
		}
		pairs = append(pairs, permissions.Region, region, permissions.Partition, partition)
	}
	if !permissions.IsToken(account) && !strings.Contains(account, "${Token[") {
		pairs = append(pairs, permissions.AccountID, account)
	}
	return strings.NewReplacer(pairs...)
}

// intrinsicsAsText writes every intrinsic of a resolved document as text (see flatten), with
// the placeholders env knows replaced.
func intrinsicsAsText(v any, env *strings.Replacer) any {
	switch t := v.(type) {
	case string:
		return env.Replace(t)
	case []any:
		for i := range t {
			t[i] = intrinsicsAsText(t[i], env)
		}
		return t
	case map[string]any:
		if len(t) == 1 {
			for k := range t {
				if k == "Ref" || strings.HasPrefix(k, "Fn::") {
					return env.Replace(flatten(t))
				}
			}
		}
		for k := range t {
			t[k] = intrinsicsAsText(t[k], env)
		}
		return t
	}
	return v
}

// arnRoleName returns the role name of a literal role ARN, or "".
func arnRoleName(arn string) string {
	a, ok := permissions.ParseARN(arn)
	if !ok || !strings.HasPrefix(a.Resource, "role/") {
		return ""
	}
	return a.Resource[strings.LastIndex(a.Resource, "/")+1:]
}

// stackName is the stack of a role known only by its construct path: its first element.
func stackName(r *role) string {
	s, _, _ := strings.Cut(r.path, "/")
	return s
}
