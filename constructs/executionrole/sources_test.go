package executionrole_test

import (
	"encoding/json"
	"slices"
	"strings"
	"testing"

	"github.com/aws/aws-cdk-go/awscdk/v2/awsdynamodb"
	"github.com/aws/aws-cdk-go/awscdk/v2/awskms"
	"github.com/aws/aws-cdk-go/awscdk/v2/awssecretsmanager"
	"github.com/aws/jsii-runtime-go"

	"github.com/execrole/execrole/constructs/executionrole"
	"github.com/execrole/execrole/constructs/permissions"
)

// statementsOn returns the role's inline statements as JSON, each with its actions and
// resources, for the statements whose resources mention logical id ref.
func statementsOn(t *testing.T, props map[string]any, ref string) []string {
	t.Helper()
	var out []string
	for _, s := range inlineStatements(props) {
		res, _ := json.Marshal(s["Resource"])
		if strings.Contains(string(res), `"`+ref) {
			b, _ := json.Marshal(s["Action"])
			out = append(out, string(b))
		}
	}
	return out
}

// TestMSKWithMutualTLSGrantsTheClientCertificate: Lambda reads an mTLS cluster's client
// certificate and private key from the secret of the mapping's CLIENT_CERTIFICATE_TLS_AUTH
// configuration, so the role can read that secret and decrypt it with its customer managed
// key, in both modes, beside the cluster's own permissions (Lambda Developer Guide, MSK
// cluster authentication and execution role permissions).
func TestMSKWithMutualTLSGrantsTheClientCertificate(t *testing.T) {
	for _, lp := range []bool{false, true} {
		stack := newStack()
		key := awskms.NewKey(stack, jsii.String("CertKey"), nil)
		cert := awssecretsmanager.NewSecret(stack, jsii.String("ClientCert"), &awssecretsmanager.SecretProps{EncryptionKey: key})
		executionrole.NewExecutionRole(stack, jsii.String("Role"), &executionrole.ExecutionRoleProps{
			LeastPrivilege: lp, FunctionName: "orders",
			Features: []executionrole.Feature{executionrole.MSKWithMutualTLS(clusterARN, cert)},
		})
		props := onlyRole(t, synth(t, stack))
		onSecret, onKey := statementsOn(t, props, "ClientCert"), statementsOn(t, props, "CertKey")
		if !slices.Contains(onSecret, `"secretsmanager:GetSecretValue"`) {
			t.Errorf("least privilege %t: statements on the certificate secret %v, want secretsmanager:GetSecretValue", lp, onSecret)
		}
		if !slices.Contains(onKey, `"kms:Decrypt"`) {
			t.Errorf("least privilege %t: statements on the secret's key %v, want kms:Decrypt", lp, onKey)
		}
		managed := managedPolicyNames(t, props)
		actions := inlineActions(props)
		if lp && !slices.Contains(actions, "kafka:DescribeClusterV2") || !lp && !slices.Contains(managed, "service-role/AWSLambdaMSKExecutionRole") {
			t.Errorf("least privilege %t: managed %v, inline %v: want the cluster's permissions", lp, managed, actions)
		}
	}
}

// TestDynamoDBStreamsNeedsATableWithAStream: a mapping reads a table's stream, so a table
// without one is a mistake in both modes; with a stream both modes build.
func TestDynamoDBStreamsNeedsATableWithAStream(t *testing.T) {
	for _, lp := range []bool{false, true} {
		for _, withStream := range []bool{false, true} {
			stack := newStack()
			props := &awsdynamodb.TableProps{PartitionKey: &awsdynamodb.Attribute{Name: jsii.String("pk"), Type: awsdynamodb.AttributeType_STRING}}
			if withStream {
				props.Stream = awsdynamodb.StreamViewType_NEW_IMAGE
			}
			table := awsdynamodb.NewTable(stack, jsii.String("Table"), props)
			build := func() {
				executionrole.NewExecutionRole(stack, jsii.String("Role"), &executionrole.ExecutionRoleProps{
					LeastPrivilege: lp, FunctionName: "orders", Features: []executionrole.Feature{executionrole.DynamoDBStreams(table)},
				})
			}
			if withStream {
				build()
				continue
			}
			err := libraryError(t, build)
			if err.ID != permissions.ErrTableWithoutStream || err.Path != "Test/Role" || !strings.Contains(err.Message, "table Test/Table has no stream: set Stream") {
				t.Errorf("least privilege %t: error %v, want %s naming the table and the fix", lp, err, permissions.ErrTableWithoutStream)
			}
		}
	}
}
