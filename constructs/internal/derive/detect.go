package derive

import (
	"encoding/json"
	"slices"
	"strings"

	"github.com/execrole/execrole/constructs/permissions"
)

// SourceFeatures maps the service of an event source ARN to the feature that reads it;
// DestinationFeatures the service of a destination ARN to the feature that sends to it, and
// DeadLetterFeatures the service of a dead-letter target. The services are those of the
// features' resources in the catalog (Definition.Shape).
var (
	SourceFeatures = byService(permissions.SQS, permissions.Kinesis, permissions.DynamoDBStreams,
		permissions.MSK, permissions.MQ, permissions.DocumentDB)
	DestinationFeatures = byService(permissions.DestinationQueue, permissions.DestinationTopic,
		permissions.DestinationFunction, permissions.DestinationEventBus, permissions.DestinationBucket)
	DeadLetterFeatures = byService(permissions.DeadLetterQueue, permissions.DeadLetterTopic)
)

// byService maps the service of each feature's resource to the feature. It panics on a
// feature without a resource shape, or two features of one service: a catalog change the
// derivation must follow.
func byService(ids ...permissions.ID) map[string]permissions.ID {
	out := make(map[string]permissions.ID, len(ids))
	for _, id := range ids {
		d, ok := permissions.Lookup(id)
		if !ok || d.Shape == nil {
			panic("execrole derive: feature " + string(id) + " has no resource shape in the catalog")
		}
		if other, dup := out[d.Shape.Service]; dup {
			panic("execrole derive: features " + string(other) + " and " + string(id) + " both take " + d.Shape.Service + " resources")
		}
		out[d.Shape.Service] = id
	}
	return out
}

// uses is an ordered set of feature uses, one per feature.
type uses []permissions.Use

// add adds resources (tokens or ARNs; "" for none) to the use of id, appending the use first
// when it is new, and returns it.
func (us *uses) add(id permissions.ID, resources ...string) *permissions.Use {
	i := slices.IndexFunc(*us, func(u permissions.Use) bool { return u.Feature == id })
	if i < 0 {
		*us = append(*us, permissions.Use{Feature: id})
		i = len(*us) - 1
	}
	u := &(*us)[i]
	for _, r := range resources {
		if r != "" && !slices.Contains(u.Resources, r) {
			u.Resources = append(u.Resources, r)
		}
	}
	return u
}

// layerFeatures are the features a layer of the function implies, by a text its ARN (or the
// name of the region mapping aws-cdk-lib resolves it through) holds, lower case: the Lambda
// Insights extension (LambdaInsightsExtension), the AWS Distro for OpenTelemetry layers of
// CloudWatch Application Signals (AWSOpenTelemetryDistroPython and its kin; the aws-otel-*
// layers of awslambda.AdotInstrumentationConfig only trace, which aws-cdk-lib turns on as
// active tracing), and the AWS Parameters and Secrets Lambda Extension
// (AWS-Parameters-and-Secrets-Lambda-Extension, or aws-cdk-lib's ParamsandsecretslayerMap).
var layerFeatures = []struct {
	text    string
	feature permissions.ID
}{
	{"lambdainsights", permissions.Insights},
	{"awsopentelemetrydistro", permissions.ApplicationSignals},
	{"parameters-and-secrets", permissions.ParametersAndSecrets},
	{"paramsandsecrets", permissions.ParametersAndSecrets},
}

// detect derives the features f uses from what the template will hold, in a stable order:
// the function's own settings, its event sources, then its destinations.
func detect(f *Function, m *Stack) []permissions.Use {
	var out uses
	p := f.Props
	if len(List(Field(p["vpcConfig"], "subnetIds"))) > 0 {
		out.add(permissions.VPC)
	}
	if p["durableConfig"] != nil {
		out.add(permissions.Durable)
	}
	if mode, _ := Field(p["tracingConfig"], "mode").(string); mode == "Active" {
		out.add(permissions.Tracing)
	}
	layers, _ := json.Marshal(p["layers"])
	for _, l := range layerFeatures {
		if strings.Contains(strings.ToLower(string(layers)), l.text) {
			out.add(l.feature)
		}
	}
	for _, c := range List(p["fileSystemConfigs"]) {
		u := out.add(permissions.EFS)
		ap := Field(c, "arn")
		if id, ok := RefID(ap); ok && m.AccessPoints[id] != nil {
			u.AccessPoints = append(u.AccessPoints, *m.AccessPoints[id].AttrArn())
			if fs := m.AccessPoints[id].FileSystemId(); fs != nil {
				if fsID, ok := Ref(m.Stack.Resolve(fs)); ok && m.FileSystems[fsID] != nil {
					out.add(permissions.EFS, *m.FileSystems[fsID].AttrArn())
				}
			}
		}
	}
	if t := Field(p["deadLetterConfig"], "targetArn"); t != nil {
		if id, ok := DeadLetterFeatures[Service(t, m.Types)]; ok {
			out.add(id, TokenOf(t))
		}
	}
	if p["kmsKeyArn"] != nil {
		out.add(permissions.EnvironmentKey, f.KMSKeyArn)
	}
	if f.Edge {
		out.add(permissions.Edge)
	}
	for _, s := range f.Sources {
		if s.Service == "self-managed-kafka" {
			u := out.add(permissions.Kafka)
			u.Secrets = appendNew(u.Secrets, s.Secrets...)
			u.InVPC = u.InVPC || s.InVPC
			continue
		}
		id, ok := SourceFeatures[s.Service]
		if !ok {
			f.Unknown = append(f.Unknown, s)
			continue
		}
		u := out.add(id, s.ARN)
		if id == permissions.MQ || id == permissions.DocumentDB || id == permissions.MSK {
			u.Secrets = appendNew(u.Secrets, s.Secrets...)
		}
	}
	for _, d := range f.Destinations {
		if id, ok := DestinationFeatures[Service(d, m.Types)]; ok {
			out.add(id, TokenOf(d))
		}
	}
	return out
}

func appendNew(dst []string, src ...string) []string {
	for _, s := range src {
		if !slices.Contains(dst, s) {
			dst = append(dst, s)
		}
	}
	return dst
}
