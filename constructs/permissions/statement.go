package permissions

import "strings"

// Placeholders for CloudFormation pseudo parameters inside ARN patterns. The construct renders
// each as the matching CDK token ({"Ref": "AWS::Partition"} and so on), so a role synthesized for
// any partition, region or account carries the right ARNs.
const (
	Partition = "${AWS::Partition}"
	Region    = "${AWS::Region}"
	AccountID = "${AWS::AccountId}"
	// URLSuffix is the partition's DNS suffix (amazonaws.com, amazonaws.com.cn).
	URLSuffix = "${AWS::URLSuffix}"
)

// Placeholder is one of the pseudo-parameter placeholders above.
type Placeholder struct {
	// Text is the placeholder as resources hold it: "${AWS::Partition}".
	Text string
	// Param is the pseudo parameter it stands for: "AWS::Partition".
	Param string
	// MaxChars is the length of its longest value: policy sizes count the placeholder as
	// that, since IAM counts the resolved text.
	MaxChars int
}

// Placeholders are every placeholder resources may hold, for code that resolves, renders or
// sizes them.
var Placeholders = []Placeholder{
	{Partition, "AWS::Partition", len("aws-us-gov")},
	{Region, "AWS::Region", len("ap-southeast-5")},
	{AccountID, "AWS::AccountId", 12},
	{URLSuffix, "AWS::URLSuffix", len("amazonaws.com.cn")},
}

// Statement is one Allow statement of an IAM identity policy in plain Go values.
//
// Resources hold ARNs or ARN patterns. They may contain the pseudo-parameter placeholders above
// and CDK string tokens (an imported queue's ARN, a table's GetAtt); both are resolved by
// CloudFormation, so the planner never validates them as literals.
type Statement struct {
	// Sid is the statement id: letters and digits only. Default: - none.
	Sid string
	// Actions are "service:Action" names; a trailing or embedded "*" is a wildcard.
	Actions []string
	// Resources are the ARNs the actions apply to; "*" where IAM supports no resource-level
	// permission for an action.
	Resources []string
	// Conditions narrow the statement. Default: - none.
	Conditions []Condition
}

// Condition is one condition of a statement: Operator (StringEquals, ArnLike, ...) applied to
// Key (aws:ResourceAccount, kms:ViaService, ...) with Values.
type Condition struct {
	Operator string
	Key      string
	Values   []string
}

// IsToken reports whether s holds a CDK token (an unresolved value such as a GetAtt or a
// pseudo parameter); such values are checked by CloudFormation at deploy, not here.
func IsToken(s string) bool {
	return strings.Contains(s, "${Token[") || strings.Contains(s, "${AWS::")
}
