"""`kill -9` during a publish: the published database is the old one or the new one, whole, never anything
in between; and a reader of the published file while a publish swaps a new one in never errors (what a
running dashboard does, in a separate process)."""
from __future__ import annotations

import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from examencijfers import paths, serving
from examencijfers.ingest.build import build

pytestmark = pytest.mark.slow


def content(path: Path) -> tuple:
    """Every table's rows (count and a hash of all of them), but for `publication` (its built_at differs per
    run): what a publication says, whatever its bytes."""
    connection = serving.open_read_only(path)
    try:
        tables = sorted(name for (name,) in connection.execute("show tables").fetchall() if name != "publication")
        return tuple((name, *connection.execute(f"select count(*), sum(hash(t)) from {name} t").fetchone())
                     for name in tables)
    finally:
        connection.close()


def publish(warehouse: Path, out: Path, k: int) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "examencijfers.cli", "publish", "--db", str(warehouse),
                             "--out", str(out), "--k", str(k), "--no-parquet"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


@pytest.fixture(scope="module")
def setting(tmp_path_factory):
    """A warehouse of the bundled CBR files (their publish is quick: no VO solver), the publication with k=5
    (the old one), the publication with k=7 (the new one: other rules, other bytes), and how long one takes."""
    folder = tmp_path_factory.mktemp("publish-crash")
    warehouse = folder / "warehouse.duckdb"
    build(warehouse, paths.RAW / "cbr", paths.REFERENCE, lambda *args: None)
    connection = serving.open_read_only(warehouse)
    assert connection.execute("select count(*) from cbr_examens").fetchone()[0] > 1000   # real rows to publish
    connection.close()
    old, new = folder / "old.duckdb", folder / "new.duckdb"
    assert publish(warehouse, old, 5).wait(timeout=300) == 0
    start = time.monotonic()
    assert publish(warehouse, new, 7).wait(timeout=300) == 0
    return warehouse, old.read_bytes(), {content(old): "old", content(new): "new"}, time.monotonic() - start


def test_killed_at_random_moments_leaves_the_old_or_the_new_publication(setting, tmp_path):
    warehouse, old_bytes, known, duration = setting
    rng = random.Random(2026)
    outcomes = []
    for run in range(4):
        out = tmp_path / f"run{run}" / "published.duckdb"
        out.parent.mkdir()
        out.write_bytes(old_bytes)
        process = publish(warehouse, out, 7)
        moment = rng.uniform(0.1 * duration, 1.1 * duration)
        try:
            returncode = process.wait(timeout=moment)
        except subprocess.TimeoutExpired:
            process.send_signal(signal.SIGKILL)
            returncode = process.wait()
        serving.check_servable(out)                                  # whole: it opens and is the contract
        state = known.get(content(out), "neither")
        outcomes.append((round(moment, 2), returncode, state))
        assert state in ("old", "new"), outcomes
        assert returncode != 0 or state == "new", outcomes
    assert sum(returncode == -signal.SIGKILL for _, returncode, _ in outcomes) >= 2, f"too few kills landed: {outcomes}"


def test_the_next_publish_clears_what_a_killed_one_left(setting, tmp_path):
    warehouse, old_bytes, known, duration = setting
    out = tmp_path / "published.duckdb"
    out.write_bytes(old_bytes)
    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()
    left = [tmp_path / f".published.duckdb.{dead.pid}.tmp", tmp_path / f".published.duckdb.{dead.pid}.tmp.wal"]
    for path in left:
        path.write_bytes(b"half a publication")
    (tmp_path / f".published-parquet.{dead.pid}.tmp").mkdir()
    (tmp_path / f".published-parquet.{dead.pid}.tmp" / "cbr_exams_weekly.parquet").write_bytes(b"half")
    done = subprocess.run([sys.executable, "-m", "examencijfers.cli", "publish", "--db", str(warehouse),
                           "--out", str(out), "--k", "7"], capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    assert sorted(path.name for path in tmp_path.iterdir()) == ["published-parquet", "published.duckdb"]
    assert known[content(out)] == "new"


READER = """
import sys, time
from examencijfers import serving
path, deadline = sys.argv[1], time.monotonic() + float(sys.argv[2])
reads = 0
while time.monotonic() < deadline:
    connection = serving.open_read_only(path)
    connection.execute("select count(*) from cbr_exams_weekly").fetchone()
    connection.execute("select value from publication where key = 'rules'").fetchone()
    connection.close()
    reads += 1
print(reads)
"""


def test_a_reader_during_publishes_never_errors(setting, tmp_path):
    warehouse, old_bytes, known, duration = setting
    out = tmp_path / "published.duckdb"
    out.write_bytes(old_bytes)
    reader = subprocess.Popen([sys.executable, "-c", READER, str(out), str(3 * duration + 5)],
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    for k in (7, 5, 7):                                              # three swaps under the reader's feet
        assert publish(warehouse, out, k).wait(timeout=300) == 0
    output, errors = reader.communicate(timeout=6 * duration + 60)
    assert reader.returncode == 0, errors
    assert int(output) > 10
    assert known.get(content(out)) == "new"


def test_the_dashboard_during_publishes_never_errors(setting, tmp_path, monkeypatch):
    """The dashboard keeps one handle per file and swaps it when the file changes (ui/data.py): a page run
    while publishes rename new files over the one it reads shows figures, never an error."""
    from streamlit.testing.v1 import AppTest

    from examencijfers.ui import data

    warehouse, old_bytes, known, duration = setting
    out = tmp_path / "published.duckdb"
    out.write_bytes(old_bytes)
    monkeypatch.setenv("EXAMENCIJFERS_PUBLISHED", str(out))
    page = AppTest.from_file(str(paths.ROOT / "app.py"), default_timeout=120).run()
    page.switch_page("pages/cbr/exams.py")
    publishes = subprocess.Popen(
        [sys.executable, "-c", "import subprocess, sys\n"
         "for k in (7, 5, 7):\n"
         "    command = [sys.executable, '-m', 'examencijfers.cli', 'publish', '--db', sys.argv[1], '--out', sys.argv[2],"
         " '--k', str(k), '--no-parquet']\n"
         "    subprocess.run(command, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)",
         str(warehouse), str(out)])
    files_seen, runs = set(), 0
    while publishes.poll() is None or runs < 2:
        page.run()
        runs += 1
        assert not page.exception, page.exception
        assert [element.value for element in page.error] == []
        assert page.get("plotly_chart"), "the exams page draws its charts"
        files_seen.add(data.published_file()[1])
    assert publishes.returncode == 0
    assert len(files_seen) >= 2, "no publish landed while the page ran"
    assert known.get(content(out)) == "new"
