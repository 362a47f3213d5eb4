from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    flex_gift_quota_visitor_mb = fields.Integer(
        string="Per visitor (MB)",
        config_parameter="flex_gift_catalog.quota_visitor_mb",
        default=20,
        help="Previews and uploads one website visitor (session) may create in the window; 0: no limit.",
    )
    flex_gift_quota_ip_mb = fields.Integer(
        string="Per address (MB)",
        config_parameter="flex_gift_catalog.quota_ip_mb",
        default=100,
        help="Previews and uploads the visitors of one IP address may create in the window; 0: no limit.",
    )
    flex_gift_quota_global_mb = fields.Integer(
        string="All visitors (MB)",
        config_parameter="flex_gift_catalog.quota_global_mb",
        default=2000,
        help="Previews and uploads all website visitors together may create in the window; 0: no limit.",
    )
    flex_gift_quota_window_minutes = fields.Integer(
        string="Window (minutes)",
        config_parameter="flex_gift_catalog.quota_window_minutes",
        default=60,
    )
    flex_gift_unused_days = fields.Integer(
        string="Remove unordered previews after (days)",
        config_parameter="flex_gift_catalog.unused_days",
        default=7,
        help="Previews and uploads no order references are removed once this old.",
    )
