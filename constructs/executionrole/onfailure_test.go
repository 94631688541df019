package executionrole_test

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/aws/aws-cdk-go/awscdk/v2/awskinesis"
	"github.com/aws/aws-cdk-go/awscdk/v2/awskms"
	"github.com/aws/aws-cdk-go/awscdk/v2/awslambda"
	"github.com/aws/aws-cdk-go/awscdk/v2/awssqs"
	"github.com/aws/jsii-runtime-go"

	"github.com/execrole/execrole/constructs/executionrole"
)

// An on-failure queue from the role: the mapping sends failures to the queue, the role
// allows exactly what that needs, and nothing grants the wider KMS actions of
// queue.GrantSendMessages.
func TestOnFailureQueueAllowsTheQueueAndGrantsNothingMore(t *testing.T) {
	stack := newStack()
	key := awskms.NewKey(stack, jsii.String("Key"), nil)
	queue := awssqs.NewQueue(stack, jsii.String("Failures"), &awssqs.QueueProps{Encryption: awssqs.QueueEncryption_KMS, EncryptionMasterKey: key})
	stream := awskinesis.NewStream(stack, jsii.String("Stream"), nil)
	role := executionrole.NewExecutionRole(stack, jsii.String("Role"), &executionrole.ExecutionRoleProps{
		LeastPrivilege: true, FunctionName: "consumer",
		Features: []executionrole.Feature{executionrole.Kinesis(stream)},
	})
	fn := pythonFunction(stack, "Fn", awslambda.FunctionProps{FunctionName: jsii.String("consumer"), Role: role})
	awslambda.NewEventSourceMapping(stack, jsii.String("FromStream"), &awslambda.EventSourceMappingProps{
		Target: fn, EventSourceArn: stream.StreamArn(), StartingPosition: awslambda.StartingPosition_LATEST,
		OnFailure: role.OnFailureQueue(queue),
	})
	role.Bind(fn)

	tpl := synth(t, stack)
	var queueID, keyID string
	for id := range resources(tpl, "AWS::SQS::Queue") {
		queueID = id
	}
	for id := range resources(tpl, "AWS::KMS::Key") {
		keyID = id
	}
	for _, m := range resources(tpl, "AWS::Lambda::EventSourceMapping") {
		dest, _ := json.Marshal(m["Properties"].(map[string]any)["DestinationConfig"])
		if want := `{"OnFailure":{"Destination":{"Fn::GetAtt":["` + queueID + `","Arn"]}}}`; string(dest) != want {
			t.Errorf("DestinationConfig = %s, want %s", dest, want)
		}
	}
	perms := permissionCounts(t, onlyRole(t, tpl))
	queueArn := `{"Fn::GetAtt":["` + queueID + `","Arn"]}`
	keyArn := `{"Fn::GetAtt":["` + keyID + `","Arn"]}`
	for _, want := range []string{
		"sqs:SendMessage on " + queueArn + " if null",
		"kms:GenerateDataKey on " + keyArn + " if null",
		"kms:Decrypt on " + keyArn + " if null",
	} {
		if perms[want] != 1 {
			t.Errorf("%s is granted %d times, want once", want, perms[want])
		}
	}
	for p := range perms {
		if strings.Contains(p, keyArn) && !strings.HasPrefix(p, "kms:GenerateDataKey on") && !strings.HasPrefix(p, "kms:Decrypt on") {
			t.Errorf("the role grants %s, more than sending to the queue needs", p)
		}
	}
}

func TestOnFailureOfAnotherRolePanicsNamingBoth(t *testing.T) {
	stack := newStack()
	queue := awssqs.NewQueue(stack, jsii.String("Failures"), nil)
	stream := awskinesis.NewStream(stack, jsii.String("Stream"), nil)
	mine := executionrole.NewExecutionRole(stack, jsii.String("Mine"), nil)
	theirs := executionrole.NewExecutionRole(stack, jsii.String("Theirs"), nil)
	fn := newFunction(stack, "Fn", theirs)
	got := panicMessage(func() {
		awslambda.NewEventSourceMapping(stack, jsii.String("FromStream"), &awslambda.EventSourceMappingProps{
			Target: fn, EventSourceArn: stream.StreamArn(), StartingPosition: awslambda.StartingPosition_LATEST,
			OnFailure: mine.OnFailureQueue(queue),
		})
	})
	want := "execrole: Test/FromStream: its on-failure queue is allowed by role Test/Mine, but its function Test/Fn does not use that role: use OnFailureQueue of the function's own ExecutionRole"
	if !strings.Contains(got, want) {
		t.Errorf("panic = %q\nwant it to contain %q", got, want)
	}
}
