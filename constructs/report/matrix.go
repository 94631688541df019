package report

import (
	"cmp"
	"fmt"
	"slices"
	"strings"

	"github.com/execrole/execrole/constructs/permissions"
)

// managedGroup is the matrix column group of managed policies, shown after the services.
const managedGroup = "managed policies"

// column is one permission of the functions × permissions matrix: an action named in some
// role's statements, or a managed policy attached to some role.
type column struct {
	// Group is the action's service prefix, or managedGroup.
	Group string
	// Name is the full action ("sqs:ReceiveMessage") or the policy name.
	Name string
	// Label is what the header shows: the action without its service, or the policy name.
	Label string
	// Managed tells a managed policy column from an action column.
	Managed bool
}

// cell is one function's standing on one permission.
type cell struct {
	Granted bool
	// Wide is set when some statement granting the action applies to every resource ("*").
	Wide bool
	// Managed is set for a managed policy column.
	Managed bool
	// Title names what grants the permission: source, Sid, resources and conditions.
	Title string
}

// matrixRow is one function's row of the matrix.
type matrixRow struct {
	Function *Function
	// Role is the function's role, or nil when the report does not hold it.
	Role  *Role
	Cells []cell
}

// matrix is the functions × permissions matrix of a report.
type matrix struct {
	Columns []column
	Rows    []matrixRow
}

// buildMatrix lays out the matrix: one row per function in report order; one column per
// distinct action across all roles (IAM action names are case-insensitive), grouped by service
// in alphabetical order, then one column per distinct managed policy name. A cell is granted
// when one of the function's role's statements names the action, directly or through a
// wildcard such as "sqs:*", or when the role has the policy attached.
func buildMatrix(r *Report) matrix {
	roles := make(map[string]*Role, len(r.Roles))
	for i := range r.Roles {
		roles[r.Roles[i].Path] = &r.Roles[i]
	}
	m := matrix{Columns: columns(r.Roles)}
	for i := range r.Functions {
		f := &r.Functions[i]
		row := matrixRow{Function: f, Role: roles[f.Role], Cells: make([]cell, len(m.Columns))}
		if row.Role != nil {
			for j, c := range m.Columns {
				row.Cells[j] = grantCell(row.Role, c)
			}
		}
		m.Rows = append(m.Rows, row)
	}
	return m
}

func columns(roles []Role) []column {
	actions := map[string]string{} // lower-case action → the spelling shown
	policies := map[string]bool{}
	for _, role := range roles {
		for _, s := range role.Statements {
			for _, a := range s.Actions {
				k := strings.ToLower(a)
				if cur, ok := actions[k]; !ok || preferSpelling(a, cur) {
					actions[k] = a
				}
			}
		}
		for _, p := range role.ManagedPolicies {
			policies[p.Name] = true
		}
	}
	cols := make([]column, 0, len(actions)+len(policies))
	for _, a := range actions {
		svc := service(a)
		cols = append(cols, column{Group: strings.ToLower(svc), Name: a, Label: strings.TrimPrefix(a, svc+":")})
	}
	slices.SortFunc(cols, func(a, b column) int {
		return cmp.Or(cmp.Compare(a.Group, b.Group), cmp.Compare(strings.ToLower(a.Name), strings.ToLower(b.Name)))
	})
	names := make([]string, 0, len(policies))
	for p := range policies {
		names = append(names, p)
	}
	slices.Sort(names)
	for _, p := range names {
		cols = append(cols, column{Group: managedGroup, Name: p, Label: p, Managed: true})
	}
	return cols
}

// preferSpelling reports whether action a should be shown rather than b, the same action
// spelled in another case: the documented form (lower-case service, action starting with a
// capital, as in "sqs:ReceiveMessage") first, then the smaller string, so the choice does not
// depend on the order of the roles.
func preferSpelling(a, b string) bool {
	if ca, cb := documentedSpelling(a), documentedSpelling(b); ca != cb {
		return ca
	}
	return a < b
}

func documentedSpelling(action string) bool {
	svc, name, _ := strings.Cut(action, ":")
	return svc == strings.ToLower(svc) && name != "" && name[0] >= 'A' && name[0] <= 'Z'
}

func grantCell(role *Role, c column) cell {
	var title []string
	out := cell{Managed: c.Managed}
	if c.Managed {
		for _, p := range role.ManagedPolicies {
			if p.Name == c.Name {
				out.Granted = true
				title = append(title, fmt.Sprintf("%s\nsource: %s\narn: %s", p.Name, p.Source, p.ARN))
			}
		}
		out.Title = strings.Join(title, "\n\n")
		return out
	}
	for _, s := range role.Statements {
		i := slices.IndexFunc(s.Actions, func(a string) bool { return permissions.ActionMatches(a, c.Name) })
		if i < 0 {
			continue
		}
		out.Granted = true
		out.Wide = out.Wide || slices.Contains(s.Resources, "*")
		title = append(title, grantTitle(s, s.Actions[i], c.Name))
	}
	if out.Granted {
		out.Title = c.Name + "\n" + strings.Join(title, "\n")
	}
	return out
}

// grantTitle describes one statement granting action through the role's action pattern.
func grantTitle(s Statement, pattern, action string) string {
	var b strings.Builder
	fmt.Fprintf(&b, "• source: %s", cmp.Or(s.Source, "unknown"))
	if s.Sid != "" {
		fmt.Fprintf(&b, " (Sid %s)", s.Sid)
	}
	if !strings.EqualFold(pattern, action) {
		fmt.Fprintf(&b, ", via %s", pattern)
	}
	for _, res := range s.Resources {
		fmt.Fprintf(&b, "\n   on %s", res)
	}
	for _, c := range s.Conditions {
		fmt.Fprintf(&b, "\n   if %s", conditionText(c))
	}
	return b.String()
}

func conditionText(c Condition) string {
	return fmt.Sprintf("%s %s = %s", c.Operator, c.Key, strings.Join(c.Values, ", "))
}
