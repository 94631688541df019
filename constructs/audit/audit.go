package audit

import (
	"fmt"
	"strings"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/constructs-go/constructs/v10"
	"github.com/aws/jsii-runtime-go"

	"github.com/execrole/execrole/constructs/executionrole"
	"github.com/execrole/execrole/constructs/permissions"
)

// Props configures the audit. The zero value reports, and changes nothing.
type Props struct {
	// AutoFix adds the missing features to execrole roles (ExecutionRole.AddFeatures) instead
	// of reporting them; each fix is an info annotation on the function. Roles of other kinds
	// are still reported. Default: - report only.
	AutoFix bool
	// Report writes the permissions report of the whole app into the cloud assembly at synth:
	// ReportBase+".json", ".md" and ".html" (see BuildReport). Default: - no report.
	Report bool
	// RolesLimit is the account's quota of IAM roles, which the report counts the app's roles
	// against. Default: - 1000.
	RolesLimit int
}

// Aspect is the audit: an awscdk.IAspect that checks, for every Lambda function of every
// stack it visits, that the function's role allows what the function's configuration and
// event source mappings make Lambda do.
type Aspect struct {
	props Props
	app   *appModel
}

// New returns the audit aspect. Apply it to the app with Apply, or with
// awscdk.Aspects_Of(app).Add(audit.New(props), opts) and a priority of your choice.
func New(props *Props) *Aspect {
	a := &Aspect{app: newAppModel(false)}
	if props != nil {
		a.props = *props
	}
	return a
}

// Apply adds the audit to scope's aspects and returns it. With AutoFix it runs with the
// mutating aspects' priority, so read-only aspects (cdk-nag, for one) see the fixed roles;
// without, it runs with the read-only ones, after every aspect that may change a function.
func Apply(scope constructs.IConstruct, props *Props) *Aspect {
	a := New(props)
	priority := awscdk.AspectPriority_READONLY()
	if a.props.AutoFix {
		priority = awscdk.AspectPriority_MUTATING()
	}
	awscdk.Aspects_Of(scope).Add(a, &awscdk.AspectOptions{Priority: priority})
	if a.props.Report {
		addReport(scope, a.props)
	}
	return a
}

// Visit audits a stack when it visits one: every function of the stack at once, as a
// function's role and policies may come after it in the tree.
func (a *Aspect) Visit(node constructs.IConstruct) {
	if stack, ok := node.(awscdk.Stack); ok {
		a.auditStack(a.app.model(stack))
	}
}

func (a *Aspect) auditStack(m *stackModel) {
	for _, f := range m.functions {
		for _, s := range f.Unknown {
			what := "source"
			if s.Registry != nil {
				what = "schema registry"
			}
			warn(f.Node, "execrole:audit-source-unknown", fmt.Sprintf(
				"function %s has event source mapping %s, whose %s %s is of a kind the audit cannot tell from the template: make sure role %s allows what reading it takes",
				f.Path(), strings.TrimSuffix(*s.Mapping.Node().Path(), "/Resource"), what, flatten(m.stack.Resolve(s.ARN)), flatten(f.RoleRef)))
		}
		reqs := requirements(f)
		r := a.app.roleOf(f)
		if r == nil || r.foreign {
			warnNotInspected(f, reqs)
			continue
		}
		if r.imported != nil {
			warn(f.Node, "execrole:audit-imported-role", fmt.Sprintf(
				"function %s runs as role %s, imported with executionrole.Import: the audit checked the function against the features given to Import, not the role itself; make sure the role's owner attached the document of the permissions report",
				f.Path(), r.path))
		}
		var fixes []executionrole.Feature
		var fixed []string
		for _, q := range reqs {
			missing := lacks(q.need, r.statements)
			if len(missing) == 0 || hasFeature(r, q.feature) {
				continue
			}
			if a.props.AutoFix && r.exec != nil && !q.manual {
				fixes = append(fixes, executionrole.FromUse(q.use))
				fixed = append(fixed, "executionrole."+q.constructor)
				continue
			}
			if len(r.unreadable) > 0 {
				warn(f.Node, "execrole:audit-unreadable-policy", fmt.Sprintf(
					"function %s %s and its role %s may lack %s: the audit cannot read the role's policies %s; make sure one of them allows those actions, or %s",
					f.Path(), q.what, r.path, strings.Join(missing, ", "), strings.Join(r.unreadable, ", "), fix(r, q.need)))
				continue
			}
			awscdk.Annotations_Of(f.Node).AddError(jsii.String(fmt.Sprintf("function %s %s but its role %s lacks %s: %s",
				f.Path(), q.what, r.path, strings.Join(missing, ", "), fix(r, q.need))))
		}
		if len(fixes) > 0 {
			// A rule the added features break panics with the library's error: the audit
			// checks, it does not catch.
			r.exec.AddFeatures(fixes...)
			awscdk.Annotations_Of(f.Node).AddInfo(jsii.String(fmt.Sprintf("execrole audit added %s to role %s for function %s",
				strings.Join(fixed, ", "), r.path, f.Path())))
		}
	}
}

// hasFeature reports whether an execrole role's plan has feature id.
func hasFeature(r *role, id permissions.ID) bool {
	var features []permissions.ID
	switch {
	case r.exec != nil:
		features = r.exec.Plan().Features
	case r.imported != nil:
		features = r.imported.Plan().Features
	}
	for _, f := range features {
		if f == id || (id == permissions.VPC && f == permissions.VPCNetworkInterfaces) {
			return true
		}
	}
	return false
}

// fix says how to give role what n needs.
func fix(r *role, n need) string {
	if r.exec != nil && n.manual {
		return fmt.Sprintf("add executionrole.%s to the Features of role %s", n.constructor, r.path)
	}
	if r.exec != nil {
		return fmt.Sprintf("add executionrole.%s to the Features of role %s (or apply the audit with AutoFix)", n.constructor, r.path)
	}
	if r.imported != nil {
		return fmt.Sprintf("add executionrole.%s to the Features given to executionrole.Import for role %s, and have the role's owner attach the new document of the permissions report", n.constructor, r.path)
	}
	d, _ := permissions.Lookup(n.feature)
	if d != nil && d.Policy.Name != "" {
		return fmt.Sprintf("attach the AWS managed policy %s%s to role %s", strings.TrimPrefix(d.Policy.Path, "/"), d.Policy.Name, r.path)
	}
	return fmt.Sprintf("grant %s to role %s", strings.Join(n.actions, ", "), r.path)
}

func warnNotInspected(f *function, reqs []required) {
	what := "write logs (service-role/AWSLambdaBasicExecutionRole)"
	for _, r := range reqs {
		what += "; " + strings.TrimPrefix(strings.TrimPrefix(r.what, "has "), "is ") + ": " + strings.Join(r.actions, ", ")
	}
	warn(f.Node, "execrole:audit-role-not-inspected", fmt.Sprintf(
		"function %s runs as role %s, which is defined outside the stack: the audit cannot read its permissions; make sure it allows the function to %s",
		f.Path(), flatten(f.RoleRef), what))
}

func warn(c constructs.IConstruct, id, msg string) {
	awscdk.Annotations_Of(c).AddWarningV2(jsii.String(id), jsii.String(msg), nil)
}
