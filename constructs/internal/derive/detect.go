package derive

import (
	"cmp"
	"encoding/json"
	"slices"
	"strings"

	"github.com/aws/aws-cdk-go/awscdk/v2/awss3files"

	"github.com/execrole/execrole/constructs/permissions"
)

// SourceFeatures maps the service of an event source to the feature that reads it;
// DestinationFeatures the service of a destination to the feature that sends to it, and
// DeadLetterFeatures the service of a dead-letter target: each from the catalog rows'
// Recognition.
var (
	SourceFeatures      = byService(func(r permissions.Recognition) string { return r.Source })
	DestinationFeatures = byService(func(r permissions.Recognition) string { return r.Destination })
	DeadLetterFeatures  = byService(func(r permissions.Recognition) string { return r.DeadLetter })
	RegistryFeatures    = byService(func(r permissions.Recognition) string { return r.SchemaRegistry })
	// FailureTopicFeature is the feature a Kafka topic on-failure destination reveals.
	FailureTopicFeature = func() permissions.ID {
		for _, d := range permissions.Catalog {
			if d.From.FailureTopic {
				return d.ID
			}
		}
		return ""
	}()
)

// byService maps each service that field gives a row to the row's feature. It panics when two
// rows give the same service: a mapping of one service (Amazon MSK and self-managed Kafka,
// say) must reveal one feature.
func byService(field func(permissions.Recognition) string) map[string]permissions.ID {
	out := map[string]permissions.ID{}
	for _, d := range permissions.Catalog {
		svc := field(d.From)
		if svc == "" {
			continue
		}
		if other, dup := out[svc]; dup {
			panic("execrole derive: features " + string(other) + " and " + string(d.ID) + " are both revealed by " + svc)
		}
		out[svc] = d.ID
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

// detect derives the features f uses from what the template will hold, as the catalog rows
// say each shows (permissions.Recognition): first what the function's own configuration
// reveals, in catalog order, then its event sources and its destinations.
func detect(f *Function, m *Stack) []permissions.Use {
	var out uses
	p := f.Props
	layers, _ := json.Marshal(p["layers"])
	lower := strings.ToLower(string(layers))
	for _, d := range permissions.Catalog {
		r := d.From
		switch {
		case r.Property != "":
			v := p[r.Property]
			if r.Key != "" {
				v = Field(v, r.Key)
			}
			if !present(v, r.Equals) {
				continue
			}
			if r.FileSystems {
				fileSystems(f, r, v, m, &out, d.ID)
				continue
			}
			u := out.add(d.ID)
			if r.PropertyIsResource {
				raw, _ := f.raw[r.Property].(string)
				out.add(d.ID, raw)
			}
			if r.KeyField != "" {
				k, _ := Field(f.raw[r.Property], r.KeyField).(string)
				u.Keys = appendNew(u.Keys, k)
			}
		case len(r.Layers) > 0:
			if slices.ContainsFunc(r.Layers, func(t string) bool { return strings.Contains(lower, t) }) {
				out.add(d.ID)
			}
		case r.Edge:
			if f.Edge {
				out.add(d.ID)
			}
		}
	}
	if t := Field(p["deadLetterConfig"], "targetArn"); t != nil {
		if id, ok := DeadLetterFeatures[Service(t, m.Types)]; ok {
			u := out.add(id, TokenOf(t))
			u.Keys = appendNew(u.Keys, m.KeyOf(t))
		}
	}
	for _, s := range f.Sources {
		id, ok := SourceFeatures[s.Service]
		if !ok {
			f.Unknown = append(f.Unknown, s)
			continue
		}
		d, _ := permissions.Lookup(id)
		r := d.From
		u := out.add(id, s.ARN) // a self-managed cluster has no ARN: ""
		u.Keys = appendNew(u.Keys, s.Key)
		if r.SourceSecrets {
			u.Secrets = appendNew(u.Secrets, s.Secrets...)
			u.Keys = appendNew(u.Keys, m.keysOf(s.Secrets)...)
		}
		if r.SourceReach {
			u.InVPC = u.InVPC || s.InVPC
		}
		if r.SourceTopics && len(s.Secrets) == 0 && len(s.Topics) > 0 {
			// Lambda names the group after the mapping's id when none is set: known at deploy.
			group := cmp.Or(s.Group, "*")
			u.Topics = appendNew(u.Topics, s.Topics...)
			u.Groups = appendNew(u.Groups, group)
		}
		if s.Registry != nil {
			kind := registryKind(s.Registry, m.Types)
			if kind == "" {
				f.Unknown = append(f.Unknown, Source{Mapping: s.Mapping, ARN: s.RegistryToken, Registry: s.Registry})
			}
			if id, ok := RegistryFeatures[kind]; ok {
				ru := out.add(id)
				if kind == "glue" {
					out.add(id, s.RegistryToken)
				}
				ru.Secrets = appendNew(ru.Secrets, s.RegistrySecrets...)
				ru.Keys = appendNew(ru.Keys, m.keysOf(s.RegistrySecrets)...)
			}
		}
		// With IAM access control (no secret), Lambda writes failed records to the topic with
		// the role's credentials; with a secret, with the secret's.
		if s.FailureTopic != "" && FailureTopicFeature != "" && r.SourceTopics && len(s.Secrets) == 0 {
			fu := out.add(FailureTopicFeature, s.ARN)
			fu.Topics = appendNew(fu.Topics, s.FailureTopic)
		}
	}
	for _, d := range f.Destinations {
		if id, ok := DestinationFeatures[Service(d, m.Types)]; ok {
			u := out.add(id, TokenOf(d))
			u.Keys = appendNew(u.Keys, m.KeyOf(d))
		}
	}
	return out
}

// registryKind is the kind of a Kafka schema registry from its resolved URI: "glue" for a
// Glue registry's ARN or one of the stack's registries, "confluent" for a URL, "" for a
// value the template does not tell (a parameter, an import).
func registryKind(uri any, types map[string]string) string {
	switch text := Flatten(uri); {
	case Service(uri, types) == "glue":
		return "glue"
	case strings.HasPrefix(text, "https://") || strings.HasPrefix(text, "http://"):
		return "confluent"
	}
	return ""
}

// present reports whether a resolved property value is set: non-empty, and equal to equals
// when that is given.
func present(v any, equals string) bool {
	switch t := v.(type) {
	case nil:
		return false
	case string:
		return t != "" && (equals == "" || t == equals)
	case []any:
		return len(t) > 0 && equals == ""
	case map[string]any:
		return len(t) > 0 && equals == ""
	}
	return equals == ""
}

// keysOf returns the customer managed keys of the secrets of the stack among arns.
func (m *Stack) keysOf(arns []string) []string {
	var out []string
	for _, a := range arns {
		if !permissions.IsToken(a) {
			continue
		}
		if k := m.KeyOf(m.Stack.Resolve(a)); k != "" {
			out = append(out, k)
		}
	}
	return out
}

// fileSystems adds the use of feature id for the file system configurations configs of the
// row's file system service: their access points and file systems, or, for a row of direct
// reads, the buckets of the S3 Files file systems f reads directly and their keys. An access
// point of the stack gives its file system; a literal ARN its own text.
func fileSystems(f *Function, r permissions.Recognition, configs any, m *Stack, out *uses, id permissions.ID) {
	var u *permissions.Use
	use := func() *permissions.Use {
		if u == nil {
			u = out.add(id)
		}
		return u
	}
	for _, c := range List(configs) {
		arn := Field(c, "arn")
		apID, _ := RefID(arn)
		efs, s3 := m.AccessPoints[apID], m.S3FilesAccessPoints[apID]
		svc := Service(arn, nil)
		switch {
		case s3 != nil:
			svc = "s3files"
		case efs != nil, svc == "":
			// aws-cdk-lib mounts S3 Files access points of the app only: an access point
			// whose ARN does not tell is an EFS one.
			svc = "elasticfilesystem"
		}
		if svc != r.FileSystemService {
			continue
		}
		if r.DirectReads {
			mode, _ := Field(Field(c, "s3FilesConfig"), "directS3Read").(string)
			memory, _ := f.Props["memorySize"].(float64)
			if mode == "DISABLED" || mode != "ENABLED" && memory < permissions.DirectReadMemory {
				continue
			}
			if s3 == nil {
				continue // an imported file system: its bucket is not in the app
			}
			if fs := m.s3FilesSystem(s3); fs != nil && fs.Bucket() != nil {
				use()
				out.add(id, *fs.Bucket())
				u.Keys = appendNew(u.Keys, m.KeyOf(m.Stack.Resolve(fs.Bucket())))
			}
			continue
		}
		use()
		switch {
		case efs != nil:
			u.AccessPoints = appendNew(u.AccessPoints, *efs.AttrArn())
			if fs := efs.FileSystemId(); fs != nil {
				if fsID, ok := Ref(m.Stack.Resolve(fs)); ok && m.FileSystems[fsID] != nil {
					out.add(id, *m.FileSystems[fsID].AttrArn())
				}
			}
		case s3 != nil:
			u.AccessPoints = appendNew(u.AccessPoints, *s3.AttrAccessPointArn())
			if fs := m.s3FilesSystem(s3); fs != nil {
				// Its Ref is its ARN (the primary identifier), as aws-cdk-lib's mount grant
				// names it.
				out.add(id, *fs.Ref())
			}
		default:
			// A literal access point ARN: an S3 Files one holds its file system's
			// (file-system/fs-<id>/access-point/fsap-<id>); an EFS one does not.
			if a, ok := arn.(string); ok && !permissions.IsToken(a) {
				u.AccessPoints = appendNew(u.AccessPoints, a)
				if i := strings.Index(a, "/access-point/"); i > 0 && svc == "s3files" {
					out.add(id, a[:i])
				}
			}
		}
	}
}

// s3FilesSystem returns the S3 Files file system of the stack an access point of the stack
// belongs to, or nil.
func (m *Stack) s3FilesSystem(ap awss3files.CfnAccessPoint) awss3files.CfnFileSystem {
	fs := ap.FileSystemId()
	if fs == nil {
		return nil
	}
	id, _ := RefID(m.Stack.Resolve(fs))
	return m.S3FilesFileSystems[id]
}

// appendNew appends to dst what of src it lacks, "" aside.
func appendNew(dst []string, src ...string) []string {
	for _, s := range src {
		if s != "" && !slices.Contains(dst, s) {
			dst = append(dst, s)
		}
	}
	return dst
}
