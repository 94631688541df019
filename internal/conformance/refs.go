package conformance

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"testing"

	"github.com/execrole/execrole/internal/refdata"
)

// Names of the reference files and folders inside the reference data folder.
const (
	iamDefinitionFile   = "iam-definition.json"
	managedPoliciesFile = "aws-managed-policies.json"
	managedPolicyDir    = "managed-policies"
	schemaDir           = "cfn-schemas"
)

// Refs holds the reference data a template is checked against: the IAM action catalogue and
// the list of AWS managed policies, read by Load, and the CloudFormation registry schemas,
// read and compiled on first use of each resource type and then cached. A Refs is safe for
// concurrent use.
type Refs struct {
	dir      string
	services map[string]*service      // by lowercase service prefix
	policies map[string]managedPolicy // by exact name
	folded   map[string]string        // lowercase name to exact name, for suggestions
	compile  sync.Mutex               // guards compiler, which is not safe for concurrent use
	compiler *schemaCompiler
}

// service is one service of the IAM action catalogue.
type service struct {
	prefix  string            // as published, e.g. "sqs"
	actions map[string]string // lowercase action name to the name as published
	names   []string          // "prefix:Action" as published, sorted
	// scoped holds the lowercase names of the actions that take at least one resource type:
	// those for which IAM supports resource-level permissions.
	scoped map[string]bool
}

// managedPolicy is one entry of the AWS managed policy list.
type managedPolicy struct {
	path       string // e.g. "/service-role/"; empty for some deprecated policies
	deprecated bool
}

// Load reads the IAM action catalogue and the AWS managed policy list from dir, the reference
// data folder (see internal/refdata). CloudFormation schemas and managed policy documents are
// read later, when first needed.
func Load(dir string) (*Refs, error) {
	r := &Refs{dir: dir, compiler: newSchemaCompiler()}
	if err := r.loadActions(); err != nil {
		return nil, err
	}
	if err := r.loadManagedPolicies(); err != nil {
		return nil, err
	}
	return r, nil
}

var (
	testRefsOnce sync.Once
	testRefs     *Refs
	testRefsErr  error
)

// ForTest returns the reference data for a test: found with refdata.Require and loaded once
// per test binary. It skips t when a file or folder Refs reads is absent (fails it in CI)
// and fails it when the data cannot be read.
func ForTest(t testing.TB) *Refs {
	t.Helper()
	dir := refdata.Require(t, "")
	for _, name := range []string{iamDefinitionFile, managedPoliciesFile, managedPolicyDir, schemaDir} {
		refdata.Require(t, name)
	}
	testRefsOnce.Do(func() { testRefs, testRefsErr = Load(dir) })
	if testRefsErr != nil {
		t.Fatalf("load reference data: %v", testRefsErr)
	}
	return testRefs
}

// Decode parses a CloudFormation template from JSON. Numbers are kept as json.Number so that
// large integers survive unchanged; CheckTemplate accepts float64 numbers as well, as produced
// by encoding/json defaults or by the CDK assertions module.
func Decode(b []byte) (map[string]any, error) {
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.UseNumber()
	var tpl map[string]any
	if err := dec.Decode(&tpl); err != nil {
		return nil, fmt.Errorf("decode template: %w", err)
	}
	if tpl == nil {
		return nil, fmt.Errorf("decode template: got null, want a JSON object")
	}
	if _, err := dec.Token(); err != io.EOF {
		return nil, fmt.Errorf("decode template: unexpected data after the top-level object")
	}
	return tpl, nil
}

func (r *Refs) loadActions() error {
	var def struct {
		Services map[string]struct {
			Actions map[string]struct {
				Resources []string `json:"resources"`
			} `json:"actions"`
		} `json:"services"`
	}
	if err := readJSON(filepath.Join(r.dir, iamDefinitionFile), &def); err != nil {
		return err
	}
	if len(def.Services) == 0 {
		return fmt.Errorf("%s lists no services: want the IAM service authorization reference", iamDefinitionFile)
	}
	r.services = make(map[string]*service, len(def.Services))
	for prefix, s := range def.Services {
		svc := &service{prefix: prefix, actions: make(map[string]string, len(s.Actions)), scoped: map[string]bool{}}
		for name, a := range s.Actions {
			svc.actions[strings.ToLower(name)] = name
			if len(a.Resources) > 0 {
				svc.scoped[strings.ToLower(name)] = true
			}
			svc.names = append(svc.names, prefix+":"+name)
		}
		sort.Strings(svc.names)
		r.services[strings.ToLower(prefix)] = svc
	}
	return nil
}

func (r *Refs) loadManagedPolicies() error {
	var list struct {
		Policies []struct {
			Name       string  `json:"name"`
			Path       *string `json:"path"`
			Deprecated bool    `json:"deprecated"`
		} `json:"policies"`
	}
	if err := readJSON(filepath.Join(r.dir, managedPoliciesFile), &list); err != nil {
		return err
	}
	if len(list.Policies) == 0 {
		return fmt.Errorf("%s lists no policies: want every AWS managed policy", managedPoliciesFile)
	}
	r.policies = make(map[string]managedPolicy, len(list.Policies))
	r.folded = make(map[string]string, len(list.Policies))
	for _, p := range list.Policies {
		mp := managedPolicy{deprecated: p.Deprecated}
		if p.Path != nil {
			mp.path = *p.Path
		}
		r.policies[p.Name] = mp
		r.folded[strings.ToLower(p.Name)] = p.Name
	}
	return nil
}

func readJSON(path string, v any) error {
	if err := refdata.ReadJSON(path, v); err != nil {
		return fmt.Errorf("read reference data: %w", err)
	}
	return nil
}
