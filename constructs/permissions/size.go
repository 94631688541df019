package permissions

import (
	"strings"
	"unicode/utf8"
)

// estimatedExtra is how many characters s gains once CloudFormation resolves its
// placeholders and tokens, counting each at its largest likely size.
func estimatedExtra(s string) int {
	n := 0
	for {
		i := strings.Index(s, "${")
		if i < 0 {
			return n
		}
		s = s[i:]
		if p, ok := placeholderAt(s); ok {
			n += p.MaxChars - len(p.Text)
			s = s[len(p.Text):]
			continue
		}
		if strings.HasPrefix(s, tokenOpen) {
			// A token is ${Token[...]} with no "]" inside the brackets.
			k := strings.IndexByte(s[len(tokenOpen):], ']')
			if end := len(tokenOpen) + k + 1; k >= 0 && end < len(s) && s[end] == '}' {
				n += TokenEstimate - (end + 1)
				s = s[end+1:]
				continue
			}
		}
		s = s[2:]
	}
}

// placeholderAt returns the placeholder s starts with, if any.
func placeholderAt(s string) (Placeholder, bool) {
	for _, p := range Placeholders {
		if strings.HasPrefix(s, p.Text) {
			return p, true
		}
	}
	return Placeholder{}, false
}

const tokenOpen = "${Token["

// asciiJSON is the number of characters encoding/json writes for each ASCII byte inside a
// string, with HTML escaping off: quote and backslash are escaped, control characters are
// \b, \f, \n, \r, \t or \u00XX.
var asciiJSON = func() (t [utf8.RuneSelf]uint8) {
	for b := range t {
		switch {
		case b == '"' || b == '\\' || b == '\b' || b == '\f' || b == '\n' || b == '\r' || b == '\t':
			t[b] = 2
		case b < 0x20:
			t[b] = 6
		default:
			t[b] = 1
		}
	}
	return t
}()

// jsonString is the number of characters of s as a JSON string, quotes included, written as
// encoding/json writes it (invalid UTF-8 and U+2028, U+2029 as \u escapes) without HTML
// escaping: IAM counts <, > and & once.
func jsonString(s string) int {
	// Eight bytes at a time while none needs a closer look: most text is plain ASCII.
	i := 0
	for ; i+8 <= len(s); i += 8 {
		w := uint64(s[i]) | uint64(s[i+1])<<8 | uint64(s[i+2])<<16 | uint64(s[i+3])<<24 |
			uint64(s[i+4])<<32 | uint64(s[i+5])<<40 | uint64(s[i+6])<<48 | uint64(s[i+7])<<56
		if special(w) {
			break
		}
	}
	n := 2 + i
	for i < len(s) {
		if b := s[i]; b < utf8.RuneSelf {
			n += int(asciiJSON[b])
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 || r == '\u2028' || r == '\u2029' {
			n += 6
		} else {
			n++
		}
		i += size
	}
	return n
}

// special reports whether any of the eight bytes in w is not plain ASCII that JSON writes as
// it is: a byte of a multi-byte character, a control character, a quote or a backslash.
func special(w uint64) bool {
	const ones, highs = 0x0101010101010101, 0x8080808080808080
	// With no high bit set, (v - n*ones) &^ v & highs is non-zero when a byte of v is below n.
	below := func(v, n uint64) bool { return (v-n*ones)&^v&highs != 0 }
	return w&highs != 0 || below(w, 0x20) || below(w^'"'*ones, 1) || below(w^'\\'*ones, 1)
}

// oneOrManySize is the size of values written as oneOrMany writes them: one value as a
// string, any other number as a list. With resolved, placeholders and tokens count as they
// will resolve (resources and condition values hold them; actions do not).
func oneOrManySize(values []string, resolved bool) int {
	n := 0
	if len(values) != 1 {
		n = 2 + max(len(values)-1, 0) // brackets and commas
	}
	for _, v := range values {
		n += jsonString(v)
		if resolved {
			n += estimatedExtra(v)
		}
	}
	return n
}

// conditionSize is the size of the "Condition" member's value as Document writes it:
// conditions grouped by operator, and for a key given twice under one operator, the last.
func conditionSize(cs []Condition) int {
	n := 2 // braces of the operator map
	ops := 0
	for i, c := range cs {
		if !firstOperator(cs, i) {
			continue
		}
		if ops > 0 {
			n++ // comma between operators
		}
		ops++
		n += jsonString(c.Operator) + 1 + 2 // "op":{}
		keys := 0
		for j := i; j < len(cs); j++ {
			if cs[j].Operator != c.Operator || !lastKey(cs, j) {
				continue
			}
			if keys > 0 {
				n++
			}
			keys++
			n += jsonString(cs[j].Key) + 1 + oneOrManySize(cs[j].Values, true)
		}
	}
	return n
}

func firstOperator(cs []Condition, i int) bool {
	for _, c := range cs[:i] {
		if c.Operator == cs[i].Operator {
			return false
		}
	}
	return true
}

func lastKey(cs []Condition, i int) bool {
	for _, c := range cs[i+1:] {
		if c.Operator == cs[i].Operator && c.Key == cs[i].Key {
			return false
		}
	}
	return true
}

// statementSize is the size of one statement as Document writes it, with its members in
// encoding/json's order (Action, Condition, Effect, Resource, Sid).
func statementSize(s Statement) int {
	n := len(`{"Action":`) + oneOrManySize(s.Actions, false) + len(`,"Effect":"Allow","Resource":`) + oneOrManySize(s.Resources, true) + len(`}`)
	if len(s.Conditions) > 0 {
		n += len(`,"Condition":`) + conditionSize(s.Conditions)
	}
	if s.Sid != "" {
		n += len(`,"Sid":`) + jsonString(s.Sid)
	}
	return n
}

// PolicySize is the size IAM counts for a policy document holding stmts: its JSON without
// whitespace, in characters, with placeholders and tokens counted as they will resolve. It
// is computed without building the document: a role is planned in microseconds.
func PolicySize(stmts []Statement) int {
	n := len(`{"Statement":[],"Version":"2012-10-17"}`) + max(len(stmts)-1, 0)
	for _, s := range stmts {
		n += statementSize(s)
	}
	return n
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
	return len(`{"Statement":[{"Action":"sts:AssumeRole","Effect":"Allow","Principal":{"Service":}}],"Version":"2012-10-17"}`) +
		oneOrManySize(services, false)
}

// ResolvedStringSize is the size IAM counts for s as a JSON string in a policy, quotes
// included, once CloudFormation resolves its placeholders and tokens: the same count
// PolicySize makes for each resource. The construct uses it to size policy documents that
// other constructs' grants went into.
func ResolvedStringSize(s string) int { return jsonString(s) + estimatedExtra(s) }
