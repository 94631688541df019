// Package report renders the permissions report of a CDK app: who may do what. At synth the
// library writes it into the cloud assembly, so a security reviewer reads, for every Lambda
// function, the execution role it runs as and every permission that role holds, each with its
// source: the execrole feature, policy template, grant from another construct or user
// statement that put it there. It also shows each role's use of its IAM quotas (managed
// policies, inline policy size, trust policy size) and the app's share of the account's role
// quota.
//
// A Report is plain Go data with lowerCamel JSON tags. Sort puts it in a canonical order, after
// which the renderers are byte-for-byte deterministic:
//
//   - JSON: indented JSON for tools, stable key and element order.
//   - Markdown: GitHub-flavoured Markdown for pull requests: a summary, a functions table and a
//     section per role with its policies, statements and quota use.
//   - HTML: one self-contained page (inline CSS, no script, no external asset) with a summary,
//     a functions × permissions matrix (rows are functions, columns are the actions of all
//     roles grouped by service, then the managed policies; hovering a cell names the resources
//     and the source) and a section per role with quota bars.
//
// WriteFiles sorts a report and writes all three beside each other. Every value taken from the
// app is escaped in Markdown and HTML, so a construct path cannot inject markup.
//
// The package imports nothing from the AWS CDK or jsii: the construct that collects the data
// from the construct tree lives elsewhere, and this one is tested without Node.js.
package report
