package audit

import (
	"maps"
	"path/filepath"
	"slices"
	"testing"

	"github.com/execrole/execrole/constructs/internal/derive"
	"github.com/execrole/execrole/constructs/permissions"
	"github.com/execrole/execrole/internal/refdata"
)

// sampleUse is a use of d with what its catalog row asks for: a resource of its Shape and,
// where it needs one (or needs the audit checks only with one), a credentials secret, and
// where it needs them, Kafka topics.
func sampleUse(d *permissions.Definition) permissions.Use {
	u := permissions.Use{Feature: d.ID}
	if d.Shape != nil {
		u.Resources = []string{d.Shape.ExampleARN()}
	}
	if d.NeedsTopics {
		u.Topics = []string{"example-topic"}
	}
	if d.NeedsSecret != "" || d.From.RequiredWithSecrets {
		u.Secrets = []string{permissions.ARN("secretsmanager", "secret:example-AbCdEf")}
	}
	if d.ID == permissions.ParametersAndSecrets {
		u.Parameters = []string{permissions.ARN("ssm", "parameter/example")}
	}
	return u
}

// The audit's needs agree with the catalog: a role given a need's feature, in either mode,
// allows everything the audit checks for it. Otherwise the audit would report, or AutoFix
// add again and again, a feature the role already has.
func TestEveryNeedIsMetByItsFeature(t *testing.T) {
	for _, id := range slices.Sorted(maps.Keys(needs)) {
		n := needs[id]
		if n.feature != id {
			t.Errorf("needs[%s] is the need of feature %s", id, n.feature)
		}
		d, ok := permissions.Lookup(id)
		if !ok {
			t.Errorf("need %s: no such feature in the catalog", id)
			continue
		}
		for _, lp := range []bool{false, true} {
			plan, err := permissions.Resolve(permissions.Request{Uses: []permissions.Use{sampleUse(d)}, LeastPrivilege: lp, FunctionNames: []string{"example"}})
			if err != nil {
				t.Errorf("need %s (least privilege %t): %v", id, lp, err)
				continue
			}
			stmts, unreadable := readPlan(plan)
			if len(unreadable) > 0 {
				t.Errorf("need %s (least privilege %t): the audit cannot read %v", id, lp, unreadable)
			}
			if missing := lacks(n, stmts); len(missing) > 0 {
				t.Errorf("need %s (least privilege %t): the feature's role lacks %v\nstatements %v", id, lp, missing, stmts)
			}
		}
	}
}

// Every feature derived from an event source, a destination, a dead-letter target or a
// schema registry is one the audit checks.
func TestDerivedFeaturesHaveNeeds(t *testing.T) {
	failureTopic := map[string]permissions.ID{"kafka://": derive.FailureTopicFeature}
	for what, m := range map[string]map[string]permissions.ID{"source": derive.SourceFeatures, "destination": derive.DestinationFeatures, "dead-letter": derive.DeadLetterFeatures, "schema registry": derive.RegistryFeatures, "failure topic": failureTopic} {
		for svc, id := range m {
			if _, ok := needs[id]; !ok {
				t.Errorf("%s feature %s (service %s) has no need", what, id, svc)
			}
		}
	}
}

// guideTemplates are the execution role templates of the Lambda Developer Guide (its
// iam-policies folder) that grant what a need's feature does.
var guideTemplates = map[permissions.ID]string{
	permissions.VPC:             "template-vpcaccess.json",
	permissions.Kinesis:         "template-kinesis.json",
	permissions.DynamoDBStreams: "template-dynamodb.json",
	permissions.DeadLetterQueue: "template-dlq-sqs.json",
	permissions.DeadLetterTopic: "template-dlq-sns.json",
}

// newerThanGuide are actions Lambda needs that the guide's templates, last changed in 2019,
// predate; AWS's managed policies grant them today.
var newerThanGuide = map[string]string{
	"kinesis:ListShards": "AWSLambdaKinesisExecutionRole grants it; Lambda lists a stream's shards with it",
}

// Each need asks for nothing beyond what the Developer Guide's template for the feature
// grants, so the audit never reports a role that follows the guide.
func TestNeedsAreWithinTheDeveloperGuideTemplates(t *testing.T) {
	dir := refdata.Require(t, "lambda-dev-guide-iam-policies")
	for _, id := range slices.Sorted(maps.Keys(guideTemplates)) {
		var doc struct {
			Statement []struct {
				Effect string
				Action any
			}
		}
		if err := refdata.ReadJSON(filepath.Join(dir, guideTemplates[id]), &doc); err != nil {
			t.Fatal(err)
		}
		var guide []string
		for _, s := range doc.Statement {
			if s.Effect != "Allow" {
				continue
			}
			switch a := s.Action.(type) {
			case string:
				guide = append(guide, a)
			case []any:
				for _, x := range a {
					s, _ := x.(string)
					guide = append(guide, s)
				}
			}
		}
		if len(guide) == 0 {
			t.Errorf("%s allows no action", guideTemplates[id])
		}
		for _, a := range needs[id].actions {
			inGuide := slices.ContainsFunc(guide, func(p string) bool { return permissions.ActionMatches(p, a) })
			_, newer := newerThanGuide[a]
			switch {
			case !inGuide && !newer:
				t.Errorf("need %s asks for %s, which %s does not grant (guide: %v)", id, a, guideTemplates[id], guide)
			case inGuide && newer:
				t.Errorf("%s now grants %s: remove it from newerThanGuide", guideTemplates[id], a)
			}
		}
	}
}
