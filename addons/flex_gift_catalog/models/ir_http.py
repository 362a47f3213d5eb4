import json
import logging
import re

import werkzeug.exceptions
import werkzeug.routing
from psycopg2 import errors as pg_errors
from werkzeug.exceptions import HTTPException

from odoo import models
from odoo.exceptions import ConcurrencyError, UserError
from odoo.http import Response, request

from ..tools import text

# the suite's public and portal routes: their errors never show a visitor the server's
# internals. Limited to our own routes on purpose: Odoo's routes keep Odoo's behaviour.
PUBLIC_PREFIXES = ("/flex_gift/", "/gift/", "/shop/flex_gift/", "/my/handmade", "/website_sale/get_combination_info")
# what a text argument of our routes may be (gift tokens, preview digests, action names)
ROUTE_WORD_RE = re.compile(r"^[A-Za-z0-9_-]{1,256}$")
# a path Odoo's pages can render (no dot segment, no control character)
PLAIN_PATH_RE = re.compile(r"^(?!.*/\.\.?(?:/|$))[^\x00-\x1f\x7f]*$")
LONG_NUMBER_RE = re.compile(r"\d{19}")
# what Odoo retries (odoo.service.model.retrying): once it gave up, the visitor is told to try again
RETRIED_ERRORS = (
    pg_errors.SerializationFailure,
    pg_errors.LockNotAvailable,
    pg_errors.DeadlockDetected,
    ConcurrencyError,
)


class FlexGiftIdConverter(werkzeug.routing.BaseConverter):
    """``<flex_gift_id:name>``: a database id in a URL, 1 to 2**31 - 1. Anything else does not
    match the route (404), where Odoo's ``<int:...>`` takes any number of digits and fails
    (500) on one of thousands of digits, or in the database on one too large for it."""

    regex = r"[1-9]\d{0,9}"
    part_isolating = True

    def to_python(self, value):
        if int(value) > text.MAX_ID:
            raise werkzeug.routing.ValidationError()
        return int(value)

    def to_url(self, value):
        return str(int(value))


class IrHttp(models.AbstractModel):
    _inherit = "ir.http"

    @classmethod
    def _flex_gift_is_public_route(cls):
        return (
            bool(request)
            and getattr(request, "env", None) is not None
            and request.httprequest.path.startswith(PUBLIC_PREFIXES)
        )

    @classmethod
    def _get_converters(cls):
        return dict(super()._get_converters(), flex_gift_id=FlexGiftIdConverter)

    @classmethod
    def _pre_dispatch(cls, rule, args):
        """The text arguments of our routes (tokens, digests, action names) are plain words:
        anything else is refused at once, with a plain 404 (Odoo's own handling of such paths
        fails: its multilang redirect unquotes "/gift/%2500" twice and redirects it to itself
        forever, and its pages cannot render a URL with encoded dot segments)."""
        if cls._flex_gift_is_public_route() and not all(
            ROUTE_WORD_RE.match(value) for value in args.values() if isinstance(value, str)
        ):
            werkzeug.exceptions.abort(cls._flex_gift_not_found())
        return super()._pre_dispatch(rule, args)

    @classmethod
    def _flex_gift_not_found(cls):
        return Response(request.env._("This page does not exist."), status=404, content_type="text/plain")

    @classmethod
    def _serve_fallback(cls):
        """A path with a NUL byte is no page nor attachment (Odoo would search attachments by
        that URL and fail in the database): not found."""
        if "\x00" in request.httprequest.path:
            return None
        return super()._serve_fallback()

    @classmethod
    def _handle_error(cls, exception):
        """On the suite's public and portal routes (``PUBLIC_PREFIXES``):

        - a concurrency conflict Odoo retried until it gave up answers a clear "try again"
          (409, in the visitor's language) instead of a server error, and is logged as a
          warning: it is no bug;
        - a JSON error answered to a visitor who is not an employee carries the message only,
          never the traceback (Odoo 19 puts it in ``error.data.debug`` for any caller) and, for
          an unexpected error, a plain message instead of the exception's text (which may name
          server paths or SQL). The server log keeps everything: Odoo logs the exception itself.
        """
        if not cls._flex_gift_is_public_route():
            return super()._handle_error(exception)
        path = request.httprequest.path
        if isinstance(exception, werkzeug.exceptions.NotFound) and (
            len(path) > 2000 or not PLAIN_PATH_RE.match(path) or LONG_NUMBER_RE.search(path)
        ):
            # Odoo's 404 page cannot render such a URL: (encoded) dot segments or NUL bytes
            # fail its canonical URL, a number of thousands of digits its menus' "unslug"
            return cls._flex_gift_not_found()
        if isinstance(exception, RETRIED_ERRORS):
            exception.loglevel = logging.WARNING  # read by odoo.http.Application when it logs
            retry = UserError(request.env._("Someone else changed this at the same moment: please try again."))
            retry.http_status = 409
            response = super()._handle_error(retry)
        else:
            response = super()._handle_error(exception)
        if (
            getattr(getattr(request, "dispatcher", None), "routing_type", None) == "jsonrpc"
            and hasattr(response, "get_data")
            and not (request.env.uid and request.env.user._is_internal())
        ):
            cls._flex_gift_scrub_json(response, exception)
        return response

    @classmethod
    def _flex_gift_scrub_json(cls, response, exception):
        """Remove the traceback, and the text of an unexpected error, from a JSON error."""
        try:
            payload = json.loads(response.get_data())
        except ValueError:
            return
        error = payload.get("error") if isinstance(payload, dict) else None
        data = error.get("data") if isinstance(error, dict) else None
        if not isinstance(data, dict):
            return
        data["debug"] = ""
        if not isinstance(exception, (UserError, HTTPException, *RETRIED_ERRORS)):
            message = request.env._("The server could not process this request.")
            data.update(message=message, arguments=[message], name="odoo.exceptions.UserError", context={})
        response.set_data(json.dumps(payload, ensure_ascii=False))
