import unittest

import index


class GreetTest(unittest.TestCase):
    def test_greets_the_name_in_the_event(self):
        self.assertEqual(index.greet({"name": "Ada"}), {"message": "Hello, Ada!"})

    def test_uses_the_configured_greeting(self):
        self.assertEqual(index.greet({"name": "Ada"}, "Hi"), {"message": "Hi, Ada!"})

    def test_greets_the_world_without_a_name(self):
        for event in ({}, {"name": "  "}, {"name": 42}, None, "text"):
            with self.subTest(event=event):
                self.assertEqual(index.greet(event), {"message": "Hello, world!"})


if __name__ == "__main__":
    unittest.main()
