// Package permissions is the pure-Go heart of execrole: the catalog of Lambda execution-role
// features, IAM quotas and partitions, and Resolve, which turns the features a function uses
// into a Plan (trust principals, AWS managed policies, scoped inline statements, warnings).
//
// It imports nothing from the AWS CDK or jsii, so every rule is unit tested in milliseconds
// without Node.js. The executionrole package renders a Plan as one AWS::IAM::Role.
package permissions
