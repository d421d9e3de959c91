"""The interval engine (HiGHS) on systems small enough to solve by hand or by enumeration."""
from __future__ import annotations

import itertools
import math

import numpy as np
import pytest

from examencijfers.publish import intervals

NO_BOUND = 1e30


def system(atoms: int, constraints: list[tuple[dict[int, float], float, float]],
           objectives: list[dict[int, float]]) -> intervals.LinearSystem:
    """lower <= sum(coefficient x atom) <= upper for each ({atom: coefficient}, lower, upper)."""
    c = [(number, atom, coefficient) for number, (terms, _, _) in enumerate(constraints)
         for atom, coefficient in terms.items()]
    o = [(number, atom, coefficient) for number, terms in enumerate(objectives) for atom, coefficient in terms.items()]
    return intervals.LinearSystem(
        atoms=atoms,
        constraint_index=np.array([t[0] for t in c], dtype=np.int64),
        constraint_atom=np.array([t[1] for t in c], dtype=np.int64),
        constraint_coefficient=np.array([t[2] for t in c], dtype=float),
        lower=np.array([lower for _, lower, _ in constraints], dtype=float),
        upper=np.array([upper for _, _, upper in constraints], dtype=float),
        objective_index=np.array([t[0] for t in o], dtype=np.int64),
        objective_atom=np.array([t[1] for t in o], dtype=np.int64),
        objective_coefficient=np.array([t[2] for t in o], dtype=float),
        objectives=len(objectives),
    )


def bounds(solution: intervals.Solution) -> list[tuple[float, float]]:
    return [(interval.low, interval.high) for interval in solution.intervals]


def test_two_by_two_table_with_published_margins():
    """Atoms a b / c d, rows a + b = 23, c + d = 22, columns a + c = 13, b + d = 32 (all >= 0).
    With a = x: b = 23 - x, c = 13 - x, d = 9 + x, so x runs from 0 to 13 (c >= 0), and so on."""
    s = system(4, [({0: 1, 1: 1}, 23, 23), ({2: 1, 3: 1}, 22, 22), ({0: 1, 2: 1}, 13, 13),
                   ({1: 1, 3: 1}, 32, 32)], [{0: 1}, {1: 1}, {2: 1}, {3: 1}, {0: 1, 1: 1}])
    assert bounds(intervals.solve(s)) == [(0, 13), (10, 23), (0, 13), (9, 22), (23, 23)]


def test_a_margin_beside_a_single_unknown_gives_it_away():
    """a + b + c = 14 with b = 10 and c = 1 published: a = 3 (the presolve fixes b, c, then a)."""
    s = system(3, [({0: 1, 1: 1, 2: 1}, 14, 14), ({1: 1}, 10, 10), ({2: 1}, 1, 1)], [{0: 1}])
    solution = intervals.solve(s)
    assert bounds(solution) == [(3, 3)]
    assert solution.programs == 0
    assert solution.pinned_by.tolist() == [0, 1, 2]


def test_passes_at_most_candidates_narrow_a_hundred_percent():
    """Candidates 7 + 9 + 0 = 16 all published, passes 16 of 16 published, the genders' passes hidden:
    each passes <= its candidates, so passes of the 7 boys are 7 (and of the 9 girls 9)."""
    # atoms: candidates 0 (boys), 1 (girls), 2 (rest); passes 3, 4, 5
    pins = [({0: 1}, 7, 7), ({1: 1}, 9, 9), ({0: 1, 1: 1, 2: 1}, 16, 16)]
    pairs = [({3 + g: 1, g: -1}, -NO_BOUND, 0) for g in range(3)]
    s = system(6, pins + pairs + [({3: 1, 4: 1, 5: 1}, 16, 16)], [{3: 1}, {4: 1}])
    assert bounds(intervals.solve(s)) == [(7, 7), (9, 9)]


def test_a_published_rate_narrows_its_hidden_count():
    """10 candidates published, passes hidden, rate 50.0 published: 49.95 <= 100 g / 10 <= 50.05, so g = 5."""
    s = system(2, [({0: 1}, 10, 10), ({1: 100, 0: -50.05}, -NO_BOUND, 0), ({0: 49.95, 1: -100}, -NO_BOUND, 0)],
               [{1: 1}])
    assert bounds(intervals.solve(s)) == [(5, 5)]


def test_integrality_where_the_linear_optimum_is_fractional():
    """-2x + 2y <= 1 and 2x + 2y <= 3: the linear maximum of y is 1 at (0.5, 1), but in whole numbers
    y <= x and x + y <= 1 leave only y = 0. The engine solves that bound again with integrality."""
    s = system(2, [({0: -2, 1: 2}, -NO_BOUND, 1), ({0: 2, 1: 2}, -NO_BOUND, 3)], [{1: 1}])
    solution = intervals.solve(s)
    assert bounds(solution) == [(0, 0)]
    assert solution.programs == 3                  # max (fractional), max again as integers, min


def test_a_cell_without_constraints_is_unbounded_above():
    s = system(2, [({1: 1}, 4, 4)], [{0: 1}])
    assert bounds(intervals.solve(s)) == [(0, math.inf)]


def test_protection_level_skips_cells_already_seen_wide_and_names_the_binding_constraints():
    """Rows a + b = 20 and c + d = 3. With protection 5: once a's maximum (a = 20, b = 0) is found, the
    points seen already show b running over at least 5 values, so b needs no program; c lies in [0, 3],
    narrower than 5, bound by its row (constraint 1)."""
    s = system(4, [({0: 1, 1: 1}, 20, 20), ({2: 1, 3: 1}, 3, 3)], [{0: 1}, {1: 1}, {2: 1}])
    solution = intervals.solve(s, protection=5)
    assert solution.intervals[1].exact is False and solution.intervals[1].width >= 5
    assert solution.intervals[0].width >= 5
    assert bounds(solution)[2] == (0, 3) and solution.intervals[2].exact
    assert solution.binding == {2: {1}}


@pytest.mark.parametrize("seed", range(6))
def test_intervals_equal_an_enumeration_of_whole_numbers(seed):
    """Random small systems of sums (published totals over random subsets of 4 atoms, true values 0..6):
    the engine's interval of every atom equals the minimum and maximum over all integer solutions (no
    atom can exceed 18, the largest total possible; an atom in no total is unbounded above)."""
    rng = np.random.default_rng(seed)
    truth = rng.integers(0, 7, size=4)
    constraints = []
    for _ in range(3):
        members = [atom for atom in range(4) if rng.random() < 0.6] or [0]
        total = float(truth[members].sum())
        constraints.append(({atom: 1 for atom in members}, total, total))
    solution = intervals.solve(system(4, constraints, [{atom: 1} for atom in range(4)]))
    feasible = [point for point in itertools.product(range(19), repeat=4)
                if all(sum(point[a] for a in terms) == lower for terms, lower, _ in constraints)]
    constrained = {atom for terms, _, _ in constraints for atom in terms}
    for atom, (low, high) in enumerate(bounds(solution)):
        values = [point[atom] for point in feasible]
        assert low == min(values)
        assert high == (max(values) if atom in constrained else math.inf)


def test_a_solver_reuses_unchanged_components():
    s = system(4, [({0: 1, 1: 1}, 20, 20), ({2: 1, 3: 1}, 30, 30), ({2: 1}, 30, 30)], [{0: 1}, {3: 1}])
    solver = intervals.Solver()
    first = solver.solve(s)
    assert first.programs == 2 and bounds(first) == [(0, 20), (0, 0)]
    s.active[2] = False                             # "suppress" the cell that pinned atom 2
    again = solver.solve(s)
    assert bounds(again) == [(0, 20), (0, 30)]
    assert again.programs == 2                      # only the changed component was solved


def test_a_solver_remembers_a_component_only_for_the_same_bounds_terms_and_objectives():
    """One solver asked about systems that differ in a bound, in a coefficient, or only in how the same
    atoms are split between the objectives: each gets its own answer (a fresh solve's), not the one it
    remembers of the system before."""
    total = {0: 1, 1: 1, 2: 1, 3: 1}
    variants = [
        ([(total, 12, 12), ({3: 1}, -NO_BOUND, 2)], [{1: 1}, {2: 1, 3: 1}]),
        ([(total, 10, 10), ({3: 1}, -NO_BOUND, 2)], [{1: 1}, {2: 1, 3: 1}]),
        ([({**total, 1: 3}, 12, 12), ({3: 1}, -NO_BOUND, 2)], [{1: 1}, {2: 1, 3: 1}]),
        ([(total, 12, 12), ({3: 1}, -NO_BOUND, 2)], [{1: 1, 2: 1}, {3: 1}]),
    ]
    solver = intervals.Solver()
    answers = [bounds(solver.solve(system(4, *variant))) for variant in variants]
    assert answers == [bounds(intervals.solve(system(4, *variant))) for variant in variants]
    assert answers == [[(0, 12), (0, 12)], [(0, 10), (0, 10)], [(0, 4), (0, 12)], [(0, 12), (0, 2)]]


def independent_tables(count: int, seed: int) -> tuple[list, list]:
    """Tables a + b = t, c + d = u, a + c = v (random true values 0..9), each its own component; every
    cell an objective."""
    rng = np.random.default_rng(seed)
    constraints, objectives = [], []
    for table in range(count):
        a, b, c, d = (4 * table + offset for offset in range(4))
        value = rng.integers(0, 10, size=4)
        constraints += [({a: 1, b: 1}, value[0] + value[1], value[0] + value[1]),
                        ({c: 1, d: 1}, value[2] + value[3], value[2] + value[3]),
                        ({a: 1, c: 1}, value[0] + value[2], value[0] + value[2])]
        objectives += [{a: 1}, {b: 1}, {c: 1}, {d: 1}]
    return constraints, objectives


def test_starting_many_components_from_one_block_program_finds_the_same_leaks(monkeypatch):
    """Thirty independent tables a + b = t, c + d = u, a + c = v (random true values 0..9): whether
    each cell is narrower than 4 must not depend on starting the components from the block program's
    two points, and the exact intervals (the narrow ones) must be the same."""
    constraints, objectives = independent_tables(30, seed=11)
    monkeypatch.setattr(intervals, "BLOCK", 10 ** 6)
    alone = intervals.solve(system(120, constraints, objectives), protection=4)
    monkeypatch.setattr(intervals, "BLOCK", 1)
    block = intervals.solve(system(120, constraints, objectives), protection=4)
    assert block.programs < alone.programs
    widths = [interval.width for interval in alone.intervals]
    assert min(widths) < 4 <= max(widths)                  # both kinds occur
    for one, other in zip(alone.intervals, block.intervals):
        assert (one.width >= 4) == (other.width >= 4)
        if one.width < 4:
            assert (one.low, one.high) == (other.low, other.high)


def test_blocks_solved_in_worker_processes_give_what_one_process_gives(monkeypatch):
    """Forty tables a + b = t, c + d = u, a + c = v, solved in blocks of 3 components (14 tasks): the
    intervals, the constraints binding the narrow ones and the number of programs are the same whether
    the blocks run in this process or in two workers."""
    constraints, objectives = independent_tables(40, seed=5)
    monkeypatch.setattr(intervals, "BLOCK", 1)
    monkeypatch.setattr(intervals, "BLOCK_SIZE", 3)
    with intervals.Solver(4, workers=1) as alone:
        one = alone.solve(system(160, constraints, objectives))
    with intervals.Solver(4, workers=2) as pooled:
        two = pooled.solve(system(160, constraints, objectives))
        assert pooled._executor is not None                 # the workers did run
    assert [(i.low, i.high, i.exact) for i in one.intervals] == [(i.low, i.high, i.exact) for i in two.intervals]
    assert one.binding == two.binding and one.programs == two.programs
    assert any(interval.width < 4 for interval in one.intervals)


def test_a_later_round_asks_only_about_the_wanted_cells_and_finds_the_whole_systems_answer():
    """Two linked tables (atoms 0..2 share a total and an equation pins atom 2) and an unrelated one:
    after the pin goes, asking about atom 1 alone gives what a fresh solve of the whole system gives
    for it, leaves the unrelated cell unasked, and reports the pins inside its component."""
    s = system(6, [({0: 1, 1: 1, 2: 1}, 12, 12), ({2: 1}, 4, 4), ({3: 1, 4: 1}, 9, 9), ({5: 1}, 2, 2)],
               [{0: 1}, {1: 1}, {3: 1}])
    solver = intervals.Solver(protection=3)
    solver.solve(s)
    s.active[1] = False
    wanted = np.array([False, True, False])
    later = solver.solve(s, wanted)
    whole = intervals.solve(s, protection=3)
    assert later.intervals[1] == whole.intervals[1] and later.intervals[1].high == 12
    assert later.intervals[2] is None
    assert later.pinned_by.tolist() == [-1] * 6                # atom 5's pin is outside the region
    assert whole.pinned_by[5] == 3
