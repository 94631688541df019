package executionrole

import (
	"fmt"
	"strings"
	"sync"
	"weak"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsiam"
	"github.com/aws/aws-cdk-go/awscdk/v2/awslambda"
	"github.com/aws/constructs-go/constructs/v10"
	"github.com/aws/jsii-runtime-go"

	"github.com/execrole/execrole/constructs/permissions"
)

// stackGrants holds the ExecutionRoles of one stack. It is a hidden construct of the stack
// (grantsID), so the state lives in the construct tree and goes with the app. Registered as
// the stack's validation, it removes empty inline policies and checks the inline quota of
// every granted role, with one jsii call for the whole stack.
type stackGrants struct {
	constructs.Construct
	stack awscdk.Stack
	roles []*ExecutionRole
	// app is the state of the stack's app.
	app *appRoles
	// operators are the stack's capacity provider operator roles, completed with the
	// derivation from the same scan.
	operators []*OperatorRole
	// derived says the roles have their functions' features (see derive); errs are the
	// mistakes the derived features made, reported by Validate.
	derived bool
	errs    []string
	// fingerprints are the bound roles' fingerprints, resolved together when the template is
	// (see ExecutionRole.fingerprint).
	fingerprints map[*ExecutionRole]string
}

// grantsID is the id of a stack's stackGrants.
const grantsID = "ExecutionRoleGrants"

// lastGrants is the grant state of the stack the last role was built in. Roles are mostly
// built stack after stack, so it saves the two jsii requests of finding the state in the
// tree for each role. It is a weak pointer: it keeps no app alive.
var lastGrants struct {
	sync.Mutex
	weak.Pointer[stackGrants]
}

// grantsOf returns the grant state of scope's stack, creating it (and registering its
// validation) on first use.
func grantsOf(scope constructs.Construct) *stackGrants {
	stack, ok := scope.(awscdk.Stack)
	if !ok {
		stack = awscdk.Stack_Of(scope)
	}
	lastGrants.Lock()
	defer lastGrants.Unlock()
	if g := lastGrants.Value(); g != nil && g.stack == stack {
		return g
	}
	node := stack.Node()
	g, _ := node.TryFindChild(jsii.String(grantsID)).(*stackGrants)
	if g == nil {
		g = &stackGrants{stack: stack}
		constructs.NewConstruct_Override(g, stack, jsii.String(grantsID))
		node.AddValidation(g)
		awscdk.Aspects_Of(g).Add(&deriveAspect{g}, &awscdk.AspectOptions{Priority: awscdk.AspectPriority_MUTATING()})
		g.app = appOf(node)
		g.app.stacks = append(g.app.stacks, g)
	}
	lastGrants.Pointer = weak.Make(g)
	return g
}

// Validate removes the inline policy of each role that has no statement, and reports each
// role whose grants took its inline policy over quota. Roles without grants need no check:
// the planner sized their policy when they were built.
func (g *stackGrants) Validate() *[]*string {
	var docs []any
	var roles []*ExecutionRole
	for _, r := range g.roles {
		if len(r.bound) > 0 {
			r.dropRedundantDependencies(r.resource())
		}
		switch {
		case r.empty() && !r.dropped:
			// The empty document resolves to nothing, which leaves the property out.
			r.resource().SetPolicies(r.document)
			r.dropped = true
		case r.granted:
			docs = append(docs, r.document)
			roles = append(roles, r)
		}
	}
	errs := g.unboundFunctions()
	for _, e := range g.errs {
		errs = append(errs, jsii.String(e))
	}
	if len(docs) == 0 {
		return &errs
	}
	resolved, _ := g.stack.Resolve(docs).([]any)
	for i, d := range resolved {
		doc, _ := d.(map[string]any)
		if size := documentSize(doc["Statement"]); size > permissions.MaxInlineChars {
			errs = append(errs, jsii.String(fmt.Sprintf(
				"execrole: %s: inline policy is about %d characters with the grants other constructs made to the role, over IAM's %d: give some functions or grants a role of their own",
				*roles[i].Node().Path(), size, permissions.MaxInlineChars)))
		}
	}
	return &errs
}

// unboundFunctions reports each function of the stack that runs as one of its
// least-privilege roles but was never bound to it: the role's logs statements are scoped to
// the log groups of the functions it knows, so such a function could not write a log line.
// It reads the stack's constructs in one request and each function's Role in one more, and
// only in a stack that has a least-privilege role.
func (g *stackGrants) unboundFunctions() []*string {
	byArn := map[string]*ExecutionRole{}
	for _, r := range g.roles {
		if r.req.LeastPrivilege {
			byArn[r.arn()] = r
		}
	}
	if len(byArn) == 0 {
		return nil
	}
	bound := map[awscdk.CfnResource]bool{}
	for _, r := range g.roles {
		for _, b := range r.bound {
			if b.cfn != nil {
				bound[b.cfn] = true
			}
		}
	}
	var errs []*string
	for _, c := range *g.stack.Node().FindAll(constructs.ConstructOrder_PREORDER) {
		cfn, ok := c.(awslambda.CfnFunction)
		if !ok || bound[cfn] {
			continue
		}
		role := cfn.Role()
		if role == nil {
			continue
		}
		if r, ok := byArn[*role]; ok {
			errs = append(errs, jsii.String(permissions.Errorf(permissions.ErrFunctionUnbound,
				"function %s runs as least-privilege role %s but was never bound to it, so the role's logs statements do not cover the function's log group: call Bind with the function", *cfn.Node().Path(), *r.Node().Path()).At(*r.Node().Path()).Error()))
		}
	}
	return errs
}

// addStatements adds statements to the role's inline policy, giving the role its Policies
// property back if validation removed it while the policy was empty.
func (r *ExecutionRole) addStatements(stmts ...awsiam.PolicyStatement) {
	r.document.AddStatements(stmts...)
	if r.dropped {
		r.dropped = false
		r.resource().SetPolicies(&[]any{
			&awsiam.CfnRole_PolicyProperty{PolicyName: jsii.String(inlinePolicyName), PolicyDocument: r.document},
		})
	}
}

// documentSize estimates the size IAM counts for resolved statements: their JSON without
// whitespace, with each CloudFormation intrinsic counted as the ARN it will resolve to.
func documentSize(stmts any) int {
	return len(`{"Version":"2012-10-17","Statement":}`) + jsonSize(stmts)
}

func jsonSize(v any) int {
	switch t := v.(type) {
	case string:
		return permissions.ResolvedStringSize(t)
	case []any:
		n := 2 + max(len(t)-1, 0)
		for _, e := range t {
			n += jsonSize(e)
		}
		return n
	case map[string]any:
		if s, ok := intrinsicText(t); ok {
			return permissions.ResolvedStringSize(s)
		}
		n := 2 + max(len(t)-1, 0)
		for k, e := range t {
			n += permissions.ResolvedStringSize(k) + 1 + jsonSize(e)
		}
		return n
	case nil:
		return 4
	default:
		return len(fmt.Sprint(t))
	}
}

// intrinsicText writes an intrinsic function as the planner writes values CloudFormation
// resolves: pseudo parameters as their placeholders (${AWS::Partition}), Fn::Join as its
// parts joined, anything else (a GetAtt, a Ref to a resource) as one token. Sizing that text
// counts each as the planner does.
func intrinsicText(m map[string]any) (string, bool) {
	if len(m) != 1 {
		return "", false
	}
	const token = "${Token[intrinsic]}"
	for k, v := range m {
		switch {
		case k == "Ref":
			if s := fmt.Sprint(v); strings.HasPrefix(s, "AWS::") {
				return "${" + s + "}", true
			}
			return token, true
		case k == "Fn::Join":
			args, _ := v.([]any)
			if len(args) != 2 {
				return token, true
			}
			sep, _ := args[0].(string)
			parts, _ := args[1].([]any)
			texts := make([]string, len(parts))
			for i, p := range parts {
				switch p := p.(type) {
				case string:
					texts[i] = p
				case map[string]any:
					if texts[i], _ = intrinsicText(p); texts[i] == "" {
						texts[i] = token
					}
				default:
					texts[i] = token
				}
			}
			return strings.Join(texts, sep), true
		case strings.HasPrefix(k, "Fn::"):
			return token, true
		}
	}
	return "", false
}
