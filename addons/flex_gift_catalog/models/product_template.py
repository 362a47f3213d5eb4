import json
import logging
from datetime import timedelta

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tools.misc import format_date

from ..tools import combination as combination_tools

_logger = logging.getLogger(__name__)

LIBRARY_STATES = [
    ("draft", "Draft"),
    ("submitted", "Submitted"),
    ("approved", "Approved"),
    ("rejected", "Rejected"),
    ("published", "Published"),
    ("withdrawn", "Withdrawn"),
]
MISSING_SHOWN = 5


class ProductTemplate(models.Model):
    _inherit = "product.template"

    is_library_work = fields.Boolean(
        string="Library Work", help="A curated artisan work sold with a priced combination matrix."
    )
    library_state = fields.Selection(
        LIBRARY_STATES,
        string="Library Status",
        default="draft",
        required=True,
        tracking=True,
        copy=False,
        index=True,
    )
    library_reject_reason = fields.Text(string="Rejection Reason", tracking=True, copy=False)
    flex_gift_artisan_id = fields.Many2one(
        "res.partner",
        string="Artisan Studio",
        domain=[("is_artisan_studio", "=", True)],
        tracking=True,
        index=True,
    )
    flex_gift_story = fields.Html(string="Story", translate=True, sanitize=True)
    flex_gift_ship_from_id = fields.Many2one(
        "res.partner", string="Ships From", help="Address the work is shipped from."
    )
    flex_gift_combination_ids = fields.One2many("flex.gift.combination", "product_tmpl_id", string="Combinations")
    flex_gift_combination_count = fields.Integer(
        string="Priced Combinations", compute="_compute_flex_gift_combination_count"
    )
    flex_gift_component_ids = fields.One2many(
        "flex.gift.component", "product_tmpl_id", string="Personalization", copy=True
    )

    _flex_gift_published_reviewed = models.Constraint(
        "CHECK (is_library_work IS NOT TRUE OR is_published IS NOT TRUE OR library_state = 'published')",
        "A library work is on the shop only once a curator has published it (the Publish button).",
    )

    @api.depends("flex_gift_combination_ids")
    def _compute_flex_gift_combination_count(self):
        counts = dict(
            self.env["flex.gift.combination"]._read_group(
                [("product_tmpl_id", "in", self.ids)], ["product_tmpl_id"], ["__count"]
            )
        )
        for template in self:
            template.flex_gift_combination_count = counts.get(template, 0)

    @api.constrains("is_library_work", "attribute_line_ids")
    def _check_flex_gift_attributes(self):
        for template in self.filtered("is_library_work"):
            stored = template.attribute_line_ids.attribute_id.filtered(lambda a: a.create_variant == "always")
            if stored:
                raise ValidationError(
                    self.env._(
                        "Library works are priced by their combination matrix, not by variants: set "
                        "the attribute(s) %s to create variants “Never” or “Dynamically”.",
                        ", ".join(stored.mapped("name")),
                    )
                )

    def write(self, vals):
        """Review states and publication of library works move only through the actions."""
        guarded = {"library_state", "is_published", "website_published"} & set(vals)
        if guarded and not self.env.su:
            if "library_state" in vals and any(t.is_library_work for t in self):
                raise UserError(self.env._("The review status of a library work changes only through its buttons."))
            if any(t.is_library_work and t.library_state != "published" for t in self) and (
                vals.get("is_published") or vals.get("website_published")
            ):
                raise UserError(self.env._("A library work is published by a curator, with the Publish button."))
        return super().write(vals)

    # ------------------------------------------------------------------
    # combinations
    # ------------------------------------------------------------------

    def _flex_gift_lines(self):
        """Active value ids of each attribute line, in line order."""
        self.ensure_one()
        return [
            line.product_template_value_ids.filtered("ptav_active").ids
            for line in self.valid_product_template_attribute_line_ids
        ]

    def _flex_gift_allowed_combinations(self):
        """Iterator over the allowed combinations (tuples of ptav ids)."""
        self.ensure_one()
        exclusions = {k: set(v) for k, v in self._get_own_attribute_exclusions().items() if v}
        return combination_tools.iter_allowed_combinations(self._flex_gift_lines(), exclusions)

    def _flex_gift_missing_combinations(self):
        """(count, first missing combinations) of allowed but unpriced combinations."""
        self.ensure_one()
        self.env["flex.gift.combination"].flush_model(["product_tmpl_id", "key"])
        self.env.cr.execute("SELECT key FROM flex_gift_combination WHERE product_tmpl_id = %s", [self.id])
        priced = {row[0] for row in self.env.cr.fetchall()}
        missing, first = 0, []
        for combo in self._flex_gift_allowed_combinations():
            if combination_tools.combination_key(combo) not in priced:
                missing += 1
                if len(first) < MISSING_SHOWN:
                    first.append(combo)
        return missing, first

    def _check_flex_gift_complete(self):
        Combination = self.env["flex.gift.combination"]
        Ptav = self.env["product.template.attribute.value"]
        for template in self:
            if not template.valid_product_template_attribute_line_ids:
                if not template.flex_gift_combination_ids:
                    raise UserError(self.env._("“%s” has no attributes: give it at least one.", template.name))
                continue
            missing, first = template._flex_gift_missing_combinations()
            if missing:
                raise UserError(
                    self.env._(
                        "“%(work)s” has %(count)s combination(s) without a price, for example:\n%(list)s\n"
                        "Use “Generate Matrix” or price them in the Combinations tab.",
                        work=template.name,
                        count=missing,
                        list="\n".join("• " + Combination._flex_gift_label(Ptav.browse(c)) for c in first),
                    )
                )

    def _flex_gift_check_combination(self, combination):
        """The matrix row of a complete, allowed, priced combination, or a clear error."""
        self.ensure_one()
        lines = self.valid_product_template_attribute_line_ids
        if (
            combination.product_tmpl_id - self
            or set(combination.attribute_line_id.ids) != set(lines.ids)
            or len(combination) != len(lines)
            or not self._is_combination_possible_by_config(combination)
        ):
            raise UserError(self.env._("This combination of “%s” is not offered. Please pick another one.", self.name))
        row = self.env["flex.gift.combination"]._flex_gift_lookup(self, combination)
        if not row:
            raise UserError(
                self.env._("This combination of “%s” has no price yet. Please pick another one.", self.name)
            )
        return row

    def _get_product_price_context(self, combination):
        res = super()._get_product_price_context(combination)
        if self.is_library_work:
            row = self.env["flex.gift.combination"]._flex_gift_lookup(self, combination)
            if row:
                res["current_attributes_price_extra"] = (row.price - self.list_price,)
        return res

    def _get_combination_info(self, combination=False, product_id=False, add_qty=1.0, uom_id=False, **kwargs):
        """The price of a library work includes the extras of the chosen options; until
        the page says which, of the options it opens on (see _flex_gift_page_info)."""
        template = self
        if self.is_library_work and "flex_gift_personalization" not in self.env.context:
            components = self.flex_gift_component_ids
            initial = components._flex_gift_initial_values()
            if components._flex_gift_extra(initial):
                template = self.with_context(flex_gift_personalization=initial)
        return super(ProductTemplate, template)._get_combination_info(
            combination=combination, product_id=product_id, add_qty=add_qty, uom_id=uom_id, **kwargs
        )

    def _is_combination_possible(self, combination, parent_combination=None, ignore_no_variant=False):
        possible = super()._is_combination_possible(combination, parent_combination, ignore_no_variant)
        if (
            possible
            and self.is_library_work
            and not ignore_no_variant
            and self.valid_product_template_attribute_line_ids
        ):
            return bool(self.env["flex.gift.combination"]._flex_gift_lookup(self, combination))
        return possible

    # ------------------------------------------------------------------
    # the configurator
    # ------------------------------------------------------------------

    def _flex_gift_configuration_info(self, combination, personalization):
        """What the product page shows for a combination: lead time, date, preview, errors."""
        self.ensure_one()
        info = {
            "available": False,
            "lead_days": 0,
            "delivery_date": False,
            "error": False,
            "preview_url": False,
            "price_extra": 0.0,
        }
        try:
            row = self._flex_gift_check_combination(combination)
        except UserError as error:
            info["error"] = error.args[0]
            return info
        info.update(available=True, lead_days=row.lead_days)
        date = fields.Date.context_today(self) + timedelta(days=row.lead_days)
        info["delivery_date"] = fields.Date.to_string(date)
        components = self.flex_gift_component_ids
        try:
            cleaned = components._flex_gift_clean(personalization)
        except ValidationError as error:
            info["error"] = error.args[0]
            cleaned = {}
        info["price_extra"] = components._flex_gift_extra(cleaned)
        preview = self.env["flex.gift.preview"]._flex_gift_get_or_render(self, combination, cleaned)
        info["preview_url"] = preview._url()
        return info

    @api.model
    def _flex_gift_lead_texts(self, info):
        """``info`` with the delivery date and the lead time in words of the visitor's
        language, as the page shows them."""
        if not info["available"]:
            return dict(info, delivery_date_label=False, lead_text=self.env._("This combination is not available."))
        label = format_date(self.env, info["delivery_date"])
        return dict(
            info,
            delivery_date_label=label,
            lead_text=self.env._("Ships in %(days)s days, arrives around %(date)s", days=info["lead_days"], date=label),
        )

    def _flex_gift_page_info(self, combination):
        """The configuration info of the combination a product page opens on, with the
        page's initial personalization (the first option of each required choice), and
        the key the page's script compares its own state with: the page needs no request
        of its own on a first view."""
        self.ensure_one()
        initial = self.flex_gift_component_ids._flex_gift_initial_values()
        info = self._flex_gift_lead_texts(self.sudo()._flex_gift_configuration_info(combination.sudo(), initial))
        if info["available"]:
            info["error"] = False  # nothing typed yet: no “required” warning before anyone typed
        info["key"] = json.dumps(
            [sorted(combination.ids), sorted([key, str(value)] for key, value in initial.items())],
            separators=(",", ":"),
        )
        return info

    # ------------------------------------------------------------------
    # review workflow
    # ------------------------------------------------------------------

    def _flex_gift_move(self, allowed_from, target, **extra):
        for template in self:
            if not template.is_library_work:
                raise UserError(self.env._("“%s” is not a library work.", template.name))
            if template.library_state not in allowed_from:
                raise UserError(
                    self.env._(
                        "“%(work)s” is %(state)s: it cannot go to %(target)s from there.",
                        work=template.name,
                        state=dict(LIBRARY_STATES)[template.library_state],
                        target=dict(LIBRARY_STATES)[target],
                    )
                )
        # rights were checked by the caller: sudo so that only these moves may write the state
        self.sudo().write({"library_state": target, **extra})
        return True

    def _flex_gift_check_library_user(self):
        """Preparing works (submit, back to draft) is for the library's users; the sudo
        write of the moves must not open it to every employee."""
        if not self.env.su and not self.env.user.has_group("flex_gift_catalog.group_library_user"):
            raise AccessError(self.env._("Only the works library's users can submit works or set them back to draft."))
        self.check_access("write")

    def _flex_gift_check_curator(self):
        if not self.env.su and not self.env.user.has_group("flex_gift_catalog.group_library_curator"):
            raise AccessError(self.env._("Only a library curator can review works."))
        self.check_access("write")

    def action_library_submit(self):
        self._flex_gift_check_library_user()
        self._check_flex_gift_complete()
        return self._flex_gift_move(("draft", "rejected", "withdrawn"), "submitted", library_reject_reason=False)

    def action_library_approve(self):
        self._flex_gift_check_curator()
        return self._flex_gift_move(("submitted",), "approved")

    def action_library_reject(self):
        self._flex_gift_check_curator()
        if any(not t.library_reject_reason for t in self):
            raise UserError(self.env._("Write the rejection reason first: the artisan needs it."))
        return self._flex_gift_move(("submitted",), "rejected")

    def action_library_publish(self):
        self._flex_gift_check_curator()
        self._check_flex_gift_complete()
        return self._flex_gift_move(("approved", "withdrawn"), "published", is_published=True, sale_ok=True)

    def action_library_withdraw(self):
        self._flex_gift_check_curator()
        return self._flex_gift_move(("published",), "withdrawn", is_published=False)

    def action_library_reset(self):
        self._flex_gift_check_library_user()
        return self._flex_gift_move(("rejected", "withdrawn", "submitted"), "draft")

    def action_flex_gift_open_combinations(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("flex_gift_catalog.flex_gift_combination_action")
        action["domain"] = [("product_tmpl_id", "=", self.id)]
        action["context"] = {"default_product_tmpl_id": self.id, "search_default_product_tmpl_id": self.id}
        return action

    def action_flex_gift_generate_matrix(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Generate Matrix"),
            "res_model": "flex.gift.matrix.generate",
            "view_mode": "form",
            "target": "new",
            "context": {"default_product_tmpl_id": self.id},
        }

    @api.model
    def _flex_gift_demo_generate(self, works):
        """Demo data: price each work through the generator, then set its review state."""
        for xmlid, base_price, base_lead, state in works:
            template = self.env.ref(xmlid)
            wizard = self.env["flex.gift.matrix.generate"].create(
                {
                    "product_tmpl_id": template.id,
                    "base_price": base_price,
                    "base_lead_days": base_lead,
                    "base_artisan_cost": round(base_price * 0.45, 2),
                }
            )
            wizard._fill_demo_deltas()
            wizard.action_generate()
            template.write({"library_state": state, "is_published": state == "published"})

    @api.model
    def _flex_gift_demo_review(self, template_id, partner_id, stars, comment):
        """Demo data: a published customer review of a work (its message and rating), as
        website_sale's product page shows them."""
        template = self.browse(template_id)
        message = template.message_post(
            body=comment, author_id=partner_id, message_type="comment", subtype_xmlid="mail.mt_comment"
        )
        self.env["rating.rating"].create(
            {
                "res_model_id": self.env["ir.model"]._get_id("product.template"),
                "res_id": template.id,
                "partner_id": partner_id,
                "rating": stars,
                "feedback": comment,
                "message_id": message.id,
                "consumed": True,
                "is_internal": False,
            }
        )
        return message

    @api.model
    def _flex_gift_demo_mall_homepage(self, website_id):
        """Demo data: the mall's blocks on ``website_id``'s own home page."""
        website = self.env["website"].browse(website_id)
        home = website.with_context(website_id=website.id).viewref("website.homepage")
        return self.env["ir.ui.view"].create(
            {
                "name": "Home: the mall",
                "type": "qweb",
                "inherit_id": home.id,
                "website_id": website.id,
                "key": "flex_gift_catalog.homepage_mall",
                "arch": '<xpath expr="//div[@id=\'wrap\']" position="inside">'
                '<t t-call="flex_gift_catalog.homepage_mall_blocks"/></xpath>',
            }
        )
