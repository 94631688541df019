// Command lambda-features builds functions that use Lambda's features of 2025 and 2026, each
// in a stack of its own, configured on the function and its event sources the aws-cdk-lib
// way; every execution role is created without features and derives them at synth.
// LambdaFeaturesManagedInstances holds a capacity provider of Lambda Managed Instances with
// its operator role (executionrole.NewOperatorRole), and a function that runs on it.
// LambdaFeaturesS3Files holds a function that mounts an Amazon S3 Files file system and reads
// its bucket directly, the bucket encrypted with a customer managed key. LambdaFeaturesKafka
// holds an Amazon MSK consumer with IAM access control that validates records with an AWS
// Glue schema registry and sends failed records to a topic of the cluster, and a
// self-managed Kafka consumer that validates with a Confluent schema registry and sends
// failed records to an encrypted S3 bucket. LambdaFeaturesDurable holds a durable function
// whose execution data is encrypted with a customer managed key.
//
//	npx cdk synth --all --app "go run ./examples/lambda-features"
package main

import (
	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsec2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsglue"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsiam"
	"github.com/aws/aws-cdk-go/awscdk/v2/awskms"
	"github.com/aws/aws-cdk-go/awscdk/v2/awslambda"
	"github.com/aws/aws-cdk-go/awscdk/v2/awslambdaeventsources"
	"github.com/aws/aws-cdk-go/awscdk/v2/awss3"
	"github.com/aws/aws-cdk-go/awscdk/v2/awss3files"
	"github.com/aws/aws-cdk-go/awscdk/v2/awssecretsmanager"
	"github.com/aws/constructs-go/constructs/v10"
	"github.com/aws/jsii-runtime-go"

	"github.com/execrole/execrole/constructs/executionrole"
	_ "github.com/execrole/execrole/jsiinode"
)

// clusterArn is a placeholder Amazon MSK cluster: synth works, a deploy needs a real one.
const clusterArn = "arn:aws:kafka:us-east-1:111122223333:cluster/orders/11111111-2222-3333-4444-555555555555-1"

const handler = `def handler(event, context):
    return event
`

// function is a Python function of the example that runs as role.
func function(scope constructs.Construct, id string, role awsiam.IRole, props awslambda.FunctionProps) awslambda.Function {
	props.Runtime, props.Handler = awslambda.Runtime_PYTHON_3_14(), jsii.String("index.handler")
	props.Code, props.Role = awslambda.Code_FromInline(jsii.String(handler)), role
	return awslambda.NewFunction(scope, jsii.String(id), &props)
}

// isolatedVpc is a VPC of private subnets without internet access.
func isolatedVpc(scope constructs.Construct) awsec2.Vpc {
	return awsec2.NewVpc(scope, jsii.String("Vpc"), &awsec2.VpcProps{MaxAzs: jsii.Number(2), NatGateways: jsii.Number(0),
		SubnetConfiguration: &[]*awsec2.SubnetConfiguration{{Name: jsii.String("Private"), SubnetType: awsec2.SubnetType_PRIVATE_ISOLATED}}})
}

// NewManagedInstancesStack: the operator role writes the provider's system logs to
// /aws/lambda/capacity-provider/orders; the function's role needs nothing for the provider.
func NewManagedInstancesStack(scope constructs.Construct, id string, props *awscdk.StackProps) awscdk.Stack {
	stack := awscdk.NewStack(scope, jsii.String(id), props)
	vpc := isolatedVpc(stack)
	instances := awsec2.NewSecurityGroup(stack, jsii.String("Instances"), &awsec2.SecurityGroupProps{Vpc: vpc})
	operator := executionrole.NewOperatorRole(stack, jsii.String("Operator"), nil)
	provider := awslambda.NewCapacityProvider(stack, jsii.String("Provider"), &awslambda.CapacityProviderProps{
		CapacityProviderName: jsii.String("orders"),
		OperatorRole:         operator,
		Subnets:              vpc.IsolatedSubnets(),
		SecurityGroups:       &[]awsec2.ISecurityGroup{instances},
	})
	role := executionrole.NewExecutionRole(stack, jsii.String("Role"), &executionrole.ExecutionRoleProps{LeastPrivilege: true})
	fn := function(stack, "Orders", role, awslambda.FunctionProps{FunctionName: jsii.String("orders-on-instances")})
	provider.AddFunction(fn, nil)
	role.Bind(fn)
	return stack
}

// NewS3FilesStack: the role derives the mount (s3files:ClientMount and s3files:ClientWrite on
// the file system, through the access point) and direct reads of the bucket with its key.
func NewS3FilesStack(scope constructs.Construct, id string, props *awscdk.StackProps) awscdk.Stack {
	stack := awscdk.NewStack(scope, jsii.String(id), props)
	vpc := isolatedVpc(stack)
	key := awskms.NewKey(stack, jsii.String("Key"), &awskms.KeyProps{EnableKeyRotation: jsii.Bool(true)})
	bucket := awss3.NewBucket(stack, jsii.String("Bucket"), &awss3.BucketProps{EncryptionKey: key, EnforceSSL: jsii.Bool(true)})
	// The role S3 Files synchronizes the file system with its bucket as.
	sync := awsiam.NewRole(stack, jsii.String("Sync"), &awsiam.RoleProps{AssumedBy: awsiam.NewServicePrincipal(jsii.String("elasticfilesystem.amazonaws.com"), nil)})
	bucket.GrantReadWrite(sync, nil)
	files := awss3files.NewCfnFileSystem(stack, jsii.String("Files"), &awss3files.CfnFileSystemProps{Bucket: bucket.BucketArn(), RoleArn: sync.RoleArn()})
	mounts := awsec2.NewSecurityGroup(stack, jsii.String("Mounts"), &awsec2.SecurityGroupProps{Vpc: vpc})
	for i, subnet := range *vpc.IsolatedSubnets() {
		awss3files.NewCfnMountTarget(stack, jsii.String("Mount"+string(rune('A'+i))), &awss3files.CfnMountTargetProps{
			FileSystemId: files.AttrFileSystemId(), SubnetId: subnet.SubnetId(), SecurityGroups: &[]*string{mounts.SecurityGroupId()}})
	}
	access := awss3files.NewCfnAccessPoint(stack, jsii.String("Access"), &awss3files.CfnAccessPointProps{FileSystemId: files.AttrFileSystemId()})

	role := executionrole.NewExecutionRole(stack, jsii.String("Role"), &executionrole.ExecutionRoleProps{LeastPrivilege: true})
	fn := function(stack, "Reader", role, awslambda.FunctionProps{
		FunctionName: jsii.String("orders-files"),
		MemorySize:   jsii.Number(1024),
		Vpc:          vpc,
		Filesystem: awslambda.FileSystem_FromS3FilesAccessPoint(access, jsii.String("/mnt/orders"),
			&awslambda.S3FilesOptions{DirectS3Read: awslambda.DirectS3Read_Enabled(bucket)}),
	})
	role.Bind(fn)
	return stack
}

// NewKafkaStack: the roles derive the registries (glue:GetRegistry and glue:GetSchemaVersion;
// the Confluent registry's secret), the failure topic (kafka-cluster:Connect and WriteData on
// it), and the failure bucket with its key (kms:GenerateDataKey).
func NewKafkaStack(scope constructs.Construct, id string, props *awscdk.StackProps) awscdk.Stack {
	stack := awscdk.NewStack(scope, jsii.String(id), props)
	pollers := &awslambdaeventsources.ProvisionedPollerConfig{MinimumPollers: jsii.Number(1), MaximumPollers: jsii.Number(3)}
	values := &[]*awslambda.KafkaSchemaValidationConfig{{Attribute: awslambda.KafkaSchemaValidationAttribute_VALUE()}}

	registry := awsglue.NewCfnRegistry(stack, jsii.String("Registry"), &awsglue.CfnRegistryProps{Name: jsii.String("orders")})
	msk := executionrole.NewExecutionRole(stack, jsii.String("MskRole"), &executionrole.ExecutionRoleProps{LeastPrivilege: true})
	consumer := function(stack, "MskConsumer", msk, awslambda.FunctionProps{FunctionName: jsii.String("orders-msk")})
	consumer.AddEventSource(awslambdaeventsources.NewManagedKafkaEventSource(&awslambdaeventsources.ManagedKafkaEventSourceProps{
		ClusterArn: jsii.String(clusterArn), Topic: jsii.String("orders"), ConsumerGroupId: jsii.String("orders-msk"),
		StartingPosition: awslambda.StartingPosition_LATEST, ProvisionedPollerConfig: pollers,
		SchemaRegistryConfig: awslambdaeventsources.NewGlueSchemaRegistry(&awslambdaeventsources.GlueSchemaRegistryProps{
			SchemaRegistry: registry, EventRecordFormat: awslambda.EventRecordFormat_JSON(), SchemaValidationConfigs: values}),
		OnFailure: awslambdaeventsources.NewKafkaDlq(jsii.String("orders-failed")),
		LogLevel:  awslambda.EventSourceMappingLogLevel_INFO,
	}))
	msk.Bind(consumer)

	key := awskms.NewKey(stack, jsii.String("FailuresKey"), &awskms.KeyProps{EnableKeyRotation: jsii.Bool(true)})
	failures := awss3.NewBucket(stack, jsii.String("Failures"), &awss3.BucketProps{EncryptionKey: key, EnforceSSL: jsii.Bool(true)})
	brokers := awssecretsmanager.NewSecret(stack, jsii.String("BrokerCredentials"), nil)
	registryCredentials := awssecretsmanager.NewSecret(stack, jsii.String("RegistryCredentials"), nil)
	selfManaged := executionrole.NewExecutionRole(stack, jsii.String("SelfManagedRole"), &executionrole.ExecutionRoleProps{LeastPrivilege: true})
	reader := function(stack, "SelfManagedConsumer", selfManaged, awslambda.FunctionProps{FunctionName: jsii.String("orders-self-managed")})
	reader.AddEventSource(awslambdaeventsources.NewSelfManagedKafkaEventSource(&awslambdaeventsources.SelfManagedKafkaEventSourceProps{
		BootstrapServers: jsii.Strings("broker-1.example.com:9096"), Topic: jsii.String("orders"), Secret: brokers,
		StartingPosition: awslambda.StartingPosition_LATEST, ProvisionedPollerConfig: pollers,
		SchemaRegistryConfig: awslambdaeventsources.NewConfluentSchemaRegistry(&awslambdaeventsources.ConfluentSchemaRegistryProps{
			SchemaRegistryUri: jsii.String("https://registry.example.com"), AuthenticationType: awslambda.KafkaSchemaRegistryAccessConfigType_BASIC_AUTH(),
			Secret: registryCredentials, EventRecordFormat: awslambda.EventRecordFormat_JSON(), SchemaValidationConfigs: values}),
		OnFailure: awslambdaeventsources.NewS3OnFailureDestination(failures),
	}))
	selfManaged.Bind(reader)
	return stack
}

// NewDurableStack: the role derives the durable configuration's key (kms:Decrypt through
// Lambda only) beside the checkpoints on function:orders-durable:*. awslambda.DurableConfig
// takes no key: it is set on the CfnFunction.
func NewDurableStack(scope constructs.Construct, id string, props *awscdk.StackProps) awscdk.Stack {
	stack := awscdk.NewStack(scope, jsii.String(id), props)
	key := awskms.NewKey(stack, jsii.String("Key"), &awskms.KeyProps{EnableKeyRotation: jsii.Bool(true)})
	// Lambda encrypts the execution data with the key as itself: the key policy lets it, for
	// this account ("Encryption of durable execution data").
	key.AddToResourcePolicy(awsiam.NewPolicyStatement(&awsiam.PolicyStatementProps{
		Principals: &[]awsiam.IPrincipal{awsiam.NewServicePrincipal(jsii.String("lambda.amazonaws.com"), nil)},
		Actions:    jsii.Strings("kms:GenerateDataKey", "kms:Decrypt"),
		Resources:  jsii.Strings("*"),
		Conditions: &map[string]any{"StringEquals": map[string]any{"aws:SourceAccount": stack.Account()}},
	}), nil)
	role := executionrole.NewExecutionRole(stack, jsii.String("Role"), &executionrole.ExecutionRoleProps{LeastPrivilege: true})
	fn := function(stack, "Orders", role, awslambda.FunctionProps{
		FunctionName:  jsii.String("orders-durable"),
		DurableConfig: &awslambda.DurableConfig{ExecutionTimeout: awscdk.Duration_Hours(jsii.Number(1))},
	})
	fn.Node().DefaultChild().(awslambda.CfnFunction).SetDurableConfig(&awslambda.CfnFunction_DurableConfigProperty{
		ExecutionTimeout: jsii.Number(3600), KmsKeyArn: key.KeyArn(),
	})
	role.Bind(fn)
	return stack
}

func main() {
	defer jsii.Close()
	app := awscdk.NewApp(nil)
	env := &awscdk.StackProps{Env: &awscdk.Environment{Region: jsii.String("us-east-1")}}
	NewManagedInstancesStack(app, "LambdaFeaturesManagedInstances", env)
	NewS3FilesStack(app, "LambdaFeaturesS3Files", env)
	NewKafkaStack(app, "LambdaFeaturesKafka", env)
	NewDurableStack(app, "LambdaFeaturesDurable", env)
	app.Synth(nil)
}
