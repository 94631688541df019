"""VPC function blueprint: runs in a VPC's subnets and checks that it can open a TCP
connection to a host there (a database, a cache, an internal service).

The target comes from the event ({"host": "db.internal", "port": 5432}) or, by default, from
the TARGET_HOST and TARGET_PORT environment variables. probe() takes the connect function
as an argument, so tests need no network.
"""

import json
import os
import socket
import time


def target(event, environ):
    """Return the (host, port) to probe: the event's, else the environment's."""
    event = event if isinstance(event, dict) else {}
    host = event.get("host") or environ.get("TARGET_HOST")
    port = event.get("port") or environ.get("TARGET_PORT")
    if not host or not port:
        raise ValueError("no target: invoke with {\"host\": ..., \"port\": ...} or set TARGET_HOST and TARGET_PORT")
    return host, int(port)


def probe(host, port, timeout=3.0, connect=socket.create_connection, clock=time.monotonic):
    """Open and close a TCP connection to host:port; report whether it worked and how long it took."""
    start = clock()
    result = {"host": host, "port": port}
    try:
        connect((host, port), timeout=timeout).close()
        result["reachable"] = True
    except OSError as err:
        result["reachable"] = False
        result["error"] = str(err)
    result["latencyMs"] = round((clock() - start) * 1000, 1)
    return result


def handler(event, context):
    result = probe(*target(event, os.environ))
    print(json.dumps(result))
    return result
