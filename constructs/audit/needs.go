package audit

import (
	"slices"
	"strings"

	"github.com/execrole/execrole/constructs/permissions"
)

// need is what a function's configuration asks of its role: the actions Lambda performs with
// the role's credentials, and the execrole feature that grants them.
type need struct {
	feature permissions.ID
	// what says what the function is configured to do, after "function X ...".
	what string
	// actions must all be allowed.
	actions []string
	// resource, when set, is a text that a statement's resource must contain unless it is
	// "*" (the Lambda Insights log group, for example).
	resource string
	// constructor is the executionrole function that adds the feature.
	constructor string
	// anyOf says one of actions is enough (the Parameters and Secrets extension reads
	// parameters, secrets, or both).
	anyOf bool
	// manual says AutoFix cannot add the feature: it needs resources only the user knows
	// (which parameters and secrets the function reads).
	manual bool
	// withSecrets says the need applies only to a use with secrets (a source or a registry
	// reached with credentials).
	withSecrets bool
}

// needs is every need the audit checks, by feature: those of the catalog rows whose
// Recognition lists Required actions. Features that need no action of the role (Edge changes
// its trust; self-managed Kafka without credentials or VPC needs nothing) are derived but not
// checked.
var needs = func() map[permissions.ID]need {
	out := map[permissions.ID]need{}
	for _, d := range permissions.Catalog {
		r := d.From
		if len(r.Required) == 0 {
			continue
		}
		out[d.ID] = need{feature: d.ID, what: r.What, actions: r.Required, resource: r.RequiredIn,
			constructor: r.Constructor, anyOf: r.AnyOf, manual: r.ResourcesUnknown, withSecrets: r.RequiredWithSecrets}
	}
	return out
}()

// required is one need of one function, with the feature's use as the function's
// configuration gives it: what AutoFix adds.
type required struct {
	need
	use permissions.Use
}

// requirements lists what f's uses need of its role, in the order of the uses.
func requirements(f *function) []required {
	var out []required
	for _, u := range f.Uses {
		if n, ok := needs[u.Feature]; ok && (!n.withSecrets || len(u.Secrets) > 0) {
			out = append(out, required{need: n, use: u})
		}
	}
	return out
}

// lacks returns the actions of n that statements do not allow: all of them, for a need that
// any one of its actions meets, when none is allowed.
func lacks(n need, stmts []permissions.Statement) []string {
	var out []string
	for _, a := range n.actions {
		if !slices.ContainsFunc(stmts, func(s permissions.Statement) bool { return allows(s, a, n.resource) }) {
			out = append(out, a)
		} else if n.anyOf {
			return nil
		}
	}
	return out
}

func allows(s permissions.Statement, action, resource string) bool {
	if !slices.ContainsFunc(s.Actions, func(p string) bool { return permissions.ActionMatches(p, action) }) {
		return false
	}
	if resource == "" {
		return true
	}
	return slices.ContainsFunc(s.Resources, func(r string) bool { return r == "*" || strings.Contains(r, resource) })
}
