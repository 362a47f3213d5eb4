def migrate(cr, version):
    """Lines booked at confirmation by 19.0.1.0.0 are owed as much as was booked, so that
    cancelling or refunding them later books them back."""
    if not version:
        return
    cr.execute(
        """
        UPDATE sale_order_line
           SET flex_gift_venue_due_qty = flex_gift_venue_booked_qty
         WHERE flex_gift_venue_booked_qty != 0
           AND COALESCE(flex_gift_venue_due_qty, 0) = 0
        """
    )
