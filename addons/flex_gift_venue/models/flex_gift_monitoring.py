from datetime import timedelta

from odoo import api, fields, models

# a scheduled job whose next call is this far behind is late
CRON_GRACE = timedelta(hours=1)


class FlexGiftMonitoring(models.AbstractModel):
    """What the platform watches, in one place: pending gift claims, late handmade orders,
    unsettled balances, queued and failed SMS and e-mails, late scheduled jobs. Read by the
    platform's monitoring page and by the monitoring system's endpoint (a few counts, no
    buyer data)."""

    _name = "flex.gift.monitoring"
    _description = "Platform Monitoring"

    @api.model
    def _flex_gift_figures(self):
        env = self.sudo().env
        now = fields.Datetime.now()
        venues = env["flex.gift.venue"].search([])
        owed = sum(venues.mapped("balance"))
        alliance_debts = 0.0
        for alliance in env["flex.gift.alliance"].search([]):
            debts, _claims = alliance._flex_gift_pair_debts()
            alliance_debts += sum(debts.values())
        crons = env["ir.cron"].search([("active", "=", True), ("nextcall", "<", now - CRON_GRACE)])
        return {
            "gift_claims_pending": env["flex.gift.link"].search_count([("state", "=", "pending")]),
            "handmade_orders_late": env["flex.gift.handmade.order"].search_count([("is_late", "=", True)]),
            "venues_owing_platform": round(owed, 2),
            "alliance_debts_open": round(alliance_debts, 2),
            "commissions_to_bill": env["flex.gift.commission"].search_count([("bill_id", "=", False)]),
            "applications_to_review": env["flex.gift.application"].search_count([("state", "=", "submitted")]),
            "listings_to_approve": env["product.template"].search_count(
                [("flex_gift_listing_state", "=", "submitted")]
            ),
            "sms_queued": env["sms.sms"].search_count([("state", "=", "outgoing")]),
            "sms_failed": env["sms.sms"].search_count([("state", "=", "error")]),
            "mails_queued": env["mail.mail"].search_count([("state", "=", "outgoing")]),
            "mails_failed": env["mail.mail"].search_count([("state", "=", "exception")]),
            "cron_jobs_late": [cron.cron_name for cron in crons],
        }
