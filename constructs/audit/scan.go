package audit

import (
	"encoding/json"
	"strings"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awscloudfront"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsdynamodb"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsefs"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsevents"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsiam"
	"github.com/aws/aws-cdk-go/awscdk/v2/awskinesis"
	"github.com/aws/aws-cdk-go/awscdk/v2/awslambda"
	"github.com/aws/aws-cdk-go/awscdk/v2/awss3"
	"github.com/aws/aws-cdk-go/awscdk/v2/awssecretsmanager"
	"github.com/aws/aws-cdk-go/awscdk/v2/awssns"
	"github.com/aws/aws-cdk-go/awscdk/v2/awssqs"
	"github.com/aws/constructs-go/constructs/v10"

	"github.com/execrole/execrole/constructs/executionrole"
	"github.com/execrole/execrole/constructs/permissions"
)

// stackModel is what the audit reads from one stack: its functions, event
// source mappings and roles, with their CloudFormation properties resolved.
type stackModel struct {
	stack     awscdk.Stack
	functions []*function
	roles     map[string]*role // by logical id
	roleOrder []*role
	// types maps logical ids of queues, topics, streams and tables to their service.
	types map[string]string
	// accessPoints and fileSystems are the stack's EFS resources by logical id.
	accessPoints map[string]awsefs.CfnAccessPoint
	fileSystems  map[string]awsefs.CfnFileSystem
	// allRoles counts every AWS::IAM::Role of the stack, nested stacks' excepted.
	allRoles int
}

// function is one AWS::Lambda::Function.
type function struct {
	cfn       awslambda.CfnFunction
	node      constructs.IConstruct // the awslambda.Function, or the CfnFunction itself
	path      string
	logicalID string
	props     map[string]any // resolved properties, lowerCamel keys
	role      *role          // nil when the role is not in the stack
	roleRef   any            // the resolved Role property
	sources   []source
	// kmsKeyArn is the environment key's ARN as given (a token for a key of the app).
	kmsKeyArn string
	// destinations are the resolved ARNs of its asynchronous invocation destinations and of
	// its event source mappings' on-failure destinations.
	destinations []any
	// edge says a CloudFront distribution of the stack runs a version of the function.
	edge bool
	// uses are the features the function's configuration uses (see detect).
	uses []permissions.Use
	// fingerprint is the permissions fingerprint ExecutionRole.Bind gave the function, or "".
	fingerprint string
}

// source is an event source mapping of a function: the service of its event source ARN.
type source struct {
	service string
	// arn is the event source ARN as given (a token for a resource of the app).
	arn string
	// secrets are the Secrets Manager secrets of its source access configurations.
	secrets []string
	// inVPC says Lambda reaches the source through VPC subnets (self-managed Kafka).
	inVPC bool
}

// role is one AWS::IAM::Role of the stack.
type role struct {
	path       string
	logicalID  string
	cfn        awsiam.CfnRole
	exec       *executionrole.ExecutionRole
	statements []permissions.Statement
	// unreadable names policies whose content the audit does not know.
	unreadable []string
	// imported is the plan of a role made by executionrole.Import.
	imported *executionrole.ImportedRole
	// foreign says the role is defined outside the app and its permissions are unknown.
	foreign bool
	// arn is an imported role's ARN.
	arn string
	// managedArns are the flattened ARNs of its managed policies; docs its resolved inline
	// policy documents, each with where it comes from; trust its resolved trust policy and
	// name its resolved RoleName.
	managedArns []string
	docs        []sourcedDoc
	trust       any
	name        any
}

// sourcedDoc is a resolved policy document of a role and where it comes from: "inline" (the
// role's own Policies), "policy" (an AWS::IAM::Policy attached to it).
type sourcedDoc struct {
	source string
	doc    any
}

// scan reads a stack. Resolved properties make the audit see what the template will hold,
// whether set by an L2 construct or on the L1 with its setters; raw overrides
// (AddPropertyOverride) are not seen.
//
// With fingerprints, it also reads the fingerprint Bind gave each function, which resolves the
// function's environment: only the report does, at validation, once every aspect and grant is
// done. The fingerprint is a Lazy, which CDK resolves once and keeps, so the audit's own scan,
// which runs before AutoFix adds features, must leave it alone.
func scan(stack awscdk.Stack, fingerprints bool) *stackModel {
	m := &stackModel{stack: stack, roles: map[string]*role{}, accessPoints: map[string]awsefs.CfnAccessPoint{}, fileSystems: map[string]awsefs.CfnFileSystem{}}
	var invokeConfigs []awslambda.CfnEventInvokeConfig
	var versions []awslambda.CfnVersion
	var distributions []awscloudfront.CfnDistribution
	types := map[string]string{}
	m.types = types
	var esms []awslambda.CfnEventSourceMapping
	var policies []any // resolved {roles, doc} of AWS::IAM::Policy and ManagedPolicy resources
	var managedByID = map[string]any{}
	var pending []any // property maps to resolve in one call
	var nested []string
	stackPath := *stack.Node().Path()
	inNested := func(c constructs.IConstruct) (string, bool) {
		p := *c.Node().Path()
		for _, n := range nested {
			if strings.HasPrefix(p, n+"/") {
				return p, true
			}
		}
		return p, false
	}
	for _, c := range *stack.Node().FindAll(constructs.ConstructOrder_PREORDER) {
		switch v := c.(type) {
		case awscdk.Stack:
			if p := *v.Node().Path(); p != stackPath {
				nested = append(nested, p)
			}
		case awslambda.CfnFunction:
			p, skip := inNested(v)
			if skip {
				continue
			}
			f := &function{cfn: v, node: v, path: p, logicalID: *stack.GetLogicalId(v)}
			if l2, ok := v.Node().Scope().(awslambda.Function); ok {
				f.node, f.path = l2, strings.TrimSuffix(p, "/Resource")
			}
			key := v.KmsKeyArn()
			if key != nil {
				f.kmsKeyArn = *key
			}
			m.functions = append(m.functions, f)
			types[f.logicalID] = "lambda"
			fp := props(map[string]any{
				"role": v.Role(), "vpcConfig": v.VpcConfig(), "tracingConfig": v.TracingConfig(),
				"layers": v.Layers(), "deadLetterConfig": v.DeadLetterConfig(), "kmsKeyArn": key,
				"fileSystemConfigs": v.FileSystemConfigs(),
			})
			if fingerprints {
				// The L1 getter turns the environment, which awslambda.Function sets lazily,
				// into a struct that loses the variables; the raw properties keep them. They go
				// to Resolve as they are.
				raw := *v.CfnProperties()
				fp["environment"], fp["description"] = raw["environment"], raw["description"]
			}
			pending = append(pending, fp)
		case awslambda.CfnEventSourceMapping:
			if _, skip := inNested(v); !skip {
				esms = append(esms, v)
			}
		case awsiam.CfnRole:
			p, skip := inNested(v)
			if skip {
				continue
			}
			r := &role{path: strings.TrimSuffix(p, "/Resource"), logicalID: *stack.GetLogicalId(v), cfn: v}
			r.exec, _ = executionrole.Lookup(v)
			m.allRoles++
			m.roles[r.logicalID] = r
			m.roleOrder = append(m.roleOrder, r)
		case awsiam.CfnPolicy:
			if _, skip := inNested(v); !skip {
				policies = append(policies, props(map[string]any{"roles": v.Roles(), "doc": v.PolicyDocument()}))
			}
		case awsiam.CfnManagedPolicy:
			if _, skip := inNested(v); !skip {
				id := *stack.GetLogicalId(v)
				pm := props(map[string]any{"roles": v.Roles(), "doc": v.PolicyDocument()})
				policies = append(policies, pm)
				managedByID[id] = pm
			}
		case awslambda.CfnEventInvokeConfig:
			if _, skip := inNested(v); !skip {
				invokeConfigs = append(invokeConfigs, v)
			}
		case awslambda.CfnVersion:
			if _, skip := inNested(v); !skip {
				versions = append(versions, v)
			}
		case awscloudfront.CfnDistribution:
			if _, skip := inNested(v); !skip {
				distributions = append(distributions, v)
			}
		case awsefs.CfnAccessPoint:
			m.accessPoints[*stack.GetLogicalId(v)] = v
		case awsefs.CfnFileSystem:
			m.fileSystems[*stack.GetLogicalId(v)] = v
		case awssqs.CfnQueue:
			types[*stack.GetLogicalId(v)] = "sqs"
		case awssns.CfnTopic:
			types[*stack.GetLogicalId(v)] = "sns"
		case awskinesis.CfnStream:
			types[*stack.GetLogicalId(v)] = "kinesis"
		case awsdynamodb.CfnTable:
			types[*stack.GetLogicalId(v)] = "dynamodb"
		case awsevents.CfnEventBus:
			types[*stack.GetLogicalId(v)] = "events"
		case awss3.CfnBucket:
			types[*stack.GetLogicalId(v)] = "s3"
		case awssecretsmanager.CfnSecret:
			types[*stack.GetLogicalId(v)] = "secretsmanager"
		}
	}
	for _, r := range m.roleOrder {
		rp := props(map[string]any{"managed": r.cfn.ManagedPolicyArns(), "policies": r.cfn.Policies(), "trust": r.cfn.AssumeRolePolicyDocument(), "name": r.cfn.RoleName()})
		if r.exec != nil && r.exec.InlinePolicy() != nil {
			rp["inline"] = r.exec.InlinePolicy()
		}
		pending = append(pending, rp)
	}
	var esmArns []string
	for _, e := range esms {
		arn := e.EventSourceArn()
		pending = append(pending, props(map[string]any{"arn": arn, "function": e.FunctionName(), "selfManaged": e.SelfManagedEventSource(),
			"access": e.SourceAccessConfigurations(), "destination": e.DestinationConfig()}))
		if arn == nil {
			esmArns = append(esmArns, "")
		} else {
			esmArns = append(esmArns, *arn)
		}
	}
	pending = append(pending, policies...)
	for _, c := range invokeConfigs {
		pending = append(pending, props(map[string]any{"function": c.FunctionName(), "destination": c.DestinationConfig()}))
	}
	for _, v := range versions {
		pending = append(pending, props(map[string]any{"id": stack.GetLogicalId(v), "function": v.FunctionName()}))
	}
	for _, d := range distributions {
		pending = append(pending, props(map[string]any{"config": d.DistributionConfig()}))
	}
	resolved := plain(stack.Resolve(pending)).([]any)

	next := func() map[string]any {
		v, _ := resolved[0].(map[string]any)
		resolved = resolved[1:]
		return v
	}
	byID := map[string]*function{}
	for _, f := range m.functions {
		f.props = next()
		f.fingerprint = fingerprintOf(f.props)
		byID[f.logicalID] = f
		f.roleRef = f.props["role"]
		if id, ok := getAtt(f.roleRef); ok {
			f.role = m.roles[id]
		}
	}
	for _, r := range m.roleOrder {
		rp := next()
		r.trust, r.name = rp["trust"], rp["name"]
		for _, a := range list(rp["managed"]) {
			arn := flatten(a)
			r.managedArns = append(r.managedArns, arn)
			if id, ok := ref(a); ok && managedByID[id] != nil {
				continue // its document is read below, with the stack's policies
			}
			if grants, ok := awsManagedGrants(arn); ok {
				r.statements = append(r.statements, grants...)
			} else {
				r.unreadable = append(r.unreadable, arn)
			}
		}
		for _, p := range list(rp["policies"]) {
			if r.exec == nil {
				r.docs = append(r.docs, sourcedDoc{"inline", field(p, "policyDocument")})
			}
			r.statements = append(r.statements, statements(field(p, "policyDocument"))...)
		}
		if rp["inline"] != nil {
			r.docs = append(r.docs, sourcedDoc{"inline", rp["inline"]})
		}
		r.statements = append(r.statements, statements(rp["inline"])...)
	}
	for i := range esms {
		e := next()
		fid, _ := ref(e["function"])
		f := byID[fid]
		if f == nil {
			continue
		}
		if d := field(field(e["destination"], "onFailure"), "destination"); d != nil {
			f.destinations = append(f.destinations, d)
		}
		s := source{service: service(e["arn"], types), arn: esmArns[i]}
		if e["selfManaged"] != nil {
			s = source{service: "self-managed-kafka"}
		}
		for _, a := range list(e["access"]) {
			typ, _ := field(a, "type").(string)
			if typ == "VPC_SUBNET" {
				s.inVPC = true
			}
			if uri := field(a, "uri"); uri != nil && (strings.Contains(flatten(uri), ":secretsmanager:") || service(uri, types) == "secretsmanager") {
				s.secrets = append(s.secrets, tokenOf(uri))
			}
		}
		f.sources = append(f.sources, s)
	}
	for range policies {
		p := next()
		for _, rr := range list(p["roles"]) {
			if id, ok := ref(rr); ok && m.roles[id] != nil {
				m.roles[id].statements = append(m.roles[id].statements, statements(p["doc"])...)
				m.roles[id].docs = append(m.roles[id].docs, sourcedDoc{"policy", p["doc"]})
			}
		}
	}
	for range invokeConfigs {
		c := next()
		fid, _ := ref(c["function"])
		if f := byID[fid]; f != nil {
			for _, when := range []string{"onSuccess", "onFailure"} {
				if d := field(field(c["destination"], when), "destination"); d != nil {
					f.destinations = append(f.destinations, d)
				}
			}
		}
	}
	versionOf := map[string]string{} // version logical id -> function logical id
	for range versions {
		v := next()
		id, _ := v["id"].(string)
		versionOf[id], _ = ref(v["function"])
	}
	for range distributions {
		for _, arn := range edgeArns(next()["config"]) {
			id, _ := refID(arn)
			if f := byID[versionOf[id]]; f != nil {
				f.edge = true
			}
		}
	}
	for _, f := range m.functions {
		f.uses = detect(f, m)
	}
	return m
}

// edgeArns returns the LambdaFunctionARN values of a resolved distribution configuration.
func edgeArns(v any) []any {
	var out []any
	switch t := v.(type) {
	case map[string]any:
		for k, x := range t {
			if strings.EqualFold(k, "lambdaFunctionArn") {
				out = append(out, x)
			} else {
				out = append(out, edgeArns(x)...)
			}
		}
	case []any:
		for _, x := range t {
			out = append(out, edgeArns(x)...)
		}
	}
	return out
}

// tokenOf returns a resolved value as a string to pass on to a feature: a literal as it is,
// an intrinsic as a CDK token that resolves back to it.
func tokenOf(v any) string {
	if s, ok := v.(string); ok {
		return s
	}
	return *awscdk.Token_AsString(v, nil)
}

// props prepares L1 property values for one Stack.Resolve call: jsii objects (tokens, policy
// documents) go back by reference; struct values, which jsii cannot always take back as they
// came, are turned into plain maps first (their string tokens still resolve).
func props(m map[string]any) map[string]any {
	for k, v := range m {
		switch v.(type) {
		case nil, *string, *[]*string, awscdk.IResolvable, awsiam.PolicyDocument:
		default:
			m[k] = plain(v)
		}
	}
	return m
}

// plain turns a resolved value into plain Go maps, slices and strings.
func plain(v any) any {
	b, _ := json.Marshal(v)
	var out any
	_ = json.Unmarshal(b, &out)
	return out
}

func list(v any) []any {
	l, _ := v.([]any)
	return l
}

// field reads key from a map whose keys may be lowerCamel (jsii structs) or UpperCamel
// (CloudFormation).
func field(v any, key string) any {
	m, _ := v.(map[string]any)
	if x, ok := m[key]; ok {
		return x
	}
	return m[strings.ToUpper(key[:1])+key[1:]]
}

func getAtt(v any) (string, bool) {
	m, _ := v.(map[string]any)
	a := list(m["Fn::GetAtt"])
	if len(a) == 0 {
		return "", false
	}
	id, ok := a[0].(string)
	return id, ok
}

func ref(v any) (string, bool) {
	m, _ := v.(map[string]any)
	id, ok := m["Ref"].(string)
	return id, ok && !strings.HasPrefix(id, "AWS::")
}

// flatten writes a resolved value as a string: Fn::Join parts joined, pseudo parameters as
// placeholders, other references as ${Ref} or ${id.attr}.
func flatten(v any) string {
	switch t := v.(type) {
	case string:
		return t
	case map[string]any:
		if j := list(t["Fn::Join"]); len(j) == 2 {
			sep, _ := j[0].(string)
			var parts []string
			for _, p := range list(j[1]) {
				parts = append(parts, flatten(p))
			}
			return strings.Join(parts, sep)
		}
		if id, ok := t["Ref"].(string); ok {
			return "${" + id + "}"
		}
		if a := list(t["Fn::GetAtt"]); len(a) == 2 {
			return "${" + flatten(a[0]) + "." + flatten(a[1]) + "}"
		}
	}
	b, _ := json.Marshal(v)
	return string(b)
}

// service returns the service of a resolved ARN: from the ARN's text, or from the type of
// the resource it references.
func service(v any, types map[string]string) string {
	if id, ok := getAtt(v); ok {
		return types[id]
	}
	if id, ok := ref(v); ok {
		return types[id]
	}
	parts := strings.SplitN(strings.ReplaceAll(flatten(v), "${AWS::Partition}", "aws"), ":", 4)
	if len(parts) < 3 || parts[0] != "arn" {
		return ""
	}
	return parts[2]
}

// awsManagedGrants returns the catalogued statements of an AWS managed policy ARN.
func awsManagedGrants(arn string) ([]permissions.Statement, bool) {
	_, rest, ok := strings.Cut(arn, ":iam::aws:policy")
	if !ok {
		return nil, false
	}
	for _, d := range permissions.Catalog {
		if d.Policy.Name != "" && d.Policy.Path+d.Policy.Name == rest {
			return d.Grants, true
		}
	}
	return nil, false
}

// statements reads the Allow statements of a resolved policy document.
func statements(doc any) []permissions.Statement {
	var out []permissions.Statement
	for _, s := range list(field(doc, "statement")) {
		if e, _ := field(s, "effect").(string); e != "" && e != "Allow" {
			continue
		}
		st := permissions.Statement{Actions: strs(field(s, "action")), Resources: strs(field(s, "resource"))}
		if len(st.Actions) > 0 {
			out = append(out, st)
		}
	}
	return out
}

func strs(v any) []string {
	if l, ok := v.([]any); ok {
		out := make([]string, len(l))
		for i, x := range l {
			out[i] = flatten(x)
		}
		return out
	}
	if v == nil {
		return nil
	}
	return []string{flatten(v)}
}
