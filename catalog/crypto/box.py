"""Sealing with Fernet (AES-128-CBC and HMAC-SHA256, from `cryptography`): whoever reads
the graph (a backup, the Neo4j browser, a dump) learns nothing of a sealed secret without
the key. Several keys rotate: the first seals, every one opens (MultiFernet)."""

from __future__ import annotations

from cryptography.fernet import Fernet, InvalidToken, MultiFernet


class SecretUnreadable(ValueError):
    """A sealed value none of the keys opens (the key changed without its predecessor being
    kept in CATALOG_SECRET_KEYS_PREVIOUS)."""


class SecretBox:
    def __init__(self, keys: list[bytes]):
        if not keys:
            raise ValueError("a SecretBox needs at least one key")
        self._primary = Fernet(keys[0])
        self._all = MultiFernet([Fernet(k) for k in keys])

    def seal(self, plain: str) -> str:
        return self._primary.encrypt(plain.encode()).decode()

    def open(self, sealed: str) -> str:
        try:
            return self._all.decrypt(sealed.encode()).decode()
        except InvalidToken:
            raise SecretUnreadable("sealed with a key this server does not have") from None

    def is_current(self, sealed: str) -> bool:
        """Whether the primary key sealed it (else rotation re-seals it)."""
        try:
            self._primary.decrypt(sealed.encode())
            return True
        except InvalidToken:
            return False

    def reseal(self, sealed: str) -> str:
        """Sealed again with the primary key (opened with any)."""
        try:
            return self._all.rotate(sealed.encode()).decode()
        except InvalidToken:
            raise SecretUnreadable("sealed with a key this server does not have") from None
