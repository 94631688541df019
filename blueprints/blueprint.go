package blueprints

import (
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"time"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awslambda"
	"github.com/aws/aws-cdk-go/awscdk/v2/awslogs"
	"github.com/aws/aws-cdk-go/awscdk/v2/awss3"
	"github.com/aws/aws-cdk-go/awscdk/v2/awss3assets"
	"github.com/aws/constructs-go/constructs/v10"
	"github.com/aws/jsii-runtime-go"

	"github.com/execrole/execrole/constructs/executionrole"
	"github.com/execrole/execrole/constructs/permissions"
	"github.com/execrole/execrole/constructs/templates"
)

// FunctionOptions are the settings of the function every blueprint creates. Each blueprint's
// props embed it; the zero value gives the blueprint's documented defaults.
type FunctionOptions struct {
	// FunctionName is the function's physical name. Default: - a name CloudFormation
	// generates.
	FunctionName string
	// MemorySize is the function's memory in MiB, from 128 to 10,240. Default: - 128, or
	// the blueprint's own default where its New function says so.
	MemorySize int
	// Timeout is the longest an invocation may run, up to 15 minutes. Default: - the
	// blueprint's own, stated in the doc of its New function.
	Timeout time.Duration
	// LogRetention is how long the function's log group keeps log events.
	// Default: - awslogs.RetentionDays_ONE_MONTH.
	LogRetention awslogs.RetentionDays
	// LeastPrivilege builds the execution role from inline statements scoped to the
	// blueprint's resources and the function's own log group, instead of AWS managed
	// policies. Default: - AWS managed policies, as the Lambda Developer Guide sets them up.
	LeastPrivilege bool
	// PermissionsBoundaryArn is the ARN of a managed policy that bounds the execution
	// role's permissions. Default: - no permissions boundary.
	PermissionsBoundaryArn string
}

// Blueprint is implemented by every blueprint construct of this package.
type Blueprint interface {
	constructs.Construct
	// Name returns the blueprint's name, spelled as the Lambda console names blueprints
	// ("sqs-poller").
	Name() string
}

// Base is what every blueprint creates: a function, its execution role and its log group.
// Each blueprint embeds it, next to the resources of its trigger. It is embedded by pointer,
// allocated before the construct is: jsii would take an embedded struct value for a proxy to
// initialize, and cannot register a construct that embeds a nil pointer.
type Base struct {
	// Function is the blueprint's Lambda function.
	Function awslambda.Function
	// Role is the function's execution role, built from the features and policy templates
	// the blueprint uses.
	Role *executionrole.ExecutionRole
	// LogGroup is the log group the function writes to.
	LogGroup awslogs.LogGroup
}

// spec is what differs between blueprints' functions; build makes the rest the same way
// for all of them.
type spec struct {
	// handler is the folder under handlers/ holding the function's code: index.py or
	// index.js, whose function "handler" is the entry point.
	handler string
	// runtime runs the handler; nil is Python 3.13.
	runtime awslambda.Runtime
	// description becomes the function's description.
	description string
	// features and statements build the execution role.
	features   []executionrole.Feature
	statements []permissions.Statement
	templates  []templates.Use
	// environment holds the function's environment variables.
	environment map[string]string
	// timeout and memory are the blueprint's defaults, used when FunctionOptions leaves
	// them zero.
	timeout time.Duration
	memory  int
	// configure sets blueprint-specific function props (VPC placement, ...).
	configure func(*awslambda.FunctionProps)
}

// Defaults shared by every blueprint.
const (
	defaultMemory    = 128
	defaultRetention = awslogs.RetentionDays_ONE_MONTH
	// defaultBatchSize is the batch size of the stream and Kafka event source mappings,
	// Lambda's own default for them.
	defaultBatchSize = 100
)

// timeoutOr is the function's timeout: Timeout, or d, the blueprint's default, when Timeout
// is zero.
func (o FunctionOptions) timeoutOr(d time.Duration) time.Duration {
	if o.Timeout != 0 {
		return o.Timeout
	}
	return d
}

// build creates the log group, the execution role and the function of the blueprint b,
// with the ids LogGroup, Role and Function. The role gets the log group so that, in
// least-privilege mode, logs are scoped to it and logs:CreateLogGroup is not granted.
func (base *Base) build(b Blueprint, o FunctionOptions, s spec) {
	retention := o.LogRetention
	if retention == "" {
		retention = defaultRetention
	}
	logGroup := awslogs.NewLogGroup(b, jsii.String("LogGroup"), &awslogs.LogGroupProps{Retention: retention})

	role := executionrole.NewExecutionRole(b, jsii.String("Role"), &executionrole.ExecutionRoleProps{
		Features:               s.features,
		Templates:              s.templates,
		Statements:             s.statements,
		LeastPrivilege:         o.LeastPrivilege,
		FunctionName:           o.FunctionName,
		LogGroup:               logGroup,
		PermissionsBoundaryArn: o.PermissionsBoundaryArn,
		Description:            "Execution role of the " + b.Name() + " blueprint",
	})

	timeout, memory := o.timeoutOr(s.timeout), s.memory
	if o.MemorySize != 0 {
		memory = o.MemorySize
	}
	if memory == 0 {
		memory = defaultMemory
	}
	props := &awslambda.FunctionProps{
		Code:        handlerCode(s.handler),
		Handler:     jsii.String("index.handler"),
		Runtime:     s.runtime,
		Role:        role,
		LogGroup:    logGroup,
		Timeout:     duration(timeout),
		MemorySize:  jsii.Number(memory),
		Description: jsii.String(s.description),
	}
	if props.Runtime == nil {
		props.Runtime = awslambda.Runtime_PYTHON_3_13()
	}
	if o.FunctionName != "" {
		props.FunctionName = jsii.String(o.FunctionName)
	}
	if len(s.environment) > 0 {
		env := make(map[string]*string, len(s.environment))
		for k, v := range s.environment {
			env[k] = jsii.String(v)
		}
		props.Environment = &env
	}
	if s.configure != nil {
		s.configure(props)
	}
	fn := awslambda.NewFunction(b, jsii.String("Function"), props)
	// A change of the role's permissions then changes the function, whose running instances
	// would otherwise keep their old credentials.
	role.Bind(fn)
	base.Function, base.Role, base.LogGroup = fn, role, logGroup
}

// streamMapping is the event source mapping of a stream (Kinesis, DynamoDB Streams): the
// batch size (defaultBatchSize by default), the starting position (LATEST by default) and
// partial batch responses, which the blueprints' handlers return.
func streamMapping(arn string, batch int, start awslambda.StartingPosition) *awslambda.EventSourceMappingOptions {
	if batch == 0 {
		batch = defaultBatchSize
	}
	if start == "" {
		start = awslambda.StartingPosition_LATEST
	}
	return &awslambda.EventSourceMappingOptions{
		EventSourceArn:          jsii.String(arn),
		BatchSize:               jsii.Number(batch),
		StartingPosition:        start,
		ReportBatchItemFailures: jsii.Bool(true),
	}
}

// handlersDir is the folder of the handler code, found beside this source file so that
// blueprints work from any working directory.
var handlersDir = func() string {
	_, file, _, _ := runtime.Caller(0)
	return filepath.Join(filepath.Dir(file), "handlers")
}()

// assetExclude keeps the handlers' own tests and bytecode out of the deployment packages.
var assetExclude = []string{"test_*.py", "*.test.js", "__pycache__", "*.pyc"}

// handlerCode is the code asset of handlers/<name>. The folder is read from the module's
// source, which binaries built with -trimpath no longer know: that is a usage error.
func handlerCode(name string) awslambda.Code {
	dir := filepath.Join(handlersDir, name)
	if st, err := os.Stat(dir); err != nil || !st.IsDir() {
		panic(fmt.Errorf("blueprints: handler folder %q not found: build the app without -trimpath, from a module source that includes blueprints/handlers", dir))
	}
	return awslambda.Code_FromAsset(jsii.String(dir), &awss3assets.AssetOptions{Exclude: jsii.Strings(assetExclude...)})
}

// duration converts a Go duration to a CDK duration, in seconds.
func duration(d time.Duration) awscdk.Duration {
	return awscdk.Duration_Seconds(jsii.Number(d.Seconds()))
}

// fail panics with a usage error naming the construct path, the value received and the fix.
func fail(scope constructs.Construct, id *string, format string, args ...any) {
	panic(fmt.Errorf("blueprints: %s/%s: %s", *scope.Node().Path(), *id, fmt.Sprintf(format, args...)))
}

// StackProps configures one of the New...Stack functions: the stack itself, and the
// blueprint it holds.
type StackProps[P any] struct {
	// StackProps configures the stack. Default: - an environment-agnostic stack, except
	// where the New...Stack function says otherwise.
	awscdk.StackProps
	// Blueprint configures the blueprint the stack holds. Default: - the blueprint's
	// defaults.
	Blueprint P
}

// newStack creates a stack holding one blueprint, built by build with the id name.
func newStack[P, B any](scope constructs.Construct, id string, props *StackProps[P], name string, build func(constructs.Construct, *string, *P) B) awscdk.Stack {
	if props == nil {
		props = &StackProps[P]{}
	}
	stack := awscdk.NewStack(scope, jsii.String(id), &props.StackProps)
	build(stack, jsii.String(name), &props.Blueprint)
	return stack
}

// privateBucket is the bucket a blueprint creates when none is given: no public access,
// encrypted with S3 managed keys, TLS only.
func privateBucket(scope constructs.Construct) awss3.Bucket {
	return awss3.NewBucket(scope, jsii.String("Bucket"), &awss3.BucketProps{
		BlockPublicAccess: awss3.BlockPublicAccess_BLOCK_ALL(),
		Encryption:        awss3.BucketEncryption_S3_MANAGED,
		EnforceSSL:        jsii.Bool(true),
	})
}
