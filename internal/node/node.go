// Package node points jsii at the project's pinned Node.js. Import it for its side effect
// (import _ ".../internal/node") in tests, examples and benchmarks of this repository: before
// the first jsii call, it sets JSII_NODE to node_modules/.bin/node of the nearest folder
// above the working directory that has one (installed by the README's setup command), so
// jsii runs on the pinned Node 24 rather than whatever node is first on PATH. A JSII_NODE
// already set wins.
//
// It is internal: a library must not choose its users' Node.js.
package node

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
