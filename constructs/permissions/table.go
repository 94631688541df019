package permissions

import (
	"fmt"
	"slices"
	"strings"
)

// MarkdownTable renders the catalog as the README's feature table: each feature, what in a
// function's configuration reveals it, its AWS managed policy with the ARN path, and what it
// grants.
func MarkdownTable() string {
	var b strings.Builder
	b.WriteString("| feature | derived from | AWS managed policy (default mode) | least-privilege mode needs | grants |\n")
	b.WriteString("|---|---|---|---|---|\n")
	for _, d := range Catalog {
		policy := "— (inline statements)"
		if d.Policy.Name != "" {
			policy = "`" + d.Policy.PathName() + "`"
		}
		needs := "—"
		if d.Needs != "" {
			needs = d.Needs
		}
		fmt.Fprintf(&b, "| `%s` %s | %s | %s | %s | %s |\n", d.ID, d.Title, d.From.describe(), policy, needs, strings.ReplaceAll(d.Doc, "|", "\\|"))
	}
	return b.String()
}

// WildcardTable lists, for the README, every place a least-privilege role keeps a wildcard
// and why: "*" where IAM supports no resource-level permission for the actions, and name
// wildcards for resources Lambda creates at run time.
func WildcardTable() string {
	var b strings.Builder
	b.WriteString("| feature | statement | actions | resource | why |\n|---|---|---|---|---|\n")
	for _, d := range Catalog {
		u := Use{Feature: d.ID}
		if d.Shape != nil {
			u.Resources = []string{d.Shape.ExampleARN()}
		}
		c := &context{logGroups: []string{"/aws/lambda/example"}, functionNames: []string{"example"}}
		stmts := d.Scoped(nil, u, c)
		if d.Extra != nil {
			stmts = d.Extra(stmts, u, c)
		}
		for _, s := range stmts {
			for _, r := range s.Resources {
				if !strings.Contains(r, "*") {
					continue
				}
				fmt.Fprintf(&b, "| `%s` | %s | %s | `%s` | %s |\n", d.ID, s.Sid, strings.Join(s.Actions, ", "), r, WildcardReason(r, s.Actions...))
			}
		}
	}
	return b.String()
}

// UnscopedReason is why the catalog grants action on "*" although IAM scopes it to resource
// types (Definition.Unscoped), or "" when it does not.
func UnscopedReason(action string) string { return unscoped[action] }

var unscoped = func() map[string]string {
	out := map[string]string{}
	for _, d := range Catalog {
		for a, r := range d.Unscoped {
			out[a] = r
		}
	}
	return out
}()

// WildcardReason says why a feature's statement keeps the wildcard in resource: IAM has no
// resource type for the actions ("*"), or the resources are ones Lambda creates or names at
// run time, within the parent the ARN names.
func WildcardReason(resource string, actions ...string) string {
	switch {
	case resource == "*" && len(actions) > 0:
		// Actions IAM has no resource type for, then each action granted on "*" for its
		// own reason.
		var plain, reasons []string
		for _, a := range actions {
			if r := UnscopedReason(a); r != "" {
				if !slices.Contains(reasons, r) {
					reasons = append(reasons, r)
				}
			} else if !slices.Contains(plain, a) {
				plain = append(plain, a)
			}
		}
		if len(plain) > 0 {
			reasons = append([]string{"IAM supports no resource-level permissions for " + strings.Join(plain, ", ")}, reasons...)
		}
		return strings.Join(reasons, "; ")
	case resource == "*":
		return "IAM supports no resource-level permission for these actions"
	case strings.Contains(resource, ":log-group:"+CapacityProviderLogGroupPrefix+"*"):
		return "the log groups of capacity providers that use the role and whose names are generated at deploy, or that are in other stacks"
	case strings.Contains(resource, ":log-group:"):
		return "log streams are created at run time, inside the log group the ARN names"
	case strings.Contains(resource, ":s3:::"):
		return "objects of the given bucket, whose names Lambda learns at run time"
	case strings.Contains(resource, "/consumer/"):
		return "enhanced fan-out consumers of the given stream, registered at run time"
	case strings.Contains(resource, ":topic/*/*/") || strings.Contains(resource, ":group/*/*/"):
		return "the named Kafka topic or consumer group in any cluster of the account and region: the cluster ARN is a token, whose name and id the role cannot cut out"
	case strings.Contains(resource, ":group/") && strings.HasSuffix(resource, "/*"):
		return "the consumer group Lambda names after the event source mapping's id, known once it is deployed"
	case strings.HasSuffix(resource, ":*") && strings.Contains(resource, ":function:"):
		return "durable executions of the function's versions"
	}
	return "resources created at run time with generated names, within this account and region"
}
