import pytest

from tests.conftest import load_tools

combination = load_tools("flex_gift_catalog").combination


def test_key_is_canonical_whatever_the_order():
    assert combination.combination_key([12, 3, 7]) == "3-7-12"
    assert combination.combination_key(["7", 3, 12, 3]) == "3-7-12"


def test_key_round_trip():
    key = combination.combination_key([5, 1, 9])
    assert combination.parse_key(key) == (1, 5, 9)


@pytest.mark.parametrize("bad", ["", "a-b", "3-1", "1-1", "0-2", "-1", "1--2", "1;DROP TABLE"])
def test_parse_key_refuses_garbage(bad):
    with pytest.raises(ValueError):
        combination.parse_key(bad)


def test_empty_combination_has_no_key():
    with pytest.raises(ValueError):
        combination.combination_key([])


def test_all_combinations_without_exclusions():
    combos = list(combination.iter_allowed_combinations([[1, 2], [3, 4, 5]]))
    assert len(combos) == 6
    assert combos[0] == (1, 3)


def test_exclusions_are_read_both_ways():
    lines = [[1, 2], [3, 4]]
    combos = set(combination.iter_allowed_combinations(lines, {1: {4}}))
    assert combos == {(1, 3), (2, 3), (2, 4)}
    # the same exclusion declared from the other side
    assert set(combination.iter_allowed_combinations(lines, {4: {1}})) == combos


def test_empty_lines_are_ignored():
    assert list(combination.iter_allowed_combinations([[], [1, 2]])) == [(1,), (2,)]
    assert list(combination.iter_allowed_combinations([[], []])) == []


def test_count_of_the_big_matrix():
    lines = [list(range(i * 10 + 1, i * 10 + 6)) for i in range(6)]
    assert combination.count_combinations(lines) == 15625
    assert sum(1 for _ in combination.iter_allowed_combinations(lines)) == 15625
