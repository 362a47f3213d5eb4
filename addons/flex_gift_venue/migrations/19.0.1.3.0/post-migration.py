def migrate(cr, version):
    """Venue products published before listing approval existed were approved by being there."""
    cr.execute(
        """
        UPDATE product_template
           SET flex_gift_listing_state = 'approved'
         WHERE flex_gift_is_venue_product AND is_published
        """
    )
