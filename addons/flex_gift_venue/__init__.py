from . import controllers, models, wizards


def _flex_gift_venue_post_init(env):
    """Works the library already published are shared with venues from the start."""
    env["product.template"]._flex_gift_venue_post_init()
