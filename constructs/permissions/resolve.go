package permissions

import (
	"fmt"
	"maps"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"
)

// Use is one feature as a role uses it, with the resources it applies to. Resource fields
// hold ARNs (CDK tokens allowed); which fields a feature reads is in its catalog row.
type Use struct {
	Feature ID
	// Resources are the feature's primary resources: queues, streams, table streams,
	// clusters, file systems.
	Resources []string
	// Keys are the customer managed KMS keys that encrypt those resources.
	Keys []string
	// AccessPoints are EFS access points the function mounts through.
	AccessPoints []string
	// Secrets are Secrets Manager secrets the feature reads (broker or cluster credentials,
	// the Parameters and Secrets extension's secrets).
	Secrets []string
	// Parameters are SSM parameter ARNs (Parameters and Secrets extension).
	Parameters []string
	// Topics and Groups are Kafka topic and consumer group names (MSK with IAM authentication).
	Topics, Groups []string
	// InVPC says the source is reached through the function's VPC (self-managed Kafka), so
	// Lambda needs network-interface actions.
	InVPC bool
}

// Request is everything a role is planned from.
type Request struct {
	// Uses are the features the function(s) use. BasicLogs is added unless Durable is used.
	Uses []Use
	// LeastPrivilege renders features as inline statements scoped to their resources instead
	// of AWS managed policies.
	LeastPrivilege bool
	// FunctionNames are the names of the functions that use the role: least-privilege logs
	// go to /aws/lambda/<name> unless LogGroups are given.
	FunctionNames []string
	// LogGroups are the names of the log groups the functions write to.
	LogGroups []string
	// BindLater says the functions' log groups are given later, one by one (the construct's
	// Bind): a least-privilege plan without FunctionNames or LogGroups then has no logs
	// statements yet, instead of failing.
	BindLater bool
	// LogGroupsCreated says the stack creates the log groups, so the role needs no
	// logs:CreateLogGroup.
	LogGroupsCreated bool
	// Subnets and SecurityGroups are the ARNs of the VPC subnets and security groups the
	// functions attach to; least-privilege VPC statements are scoped to them when given.
	Subnets, SecurityGroups []string
	// ManagedPolicies are extra AWS managed policies by bare name ("AmazonS3ReadOnlyAccess")
	// or path and name ("service-role/AWSLambdaRole").
	ManagedPolicies []string
	// CustomerManagedPolicyARNs are customer managed policies to attach.
	CustomerManagedPolicyARNs []string
	// Templates are policy templates applied to their arguments (AWS SAM's, the Lambda
	// console's): their statements join the inline policy under Sids named after the template,
	// after the features' and before Statements.
	Templates []TemplateUse
	// Statements are extra inline statements.
	Statements []Statement
	// Trust are extra service principals allowed to assume the role.
	Trust []string

	RoleName, Path, Description, PermissionsBoundary string
	MaxSessionDuration                               time.Duration
	// MaxManagedPolicies is the account's managed-policies-per-role quota: 10 by default, up
	// to 20 once raised.
	MaxManagedPolicies int
	Tags               map[string]string
}

// Warning is an advisory with a stable id that users can acknowledge.
type Warning struct {
	ID      string
	Message string
}

// Wildcard records a statement on "*" and why, for compliance tools: the catalog's, where IAM
// supports no resource-level permission for the actions, and the user's, with the reason
// UserWildcard.
type Wildcard struct {
	Sid     string
	Actions []string
	Reason  string
}

// AttachedPolicy is a managed policy on the role and the feature it came from ("" for the
// user's own).
type AttachedPolicy struct {
	ManagedPolicy
	Feature ID
}

// Plan is a resolved role: everything the construct renders, already within quota.
type Plan struct {
	// Features are the features the role grants, in catalog order.
	Features []ID
	// Trust are the service principals that may assume the role.
	Trust []string
	// LogGroups are the log groups a least-privilege role's logs statements are scoped to.
	LogGroups []string
	// Replicated is true when a feature makes the role serve Lambda@Edge functions, which
	// Lambda replicates to every region (Definition.Replicated).
	Replicated bool
	// ManagedPolicies are the AWS managed policies, deduplicated, in catalog order then the
	// user's order.
	ManagedPolicies []AttachedPolicy
	// CustomerManagedPolicyARNs are the user's customer managed policies.
	CustomerManagedPolicyARNs []string
	// Statements are the inline statements, in catalog order then the user's. A statement
	// several features need appears once, and features' statements on the same resources (or
	// with the same actions) and conditions are one statement, under a Sid that joins
	// theirs (TracingAndKinesisList), so that the template names every feature it serves.
	Statements []Statement
	// Sources maps the Sid of each feature's statement to the features that need it, in
	// catalog order: where a permission comes from. The user's statements are not in it.
	Sources map[string][]ID
	// Templates maps the Sid of each statement a policy template gave to the template's name.
	Templates map[string]string
	// Wildcards are the statements on "*" and why: every one, the user's included.
	Wildcards []Wildcard
	// Warnings are advisories (a dropped managed policy, for example).
	Warnings []Warning
	// InlineChars, TrustChars and ManagedPolicyCount are the role's quota use.
	InlineChars, TrustChars, ManagedPolicyCount int
	// MaxManagedPolicies is the managed-policy quota the plan was checked against.
	MaxManagedPolicies int
}

// FunctionLogGroup is the log group Lambda writes a function's logs to by default. Replicas
// of a Lambda@Edge function (replicated) log in the region of the edge location that ran them,
// to /aws/lambda/us-east-1.<name>.
func FunctionLogGroup(name string, replicated bool) string {
	if replicated {
		name = "us-east-1." + name
	}
	return "/aws/lambda/" + name
}

// LambdaPrincipal is the service principal every execution role trusts.
const LambdaPrincipal = "lambda.amazonaws.com"

// Resolve plans a role from a request: it applies every rule (features, resources, quotas,
// names) and returns a Plan or the first error, whose message states the value received and
// the fix.
func Resolve(req Request) (Plan, error) {
	if err := checkOptions(&req); err != nil {
		return Plan{}, err
	}
	uses, err := mergeUses(req.Uses)
	if err != nil {
		return Plan{}, err
	}
	c := &context{
		logGroups:        req.LogGroups,
		logGroupsCreated: req.LogGroupsCreated,
		functionNames:    req.FunctionNames,
		bindLater:        req.BindLater,
		subnets:          req.Subnets,
		securityGroups:   req.SecurityGroups,
	}
	c.edge = slices.ContainsFunc(uses, func(u Use) bool { return byID[u.Feature].Replicated })
	if len(c.logGroups) == 0 {
		for _, f := range req.FunctionNames {
			c.logGroups = append(c.logGroups, FunctionLogGroup(f, c.edge))
		}
	}
	p := Plan{Trust: []string{LambdaPrincipal}, MaxManagedPolicies: req.MaxManagedPolicies, Features: make([]ID, 0, len(uses)),
		LogGroups: c.logGroups, Replicated: c.edge}
	if req.LeastPrivilege {
		p.Statements = make([]Statement, 0, 3*len(uses)+len(req.Statements)) // features have 1 to 6
	}
	var owners []ID // the feature of each statement
	for _, u := range uses {
		d := byID[u.Feature]
		if err := checkResources(d, u, req.LeastPrivilege, c); err != nil {
			return Plan{}, err
		}
		p.Features = append(p.Features, d.ID)
		p.Trust = appendNew(p.Trust, d.Trust...)
		n := len(p.Statements)
		if !req.LeastPrivilege && d.Policy.Name != "" {
			p.ManagedPolicies = append(p.ManagedPolicies, AttachedPolicy{d.Policy, d.ID})
		} else {
			p.Statements = d.Scoped(p.Statements, u, c)
		}
		if d.Extra != nil {
			p.Statements = d.Extra(p.Statements, u, c)
		}
		for range len(p.Statements) - n {
			owners = append(owners, d.ID)
		}
	}
	dedupeStatements(p.Statements)
	p.Statements, p.Sources = mergeStatements(p.Statements, owners)
	for _, t := range req.Trust {
		if !slices.Contains(p.Trust, t) {
			p.Trust = append(p.Trust, t)
		}
	}
	if err := addUserPolicies(&p, &req); err != nil {
		return Plan{}, err
	}
	features := len(p.Statements)
	if err := addTemplates(&p, req.Templates); err != nil {
		return Plan{}, err
	}
	if err := addUserStatements(&p, req.Statements, nil); err != nil {
		return Plan{}, err
	}
	dedupeStatements(p.Statements[features:])
	if err := fitQuotas(&p); err != nil {
		return Plan{}, err
	}
	p.Wildcards = wildcards(p.Statements, p.Sources, p.Templates)
	return p, nil
}

// wildcards lists the statements on "*" with their reason; a statement no feature owns (in
// sources) is the user's.
func wildcards(stmts []Statement, sources map[string][]ID, templates map[string]string) []Wildcard {
	var out []Wildcard
	for _, s := range stmts {
		if slices.Equal(s.Resources, allResources) {
			reason := UserWildcard
			if len(sources[s.Sid]) > 0 {
				reason = WildcardReason("*", s.Actions...)
			} else if t := templates[s.Sid]; t != "" {
				reason = "given by policy template " + t
			}
			out = append(out, Wildcard{Sid: s.Sid, Actions: s.Actions, Reason: reason})
		}
	}
	return out
}

// UserWildcard is the reason of a Wildcard from a statement the user gave: the library did
// not choose it and cannot vouch that IAM offers nothing narrower.
const UserWildcard = "added by the user"

// mergeUses folds every use of the same feature into one, adds BasicLogs unless a feature
// replaces it, and rejects conflicts and unknown or repeated resource-less features. The
// uses come out in catalog order, and conflicts are looked for in that order, so the pair an
// error names does not depend on the request's order.
func mergeUses(in []Use) ([]Use, error) {
	out := make([]Use, 0, len(in)+1)
	for _, u := range in {
		d, ok := byID[u.Feature]
		if !ok {
			return nil, Errorf(ErrFeatureUnknown, "unknown feature %q: use one of %s", u.Feature, featureList())
		}
		i := slices.IndexFunc(out, func(o Use) bool { return o.Feature == u.Feature })
		if i < 0 {
			// Insert in catalog order.
			at := slices.IndexFunc(out, func(o Use) bool { return byID[o.Feature].position > d.position })
			if at < 0 {
				at = len(out)
			}
			out = slices.Insert(out, at, u)
			continue
		}
		if d.Needs == "" && u.Feature != BasicLogs {
			return nil, Errorf(ErrFeatureRepeated, "feature %q given twice: give each feature once", u.Feature)
		}
		out[i].absorb(u)
	}
	has := func(id ID) bool { return slices.ContainsFunc(out, func(u Use) bool { return u.Feature == id }) }
	replaced := slices.ContainsFunc(out, func(u Use) bool { return len(byID[u.Feature].Replaces) > 0 })
	if !replaced && !has(BasicLogs) {
		out = slices.Insert(out, 0, Use{Feature: BasicLogs}) // first in the catalog
	}
	for _, u := range out {
		d := byID[u.Feature]
		for _, c := range d.Conflicts {
			if has(c) {
				return nil, Errorf(ErrFeatureConflict, "features %q and %q conflict: %q already grants what %q does, give only %q", c, d.ID, c, d.ID, c)
			}
		}
	}
	if replaced {
		var gone []ID
		for _, u := range out {
			gone = append(gone, byID[u.Feature].Replaces...)
		}
		out = slices.DeleteFunc(out, func(u Use) bool { return slices.Contains(gone, u.Feature) })
	}
	return out, nil
}

func featureList() string {
	ids := make([]string, len(Catalog))
	for i, d := range Catalog {
		ids[i] = string(d.ID)
	}
	return strings.Join(ids, ", ")
}

func appendNew(dst []string, src ...string) []string {
	for _, s := range src {
		if !slices.Contains(dst, s) {
			dst = append(dst, s)
		}
	}
	return dst
}

// checkResources validates a feature's resources and, in least-privilege mode, that it has
// what its statements are scoped to.
func checkResources(d *Definition, u Use, leastPrivilege bool, c *context) error {
	for _, r := range u.Resources {
		if d.Shape != nil {
			if err := d.Shape.check(r, d.ID, ""); err != nil {
				return err
			}
			continue
		}
		// The construct passes what the extension reads as its resources too.
		if !slices.Contains(u.Secrets, r) && !slices.Contains(u.Parameters, r) {
			fix := d.NoResources
			if fix == "" {
				fix = "the feature acts on no resource of its own: leave them out"
			}
			return Errorf(ErrFeatureTakesNoResource, "feature %q takes no resource ARNs, got %q: %s", d.ID, r, fix)
		}
	}
	for _, field := range [...]struct {
		values []string
		shape  *Shape
		label  string
	}{{u.Keys, keyShape, "key "}, {u.AccessPoints, d.AccessPointShape, "access point "}, {u.Secrets, secretShape, "secret "}, {u.Parameters, parameterShape, "parameter "}} {
		if field.shape == nil && len(field.values) > 0 {
			return Errorf(ErrFeatureTakesNoResource, "feature %q takes no access points, got %q: give them to the file system feature they belong to", d.ID, field.values)
		}
		for _, v := range field.values {
			if err := field.shape.check(v, d.ID, field.label); err != nil {
				return err
			}
		}
	}
	if d.ID == MSK && len(u.Topics)+len(u.Groups) > 0 && len(u.Resources) == 0 {
		return Errorf(ErrFeatureMissingResource, "feature %q: Kafka topics and consumer groups need the cluster ARN they belong to: pass MSKWithIAM(clusterArn, topics, groups)", d.ID)
	}
	if d.NeedsTopics && (len(u.Topics) == 0 || slices.Contains(u.Topics, "")) {
		return Errorf(ErrFeatureMissingResource, "feature %q has no topic, or an empty one: pass %s", d.ID, d.Needs)
	}
	has := len(u.Resources) > 0 || d.Shape == nil && len(u.Secrets)+len(u.Parameters) > 0
	if d.NeedsAlways && !has {
		return Errorf(ErrFeatureMissingResource, "feature %q has no resource: pass %s", d.ID, d.Needs)
	}
	if d.NeedsSecret != "" && len(u.Secrets) == 0 {
		return Errorf(ErrFeatureMissingSecret, "feature %q has no credentials secret: pass %s", d.ID, d.NeedsSecret)
	}
	if !leastPrivilege {
		return nil
	}
	if d.Needs != "" && !has && !d.FunctionScoped {
		return Errorf(ErrFeatureMissingResource, "feature %q in least-privilege mode has no resource: pass %s", d.ID, d.Needs)
	}
	if d.LogScoped && len(c.logGroups) == 0 && !c.bindLater {
		return Errorf(ErrLogGroupMissing, "least-privilege mode needs the function's log group to scope logs to: give the function's name (its log group is /aws/lambda/<name>) or its log group")
	}
	if d.FunctionScoped && len(c.functionNames) == 0 {
		return Errorf(ErrFeatureMissingResource, "feature %q in least-privilege mode has no resource: pass %s", d.ID, d.Needs)
	}
	return nil
}

func checkOptions(r *Request) error {
	for _, f := range r.FunctionNames {
		if !IsToken(f) && (len(f) > 64 || !functionNameRE.MatchString(f)) {
			return Errorf(ErrFunctionNameInvalid, "function name %q is not valid: a Lambda function name is 1 to 64 letters, digits, hyphens and underscores", f)
		}
	}
	for _, g := range r.LogGroups {
		if !IsToken(g) && (len(g) > 512 || !logGroupRE.MatchString(g)) {
			return Errorf(ErrLogGroupInvalid, "log group %q is not valid: a log group name is 1 to 512 letters, digits and ._-/#", g)
		}
	}
	for _, sn := range r.Subnets {
		if err := subnetShape.check(sn, "", "subnet "); err != nil {
			return err
		}
	}
	for _, sg := range r.SecurityGroups {
		if err := securityGroupShape.check(sg, "", "security group "); err != nil {
			return err
		}
	}
	if r.RoleName != "" && !IsToken(r.RoleName) {
		if n := utf8.RuneCountInString(r.RoleName); n > MaxRoleNameLen {
			return Errorf(ErrRoleNameInvalid, "role name %q is %d characters: IAM allows at most %d", r.RoleName, n, MaxRoleNameLen)
		}
		if !roleNameRE.MatchString(r.RoleName) {
			return Errorf(ErrRoleNameInvalid, "role name %q has characters IAM does not allow: use letters, digits and +=,.@_-", r.RoleName)
		}
	}
	if r.Path != "" && !IsToken(r.Path) {
		if n := utf8.RuneCountInString(r.Path); n > MaxPathLen {
			return Errorf(ErrPathInvalid, "path %q is %d characters: IAM allows at most %d", r.Path, n, MaxPathLen)
		}
		if !pathRE.MatchString(r.Path) {
			return Errorf(ErrPathInvalid, "path %q is not valid: a path starts and ends with / and holds printable ASCII, e.g. /service/", r.Path)
		}
	}
	if n := utf8.RuneCountInString(r.Description); n > MaxDescriptionLen {
		return Errorf(ErrDescriptionInvalid, "description is %d characters: IAM allows at most %d", n, MaxDescriptionLen)
	}
	if !IsToken(r.Description) && !descriptionRE.MatchString(r.Description) {
		return Errorf(ErrDescriptionInvalid, "description %q has characters IAM does not allow: use printable Latin-1 text", r.Description)
	}
	if r.PermissionsBoundary != "" {
		if err := checkPolicyARN(r.PermissionsBoundary, "permissions boundary"); err != nil {
			return err
		}
	}
	if d := r.MaxSessionDuration; d != 0 {
		if d < MinSessionDuration || d > MaxSessionDuration || d%time.Second != 0 {
			return Errorf(ErrSessionDurationInvalid, "max session duration %s is out of range: give whole seconds from 1h to 12h", d)
		}
	}
	switch m := r.MaxManagedPolicies; {
	case m == 0:
		r.MaxManagedPolicies = DefaultMaxManagedPolicies
	case m < 1 || m > MaxManagedPoliciesRaised:
		return Errorf(ErrMaxManagedPoliciesInvalid, "max managed policies %d is out of range: IAM allows 1 to %d per role (10 unless raised)", m, MaxManagedPoliciesRaised)
	}
	if len(r.Tags) > MaxTags {
		return Errorf(ErrTagInvalid, "%d tags: IAM allows at most %d on a role", len(r.Tags), MaxTags)
	}
	if err := checkTags(r.Tags); err != nil {
		return err
	}
	for _, t := range r.Trust {
		if !strings.HasSuffix(t, ".amazonaws.com") {
			return Errorf(ErrTrustInvalid, "trusted service %q is not a service principal: give a name such as edgelambda.amazonaws.com", t)
		}
	}
	return nil
}

// checkTags checks tags in key order, so that of several bad tags the same is reported.
func checkTags(tags map[string]string) error {
	if len(tags) == 0 {
		return nil
	}
	for _, k := range slices.Sorted(maps.Keys(tags)) {
		v := tags[k]
		if k == "" || utf8.RuneCountInString(k) > 128 || strings.HasPrefix(strings.ToLower(k), "aws:") || !tagKeyRE.MatchString(k) {
			return Errorf(ErrTagInvalid, `tag key %q is not valid: use 1 to 128 letters, digits, spaces and _.:/=+-@, and do not start it with "aws:"`, k)
		}
		if utf8.RuneCountInString(v) > 256 || !tagKeyRE.MatchString(v) {
			return Errorf(ErrTagInvalid, "tag %q value %q is not valid: use up to 256 letters, digits, spaces and _.:/=+-@", k, v)
		}
	}
	return nil
}

func checkPolicyARN(s, what string) error {
	if IsToken(s) && !strings.HasPrefix(s, "arn:") {
		return nil
	}
	a, ok := ParseARN(s)
	if !ok || a.Service != "iam" || !strings.HasPrefix(a.Resource, "policy/") {
		return Errorf(ErrPolicyArnInvalid, "%s %q is not a managed policy ARN: give arn:aws:iam::<account>:policy/<name>", what, s)
	}
	if strings.ContainsAny(a.Resource, "*?") {
		return Errorf(ErrPolicyArnInvalid, "%s %q is a wildcard: give one policy's ARN", what, s)
	}
	return nil
}

func addUserPolicies(p *Plan, r *Request) error {
	for _, name := range r.ManagedPolicies {
		mp, err := LookupManagedPolicy(name)
		if err != nil {
			return err
		}
		if !slices.ContainsFunc(p.ManagedPolicies, func(a AttachedPolicy) bool { return a.ManagedPolicy == mp }) {
			p.ManagedPolicies = append(p.ManagedPolicies, AttachedPolicy{ManagedPolicy: mp})
		}
	}
	for _, arn := range r.CustomerManagedPolicyARNs {
		if err := checkPolicyARN(arn, "customer managed policy"); err != nil {
			return err
		}
		p.CustomerManagedPolicyARNs = appendNew(p.CustomerManagedPolicyARNs, arn)
	}
	return nil
}

// TemplateUse is a policy template applied to its arguments: its name and its statements.
type TemplateUse struct {
	Name       string
	Statements []Statement
	// Err is what went wrong applying the template, reported by the role it is given to.
	Err error
}

// addTemplates adds the templates' statements, each under a Sid made of the template name's
// letters and digits, numbered from the second statement of that name on
// (DynamoDBCrudPolicy, DynamoDBCrudPolicy2), and records which template gave each.
func addTemplates(p *Plan, uses []TemplateUse) error {
	if len(uses) == 0 {
		return nil
	}
	p.Templates = map[string]string{}
	count := map[string]int{}
	var stmts []Statement
	var origin []string // the template each statement comes from, for messages
	for i, t := range uses {
		if t.Err != nil {
			return Errorf(ErrTemplateInvalid, "Templates[%d]: %v", i, t.Err)
		}
		base := strings.Map(func(r rune) rune {
			if r < 128 && (unicode.IsLetter(r) || unicode.IsDigit(r)) {
				return r
			}
			return -1
		}, t.Name)
		if base == "" || len(t.Statements) == 0 {
			return Errorf(ErrTemplateInvalid, "Templates[%d] (%q) has no name or no statements: apply a policy template by its name with templates.Apply", i, t.Name)
		}
		for k, s := range t.Statements {
			origin = append(origin, fmt.Sprintf("statement %d of Templates[%d] (%q)", k, i, t.Name))
			count[base]++
			s.Sid = base
			if n := count[base]; n > 1 {
				s.Sid += strconv.Itoa(n)
			}
			stmts = append(stmts, s)
		}
	}
	if err := addUserStatements(p, stmts, origin); err != nil {
		return err
	}
	j := 0
	for _, t := range uses {
		for range t.Statements {
			p.Templates[stmts[j].Sid] = t.Name
			j++
		}
	}
	return nil
}

func addUserStatements(p *Plan, stmts []Statement, origin []string) error {
	if len(stmts) == 0 {
		return nil
	}
	// The features' Sids are the keys of p.Sources.
	sids := make(map[string]bool, len(stmts))
	for i, s := range stmts {
		where := fmt.Sprintf("statement at Statements[%d]", i)
		fix := "give each statement its own sid"
		switch {
		case origin != nil:
			// A template's statement: its Sid is the template's name, not the user's to change.
			where = fmt.Sprintf("%s, sid %q,", origin[i], s.Sid)
			fix = "a feature of the role has that sid: apply the template under another name, or give its statements as Statements with sids of your own"
		case s.Sid != "":
			where = fmt.Sprintf("statement %q", s.Sid)
		}
		if s.Sid != "" {
			if !sidRE.MatchString(s.Sid) {
				return Errorf(ErrStatementInvalid, "%s: sid has characters IAM does not allow: use letters and digits only", where)
			}
			if _, feature := p.Sources[s.Sid]; feature || sids[s.Sid] || p.Templates[s.Sid] != "" {
				return Errorf(ErrStatementInvalid, "%s: sid is used twice in the role's policy: %s", where, fix)
			}
			sids[s.Sid] = true
		}
		if len(s.Actions) == 0 {
			return Errorf(ErrStatementInvalid, "%s has no actions: list the actions it allows, e.g. s3:GetObject", where)
		}
		for _, a := range s.Actions {
			if a == "*" {
				return Errorf(ErrStatementInvalid, "%s: action %q allows every action of every service: list the actions the function needs", where, a)
			}
			if !actionRE.MatchString(a) {
				return Errorf(ErrStatementInvalid, "%s: action %q is not of the form service:Action: write it like s3:GetObject or s3:Get*", where, a)
			}
		}
		if len(s.Resources) == 0 {
			return Errorf(ErrStatementInvalid, "%s has no resources: list the ARNs it applies to", where)
		}
		for _, c := range s.Conditions {
			if c.Operator == "" || c.Key == "" || len(c.Values) == 0 {
				return Errorf(ErrStatementInvalid, "%s: condition (operator %q, key %q, values %q) is incomplete: give an operator, a key and at least one value", where, c.Operator, c.Key, c.Values)
			}
		}
		p.Statements = append(p.Statements, s)
	}
	return nil
}

// dedupeStatements removes repeated actions and resources within each statement, replacing
// only the lists that have any.
func dedupeStatements(stmts []Statement) {
	for i, s := range stmts {
		if hasRepeats(s.Actions) {
			stmts[i].Actions = appendNew(nil, s.Actions...)
		}
		if hasRepeats(s.Resources) {
			stmts[i].Resources = appendNew(nil, s.Resources...)
		}
	}
}

func hasRepeats(v []string) bool {
	for i := 1; i < len(v); i++ {
		if slices.Contains(v[:i], v[i]) {
			return true
		}
	}
	return false
}
