from collections import Counter, defaultdict

from psycopg2.extras import execute_values

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.fields import Command

from ..tools import combination as combination_tools

BATCH = 5000
DEFAULT_LEAD_DAYS = 7
ZERO = (0.0, 0, 0.0)  # price, lead days, artisan cost
MATRIX_FIELDS = ("base_price", "base_lead_days", "base_artisan_cost", "line_ids", "manual_count", "unmatched_count")


def _sub(a, b):
    return tuple(round(x - y, 6) for x, y in zip(a, b, strict=True))


def _add(a, b):
    return tuple(round(x + y, 6) for x, y in zip(a, b, strict=True))


def _line_deltas(values, groups):
    """Deltas of one attribute line's values, from rows that differ only on that line.

    ``groups`` maps the rest of a combination to {value: measures}. The most common
    difference wins, so a few rows priced apart cannot skew the others. Values on no
    row get no delta; the smallest delta of each measure is 0.
    """
    position = {v: p for p, v in enumerate(values)}
    diffs = defaultdict(Counter)
    for group in groups.values():
        anchor = min(group, key=position.__getitem__)
        for value, measures in group.items():
            if value != anchor:
                diffs[anchor, value][_sub(measures, group[anchor])] += 1
    modes = {pair: counter.most_common(1)[0][0] for pair, counter in diffs.items()}
    seen = [v for v in values if any(v in group for group in groups.values())]
    known = {}
    for start in seen:
        if start in known:
            continue
        known[start] = ZERO  # a new component of the graph (disconnected by exclusions)
        progress = True
        while progress:
            progress = False
            for (anchor, value), diff in modes.items():
                if anchor in known and value not in known:
                    known[value], progress = _add(known[anchor], diff), True
                elif value in known and anchor not in known:
                    known[anchor], progress = _sub(known[value], diff), True
    if not known:
        return {}
    shift = tuple(min(d[m] for d in known.values()) for m in range(len(ZERO)))
    return {value: _sub(delta, shift) for value, delta in known.items()}


def fit_matrix(lines, rows):
    """(base, deltas) of an additive matrix that reproduces ``rows``, or (None, {}).

    ``lines`` are the value ids of each attribute line; ``rows`` an iterable of
    (value ids, (price, lead days, cost)). A matrix made by this generator is
    reproduced exactly; deltas are the most common differences between rows that
    differ on one value only, the base the most common remainder.
    """
    lines = [list(values) for values in lines if values]
    line_of = {v: i for i, values in enumerate(lines) for v in values}
    combos = {}
    for ids, measures in rows:
        combo = [None] * len(lines)
        for value in ids:
            index = line_of.get(value)
            if index is None or combo[index] is not None:
                break
            combo[index] = value
        else:
            if None not in combo:
                combos[tuple(combo)] = tuple(measures)
    if not combos:
        return None, {}
    deltas = {}
    for index, values in enumerate(lines):
        groups = defaultdict(dict)
        for combo, measures in combos.items():
            groups[combo[:index] + combo[index + 1 :]][combo[index]] = measures
        deltas.update(_line_deltas(values, groups))
    remainders = Counter(_sub(measures, predict(ZERO, deltas, combo)) for combo, measures in combos.items())
    return remainders.most_common(1)[0][0], deltas


def predict(base, deltas, combo):
    total = base
    for value in combo:
        total = _add(total, deltas.get(value, ZERO))
    return total


class FlexGiftMatrixGenerate(models.TransientModel):
    """Fill a work's combination matrix from a base plus per-value deltas.

    Price = base price + the price deltas of the combination's values; lead
    time = base days + their extra days; artisan cost likewise. The wizard opens
    with the base and deltas that reproduce the stored matrix, so running it
    unchanged changes nothing. Rows edited by hand (``is_manual``) and rows that
    no base and deltas reproduce (priced apart) are kept unless
    ``overwrite_manual`` is set.
    """

    _name = "flex.gift.matrix.generate"
    _description = "Generate Combination Matrix"

    product_tmpl_id = fields.Many2one("product.template", string="Work", required=True)
    currency_id = fields.Many2one(related="product_tmpl_id.currency_id")
    base_price = fields.Monetary(required=True)
    base_lead_days = fields.Integer(string="Base Lead Time (days)", required=True, default=DEFAULT_LEAD_DAYS)
    base_artisan_cost = fields.Monetary()
    overwrite_manual = fields.Boolean(
        string="Overwrite kept lines",
        help="Also reset the lines that were edited by hand or priced apart from the base and deltas.",
    )
    line_ids = fields.One2many("flex.gift.matrix.generate.line", "wizard_id", string="Deltas")
    combination_count = fields.Integer(compute="_compute_combination_count")
    manual_count = fields.Integer(string="Lines Edited by Hand", readonly=True)
    unmatched_count = fields.Integer(string="Lines Priced Apart", readonly=True)

    @api.depends("product_tmpl_id")
    def _compute_combination_count(self):
        for wizard in self:
            wizard.combination_count = combination_tools.count_combinations(
                wizard.product_tmpl_id._flex_gift_lines() if wizard.product_tmpl_id else []
            )

    @api.model
    def default_get(self, fields_list):
        """Open on the work's stored matrix: the base and deltas that reproduce it."""
        res = super().default_get(fields_list)
        template = self.env["product.template"].browse(res.get("product_tmpl_id"))
        wanted = [name for name in MATRIX_FIELDS if name in fields_list and f"default_{name}" not in self.env.context]
        if template and wanted:
            stored = self._stored_matrix_values(template)
            res.update({name: stored[name] for name in wanted})
        return res

    @api.model
    def _stored_matrix_values(self, template):
        """Wizard values (base, deltas, counts of kept lines) of the work's stored matrix."""
        matrix = self._read_matrix(template)
        base, deltas, unmatched = self._fit_stored_matrix(template, matrix)
        if base is None:
            base = (template.list_price, DEFAULT_LEAD_DAYS, 0.0)
        values = [v for line in template._flex_gift_lines() for v in line]
        return {
            "base_price": base[0],
            "base_lead_days": int(base[1]),
            "base_artisan_cost": base[2],
            "line_ids": [
                Command.create(
                    {
                        "ptav_id": value,
                        "sequence": sequence,
                        "price_delta": deltas.get(value, ZERO)[0],
                        "extra_days": int(deltas.get(value, ZERO)[1]),
                        "cost_delta": deltas.get(value, ZERO)[2],
                    }
                )
                for sequence, value in enumerate(values)
            ],
            "manual_count": sum(1 for _id, manual, _measures in matrix.values() if manual),
            "unmatched_count": len(unmatched),
        }

    @api.model
    def _read_matrix(self, template):
        """{key: (id, is_manual, (price, lead days, cost))} of the work's stored rows."""
        self.env["flex.gift.combination"].flush_model()
        self.env.cr.execute(
            "SELECT key, id, is_manual, price, lead_days, artisan_cost FROM flex_gift_combination"
            " WHERE product_tmpl_id = %s",
            [template.id],
        )
        return {
            key: (rec_id, manual, (float(price or 0.0), lead or 0, float(cost or 0.0)))
            for key, rec_id, manual, price, lead, cost in self.env.cr.fetchall()
        }

    @api.model
    def _fit_stored_matrix(self, template, matrix):
        """(base, deltas, keys of rows not edited by hand that they do not reproduce)."""
        generated = [(key, measures) for key, (_id, manual, measures) in matrix.items() if not manual]
        rows = generated or [(key, measures) for key, (_id, _manual, measures) in matrix.items()]
        base, deltas = fit_matrix(
            template._flex_gift_lines(), [(combination_tools.parse_key(key), m) for key, m in rows]
        )
        if base is None:
            return None, {}, set()
        currency = template.currency_id
        unmatched = {
            key
            for key, measures in generated
            if not self._same(currency, measures, predict(base, deltas, combination_tools.parse_key(key)))
        }
        return base, deltas, unmatched

    @api.model
    def _same(self, currency, measures, other):
        return (
            currency.compare_amounts(measures[0], other[0]) == 0
            and int(round(measures[1])) == int(round(other[1]))
            and currency.compare_amounts(measures[2], other[2]) == 0
        )

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
        currency = template.currency_id
        deltas = {line.ptav_id.id: line for line in self.line_ids}
        ptavs = template.valid_product_template_attribute_line_ids.product_template_value_ids
        words = {p.id: f"{p.attribute_id.name}: {p.name}" for p in ptavs}

        Combination = self.env["flex.gift.combination"]
        existing = self._read_matrix(template)
        kept = set()
        if not self.overwrite_manual:
            kept = self._fit_stored_matrix(template, existing)[2]
            kept |= {key for key, (_id, manual, _measures) in existing.items() if manual}
        to_create, to_update, seen = [], [], set()
        for combo in template._flex_gift_allowed_combinations():
            key = combination_tools.combination_key(combo)
            seen.add(key)
            lines = [deltas[v] for v in combo if v in deltas]
            price = currency.round(self.base_price + sum(line.price_delta for line in lines))
            lead = self.base_lead_days + sum(line.extra_days for line in lines)
            cost = currency.round((self.base_artisan_cost or 0.0) + sum(line.cost_delta for line in lines))
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
                continue
            rec_id, manual, measures = existing[key]
            if key not in kept and (manual or not self._same(currency, measures, (price, lead, cost))):
                to_update.append((rec_id, price, lead, cost))
        stale = [rec_id for key, (rec_id, _manual, _measures) in existing.items() if key not in seen]
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
                "Combination matrix generated: %(new)s new, %(updated)s updated, %(kept)s kept as they were, "
                "%(removed)s removed.",
                new=len(to_create),
                updated=len(to_update),
                kept=len(kept & seen),
                removed=len(stale),
            )
        )
        return template.action_flex_gift_open_combinations()
