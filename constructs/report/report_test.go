package report

import (
	"bytes"
	"encoding/json"
	"math/rand/v2"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"

	"golang.org/x/net/html"

	"github.com/execrole/execrole/constructs/permissions"
)

const region = "${AWS::Region}"

// sampleReport is a small app with one role of each mode. Its matrix, counted by hand:
//
//	columns: dynamodb GetItem PutItem · kms Decrypt · logs *, CreateLogStream, PutLogEvents ·
//	         sqs DeleteMessage, GetQueueAttributes, ReceiveMessage · xray PutTelemetryRecords,
//	         PutTraceSegments = 11 actions, then 3 managed policies = 14 columns
//	rows:    Legacy/Handler 1 (basic policy) · Legacy/Importer 6 (3 sqs, logs:* covering 3 logs
//	         columns) · Orders/Api 5 (2 logs, kms, 2 xray on "*") · Orders/Poller 5 and
//	         Orders/Retry 5 (2 dynamodb, 3 policies) = 22 granted cells, 2 of them on "*"
func sampleReport() *Report {
	basic := ManagedPolicy{Name: "AWSLambdaBasicExecutionRole", ARN: "arn:${AWS::Partition}:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole", Source: "logs"}
	userBasic := basic
	userBasic.Source = "user"
	return &Report{
		App: "orders",
		Roles: []Role{
			{
				Path: "Orders/PollerRole", Stack: "Orders", Mode: ModeManaged,
				Features: []string{"logs", "sqs", "xray"},
				ManagedPolicies: []ManagedPolicy{
					basic,
					{Name: "AWSLambdaSQSQueueExecutionRole", ARN: "arn:${AWS::Partition}:iam::aws:policy/service-role/AWSLambdaSQSQueueExecutionRole", Source: "sqs"},
					{Name: "AWSXRayDaemonWriteAccess", ARN: "arn:${AWS::Partition}:iam::aws:policy/AWSXRayDaemonWriteAccess", Source: "xray"},
				},
				Statements: []Statement{{
					Actions:   []string{"dynamodb:GetItem", "dynamodb:PutItem"},
					Resources: []string{"${Token[TOKEN.42]}"},
					Source:    "grant: Orders/Table",
				}},
				Trust:     []string{"lambda.amazonaws.com"},
				Quota:     Quota{ManagedPolicies: 3, ManagedPoliciesLimit: 10, InlineChars: 160, InlineCharsLimit: 10240, TrustChars: 154, TrustCharsLimit: 2048},
				Functions: []string{"Orders/Poller", "Orders/Retry"},
			},
			{
				Path: "Orders/ApiRole", Stack: "Orders", RoleName: "orders-api", Mode: ModeLeastPrivilege,
				Features: []string{"kms-environment", "logs", "xray"},
				Statements: []Statement{
					{Sid: "Logs", Actions: []string{"logs:CreateLogStream", "logs:PutLogEvents"}, Resources: []string{"arn:${AWS::Partition}:logs:" + region + ":${AWS::AccountId}:log-group:/aws/lambda/orders-api:*"}, Source: "logs"},
					{Sid: "Tracing", Actions: []string{"xray:PutTraceSegments", "xray:PutTelemetryRecords"}, Resources: []string{"*"}, Source: "xray"},
					{
						Sid: "EnvironmentKey", Actions: []string{"kms:Decrypt"}, Resources: []string{"${Token[TOKEN.77]}"},
						Conditions: []Condition{{Operator: "StringEquals", Key: "kms:ViaService", Values: []string{"lambda." + region + ".amazonaws.com"}}},
						Source:     "kms-environment",
					},
				},
				Trust:     []string{"lambda.amazonaws.com"},
				Quota:     Quota{ManagedPolicies: 0, ManagedPoliciesLimit: 10, InlineChars: 8704, InlineCharsLimit: 10240, TrustChars: 154, TrustCharsLimit: 2048},
				Functions: []string{"Orders/Api"},
				Warnings:  []string{"execrole:inline-size: inline policies use 85% of the 10240-character quota; move grants to a customer managed policy or split the function"},
			},
			{
				Path: "Legacy/ImportedRole", Stack: "Legacy", RoleName: "legacy-exec", Mode: ModeImported,
				Features: []string{"logs", "sqs"},
				Statements: []Statement{
					{Sid: "Queue", Actions: []string{"sqs:ReceiveMessage", "sqs:DeleteMessage", "sqs:GetQueueAttributes", "SQS:receivemessage"}, Resources: []string{"arn:aws:sqs:eu-west-1:123456789012:legacy"}, Source: "sqs"},
					{Sid: "Logs", Actions: []string{"logs:*"}, Resources: []string{"arn:aws:logs:eu-west-1:123456789012:log-group:/aws/lambda/legacy:*"}, Source: "user"},
				},
				Functions: []string{"Legacy/Importer"},
				PolicyDocument: map[string]any{
					"Version": "2012-10-17",
					"Statement": []any{
						map[string]any{"Sid": "Queue", "Effect": "Allow", "Action": []any{"sqs:DeleteMessage", "sqs:GetQueueAttributes", "sqs:ReceiveMessage"}, "Resource": "arn:aws:sqs:eu-west-1:123456789012:legacy"},
					},
				},
			},
			{
				Path: "Legacy/Handler/ServiceRole", Stack: "Legacy", Mode: ModeCDK,
				ManagedPolicies: []ManagedPolicy{userBasic},
				Trust:           []string{"lambda.amazonaws.com"},
				Quota:           Quota{ManagedPolicies: 1, ManagedPoliciesLimit: 10, TrustChars: 154, TrustCharsLimit: 2048, InlineCharsLimit: 10240},
				Functions:       []string{"Legacy/Handler"},
				Warnings:        []string{"execrole:not-execrole: role Legacy/Handler/ServiceRole was not made by execrole; pass an ExecutionRole as the function's role"},
			},
		},
		Functions: []Function{
			{Path: "Orders/Poller", Stack: "Orders", Role: "Orders/PollerRole", Features: []string{"logs", "sqs", "xray"}, Fingerprint: "3f9a1c"},
			{Path: "Orders/Retry", Stack: "Orders", Role: "Orders/PollerRole", Features: []string{"logs", "sqs", "xray"}, Fingerprint: "3f9a1c"},
			{Path: "Orders/Api", Stack: "Orders", Role: "Orders/ApiRole", Features: []string{"logs", "xray", "kms-environment"}, Fingerprint: "b71e02"},
			{Path: "Legacy/Importer", Stack: "Legacy", Role: "Legacy/ImportedRole", Features: []string{"sqs", "logs"}},
			{Path: "Legacy/Handler", Stack: "Legacy", Role: "Legacy/Handler/ServiceRole"},
		},
		Account: AccountQuota{Roles: 3, RolesLimit: 1000},
	}
}

// sampleMatrix is what the sample report's matrix must hold.
var sampleMatrix = struct {
	rows, columns, granted, wide, managed, bars int
	functions                                   []string
}{
	rows: 5, columns: 14, granted: 22, wide: 2, managed: 7,
	// 3 bars for each of the 3 roles that are not imported, and the account's.
	bars:      10,
	functions: []string{"Legacy/Handler", "Legacy/Importer", "Orders/Api", "Orders/Poller", "Orders/Retry"},
}

// clone copies a report deeply through JSON, which the round-trip test shows to be lossless.
func clone(t *testing.T, r *Report) *Report {
	t.Helper()
	b, err := json.Marshal(r)
	if err != nil {
		t.Fatal(err)
	}
	var out Report
	if err := json.Unmarshal(b, &out); err != nil {
		t.Fatal(err)
	}
	return &out
}

// shuffle puts every list of a report, at every depth, in a random order.
func shuffle(r *Report, rng *rand.Rand) {
	mix := func(n int, swap func(i, j int)) { rng.Shuffle(n, swap) }
	strs := func(s []string) { mix(len(s), reflect.Swapper(s)) }
	mix(len(r.Roles), reflect.Swapper(r.Roles))
	mix(len(r.Functions), reflect.Swapper(r.Functions))
	for i := range r.Functions {
		strs(r.Functions[i].Features)
	}
	for i := range r.Roles {
		role := &r.Roles[i]
		for _, s := range [][]string{role.Features, role.Trust, role.Functions, role.Warnings} {
			strs(s)
		}
		mix(len(role.ManagedPolicies), reflect.Swapper(role.ManagedPolicies))
		mix(len(role.Statements), reflect.Swapper(role.Statements))
		for j := range role.Statements {
			s := &role.Statements[j]
			strs(s.Actions)
			strs(s.Resources)
			mix(len(s.Conditions), reflect.Swapper(s.Conditions))
			for k := range s.Conditions {
				strs(s.Conditions[k].Values)
			}
		}
	}
}

func TestJSONRoundTrip(t *testing.T) {
	tests := []struct {
		name string
		give *Report
	}{
		{name: "sample app", give: sampleReport()},
		{name: "empty report", give: &Report{Roles: []Role{}, Functions: []Function{}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b, err := tt.give.JSON()
			if err != nil {
				t.Fatal(err)
			}
			var got Report
			if err := json.Unmarshal(b, &got); err != nil {
				t.Fatalf("JSON output does not parse: %v\n%s", err, b)
			}
			if !reflect.DeepEqual(&got, tt.give) {
				t.Errorf("round trip changed the report:\ngot  %+v\nwant %+v", got, *tt.give)
			}
		})
	}
}

func TestJSONShape(t *testing.T) {
	tests := []struct {
		name string
		give *Report
		want []string
	}{
		{
			name: "empty lists are arrays, not null",
			give: &Report{},
			want: []string{`"roles": []`, `"functions": []`, `"rolesLimit": 0`},
		},
		{
			name: "keys are lowerCamel",
			give: sampleReport(),
			want: []string{`"roleName": "orders-api"`, `"managedPolicies": [`, `"inlineCharsLimit": 10240`,
				`"policyDocument": {`, `"source": "grant: Orders/Table"`, `"fingerprint": "3f9a1c"`},
		},
		{
			name: "tokens and placeholders are kept as written",
			give: sampleReport(),
			want: []string{`"${Token[TOKEN.42]}"`, `"arn:${AWS::Partition}:iam::aws:policy/AWSXRayDaemonWriteAccess"`},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b, err := tt.give.JSON()
			if err != nil {
				t.Fatal(err)
			}
			for _, w := range tt.want {
				if !bytes.Contains(b, []byte(w)) {
					t.Errorf("JSON lacks %s:\n%s", w, b)
				}
			}
			if !bytes.HasSuffix(b, []byte("}\n")) {
				t.Errorf("JSON does not end with a newline")
			}
		})
	}
}

func TestSortIsDeterministic(t *testing.T) {
	want := sampleReport()
	want.Sort()
	wantJSON, err := want.JSON()
	if err != nil {
		t.Fatal(err)
	}
	wantMD, wantHTML := want.Markdown(), want.HTML()
	for seed := range uint64(8) {
		r := clone(t, sampleReport())
		shuffle(r, rand.New(rand.NewPCG(seed, seed+1)))
		r.Sort()
		got, err := r.JSON()
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(got, wantJSON) {
			t.Fatalf("seed %d: sorted JSON differs from the canonical one:\n%s", seed, got)
		}
		if r.Markdown() != wantMD || r.HTML() != wantHTML {
			t.Fatalf("seed %d: sorted Markdown or HTML differs from the canonical one", seed)
		}
	}
}

func must(b []byte, err error) []byte {
	if err != nil {
		panic(err)
	}
	return b
}

func TestQuotaUse(t *testing.T) {
	tests := []struct {
		name string
		give Quota
		want []QuotaUse
	}{
		{
			name: "percent of each limit",
			give: Quota{ManagedPolicies: 3, ManagedPoliciesLimit: 10, InlineChars: 5120, InlineCharsLimit: 10240, TrustChars: 2100, TrustCharsLimit: 2048},
			want: []QuotaUse{
				{Name: "managed policies", Used: 3, Limit: 10, Percent: 30},
				{Name: "inline policy characters", Used: 5120, Limit: 10240, Percent: 50},
				{Name: "trust policy characters", Used: 2100, Limit: 2048, Percent: 2100 * 100.0 / 2048},
			},
		},
		{
			name: "unknown limits give no percent",
			give: Quota{ManagedPolicies: 2},
			want: []QuotaUse{
				{Name: "managed policies", Used: 2},
				{Name: "inline policy characters"},
				{Name: "trust policy characters"},
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.give.Use(); !reflect.DeepEqual(got, tt.want) {
				t.Errorf("Use() = %+v, want %+v", got, tt.want)
			}
		})
	}
}

func TestAccountQuotaUse(t *testing.T) {
	tests := []struct {
		name string
		give AccountQuota
		want QuotaUse
	}{
		{name: "default limit", give: AccountQuota{Roles: 10}, want: QuotaUse{Name: "IAM roles per account", Used: 10, Limit: permissions.DefaultMaxRolesPerAccount, Percent: 1}},
		{name: "raised limit", give: AccountQuota{Roles: 10, RolesLimit: 5000}, want: QuotaUse{Name: "IAM roles per account", Used: 10, Limit: 5000, Percent: 0.2}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.give.Use(); got != tt.want {
				t.Errorf("Use() = %+v, want %+v", got, tt.want)
			}
		})
	}
}

func TestColumns(t *testing.T) {
	var got []string
	for _, c := range columns(sampleReport().Roles) {
		got = append(got, c.Group+" "+c.Label)
	}
	want := []string{
		"dynamodb GetItem", "dynamodb PutItem", "kms Decrypt",
		"logs *", "logs CreateLogStream", "logs PutLogEvents",
		// "SQS:receivemessage" is the same action as "sqs:ReceiveMessage", shown as documented.
		"sqs DeleteMessage", "sqs GetQueueAttributes", "sqs ReceiveMessage",
		"xray PutTelemetryRecords", "xray PutTraceSegments",
		"managed policies AWSLambdaBasicExecutionRole", "managed policies AWSLambdaSQSQueueExecutionRole",
		"managed policies AWSXRayDaemonWriteAccess",
	}
	if !slices.Equal(got, want) {
		t.Errorf("columns =\n%q\nwant\n%q", got, want)
	}
}

// parseHTML parses a page with the HTML5 parser browsers use.
func parseHTML(t *testing.T, page string) *html.Node {
	t.Helper()
	doc, err := html.Parse(strings.NewReader(page))
	if err != nil {
		t.Fatalf("page does not parse: %v", err)
	}
	return doc
}

// findAll returns the elements under n for which keep is true, in document order.
func findAll(n *html.Node, keep func(*html.Node) bool) []*html.Node {
	var out []*html.Node
	for d := range n.Descendants() {
		if d.Type == html.ElementNode && keep(d) {
			out = append(out, d)
		}
	}
	return out
}

func attr(n *html.Node, key string) (string, bool) {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val, true
		}
	}
	return "", false
}

func hasClass(n *html.Node, class string) bool {
	v, _ := attr(n, "class")
	return slices.Contains(strings.Fields(v), class)
}

func tag(name string) func(*html.Node) bool {
	return func(n *html.Node) bool { return n.Data == name }
}

// matrixStats counts what the matrix of a parsed page shows.
type matrixStats struct {
	rows, columns, granted, wide, managed, bars int
	functions                                   []string
}

func statsOf(t *testing.T, doc *html.Node) matrixStats {
	t.Helper()
	tables := findAll(doc, func(n *html.Node) bool { v, _ := attr(n, "id"); return v == "matrix" })
	if len(tables) != 1 {
		t.Fatalf("found %d table#matrix, want 1", len(tables))
	}
	m := tables[0]
	var s matrixStats
	for _, tr := range findAll(m, tag("tr")) {
		if f, ok := attr(tr, "data-function"); ok {
			s.functions = append(s.functions, f)
		}
	}
	s.rows = len(s.functions)
	actions := findAll(m, func(n *html.Node) bool { return n.Data == "tr" && hasClass(n, "actions") })
	if len(actions) != 1 {
		t.Fatalf("found %d header rows of actions, want 1", len(actions))
	}
	s.columns = len(findAll(actions[0], tag("th")))
	granted := findAll(m, func(n *html.Node) bool { return n.Data == "td" && hasClass(n, "granted") })
	s.granted = len(granted)
	for _, c := range granted {
		if hasClass(c, "wide") {
			s.wide++
		}
		if hasClass(c, "managed") {
			s.managed++
		}
	}
	s.bars = len(findAll(doc, func(n *html.Node) bool { return hasClass(n, "quota") }))
	return s
}

func TestHTMLMatrix(t *testing.T) {
	r := sampleReport()
	r.Sort()
	doc := parseHTML(t, r.HTML())
	got := statsOf(t, doc)
	want := matrixStats(sampleMatrix)
	if !reflect.DeepEqual(got, want) {
		t.Errorf("matrix = %+v, want %+v", got, want)
	}
	for _, tr := range findAll(doc, tag("tr")) {
		if f, ok := attr(tr, "data-function"); ok {
			if cells := len(findAll(tr, tag("td"))); cells != want.columns {
				t.Errorf("row %s has %d cells, want %d", f, cells, want.columns)
			}
		}
	}
}

func TestHTMLCellTitles(t *testing.T) {
	r := sampleReport()
	r.Sort()
	doc := parseHTML(t, r.HTML())
	tests := []struct {
		name     string
		function string
		want     []string
	}{
		{name: "grant from another construct", function: "Orders/Poller", want: []string{"dynamodb:GetItem", "source: grant: Orders/Table", "on ${Token[TOKEN.42]}"}},
		{name: "statement on every resource", function: "Orders/Api", want: []string{"xray:PutTraceSegments", "source: xray (Sid Tracing)", "on *"}},
		{name: "condition", function: "Orders/Api", want: []string{"kms:Decrypt", "if StringEquals kms:ViaService = lambda.${AWS::Region}.amazonaws.com"}},
		{name: "wildcard action", function: "Legacy/Importer", want: []string{"logs:PutLogEvents", "via logs:*"}},
		{name: "managed policy", function: "Legacy/Handler", want: []string{"AWSLambdaBasicExecutionRole", "source: user", "arn: arn:${AWS::Partition}:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var titles []string
			for _, tr := range findAll(doc, tag("tr")) {
				if f, _ := attr(tr, "data-function"); f == tt.function {
					for _, td := range findAll(tr, func(n *html.Node) bool { return hasClass(n, "granted") }) {
						v, _ := attr(td, "title")
						titles = append(titles, v)
					}
				}
			}
			found := slices.ContainsFunc(titles, func(title string) bool {
				return !slices.ContainsFunc(tt.want, func(w string) bool { return !strings.Contains(title, w) })
			})
			if !found {
				t.Errorf("no granted cell of %s has a title with all of %q; titles:\n%s", tt.function, tt.want, strings.Join(titles, "\n---\n"))
			}
		})
	}
}

func TestHTMLIsSelfContained(t *testing.T) {
	doc := parseHTML(t, sampleReport().HTML())
	for _, name := range []string{"script", "link", "img", "iframe", "object"} {
		if n := findAll(doc, tag(name)); len(n) > 0 {
			t.Errorf("page has %d <%s> elements, want none", len(n), name)
		}
	}
	for _, n := range findAll(doc, func(*html.Node) bool { return true }) {
		for _, key := range []string{"href", "src"} {
			if v, ok := attr(n, key); ok && !strings.HasPrefix(v, "#") {
				t.Errorf("<%s %s=%q> leaves the page", n.Data, key, v)
			}
		}
	}
}

func TestHTMLEscapesHostileStrings(t *testing.T) {
	hostile := `<script>alert("x")</script>`
	attrBreak := `"><img src=x onerror=alert(1)>`
	r := &Report{
		App: hostile,
		Roles: []Role{{
			Path: "Stack/" + attrBreak, Stack: hostile, Mode: attrBreak, Features: []string{hostile},
			ManagedPolicies: []ManagedPolicy{{Name: hostile, ARN: attrBreak, Source: hostile}},
			Statements:      []Statement{{Sid: hostile, Actions: []string{"sqs:" + hostile}, Resources: []string{attrBreak}, Source: hostile}},
			Functions:       []string{"Stack/" + hostile},
			Warnings:        []string{hostile},
			PolicyDocument:  map[string]any{"Statement": hostile},
		}},
		Functions: []Function{{Path: "Stack/" + hostile, Stack: hostile, Role: "Stack/" + attrBreak, Features: []string{hostile}, Fingerprint: attrBreak}},
	}
	page := r.HTML()
	if strings.Contains(page, "<script") || strings.Contains(page, "<img") {
		t.Fatalf("page holds unescaped markup:\n%s", page)
	}
	doc := parseHTML(t, page)
	if n := findAll(doc, func(n *html.Node) bool { return n.Data == "script" || n.Data == "img" }); len(n) > 0 {
		t.Errorf("parsed page has %d script or img elements, want none", len(n))
	}
	got := statsOf(t, doc)
	if want := []string{"Stack/" + hostile}; !slices.Equal(got.functions, want) {
		t.Errorf("data-function = %q, want %q", got.functions, want)
	}
	if got.granted != 2 {
		t.Errorf("granted cells = %d, want 2 (the action and the policy)", got.granted)
	}
}

func TestMarkdown(t *testing.T) {
	r := sampleReport()
	r.Sort()
	md := r.Markdown()
	tests := []struct {
		name string
		want string
	}{
		{name: "title names the app", want: "# Permissions report: orders\n"},
		{name: "summary counts roles by mode", want: "- Roles: 4 (1 managed, 1 least-privilege, 1 imported, 1 cdk)\n"},
		{name: "account quota", want: "- Account IAM roles: 3 of 1000 (0.3%)\n"},
		{name: "functions table", want: "| `Orders/Poller` | Orders | `Orders/PollerRole` | `logs`, `sqs`, `xray` | `3f9a1c` |\n"},
		{name: "role heading", want: "\n### `Orders/ApiRole`\n"},
		{name: "generated role name", want: "| Role name | (generated) |\n"},
		{name: "statement with condition", want: "| `EnvironmentKey` | `kms:Decrypt` | `${Token[TOKEN.77]}` | `StringEquals kms:ViaService = lambda.${AWS::Region}.amazonaws.com` | kms-environment |\n"},
		{name: "managed policy", want: "| AWSXRayDaemonWriteAccess | `arn:${AWS::Partition}:iam::aws:policy/AWSXRayDaemonWriteAccess` | xray |\n"},
		{name: "quota use", want: "| inline policy characters | 8704 | 10240 | 85.0% |\n"},
		{name: "imported role quotas", want: "\nQuotas: the role is imported; its quotas belong to its owner.\n"},
		{name: "empty property", want: "| Features | none |\n"},
		{name: "imported role trust", want: "| Trusted by | not known: set by the role's owner |\n"},
		{name: "policy document", want: "```json\n{\n  \"Statement\": [\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if !strings.Contains(md, tt.want) {
				t.Errorf("Markdown lacks %q:\n%s", tt.want, md)
			}
		})
	}
}

// cells counts the cells of a Markdown table row: the pipes that no backslash escapes, less one.
func cells(line string) int {
	n := 0
	for i := 0; i < len(line); i++ {
		switch line[i] {
		case '\\':
			i++
		case '|':
			n++
		}
	}
	return n - 1
}

func TestMarkdownEscapesHostileStrings(t *testing.T) {
	hostile := "a|b <script>alert(1)</script> *c* `d`\nnext line"
	r := &Report{
		App: hostile,
		Roles: []Role{{
			Path: "Stack/" + hostile, Stack: hostile, Mode: hostile, Features: []string{hostile},
			ManagedPolicies: []ManagedPolicy{{Name: hostile, ARN: hostile, Source: hostile}},
			Statements:      []Statement{{Sid: hostile, Actions: []string{hostile}, Resources: []string{hostile}, Conditions: []Condition{{Operator: hostile, Key: hostile, Values: []string{hostile}}}, Source: hostile}},
			Functions:       []string{hostile},
			Warnings:        []string{hostile},
		}},
		Functions: []Function{{Path: hostile, Stack: hostile, Role: hostile, Features: []string{hostile}, Fingerprint: hostile}},
	}
	md := r.Markdown()
	header := 0 // cells of the current table's header row; 0 outside a table
	for line := range strings.Lines(md) {
		line = strings.TrimSuffix(line, "\n")
		switch {
		case strings.HasPrefix(line, "|---"):
		case strings.HasPrefix(line, "| "):
			if header == 0 {
				header = cells(line)
			} else if got := cells(line); got != header {
				t.Errorf("row has %d cells, want %d: %s", got, header, line)
			}
		case line == "":
			header = 0
		case strings.HasPrefix(line, "next line"):
			t.Errorf("a newline in a value broke a line: %q", line)
		}
		if strings.Contains(outsideCodeSpans(line), "<script>") {
			t.Errorf("raw HTML outside a code span: %s", line)
		}
	}
}

// outsideCodeSpans returns line without its code spans, as CommonMark reads them: a run of
// backticks not escaped by a backslash opens a span that the next run of as many closes.
func outsideCodeSpans(line string) string {
	run := func(i int) int {
		n := 0
		for i+n < len(line) && line[i+n] == '`' {
			n++
		}
		return n
	}
	var b strings.Builder
	for i := 0; i < len(line); {
		switch {
		case line[i] == '\\' && i+1 < len(line):
			b.WriteString(line[i : i+2])
			i += 2
		case line[i] == '`':
			n, end := run(i), -1
			for j := i + n; j < len(line); {
				if m := run(j); m == n {
					end = j + m
					break
				} else if m > 0 {
					j += m
				} else {
					j++
				}
			}
			if end < 0 { // no closing run: the backticks are text
				b.WriteString(line[i : i+n])
				i += n
			} else {
				i = end
			}
		default:
			b.WriteByte(line[i])
			i++
		}
	}
	return b.String()
}

func TestWriteFiles(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "assembly")
	r := sampleReport()
	paths, err := r.WriteFiles(dir, "permissions")
	if err != nil {
		t.Fatal(err)
	}
	want := []string{filepath.Join(dir, "permissions.json"), filepath.Join(dir, "permissions.md"), filepath.Join(dir, "permissions.html")}
	if !slices.Equal(paths, want) {
		t.Fatalf("WriteFiles wrote %q, want %q", paths, want)
	}
	sorted := sampleReport()
	sorted.Sort()
	contents := []string{string(must(sorted.JSON())), sorted.Markdown(), sorted.HTML()}
	for i, p := range paths {
		b, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		if string(b) != contents[i] {
			t.Errorf("%s differs from the sorted report's rendering", filepath.Base(p))
		}
	}
}

func TestWriteFilesErrors(t *testing.T) {
	tests := []struct {
		name string
		base string
		want string
	}{
		{name: "fails if base is empty", base: "", want: `report file base name "" must be a plain file name`},
		{name: "fails if base is a path", base: "out/permissions", want: `report file base name "out/permissions" must be a plain file name`},
		{name: "fails if base is the parent folder", base: "..", want: `report file base name ".." must be a plain file name`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := sampleReport().WriteFiles(t.TempDir(), tt.base)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("WriteFiles error = %v, want one containing %q", err, tt.want)
			}
		})
	}
}

// The functions aws-cdk-lib made for itself are named in both renderings, audited or not,
// and each function the audit skipped comes with why.
func TestOwnAndSkippedFunctions(t *testing.T) {
	r := sampleReport()
	r.Functions[4].CreatedBy = "customresources.Provider (the provider framework)"
	r.Skipped = []SkippedFunction{
		{Path: "Orders/LogRetention", Stack: "Orders", CreatedBy: "log retention", Reason: "fixed by aws-cdk-lib"},
		{Path: "Orders/Raw", Stack: "Orders", Reason: "a raw <function>"},
	}
	r.Sort()
	md := r.Markdown()
	for _, want := range []string{
		"| `Legacy/Handler` | Legacy | customresources.Provider (the provider framework) | audited like any function |\n",
		"| `Orders/LogRetention` | Orders | log retention | not audited: fixed by aws-cdk-lib |\n",
		"| `Orders/Raw` | Orders | the app | not audited: a raw &lt;function&gt; |\n",
	} {
		if !strings.Contains(md, want) {
			t.Errorf("Markdown lacks %q:\n%s", want, md)
		}
	}
	page := r.HTML()
	for _, want := range []string{
		"made by aws-cdk-lib: customresources.Provider (the provider framework)",
		"<td class=\"nowrap\"><code>Orders/LogRetention</code></td>",
		"<td>fixed by aws-cdk-lib</td>",
		"<td>the app</td>",
		"<td>a raw &lt;function&gt;</td>",
	} {
		if !strings.Contains(page, want) {
			t.Errorf("HTML lacks %q", want)
		}
	}
	if md := sampleReport().Markdown(); strings.Contains(md, "not audited") || strings.Contains(md, "aws-cdk-lib made") {
		t.Errorf("a report without such functions has their section:\n%s", md)
	}
}
