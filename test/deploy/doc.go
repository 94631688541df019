// Package deploy deploys the examples with the project's pinned CDK CLI to moto, the AWS
// emulator, and reads every IAM role back through the IAM API: trust policy, inline policies
// and managed policies must be what the synthesized templates say.
//
// The test starts moto on 127.0.0.1 (moto_server on PATH, or python3 -m moto.server) and
// stops it at the end. Without moto it is skipped, except in CI (CI=true), where that is a
// failure. Run it alone with
//
//	go test -count=1 -v ./test/deploy
package deploy
