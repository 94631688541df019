package executionrole

import (
	"github.com/execrole/execrole/constructs/permissions"
)

// FromUse builds a feature from a planner Use: every kind of resource it names (resources,
// keys, access points, secrets, parameters, Kafka topics and groups, VPC reach), by ARN
// (tokens allowed). Tools that derive features from a function's configuration, such as
// audit.FeaturesOf, build their features with it.
func FromUse(u permissions.Use) Feature {
	u = u.Clone()
	return Feature{id: u.Feature, arns: u.Resources, resolve: func(bool) (permissions.Use, error) {
		v := u
		v.Resources = nil // Feature.use adds arns
		return v, nil
	}}
}
