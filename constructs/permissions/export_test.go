package permissions

import "slices"

// AddConflict makes feature a conflict with b until the returned function restores the
// catalog, so that tests can check rules no current row needs (two conflicting pairs at once).
func AddConflict(a, b ID) (restore func()) {
	d := byID[a]
	old := d.Conflicts
	d.Conflicts = append(slices.Clip(old), b)
	return func() { d.Conflicts = old }
}

// JoinSids is joinSids, for its table test.
var JoinSids = joinSids

// The shapes of the Use fields other than Resources, for tests that build uses with every
// kind of resource from the shapes' examples.
var (
	KeyShape         = keyShape
	AccessPointShape = accessPointShape
	SecretShape      = secretShape
	ParameterShape   = parameterShape
)

// Message is the message of an *Error without its id, for tests that pin the text of each
// message; "" for any other error.
func Message(err error) string {
	if e, ok := err.(*Error); ok {
		return e.Message
	}
	return ""
}

// AWSManaged returns the generated table of every AWS managed policy: name, path, deprecated.
func AWSManaged() (names, paths []string, deprecated []bool) {
	for _, p := range awsManaged {
		names, paths, deprecated = append(names, p.name), append(paths, p.path), append(deprecated, p.deprecated)
	}
	return names, paths, deprecated
}

// ReplacedBy is replacedBy, for its test.
var ReplacedBy = replacedBy
