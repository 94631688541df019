package permissions

// The operator role of Lambda Managed Instances: the role a capacity provider gives Lambda to
// launch and manage the EC2 instances its functions run on (Lambda Developer Guide, "Lambda
// Managed Instances operator role"). It is not an execution role: functions never run as it.

// OperatorPolicy is the AWS managed policy the Developer Guide names for the operator role,
// at the root path.
var OperatorPolicy = ManagedPolicy{"AWSLambdaManagedEC2ResourceOperator", "/"}

// OperatorGrants are OperatorPolicy's statements as AWS publishes them (checked against the
// current policy document by the conformance suite).
var OperatorGrants = []Statement{
	{Actions: []string{"ec2:RunInstances", "ec2:CreateTags", "ec2:AttachNetworkInterface"},
		Resources:  []string{"arn:aws:ec2:*:*:instance/*", "arn:aws:ec2:*:*:network-interface/*", "arn:aws:ec2:*:*:volume/*"},
		Conditions: []Condition{{Operator: "StringEquals", Key: "ec2:ManagedResourceOperator", Values: []string{"scaler.lambda.amazonaws.com"}}}},
	{Actions: []string{"ec2:DescribeAvailabilityZones", "ec2:DescribeCapacityReservations", "ec2:DescribeInstances", "ec2:DescribeInstanceStatus",
		"ec2:DescribeInstanceTypeOfferings", "ec2:DescribeInstanceTypes", "ec2:DescribeSecurityGroups", "ec2:DescribeSubnets"}, Resources: allResources},
	{Actions: []string{"ec2:RunInstances", "ec2:CreateNetworkInterface"}, Resources: []string{"arn:aws:ec2:*:*:subnet/*", "arn:aws:ec2:*:*:security-group/*"}},
	{Actions: []string{"ec2:RunInstances"}, Resources: []string{"arn:aws:ec2:*:*:image/*"},
		Conditions: []Condition{{Operator: "StringEquals", Key: "ec2:Owner", Values: []string{"amazon"}}}},
}

// CapacityProviderLogGroupPrefix starts the name of the log group a capacity provider writes
// its system logs to unless it is given one: /aws/lambda/capacity-provider/<name> (the
// AWS::Lambda::CapacityProvider schema and the Developer Guide's "Monitoring Lambda Managed
// Instances with CloudWatch Logs").
const CapacityProviderLogGroupPrefix = "/aws/lambda/capacity-provider/"

var (
	operatorLogsCreateGroup = stmt("CapacityProviderLogsCreateGroup", nil, "logs:CreateLogGroup")
	operatorLogs            = stmt("CapacityProviderLogs", nil, "logs:CreateLogStream", "logs:PutLogEvents")
)

// OperatorStatements are the statements an operator role needs beyond OperatorPolicy, which
// grants no logs action: logs:CreateLogStream and logs:PutLogEvents on the capacity providers'
// log groups, and logs:CreateLogGroup on those Lambda names itself (defaults: names under
// CapacityProviderLogGroupPrefix). Without them Lambda delivers no system log, and reports
// nothing (Developer Guide, "Monitoring Lambda Managed Instances with CloudWatch Logs").
func OperatorStatements(defaults, custom []string) []Statement {
	var create, groups []string
	for _, g := range defaults {
		create = append(create, LogGroupCreateARNs(g)...)
		groups = append(groups, LogGroupARN(g))
	}
	for _, g := range custom {
		groups = append(groups, LogGroupARN(g))
	}
	return appendOn(appendOn(nil, operatorLogsCreateGroup, create), operatorLogs, groups)
}
