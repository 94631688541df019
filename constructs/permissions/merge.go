package permissions

import (
	"slices"
	"strconv"
	"strings"
)

// mergeStatements folds each feature statement into an earlier one of other features when
// the two allow the same thing in one statement: the same resources and conditions (the
// actions are joined), or the same actions and conditions (the resources are joined). What
// the role allows is unchanged; statements several features need (network interfaces,
// kms:Decrypt, actions on "*") appear once. A statement is never folded into one of its own
// feature's: the catalog splits those on purpose.
//
// owners[i] is the feature of stmts[i]. The merged statement keeps the first statement's
// place; its Sid joins the Sids of the statements it holds with "And" (TracingAndKinesisList),
// so that a reader of the template sees every feature it serves. sources maps each Sid to the
// features whose statements it holds, in catalog order.
func mergeStatements(stmts []Statement, owners []ID) ([]Statement, map[string][]ID) {
	out := stmts[:0] // written behind the reading
	from := make([][]ID, 0, len(stmts))
	sids := make([][]string, 0, len(stmts))
	for j := range stmts {
		s := &stmts[j]
		i := -1
		for k := range out {
			if from[k][0] != owners[j] && mergeable(&out[k], s) {
				i = k
				break
			}
		}
		if i < 0 {
			out = append(out, *s)
			from = append(from, owners[j:j+1:j+1])
			sids = append(sids, []string{s.Sid})
			continue
		}
		o := &out[i]
		// Clip, so that appending never writes into the catalog's shared action lists.
		o.Actions = appendNew(slices.Clip(o.Actions), s.Actions...)
		o.Resources = appendNew(slices.Clip(o.Resources), s.Resources...)
		if !slices.Contains(from[i], owners[j]) {
			from[i] = append(from[i], owners[j])
		}
		if s.Sid != "" {
			sids[i] = appendNew(sids[i], s.Sid)
		}
	}
	used := make(map[string]bool, len(out))
	for _, s := range out {
		used[s.Sid] = true
	}
	sources := make(map[string][]ID, len(out))
	for i := range out {
		if len(sids[i]) > 1 {
			joined := joinSids(sids[i])
			sid := joined
			for n := 2; used[sid]; n++ {
				sid = joined + strconv.Itoa(n)
			}
			used[sid] = true
			out[i].Sid = sid
		}
		sources[out[i].Sid] = from[i]
	}
	return out, sources
}

// joinSids names a statement that holds the statements sids: joined with "And", and when
// they all end in the same words (two or more, after a prefix of their own), with those words
// once: MQCreateNetworkInterface and KafkaCreateNetworkInterface make
// MQAndKafkaCreateNetworkInterface.
func joinSids(sids []string) string {
	suffix := ""
	for _, k := range wordStarts(sids[0]) {
		cand := sids[0][k:]
		ok := k > 0
		for _, o := range sids[1:] {
			ok = ok && len(o) > len(cand) && strings.HasSuffix(o, cand) && slices.Contains(wordStarts(o), len(o)-len(cand))
		}
		if ok && len(wordStarts(cand)) >= 2 {
			suffix = cand
			break
		}
	}
	prefixes := make([]string, len(sids))
	for i, s := range sids {
		prefixes[i] = strings.TrimSuffix(s, suffix)
	}
	return strings.Join(prefixes, "And") + suffix
}

// wordStarts lists where the words of a CamelCase name start, acronyms counting as one word:
// DocumentDBSecret gives 0, 8 and 10.
func wordStarts(s string) []int {
	upper := func(i int) bool { return s[i] >= 'A' && s[i] <= 'Z' }
	var out []int
	for i := range len(s) {
		if !upper(i) {
			continue
		}
		if i == 0 || !upper(i-1) || (i+1 < len(s) && !upper(i+1) && s[i+1] >= 'a' && s[i+1] <= 'z') {
			out = append(out, i)
		}
	}
	return out
}

// mergeable reports whether a and b can be one statement: the same conditions, and the same
// resources or the same actions.
func mergeable(a, b *Statement) bool {
	return sameConditions(a.Conditions, b.Conditions) && (sameSet(a.Resources, b.Resources) || sameSet(a.Actions, b.Actions))
}

// sameSet reports whether a and b, lists without repeats, hold the same values.
func sameSet(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	for _, s := range a {
		if !slices.Contains(b, s) {
			return false
		}
	}
	return true
}

func sameConditions(a, b []Condition) bool {
	return slices.EqualFunc(a, b, func(x, y Condition) bool {
		return x.Operator == y.Operator && x.Key == y.Key && slices.Equal(x.Values, y.Values)
	})
}

// Missing returns what of s the statements have do not already allow, and false when they
// allow all of it. A statement of have with the same conditions takes its actions out of s
// when it is on every resource of s, or else its resources when it has every action of s.
// Actions and resources compare as written: a wildcard covers only itself, so what is left
// may repeat a permission but never drops one. The Sid of s is kept.
func Missing(s Statement, have []Statement) (Statement, bool) {
	s.Actions, s.Resources = slices.Clone(s.Actions), slices.Clone(s.Resources)
	for _, h := range have {
		if !sameConditions(h.Conditions, s.Conditions) {
			continue
		}
		switch {
		case containsAll(h.Resources, s.Resources):
			s.Actions = slices.DeleteFunc(s.Actions, func(a string) bool { return slices.Contains(h.Actions, a) })
		case containsAll(h.Actions, s.Actions):
			s.Resources = slices.DeleteFunc(s.Resources, func(r string) bool { return slices.Contains(h.Resources, r) })
		}
		if len(s.Actions) == 0 || len(s.Resources) == 0 {
			return Statement{}, false
		}
	}
	return s, true
}

// containsAll reports whether every value of b is in a.
func containsAll(a, b []string) bool {
	for _, v := range b {
		if !slices.Contains(a, v) {
			return false
		}
	}
	return true
}
