package permissions

import "slices"

// Uncovered returns what of s the statements have do not already allow: s with the actions
// that have allows on every resource of s taken out, and false when none is left. A statement
// of have covers an action on a resource when it has no conditions (or the same as s) and one
// of its actions and one of its resources match them as IAM matches, with "*" and "?" as
// wildcards (actions ignore case). A resource holding a token or placeholder is matched only
// as written, or by "*" alone: its value is unknown until deploy. Matching never widens: what
// is left may repeat a permission, never drop one.
func Uncovered(s Statement, have []Statement) (Statement, bool) {
	left := s
	left.Actions = nil
	for _, a := range s.Actions {
		if !slices.ContainsFunc(s.Resources, func(r string) bool { return !covered(a, r, s.Conditions, have) }) {
			continue
		}
		left.Actions = append(left.Actions, a)
	}
	if len(left.Actions) == 0 || len(s.Resources) == 0 {
		return Statement{}, false
	}
	left.Resources = slices.Clone(s.Resources)
	return left, true
}

func covered(action, resource string, conds []Condition, have []Statement) bool {
	for _, h := range have {
		if len(h.Conditions) > 0 && !sameConditions(h.Conditions, conds) {
			continue
		}
		if slices.ContainsFunc(h.Actions, func(p string) bool { return ActionMatches(p, action) }) &&
			slices.ContainsFunc(h.Resources, func(p string) bool { return resourceMatches(p, resource) }) {
			return true
		}
	}
	return false
}

func resourceMatches(pattern, resource string) bool {
	if pattern == "*" || pattern == resource {
		return true
	}
	if IsToken(pattern) || IsToken(resource) {
		return false
	}
	return glob(pattern, resource)
}

// Allowed are the statements the plan's role holds: its inline statements and the statements
// of the AWS managed policies it attaches for its features (as catalogued; a managed policy
// the user named is not counted, as the library holds no document of it).
func (p Plan) Allowed() []Statement {
	out := slices.Clip(p.Statements)
	for _, m := range p.ManagedPolicies {
		if d, ok := byID[m.Feature]; ok && d.Policy == m.ManagedPolicy {
			out = append(out, d.Grants...)
		}
	}
	return out
}
