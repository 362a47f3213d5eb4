from odoo.exceptions import ValidationError
from odoo.tests import tagged

from .common import FlexGiftCatalogCommon, data_url, png_bytes


@tagged("post_install", "-at_install")
class TestUploadMessages(FlexGiftCatalogCommon):
    """A refused upload says what is wrong in the words of the person uploading:
    the types by name, the size in KB/MB, the dimensions in pixels."""

    def message(self, value):
        with self.assertRaises(ValidationError) as caught:
            self.motif._clean_value(value)  # at most 50,000 bytes and 250,000 pixels, PNG or JPEG
        return caught.exception.args[0]

    def test_each_refusal_names_the_problem(self):
        cases = {
            "another image type": (data_url(png_bytes(fmt="GIF")), ["PNG, JPEG", "This file is a GIF image"]),
            "not an image": (data_url(b"%PDF-1.4 a document"), ["PNG, JPEG", "not one of them"]),
            "too many pixels": (data_url(png_bytes(600, 500)), ["600 × 500", "at most 0.25 megapixels", "577 × 433"]),
            "too heavy": (data_url(b"\x89PNG\r\n\x1a\n" + b"\x00" * 60_000), ["too heavy: 59 KB", "at most 49 KB"]),
            "damaged": (data_url(b"\x89PNG\r\n\x1a\n" + b"junk" * 10), ["cannot be read as an image", "PNG, JPEG"]),
            "not base64": ("not base64 at all!", ["cannot be read as an image"]),
        }
        for case, (value, words) in cases.items():
            with self.subTest(case=case):
                message = self.message(value)
                self.assertIn("“Motif”", message)
                for word in words:
                    self.assertIn(word, message)
                for jargon in ("image/", "bytes", "base64", "mimetype"):
                    self.assertNotIn(jargon, message)

    def test_limits_follow_the_component(self):
        self.motif.write({"allowed_image_types": "image/png", "max_bytes": 5 * 1024 * 1024, "max_pixels": 12_000_000})
        self.assertIn(
            "accepts only these image types: PNG. This file is a JPEG image",
            self.message(data_url(png_bytes(fmt="JPEG"), "image/jpeg")),
        )
        self.assertIn("at most 12 megapixels (for example 4000 × 3000)", self.message(data_url(png_bytes(4100, 3000))))
