package permissions

import "strings"

// The network-interface actions Lambda needs to reach an event source inside a VPC.
var sourceENIActions = []Statement{
	stmt("", regionAttach, "ec2:CreateNetworkInterface"),
	stmt("", regionNetworkInterfaces, "ec2:DeleteNetworkInterface"),
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

// credentials are the statements that read a source's secret and decrypt it with its
// customer managed key, with Sids prefixed by the feature's name.
type credentials struct{ secret, decrypt Statement }

func newCredentials(prefix string) credentials {
	return credentials{stmt(prefix+"Secret", nil, "secretsmanager:GetSecretValue"), decrypt(prefix + "Decrypt")}
}

func (c credentials) append(out []Statement, u Use) []Statement {
	out = appendOn(out, c.secret, u.Secrets)
	return appendOn(out, c.decrypt, u.Keys)
}

func decryptExtra(sid string) func([]Statement, Use, *context) []Statement {
	t := decrypt(sid)
	return func(out []Statement, u Use, _ *context) []Statement { return appendOn(out, t, u.Keys) }
}

var (
	mqDescribeBroker = stmt("MQDescribeBroker", nil, "mq:DescribeBroker")
	mqCredentials    = newCredentials("MQ")
	mqNetwork        = networkInterfaces("MQ")
)

func scopedMQ(out []Statement, u Use, _ *context) []Statement {
	out = mqCredentials.append(append(out, on(mqDescribeBroker, u.Resources)), u)
	return append(out, mqNetwork...)
}

var (
	kafkaCredentials = newCredentials("Kafka")
	kafkaNetwork     = networkInterfaces("Kafka")
)

func scopedKafka(out []Statement, u Use, _ *context) []Statement {
	out = kafkaCredentials.append(out, u)
	if u.InVPC {
		out = append(out, kafkaNetwork...)
	}
	return out
}

// The cluster parameter groups and subnet groups of the role's region and account, which
// Lambda describes for a DocumentDB source.
var (
	regionClusterParameterGroups = []string{ARN("rds", "cluster-pg:*")}
	regionSubnetGroups           = []string{ARN("rds", "subgrp:*")}

	docDBDescribeCluster = stmt("DocumentDBDescribeCluster", nil, "rds:DescribeDBClusters")
	docDBDescribeGroups  = []Statement{
		stmt("DocumentDBDescribeParameters", regionClusterParameterGroups, "rds:DescribeDBClusterParameters"),
		stmt("DocumentDBDescribeSubnetGroups", regionSubnetGroups, "rds:DescribeDBSubnetGroups"),
	}
	docDBCredentials = newCredentials("DocumentDB")
	docDBNetwork     = networkInterfaces("DocumentDB")
)

func scopedDocumentDB(out []Statement, u Use, _ *context) []Statement {
	out = append(append(out, on(docDBDescribeCluster, u.Resources)), docDBDescribeGroups...)
	out = docDBCredentials.append(out, u)
	return append(out, docDBNetwork...)
}

// encryptActions are what SSE-KMS needs of a sender on the target's key.
var encryptActions = []string{"kms:GenerateDataKey", "kms:Decrypt"}

// sendTo grants action on the feature's resources, and kms:GenerateDataKey and kms:Decrypt on
// the target's customer managed key.
func sendTo(sid, action string) func([]Statement, Use, *context) []Statement {
	send, encrypt := stmt(sid, nil, action), stmt(sid+"Encrypt", nil, encryptActions...)
	return func(out []Statement, u Use, _ *context) []Statement {
		out = append(out, on(send, u.Resources))
		return appendOn(out, encrypt, u.Keys)
	}
}

var (
	bucketWrite   = stmt("DestinationBucketWrite", nil, "s3:PutObject")
	bucketList    = stmt("DestinationBucketList", nil, "s3:ListBucket")
	bucketEncrypt = stmt("DestinationBucketEncrypt", nil, encryptActions...)
)

func scopedBucket(out []Statement, u Use, _ *context) []Statement {
	objects := make([]string, 0, len(u.Resources))
	for _, b := range u.Resources {
		objects = append(objects, b+"/*")
	}
	out = append(out, on(bucketWrite, objects), on(bucketList, u.Resources))
	return appendOn(out, bucketEncrypt, u.Keys)
}

var environmentDecrypt = decrypt("EnvironmentDecrypt")

func scopedEnvironmentKey(out []Statement, u Use, _ *context) []Statement {
	return appendOn(out, environmentDecrypt, u.Resources)
}

var (
	parametersRead   = stmt("ParametersRead", nil, "ssm:GetParameter", "ssm:GetParameters")
	secretsRead      = stmt("SecretsRead", nil, "secretsmanager:GetSecretValue")
	extensionDecrypt = decrypt("ParametersAndSecretsDecrypt")
)

func scopedParametersAndSecrets(out []Statement, u Use, _ *context) []Statement {
	out = appendOn(out, parametersRead, u.Parameters)
	out = appendOn(out, secretsRead, u.Secrets)
	return appendOn(out, extensionDecrypt, u.Keys)
}

var (
	glueGetRegistry      = stmt("GlueGetRegistry", nil, "glue:GetRegistry")
	glueGetSchemaVersion = stmt("GlueGetSchemaVersion", allResources, "glue:GetSchemaVersion")
	confluentCredentials = newCredentials("ConfluentSchemaRegistry")
)

func scopedGlueSchemaRegistry(out []Statement, u Use, _ *context) []Statement {
	return append(out, on(glueGetRegistry, u.Resources), glueGetSchemaVersion)
}

func scopedConfluentSchemaRegistry(out []Statement, u Use, _ *context) []Statement {
	return confluentCredentials.append(out, u)
}

var (
	kafkaTopicConnect = stmt("DestinationKafkaTopicConnect", nil, "kafka-cluster:Connect")
	kafkaTopicWrite   = stmt("DestinationKafkaTopicWrite", nil, "kafka-cluster:DescribeTopic", "kafka-cluster:WriteData")
)

func scopedKafkaTopic(out []Statement, u Use, _ *context) []Statement {
	out = appendOn(out, kafkaTopicConnect, u.Resources)
	return appendOn(out, kafkaTopicWrite, mskSubresources(u.Resources, "topic", u.Topics))
}

var (
	mskListScramSecrets = stmt("MSKListScramSecrets", nil, "kafka:ListScramSecrets")
	mskCredentials      = newCredentials("MSK")
	mskConnect          = stmt("MSKConnect", nil, "kafka-cluster:Connect", "kafka-cluster:DescribeClusterDynamicConfiguration")
	mskReadTopics       = stmt("MSKReadTopics", nil, "kafka-cluster:DescribeTopic", "kafka-cluster:ReadData")
	mskConsumerGroups   = stmt("MSKConsumerGroups", nil, "kafka-cluster:AlterGroup", "kafka-cluster:DescribeGroup")
)

// mskAuthExtra grants what MSK authentication needs beyond AWSLambdaMSKExecutionRole: the
// SASL/SCRAM secret and its key, or with IAM authentication the kafka-cluster actions on the
// cluster, its topics and its consumer groups.
func mskAuthExtra(out []Statement, u Use, _ *context) []Statement {
	out = mskCredentials.append(out, u)
	if len(u.Secrets) > 0 {
		out = appendOn(out, mskListScramSecrets, u.Resources)
	}
	if len(u.Topics) == 0 && len(u.Groups) == 0 {
		return out
	}
	out = append(out, on(mskConnect, u.Resources))
	out = appendOn(out, mskReadTopics, mskSubresources(u.Resources, "topic", u.Topics))
	return appendOn(out, mskConsumerGroups, mskSubresources(u.Resources, "group", u.Groups))
}

// mskSubresources are the ARNs of the topics or groups (kind) of each of clusters.
func mskSubresources(clusters []string, kind string, names []string) []string {
	var out []string
	for _, c := range clusters {
		for _, n := range names {
			out = append(out, mskSubresource(c, kind, n))
		}
	}
	return out
}

// mskSubresource turns a cluster ARN (arn:...:cluster/name/uuid) into the ARN of one of its
// topics or groups (arn:...:topic/name/uuid/topic). A cluster ARN that is a token has no text
// to cut: the topic or group of that name in any cluster of the role's account and region.
func mskSubresource(cluster, kind, name string) string {
	if !strings.Contains(cluster, ":cluster/") {
		return ARN("kafka", kind+"/*/*/"+name)
	}
	return strings.Replace(cluster, ":cluster/", ":"+kind+"/", 1) + "/" + name
}
