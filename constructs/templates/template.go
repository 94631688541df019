package templates

import (
	"errors"
	"fmt"
	"maps"
	"slices"
	"strings"

	"github.com/execrole/execrole/constructs/permissions"
)

// Sources of a Template.
const (
	// SourceSAM marks an AWS SAM policy template.
	SourceSAM = "sam"
	// SourceConsole marks a Lambda console execution-role or blueprint policy template.
	SourceConsole = "console"
)

// Template is one row of the registry: a policy template with its parameters, rendered by the
// exported function of the same template.
type Template struct {
	// Name is the template's name as its source spells it: SAM's key ("SQSPollerPolicy") or the
	// console's title ("SQS Poller permissions").
	Name string
	// Source is SourceSAM or SourceConsole.
	Source string
	// Description says in one line what the template grants.
	Description string
	// Parameters are the names Render expects in args, in the order the function takes them.
	// SAM templates use SAM's names ("QueueName", "KeyId").
	Parameters []string
	// Render returns the template's statements for args, which maps every parameter name to its
	// value: a literal or a CDK token string. It fails if a parameter is missing or empty, or if
	// args holds a name the template does not take.
	Render func(args map[string]string) ([]permissions.Statement, error)
}

// registry holds every template, SAM's then the console's, for Lookup and Markdown.
var registry = slices.Concat(samTemplates, consoleTemplates)

// SAM returns the AWS SAM policy templates in SAM's order.
func SAM() []Template { return cloneAll(samTemplates) }

// Console returns the Lambda console's execution-role templates, then its blueprint templates,
// in the Developer Guide's order.
func Console() []Template { return cloneAll(consoleTemplates) }

// Lookup returns the template named name, SAM's or the console's. Names are case-sensitive,
// as in SAM.
func Lookup(name string) (Template, bool) {
	for _, t := range registry {
		if t.Name == name {
			return clone(t), true
		}
	}
	return Template{}, false
}

// Markdown returns the registry as a Markdown table for the README: each template's name,
// source, parameters, number of distinct actions and description.
func Markdown() string {
	var b strings.Builder
	b.WriteString("| Template | Source | Parameters | Actions | Description |\n")
	b.WriteString("|---|---|---|---|---|\n")
	for _, t := range registry {
		// Each parameter stands for itself: the actions do not depend on the values.
		args := map[string]string{}
		for _, p := range t.Parameters {
			args[p] = p
		}
		stmts, err := t.Render(args)
		if err != nil {
			panic(fmt.Sprintf("templates: Markdown: %v", err)) // a bug: every parameter is set
		}
		params := "none"
		if len(t.Parameters) > 0 {
			params = "`" + strings.Join(t.Parameters, "`, `") + "`"
		}
		fmt.Fprintf(&b, "| %s | %s | %s | %d | %s |\n", cell(t.Name), t.Source, params,
			len(distinctActions(stmts)), cell(t.Description))
	}
	return b.String()
}

// cell escapes the one character that would break a Markdown table cell.
func cell(s string) string { return strings.ReplaceAll(s, "|", `\|`) }

func distinctActions(stmts []permissions.Statement) []string {
	var all []string
	for _, s := range stmts {
		all = append(all, s.Actions...)
	}
	slices.Sort(all)
	return slices.Compact(all)
}

// define0, define1 and define2 wrap a template function that takes no, one or two parameters
// as a registry row whose Render binds args by the parameter names given, in the function's
// order, so each template is written once, as its function, and the compiler checks that a
// row names as many parameters as its function takes.
func define0(source, name, description string, f func() []permissions.Statement) Template {
	return row(source, name, description, nil,
		func([]string) []permissions.Statement { return f() })
}

func define1(
	source, name, description string, f func(string) []permissions.Statement, param string,
) Template {
	return row(source, name, description, []string{param},
		func(v []string) []permissions.Statement { return f(v[0]) })
}

func define2(
	source, name, description string,
	f func(string, string) []permissions.Statement, param1, param2 string,
) Template {
	return row(source, name, description, []string{param1, param2},
		func(v []string) []permissions.Statement { return f(v[0], v[1]) })
}

// row builds a registry row around call, which takes the values of params in order.
func row(
	source, name, description string, params []string, call func([]string) []permissions.Statement,
) Template {
	return Template{
		Name:        name,
		Source:      source,
		Description: description,
		Parameters:  params,
		Render: func(args map[string]string) ([]permissions.Statement, error) {
			values, err := bind(name, params, args)
			if err != nil {
				return nil, err
			}
			return call(values), nil
		},
	}
}

// bind returns the values of params in order, or every problem with args at once.
func bind(name string, params []string, args map[string]string) ([]string, error) {
	var errs []error
	values := make([]string, len(params))
	for i, p := range params {
		v, ok := args[p]
		switch {
		case !ok:
			errs = append(errs, fmt.Errorf("template %q: missing parameter %q: set args[%q]", name, p, p))
		case strings.TrimSpace(v) == "":
			errs = append(errs, fmt.Errorf(
				"template %q: parameter %q is empty: set it to the resource's name, ID or ARN", name, p))
		}
		values[i] = v
	}
	for _, k := range slices.Sorted(maps.Keys(args)) {
		if !slices.Contains(params, k) {
			errs = append(errs, fmt.Errorf("template %q: unknown parameter %q: %s",
				name, k, hint(k, params)))
		}
	}
	return values, errors.Join(errs...)
}

// hint tells how to fix an unknown parameter name.
func hint(got string, params []string) string {
	for _, p := range params {
		if strings.EqualFold(p, got) {
			return fmt.Sprintf("names are case-sensitive, use %q", p)
		}
	}
	if len(params) == 0 {
		return "the template takes no parameters, remove it"
	}
	return fmt.Sprintf("the template takes %q, remove the others", params)
}

func clone(t Template) Template {
	t.Parameters = slices.Clone(t.Parameters)
	return t
}

func cloneAll(ts []Template) []Template {
	out := make([]Template, len(ts))
	for i, t := range ts {
		out[i] = clone(t)
	}
	return out
}

// Apply applies the template named name (SAM's or the console's, as Lookup finds it) to args,
// given in the order of its Parameters, for ExecutionRoleProps.Templates: the role puts its
// statements in its inline policy under Sids named after the template, and the permissions
// report names the template as their source. A mistake (an unknown name, a wrong number of
// arguments, an empty one) is reported by the role it is given to, with the role's path.
func Apply(name string, args ...string) permissions.TemplateUse {
	t, ok := Lookup(name)
	if !ok {
		return permissions.TemplateUse{Name: name, Err: fmt.Errorf("no policy template is named %q: did you mean %q? (names are SAM's, or the console's titles)", name, permissions.Closest(name, names()))}
	}
	if len(args) != len(t.Parameters) {
		return permissions.TemplateUse{Name: name, Err: fmt.Errorf("policy template %q takes its parameters in order (%s), got %d values", name, strings.Join(t.Parameters, ", "), len(args))}
	}
	m := make(map[string]string, len(args))
	for i, p := range t.Parameters {
		m[p] = args[i]
	}
	stmts, err := t.Render(m)
	return permissions.TemplateUse{Name: name, Statements: stmts, Err: err}
}

// names are the names of every template, for suggestions.
func names() []string {
	out := make([]string, len(registry))
	for i, t := range registry {
		out[i] = t.Name
	}
	return out
}

// Use is a policy template applied to its arguments (Apply), for
// executionrole.ExecutionRoleProps.Templates.
type Use = permissions.TemplateUse
