package permissions_test

import (
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"testing"

	"github.com/execrole/execrole/constructs/permissions"
)

var update = flag.Bool("update", false, "rewrite the golden files from the current catalog")

// goldenUse is a use of d with every kind of resource a feature can take, each the example of
// its Shape in the role's own partition, region and account: the feature's own resources
// (none for a feature without Shape), a customer managed key, an access point (of the row's
// AccessPointShape, for the rows that take one), a secret,
// a parameter, a Kafka topic and consumer group, and a source inside the VPC. So every
// statement a row can grant shows in the golden file, and a new row needs no case here.
func goldenUse(d permissions.Definition) permissions.Use {
	u := permissions.Use{
		Feature:    d.ID,
		Keys:       []string{permissions.KeyShape.ExampleARN()},
		Secrets:    []string{permissions.SecretShape.ExampleARN()},
		Parameters: []string{permissions.ParameterShape.ExampleARN()},
		Topics:     []string{"example-topic"},
		Groups:     []string{"example-group"},
		InVPC:      true,
	}
	if d.Shape != nil {
		u.Resources = []string{d.Shape.ExampleARN()}
	}
	if d.AccessPointShape != nil {
		u.AccessPoints = []string{d.AccessPointShape.ExampleARN()}
	}
	return u
}

// TestCatalogGolden pins every feature's managed policies and statements in both modes, so a
// change to the catalog shows up as a reviewed diff of testdata/catalog.golden.json. Refresh
// with: go test ./constructs/permissions -run Golden -update
func TestCatalogGolden(t *testing.T) {
	type mode struct {
		ManagedPolicies []string `json:"managedPolicies,omitempty"`
		Trust           []string `json:"trust"`
		Statements      []any    `json:"statements,omitempty"`
	}
	type entry struct {
		Feature        permissions.ID `json:"feature"`
		Managed        mode           `json:"managed"`
		LeastPrivilege mode           `json:"leastPrivilege"`
	}
	var got []entry
	for _, d := range permissions.Catalog {
		e := entry{Feature: d.ID}
		for _, lp := range []bool{false, true} {
			plan, err := permissions.Resolve(permissions.Request{
				Uses: []permissions.Use{goldenUse(d)}, LeastPrivilege: lp, FunctionNames: []string{"orders"},
			})
			if err != nil {
				t.Fatalf("%s (least privilege %v): %v", d.ID, lp, err)
			}
			m := mode{Trust: plan.Trust, Statements: permissions.Document(plan.Statements)}
			for _, p := range plan.ManagedPolicies {
				m.ManagedPolicies = append(m.ManagedPolicies, p.PathName())
			}
			if lp {
				e.LeastPrivilege = m
			} else {
				e.Managed = m
			}
		}
		got = append(got, e)
	}
	b, err := json.MarshalIndent(got, "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	b = append(b, '\n')
	path := filepath.Join("testdata", "catalog.golden.json")
	if *update {
		if err := os.WriteFile(path, b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v: run go test ./constructs/permissions -run Golden -update", err)
	}
	if string(b) != string(want) {
		t.Errorf("the catalog differs from %s: review the change, then refresh it with -update", path)
	}
}
