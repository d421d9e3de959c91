"""Which layout a file has, from its header alone; or one error naming the closest layout and the difference."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from examencijfers.errors import InputError
from examencijfers.ingest.layouts import LAYOUTS, Layout, normalise


@dataclass(frozen=True)
class WideColumn:
    position: int
    measure: str  # warehouse column
    kind: str
    required: bool
    schooljaar: str
    geslacht: str


@dataclass(frozen=True)
class Match:
    layout: Layout
    positions: dict[str, int]  # warehouse column -> position in the file
    wide: tuple[WideColumn, ...]
    unknown: tuple[str, ...]  # header names no column of the layout accepts
    missing: tuple[str, ...]  # columns of the layout the header lacks

    @property
    def exact(self) -> bool:
        return not self.unknown and not self.missing

    @property
    def score(self) -> int:
        return len(self.positions) + len(self.wide) - len(self.missing) - len(self.unknown)


def match(layout: Layout, header: list[str]) -> Match:
    positions: dict[str, int] = {}
    wide: list[WideColumn] = []
    seen_wide: set[str] = set()
    unknown: list[str] = []
    for position, name in enumerate(header):
        key = normalise(name)
        column = next((c for c in layout.columns if key in c.names and c.target not in positions), None)
        if column is not None:
            positions[column.target] = position
        elif layout.wide is not None and (found := layout.wide.match(key)) and key not in seen_wide:
            seen_wide.add(key)
            measure = layout.wide.measures[found["measure"]]
            wide.append(WideColumn(position, measure.target, measure.kind, measure.required,
                                   found["schooljaar"], found["geslacht"]))
        elif key not in layout.ignored_names:
            unknown.append(name.strip())
    missing = [c.headers[0] for c in layout.columns if c.target not in positions and not c.optional]
    if layout.wide is not None:
        missing += _incomplete_wide_groups(layout, seen_wide, wide)
    return Match(layout, positions, tuple(wide), tuple(unknown), tuple(missing))


def _incomplete_wide_groups(layout: Layout, seen: set[str], wide: list[WideColumn]) -> list[str]:
    """Every school year x gender of a wide file needs all its measures (a lone GESLAAGDEN column is no row)."""
    if not wide:
        return [f"columns like {layout.wide.pattern!r}"]
    groups = sorted({(column.schooljaar, column.geslacht) for column in wide})
    return [f"{measure} SCHOOLJAAR {schooljaar} - {geslacht}" for schooljaar, geslacht in groups
            for measure in layout.wide.measures if f"{measure} SCHOOLJAAR {schooljaar} - {geslacht}" not in seen]


def detect(path: Path, header: list[str]) -> Match:
    matches = [match(layout, header) for layout in LAYOUTS]
    exact = [m for m in matches if m.exact]
    if exact:
        return exact[0]
    closest = max(matches, key=lambda m: m.score)
    difference = []
    if closest.missing:
        difference.append("missing " + ", ".join(repr(name) for name in closest.missing[:4]))
    if closest.unknown:
        difference.append("unexpected " + ", ".join(repr(name) for name in closest.unknown[:4]))
    raise InputError(path, f"the header matches no known layout; closest is {closest.layout.id} "
                     f"({'; '.join(difference)})", line=1, expected=closest.layout.description,
                     found=";".join(header))
