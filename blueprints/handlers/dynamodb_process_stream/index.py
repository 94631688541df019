"""dynamodb-process-stream blueprint: processes the changes of an Amazon DynamoDB stream.

Each record's keys and images are converted from DynamoDB's attribute-value format to plain
values. When a record fails, the function stops and reports it (partial batch response):
Lambda retries the batch from that record, keeping the order of the changes.
"""

import base64
import json
from decimal import Decimal


def deserialize(value):
    """Convert one DynamoDB attribute value ({"S": "x"}, {"N": "1"}, ...) to a plain value."""
    (kind, v), = value.items()
    if kind == "S" or kind == "BOOL":
        return v
    if kind == "N":
        return Decimal(v)
    if kind == "B":
        return base64.b64decode(v)
    if kind == "NULL":
        return None
    if kind == "M":
        return {k: deserialize(x) for k, x in v.items()}
    if kind == "L":
        return [deserialize(x) for x in v]
    if kind == "SS":
        return set(v)
    if kind == "NS":
        return {Decimal(x) for x in v}
    if kind == "BS":
        return {base64.b64decode(x) for x in v}
    raise ValueError(f"unknown DynamoDB attribute type {kind!r}")


def change(record):
    """Return the change a stream record describes: event, keys, and the images it carries."""
    ddb = record["dynamodb"]
    out = {"event": record["eventName"], "keys": image(ddb.get("Keys"))}
    for field, name in (("NewImage", "new"), ("OldImage", "old")):
        if field in ddb:
            out[name] = image(ddb[field])
    return out


def image(item):
    return {k: deserialize(v) for k, v in (item or {}).items()}


def process(record):
    """Process one change. This one logs it; raise to fail it."""
    print(json.dumps(change(record), default=_plain, sort_keys=True))


def _plain(v):
    if isinstance(v, Decimal):
        return int(v) if v == v.to_integral_value() else float(v)
    if isinstance(v, (set, frozenset)):
        return sorted(v, key=str)
    if isinstance(v, bytes):
        return base64.b64encode(v).decode()
    raise TypeError(f"cannot encode {type(v).__name__}")


def handle_batch(records, process=process):
    """Process records in order; return the partial batch response naming the first failure."""
    for record in records:
        try:
            process(record)
        except Exception as err:  # noqa: BLE001 - report the record, Lambda retries from it
            sequence = record["dynamodb"]["SequenceNumber"]
            print(json.dumps({"sequenceNumber": sequence, "error": repr(err)}))
            return {"batchItemFailures": [{"itemIdentifier": sequence}]}
    return {"batchItemFailures": []}


def handler(event, context):
    return handle_batch(event.get("Records", []))
