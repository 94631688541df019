package permissions_test

import (
	"bytes"
	"encoding/json"
	"reflect"
	"testing"
	"time"

	"github.com/execrole/execrole/constructs/permissions"
)

// richRequest exercises every part of a plan: features with resources, trust, user policies
// and statements, options and tags.
func richRequest(leastPrivilege bool) permissions.Request {
	return permissions.Request{
		Uses: []permissions.Use{
			{Feature: permissions.SQS, Resources: []string{queueARN, "arn:aws:sqs:us-east-1:123456789012:invoices"}, Keys: []string{keyARN}},
			{Feature: permissions.Kinesis, Resources: []string{streamARN}},
			{Feature: permissions.DynamoDBStreams, Resources: []string{tableStreamARN}},
			{Feature: permissions.EFS, Resources: []string{fileSystemARN}, AccessPoints: []string{accessPointARN}},
			{Feature: permissions.Tracing},
			{Feature: permissions.VPC},
			{Feature: permissions.DeadLetterTopic, Resources: []string{topicARN}},
			{Feature: permissions.Edge},
		},
		LeastPrivilege:            leastPrivilege,
		FunctionNames:             []string{"orders", "invoices"},
		ManagedPolicies:           []string{"AmazonS3ReadOnlyAccess"},
		CustomerManagedPolicyARNs: []string{"arn:aws:iam::123456789012:policy/orders"},
		Statements:                readBucket(func(*permissions.Statement) {}),
		RoleName:                  "orders",
		Path:                      "/orders/",
		MaxSessionDuration:        2 * time.Hour,
		Tags:                      manyTags(50),
	}
}

// permutations calls f with every ordering of in.
func permutations(in []permissions.Use, f func([]permissions.Use)) {
	var rec func(k int)
	rec = func(k int) {
		if k == len(in) {
			f(append([]permissions.Use(nil), in...))
			return
		}
		for i := k; i < len(in); i++ {
			in[k], in[i] = in[i], in[k]
			rec(k + 1)
			in[k], in[i] = in[i], in[k]
		}
	}
	rec(0)
}

// TestResolveIgnoresFeatureOrder: the features' order in the request changes nothing,
// not even the bytes of the policy document.
func TestResolveIgnoresFeatureOrder(t *testing.T) {
	tests := []struct {
		name string
		give permissions.Request
	}{
		{"managed policies", richRequest(false)},
		{"least privilege", richRequest(true)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			want := mustResolve(t, tt.give)
			wantDoc, _ := json.Marshal(permissions.Document(want.Statements))
			permutations(tt.give.Uses[:6], func(u []permissions.Use) {
				req := tt.give
				req.Uses = append(u, tt.give.Uses[6:]...)
				got := mustResolve(t, req)
				if !reflect.DeepEqual(got, want) {
					t.Fatalf("plan for %v differs from the plan in catalog order", got.Features)
				}
				if doc, _ := json.Marshal(permissions.Document(got.Statements)); !bytes.Equal(doc, wantDoc) {
					t.Fatalf("document for %v differs:\n%s\nwant\n%s", got.Features, doc, wantDoc)
				}
			})
		})
	}
}

// TestResolveReportsTheFirstConflictInCatalogOrder: with two conflicting pairs in one
// request, the error names the pair whose row comes first in the catalog, whatever the
// request's order.
func TestResolveReportsTheFirstConflictInCatalogOrder(t *testing.T) {
	defer permissions.AddConflict(permissions.Insights, permissions.Tracing)()
	const want = `features "vpc" and "vpc-network-interfaces" conflict: "vpc" already grants what "vpc-network-interfaces" does, give only "vpc"`
	permutations(uses(permissions.Tracing, permissions.VPC, permissions.VPCNetworkInterfaces, permissions.Insights), func(u []permissions.Use) {
		if _, err := permissions.Resolve(permissions.Request{Uses: u}); err == nil || permissions.Message(err) != want {
			var order []permissions.ID
			for _, x := range u {
				order = append(order, x.Feature)
			}
			t.Fatalf("features in the order %v, error:\n got  %v\n want %s", order, err, want)
		}
	})
}

// TestResolveErrorsAreDeterministic: a request with several mistakes reports the same one
// every time, so a failed synth reads the same in every run.
func TestResolveErrorsAreDeterministic(t *testing.T) {
	tests := []struct {
		name string
		give permissions.Request
	}{
		{"several bad tag keys", permissions.Request{Tags: map[string]string{"aws:a": "x", "aws:b": "x", "aws:c": "x", "aws:d": "x"}}},
		{"several bad tag values", permissions.Request{Tags: map[string]string{"a": "x*", "b": "x*", "c": "x*", "d": "x*"}}},
		{"bad resource and bad option", permissions.Request{Uses: []permissions.Use{{Feature: permissions.SQS, Resources: []string{"not-an-arn"}}}, RoleName: "bad name"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, first := permissions.Resolve(tt.give)
			for range 50 {
				if _, err := permissions.Resolve(tt.give); err == nil || err.Error() != first.Error() {
					t.Fatalf("errors differ between runs:\n %v\n %v", err, first)
				}
			}
		})
	}
}
