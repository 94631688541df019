package permissions_test

import (
	"bytes"
	"encoding/json"
	"math/rand/v2"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/execrole/execrole/constructs/permissions"
)

// compactPolicy is an identity policy holding statements (each compact JSON), written the way
// IAM counts its size: no whitespace.
func compactPolicy(statements ...string) string {
	return `{"Statement":[` + strings.Join(statements, ",") + `],"Version":"2012-10-17"}`
}

func TestPolicySize(t *testing.T) {
	tests := []struct {
		name string
		give []permissions.Statement
		want string // the policy as IAM stores it once CloudFormation resolves it
	}{
		{
			name: "no statements",
			want: compactPolicy(),
		},
		{
			name: "one action on one resource",
			give: []permissions.Statement{{Actions: []string{"s3:GetObject"}, Resources: []string{"arn:aws:s3:::orders/*"}}},
			want: compactPolicy(`{"Action":"s3:GetObject","Effect":"Allow","Resource":"arn:aws:s3:::orders/*"}`),
		},
		{
			name: "lists of actions and resources, and a sid",
			give: []permissions.Statement{{Sid: "Objects", Actions: []string{"s3:GetObject", "s3:PutObject"}, Resources: []string{"arn:aws:s3:::a/*", "arn:aws:s3:::b/*"}}},
			want: compactPolicy(`{"Action":["s3:GetObject","s3:PutObject"],"Effect":"Allow","Resource":["arn:aws:s3:::a/*","arn:aws:s3:::b/*"],"Sid":"Objects"}`),
		},
		{
			name: "pseudo parameters count as their longest values",
			give: []permissions.Statement{{Actions: []string{"sqs:SendMessage"}, Resources: []string{"arn:${AWS::Partition}:sqs:${AWS::Region}:${AWS::AccountId}:orders"}}},
			want: compactPolicy(`{"Action":"sqs:SendMessage","Effect":"Allow","Resource":"arn:aws-us-gov:sqs:ap-southeast-5:123456789012:orders"}`),
		},
		{
			name: "the URL suffix counts as its longest value",
			give: []permissions.Statement{{Actions: []string{"kms:Decrypt"}, Resources: []string{"*"}, Conditions: []permissions.Condition{
				{Operator: "StringEquals", Key: "kms:ViaService", Values: []string{"sqs.${AWS::Region}.${AWS::URLSuffix}"}},
			}}},
			want: compactPolicy(`{"Action":"kms:Decrypt","Condition":{"StringEquals":{"kms:ViaService":"sqs.ap-southeast-5.amazonaws.com.cn"}},"Effect":"Allow","Resource":"*"}`),
		},
		{
			name: "a token counts as a typical ARN of 128 characters",
			give: []permissions.Statement{{Actions: []string{"sqs:SendMessage"}, Resources: []string{"${Token[TOKEN.123]}"}}},
			want: compactPolicy(`{"Action":"sqs:SendMessage","Effect":"Allow","Resource":"` + strings.Repeat("x", 128) + `"}`),
		},
		{
			name: "each of two tokens in one resource counts as 128 characters",
			give: []permissions.Statement{{Actions: []string{"s3:GetObject"}, Resources: []string{"${Token[TOKEN.1]}/${Token[TOKEN.2]}"}}},
			want: compactPolicy(`{"Action":"s3:GetObject","Effect":"Allow","Resource":"` + strings.Repeat("x", 128) + "/" + strings.Repeat("x", 128) + `"}`),
		},
		{
			name: "text that only looks like a token counts as written",
			give: []permissions.Statement{{Actions: []string{"s3:GetObject"}, Resources: []string{"${Token[a]b]}"}}},
			want: compactPolicy(`{"Action":"s3:GetObject","Effect":"Allow","Resource":"${Token[a]b]}"}`),
		},
		{
			name: "condition values are resolved too, and grouped by operator",
			give: []permissions.Statement{{Actions: []string{"s3:GetObject"}, Resources: []string{"*"}, Conditions: []permissions.Condition{
				{Operator: "StringEquals", Key: "aws:SourceAccount", Values: []string{"${AWS::AccountId}"}},
				{Operator: "StringEquals", Key: "aws:SourceVpce", Values: []string{"vpce-1", "vpce-2"}},
			}}},
			want: compactPolicy(`{"Action":"s3:GetObject","Condition":{"StringEquals":{"aws:SourceAccount":"123456789012","aws:SourceVpce":["vpce-1","vpce-2"]}},"Effect":"Allow","Resource":"*"}`),
		},
		{
			name: "html characters count once, not as json escapes",
			give: []permissions.Statement{{Actions: []string{"s3:GetObject"}, Resources: []string{"*"}, Conditions: []permissions.Condition{
				{Operator: "StringLike", Key: "s3:prefix", Values: []string{"a<b>&c"}},
			}}},
			want: compactPolicy(`{"Action":"s3:GetObject","Condition":{"StringLike":{"s3:prefix":"a<b>&c"}},"Effect":"Allow","Resource":"*"}`),
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := permissions.PolicySize(tt.give); got != len(tt.want) {
				t.Errorf("PolicySize = %d, want %d for %s", got, len(tt.want), tt.want)
			}
		})
	}
}

// encodedLen is the number of characters encoding/json writes for v without whitespace and
// without HTML escaping (IAM counts <, > and & once).
func encodedLen(t *testing.T, v any) int {
	t.Helper()
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		t.Fatal(err)
	}
	return utf8.RuneCount(bytes.TrimSuffix(b.Bytes(), []byte("\n")))
}

// randomText is a short string drawn from characters JSON writes as they are and characters
// it escapes: quotes, backslashes, control characters, HTML characters, line and paragraph
// separators, non-ASCII letters and bytes that are not UTF-8.
func randomText(r *rand.Rand) string {
	pieces := []string{"a", "Z", "0", ":", "/", "*", "-", " ", `"`, `\\`, "\x00", "\x01", "\b", "\f", "\n", "\r", "\t", "\x1f",
		"<", ">", "&", "\u2028", "\u2029", "é", "日本", "😀", "\xff", "\xc3", "\x7f", "{", "}", "[", "]",
		"arn:aws:sqs:us-east-1", "abcdefgh"}
	var b strings.Builder
	for range r.IntN(12) {
		b.WriteString(pieces[r.IntN(len(pieces))])
	}
	return b.String()
}

func randomTexts(r *rand.Rand, max int) []string {
	var out []string
	for range r.IntN(max + 1) {
		out = append(out, randomText(r))
	}
	return out
}

// TestPolicySizeMatchesEncodingJSON: PolicySize and TrustSize, computed without building the
// document, count exactly the characters encoding/json writes for it, on random statements
// whose texts need every kind of escape, with conditions sharing operators and keys.
func TestPolicySizeMatchesEncodingJSON(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	operators := []string{"StringEquals", "ArnLike", "Bool"}
	for i := range 3000 {
		var stmts []permissions.Statement
		for range r.IntN(4) {
			s := permissions.Statement{Actions: randomTexts(r, 3), Resources: randomTexts(r, 3)}
			if r.IntN(2) == 0 {
				s.Sid = randomText(r)
			}
			for range r.IntN(5) {
				s.Conditions = append(s.Conditions, permissions.Condition{
					Operator: operators[r.IntN(len(operators))], Key: []string{"aws:a", "k<&>", randomText(r)}[r.IntN(3)], Values: randomTexts(r, 3),
				})
			}
			stmts = append(stmts, s)
		}
		want := encodedLen(t, map[string]any{"Version": "2012-10-17", "Statement": permissions.Document(stmts)})
		if got := permissions.PolicySize(stmts); got != want {
			b, _ := json.Marshal(permissions.Document(stmts))
			t.Fatalf("policy %d: PolicySize = %d, encoding/json writes %d characters:\n%s", i, got, want, b)
		}
		services := randomTexts(r, 3)
		trust := map[string]any{"Version": "2012-10-17", "Statement": []any{map[string]any{
			"Effect": "Allow", "Action": "sts:AssumeRole", "Principal": map[string]any{"Service": oneOrMany(services)},
		}}}
		if got, want := permissions.TrustSize(services), encodedLen(t, trust); got != want {
			t.Fatalf("trust %d: TrustSize(%q) = %d, encoding/json writes %d characters", i, services, got, want)
		}
	}
}

// oneOrMany is one value as itself and any other number as a list, as IAM writes them.
func oneOrMany(v []string) any {
	if len(v) == 1 {
		return v[0]
	}
	return append([]string{}, v...)
}

func TestTrustSize(t *testing.T) {
	tests := []struct {
		name string
		give []string
		want string
	}{
		{
			name: "lambda alone",
			give: []string{"lambda.amazonaws.com"},
			want: `{"Statement":[{"Action":"sts:AssumeRole","Effect":"Allow","Principal":{"Service":"lambda.amazonaws.com"}}],"Version":"2012-10-17"}`,
		},
		{
			name: "lambda and lambda@edge",
			give: []string{"lambda.amazonaws.com", "edgelambda.amazonaws.com"},
			want: `{"Statement":[{"Action":"sts:AssumeRole","Effect":"Allow","Principal":{"Service":["lambda.amazonaws.com","edgelambda.amazonaws.com"]}}],"Version":"2012-10-17"}`,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := permissions.TrustSize(tt.give); got != len(tt.want) {
				t.Errorf("TrustSize = %d, want %d", got, len(tt.want))
			}
		})
	}
}

func TestDocument(t *testing.T) {
	tests := []struct {
		name string
		give []permissions.Statement
		want string
	}{
		{
			name: "one action and one resource are strings, no sid is no Sid",
			give: []permissions.Statement{{Actions: []string{"xray:PutTraceSegments"}, Resources: []string{"*"}}},
			want: `[{"Action":"xray:PutTraceSegments","Effect":"Allow","Resource":"*"}]`,
		},
		{
			name: "several are lists, in the order given",
			give: []permissions.Statement{{Sid: "Poll", Actions: []string{"sqs:ReceiveMessage", "sqs:DeleteMessage"}, Resources: []string{queueARN, keyARN}}},
			want: `[{"Action":["sqs:ReceiveMessage","sqs:DeleteMessage"],"Effect":"Allow","Resource":["` + queueARN + `","` + keyARN + `"],"Sid":"Poll"}]`,
		},
		{
			name: "conditions group by operator",
			give: []permissions.Statement{{Actions: []string{"xray:PutTraceSegments"}, Resources: []string{"*"}, Conditions: []permissions.Condition{
				{Operator: "StringEquals", Key: "aws:ResourceAccount", Values: []string{"${aws:PrincipalAccount}"}},
				{Operator: "Bool", Key: "aws:SecureTransport", Values: []string{"true"}},
			}}},
			want: `[{"Action":"xray:PutTraceSegments","Condition":{"Bool":{"aws:SecureTransport":"true"},"StringEquals":{"aws:ResourceAccount":"${aws:PrincipalAccount}"}},"Effect":"Allow","Resource":"*"}]`,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b, err := json.Marshal(permissions.Document(tt.give))
			if err != nil {
				t.Fatal(err)
			}
			if string(b) != tt.want {
				t.Errorf("Document =\n %s\nwant\n %s", b, tt.want)
			}
		})
	}
}

// TestResolveInlineQuotaBoundary: a role's inline policy may hold exactly 10,240 characters,
// not one more.
func TestResolveInlineQuotaBoundary(t *testing.T) {
	_, j := bigStatement("Edge", 100)
	overhead := len(compactPolicy(j)) - 100
	tests := []struct {
		name    string
		give    int // policy size
		wantErr bool
	}{
		{"10240 characters fit", 10240, false},
		{"fails if 10241 characters", 10241, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, _ := bigStatement("Edge", tt.give-overhead)
			p, err := permissions.Resolve(permissions.Request{Statements: []permissions.Statement{s}})
			if (err != nil) != tt.wantErr || (err == nil && p.InlineChars != tt.give) {
				t.Errorf("InlineChars %d, error %v; want %d characters, error %t", p.InlineChars, err, tt.give, tt.wantErr)
			}
		})
	}
}
