package derive

import (
	"cmp"
	"encoding/json"
	"slices"
	"strings"

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
			u := out.add(d.ID)
			if r.PropertyIsResource {
				raw, _ := f.raw[r.Property].(string)
				out.add(d.ID, raw)
			}
			if r.FileSystems {
				fileSystems(u, v, m, &out, d.ID)
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
		}
		if r.SourceReach {
			u.InVPC = u.InVPC || s.InVPC
		}
		if r.SourceTopics && len(s.Secrets) == 0 && len(s.Topics) > 0 && !permissions.IsToken(s.ARN) {
			// Lambda names the group after the mapping's id when none is set: known at deploy.
			group := cmp.Or(s.Group, "*")
			u.Topics = appendNew(u.Topics, s.Topics...)
			u.Groups = appendNew(u.Groups, group)
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

// fileSystems adds to u the access points of the file system configurations configs that are
// in the stack, and their file systems.
func fileSystems(u *permissions.Use, configs any, m *Stack, out *uses, id permissions.ID) {
	var systems []string
	for _, c := range List(configs) {
		if ap, ok := RefID(Field(c, "arn")); ok && m.AccessPoints[ap] != nil {
			u.AccessPoints = append(u.AccessPoints, *m.AccessPoints[ap].AttrArn())
			if fs := m.AccessPoints[ap].FileSystemId(); fs != nil {
				if fsID, ok := Ref(m.Stack.Resolve(fs)); ok && m.FileSystems[fsID] != nil {
					systems = append(systems, *m.FileSystems[fsID].AttrArn())
				}
			}
		}
	}
	out.add(id, systems...)
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
