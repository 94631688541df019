import io
import unittest
import urllib.error

import index

URL = "https://example.com/health"


class Response:
    def __init__(self, status):
        self.status = status

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        return False


def opener(outcome):
    def open_(request, timeout):
        if isinstance(outcome, Exception):
            raise outcome
        return Response(outcome)
    return open_


def clock(*times):
    it = iter(times)
    return lambda: next(it)


class CheckTest(unittest.TestCase):
    def test_succeeds_on_the_expected_status(self):
        got = index.check(URL, 200, opener=opener(200), clock=clock(1.0, 1.25))
        self.assertEqual(got, {"url": URL, "status": 200, "latencyMs": 250.0, "success": True})

    def test_fails_on_another_status(self):
        err = urllib.error.HTTPError(URL, 503, "Service Unavailable", {}, io.BytesIO())
        got = index.check(URL, 200, opener=opener(err), clock=clock(0.0, 0.1))
        self.assertEqual((got["status"], got["success"]), (503, False))

    def test_succeeds_on_an_expected_error_status(self):
        err = urllib.error.HTTPError(URL, 404, "Not Found", {}, io.BytesIO())
        self.assertTrue(index.check(URL, 404, opener=opener(err), clock=clock(0.0, 0.1))["success"])

    def test_fails_when_the_url_cannot_be_reached(self):
        got = index.check(URL, opener=opener(urllib.error.URLError("name resolution failed")), clock=clock(0.0, 2.0))
        self.assertEqual(got, {"url": URL, "status": None, "error": "name resolution failed", "latencyMs": 2000.0, "success": False})

    def test_fails_on_a_timeout(self):
        got = index.check(URL, opener=opener(TimeoutError("timed out")), clock=clock(0.0, 10.0))
        self.assertEqual((got["success"], got["error"]), (False, "timed out"))


class MetricDataTest(unittest.TestCase):
    def test_reports_success_and_latency_by_url(self):
        dims = [{"Name": "Url", "Value": URL}]
        self.assertEqual(index.metric_data({"url": URL, "success": False, "latencyMs": 12.5}), [
            {"MetricName": "Success", "Dimensions": dims, "Unit": "Count", "Value": 0.0},
            {"MetricName": "Latency", "Dimensions": dims, "Unit": "Milliseconds", "Value": 12.5},
        ])


if __name__ == "__main__":
    unittest.main()
