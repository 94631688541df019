// Package derive reads a stack's Lambda functions and what targets them (event source
// mappings, event invoke configurations, CloudFront distributions) and derives, from what the
// template will hold, the features each function's configuration uses: the one derivation
// that ExecutionRole builds its roles from and the audit checks roles against.
package derive

import (
	"encoding/json"
	"reflect"
	"slices"
	"strings"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awscloudfront"
	"github.com/aws/aws-cdk-go/awscdk/v2/awscloudfront/experimental"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsdynamodb"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsefs"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsevents"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsglue"
	"github.com/aws/aws-cdk-go/awscdk/v2/awskinesis"
	"github.com/aws/aws-cdk-go/awscdk/v2/awslambda"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsmsk"
	"github.com/aws/aws-cdk-go/awscdk/v2/awss3"
	"github.com/aws/aws-cdk-go/awscdk/v2/awss3files"
	"github.com/aws/aws-cdk-go/awscdk/v2/awssecretsmanager"
	"github.com/aws/aws-cdk-go/awscdk/v2/awssns"
	"github.com/aws/aws-cdk-go/awscdk/v2/awssqs"
	"github.com/aws/constructs-go/constructs/v10"

	"github.com/execrole/execrole/constructs/permissions"
)

// Stack is what a scan reads from one stack: its functions, with the features each uses.
type Stack struct {
	Stack     awscdk.Stack
	Functions []*Function
	// Types maps logical ids of queues, topics, streams, tables, buses, buckets, secrets,
	// Glue registries, MSK clusters and functions to their service.
	Types map[string]string
	// AccessPoints and FileSystems are the stack's EFS resources by logical id.
	AccessPoints map[string]awsefs.CfnAccessPoint
	FileSystems  map[string]awsefs.CfnFileSystem
	// S3FilesAccessPoints and S3FilesFileSystems are the stack's S3 Files resources by
	// logical id.
	S3FilesAccessPoints map[string]awss3files.CfnAccessPoint
	S3FilesFileSystems  map[string]awss3files.CfnFileSystem
	// OperatorRoles are the operator role ARNs of the stack's Lambda capacity providers, as
	// given (the role's RoleArn token, for a role of the app), with the provider.
	OperatorRoles []OperatorRole
	// Imported are the functions imported into the stack (awslambda.Function_FromFunctionArn
	// and its kin): their configuration is not in the app.
	Imported []awslambda.IFunction
	// Raw are the resources of the stack made with awscdk.NewCfnResource itself (as
	// aws-cdk-lib writes its own handlers), with their CloudFormation type.
	Raw []Raw
	// resources are the resources of Types by logical id; keys their customer managed keys,
	// once read (see KeyOf).
	resources map[string]awscdk.CfnResource
	keys      map[string]string
}

// typed records a resource of service svc.
func (m *Stack) typed(r awscdk.CfnResource, svc string) {
	id := *m.Stack.GetLogicalId(r)
	m.Types[id] = svc
	m.resources[id] = r
}

// keyProperty reads the property of a resource that names its customer managed key, as
// aws-cdk-lib writes it (the key's ARN): a queue's or a topic's with its own getter, one small
// request for a string; a stream's, a table's or a bucket's from its raw properties, as their
// typed getters would serialize the whole struct, which fails while a field is still unset.
// Nil for a resource without one.
func keyProperty(r awscdk.CfnResource) any {
	switch t := r.(type) {
	case awssqs.CfnQueue:
		return t.KmsMasterKeyId()
	case awssns.CfnTopic:
		return t.KmsMasterKeyId()
	case awskinesis.CfnStream:
		return Field(RawProps(r)["streamEncryption"], "keyId")
	case awsdynamodb.CfnTable:
		return Field(RawProps(r)["sseSpecification"], "kmsMasterKeyId")
	case awssecretsmanager.CfnSecret:
		return RawProps(r)["kmsKeyId"]
	case awss3.CfnBucket:
		for _, c := range List(Field(RawProps(r)["bucketEncryption"], "serverSideEncryptionConfiguration")) {
			if k := Field(Field(c, "serverSideEncryptionByDefault"), "kmsMasterKeyId"); k != nil {
				return k
			}
		}
	}
	return nil
}

// KeyOf returns the customer managed key of the resource of the stack a resolved ARN refers
// to (a queue's, a stream's, a table's, a topic's, a bucket's), as the resource gives it, or
// "": no key, an AWS managed one (an alias), or a resource the stack does not hold. It reads
// each resource's key once, one request.
func (m *Stack) KeyOf(arn any) string {
	id, ok := RefID(arn)
	if !ok {
		return ""
	}
	if k, done := m.keys[id]; done {
		return k
	}
	var key string
	if r := m.resources[id]; r != nil {
		v := keyProperty(r)
		if p, ok := v.(*string); ok && p != nil {
			v = *p
		}
		if k, ok := v.(string); ok && (permissions.IsToken(k) || strings.Contains(k, ":key/")) {
			key = k
		}
	}
	m.keys[id] = key
	return key
}

// OperatorRole is the operator role of a capacity provider of the stack.
type OperatorRole struct {
	// RoleArn is the role's ARN as the provider is given it.
	RoleArn string
	// Provider is the capacity provider; Name its name and LogGroup the log group it is given,
	// as given ("" or a token when CloudFormation names it, "" when it has none).
	Provider       awslambda.CfnCapacityProvider
	Name, LogGroup string
}

// Raw is a resource made with awscdk.NewCfnResource: its construct path and type.
type Raw struct {
	Path, Type string
}

// Function is one AWS::Lambda::Function of the stack.
type Function struct {
	CFN awslambda.CfnFunction
	// Node is the awslambda.Function, or the CfnFunction itself.
	Node      constructs.IConstruct
	LogicalID string
	// cfnNode is the CfnFunction's node, and path its construct path once read (see Path).
	cfnNode            constructs.Node
	path, resourcePath string
	// Props are the resolved properties the derivation reads, lowerCamel keys.
	Props map[string]any
	// RoleRef is the resolved Role property; RoleToken the property as given (the role's
	// RoleArn token, for a role of the app).
	RoleRef   any
	RoleToken string
	Sources   []Source
	// raw are the function's properties as given (tokens for resources of the app).
	raw map[string]any
	// Destinations are the resolved ARNs of its asynchronous invocation destinations and of
	// its event source mappings' on-failure destinations.
	Destinations []any
	// Edge says a CloudFront distribution of the stack runs a version of the function, or it
	// is the function of an experimental.EdgeFunction.
	Edge bool
	// Uses are the features the function's configuration uses (see detect).
	Uses []permissions.Use
	// Unknown are its event source mappings whose source the scan cannot tell: an ARN that
	// is a parameter, an import of unknown kind, a service no feature reads; or whose schema
	// registry it cannot tell (Source.Registry set, ARN the registry's URI).
	Unknown []Source
}

// Path is the construct path of the function (of the awslambda.Function, when it has one),
// read on first use: most derivations need none.
func (f *Function) Path() string {
	if f.path == "" {
		f.path = f.cfnPath()
		if _, l2 := f.Node.(awslambda.Function); l2 {
			f.path = strings.TrimSuffix(f.path, "/Resource")
		}
	}
	return f.path
}

// cfnPath is the construct path of the function's resource.
func (f *Function) cfnPath() string {
	if f.resourcePath == "" {
		f.resourcePath = *f.cfnNode.Path()
	}
	return f.resourcePath
}

// Source is an event source mapping of a function.
type Source struct {
	// Service is the service of its event source ARN ("self-managed-kafka" for a
	// self-managed Apache Kafka cluster).
	Service string
	// ARN is the event source ARN as given (a token for a resource of the app).
	ARN string
	// Secrets are the Secrets Manager secrets of its source access configurations.
	Secrets []string
	// InVPC says Lambda reaches the source through VPC subnets (self-managed Kafka).
	InVPC bool
	// Topics are the Kafka topics the mapping reads, Group its consumer group id ("" when
	// Lambda names the group after the mapping).
	Topics []string
	Group  string
	// Registry is the resolved URI of the mapping's Kafka schema registry (a Glue registry's
	// ARN, a Confluent registry's URL), nil for none, and RegistryToken the URI as given;
	// RegistrySecrets the secrets of its access configurations.
	Registry        any
	RegistryToken   string
	RegistrySecrets []string
	// FailureTopic is the Kafka topic of its on-failure destination (kafka://<topic>), or "".
	FailureTopic string
	// Mapping is the event source mapping, to name it when its source cannot be told.
	Mapping constructs.IConstruct
	// Key is the source's customer managed key, when the stack holds the source (KeyOf).
	Key string
}

// Options says what a scan reads beyond the features.
type Options struct {
	// Keys are more properties of each function to resolve into Function.Props.
	Keys []string
	// Edge holds the paths of the app's experimental.EdgeFunction functions (EdgeFunctions).
	Edge map[string]bool
	// Visit, when set, is called with every construct of the stack outside nested stacks
	// that the scan itself has no use for (roles, policies), in the same pass.
	Visit func(c constructs.IConstruct)
}

// Scan reads a stack. Resolved properties make the derivation see what the template will
// hold, whether set by an L2 construct or on the L1 with its setters; raw overrides
// (AddPropertyOverride) are not seen.
//
// It reads each resource's raw properties (CfnProperties, one jsii request) and picks the
// keys it needs, which all go back to Node in one Stack.Resolve. It never calls the L1's
// typed getters: they make jsii serialize a whole property as its declared struct, which
// fails on values aws-cdk-lib fills lazily (a CloudFront distribution's origin groups hold
// a number that is not one yet), and cost one request each.
func Scan(stack awscdk.Stack, o Options) *Stack {
	m := &Stack{Stack: stack, Types: map[string]string{}, AccessPoints: map[string]awsefs.CfnAccessPoint{}, FileSystems: map[string]awsefs.CfnFileSystem{},
		S3FilesAccessPoints: map[string]awss3files.CfnAccessPoint{}, S3FilesFileSystems: map[string]awss3files.CfnFileSystem{},
		resources: map[string]awscdk.CfnResource{}, keys: map[string]string{}}
	var invokeConfigs []awslambda.CfnEventInvokeConfig
	var versions []awslambda.CfnVersion
	var aliases []awslambda.CfnAlias
	var distributions []awscloudfront.CfnDistribution
	var esms []awslambda.CfnEventSourceMapping
	var pending []any // property maps to resolve in one call
	var nested []string
	types := m.Types
	stackPath := *stack.Node().Path()
	// inNested reports whether c is in a nested stack of the stack, reading its path only when
	// the stack has one (the walk meets a nested stack before what it holds).
	inNested := func(c constructs.IConstruct) bool {
		if len(nested) == 0 {
			return false
		}
		p := *c.Node().Path()
		for _, n := range nested {
			if strings.HasPrefix(p, n+"/") {
				return true
			}
		}
		return false
	}
	for _, c := range *stack.Node().FindAll(constructs.ConstructOrder_PREORDER) {
		switch v := c.(type) {
		case awscdk.Stack:
			if p := *v.Node().Path(); p != stackPath {
				nested = append(nested, p)
			}
		case awslambda.CfnFunction:
			node := v.Node()
			f := &Function{CFN: v, Node: v, cfnNode: node, LogicalID: *stack.GetLogicalId(v)}
			if len(nested) > 0 && slices.ContainsFunc(nested, func(n string) bool { return strings.HasPrefix(f.cfnPath(), n+"/") }) {
				continue
			}
			if l2, ok := node.Scope().(awslambda.Function); ok {
				f.Node = l2
			}
			if len(o.Edge) > 0 {
				f.Edge = o.Edge[f.Path()]
			}
			raw := RawProps(v)
			f.raw = raw
			f.RoleToken, _ = raw["role"].(string)
			m.Functions = append(m.Functions, f)
			types[f.LogicalID] = "lambda"
			keys := append([]string{"role", "vpcConfig", "tracingConfig", "layers", "deadLetterConfig", "kmsKeyArn", "fileSystemConfigs", "durableConfig", "memorySize"}, o.Keys...)
			pending = append(pending, Pick(raw, keys...))
		case awslambda.IFunction:
			// An imported function (Function_FromFunctionArn, FromFunctionAttributes) comes as
			// a FunctionBase proxy: its configuration is not in the app.
			if t := reflect.TypeOf(v); t.Kind() == reflect.Pointer && t.Elem().Name() == "jsiiProxy_FunctionBase" {
				m.Imported = append(m.Imported, v)
			}
		case awslambda.CfnEventSourceMapping:
			esms = outside(esms, v, inNested)
		case awslambda.CfnEventInvokeConfig:
			invokeConfigs = outside(invokeConfigs, v, inNested)
		case awslambda.CfnVersion:
			versions = outside(versions, v, inNested)
		case awslambda.CfnAlias:
			aliases = outside(aliases, v, inNested)
		case awscloudfront.CfnDistribution:
			distributions = outside(distributions, v, inNested)
		case awsefs.CfnAccessPoint:
			m.AccessPoints[*stack.GetLogicalId(v)] = v
		case awsefs.CfnFileSystem:
			m.FileSystems[*stack.GetLogicalId(v)] = v
		case awss3files.CfnAccessPoint:
			m.S3FilesAccessPoints[*stack.GetLogicalId(v)] = v
		case awss3files.CfnFileSystem:
			m.S3FilesFileSystems[*stack.GetLogicalId(v)] = v
		case awsglue.CfnRegistry:
			m.typed(v, "glue")
		case awsmsk.CfnCluster:
			m.typed(v, "kafka")
		case awsmsk.CfnServerlessCluster:
			m.typed(v, "kafka")
		case awslambda.CfnCapacityProvider:
			if !inNested(v) {
				raw := RawProps(v)
				op := OperatorRole{Provider: v}
				op.RoleArn, _ = Field(raw["permissionsConfig"], "capacityProviderOperatorRoleArn").(string)
				op.Name, _ = raw["capacityProviderName"].(string)
				op.LogGroup, _ = Field(Field(raw["telemetryConfig"], "loggingConfig"), "logGroup").(string)
				m.OperatorRoles = append(m.OperatorRoles, op)
			}
		case awssqs.CfnQueue:
			m.typed(v, "sqs")
		case awssns.CfnTopic:
			m.typed(v, "sns")
		case awskinesis.CfnStream:
			m.typed(v, "kinesis")
		case awsdynamodb.CfnTable:
			m.typed(v, "dynamodb")
		case awsevents.CfnEventBus:
			m.typed(v, "events")
		case awss3.CfnBucket:
			m.typed(v, "s3")
		case awssecretsmanager.CfnSecret:
			m.typed(v, "secretsmanager")
		case awscdk.CfnResource:
			// Only a resource made with awscdk.NewCfnResource itself, as aws-cdk-lib makes its
			// own handlers: every other L1 of the app is of no interest here, and asking its
			// type would cost a request each.
			if inNested(v) {
				continue
			}
			if isRawCfnResource(v) {
				m.Raw = append(m.Raw, Raw{Path: strings.TrimSuffix(*v.Node().Path(), "/Resource"), Type: *v.CfnResourceType()})
			} else if o.Visit != nil {
				o.Visit(v)
			}
		}
	}
	// Versions and aliases first: mappings, invoke configs and distributions may name a
	// function by one of them. A version's logical id is a token (awslambda.Function's current
	// version takes a hash of the function at synth) that resolves as itself only inside a
	// reference: resolve a Ref to it, as those hold.
	for _, v := range versions {
		vp := Pick(RawProps(v), "functionName")
		vp["id"] = v.Ref()
		pending = append(pending, vp)
	}
	for _, a := range aliases {
		ap := Pick(RawProps(a), "functionName")
		ap["id"] = a.Ref()
		pending = append(pending, ap)
	}
	var esmArns []string
	var esmRaw []map[string]any
	for _, e := range esms {
		raw := RawProps(e)
		arn, _ := raw["eventSourceArn"].(string)
		esmArns = append(esmArns, arn)
		esmRaw = append(esmRaw, raw)
		pending = append(pending, Pick(raw, "eventSourceArn", "functionName", "selfManagedEventSource", "sourceAccessConfigurations", "destinationConfig", "topics", "amazonManagedKafkaEventSourceConfig", "selfManagedKafkaEventSourceConfig"))
	}
	for _, c := range invokeConfigs {
		pending = append(pending, Pick(RawProps(c), "functionName", "destinationConfig"))
	}
	for _, d := range distributions {
		pending = append(pending, Pick(RawProps(d), "distributionConfig"))
	}
	if len(pending) == 0 {
		return m
	}
	resolved := ResolveRefs(stack, Plain(stack.Resolve(pending))).([]any)
	next := func() map[string]any {
		v, _ := resolved[0].(map[string]any)
		resolved = resolved[1:]
		return v
	}
	byID := map[string]*Function{}
	for _, f := range m.Functions {
		f.Props = next()
		f.RoleRef = f.Props["role"]
		byID[f.LogicalID] = f
	}
	// qualified maps the logical id of a version or an alias to its function's.
	qualified := map[string]string{}
	for range len(versions) + len(aliases) {
		v := next()
		id, _ := Ref(v["id"])
		qualified[id], _ = Ref(v["functionName"])
	}
	// functionOf returns the function a resolved FunctionName refers to: the function itself,
	// one of its versions or aliases, or its name with a qualifier.
	functionOf := func(name any) *Function {
		id, _ := RefID(name) // an alias or version is often name:qualifier, an Fn::Join

		if f := byID[id]; f != nil {
			return f
		}
		return byID[qualified[id]]
	}
	for i := range esms {
		e := next()
		f := functionOf(e["functionName"])
		if f == nil {
			continue
		}
		s := Source{Service: Service(e["eventSourceArn"], types), ARN: esmArns[i], Mapping: esms[i], Key: m.KeyOf(e["eventSourceArn"])}
		if d := Field(Field(e["destinationConfig"], "onFailure"), "destination"); d != nil {
			// A Kafka mapping's failed records may go to a topic of its own cluster.
			if t, ok := d.(string); ok && strings.HasPrefix(t, "kafka://") {
				s.FailureTopic = strings.TrimPrefix(t, "kafka://")
			} else {
				f.Destinations = append(f.Destinations, d)
			}
		}
		if s.Service == "" && esmArns[i] != "" {
			s.Service = referencedService(esmArns[i])
		}
		if e["selfManagedEventSource"] != nil {
			s = Source{Service: permissions.SelfManagedKafkaSource, Mapping: esms[i]}
		}
		for _, t := range List(e["topics"]) {
			if name, ok := t.(string); ok {
				s.Topics = append(s.Topics, name)
			}
		}
		s.Group, _ = Field(e["amazonManagedKafkaEventSourceConfig"], "consumerGroupId").(string)
		// Resources are passed on as the app gave them (the token a grant of the same resource
		// holds too), read from the raw properties beside the resolved ones.
		raw := esmRaw[i]
		for _, k := range []string{"amazonManagedKafkaEventSourceConfig", "selfManagedKafkaEventSourceConfig"} {
			r, rawR := Field(e[k], "schemaRegistryConfig"), Field(raw[k], "schemaRegistryConfig")
			if uri := Field(r, "schemaRegistryUri"); uri != nil {
				s.Registry, s.RegistryToken = uri, given(Field(rawR, "schemaRegistryUri"), uri)
				rawConfigs := List(Field(rawR, "accessConfigs"))
				for j, a := range List(Field(r, "accessConfigs")) {
					if u := Field(a, "uri"); u != nil {
						s.RegistrySecrets = append(s.RegistrySecrets, given(Field(at(rawConfigs, j), "uri"), u))
					}
				}
			}
		}
		rawAccess := List(raw["sourceAccessConfigurations"])
		for j, a := range List(e["sourceAccessConfigurations"]) {
			typ, _ := Field(a, "type").(string)
			if typ == "VPC_SUBNET" {
				s.InVPC = true
			}
			if uri := Field(a, "uri"); uri != nil && (strings.Contains(Flatten(uri), ":secretsmanager:") || Service(uri, types) == "secretsmanager") {
				s.Secrets = append(s.Secrets, given(Field(at(rawAccess, j), "uri"), uri))
			}
		}
		f.Sources = append(f.Sources, s)
	}
	for range invokeConfigs {
		c := next()
		if f := functionOf(c["functionName"]); f != nil {
			for _, when := range []string{"onSuccess", "onFailure"} {
				if d := Field(Field(c["destinationConfig"], when), "destination"); d != nil {
					f.Destinations = append(f.Destinations, d)
				}
			}
		}
	}
	for range distributions {
		for _, arn := range edgeArns(next()["distributionConfig"]) {
			id, _ := RefID(arn)
			if f := byID[qualified[id]]; f != nil {
				f.Edge = true
			}
		}
	}
	for _, f := range m.Functions {
		f.Uses = detect(f, m)
	}
	return m
}

// outside appends c to list unless it is in a nested stack of the stack scanned.
func outside[T constructs.IConstruct](list []T, c T, inNested func(constructs.IConstruct) bool) []T {
	if inNested(c) {
		return list
	}
	return append(list, c)
}

// EdgeFunctions returns the construct paths of the functions of experimental.EdgeFunction
// constructs under root. Such a function is Lambda@Edge by construction, and when its
// distribution is in another region than us-east-1 the distribution reads its version through
// an SSM parameter, which the distribution's configuration does not show.
func EdgeFunctions(root constructs.IConstruct) map[string]bool {
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

// given returns a value as the app gave it, a string, or else the resolved value as a token.
func given(raw, resolved any) string {
	if s, ok := raw.(string); ok && s != "" {
		return s
	}
	return TokenOf(resolved)
}

// at is the i-th element of l, or nil.
func at(l []any, i int) any {
	if i < len(l) {
		return l[i]
	}
	return nil
}

// TokenOf returns a resolved value as a string to pass on to a feature: a literal as it is,
// an intrinsic as a CDK token that resolves back to it.
func TokenOf(v any) string {
	if s, ok := v.(string); ok {
		return s
	}
	return *awscdk.Token_AsString(v, nil)
}

// RawProps returns an L1's raw properties as aws-cdk-lib holds them, lowerCamel keys, in
// one jsii request. jsii hands them over as untyped values: a value Node cannot pass as plain
// data (a Lazy, a policy document) comes as a reference, which Stack.Resolve takes back, or,
// nested deeper in plain data, as a bare reference map, which ResolveRefs takes back.
func RawProps(c awscdk.CfnResource) map[string]any {
	if p := c.CfnProperties(); p != nil {
		return *p
	}
	return nil
}

// Pick returns the given keys of raw properties, for one Stack.Resolve call: resolve only
// what is read.
func Pick(raw map[string]any, keys ...string) map[string]any {
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

// ResolveRefs resolves what a first Stack.Resolve left as references. jsii hands a value
// that is not plain data (a Box, in which aws-cdk-lib holds a CloudFront distribution's
// origins and behaviors) nested inside raw properties as a bare {"$jsii.byref": id} map,
// which Go would send back as data. Resolving those maps alone turns them into references
// (jsii reads a reference at the top of a returned list), and resolving the references
// resolves the values: two requests per round for the whole stack, whatever the count.
func ResolveRefs(stack awscdk.Stack, v any) any {
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
		values, _ := Plain(stack.Resolve(wrapped)).([]any)
		if len(values) != len(refs) {
			break
		}
		for i, x := range values {
			set[i](Field(x, "v"))
		}
	}
	return v
}

// Plain turns a resolved value into plain Go maps, slices and strings.
func Plain(v any) any {
	b, _ := json.Marshal(v)
	var out any
	_ = json.Unmarshal(b, &out)
	return out
}

// List is v as a list, or nil.
func List(v any) []any {
	l, _ := v.([]any)
	return l
}

// Field reads key from a map whose keys may be lowerCamel (jsii structs) or UpperCamel
// (CloudFormation).
func Field(v any, key string) any {
	m, _ := v.(map[string]any)
	if x, ok := m[key]; ok {
		return x
	}
	return m[strings.ToUpper(key[:1])+key[1:]]
}

// GetAtt returns the logical id of a resolved Fn::GetAtt.
func GetAtt(v any) (string, bool) {
	m, _ := v.(map[string]any)
	a := List(m["Fn::GetAtt"])
	if len(a) == 0 {
		return "", false
	}
	id, ok := a[0].(string)
	return id, ok
}

// Ref returns the logical id of a resolved Ref to a resource (not a pseudo parameter).
func Ref(v any) (string, bool) {
	m, _ := v.(map[string]any)
	id, ok := m["Ref"].(string)
	return id, ok && !strings.HasPrefix(id, "AWS::")
}

// RefID returns the logical id a resolved value refers to: by Ref or GetAtt, or the first one
// found inside other intrinsics (an access point ARN built from its Ref in an Fn::Join, an
// alias's function name cut from its ARN with Fn::Select and Fn::Split).
func RefID(v any) (string, bool) {
	if id, ok := Ref(v); ok {
		return id, true
	}
	if id, ok := GetAtt(v); ok {
		return id, true
	}
	switch t := v.(type) {
	case map[string]any:
		for _, k := range []string{"Fn::Join", "Fn::Select", "Fn::Split", "Fn::Sub"} {
			if x, ok := t[k]; ok {
				return RefID(x)
			}
		}
	case []any:
		for _, x := range t {
			if id, ok := RefID(x); ok {
				return id, true
			}
		}
	}
	return "", false
}

// Flatten writes a resolved value as a string: Fn::Join parts joined, pseudo parameters as
// placeholders, other references as ${Ref} or ${id.attr}.
func Flatten(v any) string {
	switch t := v.(type) {
	case string:
		return t
	case map[string]any:
		if j := List(t["Fn::Join"]); len(j) == 2 {
			sep, _ := j[0].(string)
			var parts []string
			for _, p := range List(j[1]) {
				parts = append(parts, Flatten(p))
			}
			return strings.Join(parts, sep)
		}
		if id, ok := t["Ref"].(string); ok {
			return "${" + id + "}"
		}
		if a := List(t["Fn::GetAtt"]); len(a) == 2 {
			return "${" + Flatten(a[0]) + "." + Flatten(a[1]) + "}"
		}
	}
	b, _ := json.Marshal(v)
	return string(b)
}

// Service returns the service of a resolved ARN: from the ARN's text, or from the type of
// the resource it references.
func Service(v any, types map[string]string) string {
	if id, ok := GetAtt(v); ok {
		return types[id]
	}
	if id, ok := Ref(v); ok {
		return types[id]
	}
	parts := strings.SplitN(strings.ReplaceAll(Flatten(v), "${AWS::Partition}", "aws"), ":", 4)
	if len(parts) < 3 || parts[0] != "arn" {
		return ""
	}
	return parts[2]
}
