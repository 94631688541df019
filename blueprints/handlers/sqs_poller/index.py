"""sqs-poller blueprint: processes the messages of an Amazon SQS batch and reports the ones
that failed (partial batch response), so that Lambda deletes only the others from the queue.

Put your own logic in process(). A message whose processing raises stays in the queue and is
received again; after the queue's maximum receive count it moves to the dead-letter queue.
"""

import json


def process(record):
    """Process one message. This one expects a JSON body and logs it; raise to fail it."""
    payload = json.loads(record["body"])
    print(json.dumps({"messageId": record["messageId"], "payload": payload}))


def handle_batch(records, process=process):
    """Process records in order and return the partial batch response.

    In a FIFO queue (ARN ending in .fifo) the messages after a failure are not processed and
    are reported as failed too, so that their order is kept when they are received again.
    """
    failures = []
    for record in records:
        if failures and record.get("eventSourceARN", "").endswith(".fifo"):
            failures.append({"itemIdentifier": record["messageId"]})
            continue
        try:
            process(record)
        except Exception as err:  # noqa: BLE001 - any failure of one message fails only it
            print(json.dumps({"messageId": record["messageId"], "error": repr(err)}))
            failures.append({"itemIdentifier": record["messageId"]})
    return {"batchItemFailures": failures}


def handler(event, context):
    return handle_batch(event.get("Records", []))
