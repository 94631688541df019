// Package readme keeps the generated parts of README.md in step with the code: each part sits
// between <!-- begin NAME --> and <!-- end NAME --> markers and is produced by a function of
// the library. `go generate ./...` rewrites them; a test fails when README.md has drifted.
package readme

import (
	"fmt"
	"strings"

	"github.com/execrole/execrole/constructs/permissions"
	"github.com/execrole/execrole/constructs/templates"
)

// Sections are the generated parts of the README, by marker name.
var Sections = map[string]func() string{
	"features":  permissions.MarkdownTable,
	"templates": templates.Markdown,
	"wildcards": permissions.WildcardTable,
}

// Update returns readme with every generated section replaced by its current text.
func Update(readme string) (string, error) {
	for name, gen := range Sections {
		begin, end := "<!-- begin "+name+" -->\n", "<!-- end "+name+" -->"
		i := strings.Index(readme, begin)
		j := strings.Index(readme, end)
		if i < 0 || j < i {
			return "", fmt.Errorf("README.md has no %q section: add the lines %q and %q", name, strings.TrimSpace(begin), end)
		}
		readme = readme[:i+len(begin)] + gen() + readme[j:]
	}
	return readme, nil
}
