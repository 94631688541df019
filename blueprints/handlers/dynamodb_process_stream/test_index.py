import contextlib
import io
import json
import unittest
from decimal import Decimal

import index


def record(sequence, event, keys, new=None, old=None):
    ddb = {"SequenceNumber": sequence, "Keys": keys}
    if new is not None:
        ddb["NewImage"] = new
    if old is not None:
        ddb["OldImage"] = old
    return {"eventName": event, "dynamodb": ddb}


def quietly(fn, *args):
    with contextlib.redirect_stdout(io.StringIO()) as out:
        result = fn(*args)
    return result, out.getvalue()


class DeserializeTest(unittest.TestCase):
    def test_converts_every_attribute_type(self):
        tests = [
            ({"S": "x"}, "x"),
            ({"N": "1.5"}, Decimal("1.5")),
            ({"B": "aGk="}, b"hi"),
            ({"BOOL": True}, True),
            ({"NULL": True}, None),
            ({"M": {"a": {"N": "1"}}}, {"a": Decimal(1)}),
            ({"L": [{"S": "a"}, {"N": "2"}]}, ["a", Decimal(2)]),
            ({"SS": ["a", "b"]}, {"a", "b"}),
            ({"NS": ["1", "2"]}, {Decimal(1), Decimal(2)}),
            ({"BS": ["aGk="]}, {b"hi"}),
        ]
        for give, want in tests:
            with self.subTest(give=give):
                self.assertEqual(index.deserialize(give), want)

    def test_fails_if_the_type_is_unknown(self):
        with self.assertRaises(ValueError):
            index.deserialize({"X": "1"})


class HandleBatchTest(unittest.TestCase):
    def test_logs_each_change_with_plain_values(self):
        records = [
            record("1", "INSERT", {"id": {"S": "a"}}, new={"id": {"S": "a"}, "n": {"N": "2"}}),
            record("2", "REMOVE", {"id": {"S": "b"}}, old={"id": {"S": "b"}, "f": {"N": "0.5"}}),
        ]
        got, logs = quietly(index.handler, {"Records": records}, None)
        self.assertEqual(got, {"batchItemFailures": []})
        self.assertEqual([json.loads(line) for line in logs.splitlines()], [
            {"event": "INSERT", "keys": {"id": "a"}, "new": {"id": "a", "n": 2}},
            {"event": "REMOVE", "keys": {"id": "b"}, "old": {"f": 0.5, "id": "b"}},
        ])

    def test_stops_at_the_first_failure_and_reports_it(self):
        records = [
            record("1", "INSERT", {"id": {"S": "a"}}),
            record("2", "MODIFY", {"id": {"X": "?"}}),
            record("3", "INSERT", {"id": {"S": "c"}}),
        ]
        got, logs = quietly(index.handle_batch, records)
        self.assertEqual(got, {"batchItemFailures": [{"itemIdentifier": "2"}]})
        self.assertNotIn('"c"', logs)


if __name__ == "__main__":
    unittest.main()
