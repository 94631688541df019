package executionrole_test

import (
	"errors"
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"runtime"
	"slices"
	"strings"
	"testing"

	"github.com/aws/aws-cdk-go/awscdk/v2/awsdynamodb"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsefs"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsevents"
	"github.com/aws/aws-cdk-go/awscdk/v2/awskinesis"
	"github.com/aws/aws-cdk-go/awscdk/v2/awskms"
	"github.com/aws/aws-cdk-go/awscdk/v2/awslambda"
	"github.com/aws/aws-cdk-go/awscdk/v2/awslogs"
	"github.com/aws/aws-cdk-go/awscdk/v2/awss3"
	"github.com/aws/aws-cdk-go/awscdk/v2/awssecretsmanager"
	"github.com/aws/aws-cdk-go/awscdk/v2/awssns"
	"github.com/aws/aws-cdk-go/awscdk/v2/awssqs"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsssm"
	"github.com/aws/jsii-runtime-go"

	"github.com/execrole/execrole/constructs/executionrole"
	"github.com/execrole/execrole/constructs/permissions"
)

// libraryError runs f and returns the *permissions.Error it panics with, failing the test
// when f does not panic or panics with anything else: a Go runtime error (a nil
// dereference), a jsii error from deep inside the bridge, a bare string.
func libraryError(t *testing.T, f func()) (got *permissions.Error) {
	t.Helper()
	var p any
	func() {
		defer func() { p = recover() }()
		f()
	}()
	if p == nil {
		t.Fatalf("no panic, want a *permissions.Error")
	}
	if re, ok := p.(runtime.Error); ok {
		t.Fatalf("panic is a Go runtime error, want a *permissions.Error: %v", re)
	}
	err, ok := p.(error)
	if !ok || !errors.As(err, &got) {
		t.Fatalf("panic is %T, want a *permissions.Error: %v", p, p)
	}
	return got
}

// Typed nils: nil pointers to types that implement the interfaces the constructors take, which
// are not == nil once in the interface. Each embeds the interface so that it implements it.
type (
	nilQueue     struct{ awssqs.IQueue }
	nilStream    struct{ awskinesis.IStream }
	nilTable     struct{ awsdynamodb.ITable }
	nilFS        struct{ awsefs.IFileSystem }
	nilSecret    struct{ awssecretsmanager.ISecret }
	nilTopic     struct{ awssns.ITopic }
	nilFunction  struct{ awslambda.IFunction }
	nilBus       struct{ awsevents.IEventBus }
	nilBucket    struct{ awss3.IBucket }
	nilKey       struct{ awskms.IKey }
	nilParameter struct{ awsssm.IParameter }
	nilLogGroup  struct{ awslogs.ILogGroup }
)

const clusterARN = "arn:aws:kafka:us-east-1:123456789012:cluster/orders/abcd1234-ab12-cd34-ef56-abcdef123456-1"

// zeroArgs has, for every exported function of the package that returns a Feature, the
// feature built from nil and zero arguments: with an untyped nil (or the zero value) and,
// for constructors that take a construct, with a typed nil. want is the error id the role
// panics with for the untyped zero values, or "" where they are valid (a feature without
// arguments, no credentials for SelfManagedKafka); a typed nil is then valid too, and
// otherwise always a nil argument.
var zeroArgs = map[string]struct {
	untyped, typed func() executionrole.Feature
	want           permissions.ErrorID
}{
	"Tracing":              {untyped: executionrole.Tracing},
	"VPC":                  {untyped: executionrole.VPC},
	"VPCNetworkInterfaces": {untyped: executionrole.VPCNetworkInterfaces},
	"Durable":              {untyped: executionrole.Durable},
	"Insights":             {untyped: executionrole.Insights},
	"ApplicationSignals":   {untyped: executionrole.ApplicationSignals},
	"Edge":                 {untyped: executionrole.Edge},
	"SQS": {func() executionrole.Feature { return executionrole.SQS(nil) },
		func() executionrole.Feature { return executionrole.SQS((*nilQueue)(nil)) }, permissions.ErrNilArgument},
	"SQSArns": {untyped: func() executionrole.Feature { return executionrole.SQSArns("") }, want: permissions.ErrArnInvalid},
	"Kinesis": {func() executionrole.Feature { return executionrole.Kinesis(nil) },
		func() executionrole.Feature { return executionrole.Kinesis((*nilStream)(nil)) }, permissions.ErrNilArgument},
	"KinesisArns": {untyped: func() executionrole.Feature { return executionrole.KinesisArns("") }, want: permissions.ErrArnInvalid},
	"DynamoDBStreams": {func() executionrole.Feature { return executionrole.DynamoDBStreams(nil) },
		func() executionrole.Feature { return executionrole.DynamoDBStreams((*nilTable)(nil)) }, permissions.ErrNilArgument},
	"DynamoDBStreamArns": {untyped: func() executionrole.Feature { return executionrole.DynamoDBStreamArns("") }, want: permissions.ErrArnInvalid},
	"MSKArns":            {untyped: func() executionrole.Feature { return executionrole.MSKArns("") }, want: permissions.ErrArnInvalid},
	"EFS": {func() executionrole.Feature { return executionrole.EFS(nil) },
		func() executionrole.Feature { return executionrole.EFS((*nilFS)(nil)) }, permissions.ErrNilArgument},
	"EFSArns":  {untyped: func() executionrole.Feature { return executionrole.EFSArns("") }, want: permissions.ErrArnInvalid},
	"FromArns": {untyped: func() executionrole.Feature { return executionrole.FromArns("") }, want: permissions.ErrFeatureUnknown},
	"FromUse":  {untyped: func() executionrole.Feature { return executionrole.FromUse(permissions.Use{}) }, want: permissions.ErrFeatureUnknown},
	"MQ": {func() executionrole.Feature { return executionrole.MQ("", nil) },
		func() executionrole.Feature { return executionrole.MQ("", (*nilSecret)(nil)) }, permissions.ErrNilArgument},
	"SelfManagedKafka": {untyped: func() executionrole.Feature { return executionrole.SelfManagedKafka(nil, false) },
		typed: func() executionrole.Feature { return executionrole.SelfManagedKafka((*nilSecret)(nil), false) }},
	"DocumentDB": {func() executionrole.Feature { return executionrole.DocumentDB("", nil) },
		func() executionrole.Feature { return executionrole.DocumentDB("", (*nilSecret)(nil)) }, permissions.ErrNilArgument},
	"MSKWithSCRAM": {func() executionrole.Feature { return executionrole.MSKWithSCRAM("", nil) },
		func() executionrole.Feature { return executionrole.MSKWithSCRAM("", (*nilSecret)(nil)) }, permissions.ErrNilArgument},
	"MSKWithMutualTLS": {func() executionrole.Feature { return executionrole.MSKWithMutualTLS("", nil) },
		func() executionrole.Feature { return executionrole.MSKWithMutualTLS("", (*nilSecret)(nil)) }, permissions.ErrNilArgument},
	"MSKWithIAM": {untyped: func() executionrole.Feature { return executionrole.MSKWithIAM("", nil, nil) }, want: permissions.ErrFeatureMissingResource},
	"DeadLetterQueue": {func() executionrole.Feature { return executionrole.DeadLetterQueue(nil) },
		func() executionrole.Feature { return executionrole.DeadLetterQueue((*nilQueue)(nil)) }, permissions.ErrNilArgument},
	"DeadLetterTopic": {func() executionrole.Feature { return executionrole.DeadLetterTopic(nil) },
		func() executionrole.Feature { return executionrole.DeadLetterTopic((*nilTopic)(nil)) }, permissions.ErrNilArgument},
	"DestinationQueue": {func() executionrole.Feature { return executionrole.DestinationQueue(nil) },
		func() executionrole.Feature { return executionrole.DestinationQueue((*nilQueue)(nil)) }, permissions.ErrNilArgument},
	"DestinationTopic": {func() executionrole.Feature { return executionrole.DestinationTopic(nil) },
		func() executionrole.Feature { return executionrole.DestinationTopic((*nilTopic)(nil)) }, permissions.ErrNilArgument},
	"DestinationFunction": {func() executionrole.Feature { return executionrole.DestinationFunction(nil) },
		func() executionrole.Feature { return executionrole.DestinationFunction((*nilFunction)(nil)) }, permissions.ErrNilArgument},
	"DestinationEventBus": {func() executionrole.Feature { return executionrole.DestinationEventBus(nil) },
		func() executionrole.Feature { return executionrole.DestinationEventBus((*nilBus)(nil)) }, permissions.ErrNilArgument},
	"DestinationBucket": {func() executionrole.Feature { return executionrole.DestinationBucket(nil) },
		func() executionrole.Feature { return executionrole.DestinationBucket((*nilBucket)(nil)) }, permissions.ErrNilArgument},
	"DurableWithKey": {func() executionrole.Feature { return executionrole.DurableWithKey(nil) },
		func() executionrole.Feature { return executionrole.DurableWithKey((*nilKey)(nil)) }, permissions.ErrNilArgument},
	"S3FilesArns":         {untyped: func() executionrole.Feature { return executionrole.S3FilesArns("") }, want: permissions.ErrArnInvalid},
	"S3FilesReadOnlyArns": {untyped: func() executionrole.Feature { return executionrole.S3FilesReadOnlyArns("") }, want: permissions.ErrArnInvalid},
	"S3FilesDirectRead": {func() executionrole.Feature { return executionrole.S3FilesDirectRead(nil) },
		func() executionrole.Feature { return executionrole.S3FilesDirectRead((*nilBucket)(nil)) }, permissions.ErrNilArgument},
	"GlueSchemaRegistry": {untyped: func() executionrole.Feature { return executionrole.GlueSchemaRegistry("") }, want: permissions.ErrArnInvalid},
	"ConfluentSchemaRegistry": {func() executionrole.Feature { return executionrole.ConfluentSchemaRegistry(nil) },
		func() executionrole.Feature { return executionrole.ConfluentSchemaRegistry((*nilSecret)(nil)) }, permissions.ErrNilArgument},
	"DestinationKafkaTopic": {untyped: func() executionrole.Feature { return executionrole.DestinationKafkaTopic("", "") }, want: permissions.ErrArnInvalid},
	"EnvironmentKey": {func() executionrole.Feature { return executionrole.EnvironmentKey(nil) },
		func() executionrole.Feature { return executionrole.EnvironmentKey((*nilKey)(nil)) }, permissions.ErrNilArgument},
	"ParametersAndSecrets": {func() executionrole.Feature { return executionrole.ParametersAndSecrets(nil, nil) },
		func() executionrole.Feature {
			return executionrole.ParametersAndSecrets([]awsssm.IParameter{(*nilParameter)(nil)}, nil)
		}, permissions.ErrFeatureMissingResource},
}

// featureConstructors lists the exported functions of the package source that return a
// Feature, by reading the source: a constructor added to the package is in this list
// whether or not anyone remembered to test it.
func featureConstructors(t *testing.T) []string {
	t.Helper()
	entries, err := os.ReadDir(".")
	if err != nil {
		t.Fatal(err)
	}
	fset := token.NewFileSet()
	var names []string
	for _, e := range entries {
		if !strings.HasSuffix(e.Name(), ".go") || strings.HasSuffix(e.Name(), "_test.go") {
			continue
		}
		f, err := parser.ParseFile(fset, e.Name(), nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		for _, decl := range f.Decls {
			fn, ok := decl.(*ast.FuncDecl)
			if !ok || fn.Recv != nil || !fn.Name.IsExported() || fn.Type.Results == nil || len(fn.Type.Results.List) != 1 {
				continue
			}
			if id, ok := fn.Type.Results.List[0].Type.(*ast.Ident); ok && id.Name == "Feature" {
				names = append(names, fn.Name.Name)
			}
		}
	}
	slices.Sort(names)
	return names
}

// TestEveryFeatureConstructorIsInTheNilTable: the table below covers exactly the package's
// feature constructors.
func TestEveryFeatureConstructorIsInTheNilTable(t *testing.T) {
	names := featureConstructors(t)
	if len(names) < 30 {
		t.Fatalf("found %d feature constructors in the package source (%v): the scan is broken", len(names), names)
	}
	for _, n := range names {
		if _, ok := zeroArgs[n]; !ok {
			t.Errorf("feature constructor %s is not in zeroArgs: add its nil and zero arguments and the error they must give", n)
		}
	}
	for n := range zeroArgs {
		if !slices.Contains(names, n) {
			t.Errorf("zeroArgs has %s, which is not an exported feature constructor of the package", n)
		}
	}
}

// TestNilArgumentsFailClearly: every feature constructor given nil or zero arguments either
// builds a valid role or makes the role panic with the library's error, naming the
// constructor (or the feature) and what to pass, at the role's path: never a nil dereference.
func TestNilArgumentsFailClearly(t *testing.T) {
	for _, name := range featureConstructors(t) {
		tt := zeroArgs[name]
		// A typed nil is a nil construct wherever the untyped zero value is a mistake.
		typedWant := permissions.ErrNilArgument
		if tt.want == "" {
			typedWant = ""
		}
		for _, c := range []struct {
			kind  string
			build func() executionrole.Feature
			want  permissions.ErrorID
		}{{"nil", tt.untyped, tt.want}, {"typed nil", tt.typed, typedWant}} {
			if c.build == nil {
				continue
			}
			for _, lp := range []bool{false, true} {
				t.Run(fmt.Sprintf("%s/%s/least privilege %t", name, c.kind, lp), func(t *testing.T) {
					props := &executionrole.ExecutionRoleProps{LeastPrivilege: lp, FunctionName: "orders", Features: []executionrole.Feature{c.build()}}
					if c.want == "" {
						if lp {
							t.Skip("a valid zero value may still need a resource in least-privilege mode")
						}
						executionrole.NewExecutionRole(newStackIn(executionrole.EdgeRegion), jsii.String("Role"), props)
						return
					}
					err := libraryError(t, func() { executionrole.NewExecutionRole(newStack(), jsii.String("Role"), props) })
					msg := err.Error()
					if err.ID != c.want || err.Path != "Test/Role" {
						t.Errorf("error id %s at %q, want %s at Test/Role: %s", err.ID, err.Path, c.want, msg)
					}
					if c.want == permissions.ErrNilArgument && (!strings.Contains(msg, name+": ") || !strings.Contains(msg, "is nil: pass the ")) {
						t.Errorf("error %q: want it to name %s, say what is nil and what to pass", msg, name)
					}
				})
			}
		}
	}
}

// TestNilConstructArgumentsOfMethodsFailClearly: the role's methods and props that take a
// construct fail with the library's error on a nil or typed nil one.
func TestNilConstructArgumentsOfMethodsFailClearly(t *testing.T) {
	tests := []struct {
		name string
		give func(*executionrole.ExecutionRole)
	}{
		{"fails if Bind gets nil", func(r *executionrole.ExecutionRole) { r.Bind(nil) }},
		{"fails if OnFailureQueue gets nil", func(r *executionrole.ExecutionRole) { r.OnFailureQueue(nil) }},
		{"fails if OnFailureQueue gets a typed nil", func(r *executionrole.ExecutionRole) { r.OnFailureQueue((*nilQueue)(nil)) }},
		{"fails if OnFailureTopic gets nil", func(r *executionrole.ExecutionRole) { r.OnFailureTopic(nil) }},
		{"fails if OnFailureBucket gets a typed nil", func(r *executionrole.ExecutionRole) { r.OnFailureBucket((*nilBucket)(nil)) }},
		{"fails if AddFeatures gets a feature of a nil queue", func(r *executionrole.ExecutionRole) { r.AddFeatures(executionrole.SQS(nil)) }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			role := executionrole.NewExecutionRole(newStack(), jsii.String("Role"), nil)
			err := libraryError(t, func() { tt.give(role) })
			if err.ID != permissions.ErrNilArgument || err.Path != "Test/Role" || !strings.Contains(err.Message, "is nil: pass the ") {
				t.Errorf("error %v, want %s at Test/Role saying what to pass", err, permissions.ErrNilArgument)
			}
		})
	}
	t.Run("fails if LogGroup is a typed nil", func(t *testing.T) {
		err := libraryError(t, func() {
			executionrole.NewExecutionRole(newStack(), jsii.String("Role"), &executionrole.ExecutionRoleProps{LeastPrivilege: true, LogGroup: (*nilLogGroup)(nil)})
		})
		if err.ID != permissions.ErrNilArgument || !strings.Contains(err.Message, "LogGroup") {
			t.Errorf("error %v, want %s naming LogGroup", err, permissions.ErrNilArgument)
		}
	})
}
