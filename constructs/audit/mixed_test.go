package audit_test

import (
	"maps"
	"slices"
	"strings"
	"testing"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsapigateway"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsapigatewayv2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsapigatewayv2integrations"
	"github.com/aws/aws-cdk-go/awscdk/v2/awscloudfront"
	"github.com/aws/aws-cdk-go/awscdk/v2/awscloudfront/experimental"
	"github.com/aws/aws-cdk-go/awscdk/v2/awscloudfrontorigins"
	"github.com/aws/aws-cdk-go/awscdk/v2/awscognito"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsevents"
	"github.com/aws/aws-cdk-go/awscdk/v2/awseventstargets"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsiam"
	"github.com/aws/aws-cdk-go/awscdk/v2/awslambda"
	"github.com/aws/aws-cdk-go/awscdk/v2/awslambdaeventsources"
	"github.com/aws/aws-cdk-go/awscdk/v2/awslogs"
	"github.com/aws/aws-cdk-go/awscdk/v2/awss3"
	"github.com/aws/aws-cdk-go/awscdk/v2/awss3deployment"
	"github.com/aws/aws-cdk-go/awscdk/v2/awss3notifications"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsscheduler"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsschedulertargets"
	"github.com/aws/aws-cdk-go/awscdk/v2/awssns"
	"github.com/aws/aws-cdk-go/awscdk/v2/awssnssubscriptions"
	"github.com/aws/aws-cdk-go/awscdk/v2/awssqs"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsstepfunctions"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsstepfunctionstasks"
	"github.com/aws/aws-cdk-go/awscdk/v2/customresources"
	"github.com/aws/jsii-runtime-go"

	"github.com/execrole/execrole/blueprints"
	"github.com/execrole/execrole/constructs/audit"
	"github.com/execrole/execrole/constructs/executionrole"
)

// mixedApp is one app holding the aws-cdk-lib constructs teams use beside Lambda, inside a
// Stage: CloudFront with and without edge functions (one in another region), REST and HTTP
// APIs, Step Functions, EventBridge rules and schedules, S3 notifications, SNS subscriptions,
// Cognito triggers, custom resources (the Provider framework, AwsCustomResource),
// BucketDeployment, log retention, a nested stack and a cross-stack reference.
func mixedApp() awscdk.App {
	app := awscdk.NewApp(nil)
	stage := awscdk.NewStage(app, jsii.String("Prod"), nil)
	env := &awscdk.Environment{Account: jsii.String("123456789012"), Region: jsii.String("eu-west-1")}
	data := awscdk.NewStack(stage, jsii.String("Data"), &awscdk.StackProps{Env: env})
	queue := awssqs.NewQueue(data, jsii.String("Queue"), nil)

	stack := awscdk.NewStack(stage, jsii.String("Mixed"), &awscdk.StackProps{Env: env})
	fn := func(id string, role awsiam.IRole, props awslambda.FunctionProps) awslambda.Function {
		return newFunction(stack, id, role, props)
	}
	api := fn("Api", executionrole.NewExecutionRole(stack, jsii.String("ApiRole"), nil), awslambda.FunctionProps{})
	awsapigateway.NewLambdaRestApi(stack, jsii.String("Rest"), &awsapigateway.LambdaRestApiProps{Handler: api})
	http := awsapigatewayv2.NewHttpApi(stack, jsii.String("Http"), nil)
	http.AddRoutes(&awsapigatewayv2.AddRoutesOptions{Path: jsii.String("/"), Integration: awsapigatewayv2integrations.NewHttpLambdaIntegration(jsii.String("Int"), api, nil)})

	edge := experimental.NewEdgeFunction(stack, jsii.String("Edge"), &experimental.EdgeFunctionProps{
		Runtime: awslambda.Runtime_NODEJS_22_X(), Handler: jsii.String("index.handler"),
		Code: awslambda.Code_FromInline(jsii.String("exports.handler = async (e) => e")),
	})
	awscloudfront.NewDistribution(stack, jsii.String("Cdn"), &awscloudfront.DistributionProps{
		DefaultBehavior: &awscloudfront.BehaviorOptions{
			Origin:      awscloudfrontorigins.NewHttpOrigin(jsii.String("example.com"), nil),
			EdgeLambdas: &[]*awscloudfront.EdgeLambda{{FunctionVersion: edge.CurrentVersion(), EventType: awscloudfront.LambdaEdgeEventType_VIEWER_REQUEST}},
		},
	})
	awscloudfront.NewDistribution(stack, jsii.String("PlainCdn"), &awscloudfront.DistributionProps{
		DefaultBehavior: &awscloudfront.BehaviorOptions{Origin: awscloudfrontorigins.NewHttpOrigin(jsii.String("example.org"), nil)},
	})

	//lint:ignore SA1019 apps still use log retention, whose handler the audit must name
	worker := fn("Worker", nil, awslambda.FunctionProps{LogRetention: awslogs.RetentionDays_ONE_WEEK})
	worker.AddEventSource(awslambdaeventsources.NewSqsEventSource(queue, nil))
	awsstepfunctions.NewStateMachine(stack, jsii.String("Flow"), &awsstepfunctions.StateMachineProps{
		DefinitionBody: awsstepfunctions.DefinitionBody_FromChainable(awsstepfunctionstasks.NewLambdaInvoke(stack, jsii.String("Invoke"), &awsstepfunctionstasks.LambdaInvokeProps{LambdaFunction: worker})),
	})
	awsevents.NewRule(stack, jsii.String("Nightly"), &awsevents.RuleProps{
		Schedule: awsevents.Schedule_Rate(awscdk.Duration_Hours(jsii.Number(24))),
		Targets:  &[]awsevents.IRuleTarget{awseventstargets.NewLambdaFunction(worker, nil)},
	})
	awsscheduler.NewSchedule(stack, jsii.String("Hourly"), &awsscheduler.ScheduleProps{
		Schedule: awsscheduler.ScheduleExpression_Rate(awscdk.Duration_Hours(jsii.Number(1))),
		Target:   awsschedulertargets.NewLambdaInvoke(worker, nil),
	})
	bucket := awss3.NewBucket(stack, jsii.String("Bucket"), &awss3.BucketProps{AutoDeleteObjects: jsii.Bool(true), RemovalPolicy: awscdk.RemovalPolicy_DESTROY})
	bucket.AddEventNotification(awss3.EventType_OBJECT_CREATED, awss3notifications.NewLambdaDestination(worker))
	awssns.NewTopic(stack, jsii.String("Topic"), nil).AddSubscription(awssnssubscriptions.NewLambdaSubscription(worker, nil))
	awscognito.NewUserPool(stack, jsii.String("Users"), &awscognito.UserPoolProps{LambdaTriggers: &awscognito.UserPoolTriggers{PreSignUp: worker}})

	provider := customresources.NewProvider(stack, jsii.String("Provider"), &customresources.ProviderProps{OnEventHandler: fn("OnEvent", nil, awslambda.FunctionProps{})})
	awscdk.NewCustomResource(stack, jsii.String("Custom"), &awscdk.CustomResourceProps{ServiceToken: provider.ServiceToken()})
	customresources.NewAwsCustomResource(stack, jsii.String("SdkCall"), &customresources.AwsCustomResourceProps{
		OnCreate: &customresources.AwsSdkCall{Service: jsii.String("SSM"), Action: jsii.String("getParameter"), Parameters: map[string]any{"Name": "p"}, PhysicalResourceId: customresources.PhysicalResourceId_Of(jsii.String("p"))},
		Policy:   customresources.AwsCustomResourcePolicy_FromSdkCalls(&customresources.SdkCallsPolicyOptions{Resources: customresources.AwsCustomResourcePolicy_ANY_RESOURCE()}),
	})
	awss3deployment.NewBucketDeployment(stack, jsii.String("Deploy"), &awss3deployment.BucketDeploymentProps{
		Sources: &[]awss3deployment.ISource{awss3deployment.Source_Data(jsii.String("index.html"), jsii.String("hello"), nil)}, DestinationBucket: bucket,
	})

	// An edge function in the distribution's own stack, which must be in us-east-1.
	front := awscdk.NewStack(stage, jsii.String("Front"), &awscdk.StackProps{Env: &awscdk.Environment{Account: jsii.String("123456789012"), Region: jsii.String("us-east-1")}})
	viewer := newFunction(front, "Viewer", nil, awslambda.FunctionProps{})
	images := newFunction(front, "Images", nil, awslambda.FunctionProps{})
	origin := awscloudfrontorigins.NewHttpOrigin(jsii.String("example.net"), nil)
	awscloudfront.NewDistribution(front, jsii.String("Cdn"), &awscloudfront.DistributionProps{
		DefaultBehavior: &awscloudfront.BehaviorOptions{
			Origin:      origin,
			EdgeLambdas: &[]*awscloudfront.EdgeLambda{{FunctionVersion: viewer.CurrentVersion(), EventType: awscloudfront.LambdaEdgeEventType_ORIGIN_REQUEST}},
		},
		// aws-cdk-lib holds additional behaviors in a value jsii cannot hand over as data.
		AdditionalBehaviors: &map[string]*awscloudfront.BehaviorOptions{"/images/*": {
			Origin:      origin,
			EdgeLambdas: &[]*awscloudfront.EdgeLambda{{FunctionVersion: images.CurrentVersion(), EventType: awscloudfront.LambdaEdgeEventType_ORIGIN_RESPONSE}},
		}},
	})

	// The library's own Lambda@Edge blueprint.
	blueprints.NewEdgeViewerRequestStack(stage, "EdgeBlueprint", nil)

	nested := awscdk.NewNestedStack(stack, jsii.String("Inner"), nil)
	newFunction(nested.(awscdk.Stack), "InnerFn", nil, awslambda.FunctionProps{})
	return app
}

// The audit reads every function of such an app without crashing, reports no mistake in a
// role aws-cdk-lib wrote, and its report says which of aws-cdk-lib's own functions it audited
// and which it skipped, and why.
func TestAuditReadsAMixedApp(t *testing.T) {
	app := mixedApp()
	// With the report, which reads the functions' environments and descriptions as well.
	audit.Apply(app, &audit.Props{Report: true})
	asm := app.Synth(nil)
	for _, s := range *asm.Stacks() {
		for _, m := range *s.Messages() {
			//lint:ignore SA1019 the cloud assembly API returns this type; no replacement is exported
			if m.Level == "error" {
				//lint:ignore SA1019 see above
				t.Errorf("%s: %v", *m.Id, m.Entry.Data)
			}
		}
	}
	r := audit.BuildReport(app, nil)
	got := map[string]string{}
	for _, f := range r.Functions {
		got[f.Path] = "audited " + strings.Join(f.Features, ",") + " " + f.CreatedBy
	}
	for _, f := range r.Skipped {
		got[f.Path] = "skipped " + f.CreatedBy
		if f.Reason == "" {
			t.Errorf("skipped %s without a reason", f.Path)
		}
	}
	want := map[string]string{
		"Prod/Mixed/Api":    "audited  ",
		"Prod/Mixed/Worker": "audited sqs ",
		"Prod/Front/Viewer": "audited edge ",
		"Prod/Front/Images": "audited edge ",
		"Prod/EdgeBlueprint/EdgeViewerRequest/Function": "audited edge ",
		"Prod/Mixed/OnEvent":                            "audited  ",
		"Prod/Mixed/Inner/InnerFn":                      "audited  ",
		// experimental.EdgeFunction in another region: its distribution reads the version
		// through an SSM parameter; the audit knows the function from the EdgeFunction.
		"Prod/edge-lambda-stack-c86bc1cd5ff54aa5d0ad9bd3c10ed4a9fe25d59dbe/Edge":            "audited edge ",
		"Prod/Mixed/AWS679f53fac002430cb0da5b7982bd2287":                                    "audited  customresources.AwsCustomResource (its singleton function)",
		"Prod/Mixed/Custom::CDKBucketDeployment8693BB64968944B69AAFB0CC9EB8756C":            "audited  awss3deployment.BucketDeployment (its handler)",
		"Prod/Mixed/Provider/framework-onEvent":                                             "audited  customresources.Provider (the provider framework)",
		"Prod/Mixed/BucketNotificationsHandler050a0587b7544547bf325f094a3db834":             "skipped awss3.Bucket notifications (its handler)",
		"Prod/Mixed/LogRetentionaae0aa3c5b4d4f87b02d85b201efdd8a":                           "skipped log retention (awslogs.LogRetention, a function's LogRetention)",
		"Prod/Mixed/Custom::S3AutoDeleteObjectsCustomResourceProvider/Handler":              "skipped " + coreProvider,
		"Prod/Mixed/Custom::CrossRegionStringParameterReaderCustomResourceProvider/Handler": "skipped " + coreProvider,
	}
	for _, p := range slices.Sorted(maps.Keys(want)) {
		if got[p] != want[p] {
			t.Errorf("function %s: report says %q, want %q", p, got[p], want[p])
		}
	}
	for p := range got {
		if _, ok := want[p]; !ok {
			t.Errorf("report has function %s (%s), not expected", p, got[p])
		}
	}
	md := r.Markdown()
	for _, s := range []string{"| `Prod/Mixed/LogRetentionaae0aa3c5b4d4f87b02d85b201efdd8a` | Prod-Mixed | log retention", "| audited like any function |"} {
		if !strings.Contains(md, s) {
			t.Errorf("report markdown lacks %q:\n%s", s, md)
		}
	}
}

const coreProvider = "awscdk.CustomResourceProvider (a provider of aws-cdk-lib's own custom resources: auto-delete objects, cross-region references, ...)"
