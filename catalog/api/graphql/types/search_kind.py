from __future__ import annotations

from enum import Enum

import strawberry


@strawberry.enum(description="The kinds of entity search finds.")
class SearchKind(Enum):
    DATASET = "DATASET"
    COLUMN = "COLUMN"
    JOB = "JOB"
    DATA_PRODUCT = "DATA_PRODUCT"
    DOMAIN = "DOMAIN"
