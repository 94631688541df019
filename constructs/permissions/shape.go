package permissions

import (
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

	match  matcher
	misses []miss
}

// miss is a resource part users give by mistake for a shape, and what it is.
type miss struct {
	match matcher
	is    string // "a table, not its stream"
}

func newShape(kind, service, resource, example string, match matcher, misses ...miss) *Shape {
	return &Shape{Kind: kind, Service: service, Resource: resource, Example: example, match: match, misses: misses}
}

// A matcher reports whether a whole resource part has a form. Matchers are built from parts,
// each of which consumes the start of the text: a small, allocation-free subset of regular
// expressions (no backtracking: a run never holds the character that follows it).
type matcher func(string) bool

type part func(string) (rest string, ok bool)

// seq matches parts one after the other, with nothing left over.
func seq(parts ...part) matcher {
	return func(s string) bool {
		for _, p := range parts {
			var ok bool
			if s, ok = p(s); !ok {
				return false
			}
		}
		return s == ""
	}
}

// lit matches the text prefix.
func lit(prefix string) part {
	return func(s string) (string, bool) {
		if !strings.HasPrefix(s, prefix) {
			return s, false
		}
		return s[len(prefix):], true
	}
}

// run matches one or more characters of set.
func run(set *charset) part {
	return func(s string) (string, bool) {
		i := 0
		for i < len(s) && set[s[i]] {
			i++
		}
		return s[i:], i > 0
	}
}

// opt matches parts, or nothing.
func opt(parts ...part) part {
	return func(s string) (string, bool) {
		rest := s
		for _, p := range parts {
			var ok bool
			if rest, ok = p(rest); !ok {
				return s, true
			}
		}
		return rest, true
	}
}

// anything matches the rest of the text.
func anything(string) (string, bool) { return "", true }

// butSlash is every character but "/".
func butSlash() *charset {
	var set charset
	for c := range set {
		set[c] = c != '/'
	}
	return &set
}

// charset is a set of ASCII characters.
type charset [256]bool

// chars builds a set from ranges and single characters: chars("a-z0-9_-").
func chars(spec string) *charset {
	var set charset
	for i := 0; i < len(spec); i++ {
		if i+2 < len(spec) && spec[i+1] == '-' {
			for c := int(spec[i]); c <= int(spec[i+2]); c++ {
				set[c] = true
			}
			i += 2
			continue
		}
		set[spec[i]] = true
	}
	return &set
}

var (
	wordDash     = chars("A-Za-z0-9_-")  // names of queues, topics, clusters, keys, functions
	wordDotDash  = chars("A-Za-z0-9_.-") // stream and table names
	lowerAlnum   = chars("a-z0-9")       // ids after fs-, fsap-, subnet-, sg-
	notSlash     = butSlash()
	qualifier    = chars("A-Za-z0-9_$-")  // function versions and aliases, $LATEST
	busName      = chars("A-Za-z0-9_./-") // event buses, partner buses hold a slash
	bucketName   = chars("a-z0-9.-")      // S3 bucket names
	secretName   = chars("A-Za-z0-9_/+=.@-")
	parameterARN = chars("A-Za-z0-9_./-")
)

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
	queueShape  = newShape("queue", "sqs", "<queue-name>", "example", seq(run(wordDash), opt(lit(".fifo"))))
	topicShape  = newShape("topic", "sns", "<topic-name>", "example", seq(run(wordDash), opt(lit(".fifo"))))
	streamShape = newShape("stream", "kinesis", "stream/<name>", "stream/example", seq(lit("stream/"), run(wordDotDash)),
		miss{seq(lit("stream/"), run(notSlash), lit("/consumer/"), anything), "a stream consumer, not its stream"})
	tableStreamShape = newShape("stream", "dynamodb", "table/<name>/stream/<label>", "table/example/stream/2024-01-01T00:00:00.000",
		seq(lit("table/"), run(wordDotDash), lit("/stream/"), run(notSlash)),
		miss{seq(lit("table/"), run(notSlash)), "a table, not its stream"})
	mskClusterShape = newShape("cluster", "kafka", "cluster/<name>/<uuid>", "cluster/example/0b7f6a0e-1f1a-4d5e-9c3a-7d2f5e1b8c9a-1",
		seq(lit("cluster/"), run(wordDash), lit("/"), run(wordDash)),
		miss{seq(lit("topic/"), anything), "a topic, not its cluster"},
		miss{seq(lit("group/"), anything), "a consumer group, not its cluster"})
	fileSystemShape = newShape("file system", "elasticfilesystem", "file-system/fs-<id>", "file-system/fs-0123456789abcdef0",
		seq(lit("file-system/fs-"), run(lowerAlnum)),
		miss{seq(lit("access-point/"), anything), "an access point, not a file system"})
	accessPointShape = newShape("access point", "elasticfilesystem", "access-point/fsap-<id>", "access-point/fsap-0123456789abcdef0",
		seq(lit("access-point/fsap-"), run(lowerAlnum)),
		miss{seq(lit("file-system/"), anything), "a file system, not an access point"})
	s3FilesShape = newShape("file system", "s3files", "file-system/fs-<id>", "file-system/fs-0123456789abcdef01",
		seq(lit("file-system/fs-"), run(lowerAlnum)),
		miss{seq(lit("file-system/"), run(notSlash), lit("/access-point/"), anything), "an access point, not its file system"})
	s3FilesAccessPointShape = newShape("access point", "s3files", "file-system/fs-<id>/access-point/fsap-<id>", "file-system/fs-0123456789abcdef01/access-point/fsap-0123456789abcdef01",
		seq(lit("file-system/fs-"), run(lowerAlnum), lit("/access-point/fsap-"), run(lowerAlnum)),
		miss{seq(lit("file-system/fs-"), run(lowerAlnum)), "a file system, not an access point"})
	glueRegistryShape = newShape("registry", "glue", "registry/<name>", "registry/example", seq(lit("registry/"), run(wordDotDash)),
		miss{seq(lit("schema/"), anything), "a schema, not its registry"})
	brokerShape = newShape("broker", "mq", "broker:<name>:<id>", "broker:example:b-1234a5b6-78cd-901e-2fab-3c45d6e178f9",
		seq(lit("broker:"), run(wordDash), lit(":b-"), run(wordDash)))
	// Amazon DocumentDB clusters have Amazon RDS ARNs.
	docDBClusterShape = newShape("cluster", "rds", "cluster:<name>", "cluster:example", seq(lit("cluster:"), run(wordDash)),
		miss{seq(lit("db:"), anything), "an instance, not its cluster"})
	functionShape = newShape("function", "lambda", "function:<name>[:<qualifier>]", "function:example",
		seq(lit("function:"), run(wordDash), opt(lit(":"), run(qualifier))))
	eventBusShape = newShape("event bus", "events", "event-bus/<name>", "event-bus/example", seq(lit("event-bus/"), run(busName)),
		miss{seq(lit("rule/"), anything), "a rule, not an event bus"})
	bucketShape = global(newShape("bucket", "s3", "<bucket>", "example", seq(run(bucketName)),
		miss{seq(run(notSlash), lit("/"), anything), "an object, not its bucket"}))
	keyShape = newShape("key", "kms", "key/<key-id>", "key/1234abcd-12ab-34cd-56ef-1234567890ab", seq(lit("key/"), run(wordDash)),
		miss{seq(lit("alias/"), anything), "a key alias, not a key"})
	secretShape        = newShape("secret", "secretsmanager", "secret:<name>", "secret:example-AbCdEf", seq(lit("secret:"), run(secretName)))
	parameterShape     = newShape("parameter", "ssm", "parameter/<name>", "parameter/example", seq(lit("parameter/"), run(parameterARN)))
	subnetShape        = newShape("subnet", "ec2", "subnet/subnet-<id>", "subnet/subnet-0123456789abcdef0", seq(lit("subnet/subnet-"), run(lowerAlnum)))
	securityGroupShape = newShape("security group", "ec2", "security-group/sg-<id>", "security-group/sg-0123456789abcdef0", seq(lit("security-group/sg-"), run(lowerAlnum)))
)

// article is "a" or "an" for a lowercase word.
func article(word string) string {
	if word != "" && strings.IndexByte("aeiou", word[0]) >= 0 {
		return "an"
	}
	return "a"
}

// check reports why a literal arn does not have the shape, or nil; tokens pass. The message
// names the feature id (none for the request's own fields) and label names the field (`key `)
// when the value is not the feature's own resource.
func (s *Shape) check(arn string, id ID, label string) error {
	problem := s.mismatch(arn)
	if problem == "" {
		return nil
	}
	if id != "" {
		return Errorf(ErrArnInvalid, "feature %q: %s%q %s", id, label, arn, problem)
	}
	return Errorf(ErrArnInvalid, "%s%q %s", label, arn, problem)
}

// mismatch says how arn differs from the shape and what to pass instead, or "".
func (s *Shape) mismatch(arn string) string {
	if IsToken(arn) && !strings.HasPrefix(arn, "arn:") {
		return ""
	}
	a, ok := ParseARN(arn)
	if !ok {
		return "is not an ARN: " + s.fix()
	}
	if strings.ContainsAny(a.Partition, "*?") || strings.ContainsAny(a.Region, "*?") || strings.ContainsAny(a.Account, "*?") || strings.ContainsAny(a.Resource, "*?") {
		return "is a wildcard: pass the exact ARN of one " + s.Kind + " (" + s.Pattern() + ")"
	}
	if !IsToken(a.Service) && a.Service != s.Service {
		return "is an ARN of service " + a.Service + ", not " + s.Service + ": " + s.fix()
	}
	if IsToken(a.Resource) {
		return ""
	}
	placed := (a.Region == "") == s.Global && (a.Account == "") == s.Global
	if placed && s.match(a.Resource) {
		return ""
	}
	for _, m := range s.misses {
		if m.match(a.Resource) {
			return "is " + m.is + ": " + s.fix()
		}
	}
	return "does not name " + article(s.Kind) + " " + s.Kind + ": " + s.fix()
}

// fix says what to pass instead of an ARN that does not have the shape.
func (s *Shape) fix() string { return "pass the " + s.Kind + " ARN (" + s.Pattern() + ")" }
