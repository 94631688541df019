// Package conformance checks synthesized CloudFormation templates against independent
// reference data: the CloudFormation registry resource schemas, the IAM Service Authorization
// Reference (every action of every service) and the list of AWS managed policies. Tests use it
// to prove that what the library emits is what AWS accepts, without deploying anything.
//
// Load the reference data once with [Load] (the folder is found with internal/refdata), decode
// a template with [Decode] or take the map from the CDK assertions module, and call
// [Refs.CheckTemplate]. It returns every finding as an [*Error] naming the resource's logical
// ID, its type, the path of the offending value and what is wrong. It runs these checks:
//
// # Template shape
//
// Every top-level key is a template section, every resource has a Type, its other keys are
// resource attributes (Properties, DependsOn, Condition, DeletionPolicy, ...), and DependsOn
// names resources of the template. This catches a misspelled "Properties", which would
// otherwise hide the properties from every other check.
//
// # Registry schema
//
// The Properties of each resource validate against the registry schema of its type with a
// draft-07 JSON Schema validator: property names (additionalProperties false), required
// properties, types, enums, lengths, ranges, patterns and nested structures. This proves that
// the resource meets the contract CloudFormation validates properties against. Properties
// listed as readOnlyProperties (such as Arn of AWS::IAM::Role) must not be set. A type with no
// schema is an error (a misspelled type); AWS::CDK::Metadata and custom resources (Custom::*
// and AWS::CloudFormation::CustomResource, which take any properties) are not validated.
//
// Intrinsic functions are accepted in every value position, and their arguments are checked
// for shape (Fn::Join takes a separator and a list, ...). Both branches of Fn::If are validated
// against the schema of the position; the value behind any other intrinsic function is unknown
// until deployment and is not validated. Limits: numbers and booleans must be JSON numbers and
// booleans, as CDK emits them (CloudFormation would coerce "3600"); the handful of registry
// patterns written in Java-only regular expression syntax are not enforced; what the schema
// cannot say (values that depend on each other, service quotas, whether a referenced resource
// has a given attribute) is not checked.
//
// # IAM actions
//
// Every Action and NotAction of every policy document (role trust and inline policies,
// AWS::IAM::Policy and ManagedPolicy, queue, topic, bucket, key and other resource policies,
// given as objects or JSON text) and the Action of AWS::Lambda::Permission names a real IAM
// action: its service prefix and action name are in the catalogue, compared case-insensitively
// as IAM does; a wildcard pattern must match at least one catalogued action. The action "*"
// alone or "*:*" (every action of every service) is an error where it grants: in an Allow
// statement or a Lambda permission. This proves no grant is silently void: IAM accepts an
// unknown action without complaint and it grants nothing. Limits: actions built by intrinsic
// functions other than Fn::If are not checked; the check says nothing about whether an action
// applies to the resources or conditions of its statement.
//
// # AWS managed policy ARNs
//
// Each ManagedPolicyArns entry and PermissionsBoundary of a role, user or group that names an
// AWS managed policy (account "aws"), given literally or in the Fn::Join / Fn::Sub form CDK
// emits with AWS::Partition, names a policy AWS publishes, that is not deprecated, at the path
// it actually lives at: arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole, but
// arn:aws:iam::aws:policy/AWSXRayDaemonWriteAccess. A wrong path fails only at deployment.
// The partition, when literal, must be a real one. Customer managed policies and ARNs built
// from parameters or imports are not checked.
//
// # Managed policy documents
//
// [Refs.ManagedPolicyActions] returns the actions an AWS managed policy currently allows,
// from the policy documents held in the reference data, so that tests can detect drift between
// the library's catalog and AWS. [Refs.CheckAction], [Refs.Expand] and
// [Refs.ManagedPolicyPath] answer single questions for other tests.
//
// The reference data is only as current as its snapshot: an action or policy published after
// it is reported as unknown until the data is refreshed.
package conformance
