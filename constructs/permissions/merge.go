package permissions

import "slices"

// mergeStatements folds each feature statement into an earlier one of other features when
// the two allow the same thing in one statement: the same resources and conditions (the
// actions are joined), or the same actions and conditions (the resources are joined). What
// the role allows is unchanged; statements several features need (network interfaces,
// kms:Decrypt, actions on "*") appear once. A statement is never folded into one of its own
// feature's: the catalog splits those on purpose.
//
// owners[i] is the feature of stmts[i]. The merged statement keeps the first statement's
// place and Sid; sources maps each Sid to the features whose statements it holds, in
// catalog order.
func mergeStatements(stmts []Statement, owners []ID) ([]Statement, map[string][]ID) {
	out := stmts[:0] // written behind the reading
	from := make([][]ID, 0, len(stmts))
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
			continue
		}
		o := &out[i]
		// Clip, so that appending never writes into the catalog's shared action lists.
		o.Actions = appendNew(slices.Clip(o.Actions), s.Actions...)
		o.Resources = appendNew(slices.Clip(o.Resources), s.Resources...)
		if !slices.Contains(from[i], owners[j]) {
			from[i] = append(from[i], owners[j])
		}
	}
	sources := make(map[string][]ID, len(out))
	for i, s := range out {
		sources[s.Sid] = from[i]
	}
	return out, sources
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
