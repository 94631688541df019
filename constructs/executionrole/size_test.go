package executionrole_test

import (
	"testing"

	"github.com/execrole/execrole/constructs/executionrole"
	"github.com/execrole/execrole/constructs/permissions"
)

// A document resolved by CloudFormation's rules is sized exactly as the planner sizes the
// same statements before synthesis: one counting rule for the inline quota.
func TestResolvedDocumentsAreSizedLikePlannedOnes(t *testing.T) {
	partitionARN := map[string]any{"Fn::Join": []any{"", []any{
		"arn:", map[string]any{"Ref": "AWS::Partition"}, ":sqs:", map[string]any{"Ref": "AWS::Region"},
		":", map[string]any{"Ref": "AWS::AccountId"}, ":orders",
	}}}
	tests := []struct {
		name     string
		resolved any
		planned  permissions.Statement
	}{
		{
			"pseudo parameters",
			map[string]any{"Action": "sqs:SendMessage", "Effect": "Allow", "Resource": partitionARN, "Sid": "Send"},
			permissions.Statement{Sid: "Send", Actions: []string{"sqs:SendMessage"}, Resources: []string{permissions.ARN("sqs", "orders")}},
		},
		{
			"a resource attribute",
			map[string]any{"Action": []any{"sqs:ReceiveMessage", "sqs:DeleteMessage"}, "Effect": "Allow", "Resource": map[string]any{"Fn::GetAtt": []any{"Queue", "Arn"}}},
			permissions.Statement{Actions: []string{"sqs:ReceiveMessage", "sqs:DeleteMessage"}, Resources: []string{"${Token[TOKEN.7]}"}},
		},
		{
			"a token inside a join",
			map[string]any{"Action": "kinesis:SubscribeToShard", "Effect": "Allow", "Resource": map[string]any{"Fn::Join": []any{"", []any{map[string]any{"Fn::GetAtt": []any{"Stream", "Arn"}}, "/consumer/*"}}}},
			permissions.Statement{Actions: []string{"kinesis:SubscribeToShard"}, Resources: []string{"${Token[TOKEN.9]}/consumer/*"}},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc := map[string]any{"Version": "2012-10-17", "Statement": []any{tt.resolved}}
			if got, want := executionrole.DocumentSize(doc), permissions.PolicySize([]permissions.Statement{tt.planned}); got != want {
				t.Errorf("DocumentSize = %d, PolicySize = %d", got, want)
			}
		})
	}
}
