package executionrole

import (
	"slices"

	"github.com/aws/aws-cdk-go/awscdk/v2/awsevents"
	"github.com/aws/aws-cdk-go/awscdk/v2/awskms"
	"github.com/aws/aws-cdk-go/awscdk/v2/awslambda"
	"github.com/aws/aws-cdk-go/awscdk/v2/awss3"
	"github.com/aws/aws-cdk-go/awscdk/v2/awssecretsmanager"
	"github.com/aws/aws-cdk-go/awscdk/v2/awssns"
	"github.com/aws/aws-cdk-go/awscdk/v2/awssqs"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsssm"

	"github.com/execrole/execrole/constructs/permissions"
)

// FromArns builds any feature from the ARNs of its resources, for resources the app imports
// (tokens allowed): FromArns(permissions.DeadLetterQueue, "arn:aws:sqs:...").
func FromArns(id permissions.ID, arns ...string) Feature { return Feature{id: id, arns: arns} }

// secret returns a secret's ARN and its customer managed key's ARN, if any.
func secret(s awssecretsmanager.ISecret) (arn string, keys []string) {
	return *s.SecretArn(), keyArns(s.EncryptionKey())
}

// keyArns is the ARN of a resource's customer managed key, as a list: empty for none.
func keyArns(k awskms.IKey) []string {
	if k == nil {
		return nil
	}
	return []string{*k.KeyArn()}
}

// withCredentials is feature id, made by constructor, on one resource whose clients
// authenticate with a secret; what names the secret and fix says what to pass.
func withCredentials(id permissions.ID, constructor, what, fix, arn string, credentials awssecretsmanager.ISecret) Feature {
	if err := nilArgs(constructor, what, fix, []awssecretsmanager.ISecret{credentials}); err != nil {
		return failed(id, err)
	}
	return Feature{id: id, arns: []string{arn}, resolve: func(bool) (permissions.Use, error) {
		secretArn, keys := secret(credentials)
		return permissions.Use{Secrets: []string{secretArn}, Keys: keys}, nil
	}}
}

// MQ lets Lambda read an Amazon MQ broker (ActiveMQ or RabbitMQ) for an event source
// mapping: mq:DescribeBroker on the broker, its credentials secret and key, and the
// network-interface actions Lambda uses to reach the broker's VPC.
func MQ(brokerArn string, credentials awssecretsmanager.ISecret) Feature {
	return withCredentials(permissions.MQ, "MQ", "credentials secret",
		"pass the awssecretsmanager.ISecret holding the broker's user name and password", brokerArn, credentials)
}

// SelfManagedKafka lets Lambda read a self-managed Apache Kafka cluster with the given
// credentials (nil for none); inVPC adds the network-interface actions for a cluster reached
// through the function's VPC.
func SelfManagedKafka(credentials awssecretsmanager.ISecret, inVPC bool) Feature {
	return Feature{id: permissions.Kafka, resolve: func(bool) (permissions.Use, error) {
		u := permissions.Use{InVPC: inVPC}
		if !isNil(credentials) {
			arn, keys := secret(credentials)
			u.Secrets, u.Keys = []string{arn}, keys
		}
		return u, nil
	}}
}

// DocumentDB lets Lambda read an Amazon DocumentDB cluster's change stream: rds:Describe*
// on the cluster, its credentials secret and key, and network interfaces in its VPC.
func DocumentDB(clusterArn string, credentials awssecretsmanager.ISecret) Feature {
	return withCredentials(permissions.DocumentDB, "DocumentDB", "credentials secret",
		"pass the awssecretsmanager.ISecret holding the cluster's user name and password", clusterArn, credentials)
}

// MSKWithSCRAM is MSKArns for a cluster whose clients authenticate with SASL/SCRAM: it adds
// the credentials secret and its key.
func MSKWithSCRAM(clusterArn string, credentials awssecretsmanager.ISecret) Feature {
	return withCredentials(permissions.MSK, "MSKWithSCRAM", "credentials secret",
		"pass the awssecretsmanager.ISecret holding the SASL/SCRAM user name and password (its name starts with AmazonMSK_)", clusterArn, credentials)
}

// MSKWithMutualTLS is MSKArns for a cluster whose clients authenticate with mutual TLS (the
// event source mapping's CLIENT_CERTIFICATE_TLS_AUTH source access configuration): Lambda
// reads the client certificate and its private key from clientCertificate, so the role gets
// secretsmanager:GetSecretValue on that secret and kms:Decrypt on its customer managed key, if
// it has one (Lambda Developer Guide, "Configuring Amazon MSK cluster authentication methods
// in Lambda" and "Configuring Lambda execution role permissions").
func MSKWithMutualTLS(clusterArn string, clientCertificate awssecretsmanager.ISecret) Feature {
	return withCredentials(permissions.MSK, "MSKWithMutualTLS", "client certificate secret",
		"pass the awssecretsmanager.ISecret holding the client certificate chain and private key (PEM)", clusterArn, clientCertificate)
}

// MSKWithIAM is MSKArns for a cluster with IAM access control: kafka-cluster:Connect on the
// cluster, read access to the topics and the consumer groups' actions. Topic and group ARNs
// are written from a literal clusterArn (arn:aws:kafka:region:account:cluster/name/uuid); a
// token scopes them by name within the account and region. Give at least one topic and one
// consumer group: Lambda reads the topics as a member of the group (the mapping's consumer
// group id).
func MSKWithIAM(clusterArn string, topics, consumerGroups []string) Feature {
	for _, f := range []struct {
		what  string
		names []string
	}{{"topics", topics}, {"consumer groups", consumerGroups}} {
		if len(f.names) == 0 || slices.Contains(f.names, "") {
			return failed(permissions.MSK, permissions.Errorf(permissions.ErrFeatureMissingResource,
				"MSKWithIAM: %s are %q: pass the names of the %s of the event source mapping (its topic and its consumer group id), none empty", f.what, f.names, f.what))
		}
	}
	return Feature{id: permissions.MSK, arns: []string{clusterArn}, resolve: func(bool) (permissions.Use, error) {
		return permissions.Use{Topics: topics, Groups: consumerGroups}, nil
	}}
}

func queueTarget(id permissions.ID, constructor, purpose string, q awssqs.IQueue) Feature {
	if err := nilArgs(constructor, "queue", "pass the awssqs.IQueue Lambda sends "+purpose+" to (awssqs.NewQueue, or awssqs.Queue_FromQueueArn)", []awssqs.IQueue{q}); err != nil {
		return failed(id, err)
	}
	return Feature{id: id, resolve: func(bool) (permissions.Use, error) {
		u := permissions.Use{Resources: []string{*q.QueueArn()}}
		u.Keys = keyArns(q.EncryptionMasterKey())
		return u, nil
	}}
}

func topicTarget(id permissions.ID, constructor, purpose string, t awssns.ITopic) Feature {
	if err := nilArgs(constructor, "topic", "pass the awssns.ITopic Lambda publishes "+purpose+" to (awssns.NewTopic, or awssns.Topic_FromTopicArn)", []awssns.ITopic{t}); err != nil {
		return failed(id, err)
	}
	return Feature{id: id, resolve: func(bool) (permissions.Use, error) {
		u := permissions.Use{Resources: []string{*t.TopicArn()}}
		u.Keys = keyArns(t.MasterKey())
		return u, nil
	}}
}

// DeadLetterQueue lets Lambda send events that failed asynchronous invocation to queue
// (sqs:SendMessage; kms:GenerateDataKey and kms:Decrypt on its customer managed key).
func DeadLetterQueue(queue awssqs.IQueue) Feature {
	return queueTarget(permissions.DeadLetterQueue, "DeadLetterQueue", "failed events", queue)
}

// DeadLetterTopic lets Lambda publish events that failed asynchronous invocation to topic.
func DeadLetterTopic(topic awssns.ITopic) Feature {
	return topicTarget(permissions.DeadLetterTopic, "DeadLetterTopic", "failed events", topic)
}

// DestinationQueue lets Lambda send invocation records to queue: an asynchronous invocation
// destination or an event source mapping's on-failure destination.
func DestinationQueue(queue awssqs.IQueue) Feature {
	return queueTarget(permissions.DestinationQueue, "DestinationQueue", "invocation records", queue)
}

// DestinationTopic lets Lambda publish invocation records to topic.
func DestinationTopic(topic awssns.ITopic) Feature {
	return topicTarget(permissions.DestinationTopic, "DestinationTopic", "invocation records", topic)
}

// DestinationFunction lets Lambda invoke fn with invocation records (lambda:InvokeFunction).
func DestinationFunction(fn awslambda.IFunction) Feature {
	if err := nilArgs("DestinationFunction", "function", "pass the awslambda.IFunction Lambda invokes with invocation records (awslambda.NewFunction, or awslambda.Function_FromFunctionArn)", []awslambda.IFunction{fn}); err != nil {
		return failed(permissions.DestinationFunction, err)
	}
	return Feature{id: permissions.DestinationFunction, resolve: func(bool) (permissions.Use, error) {
		return permissions.Use{Resources: []string{*fn.FunctionArn()}}, nil
	}}
}

// DestinationEventBus lets Lambda put invocation records on bus (events:PutEvents).
func DestinationEventBus(bus awsevents.IEventBus) Feature {
	if err := nilArgs("DestinationEventBus", "event bus", "pass the awsevents.IEventBus Lambda puts invocation records on (awsevents.NewEventBus, or awsevents.EventBus_FromEventBusArn)", []awsevents.IEventBus{bus}); err != nil {
		return failed(permissions.DestinationEventBus, err)
	}
	return Feature{id: permissions.DestinationEventBus, resolve: func(bool) (permissions.Use, error) {
		return permissions.Use{Resources: []string{*bus.EventBusArn()}}, nil
	}}
}

// DestinationBucket lets Lambda write invocation records to bucket: s3:PutObject on its
// objects and s3:ListBucket on the bucket (on-failure destinations of Kafka, Kinesis and
// DynamoDB event source mappings).
func DestinationBucket(bucket awss3.IBucket) Feature {
	if err := nilArgs("DestinationBucket", "bucket", "pass the awss3.IBucket Lambda writes invocation records to (awss3.NewBucket, or awss3.Bucket_FromBucketArn)", []awss3.IBucket{bucket}); err != nil {
		return failed(permissions.DestinationBucket, err)
	}
	return Feature{id: permissions.DestinationBucket, resolve: func(bool) (permissions.Use, error) {
		u := permissions.Use{Resources: []string{*bucket.BucketArn()}}
		u.Keys = keyArns(bucket.EncryptionKey())
		return u, nil
	}}
}

// EnvironmentKey lets Lambda decrypt the function's environment variables encrypted with key
// (awslambda.FunctionProps.EnvironmentEncryption).
func EnvironmentKey(key awskms.IKey) Feature {
	if err := nilArgs("EnvironmentKey", "key", "pass the awskms.IKey of the function's EnvironmentEncryption (awskms.NewKey, or awskms.Key_FromKeyArn)", []awskms.IKey{key}); err != nil {
		return failed(permissions.EnvironmentKey, err)
	}
	return Feature{id: permissions.EnvironmentKey, resolve: func(bool) (permissions.Use, error) {
		return permissions.Use{Resources: []string{*key.KeyArn()}}, nil
	}}
}

// Edge makes the role usable by a Lambda@Edge function: it also trusts
// edgelambda.amazonaws.com, and least-privilege logs go to /aws/lambda/us-east-1.<name> in
// every region the function replicates to.
func Edge() Feature { return simple(permissions.Edge) }

// ParametersAndSecrets lets the AWS Parameters and Secrets Lambda Extension read parameters
// and secrets: ssm:GetParameter(s), secretsmanager:GetSecretValue, and kms:Decrypt on the
// secrets' customer managed keys.
func ParametersAndSecrets(parameters []awsssm.IParameter, secrets []awssecretsmanager.ISecret) Feature {
	err := nilArgs("ParametersAndSecrets", "parameter", "pass the awsssm.IParameter the extension reads, or leave it out", parameters)
	if err == nil {
		err = nilArgs("ParametersAndSecrets", "secret", "pass the awssecretsmanager.ISecret the extension reads, or leave it out", secrets)
	}
	if err != nil {
		return failed(permissions.ParametersAndSecrets, err)
	}
	return Feature{id: permissions.ParametersAndSecrets, resolve: func(bool) (permissions.Use, error) {
		var u permissions.Use
		for _, p := range parameters {
			u.Parameters = append(u.Parameters, *p.ParameterArn())
		}
		for _, s := range secrets {
			arn, keys := secret(s)
			u.Secrets = append(u.Secrets, arn)
			u.Keys = append(u.Keys, keys...)
		}
		// The feature's own resources are what it reads: make its Needs check see them.
		u.Resources = append(append([]string{}, u.Parameters...), u.Secrets...)
		return u, nil
	}}
}

// DurableWithKey is Durable for a function whose durable execution data is encrypted with a
// customer managed key (the CfnFunction's DurableConfig.KmsKeyArn): it adds kms:Decrypt on
// the key through Lambda only. A role derives it from the function's durable configuration.
func DurableWithKey(key awskms.IKey) Feature {
	if err := nilArgs("DurableWithKey", "key", "pass the awskms.IKey of the function's durable configuration (awskms.NewKey, or awskms.Key_FromKeyArn)", []awskms.IKey{key}); err != nil {
		return failed(permissions.Durable, err)
	}
	return Feature{id: permissions.Durable, resolve: func(bool) (permissions.Use, error) {
		return permissions.Use{Keys: keyArns(key)}, nil
	}}
}

// S3FilesArns lets the function mount an Amazon S3 Files file system for reading and
// writing, given by ARN (arn:aws:s3files:region:account:file-system/fs-id) with the access
// points it mounts through (file-system/fs-id/access-point/fsap-id):
// AmazonS3FilesClientReadWriteAccess, or in least-privilege mode s3files:ClientMount and
// s3files:ClientWrite on the file system through those access points.
func S3FilesArns(fileSystemArn string, accessPointArns ...string) Feature {
	return fileSystemFeature(permissions.S3Files, fileSystemArn, accessPointArns)
}

// S3FilesReadOnlyArns is S3FilesArns for a function that only reads the file system:
// AmazonS3FilesClientReadOnlyAccess, or s3files:ClientMount alone. A role given it does not
// derive the read-write S3Files from the function's mount.
func S3FilesReadOnlyArns(fileSystemArn string, accessPointArns ...string) Feature {
	return fileSystemFeature(permissions.S3FilesReadOnly, fileSystemArn, accessPointArns)
}

func fileSystemFeature(id permissions.ID, fileSystemArn string, accessPointArns []string) Feature {
	return Feature{id: id, arns: []string{fileSystemArn}, resolve: func(bool) (permissions.Use, error) {
		return permissions.Use{AccessPoints: accessPointArns}, nil
	}}
}

// S3FilesDirectRead lets Lambda read a mounted S3 Files file system's objects directly from
// bucket, the file system's bucket: s3:GetObject and s3:GetObjectVersion on its objects, and
// kms:Decrypt on its customer managed key, in both modes.
func S3FilesDirectRead(bucket awss3.IBucket) Feature {
	if err := nilArgs("S3FilesDirectRead", "bucket", "pass the awss3.IBucket of the S3 Files file system (awss3.NewBucket, or awss3.Bucket_FromBucketArn)", []awss3.IBucket{bucket}); err != nil {
		return failed(permissions.S3FilesDirectRead, err)
	}
	return Feature{id: permissions.S3FilesDirectRead, resolve: func(bool) (permissions.Use, error) {
		return permissions.Use{Resources: []string{*bucket.BucketArn()}, Keys: keyArns(bucket.EncryptionKey())}, nil
	}}
}

// GlueSchemaRegistry lets Lambda read an AWS Glue schema registry, given by ARN
// (arn:aws:glue:region:account:registry/name), that a Kafka event source mapping validates
// records with: glue:GetRegistry on the registry and glue:GetSchemaVersion, in both modes.
func GlueSchemaRegistry(registryArn string) Feature {
	return Feature{id: permissions.GlueSchemaRegistry, arns: []string{registryArn}}
}

// ConfluentSchemaRegistry lets Lambda read the secrets of a Confluent schema registry that a
// Kafka event source mapping validates records with (its BASIC_AUTH,
// CLIENT_CERTIFICATE_TLS_AUTH or SERVER_ROOT_CA_CERTIFICATE access configurations), and
// decrypt them with their customer managed keys.
func ConfluentSchemaRegistry(secrets ...awssecretsmanager.ISecret) Feature {
	if err := nilArgs("ConfluentSchemaRegistry", "secret", "pass the awssecretsmanager.ISecret of each access configuration of the registry", secrets); err != nil {
		return failed(permissions.ConfluentSchemaRegistry, err)
	}
	return Feature{id: permissions.ConfluentSchemaRegistry, resolve: func(bool) (permissions.Use, error) {
		var u permissions.Use
		for _, s := range secrets {
			arn, keys := secret(s)
			u.Secrets = append(u.Secrets, arn)
			u.Keys = append(u.Keys, keys...)
		}
		return u, nil
	}}
}

// DestinationKafkaTopic lets Lambda write the records an Amazon MSK event source mapping
// failed to process to topic, a topic of the cluster (awslambdaeventsources.NewKafkaDlq),
// with IAM access control: kafka-cluster:Connect on the cluster, kafka-cluster:DescribeTopic
// and kafka-cluster:WriteData on the topic. A cluster ARN that is a token scopes the topic by
// name within the account and region.
func DestinationKafkaTopic(clusterArn, topic string) Feature {
	return Feature{id: permissions.DestinationKafkaTopic, arns: []string{clusterArn}, resolve: func(bool) (permissions.Use, error) {
		return permissions.Use{Topics: []string{topic}}, nil
	}}
}
