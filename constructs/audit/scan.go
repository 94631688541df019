package audit

import (
	"encoding/json"
	"reflect"
	"strings"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awscloudfront"
	"github.com/aws/aws-cdk-go/awscdk/v2/awscloudfront/experimental"
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
	// skipped are the functions aws-cdk-lib writes for itself that the audit does not read.
	skipped []skippedFunction
}

// skippedFunction is a function the audit does not read, and why.
type skippedFunction struct {
	path, createdBy, reason string
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
	// createdBy names the aws-cdk-lib construct that made the function for itself, or "".
	createdBy string
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
// It reads each resource's raw properties (CfnProperties, one jsii request) and picks the
// keys it needs, which all go back to Node in one Stack.Resolve. It never calls the L1's
// typed getters: they make jsii serialize a whole property as its declared struct, which
// fails on values aws-cdk-lib fills lazily (a CloudFront distribution's origin groups hold
// a number that is not one yet), and cost one request each.
//
// With fingerprints, it also reads the fingerprint Bind gave each function, which resolves the
// function's environment: only the report does, at validation, once every aspect and grant is
// done. The fingerprint is a Lazy, which CDK resolves once and keeps, so the audit's own scan,
// which runs before AutoFix adds features, must leave it alone.
//
// edge holds the paths of the app's experimental.EdgeFunction functions (see edgeFunctions).
func scan(stack awscdk.Stack, fingerprints bool, edge map[string]bool) *stackModel {
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
			f.createdBy = createdBy(f.path)
			f.edge = edge[f.path]
			raw := rawProps(v)
			f.kmsKeyArn, _ = raw["kmsKeyArn"].(string)
			m.functions = append(m.functions, f)
			types[f.logicalID] = "lambda"
			keys := []string{"role", "vpcConfig", "tracingConfig", "layers", "deadLetterConfig", "kmsKeyArn", "fileSystemConfigs"}
			if fingerprints {
				keys = append(keys, "environment", "description")
			}
			pending = append(pending, pick(raw, keys...))
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
				policies = append(policies, pick(rawProps(v), "roles", "policyDocument"))
			}
		case awsiam.CfnManagedPolicy:
			if _, skip := inNested(v); !skip {
				id := *stack.GetLogicalId(v)
				pm := pick(rawProps(v), "roles", "policyDocument")
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
		case awscdk.CfnResource:
			// Only a resource made with awscdk.NewCfnResource itself, as aws-cdk-lib makes its
			// own handlers: every other L1 of the app matched a case above or is of no interest,
			// and asking its type would cost a request each.
			if !isRawCfnResource(v) {
				continue
			}
			p, skip := inNested(v)
			if skip {
				continue
			}
			switch *v.CfnResourceType() {
			case "AWS::IAM::Role":
				m.allRoles++
			case "AWS::Lambda::Function":
				path := strings.TrimSuffix(p, "/Resource")
				sk := skippedFunction{path: path, createdBy: createdBy(path), reason: rawFunctionReason}
				if sk.createdBy == "" {
					sk.reason = rawUserFunctionReason
				}
				m.skipped = append(m.skipped, sk)
			}
		}
	}
	for _, r := range m.roleOrder {
		rp := pick(rawProps(r.cfn), "managedPolicyArns", "policies", "assumeRolePolicyDocument", "roleName")
		if r.exec != nil && r.exec.InlinePolicy() != nil {
			rp["inline"] = r.exec.InlinePolicy()
		}
		pending = append(pending, rp)
	}
	var esmArns []string
	for _, e := range esms {
		raw := rawProps(e)
		arn, _ := raw["eventSourceArn"].(string)
		esmArns = append(esmArns, arn)
		pending = append(pending, pick(raw, "eventSourceArn", "functionName", "selfManagedEventSource", "sourceAccessConfigurations", "destinationConfig"))
	}
	pending = append(pending, policies...)
	for _, c := range invokeConfigs {
		pending = append(pending, pick(rawProps(c), "functionName", "destinationConfig"))
	}
	for _, v := range versions {
		// A version's logical id is a token (awslambda.Function's current version takes a
		// hash of the function at synth) that resolves as itself only inside a reference:
		// resolve a Ref to the version, as the distribution holds.
		vp := pick(rawProps(v), "functionName")
		vp["id"] = v.Ref()
		pending = append(pending, vp)
	}
	for _, d := range distributions {
		pending = append(pending, pick(rawProps(d), "distributionConfig"))
	}
	resolved := resolveRefs(stack, plain(stack.Resolve(pending))).([]any)

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
		r.trust, r.name = rp["assumeRolePolicyDocument"], rp["roleName"]
		for _, a := range list(rp["managedPolicyArns"]) {
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
		fid, _ := ref(e["functionName"])
		f := byID[fid]
		if f == nil {
			continue
		}
		if d := field(field(e["destinationConfig"], "onFailure"), "destination"); d != nil {
			f.destinations = append(f.destinations, d)
		}
		s := source{service: service(e["eventSourceArn"], types), arn: esmArns[i]}
		if s.service == "" && esmArns[i] != "" {
			s.service = referencedService(esmArns[i])
		}
		if e["selfManagedEventSource"] != nil {
			s = source{service: "self-managed-kafka"}
		}
		for _, a := range list(e["sourceAccessConfigurations"]) {
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
				m.roles[id].statements = append(m.roles[id].statements, statements(p["policyDocument"])...)
				m.roles[id].docs = append(m.roles[id].docs, sourcedDoc{"policy", p["policyDocument"]})
			}
		}
	}
	for range invokeConfigs {
		c := next()
		fid, _ := ref(c["functionName"])
		if f := byID[fid]; f != nil {
			for _, when := range []string{"onSuccess", "onFailure"} {
				if d := field(field(c["destinationConfig"], when), "destination"); d != nil {
					f.destinations = append(f.destinations, d)
				}
			}
		}
	}
	versionOf := map[string]string{} // version logical id -> function logical id
	for range versions {
		v := next()
		id, _ := ref(v["id"])
		versionOf[id], _ = ref(v["functionName"])
	}
	for range distributions {
		for _, arn := range edgeArns(next()["distributionConfig"]) {
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

// edgeFunctions returns the construct paths of the functions of experimental.EdgeFunction
// constructs under root. Such a function is Lambda@Edge by construction, and when its
// distribution is in another region than us-east-1 the distribution reads its version through
// an SSM parameter, which the distribution's configuration does not show.
func edgeFunctions(root constructs.IConstruct) map[string]bool {
	out := map[string]bool{}
	for _, c := range *root.Node().FindAll(constructs.ConstructOrder_PREORDER) {
		if ef, ok := c.(experimental.EdgeFunction); ok {
			path := *ef.Lambda().Node().Path()
			out[path] = true
		}
	}
	return out
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

// referencedService returns the service of the resource an ARN token of another stack
// refers to (a queue of another stack resolves to an Fn::ImportValue here), or "".
func referencedService(arn string) string {
	if !*awscdk.Token_IsUnresolved(arn) {
		return ""
	}
	r, ok := awscdk.Tokenization_Reverse(arn, nil).(awscdk.Reference)
	if !ok {
		return ""
	}
	switch r.Target().(type) {
	case awssqs.CfnQueue:
		return "sqs"
	case awskinesis.CfnStream:
		return "kinesis"
	case awsdynamodb.CfnTable:
		return "dynamodb"
	}
	return ""
}

// tokenOf returns a resolved value as a string to pass on to a feature: a literal as it is,
// an intrinsic as a CDK token that resolves back to it.
func tokenOf(v any) string {
	if s, ok := v.(string); ok {
		return s
	}
	return *awscdk.Token_AsString(v, nil)
}

// rawProps returns an L1's raw properties as aws-cdk-lib holds them, lowerCamel keys, in
// one jsii request. jsii hands them over as untyped values: a value Node cannot pass as plain
// data (a Lazy, a policy document) comes as a reference, which Stack.Resolve takes back, or,
// nested deeper in plain data, as a bare reference map, which resolveRefs takes back.
func rawProps(c awscdk.CfnResource) map[string]any {
	if p := c.CfnProperties(); p != nil {
		return *p
	}
	return nil
}

// pick returns the given keys of raw properties, for one Stack.Resolve call: the audit
// resolves only what it reads.
func pick(raw map[string]any, keys ...string) map[string]any {
	out := make(map[string]any, len(keys))
	for _, k := range keys {
		if v, ok := raw[k]; ok && v != nil {
			out[k] = v
		}
	}
	return out
}

// isRawCfnResource reports whether c was made with awscdk.NewCfnResource itself rather than
// as a generated L1 class. jsii gives each object the Go proxy of its class, so the proxy's
// type says it without a request to Node.
func isRawCfnResource(c awscdk.CfnResource) bool {
	t := reflect.TypeOf(c)
	return t.Kind() == reflect.Pointer && t.Elem().Name() == "jsiiProxy_CfnResource"
}

// resolveRefs resolves what a first Stack.Resolve left as references. jsii hands a value
// that is not plain data (a Box, in which aws-cdk-lib holds a CloudFront distribution's
// origins and behaviors) nested inside raw properties as a bare {"$jsii.byref": id} map,
// which Go would send back as data. Resolving those maps alone turns them into references
// (jsii reads a reference at the top of a returned list), and resolving the references
// resolves the values: two requests per round for the whole stack, whatever the count.
func resolveRefs(stack awscdk.Stack, v any) any {
	for round := 0; round < 3; round++ {
		var refs []any
		var set []func(any)
		var walk func(v any, put func(any))
		walk = func(v any, put func(any)) {
			switch t := v.(type) {
			case map[string]any:
				if _, ok := t["$jsii.byref"]; ok {
					refs, set = append(refs, t), append(set, put)
					return
				}
				for k, x := range t {
					walk(x, func(y any) { t[k] = y })
				}
			case []any:
				for i, x := range t {
					walk(x, func(y any) { t[i] = y })
				}
			}
		}
		walk(v, func(y any) { v = y })
		if len(refs) == 0 {
			break
		}
		proxies, _ := stack.Resolve(refs).([]any)
		if len(proxies) != len(refs) {
			break
		}
		// Each in a map of its own, so that one resolving to nothing keeps its place.
		wrapped := make([]any, len(proxies))
		for i, p := range proxies {
			wrapped[i] = map[string]any{"v": p}
		}
		values, _ := plain(stack.Resolve(wrapped)).([]any)
		if len(values) != len(refs) {
			break
		}
		for i, x := range values {
			set[i](field(x, "v"))
		}
	}
	return v
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
