package executionrole

import (
	"crypto/sha256"
	"encoding/hex"

	"github.com/aws/aws-cdk-go/awscdk/v2/awsiam"
	"github.com/aws/jsii-runtime-go"
)

// addCustomerPolicies attaches customer managed policies by ARN. Each import is a child of
// the role with an id derived from the ARN, so ids stay stable when the list is reordered.
func (r *ExecutionRole) addCustomerPolicies(arns []string) {
	for _, arn := range arns {
		sum := sha256.Sum256([]byte(arn))
		id := "CustomerPolicy" + hex.EncodeToString(sum[:4])
		r.AddManagedPolicy(awsiam.ManagedPolicy_FromManagedPolicyArn(r, jsii.String(id), jsii.String(render(arn).(string))))
	}
}
