package permissions

import (
	"regexp"
	"time"
)

// IAM quotas and name rules that a role must meet (IAM User Guide, "IAM and AWS STS quotas").
const (
	// DefaultMaxManagedPolicies is the default quota of managed policies attached to one role.
	DefaultMaxManagedPolicies = 10
	// MaxManagedPoliciesRaised is the highest the managed-policy quota can be raised to.
	MaxManagedPoliciesRaised = 20
	// MaxInlineChars is the aggregate size of a role's inline policies, whitespace not counted.
	MaxInlineChars = 10240
	// MaxTrustChars is the size of a role's trust policy, whitespace not counted.
	MaxTrustChars = 2048
	// MaxRoleNameLen is the length limit of a role name.
	MaxRoleNameLen = 64
	// MaxPathLen is the length limit of a role path.
	MaxPathLen = 512
	// MaxDescriptionLen is the length limit of a role description.
	MaxDescriptionLen = 1000
	// MinSessionDuration and MaxSessionDuration bound a role's maximum session duration.
	MinSessionDuration = time.Hour
	MaxSessionDuration = 12 * time.Hour
	// MaxTags is the number of tags a role can carry.
	MaxTags = 50
	// DefaultMaxRolesPerAccount is the default quota of IAM roles in one account.
	DefaultMaxRolesPerAccount = 1000
)

var (
	roleNameRE    = regexp.MustCompile(`^[\w+=,.@-]+$`)
	pathRE        = regexp.MustCompile(`^/([\x21-\x7E]+/)?$`)
	descriptionRE = regexp.MustCompile(`^[\t\n\r\x20-\x7E\x{A1}-\x{FF}]*$`)
	actionRE      = regexp.MustCompile(`^[a-z0-9-]+:[A-Za-z0-9*?]+$`)
	sidRE         = regexp.MustCompile(`^[A-Za-z0-9]*$`)
	tagKeyRE      = regexp.MustCompile(`^[\p{L}\p{Z}\p{N}_.:/=+\-@]*$`)
	// Lambda function names (up to 64 characters) and CloudWatch Logs log group names (up
	// to 512).
	functionNameRE = regexp.MustCompile(`^[a-zA-Z0-9_-]+$`)
	logGroupRE     = regexp.MustCompile(`^[.\-_/#A-Za-z0-9]+$`)
)

// TokenEstimate is the size counted for one CDK token (typically an ARN from a GetAtt or Ref)
// in a policy, since IAM counts the text CloudFormation resolves it to: room for a typical
// resource ARN (service, region, account and a name of up to 80 characters). Placeholders
// count as their MaxChars.
const TokenEstimate = 128
