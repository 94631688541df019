import contextlib
import io
import json
import unittest

import index

TOPIC = "arn:aws:sns:us-east-1:123456789012:alerts"


def record(body, subject=None, attributes=None):
    sns = {"MessageId": "m-1", "TopicArn": TOPIC, "Message": body, "Subject": subject}
    if attributes is not None:
        sns["MessageAttributes"] = attributes
    return {"EventSource": "aws:sns", "Sns": sns}


class MessageTest(unittest.TestCase):
    def test_parses_a_json_message_and_its_attributes(self):
        got = index.message(record('{"level": "high"}', "Alarm", {"team": {"Type": "String", "Value": "ops"}}))
        self.assertEqual(got, {"messageId": "m-1", "topicArn": TOPIC, "subject": "Alarm",
                               "message": {"level": "high"}, "attributes": {"team": "ops"}})

    def test_keeps_a_text_message_as_text(self):
        got = index.message(record("disk almost full"))
        self.assertEqual((got["message"], got["subject"], got["attributes"]), ("disk almost full", None, {}))

    def test_handler_logs_each_message(self):
        with contextlib.redirect_stdout(io.StringIO()) as out:
            index.handler({"Records": [record("a"), record("b")]}, None)
        self.assertEqual([json.loads(line)["message"] for line in out.getvalue().splitlines()], ["a", "b"])


if __name__ == "__main__":
    unittest.main()
