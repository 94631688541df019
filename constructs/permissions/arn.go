package permissions

import "strings"

// ARN builds an ARN pattern in the role's own partition, region and account:
// ARN("sqs", "orders") is arn:${AWS::Partition}:sqs:${AWS::Region}:${AWS::AccountId}:orders.
func ARN(service, resource string) string {
	return "arn:" + Partition + ":" + service + ":" + Region + ":" + AccountID + ":" + resource
}

// GlobalARN builds an ARN pattern for a service whose ARNs carry no region (IAM, S3 buckets use
// neither region nor account; see BucketARN).
func GlobalARN(service, account, resource string) string {
	return "arn:" + Partition + ":" + service + "::" + account + ":" + resource
}

// AWSManagedPolicyARN is the partition-aware ARN of an AWS managed policy at path
// ("/" or "/service-role/").
func AWSManagedPolicyARN(path, name string) string {
	return "arn:" + Partition + ":iam::aws:policy" + path + name
}

// LogGroupARN is the ARN pattern of a log group in the role's region and account; the trailing
// ":*" covers its log streams, which is what CreateLogStream and PutLogEvents act on.
func LogGroupARN(name string) string {
	return ARN("logs", "log-group:"+name+":*")
}

// ParsedARN is an ARN split into its six fields. Fields that are tokens stay as they are.
type ParsedARN struct {
	Partition, Service, Region, Account, Resource string
}

// ParseARN splits a literal ARN. It reports false for anything that is not arn:p:s:r:a:res.
func ParseARN(s string) (ParsedARN, bool) {
	// Placeholders such as ${AWS::Partition} hold colons of their own: hide them while
	// splitting.
	const hidden = "${AWS\x00\x00"
	parts := strings.SplitN(strings.ReplaceAll(s, "${AWS::", hidden), ":", 6)
	if len(parts) != 6 || parts[0] != "arn" || parts[1] == "" || parts[2] == "" || parts[5] == "" {
		return ParsedARN{}, false
	}
	for i := range parts {
		parts[i] = strings.ReplaceAll(parts[i], hidden, "${AWS::")
	}
	return ParsedARN{parts[1], parts[2], parts[3], parts[4], parts[5]}, true
}
