"""What a steward decides on, one item per subject, and the checks of the items.

Errors name the item at fault in the service's terms: `items[2].tag` (the API layers map
them to their argument paths)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from graph.errors import GraphError, InvalidInput

_NAME = re.compile(r"^[A-Za-z0-9][\w.:/ -]{0,127}$")
_OWNER_NAME = re.compile(r"^[A-Za-z0-9][\w.:/@+ -]{0,127}$")  # a team, or a user's email
OWNER_TYPES = ("team", "user")


class NotClassified(GraphError, LookupError):
    """Accepting a classification the subject does not carry."""

    code = "NOT_FOUND"

    def __init__(self, subject: str, classification: str, path: str):
        self.path = path
        super().__init__(f"{subject!r} carries no classification {classification!r} to "
                         "accept (setClassification adds one)")


@dataclass(frozen=True)
class ClassificationItem:
    subject: str
    classification: str


@dataclass(frozen=True)
class TagItem:
    subject: str
    tag: str


@dataclass(frozen=True)
class OwnerItem:
    subject: str
    owner: str
    owner_type: str = "team"
    role: str = "owner"


@dataclass(frozen=True)
class DescriptionItem:
    subject: str
    description: str


def at(k: int, field: str) -> str:
    """The path of a field of item `k`."""
    return f"items[{k}].{field}"


def check_name(path: str, value: str, what: str) -> str:
    value = (value or "").strip()
    if not _NAME.match(value):
        raise InvalidInput(path, f"{what} {value!r} must be 1-128 letters, digits, "
                                 "'_', '.', ':', '/', '-' or spaces")
    return value


def check_owner(k: int, item: OwnerItem) -> None:
    check_name(at(k, "owner"), item.owner, "owner")
    check_name(at(k, "role"), item.role, "role")
    if item.owner_type not in OWNER_TYPES:
        raise InvalidInput(at(k, "owner_type"), f"must be one of {', '.join(OWNER_TYPES)}")


def check_owner_name(path: str, value: str) -> str:
    value = (value or "").strip()
    if not _OWNER_NAME.match(value):
        raise InvalidInput(path, f"{value!r} must be a team or a user's email: 1-128 "
                                 "letters, digits, '_', '.', ':', '/', '@', '+', '-' or "
                                 "spaces")
    return value


def owner_ref(name: str) -> tuple[str, str]:
    """(name, type) of an owner named in shorthand: a user when it holds `@`, else a team."""
    return name, "user" if "@" in name else "team"


def check_description(k: int, item: DescriptionItem) -> None:
    if not isinstance(item.description, str) or len(item.description) > 20_000:
        raise InvalidInput(at(k, "description"), "must be text of at most 20000 characters")
