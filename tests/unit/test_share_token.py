import multiprocessing

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


def test_key_file_is_made_once_private_and_reused(tmp_path):
    path = tmp_path / "flex_gift_share" / "db.key"
    key = token.load_or_create_key(path)
    assert len(key) == 64 and int(key, 16) >= 0
    assert oct(path.stat().st_mode & 0o777) == "0o600"
    assert token.load_or_create_key(path) == key
    assert not [p for p in path.parent.iterdir() if p.name.endswith(".tmp")]


def test_key_file_racing_processes_agree(tmp_path):
    path = tmp_path / "race.key"
    with multiprocessing.get_context("fork").Pool(8) as pool:
        keys = pool.map(token.load_or_create_key, [path] * 32)
    assert len(set(keys)) == 1


@pytest.mark.parametrize("content", ["", "not a key", "ab" * 16])
def test_damaged_key_file_is_an_error_not_replaced(tmp_path, content):
    path = tmp_path / "bad.key"
    path.write_text(content)
    with pytest.raises(ValueError, match="damaged"):
        token.load_or_create_key(path)
    assert path.read_text() == content


def test_link_key_prefers_the_server_option(tmp_path):
    assert token.link_key("db_option", tmp_path, configured="from the configuration") == "from the configuration"
    assert not (tmp_path / "flex_gift_share").exists(), "no key file when the option is set"


def test_link_key_file_per_database_read_once(tmp_path):
    key = token.link_key("db_file", tmp_path)
    path = tmp_path / "flex_gift_share" / "db_file.key"
    assert token.key_path(tmp_path, "db_file") == str(path)
    assert path.read_text().strip() == key
    assert token.link_key("db_other", tmp_path) != key, "each database its own key"
    path.unlink()
    assert token.link_key("db_file", tmp_path) == key, "read once per process"
    assert not path.exists()
