package permissions

import (
	"encoding/json"
	"regexp"
	"strings"
)

var tokenRE = regexp.MustCompile(`\$\{Token\[[^\]]*\]\}`)

// estimatedLen is the length s will have once CloudFormation resolves its placeholders and
// tokens, counting each at its largest likely size.
func estimatedLen(s string) int {
	n := len(s)
	if !strings.Contains(s, "${") {
		return n
	}
	for _, p := range []struct {
		s string
		n int
	}{{Partition, partitionChars}, {Region, regionChars}, {AccountID, accountChars}, {URLSuffix, urlSuffixChars}} {
		c := strings.Count(s, p.s)
		n += c * (p.n - len(p.s))
	}
	for _, t := range tokenRE.FindAllString(s, -1) {
		n += TokenEstimate - len(t)
	}
	return n
}

// PolicySize is the size IAM counts for a policy document holding stmts: its JSON without
// whitespace, with placeholders and tokens counted as they will resolve.
func PolicySize(stmts []Statement) int {
	doc := map[string]any{"Version": "2012-10-17", "Statement": Document(stmts)}
	b, _ := json.Marshal(doc)
	size := len(b)
	// Unescape what encoding/json escapes for HTML safety; IAM counts the characters.
	size -= 5 * (strings.Count(string(b), `\u003c`) + strings.Count(string(b), `\u003e`) + strings.Count(string(b), `\u0026`))
	for _, s := range stmts {
		for _, r := range s.Resources {
			size += estimatedLen(r) - len(r)
		}
		for _, c := range s.Conditions {
			for _, v := range c.Values {
				size += estimatedLen(v) - len(v)
			}
		}
	}
	return size
}

// Document renders statements as IAM policy JSON values (plain maps and slices), the shape
// CloudFormation takes in a role's Policies. A single action or resource is written as a
// string, as IAM itself writes it.
func Document(stmts []Statement) []any {
	out := make([]any, 0, len(stmts))
	for _, s := range stmts {
		m := map[string]any{"Effect": "Allow", "Action": oneOrMany(s.Actions), "Resource": oneOrMany(s.Resources)}
		if s.Sid != "" {
			m["Sid"] = s.Sid
		}
		if len(s.Conditions) > 0 {
			cond := map[string]any{}
			for _, c := range s.Conditions {
				op, _ := cond[c.Operator].(map[string]any)
				if op == nil {
					op = map[string]any{}
					cond[c.Operator] = op
				}
				op[c.Key] = oneOrMany(c.Values)
			}
			m["Condition"] = cond
		}
		out = append(out, m)
	}
	return out
}

func oneOrMany(v []string) any {
	if len(v) == 1 {
		return v[0]
	}
	out := make([]any, len(v))
	for i, s := range v {
		out[i] = s
	}
	return out
}

// TrustSize is the size IAM counts for a trust policy allowing services to assume the role.
func TrustSize(services []string) int {
	doc := map[string]any{"Version": "2012-10-17", "Statement": []any{map[string]any{
		"Effect": "Allow", "Action": "sts:AssumeRole", "Principal": map[string]any{"Service": oneOrMany(services)},
	}}}
	b, _ := json.Marshal(doc)
	return len(b)
}
