package executionrole

import (
	"github.com/aws/aws-cdk-go/awscdk/v2/awsiam"
	"github.com/aws/constructs-go/constructs/v10"
)

// Lookup returns the ExecutionRole that c is, or whose AWS::IAM::Role resource c is (the
// awsiam.CfnRole an aspect visits). It needs no registry: the construct tree holds the Go
// value itself, and jsii hands back that same value when the tree is walked.
func Lookup(c constructs.IConstruct) (*ExecutionRole, bool) {
	if r, ok := c.(*ExecutionRole); ok {
		return r, true
	}
	if _, ok := c.(awsiam.CfnRole); !ok || c == nil {
		return nil, false
	}
	r, ok := c.Node().Scope().(*ExecutionRole)
	return r, ok
}

// InlinePolicy is the role's own inline policy document (the plan's statements and every
// grant since), or nil when the role has none. Audits read it: a statement added to it after
// construction is not visible through the CfnRole's Policies property.
func (r *ExecutionRole) InlinePolicy() awsiam.PolicyDocument {
	if r.empty() {
		return nil
	}
	return r.document
}
