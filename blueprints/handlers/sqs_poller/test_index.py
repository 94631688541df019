import contextlib
import io
import unittest

import index

QUEUE = "arn:aws:sqs:us-east-1:123456789012:orders"


def record(message_id, body, arn=QUEUE):
    return {"messageId": message_id, "body": body, "eventSourceARN": arn}


def quietly(fn, *args):
    with contextlib.redirect_stdout(io.StringIO()) as out:
        result = fn(*args)
    return result, out.getvalue()


class HandleBatchTest(unittest.TestCase):
    def test_reports_no_failure_when_every_message_succeeds(self):
        got, logs = quietly(index.handler, {"Records": [record("1", '{"a": 1}'), record("2", "[]")]}, None)
        self.assertEqual(got, {"batchItemFailures": []})
        self.assertIn('"payload": {"a": 1}', logs)

    def test_reports_only_the_messages_that_fail(self):
        records = [record("1", "{}"), record("2", "not json"), record("3", "{}")]
        got, _ = quietly(index.handle_batch, records)
        self.assertEqual(got, {"batchItemFailures": [{"itemIdentifier": "2"}]})

    def test_fails_the_rest_of_a_fifo_batch_after_a_failure(self):
        fifo = QUEUE + ".fifo"
        records = [record("1", "{}", fifo), record("2", "oops", fifo), record("3", "{}", fifo)]
        got, _ = quietly(index.handle_batch, records)
        self.assertEqual(got, {"batchItemFailures": [{"itemIdentifier": "2"}, {"itemIdentifier": "3"}]})

    def test_uses_the_given_processing(self):
        seen = []
        got = index.handle_batch([record("1", "x"), record("2", "y")], lambda r: seen.append(r["body"]))
        self.assertEqual((got, seen), ({"batchItemFailures": []}, ["x", "y"]))

    def test_handles_an_empty_event(self):
        self.assertEqual(index.handler({}, None), {"batchItemFailures": []})


if __name__ == "__main__":
    unittest.main()
