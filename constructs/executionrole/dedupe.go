package executionrole

import (
	"slices"

	"github.com/aws/aws-cdk-go/awscdk/v2/awsiam"

	"github.com/execrole/execrole/constructs/permissions"
)

// uncovered returns what of a grant the role does not allow already, through its planned
// statements or the AWS managed policies of its features, and false when it allows all of
// it: the function's X-Ray statement beside the Tracing feature, an event source's receive
// actions beside AWSLambdaSQSQueueExecutionRole. A grant with anything but Sid, Effect Allow,
// Action and Resource (a condition, NotAction, a principal) is kept whole.
//
// Reading the grant costs one request; writing a narrower copy, one more.
func (r *ExecutionRole) uncovered(statement awsiam.PolicyStatement) (awsiam.PolicyStatement, bool) {
	js, _ := statement.ToStatementJson().(map[string]any)
	s, ok := plainAllow(js)
	if !ok {
		return statement, true
	}
	left, any := permissions.Uncovered(s, r.allowed())
	switch {
	case !any:
		return nil, false
	case len(left.Actions) == len(s.Actions):
		return statement, true
	}
	js["Action"] = oneOrMany(left.Actions)
	return awsiam.PolicyStatement_FromJson(js), true
}

// allowed are the plan's Allowed statements with their placeholders rendered as the tokens
// grants carry, computed once per plan.
func (r *ExecutionRole) allowed() []permissions.Statement {
	if r.allowedCache != nil {
		return r.allowedCache
	}
	initShared()
	for _, s := range r.plan.Allowed() {
		s.Resources = slices.Clone(s.Resources)
		for i, res := range s.Resources {
			s.Resources[i] = shared.replacer.Replace(res)
		}
		r.allowedCache = append(r.allowedCache, s)
	}
	return r.allowedCache
}

// plainAllow reads a statement's JSON as an unconditional Allow of actions on resources.
func plainAllow(js map[string]any) (permissions.Statement, bool) {
	var s permissions.Statement
	for k, v := range js {
		switch k {
		case "Sid":
			s.Sid, _ = v.(string)
		case "Effect":
			if v != "Allow" {
				return s, false
			}
		case "Action", "Resource":
			vals, ok := stringList(v)
			if !ok {
				return s, false
			}
			if k == "Action" {
				s.Actions = vals
			} else {
				s.Resources = vals
			}
		default:
			return s, false
		}
	}
	return s, len(s.Actions) > 0 && len(s.Resources) > 0
}

func stringList(v any) ([]string, bool) {
	switch t := v.(type) {
	case string:
		return []string{t}, true
	case []any:
		out := make([]string, len(t))
		for i, e := range t {
			s, ok := e.(string)
			if !ok {
				return nil, false
			}
			out[i] = s
		}
		return out, true
	}
	return nil, false
}

func oneOrMany(v []string) any {
	if len(v) == 1 {
		return v[0]
	}
	return v
}
