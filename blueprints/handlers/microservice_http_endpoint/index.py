"""microservice-http-endpoint blueprint: a REST resource of items kept in an Amazon DynamoDB
table, behind an Amazon API Gateway HTTP API (payload format 2.0).

    GET    /items        list the items (one scan page, up to 1 MB)
    POST   /items        create an item; its key is generated unless the body has one
    GET    /items/{id}   read an item
    PUT    /items/{id}   create or replace an item
    DELETE /items/{id}   delete an item

route() holds the logic and takes the table as an argument; handler() passes the boto3
Table named by the TABLE_NAME environment variable. The partition key attribute is named by
PARTITION_KEY.
"""

import base64
import json
import os
import uuid
from decimal import Decimal

_table = None


def table():
    """Return the DynamoDB table, created on first use (boto3 ships with the Lambda runtime)."""
    global _table
    if _table is None:
        import boto3

        _table = boto3.resource("dynamodb").Table(os.environ["TABLE_NAME"])
    return _table


def _json_value(v):
    if isinstance(v, Decimal):
        return int(v) if v == v.to_integral_value() else float(v)
    if isinstance(v, (set, frozenset)):
        return sorted(v, key=str)
    raise TypeError(f"cannot encode {type(v).__name__}")


def response(status, body=None):
    out = {"statusCode": status, "headers": {"content-type": "application/json"}}
    if body is not None:
        out["body"] = json.dumps(body, default=_json_value)
    return out


def error(status, message):
    return response(status, {"message": message})


class BadRequest(Exception):
    pass


def parse_body(event):
    """Return the JSON object in the request body, with numbers as Decimal (as DynamoDB wants)."""
    body = event.get("body") or ""
    if event.get("isBase64Encoded"):
        body = base64.b64decode(body).decode("utf-8")
    try:
        item = json.loads(body, parse_float=Decimal, parse_int=Decimal)
    except json.JSONDecodeError as err:
        raise BadRequest(f"the body is not JSON: {err.msg}") from err
    if not isinstance(item, dict):
        raise BadRequest("the body must be a JSON object")
    return item


def route(event, table, key="id", new_id=lambda: str(uuid.uuid4())):
    """Serve one HTTP API request against table and return the HTTP API response."""
    method = event["requestContext"]["http"]["method"]
    item_id = (event.get("pathParameters") or {}).get("id")
    try:
        if item_id is None:
            if method == "GET":
                return response(200, {"items": table.scan().get("Items", [])})
            if method == "POST":
                item = parse_body(event)
                item.setdefault(key, new_id())
                table.put_item(Item=item)
                return response(201, item)
        else:
            if method == "GET":
                item = table.get_item(Key={key: item_id}).get("Item")
                return response(200, item) if item is not None else error(404, f"item {item_id} not found")
            if method == "PUT":
                item = parse_body(event)
                if key in item and item[key] != item_id:
                    raise BadRequest(f"the body's {key} {item[key]!r} differs from the path's {item_id!r}")
                item[key] = item_id
                table.put_item(Item=item)
                return response(200, item)
            if method == "DELETE":
                table.delete_item(Key={key: item_id})
                return response(204)
    except BadRequest as err:
        return error(400, str(err))
    return error(405, f"method {method} is not allowed here")


def handler(event, context):
    return route(event, table(), os.environ.get("PARTITION_KEY", "id"))
