package summary

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
)

// MaxStackResources is CloudFormation's quota of resources per stack.
const MaxStackResources = 500

// Census is what a synthesized app holds: its resources, and what each role is granted,
// wherever the grant sits (the role's own inline policies or an AWS::IAM::Policy attached to
// it), so that apps can be compared for equal permissions.
type Census struct {
	// Resources counts every resource of every stack.
	Resources int
	// ByType counts resources by CloudFormation type.
	ByType map[string]int
	// Grants holds one entry per role: its managed policy ARNs and inline statements, each as
	// canonical JSON, sorted. Entries are sorted, so equal apps have equal Grants.
	Grants []string
}

// IAM counts the AWS::IAM::* resources.
func (c Census) IAM() int {
	n := 0
	for t, k := range c.ByType {
		if strings.HasPrefix(t, "AWS::IAM::") {
			n += k
		}
	}
	return n
}

// ReadAssembly takes the census of the cloud assembly in dir: every *.template.json in it.
func ReadAssembly(dir string) (Census, error) {
	paths, err := filepath.Glob(filepath.Join(dir, "*.template.json"))
	if err != nil {
		return Census{}, err
	}
	if len(paths) == 0 {
		return Census{}, fmt.Errorf("cloud assembly %s has no *.template.json: synthesize an app into it first", dir)
	}
	var templates []map[string]any
	for _, p := range paths {
		b, err := os.ReadFile(p)
		if err != nil {
			return Census{}, err
		}
		var t map[string]any
		if err := json.Unmarshal(b, &t); err != nil {
			return Census{}, fmt.Errorf("template %s: %v", p, err)
		}
		templates = append(templates, t)
	}
	return CensusOf(templates...), nil
}

// CensusOf takes the census of CloudFormation templates, decoded from JSON.
func CensusOf(templates ...map[string]any) Census {
	c := Census{ByType: map[string]int{}}
	for _, t := range templates {
		resources, _ := t["Resources"].(map[string]any)
		type grants struct{ managed, statements []string }
		roles := map[string]*grants{}
		for id, r := range resources {
			res, _ := r.(map[string]any)
			typ, _ := res["Type"].(string)
			c.Resources++
			c.ByType[typ]++
			if typ == "AWS::IAM::Role" {
				props, _ := res["Properties"].(map[string]any)
				g := &grants{}
				for _, arn := range list(props["ManagedPolicyArns"]) {
					g.managed = append(g.managed, canonical(arn))
				}
				for _, p := range list(props["Policies"]) {
					g.statements = append(g.statements, statements(p)...)
				}
				roles[id] = g
			}
		}
		for _, r := range resources {
			res, _ := r.(map[string]any)
			if res["Type"] != "AWS::IAM::Policy" {
				continue
			}
			props, _ := res["Properties"].(map[string]any)
			for _, ref := range list(props["Roles"]) {
				m, _ := ref.(map[string]any)
				id, _ := m["Ref"].(string)
				if g := roles[id]; g != nil {
					g.statements = append(g.statements, statements(props)...)
				}
			}
		}
		for _, g := range roles {
			slices.Sort(g.managed)
			slices.Sort(g.statements)
			c.Grants = append(c.Grants, "managed "+strings.Join(g.managed, " ")+" statements "+strings.Join(g.statements, " "))
		}
	}
	slices.Sort(c.Grants)
	return c
}

// statements returns the statements of a policy (an object with a PolicyDocument), each as
// canonical JSON.
func statements(policy any) []string {
	p, _ := policy.(map[string]any)
	doc, _ := p["PolicyDocument"].(map[string]any)
	var out []string
	for _, s := range list(doc["Statement"]) {
		out = append(out, canonical(s))
	}
	return out
}

func list(v any) []any {
	l, _ := v.([]any)
	return l
}

// canonical is v as JSON with sorted keys, which encoding/json guarantees for maps.
func canonical(v any) string {
	b, _ := json.Marshal(v)
	return string(b)
}
