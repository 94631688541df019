package conformance

import (
	"encoding/json"
	"fmt"
	"sort"
	"strings"

	"github.com/execrole/execrole/constructs/permissions"
)

// locations lists, per resource type, the properties that hold IAM policy documents, IAM
// actions and managed policy ARNs, and the check each gets. Paths are dot-separated property
// names below Properties; "*" enters every element of a list.
var locations = []struct {
	typ   string
	path  string
	check func(r *Refs, v any) []finding
}{
	{"AWS::IAM::Role", "AssumeRolePolicyDocument", (*Refs).checkPolicyDocument},
	{"AWS::IAM::Role", "Policies.*.PolicyDocument", (*Refs).checkPolicyDocument},
	{"AWS::IAM::Role", "ManagedPolicyArns.*", (*Refs).checkManagedPolicyARN},
	{"AWS::IAM::Role", "PermissionsBoundary", (*Refs).checkManagedPolicyARN},
	{"AWS::IAM::User", "Policies.*.PolicyDocument", (*Refs).checkPolicyDocument},
	{"AWS::IAM::User", "ManagedPolicyArns.*", (*Refs).checkManagedPolicyARN},
	{"AWS::IAM::User", "PermissionsBoundary", (*Refs).checkManagedPolicyARN},
	{"AWS::IAM::Group", "Policies.*.PolicyDocument", (*Refs).checkPolicyDocument},
	{"AWS::IAM::Group", "ManagedPolicyArns.*", (*Refs).checkManagedPolicyARN},
	{"AWS::IAM::Policy", "PolicyDocument", (*Refs).checkPolicyDocument},
	{"AWS::IAM::ManagedPolicy", "PolicyDocument", (*Refs).checkPolicyDocument},
	{"AWS::IAM::RolePolicy", "PolicyDocument", (*Refs).checkPolicyDocument},
	{"AWS::IAM::UserPolicy", "PolicyDocument", (*Refs).checkPolicyDocument},
	{"AWS::IAM::GroupPolicy", "PolicyDocument", (*Refs).checkPolicyDocument},
	{"AWS::Lambda::Permission", "Action", (*Refs).checkActionValue},
	{"AWS::Lambda::LayerVersionPermission", "Action", (*Refs).checkActionValue},
	{"AWS::SQS::QueuePolicy", "PolicyDocument", (*Refs).checkPolicyDocument},
	{"AWS::SQS::QueueInlinePolicy", "PolicyDocument", (*Refs).checkPolicyDocument},
	{"AWS::SNS::TopicPolicy", "PolicyDocument", (*Refs).checkPolicyDocument},
	{"AWS::SNS::TopicInlinePolicy", "PolicyDocument", (*Refs).checkPolicyDocument},
	{"AWS::S3::BucketPolicy", "PolicyDocument", (*Refs).checkPolicyDocument},
	{"AWS::KMS::Key", "KeyPolicy", (*Refs).checkPolicyDocument},
	{"AWS::KMS::ReplicaKey", "KeyPolicy", (*Refs).checkPolicyDocument},
	{"AWS::SecretsManager::ResourcePolicy", "ResourcePolicy", (*Refs).checkPolicyDocument},
	{"AWS::Kinesis::ResourcePolicy", "ResourcePolicy", (*Refs).checkPolicyDocument},
	{"AWS::DynamoDB::Table", "ResourcePolicy.PolicyDocument", (*Refs).checkPolicyDocument},
	{"AWS::DynamoDB::Table", "StreamSpecification.ResourcePolicy.PolicyDocument", (*Refs).checkPolicyDocument},
	{"AWS::ECR::Repository", "RepositoryPolicyText", (*Refs).checkPolicyDocument},
	{"AWS::Logs::ResourcePolicy", "PolicyDocument", (*Refs).checkPolicyDocument},
	{"AWS::EFS::FileSystem", "FileSystemPolicy", (*Refs).checkPolicyDocument},
	{"AWS::Events::EventBus", "Policy", (*Refs).checkPolicyDocument},
	{"AWS::ApiGateway::RestApi", "Policy", (*Refs).checkPolicyDocument},
}

// CheckAction checks that a, an action as written in a policy statement, grants at least one
// real IAM action: its service prefix and action name exist in the IAM catalogue (compared
// case-insensitively, as IAM does), or, with * and ? wildcards, it matches at least one
// catalogued action. The action "*" (or "*:*") is rejected: an execution role never needs
// every action of every service.
func (r *Refs) CheckAction(a string) error {
	if msg := r.actionProblem(a, false); msg != "" {
		return fmt.Errorf("%s", msg)
	}
	return nil
}

// actionProblem says what is wrong with action a, or returns "". allowAll accepts "*" (and
// "*:*"), for places where it grants nothing (Deny statements, NotAction).
func (r *Refs) actionProblem(a string, allowAll bool) string {
	if grantsAll(a) {
		if allowAll {
			return ""
		}
		return fmt.Sprintf("action %q grants every action of every service: list the actions needed instead", a)
	}
	prefix, name, ok := strings.Cut(a, ":")
	if !ok || prefix == "" || name == "" {
		return fmt.Sprintf("action %q is not of the form service:Action (e.g. sqs:ReceiveMessage)", a)
	}
	if !hasWildcard(prefix) {
		if _, ok := r.services[strings.ToLower(prefix)]; !ok {
			return fmt.Sprintf("action %q names unknown service prefix %q: check the prefix in the IAM Service Authorization Reference", a, prefix)
		}
	}
	if len(r.Expand(a)) > 0 {
		return ""
	}
	if hasWildcard(a) {
		return fmt.Sprintf("action pattern %q matches no IAM action: fix the pattern or list the actions", a)
	}
	return fmt.Sprintf("action %q does not exist: service %s has no action %q", a, prefix, name)
}

// grantsAll reports whether action pattern a matches every action of every service.
func grantsAll(a string) bool {
	prefix, name, ok := strings.Cut(a, ":")
	if !ok {
		return a != "" && strings.Trim(a, "*") == ""
	}
	return prefix != "" && name != "" && strings.Trim(prefix, "*") == "" && strings.Trim(name, "*") == ""
}

// Expand returns the catalogued IAM actions that a matches, as "prefix:Action" with the case
// as published, sorted. a may hold * (any run of characters) and ? (one character) wildcards
// on either side of the colon, and matches case-insensitively, as in a policy statement; "*"
// alone matches every action. A name that matches nothing yields nil.
func (r *Refs) Expand(a string) []string {
	prefix, name, ok := strings.Cut(a, ":")
	if a == "*" {
		prefix, name, ok = "*", "*", true
	}
	if !ok {
		return nil
	}
	prefix, name = strings.ToLower(prefix), strings.ToLower(name)
	var svcs []*service
	if hasWildcard(prefix) {
		for p, s := range r.services {
			if permissions.ActionMatches(prefix, p) {
				svcs = append(svcs, s)
			}
		}
		sort.Slice(svcs, func(i, j int) bool { return svcs[i].prefix < svcs[j].prefix })
	} else if s, ok := r.services[prefix]; ok {
		svcs = []*service{s}
	}
	var out []string
	for _, s := range svcs {
		if !hasWildcard(name) {
			if n, ok := s.actions[name]; ok {
				out = append(out, s.prefix+":"+n)
			}
			continue
		}
		for _, full := range s.names {
			if permissions.ActionMatches(name, full[len(s.prefix)+1:]) {
				out = append(out, full)
			}
		}
	}
	return out
}

func hasWildcard(s string) bool { return strings.ContainsAny(s, "*?") }

// checkPolicyDocument checks the actions of every statement of a policy document, given as an
// object or as JSON text. Documents and statements built by intrinsic functions other than
// Fn::If are not checked: their content is unknown until deployment.
func (r *Refs) checkPolicyDocument(doc any) []finding {
	if s, ok := doc.(string); ok {
		if err := json.Unmarshal([]byte(s), &doc); err != nil {
			return []finding{{msg: fmt.Sprintf("policy document is a string but not JSON (%v): give it as an object", err)}}
		}
	}
	var out []finding
	visit(doc, []string{"Statement"}, "", func(st any, loc string) {
		if list, ok := st.([]any); ok {
			for i, s := range list {
				visit(s, nil, fmt.Sprintf("%s[%d]", loc, i), func(s any, loc string) {
					out = append(out, r.checkStatement(s, loc)...)
				})
			}
			return
		}
		out = append(out, r.checkStatement(st, loc)...)
	})
	return out
}

// checkStatement checks the Action and NotAction entries of one policy statement.
func (r *Refs) checkStatement(st any, loc string) []finding {
	m, ok := st.(map[string]any)
	if !ok || isIntrinsic(m) {
		return nil
	}
	var out []finding
	for _, key := range []string{"Action", "NotAction"} {
		// "*" grants nothing in a Deny statement, nor as a NotAction (where it excludes all).
		allowAll := m["Effect"] == "Deny" || key == "NotAction"
		visitStrings(m[key], loc+"."+key, func(a, loc string) {
			if msg := r.actionProblem(a, allowAll); msg != "" {
				out = append(out, finding{path: loc, msg: msg})
			}
		})
	}
	return out
}

// checkActionValue checks a property that holds one action, such as the Action of an
// AWS::Lambda::Permission.
func (r *Refs) checkActionValue(v any) []finding {
	var out []finding
	visitStrings(v, "", func(a, loc string) {
		if msg := r.actionProblem(a, false); msg != "" {
			out = append(out, finding{path: loc, msg: msg})
		}
	})
	return out
}

// visitStrings calls fn with each literal string of v, a string or a list of strings, entering
// Fn::If branches. Other intrinsic functions are skipped.
func visitStrings(v any, loc string, fn func(s, loc string)) {
	visit(v, nil, loc, func(v any, loc string) {
		switch v := v.(type) {
		case string:
			fn(v, loc)
		case []any:
			for i, e := range v {
				visitStrings(e, fmt.Sprintf("%s[%d]", loc, i), fn)
			}
		}
	})
}

// ResourceLevel reports whether IAM supports resource-level permissions for the action a
// ("service:Action"): the catalogue lists at least one resource type for it. An action on
// "*" that has one could have been scoped. Unknown actions report false.
func (r *Refs) ResourceLevel(a string) bool {
	prefix, name, _ := strings.Cut(strings.ToLower(a), ":")
	s, ok := r.services[prefix]
	return ok && s.scoped[name]
}
