import json

from odoo import models
from odoo.http import request

PUBLIC_JSON_PREFIX = "/flex_gift/"


class IrHttp(models.AbstractModel):
    _inherit = "ir.http"

    @classmethod
    def _handle_error(cls, exception):
        """The JSON errors of the configurator's public routes carry the message, never the
        server's traceback: Odoo 19 puts it in ``error.data.debug`` for any caller. The
        server log keeps it (Odoo logs the exception itself, after this)."""
        response = super()._handle_error(exception)
        if (
            request
            and request.dispatcher.routing_type == "jsonrpc"
            and request.httprequest.path.startswith(PUBLIC_JSON_PREFIX)
            and hasattr(response, "get_data")
        ):
            payload = json.loads(response.get_data())
            data = (payload.get("error") or {}).get("data")
            if isinstance(data, dict) and data.get("debug"):
                data["debug"] = ""
                response.set_data(json.dumps(payload, ensure_ascii=False))
        return response
