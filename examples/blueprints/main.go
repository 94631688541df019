// Command blueprints synthesizes every blueprint of the blueprints package, each in its own
// stack. The blueprints that use an existing resource read it from CDK context:
//
//	npx cdk synth --all --app "go run ./examples/blueprints" \
//		-c mskClusterArn=arn:aws:kafka:us-east-1:111122223333:cluster/orders/0b7f... \
//		-c canaryUrl=https://www.example.com/health
//
// Without them, the MSK consumer uses a placeholder cluster ARN (synth works, deploy does
// not) and the canary checks https://aws.amazon.com/. Deploy one stack with
// `npx cdk deploy --app "go run ./examples/blueprints" BlueprintSqsPoller`.
package main

import (
	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/jsii-runtime-go"

	"github.com/execrole/execrole/blueprints"
	_ "github.com/execrole/execrole/jsiinode"
)

// Context keys and their fallbacks.
const (
	mskClusterArnKey = "mskClusterArn"
	mskClusterArn    = "arn:aws:kafka:us-east-1:111122223333:cluster/blueprint-demo/11111111-2222-3333-4444-555555555555-1"
	canaryURLKey     = "canaryUrl"
	canaryURL        = "https://aws.amazon.com/"
)

func main() {
	defer jsii.Close()
	app := awscdk.NewApp(nil)

	blueprints.NewHelloWorldStack(app, "BlueprintHelloWorld", nil)
	blueprints.NewSqsPollerStack(app, "BlueprintSqsPoller", nil)
	blueprints.NewKinesisProcessRecordStack(app, "BlueprintKinesisProcessRecord", nil)
	blueprints.NewDynamoDBProcessStreamStack(app, "BlueprintDynamoDBProcessStream", nil)
	blueprints.NewMskConsumerStack(app, "BlueprintMskConsumer", &blueprints.StackProps[blueprints.MskConsumerProps]{
		Blueprint: blueprints.MskConsumerProps{ClusterArn: contextOr(app, mskClusterArnKey, mskClusterArn), Topic: "orders"},
	})
	blueprints.NewS3GetObjectStack(app, "BlueprintS3GetObject", nil)
	blueprints.NewSnsMessageStack(app, "BlueprintSnsMessage", nil)
	blueprints.NewMicroserviceHttpEndpointStack(app, "BlueprintMicroserviceHttpEndpoint", nil)
	blueprints.NewEdgeViewerRequestStack(app, "BlueprintEdgeViewerRequest", nil)
	blueprints.NewScheduledCanaryStack(app, "BlueprintScheduledCanary", &blueprints.StackProps[blueprints.ScheduledCanaryProps]{
		Blueprint: blueprints.ScheduledCanaryProps{Url: contextOr(app, canaryURLKey, canaryURL)},
	})
	blueprints.NewVpcFunctionStack(app, "BlueprintVpcFunction", nil)
	blueprints.NewFirehoseTransformStack(app, "BlueprintFirehoseTransform", nil)
	// The same poller with a least-privilege role: inline statements scoped to its queue and
	// log group instead of AWS managed policies.
	blueprints.NewSqsPollerStack(app, "BlueprintSqsPollerLeastPrivilege", &blueprints.StackProps[blueprints.SqsPollerProps]{
		Blueprint: blueprints.SqsPollerProps{FunctionOptions: blueprints.FunctionOptions{LeastPrivilege: true}},
	})

	app.Synth(nil)
}

// contextOr returns the app's context value for key, or fallback when it is unset.
func contextOr(app awscdk.App, key, fallback string) string {
	if v, ok := app.Node().TryGetContext(jsii.String(key)).(string); ok && v != "" {
		return v
	}
	return fallback
}
