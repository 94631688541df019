package permissions

import (
	"fmt"
	"strings"
)

// Recognition says how a feature shows in a function's configuration, or in what targets the
// function: what the derivation reads to give a role the feature, and what the audit checks a
// role allows for it. It is part of the feature's catalog row. The zero value: no
// configuration reveals the feature, and only Features declare it.
type Recognition struct {
	// Property is the function's CloudFormation property (lowerCamel) that reveals the
	// feature when set; Key, when set, is its field that must be non-empty, and Equals, when
	// set, the value that field must have.
	Property, Key, Equals string
	// PropertyIsResource says the property's value is the feature's resource (the
	// environment key's ARN); FileSystems that its resources are the access points of the
	// property's file system configurations and their file systems.
	PropertyIsResource, FileSystems bool
	// FileSystemService, with FileSystems, is the service of the file systems that reveal the
	// feature ("elasticfilesystem", "s3files"): a configuration of another service does not.
	FileSystemService string
	// DirectReads, with FileSystems, says the feature's resources are the buckets of the S3
	// Files file systems the function reads objects from directly: those mounted with direct
	// reads enabled, or left to Lambda (AUTO, the default) on a function with at least
	// DirectReadMemory MB of memory; its keys are the buckets' keys.
	DirectReads bool
	// KeyField, with Property, is the property's field that holds a customer managed key of
	// the feature (the durable configuration's key): its value is one of the feature's keys.
	KeyField string
	// Layers are texts, lower case, one of which in the ARN of one of the function's layers
	// (or in the name of the region mapping aws-cdk-lib resolves it through) reveals the
	// feature.
	Layers []string
	// Source is the service of the event source mappings that reveal the feature ("sqs";
	// SelfManagedKafkaSource for a mapping with a self-managed event source): their source
	// ARNs are its resources. SourceSecrets says the mappings' Secrets Manager credentials are
	// its secrets, SourceReach that their VPC subnets are how Lambda reaches the source.
	Source                     string
	SourceSecrets, SourceReach bool
	// SourceTopics says a mapping that reads without a credentials secret (with IAM access
	// control) gives the feature its topics and consumer group, "*" for a group Lambda names
	// after the mapping.
	SourceTopics bool
	// SchemaRegistry is the kind of schema registry ("glue", or "confluent" for any other
	// registry URI) of the Kafka event source mappings that reveal the feature: a Glue
	// registry's ARN is its resource, a Confluent registry's access secrets its secrets.
	SchemaRegistry string
	// FailureTopic says a Kafka topic on-failure destination (kafka://<topic>) of an Amazon
	// MSK mapping with IAM access control reveals the feature: the cluster is its resource and
	// the topic one of its topics.
	FailureTopic bool
	// Destination is the service of the asynchronous invocation or on-failure destinations
	// that reveal the feature, DeadLetter the service of the dead-letter target: their ARNs
	// are its resources.
	Destination, DeadLetter string
	// Always says every function needs the feature: every role has it, unless a feature that
	// replaces it is there (Definition.Replaces).
	Always bool
	// Edge says the function is Lambda@Edge: a CloudFront distribution runs one of its
	// versions, or it is the function of an experimental.EdgeFunction.
	Edge bool
	// ResourcesUnknown says the configuration reveals the feature but not its resources
	// (which parameters and secrets the extension reads): the derivation cannot complete it,
	// and a grant of one of Required serves it.
	ResourcesUnknown bool
	// What says what the function is configured to do, after "function X ..." ("is attached
	// to a VPC"); Constructor is the executionrole call that declares the feature.
	What, Constructor string
	// Required are the actions the role must allow for the feature, which the audit checks:
	// all of them, or one with AnyOf. RequiredIn, when set, is a text the statement's
	// resource must hold unless it is "*" (the Lambda Insights log group).
	Required   []string
	AnyOf      bool
	RequiredIn string
	// RequiredWithSecrets says Required applies only to a use with secrets: a source or
	// registry reached without credentials needs none of them.
	RequiredWithSecrets bool
}

// SelfManagedKafkaSource is the Recognition.Source of event source mappings whose source is a
// self-managed Apache Kafka cluster, which has no ARN.
const SelfManagedKafkaSource = "self-managed-kafka"

// DirectReadMemory is the memory, in MB, from which Lambda reads an S3 Files file system's
// objects directly from its bucket in the AUTO direct-read mode, the default (Lambda
// Developer Guide, "Configuring Amazon S3 Files access with Lambda").
const DirectReadMemory = 512

var eniActions = []string{"ec2:CreateNetworkInterface", "ec2:DescribeNetworkInterfaces", "ec2:DeleteNetworkInterface"}

// describe says, for the README, what reveals the feature.
func (r Recognition) describe() string {
	if r.Always {
		return "every function"
	}
	var parts []string
	switch {
	case r.Property != "" && r.Equals != "":
		parts = append(parts, fmt.Sprintf("`%s.%s` = `%s`", r.Property, r.Key, r.Equals))
	case r.Property != "" && r.Key != "":
		parts = append(parts, fmt.Sprintf("`%s.%s`", r.Property, r.Key))
	case r.DirectReads:
		parts = append(parts, fmt.Sprintf("`%s` with an S3 Files access point of the app and direct reads (`ENABLED`, or `AUTO` with a literal memory size of at least %d MB)", r.Property, DirectReadMemory))
	case r.FileSystemService != "":
		parts = append(parts, fmt.Sprintf("`%s` with %s access point", r.Property, map[string]string{"s3files": "an S3 Files", "elasticfilesystem": "an EFS"}[r.FileSystemService]))
	case r.Property != "":
		parts = append(parts, "`"+r.Property+"`")
	}
	if r.KeyField != "" {
		parts[len(parts)-1] += fmt.Sprintf(" (its key: `%s.%s`)", r.Property, r.KeyField)
	}
	if len(r.Layers) > 0 {
		parts = append(parts, "a layer whose ARN holds `"+strings.Join(r.Layers, "` or `")+"`")
	}
	if r.Source == SelfManagedKafkaSource {
		parts = append(parts, "an event source mapping of a self-managed cluster")
	} else if r.Source != "" {
		parts = append(parts, "an event source mapping from "+r.Source)
	}
	if r.Destination != "" {
		parts = append(parts, "an asynchronous or on-failure destination in "+r.Destination)
	}
	if r.SchemaRegistry != "" {
		parts = append(parts, "a Kafka event source mapping's "+r.SchemaRegistry+" schema registry")
	}
	if r.FailureTopic {
		parts = append(parts, "a Kafka topic on-failure destination (`kafka://<topic>`) of an MSK event source mapping with IAM access control")
	}
	if r.DeadLetter != "" {
		parts = append(parts, "the dead-letter target in "+r.DeadLetter)
	}
	if r.Edge {
		parts = append(parts, "a CloudFront distribution running a version, or an `experimental.EdgeFunction`")
	}
	if len(parts) == 0 {
		return "— (declare it)"
	}
	s := strings.Join(parts, "; ")
	if r.ResourcesUnknown {
		s += " (name what it reads)"
	}
	return s
}
