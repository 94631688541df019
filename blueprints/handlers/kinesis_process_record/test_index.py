import base64
import contextlib
import io
import json
import unittest

import index


def record(sequence, data):
    raw = data if isinstance(data, bytes) else json.dumps(data).encode()
    return {"kinesis": {"sequenceNumber": sequence, "partitionKey": "pk", "data": base64.b64encode(raw).decode()}}


def quietly(fn, *args):
    with contextlib.redirect_stdout(io.StringIO()) as out:
        result = fn(*args)
    return result, out.getvalue()


class KinesisTest(unittest.TestCase):
    def test_decodes_base64_json_data(self):
        self.assertEqual(index.decode(record("1", {"temperature": 21.5})), {"temperature": 21.5})

    def test_processes_every_record(self):
        got, logs = quietly(index.handler, {"Records": [record("1", {"a": 1}), record("2", [1, 2])]}, None)
        self.assertEqual(got, {"batchItemFailures": []})
        self.assertEqual([json.loads(line)["data"] for line in logs.splitlines()], [{"a": 1}, [1, 2]])

    def test_stops_at_the_first_failure_and_reports_it(self):
        records = [record("1", {}), record("2", b"\xff not json"), record("3", {}), record("4", b"bad")]
        got, logs = quietly(index.handle_batch, records)
        self.assertEqual(got, {"batchItemFailures": [{"itemIdentifier": "2"}]})
        self.assertNotIn('"3"', logs)


if __name__ == "__main__":
    unittest.main()
