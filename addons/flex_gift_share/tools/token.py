"""Gift link tokens: random seeds, derived tokens, stored hashes.

A link keeps a random *seed* (128 bits from :mod:`secrets`) and the SHA-256
*hash* of its token, never the token. The token is ``HMAC-SHA256(key, seed)``
where the key is a server secret (the ``flex_gift_link_key`` server option,
else the database secret): the server can show the buyer their link again, a
copy of the gift table alone cannot. Lookups hash what the browser sent and
compare hashes in constant time.
"""

import base64
import hashlib
import hmac
import re
import secrets

SEED_BYTES = 16  # 128 bits
TOKEN_RE = re.compile(r"^[A-Za-z0-9_-]{43}$")


def generate_seed():
    """A new random seed (128 bits), as 32 hex characters."""
    return secrets.token_hex(SEED_BYTES)


def derive_token(key, seed):
    """The URL-safe token (43 characters, 256-bit HMAC) of ``seed`` under ``key``."""
    if not key or not seed:
        raise ValueError("a key and a seed are required")
    if isinstance(key, str):
        key = key.encode()
    digest = hmac.new(key, seed.encode(), hashlib.sha256).digest()
    return base64.urlsafe_b64encode(digest).rstrip(b"=").decode()


def hash_token(token):
    """The hex SHA-256 of a token: what the database stores and searches."""
    return hashlib.sha256(token.encode()).hexdigest()


def is_well_formed(token):
    """Whether ``token`` has the shape of a token (cheap check before any query)."""
    return isinstance(token, str) and bool(TOKEN_RE.match(token))


def token_matches(token, stored_hash):
    """Constant-time check of ``token`` against a stored hash."""
    if not is_well_formed(token) or not stored_hash:
        return False
    return hmac.compare_digest(hash_token(token), stored_hash)
