package permissions_test

import (
	"reflect"
	"testing"

	"github.com/execrole/execrole/constructs/permissions"
)

const (
	otherKeyARN = "arn:aws:kms:us-east-1:123456789012:key/0000abcd-12ab-34cd-56ef-1234567890ab"
	brokerARN   = "arn:aws:mq:us-east-1:123456789012:broker:orders:b-1234a5b6-78cd-901e-2fab-3c45d6e178f9"
	docDBARN    = "arn:aws:rds:us-east-1:123456789012:cluster:orders"
	regionENI   = "arn:${AWS::Partition}:ec2:${AWS::Region}:${AWS::AccountId}:network-interface/*"
	regionSub   = "arn:${AWS::Partition}:ec2:${AWS::Region}:${AWS::AccountId}:subnet/*"
	regionSG    = "arn:${AWS::Partition}:ec2:${AWS::Region}:${AWS::AccountId}:security-group/*"
)

// TestResolveMergesWhatSeveralFeaturesNeed: a statement several features need appears once,
// under a Sid that joins theirs; features' statements on the same resources join their
// actions, and those with the same actions join their resources. Plan.Sources says which
// features each statement serves.
func TestResolveMergesWhatSeveralFeaturesNeed(t *testing.T) {
	created := func(u ...permissions.Use) permissions.Request {
		return permissions.Request{Uses: u, LeastPrivilege: true, FunctionNames: []string{"orders"}, LogGroupsCreated: true}
	}
	mq := permissions.Use{Feature: permissions.MQ, Resources: []string{brokerARN}, Secrets: []string{secretARN}}
	tests := []struct {
		name        string
		give        permissions.Request
		want        []permissions.Statement
		wantSources map[string][]permissions.ID
	}{
		{
			name: "network interfaces of mq, kafka and documentdb appear once",
			give: created(mq,
				permissions.Use{Feature: permissions.Kafka, InVPC: true},
				permissions.Use{Feature: permissions.DocumentDB, Resources: []string{docDBARN}, Secrets: []string{secretARN}}),
			want: []permissions.Statement{
				writeLogs,
				{Sid: "MQDescribeBroker", Actions: []string{"mq:DescribeBroker"}, Resources: []string{brokerARN}},
				{Sid: "MQSecretAndDocumentDBSecret", Actions: []string{"secretsmanager:GetSecretValue"}, Resources: []string{secretARN}},
				{Sid: "MQAndKafkaAndDocumentDBCreateNetworkInterface", Actions: []string{"ec2:CreateNetworkInterface"}, Resources: []string{regionENI, regionSub, regionSG}},
				{Sid: "MQAndKafkaAndDocumentDBDeleteNetworkInterface", Actions: []string{"ec2:DeleteNetworkInterface"}, Resources: []string{regionENI}},
				{Sid: "MQAndKafkaAndDocumentDBDescribeNetwork", Actions: []string{"ec2:DescribeNetworkInterfaces", "ec2:DescribeSecurityGroups", "ec2:DescribeSubnets", "ec2:DescribeVpcs"}, Resources: []string{"*"}},
				{Sid: "DocumentDBDescribeCluster", Actions: []string{"rds:DescribeDBClusters"}, Resources: []string{docDBARN}},
				{Sid: "DocumentDBDescribeParameters", Actions: []string{"rds:DescribeDBClusterParameters"}, Resources: []string{"arn:${AWS::Partition}:rds:${AWS::Region}:${AWS::AccountId}:cluster-pg:*"}},
				{Sid: "DocumentDBDescribeSubnetGroups", Actions: []string{"rds:DescribeDBSubnetGroups"}, Resources: []string{"arn:${AWS::Partition}:rds:${AWS::Region}:${AWS::AccountId}:subgrp:*"}},
			},
			wantSources: map[string][]permissions.ID{
				"Logs":                        {permissions.BasicLogs},
				"MQDescribeBroker":            {permissions.MQ},
				"MQSecretAndDocumentDBSecret": {permissions.MQ, permissions.DocumentDB},
				"MQAndKafkaAndDocumentDBCreateNetworkInterface": {permissions.MQ, permissions.Kafka, permissions.DocumentDB},
				"MQAndKafkaAndDocumentDBDeleteNetworkInterface": {permissions.MQ, permissions.Kafka, permissions.DocumentDB},
				"MQAndKafkaAndDocumentDBDescribeNetwork":        {permissions.MQ, permissions.Kafka, permissions.DocumentDB},
				"DocumentDBDescribeCluster":                     {permissions.DocumentDB}, "DocumentDBDescribeParameters": {permissions.DocumentDB},
				"DocumentDBDescribeSubnetGroups": {permissions.DocumentDB},
			},
		},
		{
			name: "keys of several features are one kms:Decrypt statement",
			give: created(
				permissions.Use{Feature: permissions.SQS, Resources: []string{queueARN}, Keys: []string{keyARN}},
				permissions.Use{Feature: permissions.Kinesis, Resources: []string{streamARN}, Keys: []string{otherKeyARN}}),
			want: []permissions.Statement{
				writeLogs,
				{Sid: "SQSPoll", Actions: []string{"sqs:ReceiveMessage", "sqs:DeleteMessage", "sqs:GetQueueAttributes"}, Resources: []string{queueARN}},
				{Sid: "SQSDecryptAndKinesisDecrypt", Actions: []string{"kms:Decrypt"}, Resources: []string{keyARN, otherKeyARN}},
				{Sid: "KinesisRead", Actions: []string{"kinesis:DescribeStream", "kinesis:DescribeStreamSummary", "kinesis:GetRecords", "kinesis:GetShardIterator", "kinesis:ListShards"}, Resources: []string{streamARN}},
				{Sid: "KinesisSubscribe", Actions: []string{"kinesis:SubscribeToShard"}, Resources: []string{streamARN + "/consumer/*"}},
				{Sid: "KinesisList", Actions: []string{"kinesis:ListStreams"}, Resources: []string{"*"}},
			},
			wantSources: map[string][]permissions.ID{
				"Logs": {permissions.BasicLogs}, "SQSPoll": {permissions.SQS}, "SQSDecryptAndKinesisDecrypt": {permissions.SQS, permissions.Kinesis},
				"KinesisRead": {permissions.Kinesis}, "KinesisSubscribe": {permissions.Kinesis}, "KinesisList": {permissions.Kinesis},
			},
		},
		{
			name: "actions on every resource are one statement",
			give: created(permissions.Use{Feature: permissions.Tracing}, permissions.Use{Feature: permissions.DynamoDBStreams, Resources: []string{tableStreamARN}}),
			want: []permissions.Statement{
				writeLogs,
				{Sid: "TracingAndDynamoDBStreamsList", Actions: []string{"xray:PutTraceSegments", "xray:PutTelemetryRecords", "xray:GetSamplingRules", "xray:GetSamplingTargets", "xray:GetSamplingStatisticSummaries", "dynamodb:ListStreams"}, Resources: []string{"*"}},
				{Sid: "DynamoDBStreamsRead", Actions: []string{"dynamodb:DescribeStream", "dynamodb:GetRecords", "dynamodb:GetShardIterator"}, Resources: []string{tableStreamARN}},
			},
			wantSources: map[string][]permissions.ID{
				"Logs": {permissions.BasicLogs}, "TracingAndDynamoDBStreamsList": {permissions.Tracing, permissions.DynamoDBStreams}, "DynamoDBStreamsRead": {permissions.DynamoDBStreams},
			},
		},
		{
			name: "vpc's interface statements take in an event source's",
			give: created(permissions.Use{Feature: permissions.VPC}, mq),
			want: []permissions.Statement{
				writeLogs,
				{Sid: "VPCAndMQCreateNetworkInterface", Actions: []string{"ec2:CreateNetworkInterface"}, Resources: []string{regionENI, regionSub, regionSG}},
				{Sid: "VPCManageNetworkInterfacesAndMQDeleteNetworkInterface", Actions: []string{"ec2:DeleteNetworkInterface", "ec2:AssignPrivateIpAddresses", "ec2:UnassignPrivateIpAddresses"}, Resources: []string{regionENI}},
				{Sid: "VPCDescribeAndMQDescribeNetwork", Actions: []string{"ec2:DescribeNetworkInterfaces", "ec2:DescribeSubnets", "ec2:DescribeSecurityGroups", "ec2:DescribeVpcs"}, Resources: []string{"*"}},
				{Sid: "MQDescribeBroker", Actions: []string{"mq:DescribeBroker"}, Resources: []string{brokerARN}},
				{Sid: "MQSecret", Actions: []string{"secretsmanager:GetSecretValue"}, Resources: []string{secretARN}},
			},
			wantSources: map[string][]permissions.ID{
				"Logs": {permissions.BasicLogs}, "VPCAndMQCreateNetworkInterface": {permissions.VPC, permissions.MQ},
				"VPCManageNetworkInterfacesAndMQDeleteNetworkInterface": {permissions.VPC, permissions.MQ}, "VPCDescribeAndMQDescribeNetwork": {permissions.VPC, permissions.MQ},
				"MQDescribeBroker": {permissions.MQ}, "MQSecret": {permissions.MQ},
			},
		},
		{
			name: "a feature's own statements on the same resources stay apart",
			give: permissions.Request{LeastPrivilege: true, FunctionNames: []string{"orders"}},
			want: []permissions.Statement{
				{Sid: "LogsCreateGroup", Actions: []string{"logs:CreateLogGroup"}, Resources: ordersLogGroupCreate},
				writeLogs,
			},
			wantSources: map[string][]permissions.ID{"LogsCreateGroup": {permissions.BasicLogs}, "Logs": {permissions.BasicLogs}},
		},
		{
			name: "statements with different conditions stay apart",
			give: created(permissions.Use{Feature: permissions.Tracing}, permissions.Use{Feature: permissions.ApplicationSignals}),
			want: []permissions.Statement{
				writeLogs,
				{Sid: "Tracing", Actions: []string{"xray:PutTraceSegments", "xray:PutTelemetryRecords", "xray:GetSamplingRules", "xray:GetSamplingTargets", "xray:GetSamplingStatisticSummaries"}, Resources: []string{"*"}},
				{Sid: "ApplicationSignalsTraces", Actions: []string{"xray:PutTraceSegments"}, Resources: []string{"*"},
					Conditions: []permissions.Condition{{Operator: "StringEquals", Key: "aws:ResourceAccount", Values: []string{"${aws:PrincipalAccount}"}}}},
				{Sid: "ApplicationSignalsLogs", Actions: []string{"logs:CreateLogGroup", "logs:CreateLogStream", "logs:PutLogEvents"}, Resources: []string{"arn:${AWS::Partition}:logs:${AWS::Region}:${AWS::AccountId}:log-group:/aws/application-signals/data:*"}},
			},
			wantSources: map[string][]permissions.ID{
				"Logs": {permissions.BasicLogs}, "Tracing": {permissions.Tracing},
				"ApplicationSignalsTraces": {permissions.ApplicationSignals}, "ApplicationSignalsLogs": {permissions.ApplicationSignals},
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := mustResolve(t, tt.give)
			if !reflect.DeepEqual(p.Statements, tt.want) {
				t.Errorf("Statements =\n %+v\nwant\n %+v", p.Statements, tt.want)
			}
			if !reflect.DeepEqual(p.Sources, tt.wantSources) {
				t.Errorf("Sources =\n %v\nwant\n %v", p.Sources, tt.wantSources)
			}
		})
	}
}

// TestResolveMergingLeavesTheCatalogAlone: joining actions into a statement does not write
// into the catalog's shared action lists, so a later plan without the other feature is as
// before.
func TestResolveMergingLeavesTheCatalogAlone(t *testing.T) {
	req := permissions.Request{Uses: uses(permissions.Tracing), LeastPrivilege: true, FunctionNames: []string{"orders"}}
	want := mustResolve(t, req)
	for range 3 {
		mustResolve(t, permissions.Request{
			Uses:           []permissions.Use{{Feature: permissions.Tracing}, {Feature: permissions.Kinesis, Resources: []string{streamARN}}, {Feature: permissions.VPC}},
			LeastPrivilege: true, FunctionNames: []string{"orders"},
		})
	}
	if got := mustResolve(t, req); !reflect.DeepEqual(got, want) {
		t.Errorf("tracing alone after merged plans:\n %+v\nwant\n %+v", got.Statements, want.Statements)
	}
}

// TestLeastPrivilegeEveryFeatureFitsTheInlineQuota: with the statements several features
// need merged, a role with every feature at once fits IAM's 10,240 characters, its resources
// given as CDK tokens (each counted as 128 characters) and subnets and security groups too.
func TestLeastPrivilegeEveryFeatureFitsTheInlineQuota(t *testing.T) {
	var u []permissions.Use
	for _, d := range permissions.Catalog {
		if len(d.Conflicts) == 0 { // VPCNetworkInterfaces and S3FilesReadOnly are narrower forms
			u = append(u, tokenUse(d))
		}
	}
	p := mustResolve(t, permissions.Request{Uses: u, LeastPrivilege: true, FunctionNames: []string{"orders"},
		Subnets: []string{"${Token[TOKEN.6]}"}, SecurityGroups: []string{"${Token[TOKEN.7]}"}})
	if p.InlineChars > permissions.MaxInlineChars {
		t.Errorf("InlineChars = %d, over %d", p.InlineChars, permissions.MaxInlineChars)
	}
}

func TestJoinSidsNamesEveryFeature(t *testing.T) {
	tests := []struct {
		name string
		give []string
		want string
	}{
		{name: "shared words once", give: []string{"MQCreateNetworkInterface", "KafkaCreateNetworkInterface"}, want: "MQAndKafkaCreateNetworkInterface"},
		{name: "acronym before the shared words", give: []string{"VPCCreateNetworkInterface", "DocumentDBCreateNetworkInterface"}, want: "VPCAndDocumentDBCreateNetworkInterface"},
		{name: "one shared word is kept with each", give: []string{"SQSDecrypt", "KinesisDecrypt"}, want: "SQSDecryptAndKinesisDecrypt"},
		{name: "nothing shared", give: []string{"Tracing", "DynamoDBStreamsList"}, want: "TracingAndDynamoDBStreamsList"},
		{name: "a whole sid is no prefix", give: []string{"Logs", "InsightsLogs"}, want: "LogsAndInsightsLogs"},
		{name: "shared acronym words", give: []string{"ReadDBCluster", "DocumentDBCluster"}, want: "ReadAndDocumentDBCluster"},
		{name: "shared letters that are not words", give: []string{"ReadDBCluster", "ADBCluster"}, want: "ReadDBClusterAndADBCluster"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := permissions.JoinSids(tt.give); got != tt.want {
				t.Errorf("JoinSids(%q) = %q, want %q", tt.give, got, tt.want)
			}
		})
	}
}

func TestMissingLeavesWhatIsNotYetAllowed(t *testing.T) {
	const q1, q2 = "arn:aws:sqs:us-east-1:123456789012:a", "arn:aws:sqs:us-east-1:123456789012:b"
	cond := []permissions.Condition{{Operator: "StringEquals", Key: "aws:ResourceAccount", Values: []string{"123456789012"}}}
	have := []permissions.Statement{
		{Sid: "Send", Actions: []string{"sqs:SendMessage"}, Resources: []string{q1}},
		{Sid: "List", Actions: []string{"xray:PutTraceSegments", "xray:PutTelemetryRecords"}, Resources: []string{"*"}},
		{Sid: "Wild", Actions: []string{"s3:Get*"}, Resources: []string{"arn:aws:s3:::b/*"}},
	}
	tests := []struct {
		name   string
		give   permissions.Statement
		want   permissions.Statement
		wantOK bool
	}{
		{name: "the same statement under another Sid", give: permissions.Statement{Sid: "SendAndMore", Actions: []string{"sqs:SendMessage"}, Resources: []string{q1}}},
		{name: "more actions on the same resources keep the new ones",
			give:   permissions.Statement{Sid: "TracingAndKinesisList", Actions: []string{"xray:PutTraceSegments", "kinesis:ListStreams"}, Resources: []string{"*"}},
			want:   permissions.Statement{Sid: "TracingAndKinesisList", Actions: []string{"kinesis:ListStreams"}, Resources: []string{"*"}},
			wantOK: true},
		{name: "more resources for the same actions keep the new ones",
			give:   permissions.Statement{Actions: []string{"sqs:SendMessage"}, Resources: []string{q1, q2}},
			want:   permissions.Statement{Actions: []string{"sqs:SendMessage"}, Resources: []string{q2}},
			wantOK: true},
		{name: "other conditions are not the same permission",
			give:   permissions.Statement{Actions: []string{"sqs:SendMessage"}, Resources: []string{q1}, Conditions: cond},
			want:   permissions.Statement{Actions: []string{"sqs:SendMessage"}, Resources: []string{q1}, Conditions: cond},
			wantOK: true},
		{name: "a wildcard covers only itself",
			give:   permissions.Statement{Actions: []string{"s3:GetObject"}, Resources: []string{"arn:aws:s3:::b/*"}},
			want:   permissions.Statement{Actions: []string{"s3:GetObject"}, Resources: []string{"arn:aws:s3:::b/*"}},
			wantOK: true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, ok := permissions.Missing(tt.give, have)
			if ok != tt.wantOK || (ok && !reflect.DeepEqual(got, tt.want)) {
				t.Errorf("Missing = %+v, %v; want %+v, %v", got, ok, tt.want, tt.wantOK)
			}
		})
	}
}
