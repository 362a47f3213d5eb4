"""Keep an expected serialization failure out of the error log.

Under PostgreSQL's REPEATABLE READ (Odoo's isolation level), locking a row that a
transaction committed since this one began fails with a serialization failure
(SQLSTATE 40001); Odoo rolls back and retries the request. Odoo's cursor logs
every failed query as an ERROR first. :func:`quiet_serialization_failures` drops
that one record, for the calling thread only and only while its block runs (unlike
``mute_logger``, which silences the whole logger for every thread of the process).
"""

import contextlib
import logging
import threading

SERIALIZATION_FAILURE = "40001"


class _SerializationFailureFilter(logging.Filter):
    """Drop the records of one thread that carry a serialization failure."""

    def __init__(self, thread_id):
        super().__init__()
        self.thread_id = thread_id

    def filter(self, record):
        if record.thread != self.thread_id:
            return True
        args = record.args.values() if isinstance(record.args, dict) else record.args or ()
        return not any(getattr(arg, "pgcode", None) == SERIALIZATION_FAILURE for arg in args)


@contextlib.contextmanager
def quiet_serialization_failures(logger_name="odoo.sql_db"):
    """While the block runs, records of ``logger_name`` logged by this thread about a
    serialization failure are dropped; the exception itself still propagates."""
    logger = logging.getLogger(logger_name)
    log_filter = _SerializationFailureFilter(threading.get_ident())
    logger.addFilter(log_filter)
    try:
        yield
    finally:
        logger.removeFilter(log_filter)
