"""What an attacker holding the published database can derive about its suppressed VO counts.

The SQL in sql/audit/ reads only published tables (vo_pass_rates, vo_results_by_afdeling and the public
reference vo_ilt_codes) and writes, as temp tables:
  vo_atoms        the finest pieces every published count is a sum of (a gender of a finest row, the hidden
                  REST, a DUO afdeling row's passes and fails);
  vo_cells        every count cell, its value or marker, and whether it is sensitive (a small cell);
  vo_terms        which atoms make up which cell;
  vo_constraints  published counts (equations), passes <= candidates, published rates;
  vo_objectives   the sensitive cells, as sums of atoms.
AttackModel turns these into a LinearSystem (examencijfers/publish/intervals.py) and names the findings.
The audit runs it on a finished publication; the publish step runs it on its own draft to choose the
complementary cells (examencijfers/publish/complement.py).
"""
from __future__ import annotations

import math
from dataclasses import dataclass
from functools import cached_property

import duckdb
import numpy as np

from examencijfers import paths
from examencijfers.publish import intervals

AUDIT_SQL = paths.SQL / "audit"
PIN_FOLLOWING = 12      # candidates: the pins of a binding constraint's atoms are followed up to this size
STEPS = ("vo_atoms", "vo_cells", "vo_terms", "vo_constraints", "vo_objectives")
# one row per constraint, in constraint order (each of its terms repeats these, so any_value is exact)
PER_CONSTRAINT = "select {} from audit_vo_constraints group by constraint_id order by constraint_id"


@dataclass(frozen=True)
class Leak:
    cell_key: str               # table:row key:column
    reason: str                 # its suppression marker
    interval: intervals.Interval

    def __str__(self) -> str:
        low, high = (f"{value:g}" if math.isfinite(value) else "?" for value in (self.interval.low,
                                                                                   self.interval.high))
        return f"{self.cell_key} ({self.reason}) lies in [{low}, {high}]"


def run_steps(connection: duckdb.DuckDBPyConnection) -> None:
    for step in STEPS:
        sql = (AUDIT_SQL / f"{step}.sql").read_text(encoding="utf-8")
        connection.execute(f"create or replace temp table audit_{step} as {sql}")


class AttackModel:
    """The attacker's linear system of one publication, and which cells relax which constraints."""

    def __init__(self, connection: duckdb.DuckDBPyConnection) -> None:
        run_steps(connection)
        # The terms and the per-constraint attributes are fetched apart: audit_vo_constraints repeats a
        # constraint's name and cells on each of its terms (1.9 million rows at 1x), and fetching those
        # strings and lists was most of building the model. A constraint is named by the hash of its text
        # (hashed in SQL, so the draft's model and the audit's name the same constraint alike); the texts
        # and the relaxing cells are fetched only by what asks for them.
        terms = connection.execute(
            "select constraint_id, atom_id, coefficient from audit_vo_constraints"
            " where atom_id is not null order by constraint_id, atom_id").fetchnumpy()
        bounds = connection.execute(PER_CONSTRAINT.format(
            "hash(any_value(what)) as key, any_value(lower) as lower, any_value(upper) as upper")).fetchnumpy()
        objectives = connection.execute(
            "select dense_rank() over (order by cell_id) - 1 as objective, cell_key, reason, atom_id, coefficient"
            " from audit_vo_objectives order by cell_id, atom_id").fetchnumpy()
        self.atoms = int(connection.execute("select count(*) from audit_vo_atoms").fetchone()[0])
        self._connection = connection

        o_index = np.asarray(objectives["objective"], dtype=np.int64)
        o_first = np.unique(o_index, return_index=True)[1]
        self.objective_keys: list[str] = np.asarray(objectives["cell_key"])[o_first].tolist()
        self.objective_reasons: list[str] = np.asarray(objectives["reason"])[o_first].tolist()
        o_atom = _present(objectives["atom_id"])
        constraints = len(bounds["key"])
        self.system = intervals.LinearSystem(
            atoms=self.atoms,
            constraint_index=np.asarray(terms["constraint_id"], dtype=np.int64),
            constraint_atom=np.asarray(terms["atom_id"], dtype=np.int64),
            constraint_coefficient=np.asarray(terms["coefficient"], dtype=float),
            lower=np.asarray(bounds["lower"], dtype=float),
            upper=np.asarray(bounds["upper"], dtype=float),
            objective_index=o_index[o_atom],
            objective_atom=np.asarray(objectives["atom_id"])[o_atom].astype(np.int64),
            objective_coefficient=np.asarray(objectives["coefficient"], dtype=float)[o_atom],
            objectives=len(o_first),
            constraint_keys=np.asarray(bounds["key"], dtype=np.uint64).view(np.int64),
            objective_keys=np.array([hash(key) for key in self.objective_keys], dtype=np.int64),
        )
        self.suppressed: set[str] = set()
        # terms come sorted by constraint: each constraint's atoms are one slice of system.constraint_atom
        self._constraint_starts = np.searchsorted(self.system.constraint_index, np.arange(constraints + 1))

    # What only the choice of complementary cells, or a finding, needs: fetched on first use.
    @cached_property
    def names(self) -> list[str]:
        """Constraint -> its text (what it says, e.g. 'count <cell>')."""
        return [name for (name,) in self._connection.execute(PER_CONSTRAINT.format("any_value(what)")).fetchall()]

    @cached_property
    def values(self) -> dict[str, float]:
        """Published cell -> its value."""
        return dict(self._connection.execute(
            "select cell_key, value from audit_vo_cells where value is not null").fetchall())

    @cached_property
    def _relaxing(self) -> tuple[np.ndarray, np.ndarray]:
        """Which published cells take which constraint away when suppressed: the cells, in constraint
        order, and where each constraint's cells start. Fetched as flat pairs: a list per constraint, turned
        into Python lists, took five times as long."""
        pairs = self._connection.execute(
            "select distinct constraint_id, unnest(relaxed_by) as cell from audit_vo_constraints"
            " order by constraint_id, cell").fetchnumpy()
        numbers = np.asarray(pairs["constraint_id"], dtype=np.int64)
        return np.asarray(pairs["cell"], dtype=object), np.searchsorted(numbers, np.arange(len(self.system.lower) + 1))

    def relaxed_by(self, number: int) -> list[str]:
        """The published cells whose suppression takes constraint `number` away."""
        cells, starts = self._relaxing
        return cells[starts[number]:starts[number + 1]].tolist()

    @cached_property
    def constraints_of(self) -> dict[str, list[int]]:
        cells, starts = self._relaxing
        numbers = np.repeat(np.arange(len(starts) - 1), np.diff(starts))
        found: dict[str, list[int]] = {}
        for number, cell in zip(numbers.tolist(), cells.tolist()):
            found.setdefault(cell, []).append(number)
        return found

    def suppress(self, cell_keys: set[str]) -> None:
        """Take cells out of the publication: the constraints they support go."""
        for cell in cell_keys - self.suppressed:
            for number in self.constraints_of.get(cell, []):
                self.system.active[number] = False
        self.suppressed |= cell_keys

    def leaks(self, solution: intervals.Solution, protection: float) -> list[tuple[int, Leak]]:
        """(objective, Leak) for every sensitive cell whose interval is narrower than the protection level."""
        found = []                      # a NaN width (the figures contradict each other) counts as a leak
        for number, interval in enumerate(solution.intervals):
            if interval is not None and not interval.width >= protection:
                found.append((number, Leak(self.objective_keys[number], self.objective_reasons[number],
                                           interval)))
        return found

    def inconsistencies(self, solution: intervals.Solution) -> list[str]:
        return [self.names[number] for number in solution.inconsistent]

    def candidates(self, solution: intervals.Solution, objective: int) -> set[str]:
        """Published cells whose suppression relaxes what bounds the objective: the constraints binding at
        its minimum and maximum, and the equations that gave away the atoms folded into the objective or
        into a small binding constraint (a big one, such as a national total, is relaxed by itself)."""
        rows = set(solution.binding.get(objective, set()))
        starts = np.searchsorted(self.system.objective_index, [objective, objective + 1])
        atoms = self.system.objective_atom[starts[0]:starts[1]].tolist()
        for number in list(rows):
            span = slice(self._constraint_starts[number], self._constraint_starts[number + 1])
            if span.stop - span.start <= PIN_FOLLOWING:
                atoms += self.system.constraint_atom[span].tolist()
        rows |= {int(solution.pinned_by[atom]) for atom in atoms if solution.pinned_by[atom] >= 0}
        return {cell for number in rows for cell in self.relaxed_by(number)} - self.suppressed


def _present(column) -> np.ndarray:
    """Rows where a nullable fetchnumpy column has a value."""
    if np.ma.isMaskedArray(column):
        return ~np.ma.getmaskarray(column)
    values = np.asarray(column, dtype=float)
    return ~np.isnan(values)
