"""Publish: the warehouse to the published database with every rule, suppression and the audit, timed.

`publish()` is what `examencijfers publish` runs (build into a temporary file, audit, atomic swap);
the Parquet copies the command also writes are timed on their own, and the audit once more alone so
the table shows what it costs inside the publish time.
"""
from __future__ import annotations

from pathlib import Path
from typing import Any

from benchmarks.timing import measure, once
from examencijfers.publish.audit import audit_published
from examencijfers.publish.build import publish
from examencijfers.publish.parquet import write_parquet
from examencijfers.publish.rules import load_rules


def publish_once(warehouse: Path, published: Path) -> tuple[float, Any]:
    rules = load_rules(None)
    return once(lambda: publish(warehouse, published, rules))


def bench_publish(warehouse: Path, published: Path, repeat: int, budget: float) -> dict[str, Any]:
    """Time publish (incl. audit), the audit alone and the Parquet copies; leaves `published` in place."""
    rules = load_rules(None)
    results: list[Any] = []
    timing = measure(lambda: results.append(publish(warehouse, published, rules)), repeat=repeat, warmup=0,
                     budget=budget, min_repeat=1)
    audit = measure(lambda: audit_published(published), repeat=repeat, warmup=0, budget=budget / 4, min_repeat=1)
    parquet = measure(lambda: write_parquet(published), repeat=1, warmup=0)
    result = results[-1]
    return {
        "publish": timing.as_dict(),
        "audit_alone": audit.as_dict(),
        "parquet": parquet.as_dict(),
        "tables": result.tables,
        "published_rows": sum(result.tables.values()),
        "suppressed_cells": result.suppressed,
        "published_bytes": published.stat().st_size,
    }
