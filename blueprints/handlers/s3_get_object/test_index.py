import io
import unittest

import index


class FakeS3:
    def __init__(self, types):
        self.types = types
        self.calls = []

    def get_object(self, Bucket, Key):
        self.calls.append((Bucket, Key))
        return {"ContentType": self.types[Key], "Body": io.BytesIO(b"data")}


def event(*keys):
    return {"Records": [{"s3": {"bucket": {"name": "uploads"}, "object": {"key": k}}} for k in keys]}


class ContentTypesTest(unittest.TestCase):
    def test_reads_the_content_type_of_each_object(self):
        s3 = FakeS3({"a.json": "application/json", "photos/cat 1.jpg": "image/jpeg"})
        got = index.content_types(event("a.json", "photos/cat+1.jpg"), s3)
        self.assertEqual(got, [
            {"bucket": "uploads", "key": "a.json", "contentType": "application/json"},
            {"bucket": "uploads", "key": "photos/cat 1.jpg", "contentType": "image/jpeg"},
        ])
        self.assertEqual(s3.calls, [("uploads", "a.json"), ("uploads", "photos/cat 1.jpg")])

    def test_decodes_url_encoded_keys(self):
        self.assertEqual(list(index.objects(event("r%C3%A9sum%C3%A9+v2.pdf"))), [("uploads", "résumé v2.pdf")])

    def test_returns_nothing_for_an_event_without_records(self):
        self.assertEqual(index.content_types({}, FakeS3({})), [])


if __name__ == "__main__":
    unittest.main()
