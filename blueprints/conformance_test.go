package blueprints

import (
	"testing"

	"github.com/execrole/execrole/internal/conformance"
)

// TestConformance checks every blueprint's template, in both modes, against AWS's own
// reference data (see internal/conformance): each resource's properties against its
// CloudFormation registry schema, each policy action against the IAM action catalogue, each
// managed policy ARN against the AWS managed policies at their real paths. The other tests
// check the templates against this package's own expectations.
func TestConformance(t *testing.T) {
	refs := conformance.ForTest(t)
	for _, mode := range []struct {
		name           string
		leastPrivilege bool
	}{{"default", false}, {"least-privilege", true}} {
		for _, b := range allBlueprints {
			t.Run(mode.name+"/"+b.id, func(t *testing.T) {
				for _, err := range refs.CheckTemplate(synthAll(t, mode.leastPrivilege)[b.id].json) {
					t.Error(err)
				}
			})
		}
	}
}
