package deploy

import (
	"fmt"
	"path"
	"reflect"
	"regexp"
	"strings"
	"testing"
)

// Where the deploy happens: moto's default account.
const (
	account   = "123456789012"
	region    = "us-east-1"
	partition = "aws"
)

// resource is a deployed resource: its type and physical id. An attribute of a resource
// other than its ARN is kept as a resource of type attribute, by "<logical id>.<attribute>".
type resource struct{ typ, id string }

// attribute is the type of a resource entry that holds one attribute's value.
const attribute = "attribute"

// arnFormats gives the Arn attribute of the resource types whose ARN the examples' roles
// name, from the physical id (what Ref returns), as AWS documents it for each type; any
// other Fn::GetAtt is an error.
var arnFormats = map[string]func(id string) string{
	"AWS::SQS::Queue":       func(url string) string { return regional("sqs", path.Base(url)) },
	"AWS::Kinesis::Stream":  func(name string) string { return regional("kinesis", "stream/"+name) },
	"AWS::KMS::Key":         func(id string) string { return regional("kms", "key/"+id) },
	"AWS::S3::Bucket":       func(name string) string { return "arn:" + partition + ":s3:::" + name },
	"AWS::Lambda::Function": func(name string) string { return regional("lambda", "function:"+name) },
	// AWS gives a log group's Arn with a trailing ":*"; moto 5.2.1 gives it without, and
	// it is moto's value that the deployed policies hold.
	"AWS::Logs::LogGroup": func(name string) string { return regional("logs", "log-group:"+name) },
}

// regional is the ARN of a resource of a regional service in the deploy's account.
func regional(service, resource string) string {
	return "arn:" + partition + ":" + service + ":" + region + ":" + account + ":" + resource
}

// subVar is a ${...} of Fn::Sub.
var subVar = regexp.MustCompile(`\$\{[^}]+\}`)

// resolve turns a template value into what CloudFormation would pass to IAM: pseudo
// parameters, Ref, Fn::GetAtt of an Arn and Fn::Join, with the stack's physical ids. Any
// other intrinsic is an error, so a check never compares an unresolved value.
func resolve(v any, stack string, resources map[string]resource) (any, error) {
	switch t := v.(type) {
	case []any:
		out := make([]any, len(t))
		for i, e := range t {
			r, err := resolve(e, stack, resources)
			if err != nil {
				return nil, err
			}
			out[i] = r
		}
		return out, nil
	case map[string]any:
		if len(t) == 1 {
			for k, arg := range t {
				if k == "Ref" || strings.HasPrefix(k, "Fn::") {
					return intrinsic(k, arg, stack, resources)
				}
			}
		}
		out := make(map[string]any, len(t))
		for k, e := range t {
			r, err := resolve(e, stack, resources)
			if err != nil {
				return nil, err
			}
			out[k] = r
		}
		return out, nil
	}
	return v, nil
}

func intrinsic(fn string, arg any, stack string, resources map[string]resource) (any, error) {
	switch fn {
	case "Ref":
		name, _ := arg.(string)
		switch name {
		case "AWS::Partition":
			return partition, nil
		case "AWS::Region":
			return region, nil
		case "AWS::AccountId":
			return account, nil
		case "AWS::URLSuffix":
			return "amazonaws.com", nil
		case "AWS::StackName":
			return stack, nil
		}
		if r, ok := resources[name]; ok {
			return r.id, nil
		}
	case "Fn::GetAtt":
		if a, ok := arg.([]any); ok && len(a) == 2 && a[1] == "Arn" {
			id, _ := a[0].(string)
			if r, ok := resources[id]; ok && arnFormats[r.typ] != nil {
				return arnFormats[r.typ](r.id), nil
			}
		}
		if a, ok := arg.([]any); ok && len(a) == 2 {
			if r, ok := resources[fmt.Sprint(a[0])+"."+fmt.Sprint(a[1])]; ok && r.typ == attribute {
				return r.id, nil
			}
		}
	case "Fn::Sub":
		// Only the one-string form, whose ${X} are Refs and ${X.Y} GetAtts.
		if text, ok := arg.(string); ok {
			var err error
			out := subVar.ReplaceAllStringFunc(text, func(m string) string {
				name := m[2 : len(m)-1]
				var v any
				var e error
				if id, attr, ok := strings.Cut(name, "."); ok {
					v, e = intrinsic("Fn::GetAtt", []any{id, attr}, stack, resources)
				} else {
					v, e = intrinsic("Ref", name, stack, resources)
				}
				if e != nil && err == nil {
					err = e
				}
				return fmt.Sprint(v)
			})
			if err != nil {
				return nil, err
			}
			return out, nil
		}
	case "Fn::Join":
		if a, ok := arg.([]any); ok && len(a) == 2 {
			sep, _ := a[0].(string)
			parts, err := resolve(a[1], stack, resources)
			if err != nil {
				return nil, err
			}
			list, _ := parts.([]any)
			s := make([]string, len(list))
			for i, p := range list {
				if s[i], ok = p.(string); !ok {
					return nil, fmt.Errorf("Fn::Join of a non-string %v", p)
				}
			}
			return strings.Join(s, sep), nil
		}
	}
	return nil, fmt.Errorf("cannot resolve {%q: %v} in stack %s: add its rule to resolve", fn, arg, stack)
}

func TestResolve(t *testing.T) {
	resources := map[string]resource{
		"Queue":                    {"AWS::SQS::Queue", "https://sqs.us-east-1.amazonaws.com/123456789012/S-Queue-ABC"},
		"Logs":                     {"AWS::Logs::LogGroup", "S-Logs-DEF"},
		"Stream":                   {"AWS::Kinesis::Stream", "S-Stream-GHI"},
		"Vpc.DefaultSecurityGroup": {attribute, "sg-12345"},
	}
	tests := []struct {
		name string
		give any
		want any
	}{
		{"literal", "*", "*"},
		{"GetAtt Arn of a queue", map[string]any{"Fn::GetAtt": []any{"Queue", "Arn"}}, "arn:aws:sqs:us-east-1:123456789012:S-Queue-ABC"},
		{"Join of pseudo parameters and a Ref", map[string]any{"Fn::Join": []any{"", []any{"arn:", map[string]any{"Ref": "AWS::Partition"}, ":logs:", map[string]any{"Ref": "AWS::Region"}, ":", map[string]any{"Ref": "AWS::AccountId"}, ":log-group:", map[string]any{"Ref": "Logs"}, ":*"}}}, "arn:aws:logs:us-east-1:123456789012:log-group:S-Logs-DEF:*"},
		{"Sub of pseudo parameters", map[string]any{"Fn::Sub": "arn:${AWS::Partition}:iam::aws:policy/service-role/X"}, "arn:aws:iam::aws:policy/service-role/X"},
		{"Sub of a Ref and an attribute", map[string]any{"Fn::Sub": "${Logs}/${Vpc.DefaultSecurityGroup}"}, "S-Logs-DEF/sg-12345"},
		{"GetAtt of an attribute read back", map[string]any{"Fn::GetAtt": []any{"Vpc", "DefaultSecurityGroup"}}, "sg-12345"},
		{"statement", map[string]any{"Effect": "Allow", "Resource": []any{map[string]any{"Fn::GetAtt": []any{"Stream", "Arn"}}}}, map[string]any{"Effect": "Allow", "Resource": []any{"arn:aws:kinesis:us-east-1:123456789012:stream/S-Stream-GHI"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := resolve(tt.give, "S", resources)
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("resolve(%v) = %v, want %v", tt.give, got, tt.want)
			}
		})
	}
	for _, give := range []any{
		map[string]any{"Ref": "Missing"},
		map[string]any{"Fn::GetAtt": []any{"Queue", "QueueName"}},
		map[string]any{"Fn::Sub": "${Missing}"},
		map[string]any{"Fn::Sub": []any{"${X}", map[string]any{"X": "y"}}},
	} {
		t.Run(fmt.Sprintf("fails if %v", give), func(t *testing.T) {
			if got, err := resolve(give, "S", resources); err == nil {
				t.Errorf("resolve(%v) = %v, want an error", give, got)
			}
		})
	}
}
