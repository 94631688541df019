"""hello-world blueprint: greets the name in the event and logs the event."""

import json
import os


def greet(event, greeting="Hello"):
    """Return the response for event: a greeting for event["name"], or for "world"."""
    name = "world"
    if isinstance(event, dict) and isinstance(event.get("name"), str) and event["name"].strip():
        name = event["name"].strip()
    return {"message": f"{greeting}, {name}!"}


def handler(event, context):
    print(json.dumps({"event": event}, default=str))
    return greet(event, os.environ.get("GREETING", "Hello"))
