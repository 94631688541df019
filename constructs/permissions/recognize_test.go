package permissions_test

import (
	"slices"
	"testing"

	"github.com/execrole/execrole/constructs/permissions"
)

// Each row's Recognition agrees with the rest of the row: the service of the event sources,
// destinations and dead-letter targets that reveal a feature is the service of its
// resources; a feature the audit checks says what it is and how to declare it; and what it
// requires is what its AWS managed policy grants.
func TestRecognitionAgreesWithItsRow(t *testing.T) {
	for _, d := range permissions.Catalog {
		r := d.From
		for _, svc := range []string{r.Source, r.Destination, r.DeadLetter} {
			if svc != "" && svc != permissions.SelfManagedKafkaSource && (d.Shape == nil || d.Shape.Service != svc) {
				t.Errorf("%s: revealed by %s, but its resources are not of that service (Shape %v)", d.ID, svc, d.Shape)
			}
		}
		if r.FileSystems != (r.FileSystemService != "") {
			t.Errorf("%s: FileSystems %v with file system service %q: a row of file systems names their service, and only such a row", d.ID, r.FileSystems, r.FileSystemService)
		}
		if r.FileSystemService != "" && (d.Shape == nil || d.Shape.Service != r.FileSystemService) && !r.DirectReads {
			t.Errorf("%s: revealed by %s file systems, but its resources are not of that service (Shape %v)", d.ID, r.FileSystemService, d.Shape)
		}
		if len(r.Required) > 0 && (r.What == "" || r.Constructor == "") {
			t.Errorf("%s: requires %v but does not say what the function does or how to declare the feature", d.ID, r.Required)
		}
		if d.Policy.Name == "" || r.AnyOf {
			continue
		}
		for _, a := range r.Required {
			if !slices.ContainsFunc(d.Grants, func(s permissions.Statement) bool {
				return slices.ContainsFunc(s.Actions, func(p string) bool { return permissions.ActionMatches(p, a) })
			}) {
				t.Errorf("%s: requires %s, which its managed policy %s does not grant", d.ID, a, d.Policy.Name)
			}
		}
	}
}
