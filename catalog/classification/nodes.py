"""The Classification nodes of info types, as every writer of CLASSIFIED_AS edges
(classifier runs, propagation, stewards) ensures them."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from catalog.classification.infotypes import INFO_TYPES
from identity.ids import classification_id


def classification_rows(names: Iterable[str]) -> list[dict[str, Any]]:
    rows = []
    for name in sorted(set(names)):
        t = INFO_TYPES.get(name)
        rows.append({"id": classification_id(name), "name": name,
                     "sensitivity": t.sensitivity.label if t else "confidential",
                     "description": t.description if t else None})
    return rows
