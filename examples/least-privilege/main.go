// Command least-privilege builds a Kinesis consumer whose execution role is scoped to its own
// stream, dead-letter queue and its key, and log group, and checks the app with cdk-nag's
// AwsSolutions and Serverless packs: `cdk synth` fails on any finding nobody acknowledged.
//
//	npx cdk synth --app "go run ./examples/least-privilege"
package main

import (
	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awskinesis"
	"github.com/aws/aws-cdk-go/awscdk/v2/awskms"
	"github.com/aws/aws-cdk-go/awscdk/v2/awslambda"
	"github.com/aws/aws-cdk-go/awscdk/v2/awslogs"
	"github.com/aws/aws-cdk-go/awscdk/v2/awssqs"
	"github.com/aws/constructs-go/constructs/v10"
	"github.com/aws/jsii-runtime-go"
	"github.com/cdklabs/cdk-nag-go/cdknag/v2"

	"github.com/execrole/execrole/constructs/executionrole"
	_ "github.com/execrole/execrole/jsiinode"
)

const handler = `import base64, json

def handler(event, context):
    for record in event["Records"]:
        print(json.dumps(json.loads(base64.b64decode(record["kinesis"]["data"]))))
`

// NewConsumerStack builds the stream, its consumer function and the function's role.
func NewConsumerStack(scope constructs.Construct, id string, props *awscdk.StackProps) awscdk.Stack {
	stack := awscdk.NewStack(scope, jsii.String(id), props)

	stream := awskinesis.NewStream(stack, jsii.String("Stream"), &awskinesis.StreamProps{
		Encryption: awskinesis.StreamEncryption_MANAGED,
	})
	key := awskms.NewKey(stack, jsii.String("Key"), &awskms.KeyProps{EnableKeyRotation: jsii.Bool(true)})
	dlq := awssqs.NewQueue(stack, jsii.String("DeadLetters"), &awssqs.QueueProps{
		Encryption: awssqs.QueueEncryption_KMS, EncryptionMasterKey: key, EnforceSSL: jsii.Bool(true),
		RetentionPeriod: awscdk.Duration_Days(jsii.Number(14)),
	})
	// The dead-letter queue is where failures end: it has no redrive target of its own.
	cdknag.NagSuppressions_AddResourceSuppressions(dlq, &[]*cdknag.NagPackSuppression{{
		Id: jsii.String("Serverless-SQSRedrivePolicy"), Reason: jsii.String("this queue is the dead-letter queue"),
	}}, jsii.Bool(false))
	logs := awslogs.NewLogGroup(stack, jsii.String("Logs"), &awslogs.LogGroupProps{Retention: awslogs.RetentionDays_ONE_MONTH})

	role := executionrole.NewExecutionRole(stack, jsii.String("Role"), &executionrole.ExecutionRoleProps{
		LeastPrivilege: true,
		LogGroup:       logs,
		Features: []executionrole.Feature{
			executionrole.Kinesis(stream),
			executionrole.DeadLetterQueue(dlq),
			executionrole.Tracing(),
		},
	})
	fn := awslambda.NewFunction(stack, jsii.String("Consumer"), &awslambda.FunctionProps{
		Runtime:         awslambda.Runtime_PYTHON_3_14(),
		MemorySize:      jsii.Number(256),
		Handler:         jsii.String("index.handler"),
		Code:            awslambda.Code_FromInline(jsii.String(handler)),
		Role:            role,
		LogGroup:        logs,
		Tracing:         awslambda.Tracing_ACTIVE,
		DeadLetterQueue: dlq,
		Timeout:         awscdk.Duration_Seconds(jsii.Number(30)),
	})
	// aws-cdk-lib knows python3.15, so cdk-nag's runtime rules ask for it; CloudFormation's
	// resource schema (and so cfn-lint) does not accept it yet.
	cdknag.NagSuppressions_AddResourceSuppressions(fn, &[]*cdknag.NagPackSuppression{
		{Id: jsii.String("AwsSolutions-L1"), Reason: jsii.String("python3.14 is the newest runtime CloudFormation's Lambda schema accepts")},
		{Id: jsii.String("Serverless-LambdaLatestVersion"), Reason: jsii.String("python3.14 is the newest runtime CloudFormation's Lambda schema accepts")},
	}, jsii.Bool(false))
	role.Bind(fn)
	awslambda.NewEventSourceMapping(stack, jsii.String("FromStream"), &awslambda.EventSourceMappingProps{
		Target:           fn,
		EventSourceArn:   stream.StreamArn(),
		StartingPosition: awslambda.StartingPosition_LATEST,
		BatchSize:        jsii.Number(100),
		// The role allows sending failures to the queue (DestinationQueue); binding grants
		// nothing more, where awslambdaeventsources.NewSqsDlq would add kms:ReEncrypt* and
		// kms:GenerateDataKey* on the queue's key.
		OnFailure: role.OnFailureQueue(dlq),
	})
	return stack
}

func main() {
	defer jsii.Close()
	app := awscdk.NewApp(nil)
	NewConsumerStack(app, "ExecroleLeastPrivilege", nil)
	nag := &cdknag.NagPackProps{Reports: jsii.Bool(false)}
	awscdk.Aspects_Of(app).Add(cdknag.NewAwsSolutionsChecks(nag), nil)
	awscdk.Aspects_Of(app).Add(cdknag.NewServerlessChecks(nag), nil)
	app.Synth(nil)
}
