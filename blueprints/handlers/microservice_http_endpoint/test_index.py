import base64
import json
import unittest
from decimal import Decimal

import index


class FakeTable:
    """The subset of boto3's DynamoDB Table that the handler uses, in memory."""

    def __init__(self, *items):
        self.items = {i["id"]: i for i in items}

    def scan(self):
        return {"Items": list(self.items.values())}

    def get_item(self, Key):
        item = self.items.get(Key["id"])
        return {"Item": item} if item is not None else {}

    def put_item(self, Item):
        self.items[Item["id"]] = Item

    def delete_item(self, Key):
        self.items.pop(Key["id"], None)


def request(method, item_id=None, body=None, base64_encoded=False):
    event = {"requestContext": {"http": {"method": method}}}
    if item_id is not None:
        event["pathParameters"] = {"id": item_id}
    if body is not None:
        event["body"] = base64.b64encode(body.encode()).decode() if base64_encoded else body
        event["isBase64Encoded"] = base64_encoded
    return event


def serve(table, *args, **kwargs):
    got = index.route(request(*args, **kwargs), table, new_id=lambda: "new")
    return got["statusCode"], json.loads(got["body"]) if "body" in got else None


class RouteTest(unittest.TestCase):
    def test_lists_the_items(self):
        self.assertEqual(serve(FakeTable({"id": "a", "n": Decimal(1)}), "GET"), (200, {"items": [{"id": "a", "n": 1}]}))

    def test_creates_an_item_with_a_generated_key(self):
        table = FakeTable()
        self.assertEqual(serve(table, "POST", body='{"price": 9.5}'), (201, {"price": 9.5, "id": "new"}))
        self.assertEqual(table.items["new"]["price"], Decimal("9.5"))

    def test_creates_an_item_from_a_base64_body(self):
        self.assertEqual(serve(FakeTable(), "POST", body='{"id": "x"}', base64_encoded=True), (201, {"id": "x"}))

    def test_reads_an_item(self):
        self.assertEqual(serve(FakeTable({"id": "a"}), "GET", "a"), (200, {"id": "a"}))

    def test_replaces_an_item(self):
        table = FakeTable({"id": "a", "old": True})
        self.assertEqual(serve(table, "PUT", "a", body='{"new": true}'), (200, {"new": True, "id": "a"}))
        self.assertEqual(table.items["a"], {"new": True, "id": "a"})

    def test_deletes_an_item(self):
        table = FakeTable({"id": "a"})
        self.assertEqual(serve(table, "DELETE", "a"), (204, None))
        self.assertEqual(table.items, {})

    def test_fails_if_the_item_does_not_exist(self):
        self.assertEqual(serve(FakeTable(), "GET", "nope"), (404, {"message": "item nope not found"}))

    def test_fails_if_the_body_is_not_a_json_object(self):
        tests = ["not json", "[1, 2]", ""]
        for body in tests:
            with self.subTest(body=body):
                status, _ = serve(FakeTable(), "POST", body=body)
                self.assertEqual(status, 400)

    def test_fails_if_the_body_key_differs_from_the_path(self):
        status, got = serve(FakeTable(), "PUT", "a", body='{"id": "b"}')
        self.assertEqual(status, 400)
        self.assertIn("differs", got["message"])

    def test_fails_if_the_method_is_not_allowed(self):
        self.assertEqual(serve(FakeTable(), "DELETE")[0], 405)
        self.assertEqual(serve(FakeTable(), "POST", "a", body="{}")[0], 405)


if __name__ == "__main__":
    unittest.main()
