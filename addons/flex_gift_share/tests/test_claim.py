from datetime import timedelta
from unittest.mock import patch

from odoo.exceptions import UserError, ValidationError
from odoo.tests import tagged

from odoo.addons.flex_gift_share.models.flex_gift_link import FlexGiftUnavailableError

from ..tools import postcode
from .common import FlexGiftShareCommon


@tagged("post_install", "-at_install")
class TestGiftClaimValidation(FlexGiftShareCommon):
    """One model method validates a claim; the claim page and the claim itself both use it."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.us_state = cls.env.ref("base.state_us_5")

    def form(self, link, **overrides):
        """The claim form as the public page posts it: strings only."""
        values = dict(self.recipient_values(), country_id=str(self.be.id), delivery_date=str(self.good_date(link)))
        values.update(overrides)
        return values

    def assertNothingWritten(self, link, partners):
        self.env.invalidate_all()
        self.assertEqual(link.state, "pending")
        self.assertFalse(link.sudo().recipient_partner_id)
        self.assertFalse(link.delivery_date)
        self.assertFalse(link.release_pending)
        self.assertFalse(link.order_id.picking_ids)
        self.assertEqual(self.env["res.partner"].search_count([]), partners)

    def test_validate_returns_every_error_at_once_and_writes_nothing(self):
        link = self.make_gift_order().flex_gift_link_ids
        partners = self.env["res.partner"].search_count([])
        bad = self.form(
            link,
            phone="12",
            street="  ",
            state_id=str(self.us_state.id),
            delivery_date="not a date",
            combination_id="abc",
        )
        values, errors = link._flex_gift_validate_claim(bad)
        self.assertEqual(
            errors,
            {
                "phone": "Please enter a valid mobile number for the chosen country.",
                "street": "Some required fields are empty.",
                "state_id": "Please choose a state of the chosen country.",
                "delivery_date": "Invalid delivery date.",
                "combination_id": "Invalid choice.",
            },
        )
        self.assertFalse(values["delivery_date"])
        self.assertNothingWritten(link, partners)

    def test_validate_reports_missing_fields_and_dates_out_of_bounds(self):
        link = self.make_gift_order().flex_gift_link_ids
        _values, errors = link._flex_gift_validate_claim({"delivery_date": str(self.today())})
        self.assertEqual(set(errors), {"name", "phone", "street", "city", "country_id", "delivery_date"})
        self.assertIn("earliest possible delivery date", errors["delivery_date"])
        _values, errors = link._flex_gift_validate_claim(self.form(link, delivery_date=""))
        self.assertEqual(errors, {"delivery_date": "Please choose a delivery date."})
        us_form = self.form(link, country_id=str(self.env.ref("base.us").id), phone="(202) 555-0143", zip="")
        _values, errors = link._flex_gift_validate_claim(us_form)
        self.assertEqual(set(errors), {"state_id", "zip"}, "the country's own required fields")
        _values, errors = link._flex_gift_validate_claim(self.form(link, country_id="999999"))
        self.assertEqual(set(errors), {"country_id"}, "an unknown country is no country")

    def test_validate_good_form_gives_the_claim_arguments(self):
        link = self.make_gift_order().flex_gift_link_ids
        values, errors = link._flex_gift_validate_claim(self.form(link, street=" Rue Haute 12 ", csrf_token="x"))
        self.assertEqual(errors, {})
        self.assertEqual(set(values), {"recipient_values", "delivery_date", "combination"})
        recipient = values["recipient_values"]
        self.assertEqual(recipient["phone"], "+32456123456", "E.164")
        self.assertEqual(recipient["street"], "Rue Haute 12")
        self.assertEqual(recipient["country_id"], self.be.id)
        self.assertNotIn("csrf_token", recipient)
        self.assertEqual(values["delivery_date"], self.good_date(link))
        self.assertEqual(values["combination"], link.order_line_id.flex_gift_combination_id)
        link._flex_gift_claim(**values)
        self.assertEqual(link.state, "claimed")
        self.assertEqual(link.recipient_partner_id.phone, "+32456123456")

    def test_validate_speaks_the_recipients_language(self):
        self.env["res.lang"]._activate_lang("zh_CN")
        self.env["ir.module.module"]._load_module_terms(["flex_gift_share"], ["zh_CN"], overwrite=True)
        link = self.make_gift_order().flex_gift_link_ids.with_context(lang="zh_CN")
        _values, errors = link._flex_gift_validate_claim(self.form(link, street="", phone="12"))
        self.assertEqual(errors["street"], "部分必填字段为空。")
        self.assertEqual(errors["phone"], "请输入所选国家/地区的有效手机号码。")

    def test_validate_checks_lengths_and_the_countrys_postcode_all_at_once(self):
        link = self.make_gift_order().flex_gift_link_ids
        partners = self.env["res.partner"].search_count([])
        bad = self.form(link, name="N" * 129, street="S" * 4000, street2="F" * 129, city="C" * 65, zip="ABCDE")
        values, errors = link._flex_gift_validate_claim(bad)
        self.assertEqual(set(errors), {"name", "street", "street2", "city", "zip"})
        self.assertEqual(errors["street"], "Please enter at most 128 characters (4000 now).")
        self.assertEqual(errors["name"], "Please enter at most 128 characters (129 now).")
        self.assertEqual(errors["zip"], "This is not a postcode of Belgium: it looks like 1000.")
        with self.assertRaises(ValidationError):
            link._flex_gift_claim(**values)
        self.assertNothingWritten(link, partners)
        # the longest accepted values, and the formats of a few countries
        _values, errors = link._flex_gift_validate_claim(self.form(link, name="N" * 128, street="S" * 128))
        self.assertEqual(errors, {})
        cases = [
            ("base.nl", "1012ab", True, "1012AB"),
            ("base.nl", "1012", False, None),
            ("base.us", "20001-1234", True, "20001-1234"),
            ("base.us", "2000", False, None),
            ("base.uk", "sw1a  1aa", True, "SW1A 1AA"),
            ("base.cn", "31000", False, None),
            ("base.hk", "any text", True, "ANY TEXT"),  # no known format: any postcode is taken
        ]
        for xmlid, typed, valid, stored in cases:
            with self.subTest(country=xmlid, zip=typed):
                country = self.env.ref(xmlid)
                values, errors = link._flex_gift_validate_claim(
                    self.form(link, country_id=str(country.id), zip=typed, state_id="")
                )
                self.assertEqual("zip" not in errors, valid, errors.get("zip"))
                if valid:
                    self.assertEqual(values["recipient_values"]["zip"], stored)

    def test_postcode_examples_match_their_formats(self):
        for code in postcode.FORMATS:
            with self.subTest(country=code):
                self.assertTrue(postcode.is_valid(code, postcode.example(code)))
        self.assertFalse(postcode.is_valid("XX", "1" * 17), "never longer than 16 characters")

    def test_validate_takes_line_breaks_as_spaces(self):
        link = self.make_gift_order().flex_gift_link_ids
        values, errors = link._flex_gift_validate_claim(self.form(link, street="Rue\nHaute\t 12 ", name=" Wang\r\nLi"))
        self.assertEqual(errors, {})
        self.assertEqual(values["recipient_values"]["street"], "Rue Haute 12")
        self.assertEqual(values["recipient_values"]["name"], "Wang Li")

    def test_validate_reads_dates_in_the_visitors_format(self):
        self.env["res.lang"]._activate_lang("zh_CN")
        link = self.make_gift_order().flex_gift_link_ids
        date = self.good_date(link)
        for lang, text in (("en_US", date.strftime("%m/%d/%Y")), ("zh_CN", date.strftime("%Y/%m/%d"))):
            with self.subTest(lang=lang):
                as_visitor = link.with_context(lang=lang)
                self.assertEqual(as_visitor._flex_gift_date_label(date), text)
                values, errors = as_visitor._flex_gift_validate_claim(self.form(link, delivery_date=text))
                self.assertEqual(errors, {})
                self.assertEqual(values["delivery_date"], date)
                self.assertEqual(values["recipient_values"]["lang"], lang)
        earliest, _latest = link._flex_gift_delivery_bounds()
        _values, errors = link.with_context(lang="zh_CN")._flex_gift_validate_claim(
            self.form(link, delivery_date=str(self.today()))
        )
        self.assertIn(earliest.strftime("%Y/%m/%d"), errors["delivery_date"], "the bound in the visitor's format")

    def test_claim_refuses_bad_input_called_directly(self):
        link = self.make_gift_order().flex_gift_link_ids
        partners = self.env["res.partner"].search_count([])
        bad = self.recipient_values(street="", state_id=self.us_state.id)
        with self.assertRaises(ValidationError) as caught:
            link._flex_gift_claim(bad, self.good_date(link))
        message = caught.exception.args[0]
        self.assertIn("Some required fields are empty.", message)
        self.assertIn("Please choose a state of the chosen country.", message)
        cheaper = self.env["flex.gift.combination"].search(
            [("product_tmpl_id", "=", self.work.id), ("price", "<", link.order_line_id.flex_gift_combination_id.price)],
            limit=1,
        )
        with self.assertRaisesRegex(ValidationError, "did not allow"):
            link._flex_gift_claim(self.recipient_values(), self.today() + timedelta(days=2000), cheaper)
        self.assertNothingWritten(link, partners)


@tagged("post_install", "-at_install")
class TestGiftClaimLock(FlexGiftShareCommon):
    """Links are locked before they move; a link another transaction holds is left alone."""

    def locked_elsewhere(self):
        """As if another transaction held the row lock: SKIP LOCKED returns no row."""
        return patch.object(type(self.env["flex.gift.link"]), "try_lock_for_update", lambda self, **kw: self.browse())

    def test_claim_of_a_link_locked_elsewhere_is_already_claimed(self):
        link = self.make_gift_order().flex_gift_link_ids
        partners = self.env["res.partner"].search_count([])
        with self.locked_elsewhere(), self.assertRaisesRegex(FlexGiftUnavailableError, "already been claimed"):
            link._flex_gift_claim(self.recipient_values(), self.good_date(link), defer_release=True)
        self.env.invalidate_all()
        self.assertEqual(link.state, "pending")
        self.assertFalse(link.release_pending)
        self.assertFalse(link.sudo().recipient_partner_id)
        self.assertEqual(self.env["res.partner"].search_count([]), partners, "nothing else written")

    def test_the_state_is_read_again_after_the_lock(self):
        """A claim that another transaction committed is seen once the row is locked, whatever
        this transaction's cache still says."""
        link = self.make_gift_order().flex_gift_link_ids
        self.assertEqual(link.state, "pending")
        self.env.cr.execute("UPDATE flex_gift_link SET state = 'claimed' WHERE id = %s", [link.id])
        with self.assertRaises(FlexGiftUnavailableError):
            link._flex_gift_claim(self.recipient_values(), self.good_date(link))
        self.assertFalse(link.sudo().recipient_partner_id)
        self.env.cr.execute(
            "UPDATE flex_gift_link SET state = 'pending', expiry_date = now() - interval '1 minute' WHERE id = %s",
            [link.id],
        )
        with self.assertRaises(FlexGiftUnavailableError):
            link._flex_gift_claim(self.recipient_values(), self.good_date(link))

    def test_expiry_and_release_skip_links_locked_elsewhere(self):
        order = self.make_gift_order(quantity=2)
        first, second = order.flex_gift_link_ids.sorted("id")
        first._flex_gift_claim(self.recipient_values(), self.good_date(first), defer_release=True)
        second.sudo().expiry_date = second.expiry_date - timedelta(days=400)
        Link = self.env["flex.gift.link"]
        with self.locked_elsewhere():
            Link._cron_release_claimed()
            Link._cron_expire()
        self.assertEqual(second.state, "pending", "being claimed elsewhere: not expired")
        self.assertFalse(second.refund_move_id)
        self.assertTrue(first.release_pending, "being released by another run")
        self.assertFalse(first.picking_ids)
        Link._cron_release_claimed()
        Link._cron_expire()
        self.assertEqual(second.state, "expired")
        self.assertFalse(first.release_pending)
        self.assertEqual(len(first.picking_ids), 1)

    def test_revoke_of_a_link_locked_elsewhere_is_refused(self):
        link = self.make_gift_order().flex_gift_link_ids
        with self.locked_elsewhere(), self.assertRaisesRegex(UserError, "Only pending"):
            link.action_revoke()
        self.assertEqual(link.state, "pending")
