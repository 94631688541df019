import unittest

import index


class Connection:
    def close(self):
        pass


def connect_ok(address, timeout):
    return Connection()


def connect_refused(address, timeout):
    raise ConnectionRefusedError(111, "Connection refused")


def clock(*times):
    it = iter(times)
    return lambda: next(it)


class TargetTest(unittest.TestCase):
    def test_prefers_the_event_target(self):
        env = {"TARGET_HOST": "env.internal", "TARGET_PORT": "80"}
        self.assertEqual(index.target({"host": "db.internal", "port": 5432}, env), ("db.internal", 5432))

    def test_falls_back_to_the_environment(self):
        self.assertEqual(index.target({}, {"TARGET_HOST": "cache.internal", "TARGET_PORT": "6379"}), ("cache.internal", 6379))

    def test_fails_if_there_is_no_target(self):
        with self.assertRaises(ValueError):
            index.target(None, {})


class ProbeTest(unittest.TestCase):
    def test_reports_a_reachable_target(self):
        got = index.probe("db.internal", 5432, connect=connect_ok, clock=clock(0.0, 0.004))
        self.assertEqual(got, {"host": "db.internal", "port": 5432, "reachable": True, "latencyMs": 4.0})

    def test_reports_an_unreachable_target(self):
        got = index.probe("db.internal", 5432, connect=connect_refused, clock=clock(0.0, 0.001))
        self.assertEqual((got["reachable"], got["error"]), (False, "[Errno 111] Connection refused"))


if __name__ == "__main__":
    unittest.main()
