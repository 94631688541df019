package permissions

import (
	"fmt"
	"slices"
	"strings"
)

//go:generate go run ./internal/gen -out awsmanaged_gen.go

// awsManagedPolicy is one row of awsManaged, the generated table of every AWS managed policy.
type awsManagedPolicy struct {
	name, path string
	deprecated bool
}

// replacedBy names, for a deprecated AWS managed policy, the policy AWS says to use instead.
// The reference list names no replacement, so each entry cites where AWS does:
var replacedBy = map[string]string{
	// The AWS Managed Policy Reference says AWSLambdaFullAccess "is on a deprecation path"
	// and sends readers to the Lambda Developer Guide's "Identity-based IAM policies for
	// Lambda", which gives AWSLambda_FullAccess for full access.
	"AWSLambdaFullAccess": "AWSLambda_FullAccess",
	// The Amazon ECS Developer Guide ("Phased out AWS managed IAM policies"): update users
	// and roles to AmazonECS_FullAccess.
	"AmazonEC2ContainerServiceFullAccess": "AmazonECS_FullAccess",
}

// awsManagedByName indexes awsManaged by name.
var awsManagedByName = func() map[string]awsManagedPolicy {
	m := make(map[string]awsManagedPolicy, len(awsManaged))
	for _, p := range awsManaged {
		m[p.name] = p
	}
	return m
}()

// LookupManagedPolicy finds an AWS managed policy by bare name ("AWSLambdaSQSQueueExecutionRole")
// or by path and name ("service-role/AWSLambdaRole"), in the table of every AWS managed
// policy. An unknown name is an error that suggests the closest current one; a path other
// than the one AWS publishes the policy at is an error that gives the right one; a deprecated
// policy, which AWS no longer lets a new role attach, is an error that names its replacement
// where AWS names one.
func LookupManagedPolicy(name string) (ManagedPolicy, error) {
	if name == "" {
		return ManagedPolicy{}, Errorf(ErrManagedPolicyInvalid, "managed policy name is empty: give a name such as AWSLambdaBasicExecutionRole")
	}
	if strings.HasPrefix(name, "arn:") {
		return ManagedPolicy{}, Errorf(ErrManagedPolicyInvalid, "managed policy %q is an ARN: give the bare name (%s), or pass the ARN as a customer managed policy", name, name[strings.LastIndex(name, "/")+1:])
	}
	base, path := name, ""
	if i := strings.LastIndex(name, "/"); i >= 0 {
		path, base = "/"+strings.Trim(name[:i], "/")+"/", name[i+1:]
		if path == "//" {
			path = "/"
		}
		if base == "" || !roleNameRE.MatchString(base) || !pathRE.MatchString(path) {
			return ManagedPolicy{}, Errorf(ErrManagedPolicyInvalid, "managed policy %q is not a valid path and name: write it like service-role/AWSLambdaRole", name)
		}
	}
	p, ok := awsManagedByName[base]
	if !ok {
		return ManagedPolicy{}, Errorf(ErrManagedPolicyUnknown, "unknown AWS managed policy %q: AWS publishes no managed policy named %s; did you mean %q? (a policy of your own account goes in the customer managed policies, by ARN)", name, base, closestManaged(base))
	}
	if p.deprecated {
		fix := "choose a current AWS managed policy, or grant the actions the function needs as statements"
		if r, ok := replacedBy[p.name]; ok {
			fix = "use " + r + ", which AWS names as its replacement"
		}
		return ManagedPolicy{}, Errorf(ErrManagedPolicyDeprecated, "AWS managed policy %q is deprecated: AWS no longer lets a new role attach it; %s", name, fix)
	}
	if path != "" && path != p.path {
		known := ManagedPolicy{Name: p.name, Path: p.path}
		fix := "give the bare name " + base
		if known.Path != "/" {
			fix = "give " + known.PathName() + " or the bare name " + base
		}
		return ManagedPolicy{}, Errorf(ErrManagedPolicyInvalid, "managed policy %q has the wrong path: AWS publishes %s at %s, not %s; %s", name, base, known.Path, path, fix)
	}
	return ManagedPolicy{Name: p.name, Path: p.path}, nil
}

// closestManaged returns the current AWS managed policy whose name is closest to name.
func closestManaged(name string) string {
	var current []string
	for _, m := range awsManaged {
		if !m.deprecated {
			current = append(current, m.name)
		}
	}
	return Closest(name, current)
}

// Closest returns the candidate closest to name, case aside, for a "did you mean".
func Closest(name string, candidates []string) string {
	best, bestDist := "", -1
	lower := strings.ToLower(name)
	for _, c := range candidates {
		if d := distance(lower, strings.ToLower(c)); bestDist < 0 || d < bestDist {
			best, bestDist = c, d
		}
	}
	return best
}

// distance is the Levenshtein edit distance between a and b.
func distance(a, b string) int {
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}

// grantsOf returns the catalogued statements of an AWS managed policy, if the catalog has it.
func grantsOf(m ManagedPolicy) ([]Statement, bool) {
	for _, d := range Catalog {
		if d.Policy == m {
			return d.Grants, true
		}
	}
	return nil, false
}

// covers reports whether policy b grants every action of a on every resource: each action of
// a appears in a statement of b on "*" with no condition.
func covers(b, a []Statement) bool {
	for _, s := range a {
		for _, act := range s.Actions {
			if !slices.ContainsFunc(b, func(t Statement) bool {
				return len(t.Conditions) == 0 && slices.Equal(t.Resources, allResources) && slices.Contains(t.Actions, act)
			}) {
				return false
			}
		}
	}
	return true
}

// fitQuotas checks every size quota. Over the managed-policy quota, it first drops policies
// whose permissions another attached policy holds, with a warning each.
func fitQuotas(p *Plan) error {
	count := func() int { return len(p.ManagedPolicies) + len(p.CustomerManagedPolicyARNs) }
	// Drop from the end of the catalog order backwards is not what users expect: the policies
	// most often subsumed (basic logs, network interfaces) come first, so walk forward.
	for i := 0; count() > p.MaxManagedPolicies && i < len(p.ManagedPolicies); {
		cand := p.ManagedPolicies[i]
		grants, known := grantsOf(cand.ManagedPolicy)
		dropped := false
		if known {
			for j, other := range p.ManagedPolicies {
				og, ok := grantsOf(other.ManagedPolicy)
				if j == i || !ok || !covers(og, grants) {
					continue
				}
				p.Warnings = append(p.Warnings, Warning{
					ID:      "execrole:managed-policy-dropped",
					Message: fmt.Sprintf("%s dropped to stay within %d managed policies: %s already grants all its permissions", cand.Name, p.MaxManagedPolicies, other.Name),
				})
				p.ManagedPolicies = slices.Delete(p.ManagedPolicies, i, i+1)
				dropped = true
				break
			}
		}
		if !dropped {
			i++
		}
	}
	return checkQuotas(p)
}

// checkQuotas sets the plan's quota use and fails when a quota is exceeded.
func checkQuotas(p *Plan) error {
	p.ManagedPolicyCount = len(p.ManagedPolicies) + len(p.CustomerManagedPolicyARNs)
	if p.ManagedPolicyCount > p.MaxManagedPolicies {
		var names []string
		for _, m := range p.ManagedPolicies {
			names = append(names, m.Name)
		}
		names = append(names, p.CustomerManagedPolicyARNs...)
		return Errorf(ErrQuotaManagedPolicies, "%d managed policies exceed the quota of %d per role (%s): raise the account's quota and set MaxManagedPolicies (up to %d), use least-privilege mode, or split the functions across roles",
			p.ManagedPolicyCount, p.MaxManagedPolicies, strings.Join(names, ", "), MaxManagedPoliciesRaised)
	}
	p.InlineChars = 0
	if len(p.Statements) > 0 {
		p.InlineChars = PolicySize(p.Statements)
	}
	if p.InlineChars > MaxInlineChars {
		return Errorf(ErrQuotaInlinePolicy, "inline policy is %d characters, over IAM's %d per role: %s; split these features across roles, or use managed mode for some", p.InlineChars, MaxInlineChars, sizeByFeature(p.Statements))
	}
	p.TrustChars = TrustSize(p.Trust)
	if p.TrustChars > MaxTrustChars {
		return Errorf(ErrQuotaTrustPolicy, "trust policy is %d characters, over IAM's %d: trust fewer services", p.TrustChars, MaxTrustChars)
	}
	return nil
}

// sizeByFeature lists statements' sizes, largest first, to say what to move to another role.
func sizeByFeature(stmts []Statement) string {
	type part struct {
		sid  string
		size int
	}
	var parts []part
	for _, s := range stmts {
		parts = append(parts, part{s.Sid, PolicySize([]Statement{s})})
	}
	slices.SortStableFunc(parts, func(a, b part) int { return b.size - a.size })
	var out []string
	for _, p := range parts {
		name := p.sid
		if name == "" {
			name = "(no sid)"
		}
		out = append(out, fmt.Sprintf("%s %d", name, p.size))
	}
	if len(out) > 6 {
		out = append(out[:6], "...")
	}
	return "largest statements: " + strings.Join(out, ", ")
}
