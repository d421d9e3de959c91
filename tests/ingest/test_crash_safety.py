"""`kill -9` during an ingest or a build: the warehouse opens afterwards and is the one before the run, or
(for an ingest killed after its commit) the one after it; never anything in between."""
from __future__ import annotations

import os
import random
import shutil
import signal
import subprocess
import sys
import time

import pytest

from examencijfers.ingest.build import build
from examencijfers.ingest.load import CRASH_AT, ingest_file
from examencijfers.warehouse import open_warehouse
from tests.ingest.conftest import DUO, snapshot

pytestmark = pytest.mark.slow

BIG = DUO / "examenkandidaten-en-geslaagden-2019-2024.csv"  # 191,730 rows once melted: a long parse and write
SMALL = DUO / "alle-vestigingen-vo.csv"


@pytest.fixture(scope="module")
def states(tmp_path_factory):
    """The warehouse before the run (one file loaded) and the content after a complete run."""
    folder = tmp_path_factory.mktemp("crash")
    before = folder / "before.duckdb"
    connection = open_warehouse(before)
    ingest_file(connection, SMALL)
    connection.close()
    after = folder / "after.duckdb"
    shutil.copy(before, after)
    connection = open_warehouse(after)
    ingest_file(connection, BIG)
    expected = {"before": snapshot(open_warehouse(before, read_only=True)), "after": snapshot(connection)}
    connection.close()
    return before, expected


def command(db, *arguments: str, crash_at: str = "") -> subprocess.Popen:
    env = {**os.environ, CRASH_AT: crash_at}
    return subprocess.Popen([sys.executable, "-m", "examencijfers.cli", *arguments, "--db", str(db)], env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def ingest(db, crash_at: str = "") -> subprocess.Popen:
    return command(db, "ingest", str(BIG), crash_at=crash_at)


def fresh_copy(base, folder, name="w.duckdb"):
    db = folder / name
    shutil.copy(base, db)
    return db


def state_of(db, expected):
    found = snapshot(open_warehouse(db, read_only=True))
    return next((name for name, content in expected.items() if content == found), "neither")


@pytest.mark.parametrize(("step", "outcome"), [("after_sources_row", "before"), ("before_commit", "before"),
                                                ("after_commit", "after")])
def test_killed_at_each_step(states, tmp_path, step, outcome):
    base, expected = states
    db = fresh_copy(base, tmp_path)
    assert ingest(db, step).wait(timeout=120) == -signal.SIGKILL
    assert state_of(db, expected) == outcome


@pytest.fixture(scope="module")
def duration(states, tmp_path_factory):
    """How long a whole ingest of BIG takes on this machine (seconds): the span the random kills fall in."""
    db = fresh_copy(states[0], tmp_path_factory.mktemp("timing"))
    start = time.monotonic()
    assert ingest(db).wait(timeout=120) == 0
    return time.monotonic() - start


def test_killed_at_random_moments(states, duration, tmp_path):
    """Kills over the latter part of the run, where it parses and writes: each leaves before or after, whole."""
    base, expected = states
    rng = random.Random(2026)
    outcomes = []
    for run in range(3):
        db = fresh_copy(base, tmp_path, f"w{run}.duckdb")
        process = ingest(db)
        moment = rng.uniform(0.4 * duration, duration)
        try:
            returncode = process.wait(timeout=moment)
        except subprocess.TimeoutExpired:
            process.send_signal(signal.SIGKILL)
            returncode = process.wait()
        outcomes.append((round(moment, 2), returncode, state_of(db, expected)))
        assert outcomes[-1][2] in ("before", "after"), outcomes
        assert returncode != 0 or outcomes[-1][2] == "after", outcomes
    assert sum(returncode == -signal.SIGKILL for _, returncode, _ in outcomes) >= 2, f"too few kills landed: {outcomes}"


def test_a_build_killed_half_way_leaves_the_previous_warehouse_and_the_next_build_recovers(states, tmp_path):
    base, expected = states
    db = fresh_copy(base, tmp_path)
    raw = tmp_path / "raw"
    raw.mkdir()
    shutil.copy(SMALL, raw)
    shutil.copy(DUO / "geslaagden-gezakten-en-cijfers-2018-2019.csv", raw)
    # Killed right after the first file's commit into the new database: that one is half built.
    assert command(db, "build", "--raw", str(raw), crash_at="after_commit").wait(timeout=120) == -signal.SIGKILL
    assert (tmp_path / "w.duckdb.building").exists()
    assert state_of(db, expected) == "before"
    # The next build clears what the killed one left (its file and its log) and succeeds.
    build(db, raw)
    assert not (tmp_path / "w.duckdb.building").exists()
    assert open_warehouse(db, read_only=True).execute("select count(*) from sources").fetchone() == (2,)


def test_a_build_after_an_ingest_killed_past_its_commit_opens(states, tmp_path):
    """The killed ingest leaves a write-ahead log; the build must not pair it with the new file."""
    base, _ = states
    db = fresh_copy(base, tmp_path)
    # A small commit stays in the log (a large one is checkpointed at once).
    killed = command(db, "ingest", str(DUO / "geslaagden-gezakten-en-cijfers-2024-2025.EXCERPT.csv"),
                     crash_at="after_commit")
    assert killed.wait(timeout=120) == -signal.SIGKILL
    assert (tmp_path / "w.duckdb.wal").exists()
    raw = tmp_path / "raw"
    raw.mkdir()
    shutil.copy(SMALL, raw)
    build(db, raw)
    assert open_warehouse(db, read_only=True).execute("select file_name from sources").fetchall() == [(SMALL.name,)]
