"""The tightest interval an attacker can derive for a suppressed cell, by linear programming (HiGHS).

A publication is described as a linear system over unknowns ("atoms", the finest pieces that every
published count is a sum of; see examencijfers/publish/attack.py): each published count is an equation,
passes <= candidates and the published rates are inequalities, and every atom is >= 0. A suppressed cell
is a linear expression over the atoms; what an attacker can know of it is the interval between its
minimum and its maximum over that system.

How it is solved:
  1. presolve   an equation with a single unknown atom gives that atom away: fix it, fold it into the
                other constraints, repeat (exact, and it keeps the programs small);
  2. split      atoms that share no constraint, directly or through others, are independent: one linear
                program per connected component, holding the cells that lie in it;
  3. solve      per cell, maximise and minimise with HiGHS (highspy), from the basis of the cell before.
                Every optimal point is a point the attacker cannot exclude: where it is integral, the
                values all cells of the component take there are kept, and a cell already seen to vary
                by the protection level needs no program of its own (first two points: all cells of the
                component up, all down). A component without constraints needs no solver;
  4. integers   counts are whole numbers: bounds are rounded inwards, and where an optimal point is not
                integral that bound is solved again as a mixed-integer program ("integrality where it
                matters": where the linear optimum is integral, it is the integer optimum).
Components are solved in blocks of BLOCK_SIZE, the blocks side by side in worker processes (one per
core; the blocks, and so the results, do not depend on how many). Results are kept per component (its
constraints, bounds and cells), so that solving again after a few constraints were dropped (secondary
suppression, examencijfers/publish/complement.py) only solves the components that changed; and such a
later round, which asks about a few cells, first cuts the system down to their components (_within).
"""
from __future__ import annotations

import hashlib
import math
import multiprocessing
import os
import threading
import time
from collections.abc import Callable, Iterable
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field

import highspy
import numpy as np

INFINITY = math.inf
BIG = 1e29           # the SQL writes a missing bound as +-1e30
TOLERANCE = 1e-6
CAP = 1e7            # no count comes near: every atom is at most this, which keeps every program bounded
BLOCK = 200          # from this many components to solve, start them from two points of block programs
BLOCK_SIZE = 200     # components per block program: a simplex's work grows faster than its program's size
                     # (one block of all 40,000 components at 1x took 4 times as long as blocks of 200)
PARENT_CHECK = 0.5   # seconds between a worker's checks that its publish still runs


@dataclass
class LinearSystem:
    """Constraints lower <= sum(coefficient x atom) <= upper over atoms >= 0, and objectives.

    Terms come as parallel arrays (constraint or objective number, atom number, coefficient); atoms are
    numbered 0 .. atoms - 1. A constraint whose `active` flag is off is left out (a suppressed cell).
    """

    atoms: int
    constraint_index: np.ndarray
    constraint_atom: np.ndarray
    constraint_coefficient: np.ndarray
    lower: np.ndarray
    upper: np.ndarray
    objective_index: np.ndarray
    objective_atom: np.ndarray
    objective_coefficient: np.ndarray
    objectives: int
    active: np.ndarray | None = None
    # stable names (hashes) of the constraints and objectives: results are re-used by name, so that a
    # system built afresh (the audit after publish) finds what was solved before
    constraint_keys: np.ndarray | None = None
    objective_keys: np.ndarray | None = None

    def __post_init__(self) -> None:
        self.lower = _as_bounds(self.lower)
        self.upper = _as_bounds(self.upper)
        if self.active is None:
            self.active = np.ones(len(self.lower), dtype=bool)
        if self.constraint_keys is None:
            self.constraint_keys = np.arange(len(self.lower), dtype=np.int64)
        if self.objective_keys is None:
            self.objective_keys = np.arange(self.objectives, dtype=np.int64)


@dataclass(frozen=True)
class Interval:
    """[low, high] of a cell. exact=False: no program was solved for it, because points the solver had
    already found show it takes values at least the protection level apart (low and high are those)."""

    low: float
    high: float
    exact: bool = True

    @property
    def width(self) -> float:
        return self.high - self.low


@dataclass
class Solution:
    intervals: list[Interval | None]  # None: an objective that was not asked for
    inconsistent: list[int]          # active constraints the published figures themselves violate
    binding: dict[int, set[int]]     # objective narrower than the protection -> constraints that bound it
    pinned_by: np.ndarray            # atom -> the equation that gave it away (-1: not given away)
    programs: int = 0                # linear (and integer) programs solved


@dataclass
class _Cached:
    intervals: list[Interval]
    binding: dict[int, set[int]]
    programs: int


@dataclass
class Solver:
    """Solves systems that differ by a few constraints, re-using the results of unchanged components."""

    protection: float = 0.0
    cache: dict[bytes, _Cached] = field(default_factory=dict)
    # the last system asked about and its atoms' labels when every constraint counts (see _region)
    _labelled: tuple[LinearSystem, np.ndarray] | None = field(default=None, repr=False)

    # processes that solve blocks of components side by side (1: all in this one); see _pool
    workers: int = field(default_factory=lambda: len(os.sched_getaffinity(0)))
    _executor: ProcessPoolExecutor | None = field(default=None, repr=False)

    def solve(self, system: LinearSystem, wanted: np.ndarray | None = None) -> Solution:
        if wanted is not None:
            system = _within(system, self._region(system, wanted))
        return _solve(system, self.protection, self.cache, wanted, self._pool)

    def _pool(self, tasks: list[tuple]) -> Iterable[tuple[list[_Cached], int]]:
        """Each task's result, in task order: in worker processes when there is more than one task.
        'spawn': the caller holds DuckDB connections and their threads, which a fork would copy."""
        if self.workers < 2 or len(tasks) < 2:
            return [_solve_task(*task) for task in tasks]
        if self._executor is None:
            self._executor = ProcessPoolExecutor(self.workers, mp_context=multiprocessing.get_context("spawn"),
                                                 initializer=_outlive_no_parent, initargs=(os.getpid(),))
        return self._executor.map(_solve_task, *zip(*tasks))

    def close(self) -> None:
        if self._executor is not None:
            self._executor.shutdown()
            self._executor = None

    def __enter__(self) -> Solver:
        return self

    def __exit__(self, *_) -> None:
        self.close()

    def _region(self, system: LinearSystem, wanted: np.ndarray) -> np.ndarray:
        """A mask of the atoms connected to a wanted objective through any constraint, switched off or
        not. Switching constraints off only splits components, so these labels, computed once per
        system, hold for every later state of it; and the rounds after the first ask about a few cells."""
        if self._labelled is None or self._labelled[0] is not system:
            self._labelled = (system, components(system.atoms, (system.constraint_index, system.constraint_atom),
                                                 (system.objective_index, system.objective_atom)))
        label = self._labelled[1]
        asked = wanted[system.objective_index]
        return np.isin(label, np.unique(label[system.objective_atom[asked]]))


def solve(system: LinearSystem, protection: float = 0.0) -> Solution:
    """The interval of every objective (in objective order); see Solver for repeated solves."""
    with Solver(protection, workers=1) as solver:
        return solver.solve(system)


def _within(system: LinearSystem, region: np.ndarray) -> LinearSystem:
    """The system cut down to the terms on atoms of the region (a union of whole components), with
    the numbering of atoms, constraints and objectives kept, so that results and the cache's names
    are the same as the whole system's; constraints outside it are off."""
    in_constraints = region[system.constraint_atom]
    in_objectives = region[system.objective_atom]
    touched = np.bincount(system.constraint_index[in_constraints], minlength=len(system.lower)) > 0
    return LinearSystem(
        atoms=system.atoms,
        constraint_index=system.constraint_index[in_constraints],
        constraint_atom=system.constraint_atom[in_constraints],
        constraint_coefficient=system.constraint_coefficient[in_constraints],
        lower=system.lower, upper=system.upper,
        objective_index=system.objective_index[in_objectives],
        objective_atom=system.objective_atom[in_objectives],
        objective_coefficient=system.objective_coefficient[in_objectives],
        objectives=system.objectives,
        active=system.active & touched,
        constraint_keys=system.constraint_keys, objective_keys=system.objective_keys,
    )


def _as_bounds(values: np.ndarray) -> np.ndarray:
    values = np.asarray(values, dtype=float).copy()
    values[values <= -BIG] = -INFINITY
    values[values >= BIG] = INFINITY
    return values


def presolve(system: LinearSystem) -> tuple[np.ndarray, np.ndarray]:
    """Values of the atoms that single-unknown equations give away (NaN where not), and by which."""
    fixed = np.full(system.atoms, np.nan)
    pinned_by = np.full(system.atoms, -1, dtype=np.int64)
    keep = system.active[system.constraint_index]
    index, atom, coefficient = (array[keep] for array in (
        system.constraint_index, system.constraint_atom, system.constraint_coefficient))
    count = len(system.lower)
    equation = system.active & (system.lower == system.upper)
    while True:
        known = ~np.isnan(fixed[atom])
        open_terms = np.bincount(index[~known], minlength=count)
        folded = np.bincount(index[known], weights=coefficient[known] * fixed[atom[known]], minlength=count)
        chosen = (equation & (open_terms == 1))[index] & ~known
        if not chosen.any():
            return fixed, pinned_by
        values = (system.lower[index[chosen]] - folded[index[chosen]]) / coefficient[chosen]
        targets, first = np.unique(atom[chosen], return_index=True)   # a conflict shows as an inconsistency
        fixed[targets] = np.round(values[first], 9)
        pinned_by[targets] = index[chosen][first]


def components(atoms: int, *groups: tuple[np.ndarray, np.ndarray]) -> np.ndarray:
    """A label per atom, equal for atoms connected through the groups ((group, atom) arrays): label
    propagation with pointer jumping, in numpy."""
    label = np.arange(atoms, dtype=np.int64)
    while True:
        before = label.copy()
        for group, atom in groups:
            if len(group) == 0:
                continue
            lowest = np.full(int(group.max()) + 1, atoms, dtype=np.int64)
            np.minimum.at(lowest, group, label[atom])
            np.minimum.at(label, atom, lowest[group])
        while True:                                 # every atom to its label's label
            jumped = label[label]
            if np.array_equal(jumped, label):
                break
            label = jumped
        if np.array_equal(label, before):
            return label


def _sorted_by(first: np.ndarray, *others: np.ndarray) -> tuple[np.ndarray, ...]:
    order = np.argsort(first, kind="stable")
    return (first[order], *(other[order] for other in others))


class _Program:
    """One component's linear program in HiGHS, solved for one objective after another."""

    def __init__(self, highs: highspy.Highs, columns: int, rows: tuple[np.ndarray, np.ndarray, np.ndarray],
                 lower: np.ndarray, upper: np.ndarray, objectives: tuple[np.ndarray, np.ndarray, np.ndarray],
                 count: int) -> None:
        self.columns = columns
        self.highs = highs
        rows_start, rows_index, rows_value = rows
        lp = highspy.HighsLp()
        lp.num_col_ = columns
        lp.num_row_ = len(lower)
        lp.col_cost_ = np.zeros(columns)
        lp.col_lower_ = np.zeros(columns)
        lp.col_upper_ = np.full(columns, CAP)
        lp.row_lower_ = np.where(np.isinf(lower), -highspy.kHighsInf, lower)
        lp.row_upper_ = np.where(np.isinf(upper), highspy.kHighsInf, upper)
        lp.a_matrix_.format_ = highspy.MatrixFormat.kRowwise
        lp.a_matrix_.start_ = rows_start.astype(np.int32)
        lp.a_matrix_.index_ = rows_index.astype(np.int32)
        lp.a_matrix_.value_ = rows_value.astype(float)
        highs.passModel(lp)
        self.solved = 0
        self.cost_columns = np.zeros(0, dtype=np.int32)
        self.objective_index, self.objective_column, self.objective_value = objectives
        self.seen_low = np.full(count, INFINITY)
        self.seen_high = np.full(count, -INFINITY)

    def spread(self) -> None:
        """Two points to start from: all objectives of the component as high, and as low, as they go."""
        columns, position = np.unique(self.objective_column, return_inverse=True)
        self.aim(columns, np.bincount(position, weights=self.objective_value))
        self.bound(maximise=True)
        self.bound(maximise=False)

    def aim(self, columns: np.ndarray, coefficients: np.ndarray) -> None:
        """The objective from now on: sum(coefficient x column)."""
        highs = self.highs
        if len(self.cost_columns):
            highs.changeColsCost(len(self.cost_columns), self.cost_columns, np.zeros(len(self.cost_columns)))
        self.cost_columns = columns.astype(np.int32)
        highs.changeColsCost(len(columns), self.cost_columns, coefficients.astype(float))

    def bound(self, maximise: bool) -> tuple[float, np.ndarray]:
        """max or min of the objective (NaN when infeasible), and the rows that bound it."""
        highs = self.highs
        highs.changeObjectiveSense(highspy.ObjSense.kMaximize if maximise else highspy.ObjSense.kMinimize)
        value = self._run()
        if math.isnan(value):
            return value, np.zeros(0, dtype=np.int64)
        solution = highs.getSolution()
        binding = np.flatnonzero(np.abs(np.asarray(solution.row_dual)) > TOLERANCE)
        point = np.asarray(solution.col_value)
        if np.all(np.abs(point - np.round(point)) <= TOLERANCE):
            self._see(point)
        else:
            value = self._integer_bound()
        return value, binding

    def _see(self, point: np.ndarray) -> None:
        values = np.bincount(self.objective_index, weights=self.objective_value * point[self.objective_column],
                             minlength=len(self.seen_low))
        np.minimum(self.seen_low, values, out=self.seen_low)
        np.maximum(self.seen_high, values, out=self.seen_high)

    def _run(self) -> float:
        self.highs.run()
        self.solved += 1
        if self.highs.getModelStatus() == highspy.HighsModelStatus.kOptimal:
            return self.highs.getObjectiveValue()
        return math.nan

    def _integer_bound(self) -> float:
        highs = self.highs
        everything = np.arange(self.columns, dtype=np.int32)
        highs.changeColsIntegrality(self.columns, everything, np.full(self.columns, highspy.HighsVarType.kInteger))
        try:
            value = self._run()
            if not math.isnan(value):
                self._see(np.round(np.asarray(highs.getSolution().col_value)))
            return value
        finally:
            highs.changeColsIntegrality(self.columns, everything,
                                        np.full(self.columns, highspy.HighsVarType.kContinuous))


def _inward(value: float, up: bool) -> float:
    """A bound on a whole number, rounded inwards (NaN, an infeasible program, stays NaN)."""
    if not math.isfinite(value):
        return value
    return math.ceil(value - TOLERANCE) if up else math.floor(value + TOLERANCE)


def _solve(system: LinearSystem, protection: float, cache: dict[bytes, _Cached],
           wanted: np.ndarray | None, run: Callable[[list[tuple]], Iterable[tuple[list[_Cached], int]]]) -> Solution:
    """See the module docstring; `wanted` (a mask over the objectives) limits the work to the components
    that hold a wanted objective."""
    fixed, pinned_by = presolve(system)
    keep = system.active[system.constraint_index]
    index, atom, value = (array[keep] for array in (
        system.constraint_index, system.constraint_atom, system.constraint_coefficient))

    # fold the atoms the presolve fixed into the bounds and the objectives' constants
    known = ~np.isnan(fixed[atom])
    constraints = len(system.lower)
    folded = np.bincount(index[known], weights=value[known] * fixed[atom[known]], minlength=constraints)
    lower, upper = system.lower - folded, system.upper - folded
    c_index, c_atom, c_value = _sorted_by(index[~known], atom[~known], value[~known])
    o_known = ~np.isnan(fixed[system.objective_atom])
    constant = np.bincount(system.objective_index[o_known], minlength=system.objectives,
                           weights=system.objective_coefficient[o_known] * fixed[system.objective_atom[o_known]])
    o_index, o_atom, o_value = _sorted_by(*(array[~o_known] for array in (
        system.objective_index, system.objective_atom, system.objective_coefficient)))

    # active constraints without unknowns left only have to hold
    open_terms = np.bincount(c_index, minlength=constraints)
    inconsistent = np.flatnonzero(system.active & (open_terms == 0)
                                  & ((lower > TOLERANCE) | (upper < -TOLERANCE))).tolist()

    label = components(system.atoms, (c_index, c_atom), (o_index, o_atom))

    intervals: list[Interval | None] = [None] * system.objectives
    binding: dict[int, set[int]] = {}
    starts = np.searchsorted(o_index, np.arange(system.objectives + 1))
    has_atoms = starts[1:] > starts[:-1]
    wanted = np.ones(system.objectives, dtype=bool) if wanted is None else wanted
    for number in np.flatnonzero(~has_atoms & wanted).tolist():    # every atom known: given away exactly
        intervals[number] = Interval(float(constant[number]), float(constant[number]))
        binding[number] = set()

    numbered = np.flatnonzero(has_atoms)
    their_component = label[o_atom[starts[:-1][numbered]]]
    asked = np.isin(their_component, their_component[wanted[numbered]])   # all objectives of wanted components
    layout = _Layout.of(label, (c_index, c_atom, c_value), their_component[asked], numbered[asked],
                        (starts, o_atom, o_value))
    keys = layout.signatures(system, lower, upper, protection)
    pending = [position for position, key in enumerate(keys) if key not in cache]
    programs = 0
    # one task per block of components: the same blocks, and so the same results, in one process or many
    seeded = bool(protection) and len(pending) >= BLOCK
    blocks = [layout.block(pending[first:first + BLOCK_SIZE], keys) for first in range(0, len(pending), BLOCK_SIZE)]
    tasks = [(block, *_bounds_of(block, lower, upper), protection, seeded) for block in blocks]
    for block, (results, block_programs) in zip(blocks, run(tasks)):
        programs += block_programs
        for key, result in zip(block.keys, results, strict=True):
            cache[key] = result
            programs += result.programs
    runs = layout.objective_runs
    for position, key in enumerate(keys):
        result = cache[key]
        for place, number in enumerate(layout.numbers[runs[position]:runs[position + 1]].tolist()):
            interval = result.intervals[place]
            intervals[number] = Interval(constant[number] + interval.low, constant[number] + interval.high,
                                         interval.exact)
            if place in result.binding:
                binding[number] = result.binding[place]
    return Solution(intervals, inconsistent, binding, pinned_by, programs)


def _runs(first: np.ndarray, end: np.ndarray) -> np.ndarray:
    """The positions first[0] .. end[0] - 1, first[1] .. end[1] - 1, ... as one array."""
    lengths = end - first
    return np.repeat(first - np.cumsum(lengths) + lengths, lengths) + np.arange(lengths.sum())


@dataclass
class _Layout:
    """The components a solve asks about, in label order, each a run of constraint terms and a run of
    objectives, so that what belongs to one component is a slice of each array."""

    rows: np.ndarray                   # constraint terms, by component, within one by constraint
    atoms: np.ndarray
    values: np.ndarray
    term_runs: tuple[np.ndarray, np.ndarray]   # per component: first and end of its terms
    starts_row: np.ndarray             # per term: is it the first of its constraint in its component
    numbers: np.ndarray                # the objectives, by component
    objective_runs: np.ndarray         # per component: the start of its objectives in numbers; then the end
    objective_terms: tuple[np.ndarray, np.ndarray, np.ndarray]   # where each objective's terms start, atoms, values

    @classmethod
    def of(cls, label: np.ndarray, terms: tuple[np.ndarray, ...], component_of: np.ndarray, numbers: np.ndarray,
           objective_terms: tuple[np.ndarray, np.ndarray, np.ndarray]) -> _Layout:
        """From the atoms' labels, the constraint terms (sorted by constraint), the asked objectives (in
        order) with their components, and all objectives' terms (sorted by objective)."""
        numbers, component_of = _sorted_by(component_of, numbers)[::-1]
        order, objective_first = np.unique(component_of, return_index=True)
        term_label, rows, atoms, values = _sorted_by(label[terms[1]], *terms)
        starts_row = np.r_[True, (term_label[1:] != term_label[:-1]) | (rows[1:] != rows[:-1])][:len(rows)]
        return cls(rows, atoms, values,
                   (np.searchsorted(term_label, order), np.searchsorted(term_label, order, side="right")),
                   starts_row, numbers, np.r_[objective_first, len(numbers)], objective_terms)

    def signatures(self, system: LinearSystem, lower: np.ndarray, upper: np.ndarray,
                   protection: float) -> list[bytes]:
        """A name per component for everything its result depends on: its constraints (by their stable
        keys) with their bounds and terms, its objectives (by their keys) with their terms, and the
        protection. Each is laid out as one record array, of which a component is one slice."""
        rows, numbers, runs = self.rows, self.numbers, self.objective_runs
        starts, o_atom, o_value = self.objective_terms
        rows_before = np.r_[0, np.cumsum(self.starts_row)]
        unique_rows = rows[self.starts_row]
        lengths = starts[numbers + 1] - starts[numbers]
        where = _runs(starts[numbers], starts[numbers + 1])
        objective_terms_before = np.r_[0, np.cumsum(lengths)]
        parts = ((_records(system.constraint_keys[unique_rows], lower[unique_rows], upper[unique_rows]),
                  rows_before[self.term_runs[0]], rows_before[self.term_runs[1]]),
                 (_records(system.constraint_keys[rows], self.atoms, self.values), *self.term_runs),
                 (_records(system.objective_keys[numbers], lengths), runs[:-1], runs[1:]),
                 (_records(o_atom[where], o_value[where]),
                  objective_terms_before[runs[:-1]], objective_terms_before[runs[1:]]))
        # the parts' sizes, which tell where one part ends and the next begins, and the protection
        sizes = np.stack([end - first for _, first, end in parts] + [np.full(len(runs) - 1, protection)],
                         axis=1).astype(float)
        spans = [(records, first.tolist(), end.tolist()) for records, first, end in parts]
        keys = []
        for position, size in enumerate(sizes):
            digest = hashlib.blake2b(size.tobytes(), digest_size=16)
            for records, first, end in spans:
                digest.update(records[first[position]:end[position]].tobytes())
            keys.append(digest.digest())
        return keys

    def block(self, chosen: list[int], keys: list[bytes]) -> _Block:
        """The chosen components (positions in keys) as one block."""
        starts, o_atom, o_value = self.objective_terms
        chosen = np.asarray(chosen, dtype=np.int64)
        first, end = self.term_runs[0][chosen], self.term_runs[1][chosen]
        where = _runs(first, end)
        objectives = self.numbers[_runs(self.objective_runs[chosen], self.objective_runs[chosen + 1])]
        objective_where = _runs(starts[objectives], starts[objectives + 1])
        return _Block([keys[position] for position in chosen.tolist()],
                      self.rows[where], self.atoms[where], self.values[where], np.cumsum(end - first),
                      o_atom[objective_where], o_value[objective_where],
                      np.cumsum(starts[objectives + 1] - starts[objectives]),
                      self.objective_runs[chosen + 1] - self.objective_runs[chosen])


def _records(*columns: np.ndarray) -> np.ndarray:
    """Columns side by side as one record array: a run of rows is then one run of bytes."""
    records = np.empty(len(columns[0]), dtype=[(f"f{number}", column.dtype) for number, column in enumerate(columns)])
    for number, column in enumerate(columns):
        records[f"f{number}"] = column
    return records


@dataclass
class _Component:
    key: bytes
    rows: np.ndarray               # constraint numbers, sorted, one per term
    atoms: np.ndarray
    values: np.ndarray
    objective_atoms: list[np.ndarray]
    objective_values: list[np.ndarray]


@dataclass
class _Block:
    """Components as a few long arrays: a worker process receives them many times faster than the
    components' own small arrays (one array is pickled and unpickled about as fast as a small one)."""

    keys: list[bytes]
    rows: np.ndarray
    atoms: np.ndarray
    values: np.ndarray
    term_ends: np.ndarray              # per component: the end of its terms
    objective_atoms: np.ndarray
    objective_values: np.ndarray
    objective_ends: np.ndarray         # per objective: the end of its terms
    objective_counts: np.ndarray       # per component: how many objectives

    def parts(self) -> list[_Component]:
        """Each component, its arrays views of the block's."""
        term_starts = np.r_[0, self.term_ends[:-1]].tolist()
        objective_ends = self.objective_ends.tolist()
        objective_starts = [0, *objective_ends[:-1]]
        parts, first = [], 0
        for key, start, end, count in zip(self.keys, term_starts, self.term_ends.tolist(),
                                          self.objective_counts.tolist()):
            spans = [slice(a, b) for a, b in zip(objective_starts[first:first + count],
                                                 objective_ends[first:first + count])]
            parts.append(_Component(key, self.rows[start:end], self.atoms[start:end], self.values[start:end],
                                    [self.objective_atoms[span] for span in spans],
                                    [self.objective_values[span] for span in spans]))
            first += count
        return parts


def _bounds_of(block: _Block, lower: np.ndarray, upper: np.ndarray) -> tuple[np.ndarray, ...]:
    """The constraints the block uses and their bounds: all a task needs of the system's bounds."""
    rows = np.unique(block.rows)
    return rows, lower[rows], upper[rows]


def _outlive_no_parent(parent: int) -> None:
    """In a worker: exit when the publish that started it is gone (killed, it cannot shut its pool down;
    a worker waiting for its next task would wait forever)."""
    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(PARENT_CHECK)
        os._exit(1)

    threading.Thread(target=watch, daemon=True, name="parent-watch").start()


def _solve_task(block: _Block, rows: np.ndarray, lower: np.ndarray, upper: np.ndarray,
                protection: float, seeded: bool) -> tuple[list[_Cached], int]:
    """One block of components (in a worker process or not): each component's result, and the number
    of block programs solved for their starting points."""
    parts = block.parts()
    size = int(rows[-1]) + 1 if len(rows) else 0
    all_lower, all_upper = np.zeros(size), np.zeros(size)
    all_lower[rows], all_upper[rows] = lower, upper
    seeds = _block_points(parts, all_lower, all_upper) if seeded else {}
    highs = highspy.Highs()
    highs.setOptionValue("output_flag", False)
    highs.setOptionValue("presolve", "off")       # small programs, solved again and again from a basis
    results = [_solve_component(highs, part, all_lower, all_upper, protection, seeds.get(part.key))
               for part in parts]
    return results, 2 if seeded and any(len(part.rows) for part in parts) else 0


def _block_points(parts: list[_Component], lower: np.ndarray,
                  upper: np.ndarray) -> dict[bytes, tuple[np.ndarray, np.ndarray]]:
    """Two points for many components at once: one block program over all of them, every objective as
    high, then as low, as it goes (components are independent, so that is each component's own spread,
    at the cost of two programs instead of two per component). Per component that is integral on its
    atoms at one point at least: the lowest and the highest value each objective takes at such points
    (worked out for the whole block at once: per component, it was most of a block's time)."""
    with_rows = [part for part in parts if len(part.rows)]
    if not with_rows:
        return {}
    rows = np.concatenate([part.rows for part in with_rows])
    atoms = np.concatenate([part.atoms for part in with_rows])
    values = np.concatenate([part.values for part in with_rows])
    objective_atoms = np.concatenate([a for part in with_rows for a in part.objective_atoms])
    objective_values = np.concatenate([v for part in with_rows for v in part.objective_values])
    columns = np.unique(np.concatenate([atoms, objective_atoms]))
    # which component each term and objective belongs to, and which objective each objective term
    objective_counts = [len(part.objective_atoms) for part in with_rows]
    objective_part = np.repeat(np.arange(len(with_rows)), objective_counts)
    term_objective = np.repeat(np.arange(len(objective_part)),
                               [len(a) for part in with_rows for a in part.objective_atoms])
    term_parts = np.concatenate([np.repeat(np.arange(len(with_rows)), [len(part.atoms) for part in with_rows]),
                                 objective_part[term_objective]])
    term_columns = np.searchsorted(columns, np.concatenate([atoms, objective_atoms]))
    objective_columns = term_columns[len(atoms):]

    rows, atoms, values = _sorted_by(rows, atoms, values)
    row_ids, row_starts = np.unique(rows, return_index=True)
    highs = highspy.Highs()
    highs.setOptionValue("output_flag", False)
    _Program(highs, len(columns), (np.r_[row_starts, len(rows)], np.searchsorted(columns, atoms), values),
             lower[row_ids], upper[row_ids], (np.zeros(0, dtype=np.int64),) * 3, 0)   # hands highs the block
    cost_columns, position = np.unique(objective_columns, return_inverse=True)
    costs = np.bincount(position, weights=objective_values)
    low = np.full(len(objective_part), INFINITY)
    high = np.full(len(objective_part), -INFINITY)
    seen = np.zeros(len(with_rows), dtype=bool)
    for maximise in (True, False):
        highs.changeColsCost(len(cost_columns), cost_columns.astype(np.int32), costs)
        highs.changeObjectiveSense(highspy.ObjSense.kMaximize if maximise else highspy.ObjSense.kMinimize)
        highs.run()
        if highs.getModelStatus() != highspy.HighsModelStatus.kOptimal:
            continue
        point = np.asarray(highs.getSolution().col_value)
        off = np.abs(point - np.round(point)) > TOLERANCE
        integral = np.bincount(term_parts, weights=off[term_columns], minlength=len(with_rows)) == 0
        at_point = np.bincount(term_objective, weights=objective_values * point[objective_columns],
                               minlength=len(objective_part))
        taken = integral[objective_part]
        low[taken] = np.minimum(low[taken], at_point[taken])
        high[taken] = np.maximum(high[taken], at_point[taken])
        seen |= integral
    ends = np.cumsum(objective_counts).tolist()
    return {part.key: (low[end - count:end], high[end - count:end])
            for part, count, end, any_point in zip(with_rows, objective_counts, ends, seen.tolist()) if any_point}


def _solve_component(highs: highspy.Highs, part: _Component, lower: np.ndarray, upper: np.ndarray,
                     protection: float, seeds: tuple[np.ndarray, np.ndarray] | None) -> _Cached:
    """Intervals (without the constants) of the objectives of one component; `seeds` are the lowest and
    highest value of each of its objectives at points found before (_block_points), None without any."""
    objective_atoms, objective_values = part.objective_atoms, part.objective_values
    if len(part.rows) == 0:                    # atoms bound below by 0 only
        found = []
        for coefficients in objective_values:
            low = 0.0 if (coefficients >= 0).all() else -INFINITY
            high = INFINITY if (coefficients > 0).any() else 0.0
            found.append(Interval(low, high))
        return _Cached(found, {}, 0)
    if protection and seeds is not None:
        low, high = seeds
        if np.all(high - low >= protection):     # the block points already show every objective wide
            return _Cached([Interval(a, b, exact=False) for a, b in zip(low.tolist(), high.tolist())], {}, 0)
    row_ids, row_starts = np.unique(part.rows, return_index=True)
    columns = np.unique(np.concatenate([part.atoms, *objective_atoms]))
    program = _Program(highs, len(columns),
                       (np.r_[row_starts, len(part.rows)], np.searchsorted(columns, part.atoms), part.values),
                       lower[row_ids], upper[row_ids],
                       (np.repeat(np.arange(len(objective_atoms)), [len(a) for a in objective_atoms]),
                        np.searchsorted(columns, np.concatenate(objective_atoms)), np.concatenate(objective_values)),
                       len(objective_atoms))
    if seeds is not None:
        np.minimum(program.seen_low, seeds[0], out=program.seen_low)
        np.maximum(program.seen_high, seeds[1], out=program.seen_high)
    if protection and len(objective_atoms) > 1 and seeds is None:
        program.spread()
    found, binding = [], {}
    for position, (objective_atom, coefficients) in enumerate(zip(objective_atoms, objective_values)):
        seen = lambda: program.seen_high[position] - program.seen_low[position] >= protection  # noqa: E731
        if protection and seen():
            found.append(Interval(program.seen_low[position], program.seen_high[position], exact=False))
            continue
        program.aim(np.searchsorted(columns, objective_atom), coefficients)
        high, high_rows = program.bound(maximise=True)
        if protection and seen():
            found.append(Interval(program.seen_low[position], program.seen_high[position], exact=False))
            continue
        low, low_rows = program.bound(maximise=False)
        interval = Interval(_inward(low, up=True), _inward(high, up=False))
        found.append(interval)
        if not interval.width >= protection:
            binding[position] = set(row_ids[np.concatenate([high_rows, low_rows])].tolist())
    return _Cached(found, binding, program.solved)
