package executionrole

import (
	"encoding/json"
	"fmt"
	"slices"
	"strings"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsiam"
	"github.com/aws/constructs-go/constructs/v10"
	"github.com/aws/jsii-runtime-go"

	"github.com/execrole/execrole/constructs/permissions"
)

// Acknowledgements for compliance tools. The role acknowledges a finding only when every
// statement of its inline policy that produces the finding is one the library planned for a
// feature, and so can justify: a wildcard where IAM supports no resource-level permission,
// or where the resources are created at run time (network interfaces, log streams). And,
// when the user opts in, the AWS managed policies of default mode. A finding that any other
// statement also produces — the user's Statements, a grant from another construct, a
// statement added with AddToPrincipalPolicy — is left for the tools to report.
//
// That can only be decided once every grant is made, so the role decides at synth: an aspect
// on the role, which runs before cdk-nag's rule packs check the role's resource (aspects
// visit a construct before its children, and this one has the mutating priority), resolves
// the role's inline policy and writes the acknowledgements twice, with the same rules and
// reasons: as cdk-nag v2 reads them (the resource's "cdk_nag" metadata), and in aws-cdk-lib's
// Validations form (Validations.of(role).acknowledge), which cdk-nag 3 reads.

// Rule ids of the cdk-nag findings the role may acknowledge.
const (
	ruleWildcard        = "AwsSolutions-IAM5"
	ruleStarPermissions = "Serverless-LambdaStarPermissions"
	ruleManagedPolicy   = "AwsSolutions-IAM4"
)

// acknowledgement is one acknowledged finding: a rule, the finding cdk-nag reports under it
// ("" for a rule that reports the role as a whole), and why.
type acknowledgement struct {
	Rule, Finding, Reason string
}

// id is the acknowledgement's rule id as cdk-nag 3 writes findings: "Rule[finding]".
func (a acknowledgement) id() string {
	if a.Finding == "" {
		return a.Rule
	}
	return a.Rule + "[" + a.Finding + "]"
}

// nagStatement is one resolved statement of the role's inline policy, as the rules read it.
type nagStatement struct {
	Sid       string
	Allow     bool
	Actions   []string
	Resources []string // flattened as cdk-nag flattens CloudFormation references
	// Library says the library planned the statement for a feature.
	Library bool
}

// wildcardFindings are the IAM5 findings a statement produces: each action and each
// resource with a "*".
func (s nagStatement) wildcardFindings() []string {
	if !s.Allow {
		return nil
	}
	var out []string
	for _, a := range s.Actions {
		if strings.Contains(a, "*") {
			out = append(out, "Action::"+a)
		}
	}
	for _, r := range s.Resources {
		if strings.Contains(r, "*") {
			out = append(out, "Resource::"+r)
		}
	}
	return out
}

// starPermission says the statement makes Serverless-LambdaStarPermissions report the role:
// an action "*" or "service:*", or the resource "*".
func (s nagStatement) starPermission() bool {
	if !s.Allow {
		return false
	}
	return slices.ContainsFunc(s.Actions, func(a string) bool { return a == "*" || strings.HasSuffix(a, ":*") }) ||
		slices.Contains(s.Resources, "*")
}

// acknowledgements decides what the role acknowledges, from its resolved inline policy and
// the AWS managed policies it acknowledges (none unless the user opted in).
func acknowledgements(stmts []nagStatement, managed []permissions.AttachedPolicy) []acknowledgement {
	var out []acknowledgement
	// IAM5, per finding: every statement producing it must be the library's.
	var order []string
	by := map[string][]nagStatement{}
	foreign := map[string]bool{}
	for _, s := range stmts {
		for _, f := range s.wildcardFindings() {
			if !s.Library {
				foreign[f] = true
				continue
			}
			if len(by[f]) == 0 {
				order = append(order, f)
			}
			by[f] = append(by[f], s)
		}
	}
	for _, f := range order {
		if foreign[f] {
			continue
		}
		var parts, actions []string
		for _, s := range by[f] {
			parts = append(parts, fmt.Sprintf("%s (%s)", s.Sid, strings.Join(s.Actions, ", ")))
			actions = append(actions, s.Actions...)
		}
		reason := "statement " + strings.Join(parts, " and ") + ": "
		if strings.HasPrefix(f, "Action::") {
			reason += "the action is the feature's"
		} else {
			// The statement already names its actions: the reason names them again only when
			// one is on "*" for a reason of its own.
			if !slices.ContainsFunc(actions, func(a string) bool { return permissions.UnscopedReason(a) != "" }) {
				actions = nil
			}
			reason += permissions.WildcardReason(strings.TrimPrefix(f, "Resource::"), actions...)
		}
		out = append(out, acknowledgement{Rule: ruleWildcard, Finding: f, Reason: reason})
	}
	// Serverless-LambdaStarPermissions reports the role as a whole.
	var sids []string
	for _, s := range stmts {
		if !s.starPermission() {
			continue
		}
		if !s.Library {
			sids = nil
			break
		}
		sids = append(sids, s.Sid)
	}
	if len(sids) > 0 {
		out = append(out, acknowledgement{Rule: ruleStarPermissions,
			Reason: "wildcards only in statements " + strings.Join(sids, ", ") + ", which the library planned; each is acknowledged under " + ruleWildcard + " with its reason"})
	}
	for _, m := range managed {
		out = append(out, acknowledgement{Rule: ruleManagedPolicy,
			Finding: "Policy::arn:<AWS::Partition>:iam::aws:policy" + m.Path + m.Name,
			Reason:  fmt.Sprintf("%s is the AWS managed policy the Lambda Developer Guide names for feature %s; acknowledged by ExecutionRoleProps.AcknowledgeManagedPolicies", m.Name, featureOrUser(m.Feature))})
	}
	return out
}

// acknowledge makes sure the role's acknowledgements are written at synth when it has
// anything to acknowledge: a wildcard the plan chose, or managed policies the user asked to
// acknowledge. Roles without either cost nothing at synth.
func (r *ExecutionRole) acknowledge() {
	if r.nagAspect {
		return
	}
	wanted := r.ackManaged && len(r.plan.ManagedPolicies) > 0
	for _, s := range r.plan.Statements {
		if len(r.plan.Sources[s.Sid]) > 0 && (slices.ContainsFunc(s.Resources, isWildcard) || slices.ContainsFunc(s.Actions, isWildcard)) {
			wanted = true
			break
		}
	}
	if !wanted {
		return
	}
	r.nagAspect = true
	awscdk.Aspects_Of(r).Add(&acknowledger{r}, &awscdk.AspectOptions{Priority: awscdk.AspectPriority_MUTATING()})
}

func isWildcard(s string) bool { return strings.Contains(s, "*") }

// acknowledger is the aspect that writes a role's acknowledgements (see the top of this file).
type acknowledger struct{ r *ExecutionRole }

// Visit writes the acknowledgements when it visits the role itself.
func (a *acknowledger) Visit(node constructs.IConstruct) {
	if r, ok := node.(*ExecutionRole); ok && r == a.r {
		r.writeAcknowledgements()
	}
}

// writeAcknowledgements resolves the role's inline policy and the statements the library put
// in it (one request), decides, and writes both forms.
func (r *ExecutionRole) writeAcknowledgements() {
	resolved, _ := r.stack.stack.Resolve([]any{r.document, r.own}).([]any)
	var doc map[string]any
	var own []any
	if len(resolved) == 2 {
		doc, _ = resolved[0].(map[string]any)
		own, _ = resolved[1].([]any)
	}
	library := map[string]bool{}
	for _, o := range own {
		m, _ := o.(map[string]any)
		if sid, _ := m["Sid"].(string); len(r.plan.Sources[sid]) > 0 {
			library[canonical(m)] = true
		}
	}
	var stmts []nagStatement
	list, _ := doc["Statement"].([]any)
	for _, s := range list {
		m, _ := s.(map[string]any)
		sid, _ := m["Sid"].(string)
		st := nagStatement{Sid: sid, Allow: m["Effect"] == "Allow", Library: library[canonical(m)]}
		for _, a := range asList(m["Action"]) {
			st.Actions = append(st.Actions, fmt.Sprint(a))
		}
		for _, res := range asList(m["Resource"]) {
			st.Resources = append(st.Resources, flattenReference(res))
		}
		stmts = append(stmts, st)
	}
	var managed []permissions.AttachedPolicy
	if r.ackManaged {
		managed = r.plan.ManagedPolicies
	}
	writeAcknowledged(r, r.resource(), acknowledgements(stmts, managed))
}

// writeAcknowledged writes acks on a role's resource in both forms.
func writeAcknowledged(role constructs.IConstruct, cfn awsiam.CfnRole, acks []acknowledgement) {
	if len(acks) == 0 {
		return
	}
	// cdk-nag v2: keep what the user wrote (NagSuppressions) and add ours.
	existing, _ := cfn.GetMetadata(jsii.String("cdk_nag")).(map[string]any)
	rules, _ := existing["rules_to_suppress"].([]any)
	v3 := make([]*awscdk.Acknowledgment, 0, len(acks))
	for _, a := range acks {
		rule := map[string]any{"id": a.Rule, "reason": a.Reason}
		if a.Finding != "" {
			rule["applies_to"] = []any{a.Finding}
		}
		rules = append(rules, rule)
		v3 = append(v3, &awscdk.Acknowledgment{Id: jsii.String(a.id()), Reason: jsii.String(a.Reason)})
	}
	cfn.AddMetadata(jsii.String("cdk_nag"), map[string]any{"rules_to_suppress": rules})
	awscdk.Validations_Of(role).Acknowledge(v3...)
}

// canonical is a statement as JSON with its single values as lists and its lists sorted, so
// that the same statement compares equal however aws-cdk-lib rendered it.
func canonical(m map[string]any) string {
	c := make(map[string]any, len(m))
	for k, v := range m {
		switch k {
		case "Action", "NotAction", "Resource", "NotResource":
			items := asList(v)
			texts := make([]string, len(items))
			for i, it := range items {
				texts[i] = jsonText(it)
			}
			slices.Sort(texts)
			c[k] = texts
		default:
			c[k] = v
		}
	}
	return jsonText(c)
}

func asList(v any) []any {
	switch t := v.(type) {
	case nil:
		return nil
	case []any:
		return t
	}
	return []any{v}
}

// flattenReference writes a resolved CloudFormation value as cdk-nag writes it in a
// finding: Fn::Join joined, {"Ref": "X"} as <X>, {"Fn::GetAtt": ["X", "Y"]} as <X.Y>,
// ${X} of Fn::Sub as <X>, Fn::ImportValue as its name, anything else as its JSON.
func flattenReference(v any) string {
	switch t := v.(type) {
	case nil:
		return ""
	case string:
		return strings.ReplaceAll(strings.ReplaceAll(t, "${", "<"), "}", ">")
	case map[string]any:
		if j, ok := t["Fn::Join"].([]any); ok && len(j) == 2 {
			sep, _ := j[0].(string)
			items, _ := j[1].([]any)
			parts := make([]string, len(items))
			for i, it := range items {
				parts[i] = flattenReference(it)
			}
			return strings.Join(parts, sep)
		}
		if s, ok := t["Fn::Sub"]; ok {
			return flattenReference(s)
		}
		if g, ok := t["Fn::GetAtt"].([]any); ok && len(g) == 2 {
			return "<" + flattenReference(g[0]) + "." + flattenReference(g[1]) + ">"
		}
		if iv, ok := t["Fn::ImportValue"]; ok {
			return flattenReference(iv)
		}
		if ref, ok := t["Ref"]; ok {
			return "<" + flattenReference(ref) + ">"
		}
	}
	return jsonText(v)
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
