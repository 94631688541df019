package permissions

import "strings"

// ARN builds an ARN pattern in the role's own partition, region and account:
// ARN("sqs", "orders") is arn:${AWS::Partition}:sqs:${AWS::Region}:${AWS::AccountId}:orders.
func ARN(service, resource string) string {
	return "arn:" + Partition + ":" + service + ":" + Region + ":" + AccountID + ":" + resource
}

// GlobalARN builds an ARN pattern for a service whose ARNs carry no region: IAM with an
// account; S3 buckets with neither (account "").
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

// LogGroupCreateARNs are the resources logs:CreateLogGroup is granted on for the log group
// name, in the role's region and account: both ARN forms of the group, as AWS writes both.
// The Service Authorization Reference lists the log-group resource type for CreateLogGroup,
// whose ARN is log-group:<name>; the CloudWatch Logs User Guide ("CloudWatch Logs resources
// and operations") says IAM policies name a log group with the trailing :* for every action
// but tagging. Granting one form only risks a function that cannot create its log group, and
// so writes no log at all.
func LogGroupCreateARNs(name string) []string {
	arn := ARN("logs", "log-group:"+name)
	return []string{arn, arn + ":*"}
}

// ParsedARN is an ARN split into its six fields. Fields that are tokens stay as they are.
type ParsedARN struct {
	Partition, Service, Region, Account, Resource string
}

// ParseARN splits a literal ARN. It reports false for anything that is not arn:p:s:r:a:res.
func ParseARN(s string) (ParsedARN, bool) {
	var f [6]string
	n, start := 0, 0
	for i := 0; i < len(s) && n < 5; i++ {
		switch s[i] {
		case '$':
			// Placeholders such as ${AWS::Partition} hold colons of their own.
			if i+1 < len(s) && s[i+1] == '{' {
				if j := strings.IndexByte(s[i:], '}'); j > 0 {
					i += j
				}
			}
		case ':':
			f[n] = s[start:i]
			n++
			start = i + 1
		}
	}
	f[5] = s[start:]
	if n != 5 || f[0] != "arn" || f[1] == "" || f[2] == "" || f[5] == "" {
		return ParsedARN{}, false
	}
	return ParsedARN{f[1], f[2], f[3], f[4], f[5]}, true
}
