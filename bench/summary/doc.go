// Package summary turns benchmark runs into results: medians and spreads of timings, ratios
// between the apps measured side by side, jsii requests per function, a census of the
// synthesized templates, and the Markdown table bench/run.sh prints. It is pure Go, with no
// CDK or jsii import, so the report and chart commands build in a moment.
package summary
