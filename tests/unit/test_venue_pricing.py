import pytest

from tests.conftest import load_tools

pricing = load_tools("flex_gift_venue").pricing


@pytest.mark.parametrize(
    "args, expected",
    [
        ((100.0,), 100.0),
        ((100.0, 30.0), 130.0),
        ((44.1, 30.0, 0.0, "x90"), 56.90),  # 57.33 -> 57 -> 56.90
        ((44.1, 30.0, 0.0, "x99"), 56.99),
        ((44.1, 30.0, 2.0, "integer"), 59.0),
        ((10.0, 0.0, 1.5, "none"), 11.5),
        ((0.0, 30.0, 0.0, "none"), 0.0),
    ],
)
def test_venue_price(args, expected):
    assert pricing.venue_price(*args) == pytest.approx(expected)


def test_venue_price_rounds_half_up_like_odoo():
    # Odoo's float_round rounds half away from zero: 56.5 -> 57
    assert pricing.venue_price(50.0, 13.0, 0.0, "integer") == 57.0


def test_platform_price():
    assert pricing.platform_price(100.0, 20.0) == 80.0
    assert pricing.platform_price(99.99, 0.0) == 99.99
    assert pricing.platform_price(10.0, 100.0) == 0.0


def test_lowest_margin():
    assert pricing.lowest_margin([10.0, 200.0], 0.0, 0.0, "none", 20.0) > 0
    assert pricing.lowest_margin([10.0, 200.0], -30.0, 0.0, "none", 20.0) < 0
    assert pricing.lowest_margin([], 0.0, 0.0, "none", 20.0) == 0.0
    # rounding down to .90 can take a thin margin under the platform price
    assert pricing.lowest_margin([10.0], -19.0, 0.0, "x90", 20.0) < 0
