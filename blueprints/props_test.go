package blueprints

import (
	"go/ast"
	"go/parser"
	"go/token"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// defaultDoc is how every props field's documentation ends, as in aws-cdk-go: with its
// default, in a sentence that may wrap.
var defaultDoc = regexp.MustCompile(`Default: - [^\n]+(\n[^\n]+)*\n?$`)

// TestPropsDocumentDefaults checks that every field of every props struct, embedded ones
// included, has a doc comment ending with "Default: - ...".
func TestPropsDocumentDefaults(t *testing.T) {
	files, _ := filepath.Glob("*.go")
	fset := token.NewFileSet()
	for _, f := range files {
		if strings.HasSuffix(f, "_test.go") {
			continue
		}
		file, err := parser.ParseFile(fset, f, nil, parser.ParseComments)
		if err != nil {
			t.Fatal(err)
		}
		ast.Inspect(file, func(n ast.Node) bool {
			ts, ok := n.(*ast.TypeSpec)
			if !ok || !(strings.HasSuffix(ts.Name.Name, "Props") || ts.Name.Name == "FunctionOptions") {
				return true
			}
			for _, field := range ts.Type.(*ast.StructType).Fields.List {
				name := fieldName(field)
				if !defaultDoc.MatchString(field.Doc.Text()) {
					t.Errorf("%s: %s.%s: the doc comment must end with \"Default: - ...\", got %q", fset.Position(field.Pos()), ts.Name.Name, name, field.Doc.Text())
				}
			}
			return false
		})
	}
}

// fieldName names a field: its name, or its type when embedded.
func fieldName(f *ast.Field) string {
	if len(f.Names) > 0 {
		return f.Names[0].Name
	}
	switch t := f.Type.(type) {
	case *ast.Ident:
		return t.Name
	case *ast.SelectorExpr:
		return t.Sel.Name
	}
	return "?"
}
