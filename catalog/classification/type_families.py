"""The family of a column's SQL or engine type (string, integer, date, ...): an info type
names the families it can be stored as (`names.yaml`)."""

from __future__ import annotations

import re
from functools import lru_cache

_FAMILIES = [
    ("boolean", re.compile(r"^(bool|boolean|bit)\b")),
    ("network", re.compile(r"^(inet|cidr|macaddr8?)\b")),
    ("geo", re.compile(r"^(geometry|geography|point|st_point)\b")),
    ("timestamp", re.compile(r"^(timestamp|datetime|time|smalldatetime|datetime2|timestamptz)")),
    ("date", re.compile(r"^date\b")),
    ("integer", re.compile(r"^(tinyint|smallint|mediumint|bigint|int|integer|int[248]|serial|"
                           r"bigserial|smallserial|long|short|byte|uint\d*|int\d*)\b")),
    ("decimal", re.compile(r"^(decimal|numeric|number|float\d*|double|real|money|"
                           r"smallmoney|dec)\b")),
    ("binary", re.compile(r"^(bytea|blob|binary|varbinary|longblob|mediumblob|tinyblob|"
                          r"image|bytes)\b")),
    ("string", re.compile(r"^(char|varchar|nvarchar|nchar|text|string|character|clob|nclob|"
                          r"citext|tinytext|mediumtext|longtext|varchar2|nvarchar2|uuid|"
                          r"enum|set|name|bpchar|str|object|utf8|large_string)\b")),
]


@lru_cache(maxsize=4096)
def type_family(data_type: str | None) -> str | None:
    """The family of a SQL or engine type (`character varying(40)` -> string)."""
    if not data_type:
        return None
    t = data_type.strip().lower()
    for family, pattern in _FAMILIES:
        if pattern.match(t):
            return family
    return "other"
