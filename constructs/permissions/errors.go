package permissions

import "fmt"

// ErrorID names a kind of mistake. It is stable across releases, so that users and tests can
// tell mistakes apart without matching message text, as aws-cdk-lib's ValidationError allows.
type ErrorID string

// The kinds of mistakes the planner and the constructs report.
const (
	// ErrFeatureUnknown: a feature id that is not in the catalog.
	ErrFeatureUnknown ErrorID = "execrole:feature-unknown"
	// ErrFeatureRepeated: a feature without resources given twice.
	ErrFeatureRepeated ErrorID = "execrole:feature-repeated"
	// ErrFeatureConflict: two features of which one already grants the other.
	ErrFeatureConflict ErrorID = "execrole:feature-conflict"
	// ErrFeatureTakesNoResource: resources given to a feature that acts on none.
	ErrFeatureTakesNoResource ErrorID = "execrole:feature-takes-no-resource"
	// ErrFeatureMissingResource: a feature without the resource it (or least-privilege mode)
	// needs.
	ErrFeatureMissingResource ErrorID = "execrole:feature-missing-resource"
	// ErrFeatureMissingSecret: a feature without its credentials secret.
	ErrFeatureMissingSecret ErrorID = "execrole:feature-missing-secret"
	// ErrArnInvalid: an ARN that is not one of the kind the field takes.
	ErrArnInvalid ErrorID = "execrole:arn-invalid"
	// ErrLiteralNeeded: a token where the library must read a literal value.
	ErrLiteralNeeded ErrorID = "execrole:literal-needed"
	// ErrNilArgument: a nil construct (or a nil pointer in an interface) given to a feature
	// constructor or a props field.
	ErrNilArgument ErrorID = "execrole:nil-argument"
	// ErrScopeInvalid: a constructor called without a scope or an id.
	ErrScopeInvalid ErrorID = "execrole:scope-invalid"
	// ErrManagedPolicyDeprecated: an AWS managed policy AWS has deprecated.
	ErrManagedPolicyDeprecated ErrorID = "execrole:managed-policy-deprecated"
	// ErrEdgeRegion: a Lambda@Edge role in a stack whose region is not us-east-1, or unknown.
	ErrEdgeRegion ErrorID = "execrole:edge-region"
	// ErrTableWithoutStream: DynamoDBStreams given a table that has no stream.
	ErrTableWithoutStream ErrorID = "execrole:table-without-stream"
	// ErrLogGroupMissing: least-privilege mode without a log group to scope logs to.
	ErrLogGroupMissing ErrorID = "execrole:log-group-missing"
	// ErrLogGroupInvalid: a log group name IAM or CloudWatch Logs does not accept.
	ErrLogGroupInvalid ErrorID = "execrole:log-group-invalid"
	// ErrLogGroupCircular: a least-privilege role scoped to a log group named after the
	// function, which depends on the role.
	ErrLogGroupCircular ErrorID = "execrole:log-group-circular"
	// ErrFunctionNameMismatch: a role bound to a function other than the one its FunctionName
	// names.
	ErrFunctionNameMismatch ErrorID = "execrole:function-name-mismatch"
	// ErrFunctionUnbound: a function that runs as a least-privilege role but was never bound
	// to it, so the role's logs statements do not cover its log group.
	ErrFunctionUnbound ErrorID = "execrole:function-unbound"
	// ErrFunctionNameInvalid: a function name Lambda does not accept.
	ErrFunctionNameInvalid ErrorID = "execrole:function-name-invalid"
	// ErrRoleNameInvalid: a role name IAM does not accept.
	ErrRoleNameInvalid ErrorID = "execrole:role-name-invalid"
	// ErrRoleNameDuplicate: two roles of one app with the same name.
	ErrRoleNameDuplicate ErrorID = "execrole:role-name-duplicate"
	// ErrPathInvalid: a role path IAM does not accept.
	ErrPathInvalid ErrorID = "execrole:path-invalid"
	// ErrDescriptionInvalid: a role description IAM does not accept.
	ErrDescriptionInvalid ErrorID = "execrole:description-invalid"
	// ErrPolicyArnInvalid: a permissions boundary or customer managed policy that is not one
	// policy's ARN.
	ErrPolicyArnInvalid ErrorID = "execrole:policy-arn-invalid"
	// ErrRoleArnInvalid: an imported role given by something other than a role ARN.
	ErrRoleArnInvalid ErrorID = "execrole:role-arn-invalid"
	// ErrImportFieldSet: a props field that describes the role given to Import.
	ErrImportFieldSet ErrorID = "execrole:import-field-set"
	// ErrSessionDurationInvalid: a max session duration out of IAM's range.
	ErrSessionDurationInvalid ErrorID = "execrole:max-session-duration-invalid"
	// ErrMaxManagedPoliciesInvalid: a managed-policy quota out of IAM's range.
	ErrMaxManagedPoliciesInvalid ErrorID = "execrole:max-managed-policies-invalid"
	// ErrTagInvalid: too many tags, or a tag key or value IAM does not accept.
	ErrTagInvalid ErrorID = "execrole:tag-invalid"
	// ErrTrustInvalid: a trusted service that is not a service principal.
	ErrTrustInvalid ErrorID = "execrole:trust-invalid"
	// ErrManagedPolicyInvalid: an AWS managed policy written as an ARN, an empty name, a
	// malformed path or the wrong path.
	ErrManagedPolicyInvalid ErrorID = "execrole:managed-policy-invalid"
	// ErrManagedPolicyUnknown: an AWS managed policy name that AWS does not publish.
	ErrManagedPolicyUnknown ErrorID = "execrole:managed-policy-unknown"
	// ErrStatementInvalid: an extra inline statement IAM does not accept or that allows
	// everything.
	ErrStatementInvalid ErrorID = "execrole:statement-invalid"
	// ErrQuotaManagedPolicies: more managed policies than the role's quota.
	ErrQuotaManagedPolicies ErrorID = "execrole:quota-managed-policies"
	// ErrQuotaInlinePolicy: an inline policy over IAM's aggregate size.
	ErrQuotaInlinePolicy ErrorID = "execrole:quota-inline-policy"
	// ErrQuotaTrustPolicy: a trust policy over IAM's size.
	ErrQuotaTrustPolicy ErrorID = "execrole:quota-trust-policy"
	// ErrOnFailureWrongRole: an on-failure destination bound to a mapping whose function does
	// not use the role that allows it.
	ErrOnFailureWrongRole ErrorID = "execrole:on-failure-wrong-role"
	// ErrTemplateInvalid: a policy template applied by a name no template has, or to the wrong
	// arguments.
	ErrTemplateInvalid ErrorID = "execrole:template-invalid"
	// ErrFunctionImported: a deriving role given to an imported function, whose configuration
	// it cannot read.
	ErrFunctionImported ErrorID = "execrole:function-imported"
	// ErrSourceUnknown: an event source mapping of a function whose source the derivation
	// cannot tell (an ARN from a parameter, an import of unknown kind), and that the role's
	// Features do not name.
	ErrSourceUnknown ErrorID = "execrole:source-unknown"
	// ErrRoleKindMisused: a capacity provider's operator role given to a function as its
	// execution role, or an execution role given to a capacity provider as its operator role.
	ErrRoleKindMisused ErrorID = "execrole:role-kind-misused"
	// ErrFingerprint: the role's permissions could not be encoded to fingerprint them.
	ErrFingerprint ErrorID = "execrole:fingerprint"
)

// Error is the error of every rule the library enforces: what Resolve returns, and what the
// constructs of the library panic with (as aws-cdk-lib throws ValidationError). Match it with
// errors.As and compare ID; the message is for people and may change.
type Error struct {
	// ID is the kind of mistake.
	ID ErrorID
	// Path is the construct path the mistake was made at; empty for errors of Resolve.
	Path string
	// Message states the value received and the fix.
	Message string
}

// Error is "execrole: <path>: <message> [<id>]", or "execrole: <message> [<id>]" without a
// path.
func (e *Error) Error() string {
	if e.Path == "" {
		return "execrole: " + e.Message + " [" + string(e.ID) + "]"
	}
	return "execrole: " + e.Path + ": " + e.Message + " [" + string(e.ID) + "]"
}

// At returns a copy of e made at the construct path path.
func (e *Error) At(path string) *Error {
	c := *e
	c.Path = path
	return &c
}

// Errorf returns an Error of kind id whose message is formatted as fmt.Sprintf does.
func Errorf(id ErrorID, format string, args ...any) *Error {
	return &Error{ID: id, Message: fmt.Sprintf(format, args...)}
}
