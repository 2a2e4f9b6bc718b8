"""API tokens with roles: who may read and who may write."""

from catalog.auth.principal import ANONYMOUS, Principal
from catalog.auth.roles import Role
from catalog.auth.tokens import TokenStore, token_store

__all__ = ["ANONYMOUS", "Principal", "Role", "TokenStore", "token_store"]
