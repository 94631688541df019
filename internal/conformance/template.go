package conformance

import (
	"encoding/json"
	"errors"
	"fmt"
	"maps"
	"slices"
	"strconv"
	"strings"
)

// Error is one way a template departs from the reference data.
type Error struct {
	// LogicalID is the resource's logical ID; empty for a finding about the template itself.
	LogicalID string
	// Type is the resource type, e.g. "AWS::IAM::Role".
	Type string
	// Path locates the offending value inside the resource (or the template), e.g.
	// "Properties.Policies[0].PolicyDocument.Statement[1].Action[2]".
	Path string
	// Msg says what is wrong, with the value received and the fix.
	Msg string
}

// Error implements error.
func (e *Error) Error() string {
	var b strings.Builder
	switch {
	case e.LogicalID == "":
		b.WriteString("template")
	case e.Type == "":
		fmt.Fprintf(&b, "resource %s", e.LogicalID)
	default:
		fmt.Fprintf(&b, "resource %s (%s)", e.LogicalID, e.Type)
	}
	if e.Path != "" {
		b.WriteString(" at ")
		b.WriteString(e.Path)
	}
	b.WriteString(": ")
	b.WriteString(e.Msg)
	return b.String()
}

// finding is an Error before it is attributed to a resource.
type finding struct {
	path string
	msg  string
}

// templateSections are the top-level keys of a CloudFormation template.
var templateSections = map[string]bool{
	"AWSTemplateFormatVersion": true,
	"Description":              true,
	"Metadata":                 true,
	"Parameters":               true,
	"Rules":                    true,
	"Mappings":                 true,
	"Conditions":               true,
	"Transform":                true,
	"Resources":                true,
	"Outputs":                  true,
}

// resourceAttributes are the keys a resource declaration may have besides Type.
var resourceAttributes = map[string]bool{
	"Properties":          true,
	"DependsOn":           true,
	"Metadata":            true,
	"Condition":           true,
	"DeletionPolicy":      true,
	"UpdateReplacePolicy": true,
	"UpdatePolicy":        true,
	"CreationPolicy":      true,
}

// CheckTemplate checks tpl, a decoded CloudFormation template, against the reference data and
// returns every finding, ordered by logical ID, as *Error values. See the package
// documentation for what each check proves. An error loading the reference data is returned
// as a finding too.
func (r *Refs) CheckTemplate(tpl map[string]any) []error {
	var errs []error
	for _, k := range slices.Sorted(maps.Keys(tpl)) {
		if !templateSections[k] {
			errs = append(errs, &Error{Path: k, Msg: fmt.Sprintf("unknown template section %q: remove it or use Metadata", k)})
		}
	}
	resources, ok := tpl["Resources"].(map[string]any)
	if !ok || len(resources) == 0 {
		return append(errs, &Error{Path: "Resources", Msg: fmt.Sprintf("got %s, want an object declaring at least one resource", describe(tpl["Resources"]))})
	}
	for _, id := range slices.Sorted(maps.Keys(resources)) {
		res, ok := resources[id].(map[string]any)
		if !ok {
			errs = append(errs, &Error{LogicalID: id, Msg: fmt.Sprintf("got %s, want an object with Type and Properties", describe(resources[id]))})
			continue
		}
		typ, _ := res["Type"].(string)
		for _, f := range r.checkResource(typ, res, resources) {
			errs = append(errs, &Error{LogicalID: id, Type: typ, Path: f.path, Msg: f.msg})
		}
	}
	return errs
}

// checkResource runs every check on one resource declaration.
func (r *Refs) checkResource(typ string, res, resources map[string]any) []finding {
	if typ == "" {
		return []finding{{path: "Type", msg: fmt.Sprintf("got %s, want a resource type such as AWS::IAM::Role", describe(res["Type"]))}}
	}
	var out []finding
	for _, k := range slices.Sorted(maps.Keys(res)) {
		if k != "Type" && !resourceAttributes[k] {
			out = append(out, finding{path: k, msg: fmt.Sprintf("unknown resource attribute %q: properties go under Properties", k)})
		}
	}
	out = append(out, checkDependsOn(res["DependsOn"], resources)...)
	props := map[string]any{}
	if p, ok := res["Properties"]; ok {
		if props, ok = p.(map[string]any); !ok {
			return append(out, finding{path: "Properties", msg: fmt.Sprintf("got %s, want an object", describe(p))})
		}
	}
	out = append(out, r.checkSchema(typ, props)...)
	for _, loc := range locations {
		if loc.typ != typ {
			continue
		}
		visit(props, strings.Split(loc.path, "."), "Properties", func(v any, path string) {
			for _, f := range loc.check(r, v) {
				out = append(out, finding{path: path + f.path, msg: f.msg})
			}
		})
	}
	return out
}

// checkSchema validates props against the registry schema of typ.
func (r *Refs) checkSchema(typ string, props map[string]any) []finding {
	// CloudFormation accepts CDK's analytics resource, AWS::CDK::Metadata, but publishes no
	// schema for it; custom resources take any properties, which the registry schema of
	// AWS::CloudFormation::CustomResource (additionalProperties false) does not allow.
	if typ == "AWS::CDK::Metadata" || typ == "AWS::CloudFormation::CustomResource" || strings.HasPrefix(typ, "Custom::") {
		return nil
	}
	s, err := r.schema(typ)
	if errors.Is(err, errNoSchema) {
		return []finding{{path: "Type", msg: fmt.Sprintf("%s has no CloudFormation registry schema: check the type name", typ)}}
	}
	if err != nil {
		return []finding{{path: "Type", msg: err.Error()}}
	}
	return s.validate(props)
}

// checkDependsOn checks that DependsOn names other resources of the template.
func checkDependsOn(v any, resources map[string]any) []finding {
	var names []any
	switch v := v.(type) {
	case nil:
		return nil
	case string:
		names = []any{v}
	case []any:
		names = v
	default:
		return []finding{{path: "DependsOn", msg: fmt.Sprintf("got %s, want a logical ID or a list of them", describe(v))}}
	}
	var out []finding
	for i, n := range names {
		s, _ := n.(string)
		if _, ok := resources[s]; !ok || s == "" {
			out = append(out, finding{path: fmt.Sprintf("DependsOn[%d]", i), msg: fmt.Sprintf("got %s, want the logical ID of a resource of this template", describe(n))})
		}
	}
	return out
}

// visit calls fn with each value found at path below v, and the location of that value
// (loc followed by the steps taken). A "*" step enters every element of an array. Fn::If is
// entered at every step: either branch may be the one CloudFormation picks.
func visit(v any, path []string, loc string, fn func(v any, loc string)) {
	if branches, ok := ifBranches(v); ok {
		for i, b := range branches {
			visit(b, path, fmt.Sprintf("%s.Fn::If[%d]", loc, i+1), fn)
		}
		return
	}
	if len(path) == 0 {
		fn(v, loc)
		return
	}
	switch v := v.(type) {
	case []any:
		if path[0] == "*" {
			for i, e := range v {
				visit(e, path[1:], fmt.Sprintf("%s[%d]", loc, i), fn)
			}
		}
	case map[string]any:
		if c, ok := v[path[0]]; ok {
			visit(c, path[1:], loc+"."+path[0], fn)
		}
	}
}

// ifBranches returns the two values of an Fn::If.
func ifBranches(v any) ([]any, bool) {
	m, ok := v.(map[string]any)
	if !ok || len(m) != 1 {
		return nil, false
	}
	args, ok := m["Fn::If"].([]any)
	if !ok || len(args) != 3 {
		return nil, false
	}
	return args[1:], true
}

// isIntrinsic reports whether v is an intrinsic function call such as {"Ref": "X"}.
func isIntrinsic(v any) bool {
	m, ok := v.(map[string]any)
	if !ok || len(m) != 1 {
		return false
	}
	for k := range m {
		return k == "Ref" || strings.HasPrefix(k, "Fn::")
	}
	return false
}

// pathString renders the instance location tokens as a path below v, "[i]" for array
// indexes and ".key" for object members.
func pathString(v any, tokens []string) string {
	var b strings.Builder
	for _, t := range tokens {
		switch c := v.(type) {
		case []any:
			b.WriteString("[" + t + "]")
			if i, err := strconv.Atoi(t); err == nil && i >= 0 && i < len(c) {
				v = c[i]
			}
		case map[string]any:
			b.WriteString("." + t)
			v = c[t]
		default:
			b.WriteString("." + t)
		}
	}
	return b.String()
}

// valueAt returns the value at the instance location tokens below v.
func valueAt(v any, tokens []string) any {
	for _, t := range tokens {
		switch c := v.(type) {
		case []any:
			i, err := strconv.Atoi(t)
			if err != nil || i < 0 || i >= len(c) {
				return nil
			}
			v = c[i]
		case map[string]any:
			v = c[t]
		default:
			return nil
		}
	}
	return v
}

// describe renders a received value for a message: its JSON text, shortened.
func describe(v any) string {
	if v == nil {
		return "nothing"
	}
	b, err := json.Marshal(v)
	if err != nil {
		return fmt.Sprintf("%v", v)
	}
	s := string(b)
	if len(s) > 120 {
		s = s[:117] + "..."
	}
	return s
}
