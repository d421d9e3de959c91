"""Replacing the persoonsgebonden nummer by a keyed hash (HMAC-SHA256) before anything is stored.

The key comes from the environment: EXAMENCIJFERS_PSEUDONYM_KEY (the key itself) or
EXAMENCIJFERS_PSEUDONYM_KEY_FILE (a file holding it, outside the repository). Without a key, delivery
files are refused: an unkeyed hash of a 9-digit number is reversible by trying all numbers.

The one exception is synthetic data: a file that a MANIFEST.json beside it lists, with its sha256, as
synthetic (the demo deliveries `examencijfers demo-data` writes to data/raw/deliveries, which
`examencijfers build` loads) is pseudonymised, when no key is set, with the demo key: 32 random bytes
drawn once per process and never written anywhere. Its pseudonyms link the records of one run and can
never be reversed or linked to another run, so even a file wrongly marked synthetic gives nothing away.
"""
from __future__ import annotations

import hashlib
import hmac
import os
import secrets
from functools import cache
from pathlib import Path

from examencijfers import paths
from examencijfers.errors import ExamencijfersError

KEY_ENV = "EXAMENCIJFERS_PSEUDONYM_KEY"
KEY_FILE_ENV = "EXAMENCIJFERS_PSEUDONYM_KEY_FILE"
MIN_KEY_BYTES = 16


class PseudonymKeyError(ExamencijfersError):
    """No usable pseudonymisation key: delivery files are not loaded."""


def load_key(environ: dict[str, str] | None = None) -> bytes:
    """The key from the environment, or PseudonymKeyError saying how to provide one."""
    environ = os.environ if environ is None else environ
    key: bytes | None = None
    if environ.get(KEY_ENV):
        key = environ[KEY_ENV].encode("utf-8")
    elif environ.get(KEY_FILE_ENV):
        key_file = Path(environ[KEY_FILE_ENV]).expanduser().resolve()
        if key_file.is_relative_to(paths.ROOT):
            raise PseudonymKeyError(f"{key_file}: the pseudonymisation key file must live outside the "
                                    f"repository ({paths.ROOT}), so that it is never committed")
        try:
            key = key_file.read_bytes().strip()
        except OSError as error:
            raise PseudonymKeyError(f"{key_file}: cannot read the pseudonymisation key file ({error.strerror})")
    if not key:
        raise PseudonymKeyError(
            f"delivery files hold persoonsgebonden nummers and are only loaded pseudonymised: set {KEY_ENV} "
            f"to a secret of at least {MIN_KEY_BYTES} bytes, or {KEY_FILE_ENV} to a file outside the "
            "repository that holds it")
    if len(key) < MIN_KEY_BYTES:
        raise PseudonymKeyError(f"the pseudonymisation key is {len(key)} bytes; use at least {MIN_KEY_BYTES}")
    return key


def pseudonymise(number: str, key: bytes) -> str:
    """HMAC-SHA256 of the number as hex: the same number and key give the same pseudonym across files."""
    return hmac.new(key, number.encode("utf-8"), hashlib.sha256).hexdigest()


@cache
def demo_key() -> bytes:
    """The per-process key for synthetic files only (see the module docstring); never stored."""
    return secrets.token_bytes(32)
