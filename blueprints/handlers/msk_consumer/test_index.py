import base64
import contextlib
import io
import json
import unittest

import index


def b64(text):
    return base64.b64encode(text.encode()).decode()


def record(offset, value, key=None, headers=None, partition=0):
    r = {"topic": "orders", "partition": partition, "offset": offset, "timestamp": 0, "value": value}
    if key is not None:
        r["key"] = key
    if headers is not None:
        r["headers"] = headers
    return r


class DecodeTest(unittest.TestCase):
    def test_decodes_key_json_value_and_headers(self):
        got = index.decode(record(5, b64('{"id": 7}'), key=b64("customer-1"), headers=[{"source": list(b"web")}]))
        self.assertEqual(got, {"topic": "orders", "partition": 0, "offset": 5, "key": "customer-1",
                               "value": {"id": 7}, "headers": {"source": "web"}})

    def test_keeps_a_value_that_is_not_json_as_text(self):
        self.assertEqual(index.decode(record(1, b64("plain text")))["value"], "plain text")

    def test_accepts_a_record_without_key_value_or_headers(self):
        got = index.decode(record(1, None))
        self.assertEqual((got["key"], got["value"], got["headers"]), (None, None, {}))


class HandlerTest(unittest.TestCase):
    def test_processes_every_partition_in_offset_order(self):
        event = {"eventSource": "aws:kafka", "records": {
            "orders-1": [record(9, b64("1"), partition=1)],
            "orders-0": [record(4, b64("2")), record(3, b64("3"))],
        }}
        with contextlib.redirect_stdout(io.StringIO()) as out:
            got = index.handler(event, None)
        self.assertEqual(got, {"processed": 3})
        offsets = [json.loads(line)["offset"] for line in out.getvalue().splitlines()]
        self.assertEqual(offsets, [3, 4, 9])


if __name__ == "__main__":
    unittest.main()
