"""Combination keys and the enumeration of allowed combinations.

A combination is one value picked on every attribute line of a work. It is
identified by a *key*: the ids of its ``product.template.attribute.value``
records, sorted and joined by ``-``. The key is what our combination table
indexes, so a price lookup is one indexed query whatever the matrix size.
"""

from itertools import product

SEPARATOR = "-"


def combination_key(value_ids):
    """Canonical key of a combination given its attribute value ids (any order)."""
    ids = sorted({int(v) for v in value_ids})
    if not ids:
        raise ValueError("a combination needs at least one value")
    return SEPARATOR.join(str(i) for i in ids)


def parse_key(key):
    """The value ids of a key, as a tuple of ints (raises ValueError on garbage)."""
    parts = str(key).split(SEPARATOR)
    ids = tuple(int(p) for p in parts)
    if any(i <= 0 for i in ids) or list(ids) != sorted(set(ids)):
        raise ValueError(f"not a canonical combination key: {key!r}")
    return ids


def is_allowed(value_ids, exclusions):
    """True when no value of the combination excludes another one.

    ``exclusions`` maps a value id to the set of value ids it excludes (Odoo's
    ``product.template.attribute.exclusion``); exclusion is read both ways.
    """
    chosen = set(value_ids)
    return not any(chosen & set(exclusions.get(v, ())) for v in chosen)


def iter_allowed_combinations(lines, exclusions=None):
    """Yield each allowed combination as a tuple of value ids, one per line.

    ``lines`` is a list of lists of value ids (one list per attribute line, in
    line order). Lines without values are ignored, as Odoo ignores them.
    """
    lines = [list(values) for values in lines if values]
    if not lines:
        return
    exclusions = exclusions or {}
    for combo in product(*lines):
        if not exclusions or is_allowed(combo, exclusions):
            yield combo


def count_combinations(lines):
    """Number of combinations before exclusions."""
    total = 1
    non_empty = False
    for values in lines:
        if values:
            total *= len(values)
            non_empty = True
    return total if non_empty else 0
