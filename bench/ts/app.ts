// The TypeScript twin of the Go benchmark apps (package bench): N SQS-polling Python
// functions, each with its own queue and event source mapping, active X-Ray tracing and the
// Lambda Insights layer, in stacks of FUNCTIONS_PER_STACK. Written as aws-cdk-lib users
// write it: lambda.Function creates each role itself; the two managed policies it does not
// add on its own are added so every variant's roles have the same managed policies.
//
// Node.js 24 runs this file directly (it strips the types). It prints its timings as one
// JSON object, in the format of bench/cmd/synth:
//
//   node app.ts N [OUTDIR]
//
// startup_ms runs from the start of the process to the first statement (Node.js started and
// aws-cdk-lib loaded), construct_ms builds the functions, synth_ms is app.synth().
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import * as cdk from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { SqsEventSource } from 'aws-cdk-lib/aws-lambda-event-sources';
import * as sqs from 'aws-cdk-lib/aws-sqs';

const startupMs = performance.now();

const FUNCTIONS_PER_STACK = 80;

const HANDLER = `import json

def handler(event, context):
    for record in event["Records"]:
        print(json.dumps({"messageId": record["messageId"], "body": record["body"]}))
    return {"batchItemFailures": []}
`;

function build(app: cdk.App, n: number): void {
  let stack: cdk.Stack | undefined;
  for (let i = 0; i < n; i++) {
    if (i % FUNCTIONS_PER_STACK === 0) {
      stack = new cdk.Stack(app, `Bench${i / FUNCTIONS_PER_STACK}`, { analyticsReporting: false });
    }
    const queue = new sqs.Queue(stack!, `Queue${i}`);
    const fn = new lambda.Function(stack!, `Fn${i}`, {
      runtime: lambda.Runtime.PYTHON_3_13,
      handler: 'index.handler',
      code: lambda.Code.fromInline(HANDLER),
      tracing: lambda.Tracing.ACTIVE,
      insightsVersion: lambda.LambdaInsightsVersion.VERSION_1_0_498_0,
    });
    fn.role!.addManagedPolicy(iam.ManagedPolicy.fromAwsManagedPolicyName('AWSXRayDaemonWriteAccess'));
    fn.role!.addManagedPolicy(iam.ManagedPolicy.fromAwsManagedPolicyName('service-role/AWSLambdaSQSQueueExecutionRole'));
    fn.addEventSource(new SqsEventSource(queue));
  }
}

const n = Number(process.argv[2] ?? '1');
if (!Number.isInteger(n) || n < 1) {
  console.error(`app.ts: N is ${process.argv[2]}: want a whole number of 1 or more`);
  process.exit(2);
}
const keep = process.argv[3];
const outdir = keep ?? mkdtempSync(join(tmpdir(), 'bench-ts-'));

const t1 = performance.now();
const app = new cdk.App({ outdir, analyticsReporting: false });
build(app, n);
const t2 = performance.now();
app.synth();
const t3 = performance.now();
if (keep === undefined) {
  rmSync(outdir, { recursive: true, force: true });
}

const round = (x: number) => Math.round(x * 1000) / 1000;
console.log(JSON.stringify({
  variant: 'ts',
  n,
  startup_ms: round(startupMs),
  construct_ms: round(t2 - t1),
  synth_ms: round(t3 - t2),
  total_ms: round(t3),
}));
