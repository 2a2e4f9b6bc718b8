"""Which key seals the graph's secrets. Every process of one deployment (server workers,
the CLI, replicas) must use the same key, and the key must not sit in the graph beside what
it seals. So, as DataHub does with SECRET_SERVICE_ENCRYPTION_KEY, the key is deployment
configuration: `CATALOG_SECRET_KEY`, given to every process. Without it:

- on the embedded engine a key is generated once into the engine's data folder
  (`secret.key`, mode 0600): that folder is the deployment (only one machine's processes
  can attach to an embedded graph), like the engine's generated password beside it;
- on Neo4j the graph is shared by replicas on other machines, where a generated file would
  differ, so the server refuses to start and says so (DataHub instead falls back to a
  well-known default key, which seals nothing).

A generated key file is still read when CATALOG_SECRET_KEY is set later (moving to an
explicit key re-seals with it), as are `CATALOG_SECRET_KEYS_PREVIOUS` (comma-separated)."""

from __future__ import annotations

import base64
import binascii
import hashlib
import os
import secrets
from pathlib import Path

from catalog.crypto.box import SecretBox
from catalog.settings import Settings
from graph import GraphStore
from graph.engines.embedded import EmbeddedEngine

KEY_FILE = "secret.key"
MIN_PASSPHRASE = 32


class SecretKeyError(ValueError):
    """The secret key is missing where it is required, or unusable."""


def fernet_key(text: str, name: str) -> bytes:
    """A Fernet key as given (urlsafe base64 of 32 bytes), or derived with SHA-256 from a
    passphrase of at least 32 characters (`openssl rand -hex 32`)."""
    text = text.strip()
    try:
        if len(base64.urlsafe_b64decode(text.encode())) == 32:
            return text.encode()
    except (binascii.Error, ValueError):
        pass
    if len(text) < MIN_PASSPHRASE:
        raise SecretKeyError(f"{name}: a Fernet key (`catalog secret-key`) or a passphrase of "
                             f"at least {MIN_PASSPHRASE} characters")
    digest = hashlib.sha256(b"mesh-catalog secret key\0" + text.encode()).digest()
    return base64.urlsafe_b64encode(digest)


def new_key() -> str:
    return base64.urlsafe_b64encode(secrets.token_bytes(32)).decode()


def generated_key(folder: Path) -> bytes:
    """The key of `folder`, made once: written beside and linked into place, so processes
    starting together agree on one (the loser of the race reads the winner's)."""
    path = folder / KEY_FILE
    if not path.exists():
        folder.mkdir(parents=True, exist_ok=True)
        tmp = folder / f".{KEY_FILE}.{os.getpid()}.{secrets.token_hex(4)}"
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w") as f:
            f.write(new_key() + "\n")
        try:
            os.link(tmp, path)
        except FileExistsError:
            pass
        finally:
            tmp.unlink()
    return fernet_key(path.read_text(), str(path))


def _folder(store: GraphStore) -> Path | None:
    """The folder every process of this graph shares (the embedded engine's)."""
    return store.engine.data_dir if isinstance(store.engine, EmbeddedEngine) else None


def secret_box(settings: Settings, store: GraphStore) -> SecretBox:
    folder = _folder(store)
    previous = [fernet_key(k, "CATALOG_SECRET_KEYS_PREVIOUS") for k in
                (settings.secret_keys_previous.get_secret_value().split(",")
                 if settings.secret_keys_previous else []) if k.strip()]
    if settings.secret_key is not None:
        keys = [fernet_key(settings.secret_key.get_secret_value(), "CATALOG_SECRET_KEY")]
        if folder is not None and (folder / KEY_FILE).exists():
            previous.append(generated_key(folder))
        return SecretBox(keys + previous)
    if folder is None:
        raise SecretKeyError(
            "CATALOG_SECRET_KEY is required with the neo4j engine: it seals the webhook "
            "secrets kept in the graph, and every replica needs the same one (make one with "
            "`catalog secret-key`; docs/MARKETPLACE.md)")
    return SecretBox([generated_key(folder), *previous])
