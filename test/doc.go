// Package test holds the synth-level suites: whole stacks built with execrole, checked with
// the real cdk-nag rule packs and against independent references (CloudFormation registry
// schemas, the IAM action catalogue, AWS managed policy documents).
package test
