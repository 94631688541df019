package permissions

import (
	"slices"
	"testing"
)

func TestUncovered(t *testing.T) {
	queue := "arn:aws:sqs:us-east-1:123456789012:orders"
	token := "${Token[TOKEN.42]}"
	tests := []struct {
		name     string
		give     Statement
		have     []Statement
		want     []string // actions left; nil when all are covered
		wantLeft bool
	}{
		{name: "same actions on the same resource", give: Statement{Actions: []string{"xray:PutTraceSegments"}, Resources: []string{"*"}},
			have: []Statement{{Actions: []string{"xray:PutTraceSegments", "xray:PutTelemetryRecords"}, Resources: []string{"*"}}}},
		{name: "a star resource covers any resource", give: Statement{Actions: []string{"sqs:ReceiveMessage", "sqs:GetQueueUrl"}, Resources: []string{queue}},
			have: []Statement{{Actions: []string{"sqs:ReceiveMessage"}, Resources: []string{"*"}}}, want: []string{"sqs:GetQueueUrl"}, wantLeft: true},
		{name: "a star resource covers a token", give: Statement{Actions: []string{"sqs:ReceiveMessage"}, Resources: []string{token}},
			have: []Statement{{Actions: []string{"sqs:ReceiveMessage"}, Resources: []string{"*"}}}},
		{name: "a token covers only itself", give: Statement{Actions: []string{"sqs:ReceiveMessage"}, Resources: []string{token}},
			have: []Statement{{Actions: []string{"sqs:ReceiveMessage"}, Resources: []string{"${Token[TOKEN.43]}"}}}, want: []string{"sqs:ReceiveMessage"}, wantLeft: true},
		{name: "a pattern does not match a token", give: Statement{Actions: []string{"sqs:ReceiveMessage"}, Resources: []string{token}},
			have: []Statement{{Actions: []string{"sqs:ReceiveMessage"}, Resources: []string{"arn:*"}}}, want: []string{"sqs:ReceiveMessage"}, wantLeft: true},
		{name: "an ARN pattern covers across slashes", give: Statement{Actions: []string{"logs:PutLogEvents"}, Resources: []string{"arn:aws:logs:us-east-1:1:log-group:/aws/lambda/f:*"}},
			have: []Statement{{Actions: []string{"logs:PutLogEvents"}, Resources: []string{"arn:aws:logs:*:*:*"}}}},
		{name: "an action pattern ignores case", give: Statement{Actions: []string{"S3:GetObject"}, Resources: []string{"*"}},
			have: []Statement{{Actions: []string{"s3:get*"}, Resources: []string{"*"}}}},
		{name: "an action on only some resources stays", give: Statement{Actions: []string{"s3:GetObject"}, Resources: []string{"arn:aws:s3:::a/*", "arn:aws:s3:::b/*"}},
			have: []Statement{{Actions: []string{"s3:GetObject"}, Resources: []string{"arn:aws:s3:::a/*"}}}, want: []string{"s3:GetObject"}, wantLeft: true},
		{name: "a conditional statement covers nothing unconditional", give: Statement{Actions: []string{"kms:Decrypt"}, Resources: []string{"*"}},
			have: []Statement{{Actions: []string{"kms:Decrypt"}, Resources: []string{"*"}, Conditions: []Condition{{Operator: "StringEquals", Key: "kms:ViaService", Values: []string{"sqs.us-east-1.amazonaws.com"}}}}},
			want: []string{"kms:Decrypt"}, wantLeft: true},
		{name: "a different action is not covered", give: Statement{Actions: []string{"sqs:SendMessage"}, Resources: []string{queue}},
			have: []Statement{{Actions: []string{"sqs:SendMessageBatch"}, Resources: []string{queue}}}, want: []string{"sqs:SendMessage"}, wantLeft: true},
		{name: "a question mark is one character", give: Statement{Actions: []string{"s3:GetObject"}, Resources: []string{"arn:aws:s3:::ab"}},
			have: []Statement{{Actions: []string{"s3:GetObject"}, Resources: []string{"arn:aws:s3:::a?"}}}},
		{name: "a bracket is literal", give: Statement{Actions: []string{"s3:GetObject"}, Resources: []string{"arn:aws:s3:::a"}},
			have: []Statement{{Actions: []string{"s3:GetObject"}, Resources: []string{"arn:aws:s3:::[a]"}}}, want: []string{"s3:GetObject"}, wantLeft: true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, left := Uncovered(tt.give, tt.have)
			if left != tt.wantLeft || !slices.Equal(got.Actions, tt.want) {
				t.Errorf("Uncovered = %v, %v; want actions %v, %v", got.Actions, left, tt.want, tt.wantLeft)
			}
			if left && !slices.Equal(got.Resources, tt.give.Resources) {
				t.Errorf("resources %v, want %v", got.Resources, tt.give.Resources)
			}
		})
	}
}

// The managed policies a plan attaches for its features count as allowed, with the
// statements AWS publishes for them; a managed policy the user names does not.
func TestPlanAllowedHoldsManagedPolicyStatements(t *testing.T) {
	plan, err := Resolve(Request{Uses: []Use{{Feature: Tracing}}, ManagedPolicies: []string{"AmazonS3ReadOnlyAccess"}})
	if err != nil {
		t.Fatal(err)
	}
	allowed := plan.Allowed()
	if _, left := Uncovered(Statement{Actions: []string{"xray:PutTraceSegments", "logs:PutLogEvents"}, Resources: []string{"*"}}, allowed); left {
		t.Errorf("tracing and basic logs plan does not allow xray:PutTraceSegments and logs:PutLogEvents: %v", allowed)
	}
	if _, left := Uncovered(Statement{Actions: []string{"s3:GetObject"}, Resources: []string{"*"}}, allowed); !left {
		t.Error("a user-named managed policy counted as allowed, without a document")
	}
}
