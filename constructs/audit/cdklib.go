package audit

import "strings"

// cdkLibFunctions are the functions aws-cdk-lib makes for itself, recognized by the
// construct ids aws-cdk-lib gives them (fixed: they are singletons, keyed by a UUID in the
// id, or named by the construct that made them). A match is on one segment of the path.
var cdkLibFunctions = []struct {
	match func(segment string) bool
	by    string
}{
	{func(s string) bool { return strings.HasPrefix(s, "AWS679f53fac002430cb0da5b7982bd2287") }, "customresources.AwsCustomResource (its singleton function)"},
	{func(s string) bool { return strings.HasPrefix(s, "Custom::CDKBucketDeployment") }, "awss3deployment.BucketDeployment (its handler)"},
	{func(s string) bool { return strings.HasPrefix(s, "framework-") }, "customresources.Provider (the provider framework)"},
	{func(s string) bool { return strings.HasPrefix(s, "LogRetentionaae0aa3c5b4d4f87b02d85b201efdd8a") }, "log retention (awslogs.LogRetention, a function's LogRetention)"},
	{func(s string) bool {
		return strings.HasPrefix(s, "BucketNotificationsHandler050a0587b7544547bf325f094a3db834")
	}, "awss3.Bucket notifications (its handler)"},
	{func(s string) bool { return strings.HasSuffix(s, "CustomResourceProvider") }, "awscdk.CustomResourceProvider (a provider of aws-cdk-lib's own custom resources: auto-delete objects, cross-region references, ...)"},
}

// createdBy names the aws-cdk-lib construct that made the function at path for itself, or
// returns "" for a function of the app's own.
func createdBy(path string) string {
	for _, seg := range strings.Split(path, "/") {
		for _, f := range cdkLibFunctions {
			if f.match(seg) {
				return f.by
			}
		}
	}
	return ""
}

// rawFunctionReason says why the audit skips the functions aws-cdk-lib writes as raw
// AWS::Lambda::Function resources (log retention, bucket notifications, core custom resource
// providers) rather than with awslambda.Function.
const rawFunctionReason = "aws-cdk-lib writes it as a raw AWS::Lambda::Function with a role of its own, " +
	"both fixed by aws-cdk-lib: it has no VPC, tracing, layer, file system, key, dead-letter target, " +
	"destination or event source for the audit to check"

// rawUserFunctionReason says why the audit skips any other raw AWS::Lambda::Function.
const rawUserFunctionReason = "it is a raw AWS::Lambda::Function (awscdk.NewCfnResource), whose properties the audit does not read: " +
	"define it with awslambda.Function or awslambda.CfnFunction to have it audited"
