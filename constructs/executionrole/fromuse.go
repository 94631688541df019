package executionrole

import (
	"slices"

	"github.com/execrole/execrole/constructs/permissions"
)

// FromUse builds a feature from a planner Use: every kind of resource it names (resources,
// keys, access points, secrets, parameters, Kafka topics and groups, VPC reach), by ARN
// (tokens allowed). Tools that derive features from a function's configuration, such as
// audit.FeaturesOf, build their features with it.
func FromUse(u permissions.Use) Feature {
	u = permissions.Use{
		Feature: u.Feature, Resources: slices.Clone(u.Resources), Keys: slices.Clone(u.Keys),
		AccessPoints: slices.Clone(u.AccessPoints), Secrets: slices.Clone(u.Secrets),
		Parameters: slices.Clone(u.Parameters), Topics: slices.Clone(u.Topics), Groups: slices.Clone(u.Groups),
		InVPC: u.InVPC,
	}
	return Feature{id: u.Feature, arns: u.Resources, resolve: func(bool) (permissions.Use, error) {
		v := u
		v.Resources = nil // Feature.use adds arns
		return v, nil
	}}
}
