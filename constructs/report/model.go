package report

import (
	"cmp"
	"slices"
	"strings"

	"github.com/execrole/execrole/constructs/permissions"
)

// Modes of a role, as reported in Role.Mode.
const (
	// ModeManaged is an execrole role built from AWS managed policies, as the Lambda Developer
	// Guide describes.
	ModeManaged = "managed"
	// ModeLeastPrivilege is an execrole role whose features are inline statements scoped to the
	// function's own resources.
	ModeLeastPrivilege = "least-privilege"
	// ModeImported is a role that exists outside the app; execrole only states what it must allow.
	ModeImported = "imported"
	// ModeCDK is a role in the app that execrole did not make (a plain awsiam.Role, or the
	// ServiceRole that awslambda.Function creates when it is given none).
	ModeCDK = "cdk"
)

// Report says who may do what in a CDK app: every Lambda execution role with the permissions
// it holds and why, and every function with the role it runs as.
//
// Sort puts a report in its canonical order; the renderers write what they are given, so sort
// first for byte-identical output from run to run.
type Report struct {
	// App names the app in titles. Default: - no name.
	App string `json:"app,omitempty"`
	// Roles are the execution roles of the app's functions, plus any other role execrole made.
	Roles []Role `json:"roles"`
	// Functions are the app's Lambda functions the audit read.
	Functions []Function `json:"functions"`
	// Skipped are the app's Lambda functions the audit did not read, each with the reason.
	// Default: - none.
	Skipped []SkippedFunction `json:"skipped,omitempty"`
	// Account is the app's use of the per-account IAM role quota.
	Account AccountQuota `json:"account"`
}

// Role is one IAM role: where it is defined, how it was made, and everything it allows.
type Role struct {
	// Path is the role's construct path, e.g. "Stack/Role"; it identifies the role in a report.
	Path string `json:"path"`
	// Stack is the name of the stack that holds the role.
	Stack string `json:"stack"`
	// RoleName is the IAM role name. Default: - "" when CloudFormation generates the name.
	RoleName string `json:"roleName,omitempty"`
	// Mode is one of ModeManaged, ModeLeastPrivilege, ModeImported or ModeCDK.
	Mode string `json:"mode"`
	// Features are the execrole feature IDs the role was built for.
	Features []string `json:"features,omitempty"`
	// ManagedPolicies are the managed policies attached to the role.
	ManagedPolicies []ManagedPolicy `json:"managedPolicies,omitempty"`
	// Statements are the role's inline Allow statements.
	Statements []Statement `json:"statements,omitempty"`
	// Trust lists the service principals allowed to assume the role.
	Trust []string `json:"trust,omitempty"`
	// Quota is the role's use of its IAM quotas.
	Quota Quota `json:"quota"`
	// Functions are the construct paths of the functions that run as this role.
	Functions []string `json:"functions,omitempty"`
	// Warnings are advisories about the role, each starting with its "execrole:..." id.
	Warnings []string `json:"warnings,omitempty"`
	// PolicyDocument is, for an imported role, the exact identity policy the role's owner must
	// attach. Default: - none.
	PolicyDocument map[string]any `json:"policyDocument,omitempty"`
}

// ManagedPolicy is a managed policy attached to a role.
type ManagedPolicy struct {
	// Name is the policy name, e.g. "AWSLambdaBasicExecutionRole".
	Name string `json:"name"`
	// ARN is the policy ARN, possibly holding a partition placeholder.
	ARN string `json:"arn"`
	// Source is the feature ID that attached the policy, or "user".
	Source string `json:"source"`
}

// Statement is one inline Allow statement of a role, with where it came from.
type Statement struct {
	// Sid is the statement id. Default: - none.
	Sid string `json:"sid,omitempty"`
	// Actions are "service:Action" names; "*" is a wildcard.
	Actions []string `json:"actions"`
	// Resources are ARNs or ARN patterns; "*" where the actions support no resource-level
	// permission.
	Resources []string `json:"resources"`
	// Conditions narrow the statement. Default: - none.
	Conditions []Condition `json:"conditions,omitempty"`
	// Source is why the role holds the statement: a feature ID, a policy template name,
	// "grant: <construct path>" for a grant made by another construct, or "user".
	Source string `json:"source"`
}

// Condition is one condition of a statement: Operator (StringEquals, ArnLike, ...) applied to
// Key (aws:SourceAccount, kms:ViaService, ...) with Values.
type Condition struct {
	Operator string   `json:"operator"`
	Key      string   `json:"key"`
	Values   []string `json:"values"`
}

// Quota is a role's use of the IAM quotas that apply to it. A zero limit means the limit is
// not known (an imported role's quotas are its owner's business).
type Quota struct {
	// ManagedPolicies is the number of managed policies attached to the role.
	ManagedPolicies int `json:"managedPolicies"`
	// ManagedPoliciesLimit is the account's managed-policies-per-role quota (10 by default).
	ManagedPoliciesLimit int `json:"managedPoliciesLimit"`
	// InlineChars is the aggregate size of the role's inline policies, whitespace not counted.
	InlineChars int `json:"inlineChars"`
	// InlineCharsLimit is the inline policy size quota (10,240).
	InlineCharsLimit int `json:"inlineCharsLimit"`
	// TrustChars is the size of the role's trust policy.
	TrustChars int `json:"trustChars"`
	// TrustCharsLimit is the trust policy size quota (2,048 by default).
	TrustCharsLimit int `json:"trustCharsLimit"`
}

// QuotaUse is one quota's use: Used against Limit, and Percent, the share of Limit used
// (0 when Limit is not known).
type QuotaUse struct {
	Name    string  `json:"name"`
	Used    int     `json:"used"`
	Limit   int     `json:"limit"`
	Percent float64 `json:"percent"`
}

// Use returns the use of each quota, always in this order: managed policies, inline policy
// characters, trust policy characters.
func (q Quota) Use() []QuotaUse {
	return []QuotaUse{
		newQuotaUse("managed policies", q.ManagedPolicies, q.ManagedPoliciesLimit),
		newQuotaUse("inline policy characters", q.InlineChars, q.InlineCharsLimit),
		newQuotaUse("trust policy characters", q.TrustChars, q.TrustCharsLimit),
	}
}

// Function is one Lambda function and the role it runs as.
type Function struct {
	// Path is the function's construct path, e.g. "Stack/Function".
	Path string `json:"path"`
	// Stack is the name of the stack that holds the function.
	Stack string `json:"stack"`
	// Role is the construct path of the function's role (Role.Path).
	Role string `json:"role"`
	// Features are the execrole feature IDs the function uses.
	Features []string `json:"features,omitempty"`
	// Fingerprint is the credential-refresh fingerprint of the function's permissions: it
	// changes whenever they do. Default: - none.
	Fingerprint string `json:"fingerprint,omitempty"`
	// CreatedBy names the aws-cdk-lib construct that made the function for itself (a custom
	// resource provider, BucketDeployment's handler, ...). Default: - "", a function of the app.
	CreatedBy string `json:"createdBy,omitempty"`
}

// SkippedFunction is a Lambda function of the app that the audit did not read.
type SkippedFunction struct {
	// Path is the function's construct path.
	Path string `json:"path"`
	// Stack is the name of the stack that holds the function.
	Stack string `json:"stack"`
	// CreatedBy names the aws-cdk-lib construct that made the function for itself.
	// Default: - "", a function of the app.
	CreatedBy string `json:"createdBy,omitempty"`
	// Reason says why the audit did not read it.
	Reason string `json:"reason"`
}

// AccountQuota is the app's use of the per-account IAM role quota.
type AccountQuota struct {
	// Roles is the number of IAM roles the app creates (imported roles are not counted).
	Roles int `json:"roles"`
	// RolesLimit is the account's IAM role quota. Default: -
	// permissions.DefaultMaxRolesPerAccount (1000).
	RolesLimit int `json:"rolesLimit"`
}

// Use returns the account's role quota use, with permissions.DefaultMaxRolesPerAccount where
// RolesLimit is zero.
func (a AccountQuota) Use() QuotaUse {
	return newQuotaUse("IAM roles per account", a.Roles, cmp.Or(a.RolesLimit, permissions.DefaultMaxRolesPerAccount))
}

func newQuotaUse(name string, used, limit int) QuotaUse {
	u := QuotaUse{Name: name, Used: used, Limit: limit}
	if limit > 0 {
		u.Percent = float64(used) * 100 / float64(limit)
	}
	return u
}

// Sort puts the report in its canonical order, so that equal reports render to the same bytes:
// roles by path then name; functions by path then role; within a role, features, trust
// principals, functions and warnings alphabetically; managed policies by name then ARN;
// statements by source, Sid, actions, resources and conditions, each statement's actions and
// resources alphabetically and its conditions by operator, key and values. PolicyDocument is
// left as written: it is the exact document to attach.
func (r *Report) Sort() {
	for i := range r.Roles {
		r.Roles[i].sort()
	}
	slices.SortStableFunc(r.Roles, func(a, b Role) int {
		return cmp.Or(cmp.Compare(a.Path, b.Path), cmp.Compare(a.RoleName, b.RoleName))
	})
	for i := range r.Functions {
		slices.Sort(r.Functions[i].Features)
	}
	slices.SortStableFunc(r.Functions, func(a, b Function) int {
		return cmp.Or(cmp.Compare(a.Path, b.Path), cmp.Compare(a.Role, b.Role))
	})
	slices.SortStableFunc(r.Skipped, func(a, b SkippedFunction) int { return cmp.Compare(a.Path, b.Path) })
}

func (r *Role) sort() {
	slices.Sort(r.Features)
	slices.Sort(r.Trust)
	slices.Sort(r.Functions)
	slices.Sort(r.Warnings)
	slices.SortStableFunc(r.ManagedPolicies, func(a, b ManagedPolicy) int {
		return cmp.Or(cmp.Compare(a.Name, b.Name), cmp.Compare(a.ARN, b.ARN), cmp.Compare(a.Source, b.Source))
	})
	for i := range r.Statements {
		s := &r.Statements[i]
		slices.Sort(s.Actions)
		slices.Sort(s.Resources)
		for j := range s.Conditions {
			slices.Sort(s.Conditions[j].Values)
		}
		slices.SortStableFunc(s.Conditions, compareConditions)
	}
	slices.SortStableFunc(r.Statements, func(a, b Statement) int {
		return cmp.Or(
			cmp.Compare(a.Source, b.Source),
			cmp.Compare(a.Sid, b.Sid),
			slices.Compare(a.Actions, b.Actions),
			slices.Compare(a.Resources, b.Resources),
			slices.CompareFunc(a.Conditions, b.Conditions, compareConditions),
		)
	})
}

func compareConditions(a, b Condition) int {
	return cmp.Or(cmp.Compare(a.Operator, b.Operator), cmp.Compare(a.Key, b.Key), slices.Compare(a.Values, b.Values))
}

// service returns the service prefix of an action ("sqs" for "sqs:ReceiveMessage"), or "" for
// an action with no prefix such as "*".
func service(action string) string {
	s, _, ok := strings.Cut(action, ":")
	if !ok {
		return ""
	}
	return s
}
