"""sns-message blueprint: processes the notifications an Amazon SNS topic delivers.

message() returns what a notification carries: its id, subject, message (parsed when it is
JSON), the topic it came from and its message attributes as plain values.
"""

import json


def message(record):
    """Return the plain content of one SNS event record."""
    sns = record["Sns"]
    body = sns.get("Message", "")
    try:
        body = json.loads(body)
    except json.JSONDecodeError:
        pass
    return {
        "messageId": sns["MessageId"],
        "topicArn": sns["TopicArn"],
        "subject": sns.get("Subject"),
        "message": body,
        "attributes": {k: v.get("Value") for k, v in sns.get("MessageAttributes", {}).items()},
    }


def handler(event, context):
    for record in event.get("Records", []):
        print(json.dumps(message(record)))
