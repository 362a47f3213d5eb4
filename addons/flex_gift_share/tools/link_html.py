"""Gift links in e-mails without tokens in the database.

Messages and queued e-mails (both stored) carry a *placeholder* for each gift
link: an ordinary link to the buyer's order with ``flex_gift_link=<id>`` in its
query. Only when an e-mail leaves for the buyer is each placeholder replaced by
the real link and its QR code (``mail.mail._personalize_outgoing_body``).
"""

import re

from markupsafe import Markup

PLACEHOLDER_RE = re.compile(
    r"<a\b[^>]*?\bhref=\"[^\"]*?[?&](?:amp;)?flex_gift_link=(\d+)\b[^\"]*\"[^>]*>.*?</a>",
    re.DOTALL | re.IGNORECASE,
)


def placeholder(order_url, link_id, label):
    """The stored stand-in of a gift link: a link to the order, labelled ``label``."""
    separator = "&" if "?" in order_url else "?"
    return Markup('<a href="%s%sflex_gift_link=%d">%s</a>') % (order_url, separator, int(link_id), label)


def placeholder_ids(body):
    """The link ids of the placeholders in ``body``, in order."""
    return [int(match) for match in PLACEHOLDER_RE.findall(body or "")]


def fill_placeholders(body, links):
    """``body`` with the placeholder of every link id in ``links`` (``{id: (url, qr_url)}``)
    replaced by the real link and its QR code; placeholders of other ids stay as they are."""

    def replace(match):
        link = links.get(int(match.group(1)))
        if not link:
            return match.group(0)
        url, qr_url = link
        return str(
            Markup('<a href="%(url)s">%(url)s</a><br/><img src="%(qr)s" alt="QR" width="160" height="160"/>')
            % {"url": url, "qr": qr_url}
        )

    return PLACEHOLDER_RE.sub(replace, body or "")
