"""Secrets the catalog keeps in the graph (a team's webhook secret), sealed with a key that
lives outside the graph: `secret_box(settings, store)` says which."""

from catalog.crypto.box import SecretBox, SecretUnreadable
from catalog.crypto.keys import KEY_FILE, SecretKeyError, secret_box

__all__ = ["KEY_FILE", "SecretBox", "SecretKeyError", "SecretUnreadable", "secret_box"]
