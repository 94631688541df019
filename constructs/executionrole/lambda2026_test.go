package executionrole_test

import (
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsec2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsefs"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsglue"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsiam"
	"github.com/aws/aws-cdk-go/awscdk/v2/awskinesis"
	"github.com/aws/aws-cdk-go/awscdk/v2/awskms"
	"github.com/aws/aws-cdk-go/awscdk/v2/awslambda"
	"github.com/aws/aws-cdk-go/awscdk/v2/awslambdaeventsources"
	"github.com/aws/aws-cdk-go/awscdk/v2/awslogs"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsmsk"
	"github.com/aws/aws-cdk-go/awscdk/v2/awss3"
	"github.com/aws/aws-cdk-go/awscdk/v2/awss3files"
	"github.com/aws/aws-cdk-go/awscdk/v2/awssecretsmanager"
	"github.com/aws/aws-cdk-go/awscdk/v2/awssqs"
	"github.com/aws/jsii-runtime-go"

	"github.com/execrole/execrole/constructs/executionrole"
	"github.com/execrole/execrole/constructs/permissions"
)

// The Lambda features of 2025-2026, each configured the way aws-cdk-lib's own constructs
// configure it, derived by a role that declares nothing, in both modes. The facts checked come
// from the Lambda Developer Guide pages each catalog row cites.

func modes(t *testing.T, test func(t *testing.T, lp bool)) {
	for _, lp := range []bool{false, true} {
		t.Run(fmt.Sprintf("least privilege %v", lp), func(t *testing.T) { test(t, lp) })
	}
}

// s3FilesStack is a function that mounts an S3 Files access point with FileSystem
// .FromS3FilesAccessPoint, its file system's bucket encrypted with a customer managed key.
func s3FilesStack(t *testing.T, lp bool, mode awslambda.DirectS3Read, memory float64, declare func(fs awss3files.CfnFileSystem) []executionrole.Feature) map[string]any {
	t.Helper()
	stack := newStackIn("us-east-1")
	vpc := isolatedVpc(stack)
	key := awskms.NewKey(stack, jsii.String("Key"), nil)
	bucket := awss3.NewBucket(stack, jsii.String("Bucket"), &awss3.BucketProps{EncryptionKey: key})
	fsRole := awsiam.NewRole(stack, jsii.String("FileSystemRole"), &awsiam.RoleProps{AssumedBy: awsiam.NewServicePrincipal(jsii.String("elasticfilesystem.amazonaws.com"), nil)})
	fs := awss3files.NewCfnFileSystem(stack, jsii.String("Files"), &awss3files.CfnFileSystemProps{Bucket: bucket.BucketArn(), RoleArn: fsRole.RoleArn()})
	sg := awsec2.NewSecurityGroup(stack, jsii.String("Mounts"), &awsec2.SecurityGroupProps{Vpc: vpc})
	awss3files.NewCfnMountTarget(stack, jsii.String("Mount"), &awss3files.CfnMountTargetProps{FileSystemId: fs.AttrFileSystemId(),
		SubnetId: (*vpc.IsolatedSubnets())[0].SubnetId(), SecurityGroups: &[]*string{sg.SecurityGroupId()}})
	ap := awss3files.NewCfnAccessPoint(stack, jsii.String("Access"), &awss3files.CfnAccessPointProps{FileSystemId: fs.AttrFileSystemId()})
	if mode == nil {
		mode = awslambda.DirectS3Read_Enabled(bucket)
	}
	var features []executionrole.Feature
	if declare != nil {
		features = declare(fs)
	}
	role := executionrole.NewExecutionRole(stack, jsii.String("Role"), &executionrole.ExecutionRoleProps{LeastPrivilege: lp, Features: features})
	pythonFunction(stack, "Fn", awslambda.FunctionProps{FunctionName: jsii.String("orders"), Role: role, Vpc: vpc, MemorySize: jsii.Number(memory),
		Filesystem: awslambda.FileSystem_FromS3FilesAccessPoint(ap, jsii.String("/mnt/files"), &awslambda.S3FilesOptions{DirectS3Read: mode})})
	return roleProps(t, synth(t, stack), "Role")
}

// An S3 Files mount: s3files:ClientMount and s3files:ClientWrite, in managed mode
// AmazonS3FilesClientReadWriteAccess, in least-privilege mode on the file system only through
// the access point (the Service Authorization Reference lists only the file system as their
// resource, with the s3files:AccessPointArn key). With direct reads, s3:GetObject and
// s3:GetObjectVersion on the bucket's objects and kms:Decrypt on its key, in both modes
// ("Configuring Amazon S3 Files access with Lambda").
func TestDerivedS3Files(t *testing.T) {
	modes(t, func(t *testing.T, lp bool) {
		props := s3FilesStack(t, lp, nil, 128, nil)
		managed := managedPolicyNames(t, props)
		if lp {
			if !allows(t, props, "s3files:ClientWrite", `{"Ref":"Files"}`, `"s3files:AccessPointArn":{"Fn::GetAtt":["Access","AccessPointArn"]}`) {
				t.Errorf("no s3files:ClientWrite on the file system through the access point: %v", statements(t, props, "s3files:ClientWrite"))
			}
			if !allows(t, props, "s3files:ClientMount", `{"Ref":"Files"}`, `ArnEquals`) {
				t.Errorf("no s3files:ClientMount on the file system: %v", statements(t, props, "s3files:ClientMount"))
			}
		} else if !slices.Contains(managed, "AmazonS3FilesClientReadWriteAccess") {
			t.Errorf("managed policies = %v, want AmazonS3FilesClientReadWriteAccess", managed)
		}
		if !allows(t, props, "s3:GetObjectVersion", `"Bucket`, `/*"`) || !allows(t, props, "s3:GetObject", `"Bucket`, `/*"`) {
			t.Errorf("no direct reads of the bucket's objects: %v", statements(t, props, "s3:GetObjectVersion"))
		}
		if !allows(t, props, "kms:Decrypt", `"Key`) {
			t.Errorf("no kms:Decrypt on the bucket's key: %v", statements(t, props, "kms:Decrypt"))
		}
	})
}

// Lambda reads an S3 Files file system's objects directly with direct reads ENABLED, and with
// AUTO (the default) from 512 MB of memory; not with DISABLED.
func TestDerivedS3FilesDirectReadModes(t *testing.T) {
	for _, c := range []struct {
		name   string
		mode   awslambda.DirectS3Read
		memory float64
		reads  bool
	}{
		{"auto, 128 MB", awslambda.DirectS3Read_Auto(), 128, false},
		{"auto, 512 MB", awslambda.DirectS3Read_Auto(), 512, true},
		{"enabled without the bucket", awslambda.DirectS3Read_EnabledWithoutGrant(), 128, true},
		{"disabled, 2048 MB", awslambda.DirectS3Read_Disabled(), 2048, false},
	} {
		t.Run(c.name, func(t *testing.T) {
			props := s3FilesStack(t, true, c.mode, c.memory, nil)
			if got := allows(t, props, "s3:GetObject", `/*"`); got != c.reads {
				t.Errorf("s3:GetObject on the bucket's objects: %v, want %v", got, c.reads)
			}
		})
	}
}

// A role that declares the mount read-only keeps to it: neither the derived read-write mount
// nor aws-cdk-lib's mount grant adds s3files:ClientWrite, and the role can mount the file
// system the function mounts.
func TestDeclaredS3FilesReadOnlyServesTheMount(t *testing.T) {
	modes(t, func(t *testing.T, lp bool) {
		props := s3FilesStack(t, lp, awslambda.DirectS3Read_Disabled(), 128, func(fs awss3files.CfnFileSystem) []executionrole.Feature {
			return []executionrole.Feature{executionrole.S3FilesReadOnlyArns(*fs.Ref())}
		})
		managed := managedPolicyNames(t, props)
		if slices.Contains(managed, "AmazonS3FilesClientReadWriteAccess") || !lp && !slices.Contains(managed, "AmazonS3FilesClientReadOnlyAccess") {
			t.Errorf("managed policies = %v, want the read-only policy alone", managed)
		}
		if lp && !allows(t, props, "s3files:ClientMount", `{"Ref":"Files"}`) {
			t.Errorf("no s3files:ClientMount on the mounted file system: %v", statements(t, props, "s3files:ClientMount"))
		}
		if s := statements(t, props, "s3files:ClientWrite"); len(s) > 0 {
			t.Errorf("the role allows s3files:ClientWrite: %v", s)
		}
	})
}

// kafkaFunction is a function with a provisioned-mode Kafka event source.
func kafkaFunction(t *testing.T, lp bool, source func(stack awscdk.Stack) awslambda.IEventSource) map[string]any {
	t.Helper()
	stack := newStackIn("us-east-1")
	role := executionrole.NewExecutionRole(stack, jsii.String("Role"), &executionrole.ExecutionRoleProps{LeastPrivilege: lp})
	fn := pythonFunction(stack, "Fn", awslambda.FunctionProps{FunctionName: jsii.String("orders"), Role: role})
	fn.AddEventSource(source(stack))
	return roleProps(t, synth(t, stack), "Role")
}

var (
	pollers    = &awslambdaeventsources.ProvisionedPollerConfig{MinimumPollers: jsii.Number(1), MaximumPollers: jsii.Number(2)}
	validation = &[]*awslambda.KafkaSchemaValidationConfig{{Attribute: awslambda.KafkaSchemaValidationAttribute_VALUE()}}
)

// An MSK mapping that validates with an AWS Glue schema registry: glue:GetRegistry on the
// registry, glue:GetSchemaVersion on "*" (a lookup by the version id a record carries names
// no registry), in both modes ("Configuring Lambda permissions for Amazon MSK event source
// mappings").
func TestDerivedGlueSchemaRegistry(t *testing.T) {
	modes(t, func(t *testing.T, lp bool) {
		props := kafkaFunction(t, lp, func(stack awscdk.Stack) awslambda.IEventSource {
			registry := awsglue.NewCfnRegistry(stack, jsii.String("Registry"), &awsglue.CfnRegistryProps{Name: jsii.String("orders")})
			return awslambdaeventsources.NewManagedKafkaEventSource(&awslambdaeventsources.ManagedKafkaEventSourceProps{
				ClusterArn: jsii.String(mskCluster), Topic: jsii.String("orders"), StartingPosition: awslambda.StartingPosition_LATEST, ProvisionedPollerConfig: pollers,
				SchemaRegistryConfig: awslambdaeventsources.NewGlueSchemaRegistry(&awslambdaeventsources.GlueSchemaRegistryProps{
					SchemaRegistry: registry, EventRecordFormat: awslambda.EventRecordFormat_JSON(), SchemaValidationConfigs: validation})})
		})
		if !allows(t, props, "glue:GetRegistry", `"Registry","Arn"`) {
			t.Errorf("no glue:GetRegistry on the registry: %v", statements(t, props, "glue:GetRegistry"))
		}
		if !allows(t, props, "glue:GetSchemaVersion", `"Resource":"*"`) {
			t.Errorf("no glue:GetSchemaVersion on \"*\": %v", statements(t, props, "glue:GetSchemaVersion"))
		}
	})
}

// An L1 mapping's registry grants nothing: the role learns the access secret from the
// mapping's configuration alone.
func TestDerivedConfluentSchemaRegistryOfAnL1Mapping(t *testing.T) {
	modes(t, func(t *testing.T, lp bool) {
		stack := newStackIn("us-east-1")
		role := executionrole.NewExecutionRole(stack, jsii.String("Role"), &executionrole.ExecutionRoleProps{LeastPrivilege: lp})
		fn := pythonFunction(stack, "Fn", awslambda.FunctionProps{FunctionName: jsii.String("orders"), Role: role})
		brokers := awssecretsmanager.NewSecret(stack, jsii.String("Brokers"), nil)
		registry := awssecretsmanager.NewSecret(stack, jsii.String("RegistrySecret"), nil)
		awslambda.NewCfnEventSourceMapping(stack, jsii.String("Mapping"), &awslambda.CfnEventSourceMappingProps{
			FunctionName: fn.FunctionName(), Topics: jsii.Strings("orders"), StartingPosition: jsii.String("LATEST"),
			SelfManagedEventSource: &awslambda.CfnEventSourceMapping_SelfManagedEventSourceProperty{
				Endpoints: &awslambda.CfnEventSourceMapping_EndpointsProperty{KafkaBootstrapServers: jsii.Strings("broker-1.example.com:9092")}},
			SourceAccessConfigurations: &[]*awslambda.CfnEventSourceMapping_SourceAccessConfigurationProperty{{Type: jsii.String("BASIC_AUTH"), Uri: brokers.SecretArn()}},
			ProvisionedPollerConfig:    &awslambda.CfnEventSourceMapping_ProvisionedPollerConfigProperty{MinimumPollers: jsii.Number(1), MaximumPollers: jsii.Number(2)},
			SelfManagedKafkaEventSourceConfig: &awslambda.CfnEventSourceMapping_SelfManagedKafkaEventSourceConfigProperty{
				SchemaRegistryConfig: &awslambda.CfnEventSourceMapping_SchemaRegistryConfigProperty{
					SchemaRegistryUri: jsii.String("https://registry.example.com"), EventRecordFormat: jsii.String("JSON"),
					AccessConfigs:           &[]*awslambda.CfnEventSourceMapping_SchemaRegistryAccessConfigProperty{{Type: jsii.String("BASIC_AUTH"), Uri: registry.SecretArn()}},
					SchemaValidationConfigs: &[]*awslambda.CfnEventSourceMapping_SchemaValidationConfigProperty{{Attribute: jsii.String("VALUE")}}}}})
		props := roleProps(t, synth(t, stack), "Role")
		if !allows(t, props, "secretsmanager:GetSecretValue", `"Ref":"RegistrySecret`) {
			t.Errorf("no secretsmanager:GetSecretValue on the registry's secret: %v", statements(t, props, "secretsmanager:GetSecretValue"))
		}
	})
}

// A self-managed Kafka mapping that validates with a Confluent schema registry: the registry's
// access secret and its key, in both modes.
func TestDerivedConfluentSchemaRegistry(t *testing.T) {
	modes(t, func(t *testing.T, lp bool) {
		props := kafkaFunction(t, lp, func(stack awscdk.Stack) awslambda.IEventSource {
			// An imported key: aws-cdk-lib's grant on a key of the stack goes in the key's policy,
			// which names the role the role's inline policy (naming the secret) depends on.
			key := awskms.Key_FromKeyArn(stack, jsii.String("RegistryKey"), jsii.String("arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab"))
			secret := awssecretsmanager.NewSecret(stack, jsii.String("RegistrySecret"), &awssecretsmanager.SecretProps{EncryptionKey: key})
			return awslambdaeventsources.NewSelfManagedKafkaEventSource(&awslambdaeventsources.SelfManagedKafkaEventSourceProps{
				BootstrapServers: jsii.Strings("broker-1.example.com:9092"), Topic: jsii.String("orders"), StartingPosition: awslambda.StartingPosition_LATEST,
				Secret:                  awssecretsmanager.NewSecret(stack, jsii.String("Brokers"), nil),
				ProvisionedPollerConfig: pollers,
				SchemaRegistryConfig: awslambdaeventsources.NewConfluentSchemaRegistry(&awslambdaeventsources.ConfluentSchemaRegistryProps{
					SchemaRegistryUri: jsii.String("https://registry.example.com"), AuthenticationType: awslambda.KafkaSchemaRegistryAccessConfigType_BASIC_AUTH(),
					Secret: secret, EventRecordFormat: awslambda.EventRecordFormat_JSON(), SchemaValidationConfigs: validation})})
		})
		if !allows(t, props, "secretsmanager:GetSecretValue", `"Ref":"RegistrySecret`) {
			t.Errorf("no secretsmanager:GetSecretValue on the registry's secret: %v", statements(t, props, "secretsmanager:GetSecretValue"))
		}
		if !allows(t, props, "kms:Decrypt", `:key/1234abcd-12ab-34cd-56ef-1234567890ab`) {
			t.Errorf("no kms:Decrypt on the secret's key: %v", statements(t, props, "kms:Decrypt"))
		}
	})
}

// A Kafka topic on-failure destination of an MSK mapping with IAM access control:
// kafka-cluster:Connect on the cluster, kafka-cluster:WriteData on the topic, in both modes;
// aws-cdk-lib's KafkaDlq grants nothing ("Kafka on-failure destinations"). With SASL/SCRAM the
// mapping's secret writes, and the role needs no kafka-cluster action; it needs
// kafka:ListScramSecrets, which the MSK permissions page lists for SASL/SCRAM.
func TestDerivedKafkaTopicDestination(t *testing.T) {
	for _, scram := range []bool{false, true} {
		t.Run(fmt.Sprintf("scram %v", scram), func(t *testing.T) {
			modes(t, func(t *testing.T, lp bool) {
				props := kafkaFunction(t, lp, func(stack awscdk.Stack) awslambda.IEventSource {
					p := &awslambdaeventsources.ManagedKafkaEventSourceProps{
						ClusterArn: jsii.String(mskCluster), Topic: jsii.String("orders"), StartingPosition: awslambda.StartingPosition_LATEST,
						ProvisionedPollerConfig: pollers, OnFailure: awslambdaeventsources.NewKafkaDlq(jsii.String("orders-failed"))}
					if scram {
						p.Secret = awssecretsmanager.NewSecret(stack, jsii.String("AmazonMSK_orders"), nil)
					}
					return awslambdaeventsources.NewManagedKafkaEventSource(p)
				})
				topic := `:topic/orders/0f3e9d2c-1a2b-4c5d-8e9f-0a1b2c3d4e5f-1/orders-failed"`
				if got := allows(t, props, "kafka-cluster:WriteData", topic); got == scram {
					t.Errorf("kafka-cluster:WriteData on the failure topic: %v, want %v: %v", got, !scram, statements(t, props, "kafka-cluster:WriteData"))
				}
				if got := allows(t, props, "kafka-cluster:Connect", `:cluster/orders/`); got == scram {
					t.Errorf("kafka-cluster:Connect on the cluster: %v, want %v", got, !scram)
				}
				if got := allows(t, props, "kafka:ListScramSecrets", `:cluster/orders/`); got != scram {
					t.Errorf("kafka:ListScramSecrets on the cluster: %v, want %v", got, scram)
				}
			})
		})
	}
}

// An S3 on-failure destination of a Kafka mapping with a customer managed key:
// kms:GenerateDataKey on the key ("Kafka on-failure destinations"), with s3:PutObject on the
// bucket's objects, in both modes.
func TestDerivedKafkaBucketDestinationKey(t *testing.T) {
	modes(t, func(t *testing.T, lp bool) {
		props := kafkaFunction(t, lp, func(stack awscdk.Stack) awslambda.IEventSource {
			key := awskms.NewKey(stack, jsii.String("FailuresKey"), nil)
			bucket := awss3.NewBucket(stack, jsii.String("Failures"), &awss3.BucketProps{EncryptionKey: key})
			return awslambdaeventsources.NewManagedKafkaEventSource(&awslambdaeventsources.ManagedKafkaEventSourceProps{
				ClusterArn: jsii.String(mskCluster), Topic: jsii.String("orders"), StartingPosition: awslambda.StartingPosition_LATEST,
				OnFailure: awslambdaeventsources.NewS3OnFailureDestination(bucket)})
		})
		if !allows(t, props, "kms:GenerateDataKey", `"FailuresKey`) {
			t.Errorf("no kms:GenerateDataKey on the bucket's key: %v", statements(t, props, "kms:GenerateDataKey"))
		}
		if !allows(t, props, "s3:PutObject", `"Failures`, `/*"`) {
			t.Errorf("no s3:PutObject on the bucket's objects: %v", statements(t, props, "s3:PutObject"))
		}
	})
}

// A durable function whose durable configuration names a customer managed key (set on the
// CfnFunction: awslambda.DurableConfig has no key): kms:Decrypt on the key through Lambda
// only ("Encryption of durable execution data"), in both modes; the checkpoint actions on the
// qualified function:<name>:* in least-privilege mode, never on the unqualified ARN, which no
// durable execution matches.
func TestDerivedDurableKey(t *testing.T) {
	modes(t, func(t *testing.T, lp bool) {
		stack := newStackIn("us-east-1")
		key := awskms.NewKey(stack, jsii.String("DurableKey"), nil)
		role := executionrole.NewExecutionRole(stack, jsii.String("Role"), &executionrole.ExecutionRoleProps{LeastPrivilege: lp})
		fn := pythonFunction(stack, "Fn", awslambda.FunctionProps{FunctionName: jsii.String("orders"), Role: role,
			DurableConfig: &awslambda.DurableConfig{ExecutionTimeout: awscdk.Duration_Minutes(jsii.Number(15))}})
		fn.Node().DefaultChild().(awslambda.CfnFunction).SetDurableConfig(&awslambda.CfnFunction_DurableConfigProperty{
			ExecutionTimeout: jsii.Number(900), KmsKeyArn: key.KeyArn()})
		props := roleProps(t, synth(t, stack), "Role")
		if !allows(t, props, "kms:Decrypt", `"DurableKey`, `"kms:ViaService":{"Fn::Join":["",["lambda.",{"Ref":"AWS::Region"},".amazonaws.com"]]}`) {
			t.Errorf("no kms:Decrypt on the durable key through Lambda: %v", statements(t, props, "kms:Decrypt"))
		}
		if !lp {
			return
		}
		if !allows(t, props, "lambda:CheckpointDurableExecution", `:function:orders:*"`) {
			t.Errorf("no checkpoints on function:orders:*: %v", statements(t, props, "lambda:CheckpointDurableExecution"))
		}
		if allows(t, props, "lambda:CheckpointDurableExecution", `:function:orders"`) {
			t.Errorf("checkpoints on the unqualified function ARN, which never matches: %v", statements(t, props, "lambda:CheckpointDurableExecution"))
		}
	})
}

// A Kafka mapping's system logs go to its function's log destination ("Event source mapping
// logging"): least-privilege logs cover them, the function's custom log group included.
func TestEventSourceMappingLogsGoToTheFunctionsLogGroup(t *testing.T) {
	for _, custom := range []bool{false, true} {
		t.Run(fmt.Sprintf("custom log group %v", custom), func(t *testing.T) {
			stack := newStackIn("us-east-1")
			role := executionrole.NewExecutionRole(stack, jsii.String("Role"), &executionrole.ExecutionRoleProps{LeastPrivilege: true})
			p := awslambda.FunctionProps{FunctionName: jsii.String("orders"), Role: role}
			want := `log-group:/aws/lambda/orders:*"`
			if custom {
				p.LogGroup = awslogs.NewLogGroup(stack, jsii.String("Logs"), &awslogs.LogGroupProps{LogGroupName: jsii.String("/orders/consumer")})
				want = `":log-group:",{"Ref":"Logs`
			}
			fn := pythonFunction(stack, "Fn", p)
			fn.AddEventSource(awslambdaeventsources.NewManagedKafkaEventSource(&awslambdaeventsources.ManagedKafkaEventSourceProps{
				ClusterArn: jsii.String(mskCluster), Topic: jsii.String("orders"), StartingPosition: awslambda.StartingPosition_LATEST,
				ProvisionedPollerConfig: pollers, LogLevel: awslambda.EventSourceMappingLogLevel_INFO}))
			props := roleProps(t, synth(t, stack), "Role")
			for _, a := range []string{"logs:CreateLogStream", "logs:PutLogEvents"} {
				if !allows(t, props, a, want) {
					t.Errorf("no %s on %s: %v", a, want, statements(t, props, a))
				}
			}
		})
	}
}

// operatorStack is a capacity provider given an OperatorRole, configured by change.
func operatorStack(change func(stack awscdk.Stack, p *awslambda.CapacityProviderProps)) (awscdk.Stack, *executionrole.OperatorRole) {
	stack := newStackIn("us-east-1")
	vpc := isolatedVpc(stack)
	op := executionrole.NewOperatorRole(stack, jsii.String("Operator"), &executionrole.OperatorRoleProps{AcknowledgeManagedPolicies: true})
	p := &awslambda.CapacityProviderProps{OperatorRole: op, Subnets: vpc.IsolatedSubnets(),
		SecurityGroups: &[]awsec2.ISecurityGroup{awsec2.NewSecurityGroup(stack, jsii.String("Instances"), &awsec2.SecurityGroupProps{Vpc: vpc})}}
	if change != nil {
		change(stack, p)
	}
	awslambda.NewCapacityProvider(stack, jsii.String("Provider"), p)
	return stack, op
}

// The operator role of a capacity provider: it trusts lambda.amazonaws.com, carries
// AWSLambdaManagedEC2ResourceOperator at the root path, partition-aware ("Lambda Managed
// Instances operator role"), and writes the provider's system logs, which that policy does
// not allow: /aws/lambda/capacity-provider/<name>, the provider's own log group, or every
// capacity provider's group when the name is generated.
func TestOperatorRole(t *testing.T) {
	for _, c := range []struct {
		name   string
		change func(stack awscdk.Stack, p *awslambda.CapacityProviderProps)
		logs   string
		create bool
	}{
		{"named", func(_ awscdk.Stack, p *awslambda.CapacityProviderProps) {
			p.CapacityProviderName = jsii.String("orders")
		},
			`log-group:/aws/lambda/capacity-provider/orders:*"`, true},
		{"own log group", func(stack awscdk.Stack, p *awslambda.CapacityProviderProps) {
			p.LogGroup = awslogs.NewLogGroup(stack, jsii.String("Logs"), &awslogs.LogGroupProps{LogGroupName: jsii.String("/orders/instances")})
		}, `":log-group:",{"Ref":"Logs`, false},
		{"generated name", nil, `log-group:/aws/lambda/capacity-provider/*:*"`, true},
	} {
		t.Run(c.name, func(t *testing.T) {
			stack, _ := operatorStack(c.change)
			tpl := synth(t, stack)
			props := roleProps(t, tpl, "Operator")
			trust, _ := json.Marshal(props["AssumeRolePolicyDocument"])
			if !strings.Contains(string(trust), `"Service":"lambda.amazonaws.com"`) || strings.Count(string(trust), "Service") != 1 {
				t.Errorf("trust = %s, want lambda.amazonaws.com alone", trust)
			}
			if got := managedPolicyNames(t, props); !slices.Equal(got, []string{"AWSLambdaManagedEC2ResourceOperator"}) {
				t.Errorf("managed policies = %v, want AWSLambdaManagedEC2ResourceOperator", got)
			}
			arns, _ := json.Marshal(props["ManagedPolicyArns"])
			if !strings.Contains(string(arns), `{"Ref":"AWS::Partition"},":iam::aws:policy/AWSLambdaManagedEC2ResourceOperator"`) {
				t.Errorf("managed policy ARN = %s, want the root path in the stack's partition", arns)
			}
			for _, a := range []string{"logs:CreateLogStream", "logs:PutLogEvents"} {
				if !allows(t, props, a, c.logs) {
					t.Errorf("no %s on %s: %v", a, c.logs, statements(t, props, a))
				}
			}
			if got := len(statements(t, props, "logs:CreateLogGroup")) > 0; got != c.create {
				t.Errorf("logs:CreateLogGroup: %v, want %v (only for a group Lambda creates)", got, c.create)
			}
			provider := resources(tpl, "AWS::Lambda::CapacityProvider")
			b, _ := json.Marshal(provider)
			if !strings.Contains(string(b), `"CapacityProviderOperatorRoleArn":{"Fn::GetAtt":["Operator`) {
				t.Errorf("the capacity provider does not use the role: %s", b)
			}
		})
	}
}

// An operator role is not an execution role, nor an execution role an operator role: synth
// fails, naming both.
func TestOperatorAndExecutionRolesAreNotInterchangeable(t *testing.T) {
	t.Run("operator role as a function's role", func(t *testing.T) {
		stack, op := operatorStack(nil)
		pythonFunction(stack, "Fn", awslambda.FunctionProps{Role: op})
		checkSynth(t, stack, "function Test/Fn runs as this capacity provider operator role", permissions.ErrRoleKindMisused)
	})
	// A stack whose execution roles all derive nothing (Explicit) is not scanned: the check is
	// the deriving roles'.
	t.Run("execution role as a capacity provider's operator role", func(t *testing.T) {
		stack := newStackIn("us-east-1")
		vpc := isolatedVpc(stack)
		role := executionrole.NewExecutionRole(stack, jsii.String("Role"), nil)
		awslambda.NewCapacityProvider(stack, jsii.String("Provider"), &awslambda.CapacityProviderProps{OperatorRole: role, Subnets: vpc.IsolatedSubnets(),
			SecurityGroups: &[]awsec2.ISecurityGroup{awsec2.NewSecurityGroup(stack, jsii.String("Instances"), &awsec2.SecurityGroupProps{Vpc: vpc})}})
		checkSynth(t, stack, "capacity provider Test/Provider has this execution role as its operator role", permissions.ErrRoleKindMisused)
	})
}

// A function that runs on a capacity provider derives what any function does: its role needs
// nothing for the provider, whose EC2 instances are the operator role's.
func TestFunctionOnACapacityProviderNeedsNothingMore(t *testing.T) {
	stack, _ := operatorStack(func(_ awscdk.Stack, p *awslambda.CapacityProviderProps) {
		p.CapacityProviderName = jsii.String("orders")
	})
	role := executionrole.NewExecutionRole(stack, jsii.String("Role"), nil)
	fn := pythonFunction(stack, "Fn", awslambda.FunctionProps{Role: role})
	provider, _ := stack.Node().FindChild(jsii.String("Provider")).(awslambda.CapacityProvider)
	provider.AddFunction(fn, nil)
	props := roleProps(t, synth(t, stack), "Role")
	if got := managedPolicyNames(t, props); !slices.Equal(got, []string{samBasic}) || props["Policies"] != nil {
		t.Errorf("role = %v with policies %v, want the basic logs policy alone", got, props["Policies"])
	}
}

// What aws-cdk-lib's Kafka event sources grant gives way to the features the role derives:
// ManagedKafkaEventSource's AWSLambdaMSKExecutionRole (attached whatever the role's mode) is
// the MSK feature's, kept in default mode and replaced by scoped statements in least-privilege
// mode; a secret's GrantRead names it as another token than the mapping, and leaves only
// secretsmanager:DescribeSecret beside the feature's statement; S3OnFailureDestination's
// GrantReadWrite leaves nothing beside the destination's s3:PutObject and s3:ListBucket. An
// explicit role without the MSK feature keeps the policy: no feature of its serves it.
func TestKafkaEventSourceGrantsGiveWayToTheFeatures(t *testing.T) {
	build := func(t *testing.T, lp, explicit bool) map[string]any {
		stack := newStackIn("us-east-1")
		var features []executionrole.Feature
		if !explicit {
			features = []executionrole.Feature{executionrole.MSKArns(mskCluster)}
		}
		role := executionrole.NewExecutionRole(stack, jsii.String("Role"), &executionrole.ExecutionRoleProps{LeastPrivilege: lp, Explicit: explicit, FunctionName: "orders", Features: features})
		fn := pythonFunction(stack, "Fn", awslambda.FunctionProps{FunctionName: jsii.String("orders"), Role: role})
		role.Bind(fn)
		fn.AddEventSource(awslambdaeventsources.NewManagedKafkaEventSource(&awslambdaeventsources.ManagedKafkaEventSourceProps{
			ClusterArn: jsii.String(mskCluster), Topic: jsii.String("orders"), StartingPosition: awslambda.StartingPosition_LATEST,
			Secret:    awssecretsmanager.NewSecret(stack, jsii.String("AmazonMSK_orders"), nil),
			OnFailure: awslambdaeventsources.NewS3OnFailureDestination(awss3.NewBucket(stack, jsii.String("Failures"), nil))}))
		return roleProps(t, synth(t, stack), "Role")
	}
	modes(t, func(t *testing.T, lp bool) {
		props := build(t, lp, false)
		managed := managedPolicyNames(t, props)
		count := len(slices.DeleteFunc(slices.Clone(managed), func(m string) bool { return m != "service-role/AWSLambdaMSKExecutionRole" }))
		if count != map[bool]int{false: 1, true: 0}[lp] {
			t.Errorf("managed policies = %v: want AWSLambdaMSKExecutionRole once in default mode, never in least-privilege mode", managed)
		}
		if n := len(statements(t, props, "secretsmanager:GetSecretValue")); n != 1 {
			t.Errorf("%d statements allow secretsmanager:GetSecretValue, want the feature's one: %v", n, statements(t, props, "secretsmanager:GetSecretValue"))
		}
		// "Kafka on-failure destinations": s3:PutObject and s3:ListBucket, nothing more.
		var s3 []string
		for _, a := range inlineActions(props) {
			if strings.HasPrefix(a, "s3:") && !slices.Contains(s3, a) {
				s3 = append(s3, a)
			}
		}
		if slices.Sort(s3); !slices.Equal(s3, []string{"s3:ListBucket", "s3:PutObject"}) {
			t.Errorf("the role's S3 actions are %v, want s3:ListBucket and s3:PutObject alone", s3)
		}
		if !allows(t, props, "s3:PutObject", `"Failures`, `/*"`) || !allows(t, props, "s3:ListBucket", `"Failures`) {
			t.Errorf("no s3:PutObject and s3:ListBucket on the failure bucket: %v", statements(t, props, "s3:PutObject"))
		}
	})
	t.Run("explicit", func(t *testing.T) {
		props := build(t, false, true)
		if managed := managedPolicyNames(t, props); !slices.Contains(managed, "service-role/AWSLambdaMSKExecutionRole") {
			t.Errorf("managed policies = %v, want the event source's AWSLambdaMSKExecutionRole on a role that derives nothing", managed)
		}
	})
}

// An MSK mapping from a cluster of the stack (its ARN a token) with IAM access control: the
// role reads the mapping's topic, by name in any cluster of the account and region, as the
// cluster ARN has no text to cut; it is not left without the kafka-cluster actions.
func TestDerivedMSKWithIAMFromAClusterOfTheStack(t *testing.T) {
	stack := newStackIn("us-east-1")
	cluster := awsmsk.NewCfnCluster(stack, jsii.String("Cluster"), &awsmsk.CfnClusterProps{
		ClusterName: jsii.String("orders"), KafkaVersion: jsii.String("3.6.0"), NumberOfBrokerNodes: jsii.Number(2),
		BrokerNodeGroupInfo: &awsmsk.CfnCluster_BrokerNodeGroupInfoProperty{InstanceType: jsii.String("kafka.m5.large"), ClientSubnets: jsii.Strings("subnet-0123456789abcdef0", "subnet-0123456789abcdef1")},
	})
	role := executionrole.NewExecutionRole(stack, jsii.String("Role"), &executionrole.ExecutionRoleProps{LeastPrivilege: true})
	fn := pythonFunction(stack, "Fn", awslambda.FunctionProps{FunctionName: jsii.String("orders"), Role: role})
	fn.AddEventSource(awslambdaeventsources.NewManagedKafkaEventSource(&awslambdaeventsources.ManagedKafkaEventSourceProps{
		ClusterArn: cluster.AttrArn(), Topic: jsii.String("orders"), StartingPosition: awslambda.StartingPosition_LATEST}))
	props := roleProps(t, synth(t, stack), "Role")
	if !allows(t, props, "kafka-cluster:ReadData", `:topic/*/*/orders"`) {
		t.Errorf("no kafka-cluster:ReadData on the topic: %v", statements(t, props, "kafka-cluster:ReadData"))
	}
	if !allows(t, props, "kafka-cluster:Connect", `"Cluster","Arn"`) {
		t.Errorf("no kafka-cluster:Connect on the cluster: %v", statements(t, props, "kafka-cluster:Connect"))
	}
}

// A function that mounts an EFS access point derives EFS: in default mode
// AmazonElasticFileSystemClientReadWriteAccess, the policy the Developer Guide names for it
// ("Configuring file system access for Lambda functions"); in least-privilege mode the client
// actions on the file system through the access point. aws-cdk-lib's own grant (on "*", with
// the access point condition) is not what is checked.
func TestDerivedEFS(t *testing.T) {
	modes(t, func(t *testing.T, lp bool) {
		stack := newStackIn("us-east-1")
		vpc := isolatedVpc(stack)
		fs := awsefs.NewFileSystem(stack, jsii.String("Fs"), &awsefs.FileSystemProps{Vpc: vpc})
		ap := fs.AddAccessPoint(jsii.String("Ap"), &awsefs.AccessPointOptions{Path: jsii.String("/data")})
		role := executionrole.NewExecutionRole(stack, jsii.String("Role"), &executionrole.ExecutionRoleProps{LeastPrivilege: lp})
		pythonFunction(stack, "Fn", awslambda.FunctionProps{FunctionName: jsii.String("orders"), Role: role, Vpc: vpc,
			Filesystem: awslambda.FileSystem_FromEfsAccessPoint(ap, jsii.String("/mnt/data"))})
		props := roleProps(t, synth(t, stack), "Role")
		if managed := managedPolicyNames(t, props); !lp && !slices.Contains(managed, "AmazonElasticFileSystemClientReadWriteAccess") {
			t.Errorf("managed policies = %v, want AmazonElasticFileSystemClientReadWriteAccess", managed)
		}
		if lp && !allows(t, props, "elasticfilesystem:ClientMount", `"Fs`, "elasticfilesystem:AccessPointArn") {
			t.Errorf("no elasticfilesystem:ClientMount on the file system through the access point: %v", statements(t, props, "elasticfilesystem:ClientMount"))
		}
	})
}

// A feature supersedes aws-cdk-lib's grants on its own resources only. Here an S3 failure
// destination's feature gives up the key actions of its bucket's grant, while a Kinesis
// source's failure queue, imported with its key, keeps kms:GenerateDataKey* from the queue's
// GrantSendMessages: the role does not know that key otherwise. And a role that derives
// nothing (Explicit) keeps an event source's grant whole: its declared MSK feature does not
// know the SASL/SCRAM secret that makes kafka:ListScramSecrets needed.
func TestSupersededOnlyOnTheFeaturesOwnResources(t *testing.T) {
	t.Run("another feature's key", func(t *testing.T) {
		stack := newStackIn("us-east-1")
		role := executionrole.NewExecutionRole(stack, jsii.String("Role"), &executionrole.ExecutionRoleProps{LeastPrivilege: true})
		fn := pythonFunction(stack, "Fn", awslambda.FunctionProps{FunctionName: jsii.String("orders"), Role: role})
		const queueKey = "arn:aws:kms:us-east-1:123456789012:key/1111aaaa-22bb-33cc-44dd-555555eeeeee"
		queue := awssqs.Queue_FromQueueAttributes(stack, jsii.String("Failed"), &awssqs.QueueAttributes{
			QueueArn: jsii.String("arn:aws:sqs:us-east-1:123456789012:orders-failed"), KeyArn: jsii.String(queueKey)})
		fn.AddEventSource(awslambdaeventsources.NewKinesisEventSource(awskinesis.NewStream(stack, jsii.String("Stream"), nil), &awslambdaeventsources.KinesisEventSourceProps{
			StartingPosition: awslambda.StartingPosition_LATEST, OnFailure: awslambdaeventsources.NewSqsDlq(queue)}))
		bucket := awss3.NewBucket(stack, jsii.String("Failures"), &awss3.BucketProps{EncryptionKey: awskms.NewKey(stack, jsii.String("BucketKey"), nil)})
		fn.AddEventSource(awslambdaeventsources.NewManagedKafkaEventSource(&awslambdaeventsources.ManagedKafkaEventSourceProps{
			ClusterArn: jsii.String(mskCluster), Topic: jsii.String("orders"), StartingPosition: awslambda.StartingPosition_LATEST,
			OnFailure: awslambdaeventsources.NewS3OnFailureDestination(bucket)}))
		props := roleProps(t, synth(t, stack), "Role")
		if !allows(t, props, "kms:GenerateDataKey*", queueKey) && !allows(t, props, "kms:GenerateDataKey", queueKey) {
			t.Errorf("no kms:GenerateDataKey on the failure queue's key: %v", statements(t, props, "kms:GenerateDataKey*"))
		}
		if s := statements(t, props, "kms:ReEncrypt*"); slices.ContainsFunc(s, func(x string) bool { return strings.Contains(x, `"BucketKey`) }) {
			t.Errorf("the bucket's key keeps kms:ReEncrypt* of its grant: %v", s)
		}
	})
	t.Run("explicit role", func(t *testing.T) {
		stack := newStackIn("us-east-1")
		role := executionrole.NewExecutionRole(stack, jsii.String("Role"), &executionrole.ExecutionRoleProps{Explicit: true,
			Features: []executionrole.Feature{executionrole.MSKArns(mskCluster)}})
		fn := pythonFunction(stack, "Fn", awslambda.FunctionProps{Role: role})
		fn.AddEventSource(awslambdaeventsources.NewManagedKafkaEventSource(&awslambdaeventsources.ManagedKafkaEventSourceProps{
			ClusterArn: jsii.String(mskCluster), Topic: jsii.String("orders"), StartingPosition: awslambda.StartingPosition_LATEST,
			Secret: awssecretsmanager.NewSecret(stack, jsii.String("AmazonMSK_orders"), nil)}))
		props := roleProps(t, synth(t, stack), "Role")
		if !allows(t, props, "kafka:ListScramSecrets", ":cluster/orders/") {
			t.Errorf("the explicit role lost kafka:ListScramSecrets of the event source's grant: %v", inlineActions(props))
		}
	})
}

// A schema registry whose kind the template does not tell (an ARN from a parameter) is not
// guessed: synth fails naming the mapping, unless the role declares the Glue registry.
func TestUnknownSchemaRegistryIsAnError(t *testing.T) {
	for _, declared := range []bool{false, true} {
		t.Run(fmt.Sprintf("declared %v", declared), func(t *testing.T) {
			stack := newStackIn("us-east-1")
			arn := awscdk.NewCfnParameter(stack, jsii.String("RegistryArn"), nil).ValueAsString()
			var features []executionrole.Feature
			if declared {
				features = []executionrole.Feature{executionrole.GlueSchemaRegistry(*arn)}
			}
			role := executionrole.NewExecutionRole(stack, jsii.String("Role"), &executionrole.ExecutionRoleProps{Features: features})
			fn := pythonFunction(stack, "Fn", awslambda.FunctionProps{Role: role})
			awslambda.NewCfnEventSourceMapping(stack, jsii.String("Mapping"), &awslambda.CfnEventSourceMappingProps{
				FunctionName: fn.FunctionName(), EventSourceArn: jsii.String(mskCluster), Topics: jsii.Strings("orders"), StartingPosition: jsii.String("LATEST"),
				AmazonManagedKafkaEventSourceConfig: &awslambda.CfnEventSourceMapping_AmazonManagedKafkaEventSourceConfigProperty{
					SchemaRegistryConfig: &awslambda.CfnEventSourceMapping_SchemaRegistryConfigProperty{SchemaRegistryUri: arn, EventRecordFormat: jsii.String("JSON"),
						SchemaValidationConfigs: &[]*awslambda.CfnEventSourceMapping_SchemaValidationConfigProperty{{Attribute: jsii.String("VALUE")}}}},
			})
			want := "whose schema registry"
			if declared {
				want = ""
			}
			checkSynth(t, stack, want, permissions.ErrSourceUnknown)
		})
	}
}

// Functions a least-privilege role takes at synth share its logs statements: one statement
// for the log groups' streams and one to create them, however many functions (IAM's inline
// quota counts every statement).
func TestFunctionsTakenAtSynthShareTheLogsStatements(t *testing.T) {
	stack := newStackIn("us-east-1")
	role := executionrole.NewExecutionRole(stack, jsii.String("Role"), &executionrole.ExecutionRoleProps{LeastPrivilege: true})
	for _, name := range []string{"orders", "payments", "refunds", "invoices"} {
		pythonFunction(stack, name, awslambda.FunctionProps{FunctionName: jsii.String(name), Role: role})
	}
	props := roleProps(t, synth(t, stack), "Role")
	for _, a := range []string{"logs:PutLogEvents", "logs:CreateLogGroup"} {
		s := statements(t, props, a)
		if len(s) != 1 {
			t.Fatalf("%d statements allow %s, want one: %v", len(s), a, s)
		}
		for _, name := range []string{"orders", "payments", "refunds", "invoices"} {
			if !strings.Contains(s[0], "log-group:/aws/lambda/"+name) {
				t.Errorf("%s statement lacks %s's log group: %s", a, name, s[0])
			}
		}
	}
}
