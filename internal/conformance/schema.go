package conformance

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"

	"github.com/dlclark/regexp2"
	"github.com/santhosh-tekuri/jsonschema/v6"
	"github.com/santhosh-tekuri/jsonschema/v6/kind"
	"golang.org/x/text/language"
	"golang.org/x/text/message"
)

// Keys this package adds to the definitions of every registry schema it compiles. Registry
// schemas name their definitions in PascalCase, so these cannot collide; compile fails if one
// ever does.
const (
	defIntrinsic     = "conformance-intrinsic"      // matches any {"Ref"|"Fn::*": ...} object
	defIntrinsicArgs = "conformance-intrinsic-args" // the argument shape of each intrinsic function
)

// intrinsicFunctions gives the argument shape of every intrinsic function CloudFormation
// accepts in a resource property value, as a JSON Schema. Fn::If is completed per value
// position so that both of its branches are validated against that position's schema.
// Fn::Length and Fn::ToJsonString need the AWS::LanguageExtensions transform.
var intrinsicFunctions = map[string]any{
	"Ref":        map[string]any{"type": "string", "minLength": 1},
	"Fn::Base64": map[string]any{},
	"Fn::Cidr":   map[string]any{"type": "array", "minItems": 3, "maxItems": 3},
	// The optional fourth element is the default value of Fn::FindInMap with language extensions.
	"Fn::FindInMap": map[string]any{"type": "array", "minItems": 3, "maxItems": 4},
	"Fn::GetAtt": map[string]any{"anyOf": []any{
		map[string]any{"type": "array", "minItems": 2, "maxItems": 2, "items": []any{
			map[string]any{"type": "string", "minLength": 1},
			map[string]any{"type": []any{"string", "object"}},
		}},
		map[string]any{"type": "string", "pattern": `^[^.]+\..+$`},
	}},
	"Fn::GetAZs": map[string]any{"type": []any{"string", "object"}},
	"Fn::If": map[string]any{"type": "array", "minItems": 3, "maxItems": 3, "items": []any{
		map[string]any{"type": "string", "minLength": 1},
	}},
	"Fn::ImportValue": map[string]any{"type": []any{"string", "object"}},
	"Fn::Join": map[string]any{"type": "array", "minItems": 2, "maxItems": 2, "items": []any{
		map[string]any{"type": "string"},
		map[string]any{"type": []any{"array", "object"}},
	}},
	"Fn::Length": map[string]any{"type": []any{"array", "object"}},
	"Fn::Select": map[string]any{"type": "array", "minItems": 2, "maxItems": 2, "items": []any{
		map[string]any{"type": []any{"integer", "string", "object"}},
		map[string]any{"type": []any{"array", "object"}},
	}},
	"Fn::Split": map[string]any{"type": "array", "minItems": 2, "maxItems": 2, "items": []any{
		map[string]any{"type": "string"},
		map[string]any{"type": []any{"string", "object"}},
	}},
	"Fn::Sub": map[string]any{"anyOf": []any{
		map[string]any{"type": "string"},
		map[string]any{"type": "array", "minItems": 2, "maxItems": 2, "items": []any{
			map[string]any{"type": "string"},
			map[string]any{"type": "object"},
		}},
	}},
	"Fn::ToJsonString": map[string]any{"type": []any{"array", "object"}},
	"Fn::Transform":    map[string]any{"type": "object", "required": []any{"Name"}},
}

// printer renders validation messages.
var printer = message.NewPrinter(language.English)

// schemaEntry is the compiled registry schema of one resource type.
type schemaEntry struct {
	schema   *jsonschema.Schema
	doc      map[string]any // the schema as compiled, to word failures
	readOnly [][]string     // readOnlyProperties as paths below Properties, ancestors first
}

// schemaCompiler compiles registry schemas on demand and remembers the result per type.
type schemaCompiler struct {
	c       *jsonschema.Compiler
	entries map[string]*schemaEntry
}

func newSchemaCompiler() *schemaCompiler {
	c := jsonschema.NewCompiler()
	// Registry schemas follow draft-07 and some name an unreachable meta-schema in $schema,
	// which is removed before compiling. No schema is ever fetched: every document is added
	// as a resource, and the empty loader refuses anything else.
	c.DefaultDraft(jsonschema.Draft7)
	c.UseLoader(jsonschema.SchemeURLLoader{})
	c.UseRegexpEngine(compileRegexp)
	return &schemaCompiler{c: c, entries: map[string]*schemaEntry{}}
}

// errNoSchema reports a resource type that has no registry schema.
var errNoSchema = errors.New("no CloudFormation registry schema")

// schema returns the compiled schema of resource type typ.
func (r *Refs) schema(typ string) (*schemaEntry, error) {
	r.compile.Lock()
	defer r.compile.Unlock()
	if e, ok := r.compiler.entries[typ]; ok {
		return e, nil
	}
	e, err := r.compiler.load(filepath.Join(r.dir, schemaDir), typ)
	if err != nil {
		return nil, err
	}
	r.compiler.entries[typ] = e
	return e, nil
}

func (sc *schemaCompiler) load(dir, typ string) (*schemaEntry, error) {
	// Registry schema files are named after the type: AWS::IAM::Role is aws-iam-role.json.
	name := strings.ToLower(strings.ReplaceAll(typ, "::", "-")) + ".json"
	f, err := os.Open(filepath.Join(dir, name))
	if errors.Is(err, fs.ErrNotExist) {
		return nil, errNoSchema
	}
	if err != nil {
		return nil, fmt.Errorf("read schema of %s: %w", typ, err)
	}
	defer f.Close()
	raw, err := jsonschema.UnmarshalJSON(f)
	if err != nil {
		return nil, fmt.Errorf("decode schema %s: %w", name, err)
	}
	doc, ok := raw.(map[string]any)
	if !ok || doc["typeName"] != typ {
		return nil, fmt.Errorf("schema %s does not describe %s: want its typeName to be %q", name, typ, typ)
	}
	readOnly, err := readOnlyPaths(doc)
	if err != nil {
		return nil, fmt.Errorf("schema of %s: %w", typ, err)
	}
	delete(doc, "$schema")
	if err := allowIntrinsics(doc); err != nil {
		return nil, fmt.Errorf("schema of %s: %w", typ, err)
	}
	loc := "urn:cloudformation:schema:" + name
	if err := sc.c.AddResource(loc, doc); err != nil {
		return nil, fmt.Errorf("schema of %s: %w", typ, err)
	}
	s, err := sc.c.Compile(loc)
	if err != nil {
		return nil, fmt.Errorf("compile schema of %s: %w", typ, err)
	}
	return &schemaEntry{schema: s, doc: doc, readOnly: readOnly}, nil
}

// readOnlyPaths turns readOnlyProperties pointers ("/properties/Endpoint/Address",
// "/properties/Items/*/Id") into paths below Properties, sorted so that ancestors come first.
func readOnlyPaths(doc map[string]any) ([][]string, error) {
	list, _ := doc["readOnlyProperties"].([]any)
	var paths [][]string
	for _, p := range list {
		ptr, _ := p.(string)
		rest, ok := strings.CutPrefix(ptr, "/properties/")
		if !ok {
			return nil, fmt.Errorf("read-only property %q is not a /properties/ pointer", ptr)
		}
		var path []string
		for _, tok := range strings.Split(rest, "/") {
			path = append(path, pointerUnescape.Replace(tok))
		}
		paths = append(paths, path)
	}
	sort.Slice(paths, func(i, j int) bool {
		return strings.Join(paths[i], "/") < strings.Join(paths[j], "/")
	})
	return paths, nil
}

// allowIntrinsics rewrites a registry schema so that every value position also accepts an
// intrinsic function, as CloudFormation does before it resolves them.
//
// Each subschema that describes a value (a member of properties or patternProperties,
// additionalProperties, items, additionalItems) is replaced by
//
//	{"if": <is an intrinsic>, "then": <intrinsic argument shapes>, "else": <original>}
//
// so that a literal value is validated exactly as before and its errors come straight from
// the original keywords, while an intrinsic function is accepted in place of any value (the
// value it stands for is unknown until deployment) and only its own arguments are checked.
// Both branches of Fn::If are validated against the original schema of the position.
// Subschemas that apply to the same value as their parent (allOf, anyOf, oneOf, not,
// dependencies, definitions) are rewritten inside but not wrapped: their parent position is.
// The root stays unwrapped: Properties itself cannot be an intrinsic function.
//
// Rewriting the instance instead (replacing each intrinsic by a value of the expected type)
// would need the schema walk anyway to know that type, and would lose the checks on
// intrinsic arguments.
func allowIntrinsics(doc map[string]any) error {
	defs, _ := doc["definitions"].(map[string]any)
	if defs == nil {
		defs = map[string]any{}
		doc["definitions"] = defs
	}
	for _, k := range []string{defIntrinsic, defIntrinsicArgs} {
		if _, ok := defs[k]; ok {
			return fmt.Errorf("definition %q already exists", k)
		}
	}
	rewrite(doc, nil)
	defs[defIntrinsic] = map[string]any{
		"type":          "object",
		"minProperties": 1,
		"maxProperties": 1,
		"propertyNames": map[string]any{"pattern": `^(Ref|Fn::.+)$`},
	}
	defs[defIntrinsicArgs] = map[string]any{
		"properties":           intrinsicFunctions,
		"additionalProperties": false,
	}
	return nil
}

// rewrite applies allowIntrinsics to the subschemas of s, the schema at pointer ptr.
func rewrite(s map[string]any, ptr []string) {
	for _, kw := range []string{"properties", "patternProperties"} {
		m, _ := s[kw].(map[string]any)
		for name, sub := range m {
			m[name] = wrap(sub, append(clip(ptr), kw, name))
		}
	}
	for _, kw := range []string{"additionalProperties", "additionalItems"} {
		if sub, ok := s[kw].(map[string]any); ok {
			s[kw] = wrap(sub, append(clip(ptr), kw))
		}
	}
	switch items := s["items"].(type) {
	case map[string]any:
		s["items"] = wrap(items, append(clip(ptr), "items"))
	case []any:
		for i, sub := range items {
			items[i] = wrap(sub, append(clip(ptr), "items", fmt.Sprint(i)))
		}
	}
	for _, kw := range []string{"allOf", "anyOf", "oneOf"} {
		list, _ := s[kw].([]any)
		for i, sub := range list {
			if m, ok := sub.(map[string]any); ok {
				rewrite(m, append(clip(ptr), kw, fmt.Sprint(i)))
			}
		}
	}
	if sub, ok := s["not"].(map[string]any); ok {
		rewrite(sub, append(clip(ptr), "not"))
	}
	for _, kw := range []string{"definitions", "dependencies"} {
		m, _ := s[kw].(map[string]any)
		for name, sub := range m {
			if sub, ok := sub.(map[string]any); ok {
				rewrite(sub, append(clip(ptr), kw, name))
			}
		}
	}
}

// wrap returns the if/then/else schema that stands at pointer ptr in place of sub.
func wrap(sub any, ptr []string) any {
	m, ok := sub.(map[string]any)
	if !ok {
		return sub // a boolean schema accepts or rejects intrinsics and literals alike
	}
	rewrite(m, append(clip(ptr), "else"))
	self := map[string]any{"$ref": ref(ptr)}
	return map[string]any{
		"if": map[string]any{"$ref": ref([]string{"definitions", defIntrinsic})},
		"then": map[string]any{"allOf": []any{
			map[string]any{"$ref": ref([]string{"definitions", defIntrinsicArgs})},
			map[string]any{"properties": map[string]any{
				"Fn::If": map[string]any{"items": []any{map[string]any{}, self, self}},
			}},
		}},
		"else": m,
	}
}

// JSON Pointer escapes (RFC 6901).
var (
	pointerEscape   = strings.NewReplacer("~", "~0", "/", "~1")
	pointerUnescape = strings.NewReplacer("~1", "/", "~0", "~")
)

// ref returns the URI reference of the JSON pointer made of tokens.
func ref(tokens []string) string {
	var b strings.Builder
	b.WriteByte('#')
	for _, t := range tokens {
		t = pointerEscape.Replace(t)
		b.WriteByte('/')
		b.WriteString(url.PathEscape(t))
	}
	return b.String()
}

// clip returns s with no spare capacity, so that appending to it never aliases.
func clip(s []string) []string { return s[:len(s):len(s)] }

// compileRegexp compiles the pattern keywords of registry schemas. JSON Schema patterns are
// ECMA-262 regular expressions, and registry schemas use lookarounds and \u escapes that Go's
// RE2 syntax lacks. RE2 (linear time) compiles most of them; the rest go to regexp2 in
// ECMAScript mode. A few registry patterns are written in Java-only syntax (\p{Graph}, UTF-16
// surrogate ranges, quantified quantifiers) that neither engine accepts: they are not enforced,
// as a failing pattern would otherwise make the whole resource type uncheckable.
func compileRegexp(s string) (jsonschema.Regexp, error) {
	if re, err := regexp.Compile(s); err == nil {
		return re, nil
	}
	re, err := regexp2.Compile(s, regexp2.ECMAScript)
	if err != nil {
		return anything(s), nil
	}
	return ecmaRegexp{re}, nil
}

// ecmaRegexp adapts regexp2 to jsonschema.Regexp.
type ecmaRegexp struct{ re *regexp2.Regexp }

func (r ecmaRegexp) String() string { return r.re.String() }

// MatchString reports whether s contains a match. A match that cannot complete (regexp2 only
// fails on timeouts, which are not set here) counts as no match, so it surfaces as an error.
func (r ecmaRegexp) MatchString(s string) bool {
	ok, err := r.re.MatchString(s)
	return ok && err == nil
}

// anything is a pattern that cannot be compiled and so matches every string.
type anything string

func (a anything) String() string { return string(a) }

func (anything) MatchString(string) bool { return true }

// validate checks the Properties of one resource against the schema of its type, and that
// none of them is read-only. Findings carry paths relative to the resource.
func (s *schemaEntry) validate(props map[string]any) []finding {
	var out []finding
	if err := s.schema.Validate(props); err != nil {
		var verr *jsonschema.ValidationError
		if !errors.As(err, &verr) {
			return []finding{{path: "Properties", msg: err.Error()}}
		}
		for _, l := range s.leaves(verr, nil) {
			msg := l.msg
			switch v := valueAt(props, l.loc).(type) {
			case string, bool, float64, json.Number:
				msg += " (received " + describe(v) + ")"
			}
			out = append(out, finding{path: "Properties" + pathString(props, l.loc), msg: msg})
		}
	}
	var found [][]string
	for _, p := range s.readOnly {
		if under(p, found) {
			continue // an ancestor is already reported
		}
		for _, loc := range lookup(props, p, nil) {
			found = append(found, p)
			out = append(out, finding{
				path: "Properties" + pathString(props, loc),
				msg:  "read-only property set: CloudFormation computes it; remove it (read it with Fn::GetAtt where a value is needed)",
			})
		}
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].path != out[j].path {
			return out[i].path < out[j].path
		}
		return out[i].msg < out[j].msg
	})
	return out
}

// under reports whether one of ancestors is a prefix of p.
func under(p []string, ancestors [][]string) bool {
	for _, a := range ancestors {
		if len(a) < len(p) && strings.Join(p[:len(a)], "/") == strings.Join(a, "/") {
			return true
		}
	}
	return false
}

// lookup returns the locations of the values at path under v; "*" steps into each array
// element.
func lookup(v any, path, loc []string) [][]string {
	if len(path) == 0 {
		return [][]string{loc}
	}
	var out [][]string
	switch v := v.(type) {
	case []any:
		if path[0] == "*" {
			for i, e := range v {
				out = append(out, lookup(e, path[1:], append(clip(loc), fmt.Sprint(i)))...)
			}
		}
	case map[string]any:
		if c, ok := v[path[0]]; ok {
			out = lookup(c, path[1:], append(clip(loc), path[0]))
		}
	}
	return out
}

// leaf is one validation failure: where in the instance, and why.
type leaf struct {
	loc []string
	msg string
}

// leaves flattens a validation error tree into its failures. A failed anyOf or oneOf becomes
// one failure listing why each alternative failed, since fixing any one of them suffices.
func (s *schemaEntry) leaves(e *jsonschema.ValidationError, out []leaf) []leaf {
	switch e.ErrorKind.(type) {
	case *kind.AnyOf, *kind.OneOf:
		if len(e.Causes) > 0 {
			var alts []string
			for _, c := range e.Causes {
				for _, l := range s.leaves(c, nil) {
					rel := strings.Join(l.loc[min(len(e.InstanceLocation), len(l.loc)):], "/")
					if rel != "" {
						rel += ": "
					}
					alts = append(alts, rel+l.msg)
				}
			}
			return append(out, leaf{e.InstanceLocation, "matches none of the allowed forms: " + strings.Join(alts, "; or ")})
		}
	}
	if len(e.Causes) == 0 {
		return append(out, leaf{e.InstanceLocation, s.describeFailure(e)})
	}
	for _, c := range e.Causes {
		out = s.leaves(c, out)
	}
	return out
}

// describeFailure words one validation failure. Unknown properties get a fix (or the patterns
// their names must match), and an unknown key of an intrinsic function call is named as such.
func (s *schemaEntry) describeFailure(e *jsonschema.ValidationError) string {
	k, ok := e.ErrorKind.(*kind.AdditionalProperties)
	if !ok {
		return e.ErrorKind.LocalizedString(printer)
	}
	names := "'" + strings.Join(k.Properties, "', '") + "'"
	if strings.HasSuffix(e.SchemaURL, "/definitions/"+defIntrinsicArgs) {
		return fmt.Sprintf("unknown intrinsic function %s: use Ref or a Fn:: function CloudFormation documents", names)
	}
	if pp, ok := s.at(e.SchemaURL)["patternProperties"].(map[string]any); ok {
		return fmt.Sprintf("property name %s matches no allowed pattern (%s): rename it", names, strings.Join(slices.Sorted(maps.Keys(pp)), ", "))
	}
	return fmt.Sprintf("unknown property %s: remove it or fix its spelling", names)
}

// at returns the subschema at the fragment of a schema location, or nil.
func (s *schemaEntry) at(loc string) map[string]any {
	_, frag, _ := strings.Cut(loc, "#")
	frag, err := url.PathUnescape(frag)
	if err != nil {
		return nil
	}
	var v any = s.doc
	for _, tok := range strings.Split(strings.TrimPrefix(frag, "/"), "/") {
		if tok == "" {
			continue
		}
		tok = pointerUnescape.Replace(tok)
		switch c := v.(type) {
		case map[string]any:
			v = c[tok]
		case []any:
			i, err := strconv.Atoi(tok)
			if err != nil || i < 0 || i >= len(c) {
				return nil
			}
			v = c[i]
		default:
			return nil
		}
	}
	m, _ := v.(map[string]any)
	return m
}
