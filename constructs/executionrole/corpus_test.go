package executionrole_test

import (
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsdynamodb"
	"github.com/aws/aws-cdk-go/awscdk/v2/awskinesis"
	"github.com/aws/aws-cdk-go/awscdk/v2/awslambda"
	"github.com/aws/aws-cdk-go/awscdk/v2/awssqs"
	"github.com/aws/jsii-runtime-go"

	"github.com/execrole/execrole/constructs/executionrole"
	"github.com/execrole/execrole/constructs/permissions"
)

// role builds the ExecutionRole Test/Role of props in stack.
func role(stack awscdk.Stack, props executionrole.ExecutionRoleProps) *executionrole.ExecutionRole {
	return executionrole.NewExecutionRole(stack, jsii.String("Role"), &props)
}

// features is props with only features, in least-privilege mode when lp is set.
func features(lp bool, fs ...executionrole.Feature) executionrole.ExecutionRoleProps {
	return executionrole.ExecutionRoleProps{LeastPrivilege: lp, FunctionName: "orders", Features: fs}
}

const (
	queueARN  = "arn:aws:sqs:us-east-1:123456789012:orders"
	secretARN = "arn:aws:secretsmanager:us-east-1:123456789012:secret:orders-AbCdEf"
)

// TestMisuseCorpus is what a new user gets wrong, each mistake with the error id it must give,
// the construct path the message names and the fix it states. Every one panics with the
// library's *permissions.Error: never a Go runtime error, never an error from deep inside jsii.
func TestMisuseCorpus(t *testing.T) {
	long := strings.Repeat("r", 65)
	bigStatements := make([]permissions.Statement, 40)
	for i := range bigStatements {
		bigStatements[i] = permissions.Statement{Actions: []string{"s3:GetObject"}, Resources: []string{"arn:aws:s3:::" + strings.Repeat("b", 60) + "/" + strings.Repeat("k", 200) + string(rune('a'+i%26))}}
	}
	tests := []struct {
		name  string
		build func(awscdk.Stack)
		id    permissions.ErrorID
		path  string // "" for Test/Role
		fix   string
	}{
		// Every props field out of range.
		{"fails if the role name is 65 characters", func(s awscdk.Stack) { role(s, executionrole.ExecutionRoleProps{RoleName: long}) },
			permissions.ErrRoleNameInvalid, "", "IAM allows at most 64"},
		{"fails if the role name has a space", func(s awscdk.Stack) { role(s, executionrole.ExecutionRoleProps{RoleName: "orders role"}) },
			permissions.ErrRoleNameInvalid, "", "use letters, digits and +=,.@_-"},
		{"fails if the path has no slashes", func(s awscdk.Stack) { role(s, executionrole.ExecutionRoleProps{Path: "lambda"}) },
			permissions.ErrPathInvalid, "", "starts and ends with /"},
		{"fails if the path is 513 characters", func(s awscdk.Stack) {
			role(s, executionrole.ExecutionRoleProps{Path: "/" + strings.Repeat("p", 511) + "/"})
		},
			permissions.ErrPathInvalid, "", "IAM allows at most 512"},
		{"fails if the description is 1001 characters", func(s awscdk.Stack) {
			role(s, executionrole.ExecutionRoleProps{Description: strings.Repeat("d", 1001)})
		},
			permissions.ErrDescriptionInvalid, "", "at most 1000"},
		{"fails if the description has a control character", func(s awscdk.Stack) { role(s, executionrole.ExecutionRoleProps{Description: "orders\x01"}) },
			permissions.ErrDescriptionInvalid, "", "use printable Latin-1 text"},
		{"fails if the boundary is a role ARN", func(s awscdk.Stack) {
			role(s, executionrole.ExecutionRoleProps{PermissionsBoundaryArn: "arn:aws:iam::123456789012:role/boundary"})
		}, permissions.ErrPolicyArnInvalid, "", "give arn:aws:iam::<account>:policy/<name>"},
		{"fails if the boundary is a wildcard", func(s awscdk.Stack) {
			role(s, executionrole.ExecutionRoleProps{PermissionsBoundaryArn: "arn:aws:iam::123456789012:policy/*"})
		}, permissions.ErrPolicyArnInvalid, "", "give one policy's ARN"},
		{"fails if the session is 30 minutes", func(s awscdk.Stack) { role(s, executionrole.ExecutionRoleProps{MaxSessionDuration: 30 * time.Minute}) },
			permissions.ErrSessionDurationInvalid, "", "from 1h to 12h"},
		{"fails if the session is 13 hours", func(s awscdk.Stack) { role(s, executionrole.ExecutionRoleProps{MaxSessionDuration: 13 * time.Hour}) },
			permissions.ErrSessionDurationInvalid, "", "from 1h to 12h"},
		{"fails if the session is not whole seconds", func(s awscdk.Stack) {
			role(s, executionrole.ExecutionRoleProps{MaxSessionDuration: time.Hour + time.Millisecond})
		}, permissions.ErrSessionDurationInvalid, "", "give whole seconds"},
		{"fails if the managed policy quota is 21", func(s awscdk.Stack) { role(s, executionrole.ExecutionRoleProps{MaxManagedPolicies: 21}) },
			permissions.ErrMaxManagedPoliciesInvalid, "", "1 to 20"},
		{"fails if the managed policy quota is negative", func(s awscdk.Stack) { role(s, executionrole.ExecutionRoleProps{MaxManagedPolicies: -1}) },
			permissions.ErrMaxManagedPoliciesInvalid, "", "1 to 20"},
		{"fails if there are 51 tags", func(s awscdk.Stack) {
			tags := map[string]string{}
			for i := range 51 {
				tags["k"+strings.Repeat("x", i)] = "v"
			}
			role(s, executionrole.ExecutionRoleProps{Tags: tags})
		}, permissions.ErrTagInvalid, "", "at most 50"},
		{"fails if a tag key starts with aws:", func(s awscdk.Stack) {
			role(s, executionrole.ExecutionRoleProps{Tags: map[string]string{"aws:team": "x"}})
		},
			permissions.ErrTagInvalid, "", `do not start it with "aws:"`},
		{"fails if a tag value has a star", func(s awscdk.Stack) { role(s, executionrole.ExecutionRoleProps{Tags: map[string]string{"team": "*"}}) },
			permissions.ErrTagInvalid, "", "use up to 256 letters"},
		{"fails if a managed policy name is empty", func(s awscdk.Stack) { role(s, executionrole.ExecutionRoleProps{ManagedPolicies: []string{""}}) },
			permissions.ErrManagedPolicyInvalid, "", "give a name such as"},
		{"fails if a managed policy is given by ARN", func(s awscdk.Stack) {
			role(s, executionrole.ExecutionRoleProps{ManagedPolicies: []string{"arn:aws:iam::aws:policy/ReadOnlyAccess"}})
		}, permissions.ErrManagedPolicyInvalid, "", "give the bare name"},
		{"fails if a managed policy name is misspelt", func(s awscdk.Stack) {
			role(s, executionrole.ExecutionRoleProps{ManagedPolicies: []string{"AWSLambdaSQSQueueExecutionRol"}})
		}, permissions.ErrManagedPolicyUnknown, "", `did you mean "AWSLambdaSQSQueueExecutionRole"`},
		{"fails if a customer managed policy is not an ARN", func(s awscdk.Stack) {
			role(s, executionrole.ExecutionRoleProps{CustomerManagedPolicyArns: []string{"orders-policy"}})
		}, permissions.ErrPolicyArnInvalid, "", "give arn:aws:iam::<account>:policy/<name>"},
		{"fails if a statement has no actions", func(s awscdk.Stack) {
			role(s, executionrole.ExecutionRoleProps{Statements: []permissions.Statement{{Resources: []string{"*"}}}})
		}, permissions.ErrStatementInvalid, "", "list the actions it allows"},
		{"fails if a statement allows every action", func(s awscdk.Stack) {
			role(s, executionrole.ExecutionRoleProps{Statements: []permissions.Statement{{Actions: []string{"*"}, Resources: []string{queueARN}}}})
		}, permissions.ErrStatementInvalid, "", "list the actions the function needs"},
		{"fails if a statement has no resources", func(s awscdk.Stack) {
			role(s, executionrole.ExecutionRoleProps{Statements: []permissions.Statement{{Actions: []string{"s3:GetObject"}}}})
		}, permissions.ErrStatementInvalid, "", "list the ARNs it applies to"},
		{"fails if a statement sid has a dash", func(s awscdk.Stack) {
			role(s, executionrole.ExecutionRoleProps{Statements: []permissions.Statement{{Sid: "read-orders", Actions: []string{"s3:GetObject"}, Resources: []string{"*"}}}})
		}, permissions.ErrStatementInvalid, "", "use letters and digits only"},
		{"fails if a statement takes a feature's sid", func(s awscdk.Stack) {
			role(s, executionrole.ExecutionRoleProps{LeastPrivilege: true, FunctionName: "orders",
				Statements: []permissions.Statement{{Sid: "Logs", Actions: []string{"s3:GetObject"}, Resources: []string{"*"}}}})
		}, permissions.ErrStatementInvalid, "", "give each statement its own sid"},
		{"fails if a statement condition has no values", func(s awscdk.Stack) {
			role(s, executionrole.ExecutionRoleProps{Statements: []permissions.Statement{{Actions: []string{"s3:GetObject"}, Resources: []string{"*"},
				Conditions: []permissions.Condition{{Operator: "StringEquals", Key: "aws:ResourceAccount"}}}}})
		}, permissions.ErrStatementInvalid, "", "at least one value"},
		{"fails if the function name has a space", func(s awscdk.Stack) {
			role(s, executionrole.ExecutionRoleProps{LeastPrivilege: true, FunctionName: "orders consumer"})
		}, permissions.ErrFunctionNameInvalid, "", "letters, digits, hyphens and underscores"},
		{"fails if the log group is a nil pointer", func(s awscdk.Stack) {
			role(s, executionrole.ExecutionRoleProps{LeastPrivilege: true, LogGroup: (*nilLogGroup)(nil)})
		}, permissions.ErrNilArgument, "", "pass the awslogs.ILogGroup"},
		{"fails if the managed policies pass the quota", func(s awscdk.Stack) {
			role(s, executionrole.ExecutionRoleProps{MaxManagedPolicies: 1, CustomerManagedPolicyArns: []string{"arn:aws:iam::123456789012:policy/orders"}})
		}, permissions.ErrQuotaManagedPolicies, "", "raise the account's quota and set MaxManagedPolicies"},
		{"fails if the statements pass the inline quota", func(s awscdk.Stack) { role(s, executionrole.ExecutionRoleProps{Statements: bigStatements}) },
			permissions.ErrQuotaInlinePolicy, "", "split these features across roles"},

		// Features without their resource.
		{"fails if an imported least-privilege role has no log group", func(s awscdk.Stack) {
			executionrole.Import(s, jsii.String("Role"), "arn:aws:iam::123456789012:role/orders", &executionrole.ExecutionRoleProps{LeastPrivilege: true})
		}, permissions.ErrLogGroupMissing, "", "give the function's name"},
		{"fails if least-privilege SQS has no queue", func(s awscdk.Stack) { role(s, features(true, executionrole.SQS())) },
			permissions.ErrFeatureMissingResource, "", "pass the queue (SQS(queue) or SQSArns(arn))"},
		{"fails if least-privilege Kinesis has no stream", func(s awscdk.Stack) { role(s, features(true, executionrole.Kinesis())) },
			permissions.ErrFeatureMissingResource, "", "pass the stream"},
		{"fails if least-privilege DynamoDB Streams has no table", func(s awscdk.Stack) { role(s, features(true, executionrole.DynamoDBStreams())) },
			permissions.ErrFeatureMissingResource, "", "pass the table stream"},
		{"fails if least-privilege MSK has no cluster", func(s awscdk.Stack) { role(s, features(true, executionrole.MSKArns())) },
			permissions.ErrFeatureMissingResource, "", "pass the cluster ARN"},
		{"fails if least-privilege EFS has no file system", func(s awscdk.Stack) { role(s, features(true, executionrole.FromArns(permissions.EFS))) },
			permissions.ErrFeatureMissingResource, "", "pass the file system"},
		{"fails if a dead-letter queue has no queue, in managed mode too", func(s awscdk.Stack) {
			role(s, features(false, executionrole.FromArns(permissions.DeadLetterQueue)))
		}, permissions.ErrFeatureMissingResource, "", "pass the queue (DeadLetterQueue(queue))"},
		{"fails if the extension reads nothing, in managed mode too", func(s awscdk.Stack) {
			role(s, features(false, executionrole.ParametersAndSecrets(nil, nil)))
		}, permissions.ErrFeatureMissingResource, "", "pass the parameters or secrets"},
		{"fails if a broker has no credentials", func(s awscdk.Stack) {
			role(s, features(false, executionrole.FromUse(permissions.Use{Feature: permissions.MQ, Resources: []string{"arn:aws:mq:us-east-1:123456789012:broker:orders:b-1234"}})))
		}, permissions.ErrFeatureMissingSecret, "", "pass the broker's credentials secret"},
		{"fails if a DynamoDB table has no stream", func(s awscdk.Stack) {
			table := awsdynamodb.NewTable(s, jsii.String("Table"), &awsdynamodb.TableProps{PartitionKey: &awsdynamodb.Attribute{Name: jsii.String("pk"), Type: awsdynamodb.AttributeType_STRING}})
			role(s, features(false, executionrole.DynamoDBStreams(table)))
		}, permissions.ErrTableWithoutStream, "", "set Stream on the table"},
		{"fails if an imported table has no stream ARN", func(s awscdk.Stack) {
			table := awsdynamodb.Table_FromTableArn(s, jsii.String("Table"), jsii.String("arn:aws:dynamodb:us-east-1:123456789012:table/orders"))
			role(s, features(false, executionrole.DynamoDBStreams(table)))
		}, permissions.ErrTableWithoutStream, "", "Table_FromTableAttributes and its TableStreamArn"},
		{"fails if MSK with IAM has no topics", func(s awscdk.Stack) {
			role(s, features(false, executionrole.MSKWithIAM(clusterARN, nil, []string{"g"})))
		},
			permissions.ErrFeatureMissingResource, "", "pass the names of the topics"},
		{"fails if MSK with IAM has an empty consumer group", func(s awscdk.Stack) {
			role(s, features(false, executionrole.MSKWithIAM(clusterARN, []string{"orders"}, []string{""})))
		}, permissions.ErrFeatureMissingResource, "", "none empty"},

		// Resources of the wrong kind.
		{"fails if a queue ARN is a topic's", func(s awscdk.Stack) {
			role(s, features(false, executionrole.SQSArns("arn:aws:sns:us-east-1:123456789012:orders")))
		}, permissions.ErrArnInvalid, "", "pass the queue ARN"},
		{"fails if a queue ARN is a wildcard", func(s awscdk.Stack) {
			role(s, features(false, executionrole.SQSArns("arn:aws:sqs:us-east-1:123456789012:*")))
		}, permissions.ErrArnInvalid, "", "pass the exact ARN of one queue"},
		{"fails if a stream ARN is empty", func(s awscdk.Stack) { role(s, features(false, executionrole.KinesisArns(""))) },
			permissions.ErrArnInvalid, "", "pass the stream ARN"},
		{"fails if an environment key is an alias", func(s awscdk.Stack) {
			role(s, features(false, executionrole.FromArns(permissions.EnvironmentKey, "arn:aws:kms:us-east-1:123456789012:alias/orders")))
		}, permissions.ErrArnInvalid, "", "pass the key ARN"},
		{"fails if a broker secret is a parameter", func(s awscdk.Stack) {
			role(s, features(false, executionrole.FromUse(permissions.Use{Feature: permissions.MQ, Resources: []string{"arn:aws:mq:us-east-1:123456789012:broker:orders:b-1234"},
				Secrets: []string{"arn:aws:ssm:us-east-1:123456789012:parameter/orders"}})))
		}, permissions.ErrArnInvalid, "", "secret"},
		{"fails if a feature without resources is given one", func(s awscdk.Stack) { role(s, features(false, executionrole.FromArns(permissions.Tracing, queueARN))) },
			permissions.ErrFeatureTakesNoResource, "", "leave them out"},

		// Conflicting, repeated and unknown features.
		{"fails if VPC and its network interfaces are both given", func(s awscdk.Stack) {
			role(s, features(false, executionrole.VPC(), executionrole.VPCNetworkInterfaces()))
		}, permissions.ErrFeatureConflict, "", `give only "vpc"`},
		{"fails if tracing is given twice", func(s awscdk.Stack) { role(s, features(false, executionrole.Tracing(), executionrole.Tracing())) },
			permissions.ErrFeatureRepeated, "", "give each feature once"},
		{"fails if a feature id is unknown", func(s awscdk.Stack) { role(s, features(false, executionrole.FromArns("s3"))) },
			permissions.ErrFeatureUnknown, "", "use one of basic-logs"},
		{"fails if a feature is the zero Feature", func(s awscdk.Stack) { role(s, features(false, executionrole.Feature{})) },
			permissions.ErrFeatureUnknown, "", "use one of"},
		{"fails if AddFeatures brings a conflict", func(s awscdk.Stack) {
			role(s, features(false, executionrole.VPC())).AddFeatures(executionrole.VPCNetworkInterfaces())
		}, permissions.ErrFeatureConflict, "", `give only "vpc"`},

		// Nil where a construct is needed.
		{"fails if SQS gets nil", func(s awscdk.Stack) { role(s, features(false, executionrole.SQS(nil))) },
			permissions.ErrNilArgument, "", "pass the awssqs.IQueue"},
		{"fails if SQS gets a nil among queues", func(s awscdk.Stack) {
			role(s, features(false, executionrole.SQS(awssqs.NewQueue(s, jsii.String("Queue"), nil), nil)))
		}, permissions.ErrNilArgument, "", "queue 2 of 2 is nil"},
		{"fails if DestinationTopic gets nil", func(s awscdk.Stack) { role(s, features(false, executionrole.DestinationTopic(nil))) },
			permissions.ErrNilArgument, "", "pass the awssns.ITopic"},
		{"fails if EFS gets a typed nil", func(s awscdk.Stack) { role(s, features(false, executionrole.EFS((*nilFS)(nil)))) },
			permissions.ErrNilArgument, "", "pass the awsefs.IFileSystem"},
		{"fails if MQ gets no credentials", func(s awscdk.Stack) {
			role(s, features(false, executionrole.MQ("arn:aws:mq:us-east-1:123456789012:broker:orders:b-1234", nil)))
		}, permissions.ErrNilArgument, "", "pass the awssecretsmanager.ISecret"},
		{"fails if MSK with mutual TLS gets no certificate", func(s awscdk.Stack) {
			role(s, features(false, executionrole.MSKWithMutualTLS(clusterARN, nil)))
		}, permissions.ErrNilArgument, "", "client certificate chain and private key"},
		{"fails if Bind gets nil", func(s awscdk.Stack) { role(s, executionrole.ExecutionRoleProps{}).Bind(nil) },
			permissions.ErrNilArgument, "", "pass the awslambda.Function"},
		{"fails if OnFailureQueue gets nil", func(s awscdk.Stack) { role(s, executionrole.ExecutionRoleProps{}).OnFailureQueue(nil) },
			permissions.ErrNilArgument, "", "pass the awssqs.IQueue"},

		{"fails if a Kafka topic destination has no topic", func(s awscdk.Stack) {
			role(s, features(false, executionrole.DestinationKafkaTopic("arn:aws:kafka:us-east-1:123456789012:cluster/orders/abcd1234-ab12-cd34-ef56-abcdef123456-1", "")))
		}, permissions.ErrFeatureMissingResource, "", "pass the cluster and the topic"},
		{"fails if a Kafka topic destination is given a Glue registry", func(s awscdk.Stack) {
			role(s, features(false, executionrole.DestinationKafkaTopic("arn:aws:glue:us-east-1:123456789012:registry/orders", "failed")))
		}, permissions.ErrArnInvalid, "", "not kafka: pass the cluster ARN"},
		{"fails if a Glue schema registry is given a schema", func(s awscdk.Stack) {
			role(s, features(false, executionrole.GlueSchemaRegistry("arn:aws:glue:us-east-1:123456789012:schema/orders/order")))
		}, permissions.ErrArnInvalid, "", "is a schema, not its registry"},
		{"fails if S3 Files is given an access point for its file system", func(s awscdk.Stack) {
			role(s, features(true, executionrole.S3FilesArns("arn:aws:s3files:us-east-1:123456789012:file-system/fs-0123456789abcdef01/access-point/fsap-0123456789abcdef01")))
		}, permissions.ErrArnInvalid, "", "is an access point, not its file system"},
		{"fails if S3 Files is given an EFS access point", func(s awscdk.Stack) {
			role(s, features(true, executionrole.S3FilesArns("arn:aws:s3files:us-east-1:123456789012:file-system/fs-0123456789abcdef01", "arn:aws:elasticfilesystem:us-east-1:123456789012:access-point/fsap-0123456789abcdef0")))
		}, permissions.ErrArnInvalid, "", "not s3files"},
		{"fails if S3 Files direct reads have no bucket", func(s awscdk.Stack) {
			role(s, features(false, executionrole.FromArns(permissions.S3FilesDirectRead)))
		}, permissions.ErrFeatureMissingResource, "", "the file system's bucket"},

		// Scopes and roles used wrongly.
		{"fails if the scope is nil", func(awscdk.Stack) { executionrole.NewExecutionRole(nil, jsii.String("Role"), nil) },
			permissions.ErrScopeInvalid, "-", "pass the stack (or construct) the role belongs in"},
		{"fails if the id is empty", func(s awscdk.Stack) { executionrole.NewExecutionRole(s, jsii.String(""), nil) },
			permissions.ErrScopeInvalid, "-", "non-empty id"},
		{"fails if an imported role is given a name", func(s awscdk.Stack) {
			executionrole.Import(s, jsii.String("Role"), "arn:aws:iam::123456789012:role/orders", &executionrole.ExecutionRoleProps{RoleName: "orders"})
		}, permissions.ErrImportFieldSet, "", "leave RoleName empty"},
		{"fails if a role is imported by a policy ARN", func(s awscdk.Stack) {
			executionrole.Import(s, jsii.String("Role"), "arn:aws:iam::123456789012:policy/orders", nil)
		}, permissions.ErrRoleArnInvalid, "", "give arn:aws:iam::<account>:role/<name>"},
		{"fails if a shared least-privilege role binds a function with a generated name", func(s awscdk.Stack) {
			r := role(s, executionrole.ExecutionRoleProps{LeastPrivilege: true})
			r.Bind(newFunction(s, "Fn", r))
		}, permissions.ErrLogGroupCircular, "", "give the function a log group"},
		{"fails if a role for one function binds another", func(s awscdk.Stack) {
			r := role(s, executionrole.ExecutionRoleProps{LeastPrivilege: true, FunctionName: "orders"})
			r.Bind(pythonFunction(s, "Fn", awslambda.FunctionProps{Role: r, FunctionName: jsii.String("refunds")}))
		}, permissions.ErrFunctionNameMismatch, "", "use one name in both places"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := libraryError(t, func() { tt.build(newStack()) })
			want := "Test/Role"
			switch tt.path {
			case "-":
				want = ""
			case "":
			default:
				want = tt.path
			}
			msg := err.Error()
			if err.ID != tt.id || err.Path != want {
				t.Errorf("error %s at %q, want %s at %q: %s", err.ID, err.Path, tt.id, want, msg)
			}
			if !strings.Contains(err.Message, tt.fix) || !strings.HasSuffix(msg, "["+string(tt.id)+"]") {
				t.Errorf("error %q: want the fix %q and the id at the end", msg, tt.fix)
			}
			if strings.Contains(msg, "\n") || strings.Contains(msg, "node_modules") {
				t.Errorf("error %q reads like a stack trace", msg)
			}
		})
	}
	if len(tests) < 40 {
		t.Errorf("%d misuses, want at least 40", len(tests))
	}
}

// TestMisuseCorpusAtSynth: mistakes only the whole app shows fail synth with the library's
// message, id and both construct paths.
func TestMisuseCorpusAtSynth(t *testing.T) {
	t.Run("fails if two stacks name their roles alike", func(t *testing.T) {
		app := namedRoles([2]string{"orders-role", ""}, [2]string{"orders-role", ""})
		errs := appErrors(app)
		if len(errs) != 1 || !strings.HasPrefix(errs[0], "execrole: StackB/Role: ") || !strings.Contains(errs[0], "role StackA/Role") ||
			!strings.Contains(errs[0], "give each role its own RoleName") || !strings.HasSuffix(errs[0], "[execrole:role-name-duplicate]") {
			t.Errorf("app errors %q, want one naming both roles, the fix and the id", errs)
		}
	})
	t.Run("fails if an on-failure destination serves another role's function", func(t *testing.T) {
		stack := newStack()
		mine := executionrole.NewExecutionRole(stack, jsii.String("Mine"), nil)
		fn := newFunction(stack, "Fn", executionrole.NewExecutionRole(stack, jsii.String("Theirs"), nil))
		stream := awskinesis.NewStream(stack, jsii.String("Stream"), nil)
		onFailure := mine.OnFailureQueue(awssqs.NewQueue(stack, jsii.String("Failures"), nil))
		// The mapping calls the destination's Bind back from JavaScript: the library's error
		// still reaches the caller as itself.
		err := libraryError(t, func() {
			awslambda.NewEventSourceMapping(stack, jsii.String("FromStream"), &awslambda.EventSourceMappingProps{
				Target: fn, EventSourceArn: stream.StreamArn(), StartingPosition: awslambda.StartingPosition_LATEST, OnFailure: onFailure,
			})
		})
		if err.ID != permissions.ErrOnFailureWrongRole || err.Path != "Test/FromStream" || !strings.Contains(err.Message, "role Test/Mine") ||
			!strings.Contains(err.Message, "use OnFailureQueue of the function's own ExecutionRole") {
			t.Errorf("error %v, want %s at the mapping naming both roles and the fix", err, permissions.ErrOnFailureWrongRole)
		}
	})
}
