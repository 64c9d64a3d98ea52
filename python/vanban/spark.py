"""vanban on Spark: citations of a text column through `mapInArrow` (no Python object per row).

>>> import vanban.spark                                              # doctest: +SKIP
>>> cites = vanban.spark.extract_citations(spark.read.text("archive/", wholetext=True), column="value")

Every Arrow batch of the column is handed to `vanban.extract_citations_arrow` on the executors;
the result is the long format (`doc`, then one column per citation key). `doc` is the value of
the `doc` column you name (any type), else a `monotonically_increasing_id()` added for you.
Needs pyspark >= 3.3 and vanban installed on the executors; `scripts/test-spark.sh` tests it.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from vanban._vanban import extract_citations_arrow

__all__ = ["extract_citations"]

_DOC = "__vanban_doc"


def extract_citations(df: Any, column: str = "text", *, doc: str | None = None, threads: int | None = 1) -> Any:
    """A Spark DataFrame in, every citation of `df[column]` out (long format, `doc` first)."""
    from pyspark.sql import functions as F  # type: ignore[import-not-found,unused-ignore]
    from pyspark.sql.pandas.types import from_arrow_schema  # type: ignore[import-not-found,unused-ignore]
    from pyspark.sql.types import StructField, StructType  # type: ignore[import-not-found,unused-ignore]

    if doc is None:
        df = df.withColumn(_DOC, F.monotonically_increasing_id())
        doc = _DOC
    citation_fields = from_arrow_schema(extract_citations_arrow([]).schema).fields[1:]
    schema = StructType([StructField("doc", df.schema[doc].dataType, True), *citation_fields])

    def run(batches: Iterator[Any]) -> Iterator[Any]:
        import pyarrow as pa

        for batch in batches:
            table = extract_citations_arrow(batch.column(1), threads=threads)
            docs = batch.column(0).take(table.column("doc"))
            yield from table.set_column(0, pa.field("doc", docs.type), docs).to_batches()

    return df.select(doc, column).mapInArrow(run, schema)
