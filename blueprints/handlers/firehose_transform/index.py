"""Firehose record transform blueprint: transforms the records Amazon Data Firehose sends
before it delivers them to Amazon S3.

Each record's data is base64-encoded; the result for each record keeps its recordId and
says one of:

    Ok                the data was a JSON object: it is written compact, with the record's
                      arrival time added, and ends with a newline (JSON Lines in S3)
    Dropped           the data was empty or blank: Firehose drops it
    ProcessingFailed  the data was not a UTF-8 JSON object: Firehose writes it unchanged to
                      the bucket's error output
"""

import base64
import binascii
import json


def transform(record):
    """Return the Firehose transformation result of one record."""
    out = {"recordId": record["recordId"], "result": "ProcessingFailed", "data": record["data"]}
    try:
        text = base64.b64decode(record["data"], validate=True).decode("utf-8")
    except (binascii.Error, UnicodeDecodeError):
        return out
    if not text.strip():
        out["result"] = "Dropped"
        return out
    try:
        value = json.loads(text)
    except json.JSONDecodeError:
        return out
    if not isinstance(value, dict):
        return out
    if "approximateArrivalTimestamp" in record:
        value["arrivalTimestamp"] = record["approximateArrivalTimestamp"]
    line = json.dumps(value, separators=(",", ":"), ensure_ascii=False) + "\n"
    out["result"] = "Ok"
    out["data"] = base64.b64encode(line.encode("utf-8")).decode("ascii")
    return out


def handler(event, context):
    records = [transform(r) for r in event.get("records", [])]
    counts = {}
    for r in records:
        counts[r["result"]] = counts.get(r["result"], 0) + 1
    print(json.dumps({"invocationId": event.get("invocationId"), "results": counts}))
    return {"records": records}
