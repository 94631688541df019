package permissions_test

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/execrole/execrole/constructs/permissions"
)

func TestAWSManagedPolicyARN(t *testing.T) {
	tests := []struct {
		name, path, policy string
		want               string
	}{
		{"root path", "/", "AWSXRayDaemonWriteAccess", "arn:${AWS::Partition}:iam::aws:policy/AWSXRayDaemonWriteAccess"},
		{"service-role path", "/service-role/", "AWSLambdaBasicExecutionRole", "arn:${AWS::Partition}:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := permissions.AWSManagedPolicyARN(tt.path, tt.policy); got != tt.want {
				t.Errorf("AWSManagedPolicyARN = %s, want %s", got, tt.want)
			}
		})
	}
}

// TestPlanServesEveryPartition: a plan names no partition; CloudFormation puts in the one the
// stack deploys to, so the same template works in aws, aws-cn and aws-us-gov.
func TestPlanServesEveryPartition(t *testing.T) {
	p := mustResolve(t, permissions.Request{Uses: uses(permissions.Tracing, permissions.SQS)})
	tests := []struct {
		partition string
		want      []string
	}{
		{"aws", []string{
			"arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole",
			"arn:aws:iam::aws:policy/AWSXRayDaemonWriteAccess",
			"arn:aws:iam::aws:policy/service-role/AWSLambdaSQSQueueExecutionRole",
		}},
		{"aws-cn", []string{
			"arn:aws-cn:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole",
			"arn:aws-cn:iam::aws:policy/AWSXRayDaemonWriteAccess",
			"arn:aws-cn:iam::aws:policy/service-role/AWSLambdaSQSQueueExecutionRole",
		}},
		{"aws-us-gov", []string{
			"arn:aws-us-gov:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole",
			"arn:aws-us-gov:iam::aws:policy/AWSXRayDaemonWriteAccess",
			"arn:aws-us-gov:iam::aws:policy/service-role/AWSLambdaSQSQueueExecutionRole",
		}},
	}
	for _, tt := range tests {
		t.Run(tt.partition, func(t *testing.T) {
			var got []string
			for _, arn := range policyARNs(p) {
				got = append(got, strings.ReplaceAll(arn, "${AWS::Partition}", tt.partition))
			}
			if !slices.Equal(got, tt.want) {
				t.Errorf("deployed in %s: %v, want %v", tt.partition, got, tt.want)
			}
		})
	}
}

// tokenUse is a use of d whose resources are all CDK tokens, as for constructs of the same
// stack: nothing in it names a partition. A feature without Shape takes no Resources.
func tokenUse(d permissions.Definition) permissions.Use {
	token := func(n int) []string { return []string{fmt.Sprintf("${Token[TOKEN.%d]}", n)} }
	u := permissions.Use{
		Feature: d.ID, Keys: token(2), Secrets: token(4), Parameters: token(5),
		Topics: []string{"orders"}, Groups: []string{"orders-consumers"}, InVPC: true,
	}
	if d.Shape != nil {
		u.Resources = token(1)
	}
	if d.AccessPointShape != nil {
		u.AccessPoints = token(3)
	}
	if d.ID == permissions.MSK {
		// Topic and group ARNs are derived from the cluster ARN's text, which must be literal
		// where it names the cluster.
		u.Resources = []string{"arn:${Token[TOKEN.8]}:kafka:${Token[TOKEN.9]}:${Token[TOKEN.10]}:cluster/orders/abcd1234-ab12-cd34-ef56-abcdef123456-1"}
	}
	return u
}

// TestStatementsNameNoPartition: given resources that name no partition, no statement of any
// feature, in either mode, names one: every ARN the library writes uses ${AWS::Partition}.
func TestStatementsNameNoPartition(t *testing.T) {
	for _, d := range permissions.Catalog {
		for _, leastPrivilege := range []bool{false, true} {
			p := mustResolve(t, permissions.Request{Uses: []permissions.Use{tokenUse(d)}, LeastPrivilege: leastPrivilege,
				FunctionNames: []string{"orders"}, Subnets: []string{"${Token[TOKEN.6]}"}, SecurityGroups: []string{"${Token[TOKEN.7]}"}})
			for _, s := range p.Statements {
				for _, r := range s.Resources {
					if r != "*" && !permissions.IsToken(r) || strings.Contains(r, "arn:aws") {
						t.Errorf("%s (least privilege %t): statement %s: resource %q names a partition", d.ID, leastPrivilege, s.Sid, r)
					}
				}
				for _, c := range s.Conditions {
					if slices.ContainsFunc(c.Values, func(v string) bool { return strings.Contains(v, "arn:aws") }) {
						t.Errorf("%s (least privilege %t): statement %s: condition %v names a partition", d.ID, leastPrivilege, s.Sid, c)
					}
				}
			}
		}
	}
}

// TestOnlyQuotedAWSPoliciesNameAPartition: the catalog quotes two AWS managed policy documents
// whose resources are in the aws partition. Those Grants only tell which policy holds which
// actions (to drop a subsumed one over quota); they are never written into a role.
func TestOnlyQuotedAWSPoliciesNameAPartition(t *testing.T) {
	want := []string{
		"insights arn:aws:logs:*:*:log-group:/aws/lambda-insights:*",
		"application-signals arn:aws:logs:*:*:log-group:/aws/application-signals/data:*",
	}
	var got []string
	for _, d := range permissions.Catalog {
		for _, s := range d.Grants {
			for _, r := range s.Resources {
				if strings.HasPrefix(r, "arn:aws") {
					got = append(got, string(d.ID)+" "+r)
				}
			}
		}
	}
	if !slices.Equal(got, want) {
		t.Errorf("grants naming a partition = %v, want %v", got, want)
	}
}
