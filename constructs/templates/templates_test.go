package templates_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"maps"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/execrole/execrole/constructs/permissions"
	"github.com/execrole/execrole/constructs/templates"
	"github.com/execrole/execrole/internal/refdata"
)

// samReference is the shape of SAM's policy_templates.json.
type samReference struct {
	Templates map[string]struct {
		Description string
		Parameters  orderedKeys
		Definition  struct{ Statement []refStatement }
	}
}

// refStatement is one statement of a reference policy. Action and Resource may be a string or
// a list; resources and condition values may be intrinsic functions.
type refStatement struct {
	Effect    string
	Action    any
	Resource  any
	Condition map[string]map[string]any
}

// orderedKeys decodes a JSON object's keys in document order: SAM's parameter order.
type orderedKeys []string

func (k *orderedKeys) UnmarshalJSON(b []byte) error {
	dec := json.NewDecoder(bytes.NewReader(b))
	if _, err := dec.Token(); err != nil {
		return err
	}
	for dec.More() {
		key, err := dec.Token()
		if err != nil {
			return err
		}
		var skip json.RawMessage
		if err := dec.Decode(&skip); err != nil {
			return err
		}
		*k = append(*k, key.(string))
	}
	return nil
}

func readJSON(t *testing.T, path string, v any) {
	t.Helper()
	if err := refdata.ReadJSON(path, v); err != nil {
		t.Fatal(err)
	}
}

func loadSAM(t *testing.T) samReference {
	t.Helper()
	var ref samReference
	readJSON(t, refdata.Require(t, "sam-policy_templates.json"), &ref)
	return ref
}

// sample gives each parameter the value "p-<Name>", so every substitution is visible.
func sample(params []string) map[string]string {
	args := map[string]string{}
	for _, p := range params {
		args[p] = "p-" + p
	}
	return args
}

func TestSAMMatchesReference(t *testing.T) {
	ref := loadSAM(t)
	ours := map[string][]string{}
	for _, tpl := range templates.SAM() {
		ours[tpl.Name] = tpl.Parameters
	}
	for name, r := range ref.Templates {
		params, ok := ours[name]
		if !ok {
			t.Errorf("SAM template %s is missing from SAM()", name)
			continue
		}
		if !equalFold(params, r.Parameters) {
			t.Errorf("%s parameters = %q, SAM has %q", name, params, r.Parameters)
		}
	}
	for name := range ours {
		if _, ok := ref.Templates[name]; !ok {
			t.Errorf("SAM() has %s, which SAM does not define", name)
		}
	}
}

// TestSAMFunctionNamesMatchReference checks that sam.go's exported functions are SAM's
// templates, one each under SAM's name, so a SAM user finds a template by the name they know.
// Their parameters are checked through the registry: the compiler holds each row to its
// function's arity, TestSAMMatchesReference holds the rows to SAM's names and order, and
// TestSAMStatementsMatchReference fails if a row passes them in another order than its
// function takes them.
func TestSAMFunctionNamesMatchReference(t *testing.T) {
	ref := loadSAM(t)
	f, err := parser.ParseFile(token.NewFileSet(), "sam.go", nil, 0)
	if err != nil {
		t.Fatal(err)
	}
	var funcs []string
	for _, d := range f.Decls {
		if fn, ok := d.(*ast.FuncDecl); ok && fn.Name.IsExported() {
			funcs = append(funcs, fn.Name.Name)
		}
	}
	for name := range ref.Templates {
		if !slices.Contains(funcs, name) {
			t.Errorf("sam.go has no function %s", name)
		}
	}
	for _, name := range funcs {
		if _, ok := ref.Templates[name]; !ok {
			t.Errorf("sam.go has function %s, which SAM does not define", name)
		}
	}
}

func equalFold(a, b []string) bool {
	return slices.EqualFunc(a, b, strings.EqualFold)
}

// TestSAMStatementsMatchReference renders every SAM template with sample values and compares
// it, statement by statement, with SAM's definition resolved with the same values.
func TestSAMStatementsMatchReference(t *testing.T) {
	ref := loadSAM(t)
	for _, name := range sortedKeys(ref.Templates) {
		r := ref.Templates[name]
		t.Run(name, func(t *testing.T) {
			tpl, ok := templates.Lookup(name)
			if !ok {
				t.Fatalf("Lookup(%q) found nothing", name)
			}
			args := sample(tpl.Parameters)
			want, err := fromReference(r.Definition.Statement, args)
			if err != nil {
				t.Fatal(err)
			}
			got, err := tpl.Render(args)
			if err != nil {
				t.Fatal(err)
			}
			for _, d := range diffStatements(want, got) {
				t.Error(d)
			}
		})
	}
}

// fromReference resolves reference statements into ours: Fn::Sub with a variable map gets the
// variables' Ref values from args; the pseudo parameters stay "${AWS::...}", which is what
// permissions.Partition, Region and AccountID hold. Any other intrinsic is an error, so a new
// construct in SAM's file cannot pass unnoticed.
func fromReference(stmts []refStatement, args map[string]string) ([]permissions.Statement, error) {
	var out []permissions.Statement
	for i, s := range stmts {
		if s.Effect != "Allow" {
			return nil, fmt.Errorf("statement %d: Effect %q, want Allow", i, s.Effect)
		}
		st := permissions.Statement{}
		for _, a := range list(s.Action) {
			st.Actions = append(st.Actions, a.(string))
		}
		for _, r := range list(s.Resource) {
			v, err := resolve(r, args)
			if err != nil {
				return nil, fmt.Errorf("statement %d resource: %w", i, err)
			}
			st.Resources = append(st.Resources, v)
		}
		for op, keys := range s.Condition {
			for key, vals := range keys {
				c := permissions.Condition{Operator: op, Key: key}
				for _, v := range list(vals) {
					rv, err := resolve(v, args)
					if err != nil {
						return nil, fmt.Errorf("statement %d condition %s: %w", i, key, err)
					}
					c.Values = append(c.Values, rv)
				}
				st.Conditions = append(st.Conditions, c)
			}
		}
		out = append(out, st)
	}
	return out, nil
}

func list(v any) []any {
	if l, ok := v.([]any); ok {
		return l
	}
	return []any{v}
}

var subVar = regexp.MustCompile(`\$\{([^}]+)\}`)

func resolve(v any, args map[string]string) (string, error) {
	switch v := v.(type) {
	case string:
		return v, nil
	case map[string]any:
		if ref, ok := v["Ref"].(string); ok && len(v) == 1 {
			return refValue(ref, args)
		}
		sub, ok := v["Fn::Sub"]
		if !ok || len(v) != 1 {
			return "", fmt.Errorf("unsupported intrinsic %v", v)
		}
		tmpl, vars := "", map[string]any{}
		switch sub := sub.(type) {
		case string:
			tmpl = sub
		case []any:
			tmpl, _ = sub[0].(string)
			vars, _ = sub[1].(map[string]any)
		}
		var err error
		out := subVar.ReplaceAllStringFunc(tmpl, func(m string) string {
			name := m[2 : len(m)-1]
			if strings.HasPrefix(name, "AWS::") {
				return m
			}
			r, ok := vars[name].(map[string]any)
			if !ok {
				err = fmt.Errorf("Fn::Sub variable %s has no value in %v", name, sub)
				return m
			}
			s, e := resolve(r, args)
			if e != nil {
				err = e
			}
			return s
		})
		return out, err
	}
	return "", fmt.Errorf("unsupported value %v", v)
}

func refValue(name string, args map[string]string) (string, error) {
	if strings.HasPrefix(name, "AWS::") {
		return "${" + name + "}", nil
	}
	v, ok := args[name]
	if !ok {
		return "", fmt.Errorf("Ref %s is not a parameter", name)
	}
	return v, nil
}

// diffStatements lists how got differs from want, statement by statement: the set of actions,
// the set of resources and the conditions (values as a set). Action and resource order and
// duplicates do not matter to IAM, so they do not count.
func diffStatements(want, got []permissions.Statement) []string {
	if len(want) != len(got) {
		return []string{fmt.Sprintf("%d statements, want %d", len(got), len(want))}
	}
	var diffs []string
	for i := range want {
		if w, g := set(want[i].Actions), set(got[i].Actions); !slices.Equal(w, g) {
			diffs = append(diffs, fmt.Sprintf("statement %d actions = %q, want %q", i, g, w))
		}
		if w, g := set(want[i].Resources), set(got[i].Resources); !slices.Equal(w, g) {
			diffs = append(diffs, fmt.Sprintf("statement %d resources = %q, want %q", i, g, w))
		}
		if w, g := conditions(want[i].Conditions), conditions(got[i].Conditions); !slices.Equal(w, g) {
			diffs = append(diffs, fmt.Sprintf("statement %d conditions = %q, want %q", i, g, w))
		}
	}
	return diffs
}

func set(s []string) []string {
	s = slices.Clone(s)
	slices.Sort(s)
	return slices.Compact(s)
}

func conditions(cs []permissions.Condition) []string {
	var out []string
	for _, c := range cs {
		out = append(out, c.Operator+" "+c.Key+" "+strings.Join(set(c.Values), ","))
	}
	slices.Sort(out)
	return out
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}

// TestDiffStatementsDetectsChanges proves the SAM comparison can fail: each deliberate change
// to a rendered template must be reported.
func TestDiffStatementsDetectsChanges(t *testing.T) {
	tests := []struct {
		name  string
		alter func([]permissions.Statement) []permissions.Statement
		want  bool
	}{
		{"reports nothing for the same statements", func(s []permissions.Statement) []permissions.Statement { return s }, false},
		{"reports nothing for reordered actions", func(s []permissions.Statement) []permissions.Statement {
			slices.Reverse(s[0].Actions)
			return s
		}, false},
		{"reports a removed action", func(s []permissions.Statement) []permissions.Statement {
			s[0].Actions = s[0].Actions[1:]
			return s
		}, true},
		{"reports an added action", func(s []permissions.Statement) []permissions.Statement {
			s[1].Actions = append(s[1].Actions, "secretsmanager:DeleteSecret")
			return s
		}, true},
		{"reports a changed resource", func(s []permissions.Statement) []permissions.Statement {
			s[0].Resources = []string{"*"}
			return s
		}, true},
		{"reports a changed condition value", func(s []permissions.Statement) []permissions.Statement {
			s[0].Conditions[0].Values = []string{"other"}
			return s
		}, true},
		{"reports a dropped condition", func(s []permissions.Statement) []permissions.Statement {
			s[0].Conditions = nil
			return s
		}, true},
		{"reports a dropped statement", func(s []permissions.Statement) []permissions.Statement {
			return s[:1]
		}, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			want := templates.AWSSecretsManagerRotationPolicy("p-FunctionName")
			got := tt.alter(deepCopy(want))
			if d := diffStatements(want, got); (len(d) > 0) != tt.want {
				t.Errorf("diffStatements reported %q, want a difference: %v", d, tt.want)
			}
		})
	}
}

func deepCopy(stmts []permissions.Statement) []permissions.Statement {
	out := make([]permissions.Statement, len(stmts))
	for i, s := range stmts {
		s.Actions = slices.Clone(s.Actions)
		s.Resources = slices.Clone(s.Resources)
		s.Conditions = slices.Clone(s.Conditions)
		for j := range s.Conditions {
			s.Conditions[j].Values = slices.Clone(s.Conditions[j].Values)
		}
		out[i] = s
	}
	return out
}

// consoleCases maps each console template to its reference file. placeholders maps the
// example names the console writes in resources to the parameter they stand for. narrowed
// marks templates where the console grants "*" (or every resource of a type) and ours scope
// to the given resource.
var consoleCases = []struct {
	name         string
	file         string
	placeholders map[string]string
	narrowed     bool
}{
	{"Basic Lambda Permissions", "template-basic.json", map[string]string{"[[logGroups]]": "LogGroupName"}, false},
	{"Lambda VPC Access Permissions", "template-vpcaccess.json", nil, false},
	{"Lambda Kinesis stream poller permissions", "template-kinesis.json", map[string]string{"my-function": "FunctionName", "myStream": "StreamName"}, false},
	{"Lambda DynamoDB stream poller permissions", "template-dynamodb.json", map[string]string{"my-function": "FunctionName", "tableName": "TableName"}, false},
	{"Basic Edge Lambda permissions", "template-atedge.json", nil, false},
	{"Dead letter queue SNS permissions", "template-dlq-sns.json", map[string]string{"topicName": "TopicName"}, false},
	{"Dead letter queue SQS permissions", "template-dlq-sqs.json", map[string]string{"queueName": "QueueName"}, false},
	{"CloudFormation stack read-only permissions", "blueprint-cloudformation.json", nil, true},
	{"AMI read-only permissions", "blueprint-ec2ami.json", nil, false},
	{"KMS decryption permissions", "blueprint-kmsdecrypt.json", nil, true},
	{"S3 object read-only permissions", "blueprint-s3get.json", nil, true},
	{"Elasticsearch permissions", "blueprint-elasticsearch.json", nil, true},
	{"SES bounce permissions", "blueprint-sesbounce.json", nil, true},
	{"Test Harness permissions", "blueprint-testharness.json", nil, true},
	{"Simple Microservice permissions", "blueprint-microservice.json", nil, true},
	{"VPN Connection Monitor permissions", "blueprint-vpnmonitor.json", nil, false},
	{"SQS Poller permissions", "blueprint-sqspoller.json", map[string]string{"my-function": "FunctionName"}, true},
	{"AWS IoT Button permissions", "blueprint-iotbutton.json", nil, true},
	{"Amazon Rekognition no data permissions", "blueprint-rekognition-nodata.json", nil, false},
	{"Amazon Rekognition read-only permissions", "blueprint-rekognition-readonly.json", nil, true},
	{"Amazon Rekognition write-only permissions", "blueprint-rekognition-writeonly.json", nil, true},
}

// TestConsoleCoversReference checks that the cases above pair every console template with
// every execution-role and blueprint file of the reference, and nothing else: the
// console_use_policies group holds user policies, not execution-role policies.
func TestConsoleCoversReference(t *testing.T) {
	wantFiles := consoleReferenceFiles(t)
	var files, names, ours []string
	for _, c := range consoleCases {
		files = append(files, c.file)
		names = append(names, c.name)
	}
	for _, tpl := range templates.Console() {
		ours = append(ours, tpl.Name)
	}
	if w, g := set(wantFiles), set(files); !slices.Equal(w, g) {
		t.Errorf("console cases use files %q, want %q", g, w)
	}
	if w, g := set(ours), set(names); !slices.Equal(w, g) || len(names) != len(ours) {
		t.Errorf("console cases name %q, Console() has %q", g, w)
	}
}

// consoleReferenceFiles returns the reference's execution-role and blueprint policy files.
func consoleReferenceFiles(t *testing.T) []string {
	t.Helper()
	var index struct{ Files map[string]string }
	readJSON(t, refdata.Require(t, filepath.Join("lambda-dev-guide-iam-policies", "index.json")), &index)
	var files []string
	for file, group := range index.Files {
		if group == "execution_role_templates" || group == "blueprint_policies" {
			files = append(files, file)
		}
	}
	return files
}

// TestConsoleStatementsMatchReference compares each console template with its reference file,
// as grants (action to resources): scoping a "*" grant may split a statement by the
// resource-level support of its actions, which does not change what the policy allows.
func TestConsoleStatementsMatchReference(t *testing.T) {
	dir := refdata.Require(t, "lambda-dev-guide-iam-policies")
	for _, c := range consoleCases {
		t.Run(c.name, func(t *testing.T) {
			tpl, ok := templates.Lookup(c.name)
			if !ok {
				t.Fatalf("Lookup(%q) found nothing", c.name)
			}
			args := sample(tpl.Parameters)
			var doc struct{ Statement []refStatement }
			readJSON(t, filepath.Join(dir, c.file), &doc)
			want, err := fromReference(doc.Statement, nil)
			if err != nil {
				t.Fatal(err)
			}
			for i := range want {
				for j, r := range want[i].Resources {
					want[i].Resources[j] = normalizeConsoleARN(r, c.placeholders, args)
				}
			}
			got, err := tpl.Render(args)
			if err != nil {
				t.Fatal(err)
			}
			for _, d := range diffGrants(want, got, c.narrowed) {
				t.Error(d)
			}
		})
	}
}

// normalizeConsoleARN makes a console ARN comparable with ours. The console's files write a
// literal partition ("aws") and an example region and account (us-east-2, 123456789012; the
// guide's prose says region and accountId): ours hold the placeholders permissions.Partition,
// Region and AccountID, so any literal partition "aws", region or account becomes its
// placeholder, while "*" and empty fields stay as they are. Then each example name in the
// resource part (my-function, tableName, [[logGroups]]) becomes the sample value of the
// parameter it stands for.
func normalizeConsoleARN(s string, placeholders, args map[string]string) string {
	f := strings.SplitN(s, ":", 6)
	if f[0] != "arn" || len(f) < 3 {
		return s
	}
	if f[1] == "aws" {
		f[1] = permissions.Partition
	}
	if len(f) == 6 {
		if f[3] != "" && f[3] != "*" {
			f[3] = permissions.Region
		}
		if f[4] != "" && f[4] != "*" {
			f[4] = permissions.AccountID
		}
		for _, example := range sortedKeys(placeholders) {
			f[5] = strings.ReplaceAll(f[5], example, args[placeholders[example]])
		}
	}
	return strings.Join(f, ":")
}

// diffGrants lists how got differs from want as grants: the same actions, each on the same
// resources; where narrowed, each of got's resources need only be covered by one of want's
// patterns for that action (IAM wildcard matching), so ours may be narrower, never wider.
// Neither side may carry conditions: the console's templates have none.
func diffGrants(want, got []permissions.Statement, narrowed bool) []string {
	w, g := grants(want), grants(got)
	var diffs []string
	if wa, ga := sortedKeys(w), sortedKeys(g); !slices.Equal(wa, ga) {
		return []string{fmt.Sprintf("actions = %q, want %q", ga, wa)}
	}
	for _, action := range sortedKeys(w) {
		wr, gr := set(w[action]), set(g[action])
		if !narrowed && !slices.Equal(wr, gr) {
			diffs = append(diffs, fmt.Sprintf("%s resources = %q, want %q", action, gr, wr))
		}
		for _, r := range gr {
			if narrowed && !slices.ContainsFunc(wr, func(p string) bool { return wildcardMatch(p, r) }) {
				diffs = append(diffs, fmt.Sprintf("%s resource %q is not within %q", action, r, wr))
			}
		}
	}
	for _, s := range slices.Concat(want, got) {
		if len(s.Conditions) > 0 {
			diffs = append(diffs, fmt.Sprintf("unexpected conditions %v", s.Conditions))
		}
	}
	return diffs
}

func grants(stmts []permissions.Statement) map[string][]string {
	g := map[string][]string{}
	for _, s := range stmts {
		for _, a := range s.Actions {
			g[a] = append(g[a], s.Resources...)
		}
	}
	return g
}

// wildcardMatch reports whether s matches the IAM resource pattern p ("*" any run, "?" any
// one character).
func wildcardMatch(p, s string) bool {
	re := regexp.QuoteMeta(p)
	re = strings.ReplaceAll(re, `\*`, ".*")
	re = strings.ReplaceAll(re, `\?`, ".")
	return regexp.MustCompile("^" + re + "$").MatchString(s)
}

// TestDiffGrantsDetectsChanges proves the console comparison can fail.
func TestDiffGrantsDetectsChanges(t *testing.T) {
	queue := "arn:" + permissions.Partition + ":sqs:" + permissions.Region + ":" + permissions.AccountID + ":q"
	console := []permissions.Statement{{
		Actions:   []string{"sqs:DeleteMessage", "sqs:ReceiveMessage"},
		Resources: []string{"arn:" + permissions.Partition + ":sqs:*"},
	}}
	tests := []struct {
		name     string
		got      []permissions.Statement
		narrowed bool
		want     bool
	}{
		{"reports nothing for a narrower resource", []permissions.Statement{{
			Actions: []string{"sqs:ReceiveMessage", "sqs:DeleteMessage"}, Resources: []string{queue},
		}}, true, false},
		{"reports nothing for split statements", []permissions.Statement{
			{Actions: []string{"sqs:ReceiveMessage"}, Resources: []string{queue}},
			{Actions: []string{"sqs:DeleteMessage"}, Resources: []string{queue}},
		}, true, false},
		{"reports a removed action", []permissions.Statement{{
			Actions: []string{"sqs:ReceiveMessage"}, Resources: []string{queue},
		}}, true, true},
		{"reports a wider resource", []permissions.Statement{{
			Actions: []string{"sqs:ReceiveMessage", "sqs:DeleteMessage"}, Resources: []string{"*"},
		}}, true, true},
		{"reports another service's resource", []permissions.Statement{{
			Actions: []string{"sqs:ReceiveMessage", "sqs:DeleteMessage"}, Resources: []string{"arn:" + permissions.Partition + ":sns:*"},
		}}, true, true},
		{"reports a narrower resource where the template is not narrowed", []permissions.Statement{{
			Actions: []string{"sqs:ReceiveMessage", "sqs:DeleteMessage"}, Resources: []string{queue},
		}}, false, true},
		{"reports a condition", []permissions.Statement{{
			Actions: []string{"sqs:ReceiveMessage", "sqs:DeleteMessage"}, Resources: []string{queue},
			Conditions: []permissions.Condition{{Operator: "Bool", Key: "aws:SecureTransport", Values: []string{"true"}}},
		}}, true, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if d := diffGrants(console, tt.got, tt.narrowed); (len(d) > 0) != tt.want {
				t.Errorf("diffGrants reported %q, want a difference: %v", d, tt.want)
			}
		})
	}
}

func TestNormalizeConsoleARN(t *testing.T) {
	p, r, a := permissions.Partition, permissions.Region, permissions.AccountID
	args := map[string]string{"FunctionName": "p-FunctionName"}
	ph := map[string]string{"my-function": "FunctionName"}
	tests := []struct {
		name string
		give string
		want string
	}{
		{"example region and account", "arn:aws:lambda:us-east-2:123456789012:function:my-function*", "arn:" + p + ":lambda:" + r + ":" + a + ":function:p-FunctionName*"},
		{"prose placeholders", "arn:aws:lambda:region:accountId:function:my-function*", "arn:" + p + ":lambda:" + r + ":" + a + ":function:p-FunctionName*"},
		{"wildcard fields", "arn:aws:logs:*:*:*", "arn:" + p + ":logs:*:*:*"},
		{"empty fields", "arn:aws:s3:::*", "arn:" + p + ":s3:::*"},
		{"short pattern", "arn:aws:sqs:*", "arn:" + p + ":sqs:*"},
		{"star", "*", "*"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := normalizeConsoleARN(tt.give, ph, args); got != tt.want {
				t.Errorf("normalizeConsoleARN(%q) = %q, want %q", tt.give, got, tt.want)
			}
		})
	}
}

// TestTemplatesWellFormed checks every template of the registry, SAM's and the console's.
func TestTemplatesWellFormed(t *testing.T) {
	action := regexp.MustCompile(`^[a-z0-9-]+:[A-Za-z0-9*]+$`)
	seen := map[string]bool{}
	for _, tpl := range slices.Concat(templates.SAM(), templates.Console()) {
		t.Run(tpl.Name, func(t *testing.T) {
			if seen[tpl.Name] {
				t.Errorf("name %q is used twice", tpl.Name)
			}
			seen[tpl.Name] = true
			if tpl.Source != templates.SourceSAM && tpl.Source != templates.SourceConsole {
				t.Errorf("Source = %q", tpl.Source)
			}
			if tpl.Description == "" || strings.HasSuffix(tpl.Description, ".") {
				t.Errorf("Description = %q, want one line with no trailing period", tpl.Description)
			}
			args := sample(tpl.Parameters)
			stmts, err := tpl.Render(args)
			if err != nil {
				t.Fatal(err)
			}
			var text []string
			for i, s := range stmts {
				if len(s.Actions) == 0 || len(s.Resources) == 0 {
					t.Errorf("statement %d has no action or no resource", i)
				}
				for _, a := range s.Actions {
					if !action.MatchString(a) {
						t.Errorf("statement %d action %q is not service:Action", i, a)
					}
				}
				if len(set(s.Actions)) != len(s.Actions) {
					t.Errorf("statement %d repeats an action: %q", i, s.Actions)
				}
				for _, r := range s.Resources {
					if r != "*" && !strings.HasPrefix(r, "arn:"+permissions.Partition+":") && !strings.HasPrefix(r, "p-") {
						t.Errorf("statement %d resource %q is neither \"*\", a partition-aware ARN nor a parameter", i, r)
					}
				}
				text = append(text, s.Resources...)
				for _, c := range s.Conditions {
					text = append(text, c.Values...)
				}
			}
			for _, v := range args {
				if !strings.Contains(strings.Join(text, " "), v) {
					t.Errorf("parameter value %q appears in no resource or condition", v)
				}
			}
		})
	}
}

// arnFormats gives, for each parameter name, the ARN formats AWS defines for the resource the
// parameter names (the Service Authorization Reference's resource types), with {} where the
// value goes; any other ${Field} stands for any text.
var arnFormats = map[string][]string{
	"AccessPoint": {"arn:${Partition}:elasticfilesystem:${Region}:${Account}:access-point/{}"},
	"BucketName": {
		"arn:${Partition}:s3:::{}",
		"arn:${Partition}:s3:::{}/${ObjectName}",
	},
	// The parameter is the certificate's whole ARN, as in SAM's Fn::Sub "${certificateArn}".
	"CertificateArn":     {"{}"},
	"ClusterId":          {"arn:${Partition}:elasticmapreduce:${Region}:${Account}:cluster/{}"},
	"CollectionId":       {"arn:${Partition}:rekognition:${Region}:${Account}:collection/{}"},
	"DeliveryStreamName": {"arn:${Partition}:firehose:${Region}:${Account}:deliverystream/{}"},
	"DomainName":         {"arn:${Partition}:es:${Region}:${Account}:domain/{}"},
	"EndpointConfigName": {"arn:${Partition}:sagemaker:${Region}:${Account}:endpoint-config/{}"},
	"EndpointName":       {"arn:${Partition}:sagemaker:${Region}:${Account}:endpoint/{}"},
	"EventBusName":       {"arn:${Partition}:events:${Region}:${Account}:event-bus/{}"},
	"FileSystem":         {"arn:${Partition}:elasticfilesystem:${Region}:${Account}:file-system/{}"},
	"FunctionName":       {"arn:${Partition}:lambda:${Region}:${Account}:function:{}"},
	"HostedZoneId":       {"arn:${Partition}:route53:::hostedzone/{}"},
	"IdentityName":       {"arn:${Partition}:ses:${Region}:${Account}:identity/{}"},
	"ImageId": {
		"arn:${Partition}:ec2:${Region}::image/{}",
		// SAM's EC2CopyImagePolicy writes the account, which image ARNs leave empty (see its doc).
		"arn:${Partition}:ec2:${Region}:${Account}:image/{}",
	},
	"KeyId":       {"arn:${Partition}:kms:${Region}:${Account}:key/{}"},
	"LexiconName": {"arn:${Partition}:polly:${Region}:${Account}:lexicon/{}"},
	"LogGroupName": {
		"arn:${Partition}:logs:${Region}:${Account}:log-group:{}",
		"arn:${Partition}:logs:${Region}:${Account}:log-group:{}:log-stream:${LogStreamName}",
	},
	// {} is the name without its leading slash, SSM's ${ParameterNameWithoutLeadingSlash}.
	"ParameterName": {"arn:${Partition}:ssm:${Region}:${Account}:parameter/{}"},
	// A project's endpoints, segments and campaigns are under its ARN.
	"PinpointApplicationId": {
		"arn:${Partition}:mobiletargeting:${Region}:${Account}:apps/{}",
		"arn:${Partition}:mobiletargeting:${Region}:${Account}:apps/{}/${ResourcePath}",
	},
	"PipelineName":   {"arn:${Partition}:codepipeline:${Region}:${Account}:{}"},
	"QueueName":      {"arn:${Partition}:sqs:${Region}:${Account}:{}"},
	"RepositoryName": {"arn:${Partition}:codecommit:${Region}:${Account}:{}"},
	// The parameter is the secret's whole ARN, as in SAM's Fn::Sub "${secretArn}".
	"SecretArn":        {"{}"},
	"StackName":        {"arn:${Partition}:cloudformation:${Region}:${Account}:stack/{}/${Id}"},
	"StateMachineName": {"arn:${Partition}:states:${Region}:${Account}:stateMachine:{}"},
	"StreamName": {
		"arn:${Partition}:kinesis:${Region}:${Account}:stream/{}",
		// SAM's DynamoDBStreamReadPolicy calls the stream label StreamName.
		"arn:${Partition}:dynamodb:${Region}:${Account}:table/${TableName}/stream/{}",
	},
	"TableName": {
		"arn:${Partition}:dynamodb:${Region}:${Account}:table/{}",
		"arn:${Partition}:dynamodb:${Region}:${Account}:table/{}/index/${IndexName}",
		"arn:${Partition}:dynamodb:${Region}:${Account}:table/{}/stream/${StreamLabel}",
		"arn:${Partition}:dynamodb:${Region}:${Account}:table/{}/backup/${BackupName}",
	},
	// The parameter is family:revision, the last part of the format.
	"TaskDefinition": {"arn:${Partition}:ecs:${Region}:${Account}:task-definition/{}"},
	"TemplateName":   {"arn:${Partition}:ses:${Region}:${Account}:template/{}"},
	"TopicName":      {"arn:${Partition}:sns:${Region}:${Account}:{}"},
	"WorkGroupName":  {"arn:${Partition}:athena:${Region}:${Account}:workgroup/{}"},
}

// sampleOverrides holds the sample values a template takes in another form than "p-<Name>".
var sampleOverrides = map[string]map[string]string{
	"SSMParameterWithSlashPrefixReadPolicy": {"ParameterName": "/p-ParameterName"},
}

// TestParametersFillTheirARNs renders every template with a distinct value per parameter and
// checks that each resource or condition value holding a parameter's value is an ARN of the
// kind AWS defines for that parameter. It fails if a registry row names its parameters in
// another order than its function takes them, such as a table name put into a function's ARN.
func TestParametersFillTheirARNs(t *testing.T) {
	for _, tpl := range slices.Concat(templates.SAM(), templates.Console()) {
		t.Run(tpl.Name, func(t *testing.T) {
			args := sample(tpl.Parameters)
			maps.Copy(args, sampleOverrides[tpl.Name])
			stmts, err := tpl.Render(args)
			if err != nil {
				t.Fatal(err)
			}
			var arns []string
			for _, s := range stmts {
				arns = append(arns, s.Resources...)
				for _, c := range s.Conditions {
					arns = append(arns, c.Values...)
				}
			}
			for _, p := range tpl.Parameters {
				formats, ok := arnFormats[p]
				if !ok {
					t.Errorf("parameter %s has no ARN format: add it to arnFormats", p)
				}
				for _, a := range arns {
					fills := func(f string) bool { return fillsFormat(a, f, args[p]) }
					if strings.Contains(a, args[p]) && !slices.ContainsFunc(formats, fills) {
						t.Errorf("%s value %q is in %q, which has none of the formats %q", p, args[p], a, formats)
					}
				}
			}
		})
	}
}

// fillsFormat reports whether the resource pattern r is an ARN of format f with the value v in
// f's {} field. A pattern ending in "*" need only match f up to v: IAM's wildcard stands for
// the rest (function:name*, log-group:name:*, bucket/*).
func fillsFormat(r, f, v string) bool {
	before, after, _ := strings.Cut(f, "{}")
	head := "^" + formatRegexp(before) + regexp.QuoteMeta(strings.TrimPrefix(v, "/"))
	if regexp.MustCompile(head + formatRegexp(after) + "$").MatchString(r) {
		return true
	}
	return regexp.MustCompile(head + `.*\*$`).MatchString(r)
}

var formatField = regexp.MustCompile(`\$\{(\w+)\}`)

// formatRegexp turns part of an ARN format into a regular expression: ${Partition}, ${Region}
// and ${Account} become the placeholders our ARNs hold, any other field any text.
func formatRegexp(s string) string {
	own := map[string]string{
		"Partition": permissions.Partition,
		"Region":    permissions.Region,
		"Account":   permissions.AccountID,
	}
	var b strings.Builder
	last := 0
	for _, m := range formatField.FindAllStringSubmatchIndex(s, -1) {
		b.WriteString(regexp.QuoteMeta(s[last:m[0]]))
		if v, ok := own[s[m[2]:m[3]]]; ok {
			b.WriteString(regexp.QuoteMeta(v))
		} else {
			b.WriteString(".+")
		}
		last = m[1]
	}
	b.WriteString(regexp.QuoteMeta(s[last:]))
	return b.String()
}

// TestFillsFormat proves the ARN format check can fail.
func TestFillsFormat(t *testing.T) {
	p, r, a := permissions.Partition, permissions.Region, permissions.AccountID
	table := "arn:${Partition}:dynamodb:${Region}:${Account}:table/{}"
	function := "arn:${Partition}:lambda:${Region}:${Account}:function:{}"
	tests := []struct {
		name   string
		give   string
		format string
		value  string
		want   bool
	}{
		{"matches the format", "arn:" + p + ":dynamodb:" + r + ":" + a + ":table/orders", table, "orders", true},
		{"matches a trailing wildcard", "arn:" + p + ":lambda:" + r + ":" + a + ":function:f*", function, "f", true},
		{"matches another field as any text", "arn:" + p + ":dynamodb:" + r + ":" + a + ":table/t/stream/*",
			"arn:${Partition}:dynamodb:${Region}:${Account}:table/${TableName}/stream/{}", "*", true},
		{"fails if the value is in another service's ARN", "arn:" + p + ":lambda:" + r + ":" + a + ":function:orders", table, "orders", false},
		{"fails if the value is in another field", "arn:" + p + ":dynamodb:" + r + ":" + a + ":table/t/stream/orders", table, "orders", false},
		{"fails if the value is only a prefix of the name", "arn:" + p + ":dynamodb:" + r + ":" + a + ":table/orders2", table, "orders", false},
		{"fails if the region is missing", "arn:" + p + ":dynamodb::" + a + ":table/orders", table, "orders", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := fillsFormat(tt.give, tt.format, tt.value); got != tt.want {
				t.Errorf("fillsFormat(%q, %q, %q) = %v, want %v", tt.give, tt.format, tt.value, got, tt.want)
			}
		})
	}
}

// iamNonActions are names SAM lists that IAM does not define: SQS authorizes its batch APIs
// with the single-message actions. SQSPollerPolicy keeps them, as SAM does.
var iamNonActions = []string{"sqs:ChangeMessageVisibilityBatch", "sqs:DeleteMessageBatch"}

// TestActionsExistInIAM checks every action against IAM's action catalogue, with its exact
// case; a wildcard must match at least one action.
func TestActionsExistInIAM(t *testing.T) {
	var catalogue struct {
		Services map[string]struct{ Actions map[string]json.RawMessage }
	}
	readJSON(t, refdata.Require(t, "iam-definition.json"), &catalogue)
	exists := func(action string) bool {
		service, name, _ := strings.Cut(action, ":")
		actions := catalogue.Services[service].Actions
		if !strings.Contains(name, "*") {
			_, ok := actions[name]
			return ok
		}
		for n := range actions {
			if wildcardMatch(name, n) {
				return true
			}
		}
		return false
	}
	for _, tpl := range slices.Concat(templates.SAM(), templates.Console()) {
		stmts, err := tpl.Render(sample(tpl.Parameters))
		if err != nil {
			t.Fatal(err)
		}
		for _, s := range stmts {
			for _, a := range s.Actions {
				if found := exists(a); found == slices.Contains(iamNonActions, a) {
					t.Errorf("%s: action %s in IAM's catalogue: %v", tpl.Name, a, found)
				}
			}
		}
	}
}

func TestRender(t *testing.T) {
	tests := []struct {
		name     string
		template string
		args     map[string]string
		want     []string // substrings of the error; none for success
	}{
		{"renders a template with its parameters", "SQSPollerPolicy", map[string]string{"QueueName": "orders"}, nil},
		{"renders a CDK token", "DynamoDBCrudPolicy", map[string]string{"TableName": "${Token[TOKEN.123]}"}, nil},
		{"renders a template without parameters from nil args", "CloudWatchPutMetricPolicy", nil, nil},
		{"renders a console template", "SQS Poller permissions", map[string]string{"QueueName": "q", "FunctionName": "f"}, nil},
		{"fails if a parameter is missing", "SQSPollerPolicy", map[string]string{},
			[]string{`template "SQSPollerPolicy": missing parameter "QueueName": set args["QueueName"]`}},
		{"fails if args is nil", "DynamoDBStreamReadPolicy", nil,
			[]string{`missing parameter "StreamName"`, `missing parameter "TableName"`}},
		{"fails if a parameter is empty", "SQSPollerPolicy", map[string]string{"QueueName": ""},
			[]string{`template "SQSPollerPolicy": parameter "QueueName" is empty: set it to the resource's name, ID or ARN`}},
		{"fails if a parameter is blank", "S3ReadPolicy", map[string]string{"BucketName": "  "},
			[]string{`parameter "BucketName" is empty`}},
		{"fails if a parameter name has the wrong case", "SQSPollerPolicy", map[string]string{"queueName": "q"},
			[]string{`missing parameter "QueueName"`, `unknown parameter "queueName": names are case-sensitive, use "QueueName"`}},
		{"fails if a parameter is unknown", "SQSPollerPolicy", map[string]string{"QueueName": "q", "Queue": "q"},
			[]string{`unknown parameter "Queue": the template takes ["QueueName"], remove the others`}},
		{"fails if a template without parameters gets one", "CloudWatchPutMetricPolicy", map[string]string{"Namespace": "app"},
			[]string{`template "CloudWatchPutMetricPolicy": unknown parameter "Namespace": the template takes no parameters, remove it`}},
		{"fails if a console template misses a parameter", "SQS Poller permissions", map[string]string{"QueueName": "q"},
			[]string{`template "SQS Poller permissions": missing parameter "FunctionName"`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tpl, ok := templates.Lookup(tt.template)
			if !ok {
				t.Fatalf("Lookup(%q) found nothing", tt.template)
			}
			stmts, err := tpl.Render(tt.args)
			if len(tt.want) == 0 {
				if err != nil || len(stmts) == 0 {
					t.Fatalf("Render = %v, %v; want statements", stmts, err)
				}
				return
			}
			if err == nil {
				t.Fatalf("Render succeeded, want an error containing %q", tt.want)
			}
			for _, w := range tt.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error %q does not contain %q", err, w)
				}
			}
		})
	}
}

func TestLookup(t *testing.T) {
	tests := []struct {
		name   string
		give   string
		want   bool
		source string
	}{
		{"finds a SAM template", "KMSEncryptPolicy_v2", true, templates.SourceSAM},
		{"finds a console template", "Simple Microservice permissions", true, templates.SourceConsole},
		{"fails if the case differs", "sqspollerpolicy", false, ""},
		{"fails if the name is unknown", "SQSPollerPolicyV3", false, ""},
		{"fails if the name is empty", "", false, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, ok := templates.Lookup(tt.give)
			if ok != tt.want || got.Source != tt.source {
				t.Errorf("Lookup(%q) = %q from %q, %v; want %v from %q", tt.give, got.Name, got.Source, ok, tt.want, tt.source)
			}
		})
	}
}

// TestRegistryIsCopied checks that callers cannot change the registry through its results.
func TestRegistryIsCopied(t *testing.T) {
	const name = "AWSSecretsManagerGetSecretValuePolicy"
	sam := templates.SAM()
	i := slices.IndexFunc(sam, func(t templates.Template) bool { return t.Name == name })
	sam[i].Parameters[0] = "Changed"
	looked, _ := templates.Lookup(name)
	looked.Parameters[0] = "Changed"
	if again, _ := templates.Lookup(name); again.Parameters[0] != "SecretArn" {
		t.Errorf("Parameters = %q after a caller changed its copies", again.Parameters)
	}
}

func TestMarkdown(t *testing.T) {
	ref := loadSAM(t)
	var sqsPoller struct{ Statement []refStatement }
	readJSON(t, refdata.Require(t, filepath.Join("lambda-dev-guide-iam-policies", "blueprint-sqspoller.json")),
		&sqsPoller)
	md := templates.Markdown()
	const header = "| Template | Source | Parameters | Actions | Description |\n|---|---|---|---|---|\n"
	if !strings.HasPrefix(md, header) {
		t.Errorf("Markdown does not start with the header %q", header)
	}
	lines := strings.Split(strings.TrimSuffix(md, "\n"), "\n")
	if want := 2 + len(ref.Templates) + len(consoleReferenceFiles(t)); len(lines) != want {
		t.Errorf("Markdown has %d lines, want %d", len(lines), want)
	}
	tests := []struct {
		name      string
		reference []refStatement
		want      string // %d is the number of distinct actions in reference
	}{
		{"SAM row that counts repeated actions once", ref.Templates["CodeCommitReadPolicy"].Definition.Statement,
			"| CodeCommitReadPolicy | sam | `RepositoryName` | %d | Read one CodeCommit repository |"},
		{"SAM row with two parameters", ref.Templates["DynamoDBStreamReadPolicy"].Definition.Statement,
			"| DynamoDBStreamReadPolicy | sam | `StreamName`, `TableName` | %d | Read one DynamoDB stream |"},
		{"row without parameters", ref.Templates["CloudWatchPutMetricPolicy"].Definition.Statement,
			"| CloudWatchPutMetricPolicy | sam | none | %d | Publish CloudWatch metric data |"},
		{"console row", sqsPoller.Statement,
			"| SQS Poller permissions | console | `QueueName`, `FunctionName` | %d |"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var actions []string
			for _, s := range tt.reference {
				for _, a := range list(s.Action) {
					actions = append(actions, a.(string))
				}
			}
			if want := fmt.Sprintf(tt.want, len(set(actions))); !strings.Contains(md, want) {
				t.Errorf("Markdown lacks %q", want)
			}
		})
	}
}

// Apply applies a template by name to its arguments in its parameters' order; an unknown
// name suggests the closest one, and a wrong number of arguments names the parameters.
func TestApply(t *testing.T) {
	u := templates.Apply("SQSPollerPolicy", "orders")
	if u.Err != nil || u.Name != "SQSPollerPolicy" || len(u.Statements) == 0 || !strings.Contains(strings.Join(u.Statements[0].Resources, " "), "orders") {
		t.Errorf("Apply(SQSPollerPolicy, orders) = %+v", u)
	}
	for _, tc := range []struct {
		name string
		args []string
		want string
	}{
		{"SQSPolerPolicy", []string{"orders"}, `did you mean "SQSPollerPolicy"`},
		{"SQSPollerPolicy", nil, "takes its parameters in order (QueueName), got 0 values"},
		{"SQSPollerPolicy", []string{" "}, "is empty"},
	} {
		if err := templates.Apply(tc.name, tc.args...).Err; err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("Apply(%q, %q): %v, want %q", tc.name, tc.args, err, tc.want)
		}
	}
}
