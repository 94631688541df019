package test

import (
	"os"
	"testing"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/jsii-runtime-go"

	"github.com/execrole/execrole/constructs/executionrole"
	"github.com/execrole/execrole/constructs/permissions"
	"github.com/execrole/execrole/internal/cdktest"
	_ "github.com/execrole/execrole/jsiinode"
)

// ARNs of imported resources, so a stack holds nothing but the role under test.
const (
	acct      = "123456789012"
	key       = "arn:aws:kms:us-east-1:" + acct + ":key/1234abcd-12ab-34cd-56ef-1234567890ab"
	secretArn = "arn:aws:secretsmanager:us-east-1:" + acct + ":secret:creds-AbCdEf"
	cluster   = "arn:aws:kafka:us-east-1:" + acct + ":cluster/orders/0a1b2c3d-4e5f-6a7b-8c9d-0e1f2a3b4c5d-1"
)

// everyFeature uses every feature of the catalog at once, with imported resources.
func everyFeature() []executionrole.Feature {
	return []executionrole.Feature{
		executionrole.Tracing(), executionrole.VPC(), executionrole.Insights(), executionrole.ApplicationSignals(),
		executionrole.SQSArns("arn:aws:sqs:us-east-1:" + acct + ":orders"),
		executionrole.KinesisArns("arn:aws:kinesis:us-east-1:" + acct + ":stream/clicks"),
		executionrole.DynamoDBStreamArns("arn:aws:dynamodb:us-east-1:" + acct + ":table/orders/stream/2024-01-01T00:00:00.000"),
		executionrole.MSKArns(cluster),
		executionrole.EFSArns("arn:aws:elasticfilesystem:us-east-1:" + acct + ":file-system/fs-12345678"),
		executionrole.FromUse(permissions.Use{Feature: permissions.MQ, Resources: []string{"arn:aws:mq:us-east-1:" + acct + ":broker:orders:b-1234a5b6-78cd-901e-2fgh-3i45j6k178l9"}, Secrets: []string{secretArn}}),
		executionrole.FromUse(permissions.Use{Feature: permissions.DocumentDB, Resources: []string{"arn:aws:rds:us-east-1:" + acct + ":cluster:orders-docdb"}, Secrets: []string{secretArn}}),
		executionrole.FromArns(permissions.DeadLetterQueue, "arn:aws:sqs:us-east-1:"+acct+":orders-dlq"),
		executionrole.FromArns(permissions.DestinationTopic, "arn:aws:sns:us-east-1:"+acct+":orders-failed"),
		executionrole.FromArns(permissions.DestinationFunction, "arn:aws:lambda:us-east-1:"+acct+":function:on-success"),
		executionrole.FromArns(permissions.DestinationEventBus, "arn:aws:events:us-east-1:"+acct+":event-bus/default"),
		executionrole.FromArns(permissions.DestinationBucket, "arn:aws:s3:::orders-failures"),
		executionrole.FromArns(permissions.EnvironmentKey, key),
		executionrole.FromUse(permissions.Use{Feature: permissions.ParametersAndSecrets, Parameters: []string{"arn:aws:ssm:us-east-1:" + acct + ":parameter/orders/config"}}),
		executionrole.S3FilesArns("arn:aws:s3files:us-east-1:"+acct+":file-system/fs-0123456789abcdef01", "arn:aws:s3files:us-east-1:"+acct+":file-system/fs-0123456789abcdef01/access-point/fsap-0123456789abcdef01"),
		executionrole.FromUse(permissions.Use{Feature: permissions.S3FilesDirectRead, Resources: []string{"arn:aws:s3:::orders-files"}, Keys: []string{key}}),
		executionrole.GlueSchemaRegistry("arn:aws:glue:us-east-1:" + acct + ":registry/orders"),
		executionrole.FromUse(permissions.Use{Feature: permissions.ConfluentSchemaRegistry, Secrets: []string{secretArn}}),
		executionrole.DestinationKafkaTopic(cluster, "orders-failed"),
	}
}

// newApp returns an app whose stacks are pinned to one account and region.
func newApp() awscdk.App { return awscdk.NewApp(nil) }

func newStack(app awscdk.App, id string) awscdk.Stack {
	return awscdk.NewStack(app, jsii.String(id), &awscdk.StackProps{
		Env: &awscdk.Environment{Account: jsii.String(acct), Region: jsii.String("us-east-1")},
	})
}

// template synthesizes a stack into plain Go values: the repository's shared helper.
var template = cdktest.Template

// TestMain ends the jsii kernel after the tests, so its Node.js process and temp folder do
// not outlive them.
func TestMain(m *testing.M) {
	var err error
	if examplesIn, err = os.MkdirTemp("", "execrole-examples"); err != nil {
		panic(err)
	}
	code := m.Run()
	jsii.Close()
	os.RemoveAll(examplesIn)
	os.Exit(code)
}
