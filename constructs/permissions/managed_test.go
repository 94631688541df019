package permissions_test

import (
	"maps"
	"slices"
	"testing"

	"github.com/execrole/execrole/constructs/permissions"
)

// Every catalog row's policy is a current AWS managed policy of the table, at its path:
// this holds without the reference data, from the committed table alone.
func TestCatalogPoliciesAreInTheTable(t *testing.T) {
	names, paths, deprecated := permissions.AWSManaged()
	if len(names) < 1000 || !slices.IsSorted(names) {
		t.Fatalf("table holds %d policies, sorted %t: want every AWS managed policy, sorted by name", len(names), slices.IsSorted(names))
	}
	for _, d := range rows(hasManagedPolicy) {
		i, ok := slices.BinarySearch(names, d.Policy.Name)
		if !ok || paths[i] != d.Policy.Path || deprecated[i] {
			t.Errorf("feature %s: policy %s%s is not a current AWS managed policy of the table", d.ID, d.Policy.Path, d.Policy.Name)
		}
	}
}

// Each replacement AWS names is for a deprecated policy, and is itself current.
func TestReplacementsAreCurrent(t *testing.T) {
	names, _, deprecated := permissions.AWSManaged()
	for _, old := range slices.Sorted(maps.Keys(permissions.ReplacedBy)) {
		i, ok := slices.BinarySearch(names, old)
		j, okNew := slices.BinarySearch(names, permissions.ReplacedBy[old])
		if !ok || !deprecated[i] || !okNew || deprecated[j] {
			t.Errorf("replacement %s -> %s: want a deprecated policy replaced by a current one", old, permissions.ReplacedBy[old])
		}
	}
}

func TestLookupManagedPolicyKnowsEveryPolicyByName(t *testing.T) {
	tests := []struct {
		give string
		want permissions.ManagedPolicy
	}{
		{"AmazonEC2ReadOnlyAccess", permissions.ManagedPolicy{Name: "AmazonEC2ReadOnlyAccess", Path: "/"}},
		{"AWSLambdaRole", permissions.ManagedPolicy{Name: "AWSLambdaRole", Path: "/service-role/"}},
		{"service-role/AWSLambdaRole", permissions.ManagedPolicy{Name: "AWSLambdaRole", Path: "/service-role/"}},
		{"ViewOnlyAccess", permissions.ManagedPolicy{Name: "ViewOnlyAccess", Path: "/job-function/"}},
		{"/AmazonEC2ReadOnlyAccess", permissions.ManagedPolicy{Name: "AmazonEC2ReadOnlyAccess", Path: "/"}},
	}
	for _, tt := range tests {
		t.Run(tt.give, func(t *testing.T) {
			got, err := permissions.LookupManagedPolicy(tt.give)
			if err != nil || got != tt.want {
				t.Errorf("LookupManagedPolicy(%q) = %v, %v; want %v", tt.give, got, err, tt.want)
			}
		})
	}
}
