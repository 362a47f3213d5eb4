def migrate(cr, version):
    """Members who topped up before referring venues existed: their first top-up's venue."""
    cr.execute(
        """
        UPDATE loyalty_card c
           SET flex_gift_referring_venue_id = first.venue_id
          FROM (SELECT DISTINCT ON (card_id) card_id, venue_id
                  FROM flex_gift_alliance_entry
                 WHERE kind = 'topup'
                 ORDER BY card_id, date, id) first
         WHERE c.id = first.card_id AND c.flex_gift_referring_venue_id IS NULL
        """
    )
