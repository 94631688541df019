package executionrole

import (
	"encoding/json"
	"fmt"
	"regexp"
	"strings"

	"github.com/aws/aws-cdk-go/awscdk/v2/awsiam"
	"github.com/aws/jsii-runtime-go"

	"github.com/execrole/execrole/constructs/permissions"
)

// Acknowledgements for compliance tools. cdk-nag reads a resource's "cdk_nag" metadata: each
// entry names a rule, the findings it covers (applies_to) and why. The role acknowledges only
// what it chose itself and can justify: a wildcard where IAM supports no resource-level
// permission or where the resource is created at run time (network interfaces, log streams),
// and — when the user opts in — the AWS managed policies of default mode.

var tokenRE = regexp.MustCompile(`\$\{Token\[[^\]]*\]\}`)

// nagResource turns a planned resource into the text cdk-nag reports for it: pseudo
// parameters as <AWS::Name>, and CDK tokens (whose logical ids are only known at synth) as a
// regular expression matching any <...> reference.
func nagResource(r string) (literal string, pattern string) {
	for _, p := range []struct{ from, to string }{
		{permissions.Partition, "<AWS::Partition>"}, {permissions.Region, "<AWS::Region>"},
		{permissions.AccountID, "<AWS::AccountId>"}, {permissions.URLSuffix, "<AWS::URLSuffix>"},
	} {
		r = strings.ReplaceAll(r, p.from, p.to)
	}
	if !tokenRE.MatchString(r) {
		return "Resource::" + r, ""
	}
	parts := tokenRE.Split(r, -1)
	for i, p := range parts {
		parts[i] = regexp.QuoteMeta(p)
	}
	return "", "/^Resource::" + strings.Join(parts, "<[^>]+>") + "$/g"
}

// wildcardReasons explains each planned resource with a wildcard, keyed by what cdk-nag
// reports, in plan order.
func wildcardReasons(plan permissions.Plan) (keys []string, reasons map[string]string, userWildcards bool) {
	reasons = map[string]string{}
	// cdk-nag reports a wildcard once per role and resource text, whichever statement holds
	// it: a resource the user's own statements also use stays unacknowledged, for the user
	// to justify.
	user := map[string]bool{}
	for _, s := range plan.Statements {
		if len(plan.Sources[s.Sid]) > 0 {
			continue
		}
		for _, r := range s.Resources {
			if strings.Contains(r, "*") {
				lit, pat := nagResource(r)
				user[lit+pat] = true
				userWildcards = true
			}
		}
	}
	for _, s := range plan.Statements {
		if len(plan.Sources[s.Sid]) == 0 {
			continue // the user's own statement: theirs to justify, not the library's
		}
		for _, r := range s.Resources {
			if !strings.Contains(r, "*") {
				continue
			}
			lit, pat := nagResource(r)
			key := lit + pat
			if _, seen := reasons[key]; seen || user[key] {
				continue
			}
			keys = append(keys, key)
			reasons[key] = fmt.Sprintf("statement %s (%s): %s", s.Sid, strings.Join(s.Actions, ", "), permissions.WildcardReason(r))
		}
	}
	return keys, reasons, userWildcards
}

// acknowledge writes the role's cdk-nag acknowledgements, from its current plan, into its
// CfnRole's metadata. Called again after the plan grew (AddFeatures, Bind), it replaces the
// acknowledgements it wrote before and keeps any the user added since.
func (r *ExecutionRole) acknowledge() {
	managed := r.ackManaged
	var rules []any
	keys, reasons, userWildcards := wildcardReasons(r.plan)
	for _, k := range keys {
		var applies any = k
		if strings.HasPrefix(k, "/") {
			applies = map[string]any{"regex": k}
		}
		rules = append(rules, map[string]any{"id": "AwsSolutions-IAM5", "reason": reasons[k], "applies_to": []any{applies}})
	}
	if len(keys) > 0 && !userWildcards {
		// This rule reports the role as a whole, not per resource: the IAM5 entries above
		// give each wildcard's reason.
		var sids []string
		for _, s := range r.plan.Statements {
			if len(r.plan.Sources[s.Sid]) == 0 {
				continue
			}
			for _, res := range s.Resources {
				if strings.Contains(res, "*") {
					sids = append(sids, s.Sid)
					break
				}
			}
		}
		rules = append(rules, map[string]any{
			"id":     "Serverless-LambdaStarPermissions",
			"reason": "wildcards only in statements " + strings.Join(sids, ", ") + ", each acknowledged under AwsSolutions-IAM5 with its reason",
		})
	}
	if managed {
		for _, m := range r.plan.ManagedPolicies {
			rules = append(rules, map[string]any{
				"id":         "AwsSolutions-IAM4",
				"reason":     fmt.Sprintf("%s is the AWS managed policy the Lambda Developer Guide names for feature %s; acknowledged by ExecutionRoleProps.AcknowledgeManagedPolicies", m.Name, featureOrUser(m.Feature)),
				"applies_to": []any{"Policy::arn:<AWS::Partition>:iam::aws:policy" + m.Path + m.Name},
			})
		}
	}
	if jsonText(rules) == jsonText(r.nagRules) {
		return
	}
	cfn := r.Node().DefaultChild().(awsiam.CfnRole)
	merged := rules
	if r.nagRules != nil {
		// Keep what others (NagSuppressions) added to the metadata since.
		ours := map[string]bool{}
		for _, e := range r.nagRules {
			ours[jsonText(e)] = true
		}
		merged = nil
		existing, _ := cfn.GetMetadata(jsii.String("cdk_nag")).(map[string]any)
		old, _ := existing["rules_to_suppress"].([]any)
		for _, e := range old {
			if !ours[jsonText(e)] {
				merged = append(merged, e)
			}
		}
		merged = append(merged, rules...)
	}
	r.nagRules = rules
	cfn.AddMetadata(jsii.String("cdk_nag"), map[string]any{"rules_to_suppress": merged})
}

// jsonText is v as JSON, map keys sorted, for comparing values read back through jsii.
func jsonText(v any) string {
	b, _ := json.Marshal(v)
	return string(b)
}

func featureOrUser(id permissions.ID) string {
	if id == "" {
		return "(added by the user)"
	}
	return string(id)
}
