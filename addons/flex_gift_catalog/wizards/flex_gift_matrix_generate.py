from psycopg2.extras import execute_values

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.fields import Command

from ..tools import combination as combination_tools

BATCH = 5000


class FlexGiftMatrixGenerate(models.TransientModel):
    """Fill a work's combination matrix from a base plus per-value deltas.

    Price = base price + the price deltas of the combination's values; lead
    time = base days + their extra days; artisan cost likewise. Lines edited
    by hand (``is_manual``) are kept unless ``overwrite_manual`` is set.
    """

    _name = "flex.gift.matrix.generate"
    _description = "Generate Combination Matrix"

    product_tmpl_id = fields.Many2one("product.template", string="Work", required=True)
    currency_id = fields.Many2one(related="product_tmpl_id.currency_id")
    base_price = fields.Monetary(required=True)
    base_lead_days = fields.Integer(string="Base Lead Time (days)", required=True, default=7)
    base_artisan_cost = fields.Monetary()
    overwrite_manual = fields.Boolean(
        string="Overwrite manual lines", help="Also reset the lines that were edited by hand."
    )
    line_ids = fields.One2many("flex.gift.matrix.generate.line", "wizard_id", string="Deltas")
    combination_count = fields.Integer(compute="_compute_combination_count")

    @api.depends("product_tmpl_id")
    def _compute_combination_count(self):
        for wizard in self:
            wizard.combination_count = combination_tools.count_combinations(
                wizard.product_tmpl_id._flex_gift_lines() if wizard.product_tmpl_id else []
            )

    @api.onchange("product_tmpl_id")
    def _onchange_product_tmpl_id(self):
        template = self.product_tmpl_id
        self.base_price = template.list_price
        self.line_ids = [Command.clear()] + [
            Command.create({"ptav_id": ptav_id, "sequence": i})
            for i, ptav_id in enumerate(v for values in template._flex_gift_lines() for v in values)
        ]

    def _fill_demo_deltas(self):
        """Demo/test helper: deltas growing with each value's position in its line."""
        self.ensure_one()
        commands = []
        for line_index, values in enumerate(self.product_tmpl_id._flex_gift_lines()):
            for index, ptav_id in enumerate(values):
                commands.append(
                    Command.create(
                        {
                            "ptav_id": ptav_id,
                            "price_delta": index * (5 if line_index % 2 == 0 else 3),
                            "extra_days": index if line_index < 2 else 0,
                            "cost_delta": index * 2,
                        }
                    )
                )
        self.line_ids = [Command.clear(), *commands]

    def action_generate(self):
        self.ensure_one()
        template = self.product_tmpl_id
        if not template.is_library_work:
            raise UserError(self.env._("“%s” is not a library work.", template.name))
        if template.library_state == "published":
            raise UserError(self.env._("Withdraw “%s” before regenerating its prices.", template.name))
        deltas = {line.ptav_id.id: line for line in self.line_ids}
        ptavs = template.valid_product_template_attribute_line_ids.product_template_value_ids
        words = {p.id: f"{p.attribute_id.name}: {p.name}" for p in ptavs}

        Combination = self.env["flex.gift.combination"]
        Combination.flush_model()
        self.env.cr.execute(
            "SELECT key, id, is_manual FROM flex_gift_combination WHERE product_tmpl_id = %s",
            [template.id],
        )
        existing = {key: (rec_id, manual) for key, rec_id, manual in self.env.cr.fetchall()}
        to_create, to_update, seen = [], [], set()
        for combo in template._flex_gift_allowed_combinations():
            key = combination_tools.combination_key(combo)
            seen.add(key)
            lines = [deltas[v] for v in combo if v in deltas]
            price = self.base_price + sum(line.price_delta for line in lines)
            lead = self.base_lead_days + sum(line.extra_days for line in lines)
            cost = (self.base_artisan_cost or 0.0) + sum(line.cost_delta for line in lines)
            if price < 0 or lead < 0 or cost < 0:
                raise UserError(
                    self.env._(
                        "The deltas give “%s” a negative price, lead time or cost.",
                        ", ".join(words[v] for v in combo),
                    )
                )
            if key not in existing:
                to_create.append(
                    {
                        "product_tmpl_id": template.id,
                        "key": key,
                        "name": ", ".join(words[v] for v in combo),
                        "price": price,
                        "lead_days": lead,
                        "artisan_cost": cost,
                    }
                )
            elif self.overwrite_manual or not existing[key][1]:
                to_update.append((existing[key][0], price, lead, cost))
        stale = [rec_id for key, (rec_id, _manual) in existing.items() if key not in seen]
        if stale:
            Combination.browse(stale).unlink()
        for start in range(0, len(to_create), BATCH):
            Combination.with_context(flex_gift_matrix_generation=True).create(to_create[start : start + BATCH])
        if to_update:
            # one statement instead of thousands of ORM writes
            execute_values(
                self.env.cr._obj,
                """
                UPDATE flex_gift_combination AS c
                   SET price = v.price, lead_days = v.lead, artisan_cost = v.cost,
                       is_manual = FALSE, write_uid = v.uid, write_date = NOW() AT TIME ZONE 'UTC'
                  FROM (VALUES %s) AS v(id, price, lead, cost, uid)
                 WHERE c.id = v.id
                """,
                [(*row, self.env.uid) for row in to_update],
                template="(%s, %s::numeric, %s, %s::numeric, %s)",
                page_size=BATCH,
            )
            Combination.invalidate_model(["price", "lead_days", "artisan_cost", "is_manual"])
        template.message_post(
            body=self.env._(
                "Combination matrix generated: %(new)s new, %(updated)s updated, %(removed)s removed.",
                new=len(to_create),
                updated=len(to_update),
                removed=len(stale),
            )
        )
        return template.action_flex_gift_open_combinations()
