package permissions_test

import (
	"encoding/json"
	"fmt"
	"reflect"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/execrole/execrole/constructs/permissions"
)

// knownPolicyNames are AWS managed policies the library knows by bare name, to fill the
// managed-policy quota.
var knownPolicyNames = []string{"AmazonS3ReadOnlyAccess", "AmazonSNSReadOnlyAccess", "AmazonSQSReadOnlyAccess",
	"AmazonKinesisReadOnlyAccess", "AmazonDynamoDBReadOnlyAccess", "AmazonSSMReadOnlyAccess", "CloudWatchLogsReadOnlyAccess",
	"CloudWatchReadOnlyAccess", "AWSStepFunctionsReadOnlyAccess", "AmazonRekognitionReadOnlyAccess", "AWSLambdaExecute",
	"AWSLambdaRole", "AmazonS3FullAccess", "AmazonSNSFullAccess", "AmazonSQSFullAccess", "AmazonKinesisFullAccess",
	"AmazonDynamoDBFullAccess", "SecretsManagerReadWrite", "AmazonEventBridgeFullAccess", "ReadOnlyAccess"}

// list splits s at commas into at most 64 items: enough for any real list, and it keeps the
// fuzzer off inputs of thousands of actions, whose deduplication is quadratic.
func list(s string) []string {
	items := strings.Split(s, ",")
	return items[:min(len(items), 64)]
}

// fuzzRequest builds a request from fuzzed values: features picks catalog rows (low bits)
// and which of them are given a second time (high bits); flags switches each part of the
// request on; n sizes quotas and lists; arn, name and extra fill every string field.
func fuzzRequest(features uint64, flags uint32, n int8, arn, name, extra string) permissions.Request {
	bit := func(i int) bool { return flags>>i&1 == 1 }
	var req permissions.Request
	for i, d := range permissions.Catalog {
		if i >= 32 || features>>i&1 == 0 {
			continue
		}
		u := permissions.Use{Feature: d.ID}
		switch {
		case bit(0):
			u.Resources = []string{arn}
		case bit(1):
			u.Resources = sampleUse(d).Resources
		case bit(2):
			u.Resources = []string{fmt.Sprintf("${Token[TOKEN.%d]}", i)}
		}
		if bit(3) {
			u.Keys = []string{arn}
		}
		if bit(4) {
			u.Keys, u.AccessPoints, u.Secrets, u.Parameters = []string{keyARN}, []string{accessPointARN}, []string{secretARN}, []string{parameterARN}
		}
		if bit(5) {
			u.Secrets, u.Parameters, u.AccessPoints = []string{arn}, []string{arn}, []string{arn}
		}
		if bit(6) {
			u.Topics, u.Groups = []string{name}, []string{extra}
		}
		u.InVPC = bit(7)
		req.Uses = append(req.Uses, u)
		if features>>(32+i)&1 == 1 {
			req.Uses = append(req.Uses, sampleUse(d))
		}
	}
	if bit(8) {
		req.Uses = append(req.Uses, permissions.Use{Feature: permissions.ID(name)})
	}
	req.LeastPrivilege = bit(9)
	if bit(10) {
		req.FunctionNames = []string{name}
	}
	if bit(11) {
		req.LogGroups = []string{name}
	}
	req.LogGroupsCreated = bit(12)
	if bit(13) {
		req.ManagedPolicies = list(extra)
	}
	if bit(14) {
		req.CustomerManagedPolicyARNs = []string{arn, "arn:aws:iam::123456789012:policy/orders"}
	}
	if bit(15) {
		req.Statements = append(req.Statements, permissions.Statement{Sid: name, Actions: list(extra), Resources: []string{arn}})
	}
	if bit(16) {
		req.Statements = append(req.Statements, permissions.Statement{Sid: name, Actions: []string{"s3:GetObject"}, Resources: []string{"*"},
			Conditions: []permissions.Condition{{Operator: "StringEquals", Key: extra, Values: []string{arn}}}})
	}
	if bit(17) {
		req.Trust = []string{name, "edgelambda.amazonaws.com"}
	}
	if bit(18) {
		req.RoleName = name
	}
	if bit(19) {
		req.Path = extra
	}
	if bit(20) {
		req.Description = extra
	}
	if bit(21) {
		req.PermissionsBoundary = arn
	}
	if bit(22) {
		req.MaxManagedPolicies = int(n)
	}
	if bit(23) {
		req.MaxSessionDuration = time.Duration(n) * 15 * time.Minute
	}
	if bit(24) {
		req.Tags = map[string]string{name: extra}
	}
	if bit(25) {
		req.Subnets, req.SecurityGroups = []string{arn}, []string{arn}
	}
	if bit(26) {
		// Many statements, to reach the inline quota.
		for i := range int(uint8(n)) {
			req.Statements = append(req.Statements, permissions.Statement{Actions: []string{"s3:GetObject"}, Resources: []string{fmt.Sprintf("%s%d", arn, i)}})
		}
	}
	if bit(27) {
		// Many managed policies, to reach the managed-policy quota.
		req.ManagedPolicies = append(req.ManagedPolicies, knownPolicyNames[:int(uint8(n))%(len(knownPolicyNames)+1)]...)
	}
	if bit(28) {
		req.Uses = append(req.Uses, permissions.Use{Feature: permissions.Durable})
	}
	return req
}

var sidPattern = regexp.MustCompile(`^[A-Za-z0-9]*$`)

// checkError asserts the style of every error: a non-empty message starting lowercase, with
// no trailing period.
func checkError(t *testing.T, err error) {
	msg := err.Error()
	first, _ := utf8.DecodeRuneInString(msg)
	if msg == "" || unicode.IsUpper(first) || strings.HasSuffix(msg, ".") {
		t.Fatalf("error message %q: want non-empty, lowercase, with no trailing period", msg)
	}
}

// checkPlan asserts that a plan is a role IAM accepts: within every quota, statements that
// are complete with unique sids, lambda trusted, and the same plan on a second run.
func checkPlan(t *testing.T, req permissions.Request, p permissions.Plan) {
	if p.MaxManagedPolicies < 1 || p.MaxManagedPolicies > permissions.MaxManagedPoliciesRaised {
		t.Fatalf("MaxManagedPolicies = %d, want 1 to 20", p.MaxManagedPolicies)
	}
	if n := len(p.ManagedPolicies) + len(p.CustomerManagedPolicyARNs); n != p.ManagedPolicyCount || n > p.MaxManagedPolicies {
		t.Fatalf("%d managed policies (counted %d), quota %d", n, p.ManagedPolicyCount, p.MaxManagedPolicies)
	}
	if p.InlineChars > permissions.MaxInlineChars || len(p.Statements) > 0 && p.InlineChars != permissions.PolicySize(p.Statements) {
		t.Fatalf("InlineChars = %d, PolicySize %d, quota %d", p.InlineChars, permissions.PolicySize(p.Statements), permissions.MaxInlineChars)
	}
	if p.TrustChars > permissions.MaxTrustChars || len(p.Trust) == 0 || p.Trust[0] != permissions.LambdaPrincipal {
		t.Fatalf("Trust = %v (%d characters), want lambda.amazonaws.com first within %d", p.Trust, p.TrustChars, permissions.MaxTrustChars)
	}
	if len(slices.Compact(slices.Sorted(slices.Values(p.Trust)))) != len(p.Trust) {
		t.Fatalf("Trust = %v has duplicates", p.Trust)
	}
	var arns []string
	for _, m := range p.ManagedPolicies {
		arns = append(arns, m.ARN())
		if !strings.HasPrefix(m.ARN(), "arn:${AWS::Partition}:iam::aws:policy/") {
			t.Fatalf("managed policy ARN %s names a partition", m.ARN())
		}
		if req.LeastPrivilege && m.Feature != "" {
			t.Fatalf("least-privilege plan attaches %s for feature %s", m.Name, m.Feature)
		}
	}
	if len(slices.Compact(slices.Sorted(slices.Values(arns)))) != len(arns) {
		t.Fatalf("managed policies %v have duplicates", arns)
	}
	sids := map[string]bool{}
	onStar := 0
	for _, s := range p.Statements {
		if len(s.Actions) == 0 || len(s.Resources) == 0 || slices.Contains(s.Actions, "") || slices.Contains(s.Resources, "") {
			t.Fatalf("statement %q is incomplete: actions %q, resources %q", s.Sid, s.Actions, s.Resources)
		}
		if s.Sid != "" && sids[s.Sid] || !sidPattern.MatchString(s.Sid) {
			t.Fatalf("sid %q is repeated or not alphanumeric", s.Sid)
		}
		sids[s.Sid] = true
		if slices.Equal(s.Resources, []string{"*"}) {
			onStar++
		}
	}
	if len(p.Wildcards) != onStar {
		t.Fatalf("%d wildcards for %d statements on \"*\"", len(p.Wildcards), onStar)
	}
	if slices.Contains(p.Features, permissions.BasicLogs) == slices.Contains(p.Features, permissions.Durable) {
		t.Fatalf("Features = %v, want exactly one of basic-logs and durable", p.Features)
	}
	if _, err := json.Marshal(permissions.Document(p.Statements)); err != nil {
		t.Fatalf("document does not marshal: %v", err)
	}
	if again, err := permissions.Resolve(req); err != nil || !reflect.DeepEqual(again, p) {
		t.Fatalf("second Resolve differs (error %v)", err)
	}
}

// FuzzResolve resolves requests built from fuzzed values: Resolve never panics, and returns
// either a well-formed error or a plan IAM accepts. Run it with
//
//	go test -run='^$' -fuzz=FuzzResolve -fuzztime=60s -fuzzminimizetime=5s ./constructs/permissions/
func FuzzResolve(f *testing.F) {
	f.Add(uint64(0), uint32(0), int8(0), "", "", "")
	f.Add(uint64(1<<5|1<<2), uint32(1<<1|1<<9|1<<10), int8(0), queueARN, "orders", "")
	f.Add(uint64(1<<31-1), uint32(1<<1|1<<4|1<<6|1<<7|1<<10), int8(0), queueARN, "orders", "orders-consumers")
	f.Add(uint64(1<<5), uint32(1<<0|1<<9|1<<10), int8(0), "arn:aws:sqs:us-east-1:123456789012:*", "orders", "")
	f.Add(uint64(0), uint32(1<<13|1<<22|1<<27), int8(20), "", "", "AWSLambdaBasicExecutionRol")
	f.Add(uint64(0), uint32(1<<15|1<<26), int8(100), "arn:aws:s3:::orders/"+strings.Repeat("k", 80), "ReadBucket", "s3:GetObject")
	f.Fuzz(func(t *testing.T, features uint64, flags uint32, n int8, arn, name, extra string) {
		req := fuzzRequest(features, flags, n, arn, name, extra)
		p, err := permissions.Resolve(req)
		if err != nil {
			checkError(t, err)
			return
		}
		checkPlan(t, req, p)
	})
}
