import logging
import threading

from tests.conftest import load_tools

concurrency = load_tools("flex_gift_catalog").concurrency

LOGGER = "flex_gift_catalog_test.sql_db"


class FakePgError(Exception):
    def __init__(self, pgcode):
        super().__init__(f"pgcode {pgcode}")
        self.pgcode = pgcode


def log_bad_query(pgcode):
    logging.getLogger(LOGGER).error("bad query: %s\nERROR: %s", "SELECT 1", FakePgError(pgcode))


def test_only_this_threads_serialization_failures_are_dropped(caplog):
    caplog.set_level(logging.INFO, logger=LOGGER)
    with concurrency.quiet_serialization_failures(LOGGER):
        log_bad_query("40001")  # dropped
        log_bad_query("23505")  # another error: kept
        logging.getLogger(LOGGER).error("plain %s", "message")  # kept
        other = threading.Thread(target=log_bad_query, args=("40001",))  # another thread: kept
        other.start()
        other.join()
    log_bad_query("40001")  # after the block: kept
    messages = [record.getMessage() for record in caplog.records]
    assert len(messages) == 4, messages
    assert sum("pgcode 40001" in message for message in messages) == 2
    assert not logging.getLogger(LOGGER).filters, "the filter is removed after the block"


def test_the_failure_still_propagates(caplog):
    caplog.set_level(logging.INFO, logger=LOGGER)
    try:
        with concurrency.quiet_serialization_failures(LOGGER):
            log_bad_query("40001")
            raise FakePgError("40001")
    except FakePgError as error:
        assert error.pgcode == "40001"
    else:
        raise AssertionError("the serialization failure must reach Odoo's retry")
    assert not caplog.records
    assert not logging.getLogger(LOGGER).filters
