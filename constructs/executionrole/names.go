package executionrole

import (
	"strings"

	"github.com/aws/constructs-go/constructs/v10"
	"github.com/aws/jsii-runtime-go"

	"github.com/execrole/execrole/constructs/internal/derive"
	"github.com/execrole/execrole/constructs/permissions"
)

// appRoles is a hidden construct of the app (appRolesID) that checks, once the whole app is
// built, what IAM requires across stacks: a role's name is unique in its account. It knows the
// app's roles through the grant state of each stack that has one.
type appRoles struct {
	constructs.Construct
	stacks []*stackGrants
	// edge are the paths of the app's experimental.EdgeFunction functions, read once at synth
	// for every stack's derivation (see edgeFunctions).
	edge map[string]bool
}

// edgeFunctions returns the paths of the functions of the app's experimental.EdgeFunction
// constructs, walking the app once.
func (a *appRoles) edgeFunctions(root constructs.IConstruct) map[string]bool {
	if a.edge == nil {
		a.edge = derive.EdgeFunctions(root)
	}
	return a.edge
}

// appRolesID is the id of the app's appRoles.
const appRolesID = "ExecutionRoleNames"

// appOf returns the appRoles of the app that holds the stack whose node is stackNode, creating
// it (and registering its validation on the app) on first use. It is called once per stack.
func appOf(stackNode constructs.Node) *appRoles {
	root, ok := stackNode.Root().(constructs.Construct) // an App
	if !ok {
		return &appRoles{} // a root jsii cannot give back as a Construct: no app-wide check
	}
	node := root.Node()
	a, _ := node.TryFindChild(jsii.String(appRolesID)).(*appRoles)
	if a == nil {
		a = &appRoles{}
		constructs.NewConstruct_Override(a, root, jsii.String(appRolesID))
		node.AddValidation(a)
	}
	return a
}

// Validate reports each ExecutionRole whose RoleName another role of the app already has.
// IAM names a role uniquely in its account whatever its path, and ignores case: the second
// role's deploy fails with EntityAlreadyExists. Roles in stacks of two different literal
// accounts may share a name; a stack whose account is unresolved may be in any account.
func (a *appRoles) Validate() *[]*string {
	type named struct{ path, account string }
	seen := map[string][]named{}
	errs := []*string{}
	for _, g := range a.stacks {
		account := ""
		for _, r := range g.roles {
			name := r.req.RoleName
			if name == "" || permissions.IsToken(name) {
				continue
			}
			if account == "" {
				account = *g.stack.Account()
			}
			key := strings.ToLower(name)
			path := *r.Node().Path()
			for _, o := range seen[key] {
				if o.account == account || permissions.IsToken(o.account) || permissions.IsToken(account) {
					errs = append(errs, jsii.String(permissions.Errorf(permissions.ErrRoleNameDuplicate,
						"role name %q is already the name of role %s, and IAM role names are unique in an account whatever their path or case (the second deploy fails with EntityAlreadyExists): give each role its own RoleName, or leave RoleName empty for a generated one",
						name, o.path).At(path).Error()))
					break
				}
			}
			seen[key] = append(seen[key], named{path, account})
		}
	}
	return &errs
}
