"""SQL lineage on sqlglot: tables read and written, and column lineage with OpenLineage
transformation types, for one statement at a time (views, dbt models, `sql` job facets).

`analyze(sql, dialect, ...)` is the entry point; `ingestors.sql_lineage` writes its result
into a harvest.
"""

from ingestors.sql.analyze import analyze, analyze_all
from ingestors.sql.model import Lineage, SqlParseError, TableRef, Transformation

__all__ = ["Lineage", "SqlParseError", "TableRef", "Transformation", "analyze", "analyze_all"]
