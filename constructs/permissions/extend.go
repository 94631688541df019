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
	out.Templates = prev.Templates
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
	out.Wildcards = wildcards(out.Statements, out.Sources, out.Templates)
	return out, added, nil
}

// MergeUses adds uses to have as derivation does: a use of a feature have holds already
// lends it only the resources, keys, access points, secrets, parameters, topics and groups it
// lacks (and its VPC reach); a use of a feature that one of have's features replaces or
// conflicts with (VPC beside VPCNetworkInterfaces, basic logs beside Durable, read-write S3
// Files beside a declared read-only) is served by that feature, which takes its resources when
// it has resources of its own; any other use is appended. have is not changed; changed says
// whether the result differs from it.
func MergeUses(have []Use, add ...Use) (out []Use, changed bool) {
	out = make([]Use, len(have))
	for i, u := range have {
		out[i] = u.Clone()
	}
	for _, u := range add {
		i := slices.IndexFunc(out, func(h Use) bool { return h.Feature == u.Feature })
		if i < 0 {
			i = slices.IndexFunc(out, func(h Use) bool { return servedBy(u.Feature, h.Feature) })
			if i >= 0 && byID[out[i].Feature].Shape == nil {
				continue // served whole: the feature takes no resource
			}
		}
		if i >= 0 {
			changed = out[i].absorb(u) || changed
			continue
		}
		out = append(out, u.Clone())
		changed = true
	}
	return out, changed
}

// absorb adds to u what of o's resources, keys, access points, secrets, parameters, topics
// and groups it lacks, and o's VPC reach, and reports whether u changed. It never writes into
// the arrays u shares with another use.
func (u *Use) absorb(o Use) (changed bool) {
	for _, p := range [][2]*[]string{
		{&u.Resources, &o.Resources}, {&u.Keys, &o.Keys}, {&u.AccessPoints, &o.AccessPoints},
		{&u.Secrets, &o.Secrets}, {&u.Parameters, &o.Parameters}, {&u.Topics, &o.Topics}, {&u.Groups, &o.Groups},
	} {
		for _, v := range *p[1] {
			if v != "" && !slices.Contains(*p[0], v) {
				*p[0] = append(slices.Clip(*p[0]), v)
				changed = true
			}
		}
	}
	if o.InVPC && !u.InVPC {
		u.InVPC, changed = true, true
	}
	return changed
}

// servedBy reports whether feature have makes a use of id unnecessary: it replaces id, or
// conflicts with it as a narrower form of the same grant.
func servedBy(id, have ID) bool {
	d, ok := Lookup(have)
	return ok && (slices.Contains(d.Replaces, id) || slices.Contains(d.Conflicts, id))
}

// Clone is u with arrays of its own.
func (u Use) Clone() Use {
	u.Resources, u.Keys, u.AccessPoints = slices.Clone(u.Resources), slices.Clone(u.Keys), slices.Clone(u.AccessPoints)
	u.Secrets, u.Parameters = slices.Clone(u.Secrets), slices.Clone(u.Parameters)
	u.Topics, u.Groups = slices.Clone(u.Topics), slices.Clone(u.Groups)
	return u
}
