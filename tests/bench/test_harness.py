"""The harness runs end to end at a tiny scale: data, build, ingest, publish, queries with both peers
agreeing, pages, sessions on a real server, and it writes its JSON, Markdown and README section.

Speed is never asserted here (benchmarks are not timed tests); what is asserted is that every part ran,
every query answered, and every peer that answered agreed.
"""
from __future__ import annotations

import json

import pytest

import queries
from benchmarks import report, run
from benchmarks.scales import Scale
from examencijfers.ui import site

TINY = Scale("tiny", 0.05, 2, "40 opleiders, 2 publications, no DUO files (test only)", duo=False)
QUICKEST = run.Settings(ingest_repeat=1, ingest_budget=0.0, publish_repeat=1, publish_budget=0.0, query_repeat=1,
                        query_budget=0.0, peer_cap=20.0, page_cold=1, page_warm=1, sessions=(1, 3))


@pytest.fixture(scope="module")
def result(tmp_path_factory):
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(run, "SESSION_VARIANTS", {})
        return run.bench_scale(TINY, QUICKEST, work=tmp_path_factory.mktemp("bench-work"), say=lambda _: None)


@pytest.mark.slow
def test_every_part_ran_without_error(result):
    assert "stopped_at" not in result
    for part in ("ingest", "publish", "queries", "pages", "sessions"):
        assert part in result and not (isinstance(result[part], dict) and "error" in result[part]), part
    assert result["build"]["rows"] > 0 and result["publish"]["published_rows"] > 0
    assert {row["dataset"] for row in result["ingest"]} >= {"cbr_examens", "cbr_opleiderresultaten"}


@pytest.mark.slow
def test_every_query_answered_and_every_peer_agreed(result):
    rows = result["queries"]["queries"]
    assert [row["query"] for row in rows] == queries.names()
    for row in rows:
        assert "error" not in row, row
        for peer in ("pandas", "sqlite"):
            assert row[peer].get("agrees") is True or "timeout_s" in row[peer], (row["query"], peer, row[peer])


@pytest.mark.slow
def test_pages_and_sessions_were_measured(result):
    assert [page["page"] for page in result["pages"]] == [page.path for page in site.PAGES]  # every page
    assert {page["page"]: page["errors"] for page in result["pages"] if page["errors"]} == {}  # none errs
    assert all("cold" in page and "warm" in page for page in result["pages"])
    assert result["sessions"]["pages"] == len(site.PAGES)  # st.navigation's pages, each visited
    levels = result["sessions"]["levels"]
    assert [level["sessions"] for level in levels] == [1, 3]
    assert all(level["renders"] >= level["sessions"] for level in levels)


@pytest.mark.slow
def test_results_and_readme_section_are_written(result, tmp_path):
    json_path, markdown_path = run.write(result, tmp_path)
    assert json.loads(json_path.read_text())["scale"] == "tiny"
    text = markdown_path.read_text()
    assert "## Targets" in text and "## Queries" in text and "## Concurrent sessions" in text
    readme = tmp_path / "README.md"
    readme.write_text(f"# x\n\n{report.START}\nOLD SECTION\n{report.END}\n\nrest\n")
    report.update_readme(tmp_path, readme)
    updated = readme.read_text()
    assert "OLD SECTION" not in updated and "| target" in updated and updated.endswith("rest\n")
    assert len(result["targets"]) == len(report.TARGETS)
