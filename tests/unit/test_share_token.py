import pytest

from tests.conftest import load_tools

token = load_tools("flex_gift_share").token


def test_seed_has_128_bits_and_is_random():
    seeds = {token.generate_seed() for _ in range(200)}
    assert len(seeds) == 200
    assert all(len(s) == 32 and int(s, 16) >= 0 for s in seeds)


def test_token_is_deterministic_per_key_and_seed():
    seed = token.generate_seed()
    first = token.derive_token("secret", seed)
    assert first == token.derive_token(b"secret", seed)
    assert first != token.derive_token("other secret", seed)
    assert first != token.derive_token("secret", token.generate_seed())
    assert token.is_well_formed(first)


def test_only_the_hash_is_compared():
    tok = token.derive_token("k", token.generate_seed())
    stored = token.hash_token(tok)
    assert tok not in stored and len(stored) == 64
    assert token.token_matches(tok, stored)
    assert not token.token_matches(tok[:-1] + ("A" if tok[-1] != "A" else "B"), stored)
    assert not token.token_matches(tok, "")


@pytest.mark.parametrize("bad", ["", "short", "x" * 44, "a" * 42 + "!", None, 12, "../" * 15])
def test_malformed_tokens_are_refused(bad):
    assert not token.is_well_formed(bad)
    assert not token.token_matches(bad, token.hash_token("a" * 43))


def test_key_and_seed_are_required():
    with pytest.raises(ValueError):
        token.derive_token("", "abc")
    with pytest.raises(ValueError):
        token.derive_token("k", "")
