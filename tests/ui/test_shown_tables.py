"""Shown tables are remembered by content: an equal frame finds the same formatted table, any change in a
value, a column or its type does not, and the memory holds a bounded number of tables."""
from __future__ import annotations

import polars as pl

from examencijfers.ui.tables import ShownTables, fingerprint

FRAME = pl.DataFrame({"code": ["A", "B", None], "n": [1, 2, None], "rate": [0.5, None, 0.25]})


def test_equal_content_has_one_fingerprint_and_every_change_another():
    assert fingerprint(FRAME) == fingerprint(FRAME.clone()) == fingerprint(pl.DataFrame(FRAME.to_dict()))
    changed = [
        FRAME.with_columns(pl.Series("n", [1, 3, None])),           # a value
        FRAME.with_columns(pl.Series("rate", [0.5, 0.0, 0.25])),    # a NULL that became a number
        FRAME.rename({"n": "m"}),                                   # a name
        FRAME.with_columns(pl.col("n").cast(pl.Float64)),           # a type
        FRAME.select("n", "code", "rate"),                          # the order of the columns
        FRAME.head(2),                                              # a row fewer
        FRAME.reverse(),                                            # the order of the rows
    ]
    prints = [fingerprint(frame) for frame in changed]
    assert fingerprint(FRAME) not in prints and len(set(prints)) == len(prints)


def test_the_memory_keeps_the_most_recently_used_tables():
    tables = ShownTables()
    tables.SIZE = 2
    first, second, third = (pl.DataFrame({"x": [str(i)]}) for i in range(3))
    tables.put(("a",), first)
    tables.put(("b",), second)
    assert tables.get(("a",)) is first                              # used: now the newest
    tables.put(("c",), third)
    assert tables.get(("b",)) is None and tables.get(("a",)) is first and tables.get(("c",)) is third
