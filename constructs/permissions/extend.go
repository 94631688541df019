package permissions

import (
	"slices"
	"strconv"
)

// Extend plans more for a role already built from prev, as AddFeatures does: a role's
// resources only ever grow, so nothing prev attached or allowed is taken away. It resolves
// req, and returns the plan of the role afterwards and the statements to add to its inline
// policy.
//
// The plan holds prev's managed policies, trust and statements, then what req's plan adds:
// its managed policies and principals prev lacks, and of each of its statements what prev's
// statements do not already allow (Missing). Features and warnings are req's. An added
// statement whose Sid prev's policy uses gets a numbered one (KinesisRead2), so that Sources
// still says whose each statement is. The quotas are checked on the whole.
func Extend(prev Plan, req Request) (Plan, []Statement, error) {
	next, err := Resolve(req)
	if err != nil {
		return Plan{}, nil, err
	}
	out := next
	out.ManagedPolicies = slices.Clone(prev.ManagedPolicies)
	for _, m := range next.ManagedPolicies {
		if !slices.ContainsFunc(out.ManagedPolicies, func(o AttachedPolicy) bool { return o.ManagedPolicy == m.ManagedPolicy }) {
			out.ManagedPolicies = append(out.ManagedPolicies, m)
		}
	}
	out.Trust = appendNew(slices.Clone(prev.Trust), next.Trust...)
	out.CustomerManagedPolicyARNs = appendNew(slices.Clone(prev.CustomerManagedPolicyARNs), next.CustomerManagedPolicyARNs...)
	out.Statements = slices.Clone(prev.Statements)
	out.Sources = make(map[string][]ID, len(prev.Sources)+len(next.Sources))
	used := map[string]bool{}
	for _, s := range prev.Statements {
		used[s.Sid] = true
		if ids, ok := prev.Sources[s.Sid]; ok {
			out.Sources[s.Sid] = ids
		}
	}
	var added []Statement
	for _, s := range next.Statements {
		s, missing := Missing(s, out.Statements)
		if !missing {
			continue
		}
		owners, feature := next.Sources[s.Sid]
		if s.Sid != "" && used[s.Sid] {
			base := s.Sid
			for n := 2; used[s.Sid]; n++ {
				s.Sid = base + strconv.Itoa(n)
			}
		}
		used[s.Sid] = true
		if feature {
			out.Sources[s.Sid] = owners
		}
		added = append(added, s)
		out.Statements = append(out.Statements, s)
	}
	if err := checkQuotas(&out); err != nil {
		return Plan{}, nil, err
	}
	out.Wildcards = wildcards(out.Statements, out.Sources)
	return out, added, nil
}
