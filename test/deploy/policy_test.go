package deploy

import (
	"encoding/json"
	"fmt"
	"net/url"
	"reflect"
	"strconv"
	"strings"
	"testing"
)

// decodePolicy decodes a policy document as IAM returns it: URL-encoded JSON. moto 5.2.1
// returns the inline policies of a role made by CloudFormation (the role's Policies
// property) as the Python repr of the document ({'Statement': [...]}) instead, as its
// CloudFormation handler stores the parsed document where IAM's own PutRolePolicy stores
// the JSON text; that form is decoded too.
func decodePolicy(doc string) (any, error) {
	if strings.HasPrefix(doc, "{'") {
		return parsePython(doc)
	}
	s, err := url.PathUnescape(doc)
	if err != nil {
		return nil, fmt.Errorf("policy document is not URL-encoded: %v", err)
	}
	var v any
	if err := json.Unmarshal([]byte(s), &v); err != nil {
		return nil, fmt.Errorf("policy document is not JSON: %v: %s", err, s)
	}
	return v, nil
}

// parsePython parses a Python literal made of dicts, lists, strings, numbers, True, False
// and None into the values encoding/json would give.
func parsePython(s string) (any, error) {
	p := &pyParser{s: s}
	v, err := p.value()
	if err == nil && p.skip() < len(p.s) {
		err = fmt.Errorf("unexpected %q at %d", p.s[p.i:], p.i)
	}
	if err != nil {
		return nil, fmt.Errorf("python literal %q: %v", s, err)
	}
	return v, nil
}

type pyParser struct {
	s string
	i int
}

// skip moves past white space and returns the position.
func (p *pyParser) skip() int {
	for p.i < len(p.s) && strings.IndexByte(" \t\n\r", p.s[p.i]) >= 0 {
		p.i++
	}
	return p.i
}

func (p *pyParser) value() (any, error) {
	if p.skip() >= len(p.s) {
		return nil, fmt.Errorf("unexpected end")
	}
	switch c := p.s[p.i]; {
	case c == '{':
		m := map[string]any{}
		err := p.items('}', func() error {
			k, err := p.value()
			if err != nil {
				return err
			}
			ks, ok := k.(string)
			if !ok {
				return fmt.Errorf("dict key %v is not a string", k)
			}
			if p.skip() >= len(p.s) || p.s[p.i] != ':' {
				return fmt.Errorf("expected ':' at %d", p.i)
			}
			p.i++
			v, err := p.value()
			m[ks] = v
			return err
		})
		return m, err
	case c == '[':
		l := []any{}
		err := p.items(']', func() error {
			v, err := p.value()
			l = append(l, v)
			return err
		})
		return l, err
	case c == '\'' || c == '"':
		return p.str(c)
	}
	for word, v := range map[string]any{"True": true, "False": false, "None": nil} {
		if strings.HasPrefix(p.s[p.i:], word) {
			p.i += len(word)
			return v, nil
		}
	}
	j := p.i
	for j < len(p.s) && strings.IndexByte("+-.0123456789eE", p.s[j]) >= 0 {
		j++
	}
	f, err := strconv.ParseFloat(p.s[p.i:j], 64)
	if err != nil {
		return nil, fmt.Errorf("unexpected %q at %d", p.s[p.i:], p.i)
	}
	p.i = j
	return f, nil
}

// items parses the comma-separated items of a dict or list up to end; each calls item.
func (p *pyParser) items(end byte, item func() error) error {
	p.i++
	for {
		if p.skip() < len(p.s) && p.s[p.i] == end {
			p.i++
			return nil
		}
		if err := item(); err != nil {
			return err
		}
		if p.skip() < len(p.s) && p.s[p.i] == ',' {
			p.i++
		} else if p.i >= len(p.s) || p.s[p.i] != end {
			return fmt.Errorf("expected ',' or %q at %d", end, p.i)
		}
	}
}

// str parses a quoted Python string with its backslash escapes.
func (p *pyParser) str(quote byte) (string, error) {
	var b strings.Builder
	for p.i++; p.i < len(p.s); p.i++ {
		c := p.s[p.i]
		switch {
		case c == quote:
			p.i++
			return b.String(), nil
		case c != '\\':
			b.WriteByte(c)
			continue
		}
		if p.i++; p.i >= len(p.s) {
			break
		}
		switch e := p.s[p.i]; e {
		case 'n':
			b.WriteByte('\n')
		case 't':
			b.WriteByte('\t')
		case 'r':
			b.WriteByte('\r')
		case 'x', 'u', 'U':
			n := map[byte]int{'x': 2, 'u': 4, 'U': 8}[e]
			if p.i+n >= len(p.s) {
				return "", fmt.Errorf("short \\%c escape at %d", e, p.i)
			}
			r, err := strconv.ParseUint(p.s[p.i+1:p.i+1+n], 16, 32)
			if err != nil {
				return "", fmt.Errorf("bad \\%c escape at %d", e, p.i)
			}
			b.WriteRune(rune(r))
			p.i += n
		default:
			b.WriteByte(e)
		}
	}
	return "", fmt.Errorf("unterminated string")
}

func TestDecodePolicy(t *testing.T) {
	doc := map[string]any{
		"Version": "2012-10-17",
		"Statement": []any{map[string]any{
			"Effect": "Allow", "Action": []any{"sqs:ReceiveMessage", "sqs:DeleteMessage"},
			"Resource":  "arn:aws:sqs:us-east-1:123456789012:it's",
			"Condition": map[string]any{"Bool": map[string]any{"aws:SecureTransport": false}, "NumericLessThan": map[string]any{"n": 3.0}},
		}},
	}
	tests := []struct {
		name string
		give string
		want any
	}{
		{"url-encoded JSON, as IAM returns it", url.PathEscape(`{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["sqs:ReceiveMessage","sqs:DeleteMessage"],"Resource":"arn:aws:sqs:us-east-1:123456789012:it's","Condition":{"Bool":{"aws:SecureTransport":false},"NumericLessThan":{"n":3}}}]}`), doc},
		{"python repr, as moto returns a CloudFormation role's policy", `{'Version': '2012-10-17', 'Statement': [{'Effect': 'Allow', 'Action': ['sqs:ReceiveMessage', 'sqs:DeleteMessage'], 'Resource': "arn:aws:sqs:us-east-1:123456789012:it's", 'Condition': {'Bool': {'aws:SecureTransport': False}, 'NumericLessThan': {'n': 3}}}]}`, doc},
		{"python escapes", `{'a': 'x\'y\\z\x41\u00e9', 'b': None, 'c': []}`, map[string]any{"a": `x'y\zAé`, "b": nil, "c": []any{}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := decodePolicy(tt.give)
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("decodePolicy(%s)\n got %#v\nwant %#v", tt.give, got, tt.want)
			}
		})
	}
	for _, give := range []string{`{'a': 'b'`, `{'a' 'b'}`, `{'a': 'b'} x`, `{'a': [1, 2}`, "%7B%22a"} {
		t.Run("fails if "+give, func(t *testing.T) {
			if v, err := decodePolicy(give); err == nil {
				t.Errorf("decodePolicy(%s) = %v, want an error", give, v)
			}
		})
	}
}
