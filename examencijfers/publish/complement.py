"""Complementary (secondary) suppression chosen with the solver: until no small cell can be narrowed.

The SQL rounds (vo_secondary_round.sql) leave no margin group with a single suppressed cell, but an
attacker has more than subtraction: passes <= candidates, a 100% total over its parts, the published
rates, the deliveries' afdeling rows as sums of their opleidingen. So, once per publication, over all
published VO tables at once:

  1. describe the draft publication as the attacker's linear system (publish/attack.py) and solve, per
     sensitive cell, the interval it lies in (publish/intervals.py, HiGHS);
  2. for every cell narrower than the protection level, the candidates are the published cells whose
     suppression relaxes a constraint that bounds it (the constraints binding at its minimum and
     maximum, found from the program's duals, followed back through the atoms they pinned);
  3. choose among them the cells that cost least information: a weighted set cover (each candidate
     costing its value + 1 and covering the leaking cells it is a candidate of), solved as a
     mixed-integer program by HiGHS;
  4. suppress those, and solve again (only the components that changed), until no cell leaks.

Suppressing only ever widens intervals, so the pattern found is kept when the SQL rounds add more.
"""
from __future__ import annotations

import heapq

import duckdb
import highspy
import numpy as np

from examencijfers.errors import ExamencijfersError
from examencijfers.publish.attack import AttackModel
from examencijfers.publish.intervals import Solver

MAX_ROUNDS = 100
TIME_LIMIT = 20.0           # seconds for one round's set cover


class ProtectionError(ExamencijfersError):
    """A small cell cannot be protected by suppressing more cells (or the figures contradict each other)."""


def cheapest_cover(candidates: dict[int, set[str]], values: dict[str, float]) -> set[str]:
    """The cells that together hold a candidate of every leaking cell at the least cost, each costing its
    value + 1 (a set-cover problem, solved as a mixed-integer program by HiGHS). Should HiGHS not reach
    the optimum within TIME_LIMIT, the better of its best cover and a greedy cover is taken."""
    cells = sorted({cell for options in candidates.values() for cell in options})
    number = {cell: position for position, cell in enumerate(cells)}
    costs = np.array([values.get(cell, 0) + 1 for cell in cells], dtype=float)
    leaks = sorted(candidates)
    starts = np.cumsum([0] + [len(candidates[leak]) for leak in leaks])
    index = np.array([number[cell] for leak in leaks for cell in sorted(candidates[leak])], dtype=np.int32)
    highs = highspy.Highs()
    highs.setOptionValue("output_flag", False)
    highs.setOptionValue("time_limit", TIME_LIMIT)
    lp = highspy.HighsLp()
    lp.num_col_, lp.num_row_ = len(cells), len(leaks)
    lp.col_cost_, lp.col_lower_, lp.col_upper_ = costs, np.zeros(len(cells)), np.ones(len(cells))
    lp.row_lower_, lp.row_upper_ = np.ones(len(leaks)), np.full(len(leaks), highspy.kHighsInf)
    lp.a_matrix_.format_ = highspy.MatrixFormat.kRowwise
    lp.a_matrix_.start_, lp.a_matrix_.index_ = starts.astype(np.int32), index
    lp.a_matrix_.value_ = np.ones(len(index))
    lp.integrality_ = [highspy.HighsVarType.kInteger] * len(cells)
    highs.passModel(lp)
    highs.run()
    greedy = greedy_cover(candidates, values)
    if highs.getInfo().primal_solution_status != highspy.SolutionStatus.kSolutionStatusFeasible:
        return greedy
    chosen = {cells[position] for position, x in enumerate(highs.getSolution().col_value) if x > 0.5}
    cost = lambda cover: sum(values.get(cell, 0) + 1 for cell in cover)  # noqa: E731
    return chosen if cost(chosen) <= cost(greedy) else greedy


def greedy_cover(candidates: dict[int, set[str]], values: dict[str, float]) -> set[str]:
    """A cover by the greedy rule: the lowest (value + 1) per leaking cell covered first, ties by cell key
    (a heap with lazy updates keeps it fast)."""
    covers: dict[str, set[int]] = {}
    for leak, cells in candidates.items():
        for cell in cells:
            covers.setdefault(cell, set()).add(leak)
    uncovered = set(candidates)
    heap = [((values.get(cell, 0) + 1) / len(leaks), cell) for cell, leaks in covers.items()]
    heapq.heapify(heap)
    chosen: set[str] = set()
    while uncovered and heap:
        ratio, cell = heapq.heappop(heap)
        covering = len(covers[cell] & uncovered)
        if covering == 0:
            continue
        current = (values.get(cell, 0) + 1) / covering
        if current > ratio:                  # covers less than when it was pushed: back in line
            heapq.heappush(heap, (current, cell))
            continue
        chosen.add(cell)
        uncovered -= covers[cell]
    return chosen


def complementary_cells(connection: duckdb.DuckDBPyConnection, protection: float,
                        solver: Solver | None = None) -> set[str]:
    """The cell keys (table:row:column) to suppress besides the draft's own pattern."""
    if solver is None:
        with Solver(protection) as own:
            return complementary_cells(connection, protection, own)
    model = AttackModel(connection)
    chosen: set[str] = set()
    wanted = None                       # all at first; later only the cells that leaked: suppressing
    for _ in range(MAX_ROUNDS):         # more never narrows an interval
        solution = solver.solve(model.system, wanted)
        if inconsistent := model.inconsistencies(solution):
            raise ProtectionError(f"the VO figures contradict each other ({len(inconsistent)} constraints,"
                                  f" first: {inconsistent[0]})")
        leaks = model.leaks(solution, protection)
        if not leaks:
            return chosen
        candidates = {number: model.candidates(solution, number) for number, _ in leaks}
        stuck = [leak for number, leak in leaks if not candidates[number]]
        if stuck:
            raise ProtectionError(f"no published cell left to suppress around {stuck[0]}"
                                  f" ({len(stuck)} cells)")
        cover = cheapest_cover(candidates, model.values)
        model.suppress(cover)
        chosen |= cover
        wanted = np.zeros(model.system.objectives, dtype=bool)
        wanted[[number for number, _ in leaks]] = True
    raise ProtectionError(f"secondary suppression did not settle in {MAX_ROUNDS} rounds")
