package permissions_test

import (
	"testing"

	"github.com/execrole/execrole/constructs/permissions"
)

func TestActionMatches(t *testing.T) {
	tests := []struct {
		name            string
		pattern, action string
		want            bool
	}{
		{"exact", "sqs:ReceiveMessage", "sqs:ReceiveMessage", true},
		{"case is ignored", "SQS:receivemessage", "sqs:ReceiveMessage", true},
		{"trailing star", "sqs:Receive*", "sqs:ReceiveMessage", true},
		{"every action of a service", "sqs:*", "sqs:DeleteMessage", true},
		{"every action", "*", "xray:PutTraceSegments", true},
		{"question mark is one character", "s3:Get?bject", "s3:GetObject", true},
		{"stars inside", "s3:*Object*", "s3:PutObjectAcl", true},
		{"star then suffix", "s3:Get*Acl", "s3:GetObjectAcl", true},
		{"fails if the suffix after a star differs", "s3:Get*Acl", "s3:GetObject", false},
		{"fails if the service differs", "sqs:*", "sns:Publish", false},
		{"fails if the prefix differs", "sqs:Receive*", "sqs:DeleteMessage", false},
		{"fails if question mark meets two characters", "s3:Get?bject", "s3:GetObjects", false},
		{"fails if the action is longer", "sqs:ReceiveMessage", "sqs:ReceiveMessages", false},
		{"fails if brackets are taken literally", "sqs:[R]eceiveMessage", "sqs:ReceiveMessage", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := permissions.ActionMatches(tt.pattern, tt.action); got != tt.want {
				t.Errorf("ActionMatches(%q, %q) = %v, want %v", tt.pattern, tt.action, got, tt.want)
			}
		})
	}
}
