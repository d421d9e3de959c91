"""The data sets the benchmarks run on, as a table: a new scale is a row.

1x is the bundled data (data/raw). The larger scales are made by the demo-data generator in CBR's real
layouts: 10x is two years of quarterly publications at real size (~77,000 opleider rows each, ten
times the bundled opleiders and weekly volumes); 100x is the issue's "ten years of quarterly
publications at real size": forty publications of the 10x size. DUO's files are real, so every scale
carries the bundled DUO years unchanged (there is no generator for them).
"""
from __future__ import annotations

import json
import shutil
from dataclasses import dataclass
from pathlib import Path

from examencijfers import paths
from examencijfers.ingest.build import left_out

SEED = 2026
WORK = paths.ROOT / "benchmarks" / "work"


@dataclass(frozen=True)
class Scale:
    name: str
    demo_scale: float | None  # None: the bundled files in data/raw
    publications: int
    description: str
    duo: bool = True  # copy the bundled DUO files in (the tests' tiny scale leaves them out)


SCALES: dict[str, Scale] = {scale.name: scale for scale in (
    Scale("1x", None, 8, "the bundled data: 8 synthetic quarterly CBR publications, the real DUO files"),
    Scale("10x", 10, 8, "8 quarterly CBR publications at real size (demo scale 10), the real DUO files"),
    Scale("100x", 10, 40, "10 years = 40 quarterly CBR publications at real size (demo scale 10), "
                          "the real DUO files"),
)}


def raw_folder(scale: Scale, work: Path = WORK) -> Path:
    """The folder of published files for `scale`, generated once and reused while its manifest matches."""
    if scale.demo_scale is None:
        return paths.RAW
    raw = work / scale.name / "raw"
    cbr = raw / "cbr"
    wanted = {"seed": SEED, "scale": scale.demo_scale, "publications": scale.publications}
    manifest = cbr / "MANIFEST.json"
    if not (manifest.is_file() and _same(json.loads(manifest.read_text(encoding="utf-8")), wanted)):
        from examencijfers.demo.generate import generate

        shutil.rmtree(cbr, ignore_errors=True)
        generate(cbr, SEED, scale.demo_scale, publications=scale.publications)
    duo = raw / "duo"
    shutil.rmtree(duo, ignore_errors=True)
    if scale.duo:
        duo.mkdir(parents=True)
        for source in sorted((paths.RAW / "duo").glob("*.csv")):
            if not left_out(source):
                shutil.copy2(source, duo / source.name)
    return raw


def _same(manifest: dict, wanted: dict) -> bool:
    return (manifest.get("seed") == wanted["seed"] and manifest.get("scale") == wanted["scale"]
            and manifest.get("publications", 8) == wanted["publications"])


def scale_folder(scale: Scale, work: Path = WORK) -> Path:
    folder = work / scale.name
    folder.mkdir(parents=True, exist_ok=True)
    return folder
