"""Gift link tokens: random seeds, derived tokens, stored hashes.

A link keeps a random *seed* (128 bits from :mod:`secrets`) and the SHA-256
*hash* of its token, never the token. The token is ``HMAC-SHA256(key, seed)``
where the key is a server secret that is never in the database: the
``flex_gift_link_key`` server option, else a 256-bit key file made once in the
server's data directory (see :func:`load_or_create_key`). The server can show
the buyer their link again; a copy of the database (or of an Odoo backup, which
holds the filestore but not this file) cannot rebuild a single token. Lookups
hash what the browser sent and compare hashes in constant time.
:func:`link_key` is the one place that picks the key of a database.
"""

import base64
import contextlib
import hashlib
import hmac
import os
import re
import secrets

SEED_BYTES = 16  # 128 bits
KEY_BYTES = 32  # 256 bits
TOKEN_RE = re.compile(r"^[A-Za-z0-9_-]{43}$")

# the key of each database, read once per process (see link_key)
_LINK_KEYS = {}


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


def load_or_create_key(path):
    """The key kept in the file ``path``, made (256 random bits, mode 0600) if missing.

    Safe when several server processes start at once: the key is written to a
    private temporary file first and published with :func:`os.link`, which fails
    if another process published one meanwhile; every process then reads the
    same key. An empty or damaged key file is an error, never silently replaced
    (replacing it would break every link already sent).
    """
    path = os.fspath(path)
    with contextlib.suppress(FileNotFoundError):
        return _read_key(path)
    os.makedirs(os.path.dirname(path) or ".", mode=0o700, exist_ok=True)
    tmp = f"{path}.{os.getpid()}.{secrets.token_hex(4)}.tmp"
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    try:
        with os.fdopen(fd, "w") as handle:
            handle.write(secrets.token_hex(KEY_BYTES) + "\n")
            handle.flush()
            os.fsync(handle.fileno())
        with contextlib.suppress(FileExistsError):
            os.link(tmp, path)
    finally:
        os.unlink(tmp)
    return _read_key(path)


def key_path(data_dir, dbname):
    """Where the key file of database ``dbname`` lives under the server's data directory."""
    return os.path.join(data_dir, "flex_gift_share", f"{dbname}.key")


def link_key(dbname, data_dir, configured=None):
    """The key tokens of database ``dbname`` are derived with: ``configured`` (the
    ``flex_gift_link_key`` server option) when set, else the key file :func:`key_path`
    (made on first use by :func:`load_or_create_key`), read once per process."""
    if configured:
        return configured
    if dbname not in _LINK_KEYS:
        _LINK_KEYS[dbname] = load_or_create_key(key_path(data_dir, dbname))
    return _LINK_KEYS[dbname]


def _read_key(path):
    with open(path) as handle:
        key = handle.read().strip()
    if not re.fullmatch(r"[0-9a-f]{64}", key):
        raise ValueError(f"the gift link key file {path} is damaged: restore it from a backup")
    return key
