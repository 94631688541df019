package permissions

import (
	"fmt"
	"regexp"
	"strings"
)

// Shape is the form of the ARNs of one kind of resource. The planner checks literal ARNs
// against it; tokens, whole or in part, are left to CloudFormation.
type Shape struct {
	// Kind names the resource in messages: "queue", "stream", "access point".
	Kind string
	// Service is the ARN's service: "sqs", "dynamodb".
	Service string
	// Global says the ARN has neither region nor account (S3 buckets).
	Global bool
	// Resource is the ARN's resource part as the AWS documentation writes it:
	// "table/<name>/stream/<label>".
	Resource string
	// Example is a resource part of that form, for examples and generated documentation.
	Example string

	match  *regexp.Regexp
	misses []miss
}

// miss is a resource part users give by mistake for a shape, and what it is.
type miss struct {
	match *regexp.Regexp
	is    string // "a table, not its stream"
}

// newShape builds a shape whose resource part matches pattern (anchored), and recognizes
// near misses: pairs of a pattern and what a resource part matching it is.
func newShape(kind, service, resource, pattern, example string, misses ...string) *Shape {
	s := &Shape{Kind: kind, Service: service, Resource: resource, Example: example, match: regexp.MustCompile(`^(?:` + pattern + `)$`)}
	for i := 0; i+1 < len(misses); i += 2 {
		s.misses = append(s.misses, miss{regexp.MustCompile(`^(?:` + misses[i] + `)$`), misses[i+1]})
	}
	return s
}

// global marks a shape whose ARNs carry no region and no account.
func global(s *Shape) *Shape {
	s.Global = true
	return s
}

// Pattern is the shape's ARN as documentation writes it, in the aws partition:
// arn:aws:dynamodb:<region>:<account>:table/<name>/stream/<label>.
func (s *Shape) Pattern() string {
	if s.Global {
		return "arn:aws:" + s.Service + ":::" + s.Resource
	}
	return "arn:aws:" + s.Service + ":<region>:<account>:" + s.Resource
}

// ExampleARN is an ARN pattern of the shape in the role's own partition (and region and
// account, unless the shape is global).
func (s *Shape) ExampleARN() string {
	if s.Global {
		return GlobalARN(s.Service, "", s.Example)
	}
	return ARN(s.Service, s.Example)
}

// The shapes of the resources features take. Names follow each service's rules closely
// enough to tell one kind of resource from another; CloudFormation and the service check
// the rest at deploy.
var (
	queueShape  = newShape("queue", "sqs", "<queue-name>", `[\w-]+(\.fifo)?`, "example")
	topicShape  = newShape("topic", "sns", "<topic-name>", `[\w-]+(\.fifo)?`, "example")
	streamShape = newShape("stream", "kinesis", "stream/<name>", `stream/[\w.-]+`, "stream/example",
		`stream/[^/]+/consumer/.*`, "a stream consumer, not its stream")
	tableStreamShape = newShape("stream", "dynamodb", "table/<name>/stream/<label>", `table/[\w.-]+/stream/[^/]+`, "table/example/stream/2024-01-01T00:00:00.000",
		`table/[^/]+`, "a table, not its stream")
	mskClusterShape = newShape("cluster", "kafka", "cluster/<name>/<uuid>", `cluster/[\w-]+/[\w-]+`, "cluster/example/0b7f6a0e-1f1a-4d5e-9c3a-7d2f5e1b8c9a-1",
		`(topic|group)/.*`, "a topic or consumer group, not its cluster")
	fileSystemShape = newShape("file system", "elasticfilesystem", "file-system/fs-<id>", `file-system/fs-[0-9a-z]+`, "file-system/fs-0123456789abcdef0",
		`access-point/.*`, "an access point, not a file system")
	accessPointShape = newShape("access point", "elasticfilesystem", "access-point/fsap-<id>", `access-point/fsap-[0-9a-z]+`, "access-point/fsap-0123456789abcdef0",
		`file-system/.*`, "a file system, not an access point")
	brokerShape = newShape("broker", "mq", "broker:<name>:<id>", `broker:[\w-]+:b-[\w-]+`, "broker:example:b-1234a5b6-78cd-901e-2fab-3c45d6e178f9")
	// Amazon DocumentDB clusters have Amazon RDS ARNs.
	docDBClusterShape = newShape("cluster", "rds", "cluster:<name>", `cluster:[A-Za-z][A-Za-z0-9-]*`, "cluster:example",
		`db:.*`, "an instance, not its cluster")
	functionShape = newShape("function", "lambda", "function:<name>[:<qualifier>]", `function:[\w-]+(:[\w$-]+)?`, "function:example")
	eventBusShape = newShape("event bus", "events", "event-bus/<name>", `event-bus/[\w./-]+`, "event-bus/example",
		`rule/.*`, "a rule, not an event bus")
	bucketShape = global(newShape("bucket", "s3", "<bucket>", `[a-z0-9][a-z0-9.-]*[a-z0-9]`, "example",
		`[^/]+/.*`, "an object, not its bucket"))
	keyShape = newShape("key", "kms", "key/<key-id>", `key/[\w-]+`, "key/1234abcd-12ab-34cd-56ef-1234567890ab",
		`alias/.*`, "a key alias, not a key")
	secretShape        = newShape("secret", "secretsmanager", "secret:<name>", `secret:[\w/+=.@-]+`, "secret:example-AbCdEf")
	parameterShape     = newShape("parameter", "ssm", "parameter/<name>", `parameter/[\w./-]+`, "parameter/example")
	subnetShape        = newShape("subnet", "ec2", "subnet/subnet-<id>", `subnet/subnet-[0-9a-z]+`, "subnet/subnet-0123456789abcdef0")
	securityGroupShape = newShape("security group", "ec2", "security-group/sg-<id>", `security-group/sg-[0-9a-z]+`, "security-group/sg-0123456789abcdef0")
)

// article is "a" or "an" for a lowercase word.
func article(word string) string {
	if word != "" && strings.IndexByte("aeiou", word[0]) >= 0 {
		return "an"
	}
	return "a"
}

// check reports why a literal arn does not have the shape, or nil; tokens pass. where
// prefixes the message (`feature "sqs": `) and label names the field (`key `) when the
// value is not the feature's own resource.
func (s *Shape) check(arn, where, label string) error {
	if IsToken(arn) && !strings.HasPrefix(arn, "arn:") {
		return nil
	}
	fix := func() string { return fmt.Sprintf("pass the %s ARN (%s)", s.Kind, s.Pattern()) }
	a, ok := ParseARN(arn)
	if !ok {
		return fmt.Errorf("%s%s%q is not an ARN: %s", where, label, arn, fix())
	}
	if strings.ContainsAny(a.Partition, "*?") || strings.ContainsAny(a.Region, "*?") || strings.ContainsAny(a.Account, "*?") || strings.ContainsAny(a.Resource, "*?") {
		return fmt.Errorf("%s%s%q is a wildcard: pass the exact ARN of one %s (%s)", where, label, arn, s.Kind, s.Pattern())
	}
	if !IsToken(a.Service) && a.Service != s.Service {
		return fmt.Errorf("%s%s%q is an ARN of service %s, not %s: %s", where, label, arn, a.Service, s.Service, fix())
	}
	if IsToken(a.Resource) {
		return nil
	}
	placed := (a.Region == "") == s.Global && (a.Account == "") == s.Global
	if placed && s.match.MatchString(a.Resource) {
		return nil
	}
	for _, m := range s.misses {
		if m.match.MatchString(a.Resource) {
			return fmt.Errorf("%s%s%q is %s: %s", where, label, arn, m.is, fix())
		}
	}
	return fmt.Errorf("%s%s%q does not name %s %s: %s", where, label, arn, article(s.Kind), s.Kind, fix())
}
