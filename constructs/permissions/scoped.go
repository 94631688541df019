package permissions

// context is what least-privilege statements are scoped to beyond a feature's own resources.
type context struct {
	logGroups        []string // log group names the function writes to
	logGroupsCreated bool     // the stack creates them: no logs:CreateLogGroup
	functionNames    []string
	subnets          []string
	securityGroups   []string
	edge             bool // Lambda@Edge: logs in every region
}

func decryptStatements(sid string, keys []string) []Statement {
	if len(keys) == 0 {
		return nil
	}
	return []Statement{stmt(sid, keys, "kms:Decrypt")}
}

func scopedLogs(_ Use, c *context) []Statement {
	var groups []string
	for _, g := range c.logGroups {
		if c.edge {
			groups = append(groups, "arn:"+Partition+":logs:*:"+AccountID+":log-group:"+g+":*")
			continue
		}
		groups = append(groups, LogGroupARN(g))
	}
	out := []Statement{stmt("Logs", groups, "logs:CreateLogStream", "logs:PutLogEvents")}
	// A Lambda@Edge replica creates its log group in whichever region runs it, even when the
	// stack creates the group in us-east-1.
	if !c.logGroupsCreated || c.edge {
		out = append([]Statement{stmt("LogsCreateGroup", groups, "logs:CreateLogGroup")}, out...)
	}
	return out
}

func scopedDurable(u Use, c *context) []Statement {
	var fns []string
	for _, f := range c.functionNames {
		// A durable execution is a sub-resource of a function version: name:qualifier/durable-execution/...
		fns = append(fns, ARN("lambda", "function:"+f+":*"))
	}
	return append(scopedLogs(u, c), stmt("DurableExecution", fns, "lambda:CheckpointDurableExecution", "lambda:GetDurableExecutionState"))
}

func scopedVPC(_ Use, c *context) []Statement {
	subnets, groups := c.subnets, c.securityGroups
	if len(subnets) == 0 {
		subnets = []string{ARN("ec2", "subnet/*")}
	}
	if len(groups) == 0 {
		groups = []string{ARN("ec2", "security-group/*")}
	}
	enis := []string{ARN("ec2", "network-interface/*")}
	return []Statement{
		stmt("VPCCreateNetworkInterface", concat(enis, subnets, groups), "ec2:CreateNetworkInterface"),
		stmt("VPCManageNetworkInterfaces", enis, "ec2:DeleteNetworkInterface", "ec2:AssignPrivateIpAddresses", "ec2:UnassignPrivateIpAddresses"),
		stmt("VPCDescribe", allResources, "ec2:DescribeNetworkInterfaces", "ec2:DescribeSubnets"),
	}
}

func scopedSQS(u Use, _ *context) []Statement {
	return []Statement{stmt("SQSPoll", u.Resources, "sqs:ReceiveMessage", "sqs:DeleteMessage", "sqs:GetQueueAttributes")}
}

func scopedKinesis(u Use, _ *context) []Statement {
	var consumers []string
	for _, s := range u.Resources {
		consumers = append(consumers, s+"/consumer/*")
	}
	out := []Statement{
		stmt("KinesisRead", u.Resources, "kinesis:DescribeStream", "kinesis:DescribeStreamSummary", "kinesis:GetRecords", "kinesis:GetShardIterator", "kinesis:ListShards"),
		stmt("KinesisSubscribe", consumers, "kinesis:SubscribeToShard"),
		stmt("KinesisList", allResources, "kinesis:ListStreams"),
	}
	return out
}

func scopedDynamoDBStreams(u Use, _ *context) []Statement {
	out := []Statement{
		stmt("DynamoDBStreamsRead", u.Resources, "dynamodb:DescribeStream", "dynamodb:GetRecords", "dynamodb:GetShardIterator"),
		stmt("DynamoDBStreamsList", allResources, "dynamodb:ListStreams"),
	}
	return out
}

func scopedMSK(u Use, _ *context) []Statement {
	out := []Statement{
		stmt("MSKDescribeCluster", u.Resources, "kafka:DescribeCluster", "kafka:DescribeClusterV2"),
		stmt("MSKBootstrapBrokers", allResources, "kafka:GetBootstrapBrokers"),
	}
	return append(out, networkInterfaces("MSK")...)
}

func scopedInsights(Use, *context) []Statement {
	group := []string{LogGroupARN("/aws/lambda-insights")}
	return []Statement{
		stmt("InsightsCreateLogGroup", group, "logs:CreateLogGroup"),
		stmt("InsightsLogs", group, "logs:CreateLogStream", "logs:PutLogEvents"),
	}
}

func scopedApplicationSignals(Use, *context) []Statement {
	return []Statement{
		{Sid: "ApplicationSignalsTraces", Actions: []string{"xray:PutTraceSegments"}, Resources: allResources, Conditions: ownAccount},
		stmt("ApplicationSignalsLogs", []string{LogGroupARN("/aws/application-signals/data")}, logsActions...),
	}
}

func scopedEFS(u Use, _ *context) []Statement {
	s := stmt("EFSReadWrite", u.Resources, "elasticfilesystem:ClientMount", "elasticfilesystem:ClientWrite")
	if len(u.AccessPoints) > 0 {
		s.Conditions = []Condition{{Operator: "StringEquals", Key: "elasticfilesystem:AccessPointArn", Values: u.AccessPoints}}
	}
	return []Statement{s, stmt("EFSDescribeMountTargets", u.Resources, "elasticfilesystem:DescribeMountTargets")}
}
