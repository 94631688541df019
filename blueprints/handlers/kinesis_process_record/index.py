"""kinesis-process-record blueprint: decodes the records of an Amazon Kinesis batch (base64
data, JSON expected) and processes them in order.

When a record fails, the function stops and reports it (partial batch response): Lambda
checkpoints the records before it and retries the batch from the failed one, keeping the
shard's order.
"""

import base64
import json


def decode(record):
    """Return the JSON value carried by a Kinesis event record."""
    return json.loads(base64.b64decode(record["kinesis"]["data"]))


def process(record):
    """Process one record. This one logs its partition key and decoded data; raise to fail it."""
    print(json.dumps({
        "sequenceNumber": record["kinesis"]["sequenceNumber"],
        "partitionKey": record["kinesis"]["partitionKey"],
        "data": decode(record),
    }))


def handle_batch(records, process=process):
    """Process records in order; return the partial batch response naming the first failure."""
    for record in records:
        try:
            process(record)
        except Exception as err:  # noqa: BLE001 - report the record, Lambda retries from it
            sequence = record["kinesis"]["sequenceNumber"]
            print(json.dumps({"sequenceNumber": sequence, "error": repr(err)}))
            return {"batchItemFailures": [{"itemIdentifier": sequence}]}
    return {"batchItemFailures": []}


def handler(event, context):
    return handle_batch(event.get("Records", []))
