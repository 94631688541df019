"""s3-get-object blueprint: reads the content type of each object that an Amazon S3 event
notification reports.

The S3 client is created on first use, once per execution environment; tests pass their own.
"""

import json
import urllib.parse

_s3 = None


def client():
    """Return the S3 client, created on first use (boto3 ships with the Lambda runtime)."""
    global _s3
    if _s3 is None:
        import boto3

        _s3 = boto3.client("s3")
    return _s3


def objects(event):
    """Yield (bucket, key) for each record; keys arrive URL-encoded, spaces as '+'."""
    for record in event.get("Records", []):
        s3 = record["s3"]
        yield s3["bucket"]["name"], urllib.parse.unquote_plus(s3["object"]["key"])


def content_types(event, s3):
    """Return the content type of each object of the event, read with s3.get_object."""
    out = []
    for bucket, key in objects(event):
        response = s3.get_object(Bucket=bucket, Key=key)
        try:
            out.append({"bucket": bucket, "key": key, "contentType": response.get("ContentType")})
        finally:
            response["Body"].close()
    return out


def handler(event, context):
    found = content_types(event, client())
    for item in found:
        print(json.dumps(item))
    return found
