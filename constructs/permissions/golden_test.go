package permissions_test

import (
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/execrole/execrole/constructs/permissions"
)

var update = flag.Bool("update", false, "rewrite the golden files from the current catalog")

// goldenUses gives each feature sample resources, so its least-privilege statements show.
func goldenUses(d permissions.Definition) permissions.Use {
	a := permissions.ARN
	secret := a("secretsmanager", "secret:creds-AbCdEf")
	switch d.ID {
	case permissions.SQS, permissions.DeadLetterQueue, permissions.DestinationQueue:
		return permissions.Use{Feature: d.ID, Resources: []string{a("sqs", "orders")}}
	case permissions.Kinesis:
		return permissions.Use{Feature: d.ID, Resources: []string{a("kinesis", "stream/clicks")}}
	case permissions.DynamoDBStreams:
		return permissions.Use{Feature: d.ID, Resources: []string{a("dynamodb", "table/orders/stream/2024-01-01T00:00:00.000")}}
	case permissions.MSK:
		return permissions.Use{Feature: d.ID, Resources: []string{a("kafka", "cluster/orders/0a1b2c3d-4e5f-6a7b-8c9d-0e1f2a3b4c5d-1")}}
	case permissions.EFS:
		return permissions.Use{Feature: d.ID, Resources: []string{a("elasticfilesystem", "file-system/fs-12345678")}}
	case permissions.MQ:
		return permissions.Use{Feature: d.ID, Resources: []string{a("mq", "broker:orders:b-1234")}, Secrets: []string{secret}}
	case permissions.Kafka:
		return permissions.Use{Feature: d.ID, Secrets: []string{secret}, InVPC: true}
	case permissions.DocumentDB:
		return permissions.Use{Feature: d.ID, Resources: []string{a("rds", "cluster:orders")}, Secrets: []string{secret}}
	case permissions.DeadLetterTopic, permissions.DestinationTopic:
		return permissions.Use{Feature: d.ID, Resources: []string{a("sns", "orders")}}
	case permissions.DestinationFunction:
		return permissions.Use{Feature: d.ID, Resources: []string{a("lambda", "function:next")}}
	case permissions.DestinationEventBus:
		return permissions.Use{Feature: d.ID, Resources: []string{a("events", "event-bus/default")}}
	case permissions.DestinationBucket:
		return permissions.Use{Feature: d.ID, Resources: []string{"arn:" + permissions.Partition + ":s3:::orders-failures"}}
	case permissions.EnvironmentKey:
		return permissions.Use{Feature: d.ID, Resources: []string{a("kms", "key/1234abcd-12ab-34cd-56ef-1234567890ab")}}
	case permissions.ParametersAndSecrets:
		p := a("ssm", "parameter/orders/config")
		return permissions.Use{Feature: d.ID, Parameters: []string{p}, Resources: []string{p}}
	}
	return permissions.Use{Feature: d.ID}
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
				Uses: []permissions.Use{goldenUses(d)}, LeastPrivilege: lp, FunctionNames: []string{"orders"},
			})
			if err != nil {
				t.Fatalf("%s (least privilege %v): %v", d.ID, lp, err)
			}
			m := mode{Trust: plan.Trust, Statements: permissions.Document(plan.Statements)}
			for _, p := range plan.ManagedPolicies {
				m.ManagedPolicies = append(m.ManagedPolicies, strings.TrimPrefix(p.Path, "/")+p.Name)
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
