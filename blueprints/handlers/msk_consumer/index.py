"""kafka consumer blueprint: processes the records Lambda reads from an Amazon MSK topic.

Lambda groups records by topic partition ("orders-0": [...]); each carries its key and value
base64-encoded, and its headers as lists of byte values. decode() turns one into plain
values: the value as JSON when it is JSON, as text otherwise.
"""

import base64
import json


def _text(data):
    return data.decode("utf-8", errors="replace")


def decode(record):
    """Return the topic, partition, offset, key, value and headers of one Kafka record."""
    value = None
    if record.get("value") is not None:
        raw = _text(base64.b64decode(record["value"]))
        try:
            value = json.loads(raw)
        except json.JSONDecodeError:
            value = raw
    key = None
    if record.get("key") is not None:
        key = _text(base64.b64decode(record["key"]))
    headers = {}
    for header in record.get("headers", []):
        for name, data in header.items():
            headers[name] = _text(bytes(data))
    return {
        "topic": record["topic"],
        "partition": record["partition"],
        "offset": record["offset"],
        "key": key,
        "value": value,
        "headers": headers,
    }


def records(event):
    """Yield the event's records, partition by partition, in offset order."""
    for partition in sorted(event.get("records", {})):
        yield from sorted(event["records"][partition], key=lambda r: r["offset"])


def handler(event, context):
    count = 0
    for record in records(event):
        print(json.dumps(decode(record)))
        count += 1
    return {"processed": count}
