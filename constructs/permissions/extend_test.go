package permissions_test

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/execrole/execrole/constructs/permissions"
)

// grantsOf lists every action-resource-condition triple the statements allow, with its
// count.
func grantsOf(stmts []permissions.Statement) map[string]int {
	out := map[string]int{}
	for _, s := range stmts {
		for _, a := range s.Actions {
			for _, r := range s.Resources {
				out[fmt.Sprintf("%s on %s if %v", a, r, s.Conditions)]++
			}
		}
	}
	return out
}

// A role extended with features holds what it held, plus what the features need: the plan
// says so, and the added statements are exactly the difference.
func TestExtendKeepsWhatTheRoleHolds(t *testing.T) {
	const otherStream = "arn:aws:kinesis:us-east-1:123456789012:stream/other"
	lp := func(u ...permissions.Use) permissions.Request {
		return permissions.Request{LeastPrivilege: true, FunctionNames: []string{"orders"}, Uses: u}
	}
	tests := []struct {
		name        string
		prev, req   permissions.Request
		wantManaged []string
		wantTrust   []string
	}{
		{
			name: "durable keeps the basic policy the role already has",
			prev: permissions.Request{}, req: permissions.Request{Uses: []permissions.Use{{Feature: permissions.Durable}}},
			wantManaged: []string{"AWSLambdaBasicExecutionRole", "AWSLambdaBasicDurableExecutionRolePolicy"},
			wantTrust:   []string{permissions.LambdaPrincipal},
		},
		{
			name: "edge adds its principal",
			prev: lp(), req: lp(permissions.Use{Feature: permissions.Edge}),
			wantTrust: []string{permissions.LambdaPrincipal, "edgelambda.amazonaws.com"},
		},
		{
			name:      "a second stream of the same feature",
			prev:      lp(permissions.Use{Feature: permissions.Kinesis, Resources: []string{streamARN}}),
			req:       lp(permissions.Use{Feature: permissions.Kinesis, Resources: []string{streamARN, otherStream}}),
			wantTrust: []string{permissions.LambdaPrincipal},
		},
		{
			name:      "a feature merged with one the role has",
			prev:      lp(permissions.Use{Feature: permissions.Tracing}),
			req:       lp(permissions.Use{Feature: permissions.Tracing}, permissions.Use{Feature: permissions.Kinesis, Resources: []string{streamARN}}),
			wantTrust: []string{permissions.LambdaPrincipal},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			prev := mustResolve(t, tt.prev)
			got, added, err := permissions.Extend(prev, tt.req)
			if err != nil {
				t.Fatal(err)
			}
			var managed []string
			for _, m := range got.ManagedPolicies {
				managed = append(managed, m.Name)
			}
			if !slices.Equal(managed, tt.wantManaged) {
				t.Errorf("ManagedPolicies = %v, want %v", managed, tt.wantManaged)
			}
			if !slices.Equal(got.Trust, tt.wantTrust) {
				t.Errorf("Trust = %v, want %v", got.Trust, tt.wantTrust)
			}
			// The plan is prev's statements then the added ones, and allows what resolving
			// the request at once allows, each permission once.
			if want := append(slices.Clone(prev.Statements), added...); !slices.EqualFunc(got.Statements, want, func(a, b permissions.Statement) bool { return fmt.Sprint(a) == fmt.Sprint(b) }) {
				t.Errorf("Statements = %v, want prev's then the added %v", got.Statements, added)
			}
			atOnce := grantsOf(mustResolve(t, tt.req).Statements)
			have := grantsOf(got.Statements)
			for g, n := range have {
				if n > 1 || atOnce[g] == 0 && grantsOf(prev.Statements)[g] == 0 {
					t.Errorf("%s: granted %d times, planned at once %d times", g, n, atOnce[g])
				}
			}
			for g := range atOnce {
				if have[g] == 0 {
					t.Errorf("%s is planned at once but not after Extend", g)
				}
			}
			// Every statement has its own Sid, and every feature statement an owner.
			sids := map[string]bool{}
			for _, s := range got.Statements {
				if sids[s.Sid] {
					t.Errorf("Sid %q used twice", s.Sid)
				}
				sids[s.Sid] = true
				if len(got.Sources[s.Sid]) == 0 {
					t.Errorf("statement %q has no owner in Sources", s.Sid)
				}
			}
		})
	}
}

// Durable replaces basic logs in a new plan, but the role keeps the basic policy it has: the
// whole is over a quota the new plan alone fits.
func TestExtendChecksTheQuotaOnTheWhole(t *testing.T) {
	prev := mustResolve(t, permissions.Request{MaxManagedPolicies: 2})
	req := permissions.Request{MaxManagedPolicies: 2, Uses: []permissions.Use{{Feature: permissions.Durable}, {Feature: permissions.Tracing}}}
	mustResolve(t, req)
	_, _, err := permissions.Extend(prev, req)
	if err == nil || !strings.Contains(err.Error(), "3 managed policies exceed the quota of 2") {
		t.Errorf("Extend over the quota: error %v, want the managed-policy quota", err)
	}
}

// MergeUses lends a declared use only what it lacks, drops a use another feature serves,
// appends a new feature, says whether anything changed, and leaves its input alone.
func TestMergeUses(t *testing.T) {
	q1, q2 := "arn:aws:sqs:us-east-1:123456789012:a", "arn:aws:sqs:us-east-1:123456789012:b"
	tests := []struct {
		name        string
		have, add   []permissions.Use
		want        []permissions.Use
		wantChanged bool
	}{
		{name: "same resource", have: []permissions.Use{{Feature: permissions.SQS, Resources: []string{q1}}}, add: []permissions.Use{{Feature: permissions.SQS, Resources: []string{q1}}},
			want: []permissions.Use{{Feature: permissions.SQS, Resources: []string{q1}}}},
		{name: "a new resource", have: []permissions.Use{{Feature: permissions.SQS, Resources: []string{q1}}}, add: []permissions.Use{{Feature: permissions.SQS, Resources: []string{q2}}},
			want: []permissions.Use{{Feature: permissions.SQS, Resources: []string{q1, q2}}}, wantChanged: true},
		{name: "a secret and VPC reach", have: []permissions.Use{{Feature: permissions.Kafka}}, add: []permissions.Use{{Feature: permissions.Kafka, Secrets: []string{"s"}, InVPC: true}},
			want: []permissions.Use{{Feature: permissions.Kafka, Secrets: []string{"s"}, InVPC: true}}, wantChanged: true},
		{name: "served by VPCNetworkInterfaces", have: []permissions.Use{{Feature: permissions.VPCNetworkInterfaces}}, add: []permissions.Use{{Feature: permissions.VPC}},
			want: []permissions.Use{{Feature: permissions.VPCNetworkInterfaces}}},
		{name: "basic logs served by Durable", have: []permissions.Use{{Feature: permissions.Durable}}, add: []permissions.Use{{Feature: permissions.BasicLogs}},
			want: []permissions.Use{{Feature: permissions.Durable}}},
		// A declared read-only mount serves the derived read-write one, and takes what it mounts.
		{name: "served by a narrower feature with resources", have: []permissions.Use{{Feature: permissions.S3FilesReadOnly, Resources: []string{"fs1"}}},
			add:  []permissions.Use{{Feature: permissions.S3Files, Resources: []string{"fs2"}, AccessPoints: []string{"ap2"}}},
			want: []permissions.Use{{Feature: permissions.S3FilesReadOnly, Resources: []string{"fs1", "fs2"}, AccessPoints: []string{"ap2"}}}, wantChanged: true},
		{name: "a new feature", have: []permissions.Use{{Feature: permissions.Tracing}}, add: []permissions.Use{{Feature: permissions.VPC}},
			want: []permissions.Use{{Feature: permissions.Tracing}, {Feature: permissions.VPC}}, wantChanged: true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			before := fmt.Sprint(tt.have)
			got, changed := permissions.MergeUses(tt.have, tt.add...)
			if fmt.Sprint(got) != fmt.Sprint(tt.want) || changed != tt.wantChanged {
				t.Errorf("MergeUses = %v, %v; want %v, %v", got, changed, tt.want, tt.wantChanged)
			}
			if fmt.Sprint(tt.have) != before {
				t.Errorf("MergeUses changed its input: %v, was %s", tt.have, before)
			}
		})
	}
}

// Templates' statements join the plan after the features' and before the user's, each under
// a Sid of the template name's letters and digits, numbered from the second on; the plan
// says which template gave each, and a template that failed or a Sid the user took is an
// error.
func TestTemplatesInThePlan(t *testing.T) {
	table := func(name string) []permissions.Statement {
		return []permissions.Statement{{Actions: []string{"dynamodb:GetItem"}, Resources: []string{"arn:aws:dynamodb:us-east-1:123456789012:table/" + name}}}
	}
	req := permissions.Request{
		Uses: []permissions.Use{{Feature: permissions.Tracing}},
		Templates: []permissions.TemplateUse{
			{Name: "DynamoDBCrudPolicy", Statements: table("orders")},
			{Name: "DynamoDBCrudPolicy", Statements: table("invoices")},
			{Name: "SQS Poller permissions", Statements: []permissions.Statement{{Actions: []string{"sqs:ReceiveMessage"}, Resources: []string{"arn:aws:sqs:us-east-1:123456789012:q"}}}},
		},
		Statements: []permissions.Statement{{Sid: "Mine", Actions: []string{"s3:GetObject"}, Resources: []string{"arn:aws:s3:::b/*"}}},
	}
	plan, err := permissions.Resolve(req)
	if err != nil {
		t.Fatal(err)
	}
	var sids []string
	for _, s := range plan.Statements {
		sids = append(sids, s.Sid)
	}
	want := []string{"DynamoDBCrudPolicy", "DynamoDBCrudPolicy2", "SQSPollerpermissions", "Mine"}
	if len(sids) < len(want) || !slices.Equal(sids[len(sids)-len(want):], want) {
		t.Errorf("Sids = %v, want them to end with %v", sids, want)
	}
	if plan.Templates["DynamoDBCrudPolicy"] != "DynamoDBCrudPolicy" || plan.Templates["DynamoDBCrudPolicy2"] != "DynamoDBCrudPolicy" || plan.Templates["SQSPollerpermissions"] != "SQS Poller permissions" || plan.Templates["Mine"] != "" {
		t.Errorf("Templates = %v", plan.Templates)
	}
	for _, tc := range []struct {
		name string
		req  permissions.Request
		want permissions.ErrorID
		says string
	}{
		{"a template that failed", permissions.Request{Templates: []permissions.TemplateUse{{Name: "Nope", Err: fmt.Errorf("no policy template is named %q", "Nope")}}}, permissions.ErrTemplateInvalid, "Templates[0]: no policy template"},
		{"a Sid the user took", permissions.Request{Templates: req.Templates[:1], Statements: []permissions.Statement{{Sid: "DynamoDBCrudPolicy", Actions: []string{"s3:GetObject"}, Resources: []string{"*"}}}}, permissions.ErrStatementInvalid, `statement "DynamoDBCrudPolicy": sid is used twice`},
		{"a template statement without resources", permissions.Request{Templates: []permissions.TemplateUse{{Name: "Broken", Statements: []permissions.Statement{{Actions: []string{"s3:GetObject"}}}}}}, permissions.ErrStatementInvalid, `statement 0 of Templates[0] ("Broken"), sid "Broken", has no resources`},
		{"a template named after a feature's sid", permissions.Request{LeastPrivilege: true, FunctionNames: []string{"orders"}, Uses: []permissions.Use{{Feature: permissions.Tracing}}, Templates: []permissions.TemplateUse{{Name: "Tracing", Statements: table("orders")}}}, permissions.ErrStatementInvalid, "apply the template under another name"},
	} {
		var e *permissions.Error
		if _, err := permissions.Resolve(tc.req); !errors.As(err, &e) || e.ID != tc.want || !strings.Contains(e.Message, tc.says) {
			t.Errorf("%s: err = %v, want %s saying %q", tc.name, err, tc.want, tc.says)
		}
	}
}
