package permissions

import (
	"fmt"
	"strings"
)

// MarkdownTable renders the catalog as the README's feature table: each feature, its AWS
// managed policy with the ARN path, and what it grants.
func MarkdownTable() string {
	var b strings.Builder
	b.WriteString("| feature | AWS managed policy (default mode) | least-privilege mode needs | grants |\n")
	b.WriteString("|---|---|---|---|\n")
	for _, d := range Catalog {
		policy := "— (inline statements)"
		if d.Policy.Name != "" {
			policy = fmt.Sprintf("`%s%s`", strings.TrimPrefix(d.Policy.Path, "/"), d.Policy.Name)
		}
		needs := "—"
		if d.Needs != "" {
			needs = d.Needs
		}
		fmt.Fprintf(&b, "| `%s` %s | %s | %s | %s |\n", d.ID, d.Title, policy, needs, strings.ReplaceAll(d.Doc, "|", "\\|"))
	}
	return b.String()
}
