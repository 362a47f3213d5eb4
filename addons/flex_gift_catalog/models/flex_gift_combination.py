from odoo import api, fields, models
from odoo.exceptions import ValidationError

from ..tools import combination as combination_tools

LOOKUP_MEMO = "flex_gift_combination_lookup"  # in the cursor's cache: cleared with the transaction


class FlexGiftCombination(models.Model):
    """One allowed combination of a library work's options, with its preset
    sale price, lead time and artisan cost.

    Works keep their attributes in ``no_variant``/``dynamic`` mode, so a
    15,625-combination matrix is 15,625 rows here and one product.product,
    not 15,625 variants. ``key`` is the canonical, indexed combination key.
    """

    _name = "flex.gift.combination"
    _description = "Library Work Combination"
    _order = "product_tmpl_id, key"
    _rec_name = "name"

    product_tmpl_id = fields.Many2one("product.template", string="Work", required=True, ondelete="cascade", index=True)
    key = fields.Char(
        required=True,
        readonly=True,
        help="Attribute value ids of the combination, sorted: what the shop looks up.",
    )
    name = fields.Char(string="Combination", readonly=True)
    company_id = fields.Many2one(related="product_tmpl_id.company_id", store=True, index=True)
    currency_id = fields.Many2one(related="product_tmpl_id.currency_id")
    price = fields.Monetary(string="Sale Price", required=True, default=0.0)
    lead_days = fields.Integer(string="Lead Time (days)", required=True, default=0)
    artisan_cost = fields.Monetary(
        default=0.0,
        groups="flex_gift_catalog.group_library_user,account.group_account_invoice",
        help="What the studio is paid for one unit: for the library's staff (who price the matrix) and "
        "accountants only.",
    )
    studio_artisan_cost = fields.Monetary(
        string="Studio Cost",
        compute="_compute_studio_artisan_cost",
        help="The artisan cost, shown to the studio that makes the work (and to no other external user).",
    )
    is_manual = fields.Boolean(
        string="Manual Override",
        help="Set when price, lead time or cost was edited by hand: the matrix "
        "generator keeps such lines unless told to overwrite them.",
    )

    _key_unique = models.Constraint("UNIQUE (product_tmpl_id, key)", "Each combination of a work is priced once.")
    _price_positive = models.Constraint("CHECK (price >= 0)", "A price cannot be negative.")
    _lead_positive = models.Constraint("CHECK (lead_days >= 0)", "A lead time cannot be negative.")
    _cost_positive = models.Constraint("CHECK (artisan_cost >= 0)", "An artisan cost cannot be negative.")

    @api.depends("artisan_cost", "product_tmpl_id.flex_gift_artisan_id")
    @api.depends_context("uid")
    def _compute_studio_artisan_cost(self):
        studio = self.env.user.commercial_partner_id
        for row in self:
            row_sudo = row.sudo()
            mine = row_sudo.product_tmpl_id.flex_gift_artisan_id == studio
            row.studio_artisan_cost = row_sudo.artisan_cost if mine else 0.0

    @api.constrains("key", "product_tmpl_id")
    def _check_key(self):
        """A key names exactly one active value of each of the work's attribute lines."""
        for template, rows in self.grouped("product_tmpl_id").items():
            lines = template.valid_product_template_attribute_line_ids
            line_of = {ptav.id: ptav.attribute_line_id.id for ptav in lines.product_template_value_ids}
            for row in rows:
                ids = combination_tools.parse_key(row.key)
                if len(ids) != len(lines) or len({line_of.get(i) for i in ids} - {None}) != len(lines):
                    raise ValidationError(
                        self.env._(
                            "“%(key)s” is not a combination of “%(work)s”: it needs one value of each attribute.",
                            key=row.key,
                            work=template.name,
                        )
                    )

    def _canonical_key(self, key):
        try:
            return combination_tools.combination_key(combination_tools.parse_key(key))
        except ValueError:
            raise ValidationError(
                self.env._("“%s” is not a combination key: attribute value ids, sorted, joined by “-”.", key)
            ) from None

    @api.model_create_multi
    def create(self, vals_list):
        self.env.cr.cache.pop(LOOKUP_MEMO, None)
        for vals in vals_list:
            if vals.get("key"):
                vals["key"] = self._canonical_key(vals["key"])
        records = super().create(vals_list)
        records.filtered(lambda r: not r.name)._fill_name_from_key()
        return records

    def write(self, vals):
        if "key" in vals or "product_tmpl_id" in vals:
            self.env.cr.cache.pop(LOOKUP_MEMO, None)
        if vals.get("key"):
            vals = dict(vals, key=self._canonical_key(vals["key"]))
        if not self.env.context.get("flex_gift_matrix_generation") and (
            {"price", "lead_days", "artisan_cost"} & set(vals)
        ):
            vals = dict(vals, is_manual=True)
        return super().write(vals)

    def unlink(self):
        self.env.cr.cache.pop(LOOKUP_MEMO, None)
        return super().unlink()

    def _fill_name_from_key(self):
        values = self.env["product.template.attribute.value"].browse(
            {i for rec in self for i in combination_tools.parse_key(rec.key)}
        )
        known = set(values.ids)
        for rec in self:
            ids = [i for i in combination_tools.parse_key(rec.key) if i in known]
            rec.name = self._flex_gift_label(values.browse(ids))

    def _flex_gift_attribute_values(self):
        """The product.template.attribute.value records of these combinations (no other
        addon needs to read combination keys)."""
        return self.env["product.template.attribute.value"].browse(
            dict.fromkeys(i for rec in self for i in combination_tools.parse_key(rec.key))
        )

    @api.model
    def _flex_gift_sorted(self, attribute_values):
        """``attribute_values`` (product.template.attribute.value) in the order of the
        work's attribute lines, whatever order they were given in."""
        return attribute_values.sorted(
            lambda v: (v.attribute_line_id.sequence, v.attribute_id.sequence, v.attribute_id.id, v.id)
        )

    @api.model
    def _flex_gift_label(self, attribute_values):
        """“Attribute: Value, Attribute: Value” in the order of the attribute lines: the
        one way a combination is named (matrix rows, errors, previews)."""
        return ", ".join(f"{v.attribute_id.name}: {v.name}" for v in self._flex_gift_sorted(attribute_values))

    @api.model
    def _flex_gift_lookup(self, template, attribute_values):
        """The matrix row of ``template`` for a combination (attribute value recordset or
        ids), or an empty recordset: one indexed query whatever the matrix size, once per
        transaction (a product page asks for its combination's row five times)."""
        ids = attribute_values.ids if hasattr(attribute_values, "ids") else list(attribute_values)
        if not ids or not template:
            return self.sudo().browse()
        key = combination_tools.combination_key(ids)
        found = self.env.cr.cache.setdefault(LOOKUP_MEMO, {})
        if (template.id, key) in found:
            return self.sudo().browse(found[template.id, key])
        row = self.sudo().search_fetch(
            [("product_tmpl_id", "=", template.id), ("key", "=", key)],
            ["price", "lead_days", "artisan_cost", "name"],
            order="id",
            limit=1,
        )
        if row:  # rows found stay valid until they are deleted or rekeyed (see below)
            found[template.id, key] = row.id
        return row
