package permissions

// context is what least-privilege statements are scoped to beyond a feature's own resources.
type context struct {
	logGroups        []string // log group names the function writes to
	logGroupsCreated bool     // the stack creates them: no logs:CreateLogGroup
	functionNames    []string
	bindLater        bool // log groups come later (Request.BindLater)
	subnets          []string
	securityGroups   []string
	edge             bool // Lambda@Edge: logs in every region
}

// The statements of least-privilege mode are templates: a Sid and actions, fixed, and
// resources that are either fixed too or given by on(template, resources) for one use. Their
// lists are shared, never written to, so planning a role allocates little.

// on is template t applied to resources.
func on(t Statement, resources []string) Statement {
	t.Resources = resources
	return t
}

// decrypt is kms:Decrypt with a Sid, for customer managed keys.
func decrypt(sid string) Statement { return stmt(sid, nil, "kms:Decrypt") }

// appendOn appends template t on resources, if there are any: a statement on no resource is
// one IAM rejects.
func appendOn(out []Statement, t Statement, resources []string) []Statement {
	if len(resources) == 0 {
		return out
	}
	return append(out, on(t, resources))
}

var (
	logsWrite       = stmt("Logs", nil, "logs:CreateLogStream", "logs:PutLogEvents")
	logsCreateGroup = stmt("LogsCreateGroup", nil, "logs:CreateLogGroup")
)

func scopedLogs(out []Statement, _ Use, c *context) []Statement {
	groups := make([]string, 0, len(c.logGroups))
	create := make([]string, 0, 2*len(c.logGroups))
	for _, g := range c.logGroups {
		if c.edge {
			arn := "arn:" + Partition + ":logs:*:" + AccountID + ":log-group:" + g
			groups = append(groups, arn+":*")
			create = append(create, arn, arn+":*")
			continue
		}
		groups = append(groups, LogGroupARN(g))
		create = append(create, LogGroupCreateARNs(g)...)
	}
	// A Lambda@Edge replica creates its log group in whichever region runs it, even when the
	// stack creates the group in us-east-1.
	if !c.logGroupsCreated || c.edge {
		out = appendOn(out, logsCreateGroup, create)
	}
	return appendOn(out, logsWrite, groups)
}

var durableExecution = stmt("DurableExecution", nil, "lambda:CheckpointDurableExecution", "lambda:GetDurableExecutionState")

// durableDecrypt lets the function read its durable execution data encrypted with a customer
// managed key, only through Lambda.
var durableDecrypt = Statement{Sid: "DurableDecrypt", Actions: []string{"kms:Decrypt"},
	Conditions: []Condition{{Operator: "StringEquals", Key: "kms:ViaService", Values: []string{"lambda." + Region + ".amazonaws.com"}}}}

func durableKeyExtra(out []Statement, u Use, _ *context) []Statement {
	return appendOn(out, durableDecrypt, u.Keys)
}

func scopedDurable(out []Statement, u Use, c *context) []Statement {
	fns := make([]string, 0, len(c.functionNames))
	for _, f := range c.functionNames {
		// A durable execution is a sub-resource of a function version: name:qualifier/durable-execution/...
		fns = append(fns, ARN("lambda", "function:"+f+":*"))
	}
	return append(scopedLogs(out, u, c), on(durableExecution, fns))
}

var tracing = stmt("Tracing", allResources, xrayActions...)

func scopedTracing(out []Statement, _ Use, _ *context) []Statement { return append(out, tracing) }

// ARN patterns of the EC2 resources a function's network interfaces involve, in the role's
// region and account: the interfaces Lambda creates, and any subnet and security group.
var (
	regionNetworkInterfaces = []string{ARN("ec2", "network-interface/*")}
	regionSubnets           = []string{ARN("ec2", "subnet/*")}
	regionSecurityGroups    = []string{ARN("ec2", "security-group/*")}
	// regionAttach is what ec2:CreateNetworkInterface acts on: the interface, its subnet and
	// its security groups.
	regionAttach = concat(regionNetworkInterfaces, regionSubnets, regionSecurityGroups)
)

var (
	vpcCreateNetworkInterface = stmt("VPCCreateNetworkInterface", regionAttach, "ec2:CreateNetworkInterface")
	vpcManage                 = stmt("VPCManageNetworkInterfaces", regionNetworkInterfaces, "ec2:DeleteNetworkInterface", "ec2:AssignPrivateIpAddresses", "ec2:UnassignPrivateIpAddresses")
	vpcDescribe               = stmt("VPCDescribe", allResources, "ec2:DescribeNetworkInterfaces", "ec2:DescribeSubnets")
)

func scopedVPC(out []Statement, _ Use, c *context) []Statement {
	create := vpcCreateNetworkInterface
	if len(c.subnets)+len(c.securityGroups) > 0 {
		subnets, groups := c.subnets, c.securityGroups
		if len(subnets) == 0 {
			subnets = regionSubnets
		}
		if len(groups) == 0 {
			groups = regionSecurityGroups
		}
		create = on(create, concat(regionNetworkInterfaces, subnets, groups))
	}
	return append(out, create, vpcManage, vpcDescribe)
}

var sqsPoll = stmt("SQSPoll", nil, "sqs:ReceiveMessage", "sqs:DeleteMessage", "sqs:GetQueueAttributes")

func scopedSQS(out []Statement, u Use, _ *context) []Statement {
	return append(out, on(sqsPoll, u.Resources))
}

var (
	kinesisRead      = stmt("KinesisRead", nil, "kinesis:DescribeStream", "kinesis:DescribeStreamSummary", "kinesis:GetRecords", "kinesis:GetShardIterator", "kinesis:ListShards")
	kinesisSubscribe = stmt("KinesisSubscribe", nil, "kinesis:SubscribeToShard")
	kinesisList      = stmt("KinesisList", allResources, "kinesis:ListStreams")
)

func scopedKinesis(out []Statement, u Use, _ *context) []Statement {
	consumers := make([]string, 0, len(u.Resources))
	for _, s := range u.Resources {
		consumers = append(consumers, s+"/consumer/*")
	}
	return append(out, on(kinesisRead, u.Resources), on(kinesisSubscribe, consumers), kinesisList)
}

var (
	dynamoDBStreamsRead = stmt("DynamoDBStreamsRead", nil, "dynamodb:DescribeStream", "dynamodb:GetRecords", "dynamodb:GetShardIterator")
	dynamoDBStreamsList = stmt("DynamoDBStreamsList", allResources, "dynamodb:ListStreams")
)

func scopedDynamoDBStreams(out []Statement, u Use, _ *context) []Statement {
	return append(out, on(dynamoDBStreamsRead, u.Resources), dynamoDBStreamsList)
}

var (
	mskDescribeCluster = stmt("MSKDescribeCluster", nil, "kafka:DescribeCluster", "kafka:DescribeClusterV2")
	mskBootstrap       = stmt("MSKBootstrapBrokers", allResources, "kafka:GetBootstrapBrokers")
	mskNetwork         = networkInterfaces("MSK")
)

func scopedMSK(out []Statement, u Use, _ *context) []Statement {
	out = append(out, on(mskDescribeCluster, u.Resources), mskBootstrap)
	return append(out, mskNetwork...)
}

var (
	insightsLogGroup           = []string{LogGroupARN("/aws/lambda-insights")}
	insightsCreateLogGroup     = LogGroupCreateARNs("/aws/lambda-insights")
	applicationSignalsLogGroup = []string{LogGroupARN("/aws/application-signals/data")}

	insights = []Statement{
		stmt("InsightsCreateLogGroup", insightsCreateLogGroup, "logs:CreateLogGroup"),
		stmt("InsightsLogs", insightsLogGroup, "logs:CreateLogStream", "logs:PutLogEvents"),
	}
	applicationSignals = []Statement{
		{Sid: "ApplicationSignalsTraces", Actions: []string{"xray:PutTraceSegments"}, Resources: allResources, Conditions: ownAccount},
		stmt("ApplicationSignalsLogs", applicationSignalsLogGroup, logsActions...),
	}
)

func scopedInsights(out []Statement, _ Use, _ *context) []Statement {
	return append(out, insights...)
}

func scopedApplicationSignals(out []Statement, _ Use, _ *context) []Statement {
	return append(out, applicationSignals...)
}

var (
	efsReadWrite      = stmt("EFSReadWrite", nil, "elasticfilesystem:ClientMount", "elasticfilesystem:ClientWrite")
	efsDescribeMounts = stmt("EFSDescribeMountTargets", nil, "elasticfilesystem:DescribeMountTargets")
)

var (
	s3FilesReadWrite  = stmt("S3FilesReadWrite", nil, "s3files:ClientMount", "s3files:ClientWrite")
	s3FilesRead       = stmt("S3FilesRead", nil, "s3files:ClientMount")
	directRead        = stmt("S3FilesDirectRead", nil, "s3:GetObject", "s3:GetObjectVersion")
	directReadDecrypt = decrypt("S3FilesDirectReadDecrypt")
)

// scopedS3Files grants t on the file systems, through the access points when there are any.
func scopedS3Files(t Statement) func([]Statement, Use, *context) []Statement {
	return func(out []Statement, u Use, _ *context) []Statement {
		s := on(t, u.Resources)
		if len(u.AccessPoints) > 0 {
			s.Conditions = []Condition{{Operator: "ArnEquals", Key: "s3files:AccessPointArn", Values: u.AccessPoints}}
		}
		return append(out, s)
	}
}

func scopedDirectRead(out []Statement, u Use, _ *context) []Statement {
	objects := make([]string, 0, len(u.Resources))
	for _, b := range u.Resources {
		objects = append(objects, b+"/*")
	}
	out = append(out, on(directRead, objects))
	return appendOn(out, directReadDecrypt, u.Keys)
}

func scopedEFS(out []Statement, u Use, _ *context) []Statement {
	s := on(efsReadWrite, u.Resources)
	if len(u.AccessPoints) > 0 {
		s.Conditions = []Condition{{Operator: "StringEquals", Key: "elasticfilesystem:AccessPointArn", Values: u.AccessPoints}}
	}
	return append(out, s, on(efsDescribeMounts, u.Resources))
}
