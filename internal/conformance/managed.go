package conformance

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
)

// partitions are the AWS partitions an ARN may name literally.
var partitions = map[string]bool{
	"aws":        true,
	"aws-cn":     true,
	"aws-us-gov": true,
	"aws-iso":    true,
	"aws-iso-b":  true,
	"aws-iso-e":  true,
	"aws-iso-f":  true,
	"aws-eusc":   true,
}

// tokenMark brackets a reference in a rendered string: "\x00AWS::Partition\x00" stands for
// the value of {"Ref": "AWS::Partition"}. It cannot occur in template text.
const tokenMark = "\x00"

// policyARN matches a rendered IAM policy ARN: partition, account and "/path/name".
var policyARN = regexp.MustCompile("^arn:([^:\x00]*|\x00AWS::Partition\x00):iam::([^:\x00]*|\x00[^\x00]*\x00):policy(/.*)$")

// ManagedPolicyPath returns the path of the AWS managed policy called name (exact case),
// e.g. "/service-role/" for AWSLambdaBasicExecutionRole and "/" for AWSXRayDaemonWriteAccess,
// and whether AWS publishes it and still lets it be attached (it is not deprecated).
func (r *Refs) ManagedPolicyPath(name string) (path string, ok bool) {
	p, ok := r.policies[name]
	if !ok || p.deprecated {
		return "", false
	}
	return p.path, true
}

// checkManagedPolicyARN checks a managed policy ARN of a role, user or group: when it names an
// AWS managed policy (account "aws"), the policy must exist, be current and sit at the path
// given. Customer managed policies and ARNs built from parameters or imports are not checked.
func (r *Refs) checkManagedPolicyARN(v any) []finding {
	s, ok := render(v)
	if !ok {
		return nil
	}
	shown := display(s)
	m := policyARN.FindStringSubmatch(s)
	if m == nil {
		if strings.Contains(s, tokenMark) {
			return nil // too dynamic to tell
		}
		return []finding{{msg: fmt.Sprintf("got %q, want an IAM policy ARN such as arn:${AWS::Partition}:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole", shown)}}
	}
	partition, account, rest := m[1], m[2], m[3]
	if !strings.Contains(partition, tokenMark) && !partitions[partition] {
		return []finding{{msg: fmt.Sprintf("ARN %s names unknown partition %q: use {\"Ref\": \"AWS::Partition\"}", shown, partition)}}
	}
	if account != "aws" || strings.Contains(rest, tokenMark) {
		return nil
	}
	i := strings.LastIndexByte(rest, '/')
	path, name := rest[:i+1], rest[i+1:]
	p, ok := r.policies[name]
	switch {
	case !ok:
		hint := `check the name with "aws iam list-policies --scope AWS"`
		if exact, ok := r.folded[strings.ToLower(name)]; ok {
			hint = fmt.Sprintf("did you mean %s? names are case-sensitive", exact)
		}
		return []finding{{msg: fmt.Sprintf("ARN %s names no AWS managed policy %q: %s", shown, name, hint)}}
	case p.deprecated:
		return []finding{{msg: fmt.Sprintf("ARN %s names AWS managed policy %s, which is deprecated: IAM no longer attaches it to roles, use its successor", shown, name)}}
	case p.path != path:
		want := "arn:" + display(partition) + ":iam::aws:policy" + p.path + name
		return []finding{{msg: fmt.Sprintf("ARN %s has path %q, but AWS managed policy %s lives at %q: use %s", shown, path, name, p.path, want)}}
	}
	return nil
}

// render returns the string an ARN value stands for, with each Ref (of a pseudo parameter,
// parameter or resource) and each Fn::Sub variable kept as a marked reference. It handles
// literals, Ref, Fn::Join and Fn::Sub, the forms CDK emits for ARNs; any other intrinsic
// function yields false.
func render(v any) (string, bool) {
	switch v := v.(type) {
	case string:
		return v, true
	case map[string]any:
		if len(v) != 1 {
			return "", false
		}
		if name, ok := v["Ref"].(string); ok {
			return tokenMark + name + tokenMark, true
		}
		if args, ok := v["Fn::Join"].([]any); ok && len(args) == 2 {
			sep, ok1 := args[0].(string)
			parts, ok2 := args[1].([]any)
			if !ok1 || !ok2 {
				return "", false
			}
			out := make([]string, len(parts))
			for i, p := range parts {
				if out[i], ok = render(p); !ok {
					return "", false
				}
			}
			return strings.Join(out, sep), true
		}
		switch sub := v["Fn::Sub"].(type) {
		case string:
			return renderSub(sub, nil)
		case []any:
			if len(sub) == 2 {
				s, ok1 := sub[0].(string)
				vars, ok2 := sub[1].(map[string]any)
				if ok1 && ok2 {
					return renderSub(s, vars)
				}
			}
		}
	}
	return "", false
}

// subVar matches a variable of an Fn::Sub string: ${Name}, or ${!Literal} for literal text.
var subVar = regexp.MustCompile(`\$\{(!?)([^}]*)\}`)

func renderSub(s string, vars map[string]any) (string, bool) {
	ok := true
	out := subVar.ReplaceAllStringFunc(s, func(m string) string {
		g := subVar.FindStringSubmatch(m)
		if g[1] == "!" {
			return "${" + g[2] + "}"
		}
		if v, found := vars[g[2]]; found {
			r, rok := render(v)
			ok = ok && rok
			return r
		}
		return tokenMark + g[2] + tokenMark
	})
	return out, ok
}

// display shows a rendered string with its references written as ${Name}.
func display(s string) string {
	parts := strings.Split(s, tokenMark)
	for i := 1; i < len(parts); i += 2 {
		parts[i] = "${" + parts[i] + "}"
	}
	return strings.Join(parts, "")
}

// policyName matches the characters IAM allows in a policy name.
var policyName = regexp.MustCompile(`^[\w+=,.@-]+$`)

// ManagedPolicyActions returns the actions that the current document of AWS managed policy
// name allows, as written there (wildcards included; see Expand), sorted and without
// duplicates. Only the Lambda-related policies held in the reference data's managed-policies
// folder are available. A statement that allows NotAction is an error: what it grants is not
// a list of actions.
func (r *Refs) ManagedPolicyActions(name string) ([]string, error) {
	if !policyName.MatchString(name) {
		return nil, fmt.Errorf("managed policy name %q is not valid: want letters, digits and +=,.@_-", name)
	}
	b, err := os.ReadFile(filepath.Join(r.dir, managedPolicyDir, name+".json"))
	if errors.Is(err, fs.ErrNotExist) {
		return nil, fmt.Errorf("no document for AWS managed policy %q in the reference data: add %s/%s.json or check the name", name, managedPolicyDir, name)
	}
	if err != nil {
		return nil, fmt.Errorf("read managed policy %s: %w", name, err)
	}
	var f struct {
		Document struct {
			Statement json.RawMessage
		}
	}
	if err := json.Unmarshal(b, &f); err != nil {
		return nil, fmt.Errorf("decode managed policy %s: %w", name, err)
	}
	type statement struct {
		Effect    string
		Action    stringList
		NotAction stringList
	}
	var list []statement
	if err := json.Unmarshal(f.Document.Statement, &list); err != nil {
		var one statement
		if err := json.Unmarshal(f.Document.Statement, &one); err != nil {
			return nil, fmt.Errorf("decode statements of managed policy %s: %w", name, err)
		}
		list = []statement{one}
	}
	seen := map[string]bool{}
	var out []string
	for i, st := range list {
		if st.Effect != "Allow" {
			continue
		}
		if len(st.NotAction) > 0 {
			return nil, fmt.Errorf("statement %d of managed policy %s allows NotAction %q: it grants no finite list of actions", i, name, st.NotAction)
		}
		for _, a := range st.Action {
			if !seen[a] {
				seen[a] = true
				out = append(out, a)
			}
		}
	}
	sort.Strings(out)
	return out, nil
}

// stringList decodes a policy element given as one string or a list of strings.
type stringList []string

// UnmarshalJSON implements json.Unmarshaler.
func (l *stringList) UnmarshalJSON(b []byte) error {
	var one string
	if err := json.Unmarshal(b, &one); err == nil {
		*l = []string{one}
		return nil
	}
	return json.Unmarshal(b, (*[]string)(l))
}
