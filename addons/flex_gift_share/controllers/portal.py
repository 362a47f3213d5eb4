from werkzeug.exceptions import NotFound

from odoo import exceptions
from odoo.http import request, route

from odoo.addons.flex_gift_catalog.tools import text
from odoo.addons.sale_stock.controllers.portal import SaleStockPortal


class FlexGiftSharePortal(SaleStockPortal):
    """A gift's delivery slip carries the recipient's address: the buyer never gets it."""

    # Odoo's routes below already answer 404 when _stock_picking_check_access refuses, but by
    # returning NotFound (odoo.http logs a warning for each); refusing first raises it cleanly
    def _flex_gift_refuse_gift_picking(self, picking_id):
        picking_id = text.to_id(picking_id)
        if not picking_id or request.env["stock.picking"].sudo().browse(picking_id).exists().flex_gift_link_id:
            raise NotFound()

    def _stock_picking_check_access(self, picking_id, access_token=None):
        picking_sudo = super()._stock_picking_check_access(picking_id, access_token=access_token)
        if picking_sudo.flex_gift_link_id:
            raise exceptions.AccessError(request.env._("The delivery slip of a gift is not available."))
        return picking_sudo

    @route()
    def portal_my_picking_report(self, picking_id, access_token=None, **kw):
        self._flex_gift_refuse_gift_picking(picking_id)
        return super().portal_my_picking_report(picking_id, access_token=access_token, **kw)

    @route()
    def portal_my_picking_return_report(self, picking_id, access_token=None, **kw):
        self._flex_gift_refuse_gift_picking(picking_id)
        return super().portal_my_picking_return_report(picking_id, access_token=access_token, **kw)
