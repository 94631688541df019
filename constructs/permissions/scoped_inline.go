package permissions

import "strings"

// The network-interface actions Lambda needs to reach an event source inside a VPC.
var sourceENIActions = []Statement{
	stmt("", []string{ARN("ec2", "network-interface/*"), ARN("ec2", "subnet/*"), ARN("ec2", "security-group/*")}, "ec2:CreateNetworkInterface"),
	stmt("", []string{ARN("ec2", "network-interface/*")}, "ec2:DeleteNetworkInterface"),
	stmt("", allResources, "ec2:DescribeNetworkInterfaces", "ec2:DescribeSecurityGroups", "ec2:DescribeSubnets", "ec2:DescribeVpcs"),
}

// withSids prefixes the sid-less statements of a shared block with a feature's name.
func withSids(prefix string, block []Statement, names ...string) []Statement {
	out := make([]Statement, len(block))
	for i, s := range block {
		s.Sid = prefix + names[i]
		out[i] = s
	}
	return out
}

func networkInterfaces(prefix string) []Statement {
	return withSids(prefix, sourceENIActions, "CreateNetworkInterface", "DeleteNetworkInterface", "DescribeNetwork")
}

func secretStatements(sid string, u Use) []Statement {
	var out []Statement
	if len(u.Secrets) > 0 {
		out = append(out, stmt(sid+"Secret", u.Secrets, "secretsmanager:GetSecretValue"))
	}
	return append(out, decryptStatements(sid+"Decrypt", u.Keys)...)
}

func decryptExtra(sid string) func(Use, *context) []Statement {
	return func(u Use, _ *context) []Statement { return decryptStatements(sid, u.Keys) }
}

func scopedMQ(u Use, _ *context) []Statement {
	out := []Statement{stmt("MQDescribeBroker", u.Resources, "mq:DescribeBroker")}
	out = append(out, secretStatements("MQ", u)...)
	return append(out, networkInterfaces("MQ")...)
}

func scopedKafka(u Use, _ *context) []Statement {
	out := secretStatements("Kafka", u)
	if u.InVPC {
		out = append(out, networkInterfaces("Kafka")...)
	}
	return out
}

func scopedDocumentDB(u Use, _ *context) []Statement {
	out := []Statement{
		stmt("DocumentDBDescribeCluster", u.Resources, "rds:DescribeDBClusters"),
		stmt("DocumentDBDescribeParameters", []string{ARN("rds", "cluster-pg:*")}, "rds:DescribeDBClusterParameters"),
		stmt("DocumentDBDescribeSubnetGroups", []string{ARN("rds", "subgrp:*")}, "rds:DescribeDBSubnetGroups"),
	}
	out = append(out, secretStatements("DocumentDB", u)...)
	return append(out, networkInterfaces("DocumentDB")...)
}

// sendTo grants action on the feature's resources, and what SSE-KMS needs of a sender:
// kms:GenerateDataKey and kms:Decrypt on the target's key.
func sendTo(sid, action string) func(Use, *context) []Statement {
	return func(u Use, _ *context) []Statement {
		out := []Statement{stmt(sid, u.Resources, action)}
		if len(u.Keys) > 0 {
			out = append(out, stmt(sid+"Encrypt", u.Keys, "kms:GenerateDataKey", "kms:Decrypt"))
		}
		return out
	}
}

func scopedBucket(u Use, _ *context) []Statement {
	var objects []string
	for _, b := range u.Resources {
		objects = append(objects, b+"/*")
	}
	out := []Statement{
		stmt("DestinationBucketWrite", objects, "s3:PutObject"),
		stmt("DestinationBucketList", u.Resources, "s3:ListBucket"),
	}
	if len(u.Keys) > 0 {
		out = append(out, stmt("DestinationBucketEncrypt", u.Keys, "kms:GenerateDataKey", "kms:Decrypt"))
	}
	return out
}

func scopedParametersAndSecrets(u Use, _ *context) []Statement {
	var out []Statement
	if len(u.Parameters) > 0 {
		out = append(out, stmt("ParametersRead", u.Parameters, "ssm:GetParameter", "ssm:GetParameters"))
	}
	if len(u.Secrets) > 0 {
		out = append(out, stmt("SecretsRead", u.Secrets, "secretsmanager:GetSecretValue"))
	}
	return append(out, decryptStatements("ParametersAndSecretsDecrypt", u.Keys)...)
}

// mskAuthExtra grants what MSK authentication needs beyond AWSLambdaMSKExecutionRole: the
// SASL/SCRAM secret and its key, or with IAM authentication the kafka-cluster actions on the
// cluster, its topics and its consumer groups.
func mskAuthExtra(u Use, _ *context) []Statement {
	out := secretStatements("MSK", u)
	if len(u.Topics) == 0 && len(u.Groups) == 0 {
		return out
	}
	var topics, groups []string
	for _, c := range u.Resources {
		for _, t := range u.Topics {
			topics = append(topics, mskSubresource(c, "topic", t))
		}
		for _, g := range u.Groups {
			groups = append(groups, mskSubresource(c, "group", g))
		}
	}
	out = append(out, stmt("MSKConnect", u.Resources, "kafka-cluster:Connect", "kafka-cluster:DescribeClusterDynamicConfiguration"))
	if len(topics) > 0 {
		out = append(out, stmt("MSKReadTopics", topics, "kafka-cluster:DescribeTopic", "kafka-cluster:ReadData"))
	}
	if len(groups) > 0 {
		out = append(out, stmt("MSKConsumerGroups", groups, "kafka-cluster:AlterGroup", "kafka-cluster:DescribeGroup"))
	}
	return out
}

// mskSubresource turns a cluster ARN (arn:...:cluster/name/uuid) into the ARN of one of its
// topics or groups (arn:...:topic/name/uuid/topic).
func mskSubresource(cluster, kind, name string) string {
	return strings.Replace(cluster, ":cluster/", ":"+kind+"/", 1) + "/" + name
}
