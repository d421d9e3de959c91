"""`kill -9` during an ingest: the warehouse opens afterwards, equal to before the run or to after it, whole."""
from __future__ import annotations

import os
import random
import signal
import subprocess
import sys

import pytest

from examencijfers.ingest.load import CRASH_AT, ingest_file
from examencijfers.warehouse import open_warehouse
from tests.ingest.conftest import DUO, snapshot

BIG = DUO / "examenkandidaten-en-geslaagden-2019-2024.csv"  # 191,730 rows once melted


@pytest.fixture(scope="module")
def states(tmp_path_factory):
    """The warehouse before the run (one file loaded) and after a complete run."""
    folder = tmp_path_factory.mktemp("crash")
    before = folder / "before.duckdb"
    connection = open_warehouse(before)
    ingest_file(connection, DUO / "alle-vestigingen-vo.csv")
    connection.close()
    after = folder / "after.duckdb"
    after.write_bytes(before.read_bytes())
    connection = open_warehouse(after)
    ingest_file(connection, BIG)
    expected = {"before": snapshot(open_warehouse(before, read_only=True)), "after": snapshot(connection)}
    connection.close()
    return before, expected


def ingest_process(db, crash_at=None):
    env = {**os.environ, CRASH_AT: crash_at or ""}
    command = [sys.executable, "-m", "examencijfers.cli", "ingest", "--db", str(db), str(BIG)]
    return subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def state_of(db, expected):
    found = snapshot(open_warehouse(db, read_only=True))
    return next((name for name, content in expected.items() if content == found), "neither")


@pytest.mark.parametrize(("step", "outcome"), [("after_sources_row", "before"), ("before_commit", "before"),
                                                ("after_commit", "after")])
def test_killed_at_each_step(states, tmp_path, step, outcome):
    base, expected = states
    db = tmp_path / "w.duckdb"
    db.write_bytes(base.read_bytes())
    process = ingest_process(db, step)
    assert process.wait(timeout=120) == -signal.SIGKILL
    assert state_of(db, expected) == outcome


@pytest.mark.parametrize("seed", range(4))
def test_killed_at_a_random_moment(states, tmp_path, seed):
    base, expected = states
    db = tmp_path / "w.duckdb"
    db.write_bytes(base.read_bytes())
    process = ingest_process(db)
    try:
        process.wait(timeout=random.Random(seed).uniform(0.2, 3.0))
    except subprocess.TimeoutExpired:
        process.send_signal(signal.SIGKILL)
        process.wait()
    assert state_of(db, expected) in ("before", "after")
