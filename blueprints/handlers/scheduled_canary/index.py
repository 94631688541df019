"""scheduled canary blueprint: on each scheduled run, requests a URL and publishes two
Amazon CloudWatch metrics, dimensioned by the URL:

    Success   1 when the response has the expected status, else 0 (Count)
    Latency   time to the response, in milliseconds

check() and metric_data() are pure: the HTTP opener and the clock are arguments, so tests
need no network. A failed check is reported by the metric, not by an error, so that the
asynchronous invocation is not retried.
"""

import json
import os
import time
import urllib.error
import urllib.request

_cloudwatch = None


def cloudwatch():
    """Return the CloudWatch client, created on first use (boto3 ships with the runtime)."""
    global _cloudwatch
    if _cloudwatch is None:
        import boto3

        _cloudwatch = boto3.client("cloudwatch")
    return _cloudwatch


def check(url, expected_status=200, timeout=10.0, opener=urllib.request.urlopen, clock=time.monotonic):
    """Request url; return its status, whether it is the expected one, and the latency."""
    request = urllib.request.Request(url, headers={"User-Agent": "lambda-scheduled-canary"})
    start = clock()
    result = {"url": url, "status": None}
    try:
        with opener(request, timeout=timeout) as response:
            result["status"] = response.status
    except urllib.error.HTTPError as err:
        result["status"] = err.code
        err.close()
    except (urllib.error.URLError, OSError) as err:
        result["error"] = str(getattr(err, "reason", err))
    result["latencyMs"] = round((clock() - start) * 1000, 1)
    result["success"] = result["status"] == expected_status
    return result


def metric_data(result):
    """Return the CloudWatch MetricData of a check result."""
    dimensions = [{"Name": "Url", "Value": result["url"]}]
    return [
        {"MetricName": "Success", "Dimensions": dimensions, "Unit": "Count", "Value": 1.0 if result["success"] else 0.0},
        {"MetricName": "Latency", "Dimensions": dimensions, "Unit": "Milliseconds", "Value": result["latencyMs"]},
    ]


def handler(event, context):
    result = check(
        os.environ["URL"],
        int(os.environ.get("EXPECTED_STATUS", "200")),
        float(os.environ.get("REQUEST_TIMEOUT", "10")),
    )
    print(json.dumps(result))
    cloudwatch().put_metric_data(Namespace=os.environ["METRIC_NAMESPACE"], MetricData=metric_data(result))
    return result
