// Package jsiinode points jsii at the Node.js a project pins in its package.json. Import it
// for its side effect in an app's main package or its tests:
//
//	import _ "github.com/execrole/execrole/jsiinode"
//
// Before the first jsii call it sets JSII_NODE to node_modules/.bin/node of the nearest
// folder above the working directory that has one (what `npm install --save-dev node@24`
// installs), so `go run` and `go test` start jsii on that Node rather than on whatever node
// comes first on PATH. A JSII_NODE already set wins, and without a pinned Node nothing
// changes. `npx cdk synth` needs no import: npx puts node_modules/.bin first on PATH.
//
// The library's constructs never import it: which Node runs jsii is the app's choice.
package jsiinode

import (
	"os"
	"path/filepath"
)

func init() {
	if os.Getenv("JSII_NODE") == "" {
		if n, ok := Find(); ok {
			os.Setenv("JSII_NODE", n)
		}
	}
	if os.Getenv("CDK_DISABLE_CLI_TELEMETRY") == "" {
		os.Setenv("CDK_DISABLE_CLI_TELEMETRY", "true")
	}
}

// Find returns the pinned node binary: node_modules/.bin/node in the working directory or
// the nearest ancestor that has one.
func Find() (string, bool) {
	wd, err := os.Getwd()
	if err != nil {
		return "", false
	}
	for d := wd; ; d = filepath.Dir(d) {
		n := filepath.Join(d, "node_modules", ".bin", "node")
		if st, err := os.Stat(n); err == nil && !st.IsDir() {
			return n, true
		}
		if filepath.Dir(d) == d {
			return "", false
		}
	}
}
