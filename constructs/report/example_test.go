package report_test

import (
	"fmt"

	"github.com/execrole/execrole/constructs/report"
)

func ExampleReport_Markdown() {
	r := report.Report{
		Roles: []report.Role{{
			Path: "Orders/Role", Stack: "Orders", Mode: report.ModeLeastPrivilege,
			Features: []string{"sqs"},
			Statements: []report.Statement{{
				Sid:       "Queue",
				Actions:   []string{"sqs:ReceiveMessage", "sqs:DeleteMessage", "sqs:GetQueueAttributes"},
				Resources: []string{"arn:${AWS::Partition}:sqs:${AWS::Region}:${AWS::AccountId}:orders"},
				Source:    "sqs",
			}},
			Trust:     []string{"lambda.amazonaws.com"},
			Quota:     report.Quota{ManagedPoliciesLimit: 10, InlineChars: 512, InlineCharsLimit: 10240, TrustChars: 154, TrustCharsLimit: 2048},
			Functions: []string{"Orders/Poller"},
		}},
		Functions: []report.Function{{Path: "Orders/Poller", Stack: "Orders", Role: "Orders/Role", Features: []string{"sqs"}}},
		Account:   report.AccountQuota{Roles: 1},
	}
	r.Sort()
	fmt.Print(r.Markdown())
	// Output:
	// # Permissions report
	//
	// - Roles: 1 (1 least-privilege)
	// - Functions: 1
	// - Distinct actions: 3; managed policies: 0
	// - Account IAM roles: 1 of 1000 (0.1%)
	// - Warnings: 0
	//
	// ## Functions
	//
	// | Function | Stack | Role | Features | Fingerprint |
	// |---|---|---|---|---|
	// | `Orders/Poller` | Orders | `Orders/Role` | `sqs` |  |
	//
	// ## Roles
	//
	// ### `Orders/Role`
	//
	// | Property | Value |
	// |---|---|
	// | Stack | Orders |
	// | Role name | (generated) |
	// | Mode | least-privilege |
	// | Features | `sqs` |
	// | Trusted by | `lambda.amazonaws.com` |
	// | Used by | `Orders/Poller` |
	//
	// Managed policies:
	//
	// None.
	//
	// Inline statements:
	//
	// | Sid | Actions | Resources | Conditions | Source |
	// |---|---|---|---|---|
	// | `Queue` | `sqs:DeleteMessage`<br>`sqs:GetQueueAttributes`<br>`sqs:ReceiveMessage` | `arn:${AWS::Partition}:sqs:${AWS::Region}:${AWS::AccountId}:orders` |  | sqs |
	//
	// Quotas:
	//
	// | Quota | Used | Limit | Use |
	// |---|---:|---:|---:|
	// | managed policies | 0 | 10 | 0.0% |
	// | inline policy characters | 512 | 10240 | 5.0% |
	// | trust policy characters | 154 | 2048 | 7.5% |
}
