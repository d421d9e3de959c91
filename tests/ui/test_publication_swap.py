"""Analyst mode: a new publication swapped in by `examencijfers publish` (a new file renamed over the old one)
is what the next run of a page shows; nothing of the old file stays cached."""
from __future__ import annotations

import os
import shutil

import duckdb
from streamlit.testing.v1 import AppTest

from tests.ui.conftest import APP


def test_a_swapped_in_publication_is_shown_after_a_refresh(published, tmp_path, monkeypatch):
    served = tmp_path / "published.duckdb"
    shutil.copy(published, served)
    monkeypatch.setenv("EXAMENCIJFERS_PUBLISHED", str(served))
    test = AppTest.from_file(APP, default_timeout=60).run()
    test.switch_page("pages/site/about.py").run()
    before = len(test.dataframe[0].value)

    newer = tmp_path / ".published.duckdb.tmp"
    shutil.copy(published, newer)
    connection = duckdb.connect(str(newer))
    connection.execute("""insert into sources select source_id + 1000, 'nieuw.csv', sha256, dataset, layout,
        '2026-Q1', period_start, period_end, row_count, synthetic, loaded_at from sources where source_id = 1""")
    connection.close()
    os.replace(newer, served)          # what publish does: write beside, rename over
    os.utime(served, ns=(os.stat(served).st_atime_ns, os.stat(served).st_mtime_ns + 1_000_000))

    test.run()
    assert not test.exception
    assert len(test.dataframe[0].value) == before + 1
