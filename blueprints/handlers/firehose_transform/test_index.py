import base64
import contextlib
import io
import json
import unittest

import index


def b64(raw):
    return base64.b64encode(raw if isinstance(raw, bytes) else raw.encode()).decode()


def record(record_id, raw, arrival=1700000000000):
    return {"recordId": record_id, "approximateArrivalTimestamp": arrival, "data": b64(raw)}


class TransformTest(unittest.TestCase):
    def test_results(self):
        tests = [
            ("json object", '{"user": "ada", "n": 1}', "Ok", '{"user":"ada","n":1,"arrivalTimestamp":1700000000000}\n'),
            ("unicode text is kept", '{"city": "Zürich"}', "Ok", '{"city":"Zürich","arrivalTimestamp":1700000000000}\n'),
            ("empty data", "", "Dropped", ""),
            ("blank data", " \n", "Dropped", " \n"),
            ("fails if the data is not json", "user=ada", "ProcessingFailed", "user=ada"),
            ("fails if the json is not an object", "[1, 2]", "ProcessingFailed", "[1, 2]"),
            ("fails if the data is not utf-8", b"\xff\xfe", "ProcessingFailed", b"\xff\xfe"),
        ]
        for name, give, want_result, want_data in tests:
            with self.subTest(name):
                got = index.transform(record("r1", give))
                self.assertEqual(got["recordId"], "r1")
                self.assertEqual(got["result"], want_result)
                want = want_data if isinstance(want_data, bytes) else want_data.encode()
                self.assertEqual(base64.b64decode(got["data"]), want)

    def test_fails_if_the_data_is_not_base64(self):
        got = index.transform({"recordId": "r1", "data": "not base64!"})
        self.assertEqual(got, {"recordId": "r1", "result": "ProcessingFailed", "data": "not base64!"})

    def test_keeps_a_record_without_arrival_time(self):
        got = index.transform({"recordId": "r1", "data": b64('{"a": 1}')})
        self.assertEqual(base64.b64decode(got["data"]), b'{"a":1}\n')


class HandlerTest(unittest.TestCase):
    def test_returns_one_result_per_record_in_order(self):
        event = {"invocationId": "inv-1", "records": [record("a", "{}"), record("b", ""), record("c", "x")]}
        with contextlib.redirect_stdout(io.StringIO()) as out:
            got = index.handler(event, None)
        self.assertEqual([(r["recordId"], r["result"]) for r in got["records"]],
                         [("a", "Ok"), ("b", "Dropped"), ("c", "ProcessingFailed")])
        self.assertEqual(json.loads(out.getvalue())["results"], {"Ok": 1, "Dropped": 1, "ProcessingFailed": 1})


if __name__ == "__main__":
    unittest.main()
