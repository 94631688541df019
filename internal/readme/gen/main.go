// Command gen rewrites the generated sections of README.md (run by `go generate ./...`).
package main

import (
	"fmt"
	"os"

	"github.com/execrole/execrole/internal/readme"
)

func main() {
	path := "README.md"
	if len(os.Args) > 1 {
		path = os.Args[1]
	}
	b, err := os.ReadFile(path)
	if err == nil {
		var out string
		if out, err = readme.Update(string(b)); err == nil {
			err = os.WriteFile(path, []byte(out), 0o644)
		}
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "readme:", err)
		os.Exit(1)
	}
}
