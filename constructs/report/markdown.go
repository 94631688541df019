package report

import (
	"encoding/json"
	"fmt"
	"strings"
)

// Markdown returns the report as GitHub-flavoured Markdown: a summary, a table of functions,
// then per role its properties, managed policies, inline statements (actions, resources,
// conditions and source), quota use against limits, warnings and, for an imported role, the
// policy document to attach. Every value from the app is escaped, so a hostile construct path
// cannot inject markup.
func (r *Report) Markdown() string {
	var b strings.Builder
	s := summarize(r, columns(r.Roles))

	title := "Permissions report"
	if r.App != "" {
		title += ": " + mdText(r.App)
	}
	fmt.Fprintf(&b, "# %s\n\n", title)
	modes := make([]string, 0, len(s.ByMode))
	for _, m := range s.ByMode {
		modes = append(modes, fmt.Sprintf("%d %s", m.Count, mdText(m.Mode)))
	}
	fmt.Fprintf(&b, "- Roles: %d", s.Roles)
	if len(modes) > 0 {
		fmt.Fprintf(&b, " (%s)", strings.Join(modes, ", "))
	}
	fmt.Fprintf(&b, "\n- Functions: %d\n", s.Functions)
	fmt.Fprintf(&b, "- Distinct actions: %d; managed policies: %d\n", s.Actions, s.ManagedPolicies)
	fmt.Fprintf(&b, "- Account IAM roles: %d of %d (%.1f%%)\n", s.Account.Used, s.Account.Limit, s.Account.Percent)
	fmt.Fprintf(&b, "- Warnings: %d\n", s.Warnings)

	b.WriteString("\n## Functions\n\n")
	if len(r.Functions) == 0 {
		b.WriteString("None.\n")
	} else {
		b.WriteString("| Function | Stack | Role | Features | Fingerprint |\n|---|---|---|---|---|\n")
		for _, f := range r.Functions {
			fmt.Fprintf(&b, "| %s | %s | %s | %s | %s |\n",
				mdCode(f.Path), mdText(f.Stack), mdCode(f.Role), mdCodes(f.Features, ", "), mdCode(f.Fingerprint))
		}
	}

	writeMarkdownOwnFunctions(&b, r)

	b.WriteString("\n## Roles\n")
	if len(r.Roles) == 0 {
		b.WriteString("\nNone.\n")
	}
	for i := range r.Roles {
		writeMarkdownRole(&b, &r.Roles[i])
	}
	return b.String()
}

func writeMarkdownRole(b *strings.Builder, role *Role) {
	fmt.Fprintf(b, "\n### %s\n\n", mdCode(role.Path))
	name := mdCode(role.RoleName)
	if role.RoleName == "" {
		name = "(generated)"
	}
	b.WriteString("| Property | Value |\n|---|---|\n")
	fmt.Fprintf(b, "| Stack | %s |\n", mdText(role.Stack))
	fmt.Fprintf(b, "| Role name | %s |\n", name)
	fmt.Fprintf(b, "| Mode | %s |\n", mdText(role.Mode))
	fmt.Fprintf(b, "| Features | %s |\n", orNone(mdCodes(role.Features, ", ")))
	trust := orNone(mdCodes(role.Trust, ", "))
	if len(role.Trust) == 0 && role.Mode == ModeImported {
		trust = "not known: set by the role's owner"
	}
	fmt.Fprintf(b, "| Trusted by | %s |\n", trust)
	fmt.Fprintf(b, "| Used by | %s |\n", orNone(mdCodes(role.Functions, "<br>")))

	b.WriteString("\nManaged policies:\n\n")
	if len(role.ManagedPolicies) == 0 {
		b.WriteString("None.\n")
	} else {
		b.WriteString("| Policy | ARN | Source |\n|---|---|---|\n")
		for _, p := range role.ManagedPolicies {
			fmt.Fprintf(b, "| %s | %s | %s |\n", mdText(p.Name), mdCode(p.ARN), mdText(p.Source))
		}
	}

	b.WriteString("\nInline statements:\n\n")
	if len(role.Statements) == 0 {
		b.WriteString("None.\n")
	} else {
		b.WriteString("| Sid | Actions | Resources | Conditions | Source |\n|---|---|---|---|---|\n")
		for _, s := range role.Statements {
			conds := make([]string, 0, len(s.Conditions))
			for _, c := range s.Conditions {
				conds = append(conds, mdCode(conditionText(c)))
			}
			fmt.Fprintf(b, "| %s | %s | %s | %s | %s |\n", mdCode(s.Sid), mdCodes(s.Actions, "<br>"),
				mdCodes(s.Resources, "<br>"), strings.Join(conds, "<br>"), mdText(s.Source))
		}
	}

	if role.Mode == ModeImported {
		b.WriteString("\nQuotas: the role is imported; its quotas belong to its owner.\n")
	} else {
		b.WriteString("\nQuotas:\n\n| Quota | Used | Limit | Use |\n|---|---:|---:|---:|\n")
		for _, u := range role.Quota.Use() {
			if u.Limit > 0 {
				fmt.Fprintf(b, "| %s | %d | %d | %.1f%% |\n", u.Name, u.Used, u.Limit, u.Percent)
			} else {
				fmt.Fprintf(b, "| %s | %d | unknown | |\n", u.Name, u.Used)
			}
		}
	}

	if len(role.Warnings) > 0 {
		b.WriteString("\nWarnings:\n\n")
		for _, w := range role.Warnings {
			fmt.Fprintf(b, "- %s\n", mdText(w))
		}
	}

	if role.PolicyDocument != nil {
		doc, err := json.MarshalIndent(role.PolicyDocument, "", "  ")
		if err != nil {
			doc = []byte(fmt.Sprintf("policy document cannot be shown: %v", err))
		}
		fence := "```"
		for strings.Contains(string(doc), fence) {
			fence += "`"
		}
		fmt.Fprintf(b, "\nPolicy document the role's owner must attach:\n\n%sjson\n%s\n%s\n", fence, doc, fence)
	}
}

// mdReplacer escapes text so that Markdown shows it as written: no emphasis, links, raw HTML
// or table cell breaks.
var mdReplacer = strings.NewReplacer(
	`\`, `\\`, "`", "\\`", "*", `\*`, "_", `\_`, "[", `\[`, "]", `\]`,
	"<", "&lt;", ">", "&gt;", "&", "&amp;", "|", `\|`, "\r", " ", "\n", " ",
)

func mdText(s string) string { return mdReplacer.Replace(s) }

// mdCode returns s as a code span safe in a table cell, or "" for an empty s.
func mdCode(s string) string {
	if s == "" {
		return ""
	}
	s = strings.NewReplacer("\r", " ", "\n", " ", "|", `\|`).Replace(s)
	fence := "`"
	for strings.Contains(s, fence) {
		fence += "`"
	}
	if strings.HasPrefix(s, "`") || strings.HasSuffix(s, "`") {
		s = " " + s + " "
	}
	return fence + s + fence
}

func orNone(s string) string {
	if s == "" {
		return "none"
	}
	return s
}

func mdCodes(items []string, sep string) string {
	out := make([]string, len(items))
	for i, s := range items {
		out[i] = mdCode(s)
	}
	return strings.Join(out, sep)
}

// writeMarkdownOwnFunctions lists the functions aws-cdk-lib made for itself, audited or not,
// and any other function the audit skipped, each with why.
func writeMarkdownOwnFunctions(b *strings.Builder, r *Report) {
	var rows []string
	for _, f := range r.Functions {
		if f.CreatedBy != "" {
			rows = append(rows, fmt.Sprintf("| %s | %s | %s | audited like any function |\n", mdCode(f.Path), mdText(f.Stack), mdText(f.CreatedBy)))
		}
	}
	for _, f := range r.Skipped {
		by := f.CreatedBy
		if by == "" {
			by = "the app"
		}
		rows = append(rows, fmt.Sprintf("| %s | %s | %s | not audited: %s |\n", mdCode(f.Path), mdText(f.Stack), mdText(by), mdText(f.Reason)))
	}
	if len(rows) == 0 {
		return
	}
	b.WriteString("\n## Functions aws-cdk-lib made, and functions not audited\n\n| Function | Stack | Created by | Audit |\n|---|---|---|---|\n")
	for _, row := range rows {
		b.WriteString(row)
	}
}
