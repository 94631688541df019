package report

import (
	_ "embed"
	"encoding/json"
	"fmt"
	"html/template"
	"math"
	"slices"
	"strconv"
	"strings"
)

//go:embed report.html.tmpl
var pageSource string

// page is the HTML template; it is parsed once, and its execution cannot fail on a page view
// built by newPage.
var page = template.Must(template.New("report").Parse(pageSource))

// HTML returns the report as one self-contained HTML page: inline CSS, no script, no external
// asset, so it opens from a cloud assembly, a CI artifact or an e-mail attachment alike. It
// holds a summary, the functions × permissions matrix (table#matrix: a row per function with
// its path in data-function, a column per distinct action grouped by service then per managed
// policy, a td.granted per permission held whose title names the resources and the source),
// and per role its quota bars (div.quota with data-used and data-limit), managed policies,
// statements, warnings and, for an imported role, the policy document to attach. Every value
// from the app is escaped by html/template.
func (r *Report) HTML() string {
	var b strings.Builder
	if err := page.Execute(&b, newPage(r)); err != nil {
		// Only a broken template gets here, and the tests execute every part of it.
		panic(fmt.Sprintf("render permissions report: %v", err))
	}
	return b.String()
}

// htmlPage is what the template shows.
type htmlPage struct {
	App     string
	Summary summary
	Account htmlBar
	// Wide counts the statements that apply to every resource ("*").
	Wide      int
	Groups    []htmlGroup
	Columns   []htmlColumn
	Rows      []htmlRow
	Roles     []htmlRole
	Functions []htmlFunction
	Skipped   []SkippedFunction
}

type htmlGroup struct {
	Name    string
	Span    int
	Managed bool
}

type htmlColumn struct {
	column
	// Start marks the first column of a group, which draws the group's left edge.
	Start bool
}

type htmlCell struct {
	cell
	Start bool
}

type htmlRow struct {
	Path, Stack string
	// Role is the role's construct path; RoleAnchor is empty when the report lacks the role.
	Role, RoleAnchor string
	Granted          int
	Cells            []htmlCell
}

type htmlBar struct {
	Name         string
	Used, Limit  int
	Percent      string
	Width        string
	Level        string
	LimitUnknown bool
}

type htmlRole struct {
	*Role
	Anchor         string
	Bars           []htmlBar
	Statements     []htmlStatement
	Functions      []htmlLink
	PolicyDocument string
}

type htmlStatement struct {
	Sid        string
	Actions    []string
	Resources  []htmlResource
	Conditions []string
	Source     string
}

type htmlResource struct {
	ARN  string
	Wide bool
}

type htmlLink struct {
	Text, Anchor string
}

type htmlFunction struct {
	*Function
	Anchor, RoleAnchor string
}

func newPage(r *Report) htmlPage {
	m := buildMatrix(r)
	p := htmlPage{App: r.App, Summary: summarize(r, m.Columns)}
	p.Account = newBar(p.Summary.Account)

	roleAnchors := make(map[string]string, len(r.Roles))
	for i := range r.Roles {
		roleAnchors[r.Roles[i].Path] = "role-" + strconv.Itoa(i+1)
	}
	fnAnchors := make(map[string]string, len(r.Functions))
	for i := range r.Functions {
		fnAnchors[r.Functions[i].Path] = "function-" + strconv.Itoa(i+1)
	}

	for i, c := range m.Columns {
		start := i == 0 || m.Columns[i-1].Group != c.Group
		p.Columns = append(p.Columns, htmlColumn{column: c, Start: start})
		if start {
			p.Groups = append(p.Groups, htmlGroup{Name: c.Group, Managed: c.Managed})
		}
		p.Groups[len(p.Groups)-1].Span++
	}
	for _, row := range m.Rows {
		hr := htmlRow{Path: row.Function.Path, Stack: row.Function.Stack, Role: row.Function.Role}
		if row.Role != nil {
			hr.RoleAnchor = roleAnchors[row.Role.Path]
		}
		for i, c := range row.Cells {
			hr.Cells = append(hr.Cells, htmlCell{cell: c, Start: p.Columns[i].Start})
			if c.Granted {
				hr.Granted++
			}
		}
		p.Rows = append(p.Rows, hr)
	}

	for i := range r.Roles {
		role := &r.Roles[i]
		hr := htmlRole{Role: role, Anchor: roleAnchors[role.Path]}
		for _, u := range role.Quota.Use() {
			hr.Bars = append(hr.Bars, newBar(u))
		}
		for _, s := range role.Statements {
			hs := htmlStatement{Sid: s.Sid, Actions: s.Actions, Source: s.Source}
			for _, res := range s.Resources {
				hs.Resources = append(hs.Resources, htmlResource{ARN: res, Wide: res == "*"})
			}
			if slices.Contains(s.Resources, "*") {
				p.Wide++
			}
			for _, c := range s.Conditions {
				hs.Conditions = append(hs.Conditions, conditionText(c))
			}
			hr.Statements = append(hr.Statements, hs)
		}
		for _, f := range role.Functions {
			hr.Functions = append(hr.Functions, htmlLink{Text: f, Anchor: fnAnchors[f]})
		}
		if role.PolicyDocument != nil {
			hr.PolicyDocument = policyJSON(role.PolicyDocument)
		}
		p.Roles = append(p.Roles, hr)
	}

	for i := range r.Functions {
		f := &r.Functions[i]
		p.Functions = append(p.Functions, htmlFunction{Function: f, Anchor: fnAnchors[f.Path], RoleAnchor: roleAnchors[f.Role]})
	}
	p.Skipped = r.Skipped
	return p
}

// newBar lays out one quota bar: green below 80 %, amber up to the limit, red past it.
func newBar(u QuotaUse) htmlBar {
	b := htmlBar{Name: u.Name, Used: u.Used, Limit: u.Limit, LimitUnknown: u.Limit <= 0, Level: "ok"}
	b.Percent = strconv.FormatFloat(u.Percent, 'f', 1, 64)
	b.Width = strconv.FormatFloat(math.Min(u.Percent, 100), 'f', 1, 64)
	switch {
	case u.Percent > 100:
		b.Level = "over"
	case u.Percent >= 80:
		b.Level = "high"
	}
	return b
}

func policyJSON(doc map[string]any) string {
	out, err := json.MarshalIndent(doc, "", "  ")
	if err != nil {
		return fmt.Sprintf("policy document cannot be shown: %v", err)
	}
	return string(out)
}
