package blueprints

import (
	"strconv"
	"time"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awscloudwatch"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsevents"
	"github.com/aws/aws-cdk-go/awscdk/v2/awseventstargets"
	"github.com/aws/constructs-go/constructs/v10"
	"github.com/aws/jsii-runtime-go"

	"github.com/execrole/execrole/constructs/permissions"
	"github.com/execrole/execrole/constructs/templates"
)

// ScheduledCanaryProps configures a ScheduledCanary blueprint.
type ScheduledCanaryProps struct {
	// FunctionOptions are the settings of the blueprint's function. Default: - the
	// defaults of each of its fields.
	FunctionOptions
	// Url is the URL the canary requests. Default: - none, it is required.
	Url string
	// Interval is how often the canary runs, in whole minutes. Default: - 5 minutes.
	Interval time.Duration
	// ExpectedStatus is the HTTP status a healthy URL answers with. Default: - 200.
	ExpectedStatus int
	// MetricNamespace is the CloudWatch namespace of the Success and Latency metrics; the
	// role may publish to it only. Default: - "Canary".
	MetricNamespace string
}

// ScheduledCanary is the scheduled canary blueprint: an Amazon EventBridge schedule runs a
// Python function every Interval; the function requests Url and publishes the CloudWatch
// metrics Success (1 or 0) and Latency, by URL, and an alarm goes off when a check fails or
// no check reports. Its role holds the CloudWatchPutMetricPolicy template, narrowed to
// MetricNamespace with the cloudwatch:namespace condition key.
type ScheduledCanary struct {
	constructs.Construct
	*Base
	// Schedule is the EventBridge rule that runs the function.
	Schedule awsevents.Rule
	// Alarm is in alarm when the latest check failed or none reported.
	Alarm awscloudwatch.Alarm
}

// NewScheduledCanary creates a ScheduledCanary blueprint. Timeout 30 seconds unless
// FunctionOptions sets it; the request times out 5 seconds before the function does (at
// half the function's timeout when that is under 10 seconds). It panics if Url is empty or
// Interval is not a whole number of minutes.
func NewScheduledCanary(scope constructs.Construct, id *string, props *ScheduledCanaryProps) *ScheduledCanary {
	if props == nil {
		props = &ScheduledCanaryProps{}
	}
	interval := props.Interval
	if interval == 0 {
		interval = 5 * time.Minute
	}
	switch {
	case props.Url == "":
		fail(scope, id, "Url is empty: set it to the URL the canary checks (https://...)")
	case interval < time.Minute || interval%time.Minute != 0:
		fail(scope, id, "Interval %v is not a whole number of minutes: EventBridge schedules run at most every minute, set 1m, 5m, ...", interval)
	}
	namespace, status := props.MetricNamespace, props.ExpectedStatus
	if namespace == "" {
		namespace = "Canary"
	}
	if status == 0 {
		status = 200
	}
	timeout := props.timeoutOr(30 * time.Second)
	b := &ScheduledCanary{Base: &Base{}}
	constructs.NewConstruct_Override(b, scope, id)

	statements := templates.CloudWatchPutMetricPolicy()
	for i := range statements {
		statements[i].Conditions = append(statements[i].Conditions, permissions.Condition{
			Operator: "StringEquals", Key: "cloudwatch:namespace", Values: []string{namespace},
		})
	}
	b.Base.build(b, props.FunctionOptions, spec{
		handler:     "scheduled_canary",
		description: "scheduled canary blueprint: checks a URL and publishes CloudWatch metrics",
		statements:  statements,
		environment: map[string]string{
			"URL":              props.Url,
			"EXPECTED_STATUS":  strconv.Itoa(status),
			"METRIC_NAMESPACE": namespace,
			"REQUEST_TIMEOUT":  strconv.FormatFloat(max(timeout-5*time.Second, timeout/2).Seconds(), 'f', -1, 64),
		},
		timeout: timeout,
	})
	b.Schedule = awsevents.NewRule(b, jsii.String("Schedule"), &awsevents.RuleProps{
		Description: jsii.String("Runs the scheduled canary blueprint's check of " + props.Url),
		Schedule:    awsevents.Schedule_Rate(duration(interval)),
		// A failed check is a data point, not an error to retry.
		Targets: &[]awsevents.IRuleTarget{awseventstargets.NewLambdaFunction(b.Function, &awseventstargets.LambdaFunctionProps{RetryAttempts: jsii.Number(0)})},
	})
	b.Alarm = awscloudwatch.NewAlarm(b, jsii.String("Alarm"), &awscloudwatch.AlarmProps{
		AlarmDescription: jsii.String("The scheduled canary's check of " + props.Url + " failed or did not report"),
		Metric: awscloudwatch.NewMetric(&awscloudwatch.MetricProps{
			Namespace:     jsii.String(namespace),
			MetricName:    jsii.String("Success"),
			DimensionsMap: &map[string]*string{"Url": jsii.String(props.Url)},
			Statistic:     jsii.String("Minimum"),
			Period:        duration(interval),
		}),
		ComparisonOperator: awscloudwatch.ComparisonOperator_LESS_THAN_THRESHOLD,
		Threshold:          jsii.Number(1),
		EvaluationPeriods:  jsii.Number(1),
		TreatMissingData:   awscloudwatch.TreatMissingData_BREACHING,
	})
	return b
}

// Name returns "scheduled-canary".
func (b *ScheduledCanary) Name() string { return "scheduled-canary" }

// NewScheduledCanaryStack creates a stack holding a ScheduledCanary blueprint with the id
// ScheduledCanary.
func NewScheduledCanaryStack(scope constructs.Construct, id string, props *StackProps[ScheduledCanaryProps]) awscdk.Stack {
	return newStack(scope, id, props, "ScheduledCanary", NewScheduledCanary)
}
