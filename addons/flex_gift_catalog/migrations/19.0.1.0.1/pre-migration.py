def migrate(cr, version):
    """Before the constraint "a library work is on the shop only once published" is
    added: take off the shop the library works an earlier version let through."""
    if not version:
        return
    cr.execute(
        """
        UPDATE product_template
           SET is_published = FALSE
         WHERE is_library_work
           AND is_published
           AND library_state IS DISTINCT FROM 'published'
        """
    )
