package executionrole

import (
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsiam"
	"github.com/aws/aws-cdk-go/awscdk/v2/awslambda"
	"github.com/aws/aws-cdk-go/awscdk/v2/awslogs"
	"github.com/aws/constructs-go/constructs/v10"
	"github.com/aws/jsii-runtime-go"

	"github.com/execrole/execrole/constructs/permissions"
)

// ExecutionRoleProps configures an ExecutionRole. The zero value is a role with the basic
// logs policy only.
type ExecutionRoleProps struct {
	// Features are what the function does that the role must allow. Basic logs are always
	// granted (Durable replaces them). Default: - basic logs only.
	Features []Feature
	// LeastPrivilege grants each feature as inline statements scoped to its resources and the
	// function's own log group, instead of AWS managed policies (which allow every resource).
	// The log groups are those of the functions bound to the role (Bind), and of FunctionName
	// or LogGroup when given. Default: - AWS managed policies.
	LeastPrivilege bool
	// FunctionName is the name of the function that uses the role (set the same name on the
	// function); least-privilege logs are scoped to /aws/lambda/<FunctionName>. Bind fails for
	// a function of another name. Bind alone scopes the logs as well, for each function bound.
	// Default: - none.
	FunctionName string
	// LogGroup is the log group the function writes to (awslambda.FunctionProps.LogGroup);
	// least-privilege logs are scoped to it, and no logs:CreateLogGroup is granted.
	// Default: - /aws/lambda/<FunctionName>.
	LogGroup awslogs.ILogGroup
	// RoleName is the physical name of the role. Default: - a name CloudFormation generates.
	RoleName string
	// Path is the role's IAM path, starting and ending with "/". Default: - "/".
	Path string
	// Description describes the role. Default: - none.
	Description string
	// PermissionsBoundaryArn is the ARN of the managed policy that bounds the role's
	// permissions. Default: - none.
	PermissionsBoundaryArn string
	// MaxSessionDuration is the longest session the role allows, from 1h to 12h.
	// Default: - 1h.
	MaxSessionDuration time.Duration
	// Tags are added to the role. Default: - none.
	Tags map[string]string
	// ManagedPolicies are extra AWS managed policies, by name ("AmazonS3ReadOnlyAccess"); the
	// library knows each one's path. Default: - none.
	ManagedPolicies []string
	// CustomerManagedPolicyArns are customer managed policies to attach. Default: - none.
	CustomerManagedPolicyArns []string
	// Templates are AWS SAM or Lambda console policy templates applied to their arguments
	// (templates.Apply("DynamoDBCrudPolicy", *table.TableName())): their statements go in the
	// role's inline policy under Sids named after the template, cdk-nag reports their
	// wildcards under those Sids (the role cannot vouch for them), and the permissions report
	// names the template as their source. Default: - none.
	Templates []permissions.TemplateUse
	// Statements are extra inline statements, on the role itself. Statements made with
	// awsiam.PolicyStatement can be added after construction with AddToPrincipalPolicy.
	// Default: - none.
	Statements []permissions.Statement
	// MaxManagedPolicies is the account's quota of managed policies per role, 10 unless
	// raised (up to 20). Default: - 10.
	MaxManagedPolicies int
	// Explicit keeps the role to what its props say: no feature is derived from the
	// functions that run as it, and a least-privilege role's functions must be bound by hand.
	// The audit reports what such a role lacks. Default: - the role derives, at synth, every
	// feature its functions' configuration and event sources reveal.
	Explicit bool
	// AcknowledgeManagedPolicies records, for cdk-nag, that the role's AWS managed policies
	// (finding AwsSolutions-IAM4) are intended, with the feature each one serves. Wildcards the
	// role chose itself are always acknowledged with their reason.
	// Default: - managed policies are left for cdk-nag to report.
	AcknowledgeManagedPolicies bool
}

// ExecutionRole is the execution role of one or more Lambda functions: one AWS::IAM::Role
// holding everything Lambda needs to run the functions and poll their event sources.
//
// It is an awsiam.Role, usable wherever an awsiam.IRole is (awslambda.FunctionProps.Role,
// queue.GrantConsumeMessages(role)). Grants that other constructs make to it land in the role
// resource's own inline policy, not in a separate AWS::IAM::Policy, so CloudFormation never
// creates a function or an event source mapping before its permissions exist.
type ExecutionRole struct {
	awsiam.Role
	// planned holds the request (AddFeatures extends it) and the plan.
	planned
	// document is the role's one inline policy, created with the role.
	document awsiam.PolicyDocument
	// dropped is true while the role's Policies property is removed because its document
	// has no statement (see stackGrants.Validate).
	dropped bool
	// granted is true once another construct has added a statement to the role.
	granted bool
	// own are the statements the library put in document (the plan's, and those AddFeatures
	// and Bind added), as rendered.
	own []any
	// ackManaged is ExecutionRoleProps.AcknowledgeManagedPolicies; nagAspect says the aspect
	// that writes the role's acknowledgements at synth is registered (see nag.go).
	ackManaged bool
	nagAspect  bool
	// allowedCache is what the plan allows, as grants write it (see allowed).
	allowedCache []permissions.Statement
	stack        *stackGrants
	// bound are the functions Bind was given, or bound at synth.
	bound []boundFunction
	// cfn is the role's resource, once read (see resource).
	cfn awsiam.CfnRole
	// functionName is ExecutionRoleProps.FunctionName.
	functionName string
	// explicit is ExecutionRoleProps.Explicit.
	explicit bool
	// grants are the statements other constructs added to the role, as kept (see prune);
	// pending the event sources' grants, held until derivation has run.
	grants, pending []grant
	// arnToken is the role's RoleArn token, once read (see arn).
	arnToken string
	// batching says derive is binding the role's functions, and batched that scopeLogsTo
	// changed the request since the plan: derive plans once for all of them.
	batching, batched bool
	// pendingPolicies are the AWS managed policies event sources attached, held until
	// derivation has run (see AddManagedPolicy).
	pendingPolicies []awsiam.IManagedPolicy
}

// boundFunction is a function bound to the role, with its resource once read: derivation
// knows it, Bind reads it when it needs it.
type boundFunction struct {
	fn  awslambda.Function
	cfn awslambda.CfnFunction
	// local says the function is in the role's stack, when known.
	local bool
	// fingerprint says the function was given to Bind, which gives it the role's
	// fingerprint; attached that it has it.
	fingerprint, attached bool
}

// resource returns the function's resource, reading it once.
func (b *boundFunction) resource() awslambda.CfnFunction {
	if b.cfn == nil {
		b.cfn, _ = b.fn.Node().DefaultChild().(awslambda.CfnFunction)
	}
	return b.cfn
}

// resource returns the role's AWS::IAM::Role, reading it once.
func (r *ExecutionRole) resource() awsiam.CfnRole {
	if r.cfn == nil {
		r.cfn = r.Node().DefaultChild().(awsiam.CfnRole)
	}
	return r.cfn
}

// inlinePolicyName names the role's one inline policy.
const inlinePolicyName = "ExecutionRole"

// NewExecutionRole creates the role. It panics, before creating anything, when props break a
// rule (an unknown managed policy, a quota, a malformed ARN, a feature without the resource
// least-privilege mode needs, a nil construct); the panic value is a *permissions.Error whose
// message names the construct path, the value and the fix, and whose ID names the mistake.
func NewExecutionRole(scope constructs.Construct, id *string, props *ExecutionRoleProps) *ExecutionRole {
	path := checkScope("NewExecutionRole", scope, id)
	if props == nil {
		props = &ExecutionRoleProps{}
	}
	req, err := request(props)
	if err != nil {
		fail(path(), err)
	}
	plan, err := permissions.Resolve(req)
	if err != nil {
		fail(path(), err)
	}
	r := &ExecutionRole{planned: planned{req: req, plan: plan}, functionName: props.FunctionName, explicit: props.Explicit}
	rp := &awsiam.RoleProps{
		AssumedBy:       principal(plan.Trust),
		ManagedPolicies: managedPolicies(plan),
	}
	// The inline policy exists from the start, so that grants need no request of their own
	// to reach it. An empty inline policy is invalid in CloudFormation: a role that still has
	// no statement when its stack is validated loses the property then.
	r.stack = grantsOf(scope)
	r.stack.roles = append(r.stack.roles, r)
	if len(plan.Statements) > 0 {
		r.own = render(permissions.Document(plan.Statements)).([]any)
		r.document = awsiam.PolicyDocument_FromJson(&map[string]any{
			"Version":   "2012-10-17",
			"Statement": r.own,
		})
	} else {
		r.document = awsiam.NewPolicyDocument(nil)
	}
	rp.InlinePolicies = &map[string]awsiam.PolicyDocument{inlinePolicyName: r.document}
	setRoleFields(rp, scope, id, props.RoleName, props.Path, props.Description, props.PermissionsBoundaryArn)
	if props.MaxSessionDuration != 0 {
		rp.MaxSessionDuration = awscdk.Duration_Seconds(jsii.Number(props.MaxSessionDuration.Seconds()))
	}
	awsiam.NewRole_Override(r, scope, id, rp)
	if plan.Replicated {
		r.checkEdgeRegion()
	}
	r.addCustomerPolicies(plan.CustomerManagedPolicyARNs)
	r.ackManaged = props.AcknowledgeManagedPolicies
	r.acknowledge()
	tag(r, props.Tags)
	r.warn(r)
	return r
}

// setRoleFields sets the role properties both kinds of role take, when given.
func setRoleFields(rp *awsiam.RoleProps, scope constructs.Construct, id *string, name, path, description, boundary string) {
	if name != "" {
		rp.RoleName = jsii.String(name)
	}
	if path != "" {
		rp.Path = jsii.String(path)
	}
	if description != "" {
		rp.Description = jsii.String(description)
	}
	if boundary != "" {
		rp.PermissionsBoundary = awsiam.ManagedPolicy_FromManagedPolicyArn(scope, jsii.String(*id+"Boundary"), jsii.String(render(boundary).(string)))
	}
}

// tag adds tags to a role, in key order.
func tag(role constructs.IConstruct, tags map[string]string) {
	if len(tags) == 0 {
		return
	}
	t := awscdk.Tags_Of(role)
	for _, k := range sortedKeys(tags) {
		t.Add(jsii.String(k), jsii.String(tags[k]), nil)
	}
}

// arn is the role's RoleArn token, read once: the derivation and the checks of a stack ask
// for it several times.
func (r *ExecutionRole) arn() string {
	if r.arnToken == "" {
		r.arnToken = *r.RoleArn()
	}
	return r.arnToken
}

// empty reports whether the role's inline policy has no statement: none planned, none granted.
func (r *ExecutionRole) empty() bool { return len(r.plan.Statements) == 0 && !r.granted }

// AddToPrincipalPolicy adds a statement to the role's own inline policy; grants from other
// constructs (queue.GrantConsumeMessages(role), table.GrantReadData(role)) arrive here. What
// the role allows already, through its features' statements or managed policies, is not
// added again: only the rest of the statement's actions, or nothing.
//
// The statement joins the policy document at once, one jsii request, so the template holds it
// however the app is synthesized; a grant an event source makes while being bound to a
// function joins it at synth, once the role has derived the source's feature, which
// supersedes it (see prune). When the stack is validated at synth, the role's whole
// inline policy is checked against IAM's 10,240-character quota, and synth fails, naming the
// role, when grants take it over.
func (r *ExecutionRole) AddToPrincipalPolicy(statement awsiam.PolicyStatement) *awsiam.AddToPrincipalPolicyResult {
	if g, ok := r.uncovered(statement); ok {
		if g.fromFunction && !r.stack.derived {
			// The features the role derives at synth may cover it, or supersede it: it waits
			// for prune.
			r.pending = append(r.pending, g)
		} else {
			r.granted = true
			r.grants = append(r.grants, g)
			r.addStatements(g.stmt)
		}
	}
	return &awsiam.AddToPrincipalPolicyResult{StatementAdded: jsii.Bool(true), PolicyDependable: r}
}

// AddManagedPolicy attaches policy to the role. An AWS managed policy that an event source
// attaches while being bound to a function (awslambdaeventsources.ManagedKafkaEventSource
// attaches AWSLambdaMSKExecutionRole, least-privilege role or not) waits for the derivation:
// the source's feature supersedes it, with that policy in default mode and scoped statements
// in least-privilege mode. A policy no derived feature serves is attached then.
func (r *ExecutionRole) AddManagedPolicy(policy awsiam.IManagedPolicy) {
	if _, fromSource, _ := grantOrigin(); fromSource && !r.stack.derived {
		r.pendingPolicies = append(r.pendingPolicies, policy)
		return
	}
	r.Role.AddManagedPolicy(policy)
}

// AddToPolicy is AddToPrincipalPolicy, for callers of the older awsiam.IRole method.
func (r *ExecutionRole) AddToPolicy(statement awsiam.PolicyStatement) *bool {
	return r.AddToPrincipalPolicy(statement).StatementAdded
}

// checkScope returns the construct path of a construct constructor makes in scope with id, as
// a function (reading it costs jsii requests, only worth paying for an error), or panics when
// either is missing.
func checkScope(constructor string, scope constructs.Construct, id *string) func() string {
	if isNil(scope) || id == nil || *id == "" {
		var got string
		switch {
		case isNil(scope):
			got = "no scope"
		case id == nil:
			got = "a nil id"
		default:
			got = "an empty id"
		}
		failf("", permissions.ErrScopeInvalid, "%s got %s: pass the stack (or construct) the role belongs in and a non-empty id, as for any construct", constructor, got)
	}
	return func() string { return *scope.Node().Path() + "/" + *id }
}

// request turns props into the planner's request, with the first mistake of a feature's
// arguments or a props field.
func request(p *ExecutionRoleProps) (permissions.Request, error) {
	req := permissions.Request{
		LeastPrivilege:            p.LeastPrivilege,
		RoleName:                  p.RoleName,
		Path:                      p.Path,
		Description:               p.Description,
		PermissionsBoundary:       p.PermissionsBoundaryArn,
		MaxSessionDuration:        p.MaxSessionDuration,
		MaxManagedPolicies:        p.MaxManagedPolicies,
		Tags:                      p.Tags,
		ManagedPolicies:           p.ManagedPolicies,
		CustomerManagedPolicyARNs: p.CustomerManagedPolicyArns,
		Templates:                 p.Templates,
		Statements:                p.Statements,
	}
	if p.FunctionName != "" {
		req.FunctionNames = []string{p.FunctionName}
	}
	// Without either, least-privilege logs are scoped to each function Bind is given.
	req.BindLater = p.LeastPrivilege && p.FunctionName == "" && p.LogGroup == nil
	if p.LogGroup != nil && isNil(p.LogGroup) {
		return req, permissions.Errorf(permissions.ErrNilArgument, "LogGroup is a nil %T: pass the awslogs.ILogGroup the function writes to (awslambda.FunctionProps.LogGroup), or leave LogGroup unset", p.LogGroup)
	}
	if p.LogGroup != nil && p.LeastPrivilege {
		req.LogGroups = []string{*p.LogGroup.LogGroupName()}
		req.LogGroupsCreated = true
	}
	for _, f := range p.Features {
		u, err := f.use(p.LeastPrivilege)
		if err != nil {
			return req, err
		}
		req.Uses = append(req.Uses, u)
	}
	return req, nil
}

func sortedKeys(m map[string]string) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// Shared jsii objects. None is a construct, and each resolves per stack at synth, so one
// instance serves every role in the process; sharing them saves a jsii round trip per use.
// They live as long as the jsii kernel: a program builds its apps before jsii.Close, as every
// CDK app's deferred Close ensures.
var (
	shared struct {
		sync.Once
		lambda   awsiam.IPrincipal
		replacer *strings.Replacer
	}
	policyCache sync.Map // permissions.ManagedPolicy -> awsiam.IManagedPolicy
)

func initShared() {
	shared.Do(func() {
		shared.lambda = awsiam.NewServicePrincipal(jsii.String(permissions.LambdaPrincipal), nil)
		shared.replacer = strings.NewReplacer(
			permissions.Partition, *awscdk.Aws_PARTITION(),
			permissions.Region, *awscdk.Aws_REGION(),
			permissions.AccountID, *awscdk.Aws_ACCOUNT_ID(),
			permissions.URLSuffix, *awscdk.Aws_URL_SUFFIX(),
		)
	})
}

func principal(trust []string) awsiam.IPrincipal {
	initShared()
	if len(trust) == 1 && trust[0] == permissions.LambdaPrincipal {
		return shared.lambda
	}
	ps := make([]awsiam.IPrincipal, len(trust))
	for i, t := range trust {
		ps[i] = awsiam.NewServicePrincipal(jsii.String(t), nil)
	}
	return awsiam.NewCompositePrincipal(ps...)
}

func managedPolicies(plan permissions.Plan) *[]awsiam.IManagedPolicy {
	if len(plan.ManagedPolicies) == 0 {
		return nil
	}
	out := make([]awsiam.IManagedPolicy, 0, len(plan.ManagedPolicies))
	for _, m := range plan.ManagedPolicies {
		v, ok := policyCache.Load(m.ManagedPolicy)
		if !ok {
			v, _ = policyCache.LoadOrStore(m.ManagedPolicy, awsiam.ManagedPolicy_FromAwsManagedPolicyName(jsii.String(m.PathName())))
		}
		out = append(out, v.(awsiam.IManagedPolicy))
	}
	return &out
}

// render replaces the plan's pseudo-parameter placeholders with CDK tokens, throughout a
// document of plain maps, slices and strings.
func render(v any) any {
	initShared()
	switch t := v.(type) {
	case string:
		if strings.Contains(t, "${AWS::") {
			return shared.replacer.Replace(t)
		}
		return t
	case []any:
		for i := range t {
			t[i] = render(t[i])
		}
		return t
	case map[string]any:
		for k := range t {
			t[k] = render(t[k])
		}
		return t
	}
	return v
}
