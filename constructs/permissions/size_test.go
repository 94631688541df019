package permissions_test

import (
	"encoding/json"
	"strings"
	"testing"

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
			name: "a token counts as a typical ARN of 128 characters",
			give: []permissions.Statement{{Actions: []string{"sqs:SendMessage"}, Resources: []string{"${Token[TOKEN.123]}"}}},
			want: compactPolicy(`{"Action":"sqs:SendMessage","Effect":"Allow","Resource":"` + strings.Repeat("x", 128) + `"}`),
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
