"""Page runs take turns (ui/turns.py): at most `slots` at once, the others served in the order they asked, a
run that ends by asking to run again keeps its place, and a turn is given back however a run ends
(Streamlit's stop and rerun signals are BaseExceptions)."""
from __future__ import annotations

import threading
import time

import pytest

from streamlit.runtime.scriptrunner_utils.script_run_context import in_cached_function

from examencijfers.ui.turns import Turns

PATIENCE = 10.0   # seconds before a test that would otherwise hang fails


class Again(BaseException):
    """Like Streamlit's RerunException: the visitor asked for a new run while this one waited."""


class Stop(BaseException):
    """Like Streamlit's StopException: not an Exception."""


def until(condition) -> None:
    deadline = time.monotonic() + PATIENCE
    while not condition():
        assert time.monotonic() < deadline, "gave up waiting"


def start(target) -> threading.Thread:
    thread = threading.Thread(target=target, daemon=True)   # a lost turn fails the test, never hangs pytest
    thread.start()
    return thread


def queue_up(turns: Turns, names: str, done: list[str], hold: threading.Event | None = None) -> list[threading.Thread]:
    """One thread per name, each started once the one before it is waiting (the order they asked in); each
    notes its name when it has its turn and keeps the turn until `hold` is set."""
    threads = []
    for name in names:
        def run(name: str = name) -> None:
            with turns:
                done.append(name)
                if hold is not None:
                    hold.wait(PATIENCE)
        waiting = turns.waiting
        threads.append(start(run))
        until(lambda: turns.waiting > waiting)
    return threads


def finish(threads: list[threading.Thread]) -> None:
    for thread in threads:
        thread.join(PATIENCE)
        assert not thread.is_alive(), "a run never got its turn"


def test_waiting_runs_are_served_in_the_order_they_asked():
    turns, done = Turns(1), []
    with turns:                                     # the running page holds the only turn
        threads = queue_up(turns, "abcde", done)
        assert done == []
    finish(threads)
    assert done == list("abcde")


def test_as_many_runs_as_slots_go_at_once():
    turns, done = Turns(2), []
    with turns:
        second = start(lambda: (turns.__enter__(), done.append("second")))   # keeps its turn
        finish([second])
        assert done == ["second"] and turns.waiting == 0     # it did not wait for the first
        third = queue_up(turns, "x", done)                   # a third waits for one of them
        turns.__exit__(None, None, None)                      # the second's run ends
        finish(third)
    assert done == ["second", "x"]


def test_a_run_that_ends_asking_to_run_again_goes_before_those_who_asked_after_it():
    turns, done, hold = Turns(1, again=(Again,)), [], threading.Event()
    has_turn, clicked = threading.Event(), threading.Event()

    def visitor() -> None:
        with pytest.raises(Again):
            with turns:
                has_turn.set()
                clicked.wait(PATIENCE)
                raise Again            # its visitor clicked while it waited: the run starts over
        with turns:
            done.append("again")

    first = start(visitor)
    has_turn.wait(PATIENCE)
    later = queue_up(turns, "ab", done, hold)     # asked after the visitor's first run began
    clicked.set()                                   # 'a' gets the turn, the visitor queues again
    until(lambda: done == ["a"] and turns.waiting == 2)
    hold.set()
    finish([first, *later])
    assert done == ["a", "again", "b"]


def test_a_run_that_ends_with_a_stop_signal_gives_its_turn_back():
    turns, done = Turns(1), []
    with pytest.raises(Stop):
        with turns:
            raise Stop
    finish([start(lambda: (turns.__enter__(), done.append("next")))])
    assert done == ["next"]


def test_a_turnstile_without_slots_is_refused():
    with pytest.raises(ValueError, match="at least 1"):
        Turns(0)


def test_a_run_waiting_on_the_database_lets_the_next_run_in_and_comes_back_first():
    turns, done, hold = Turns(1), [], threading.Event()
    in_turn, queried, back = threading.Event(), threading.Event(), threading.Event()

    def querying() -> None:
        with turns:
            in_turn.set()
            queried.wait(PATIENCE)                  # the others have queued up behind it
            with turns.aside():
                until(lambda: done == ["a"])        # the first waiter ran while this one was out of turn
            done.append("back")
            back.set()

    first = start(querying)
    in_turn.wait(PATIENCE)
    later = queue_up(turns, "abc", done, hold)
    queried.set()
    until(lambda: done == ["a"] and turns.waiting == 3)   # 'a' holds the turn; 'querying' waits before b, c
    hold.set()
    finish([first, *later])
    assert done == ["a", "back", "b", "c"]


def test_out_of_turn_without_a_turn_goes_on_and_a_failure_out_of_turn_loses_no_turn():
    turns, done = Turns(1), []
    with turns.aside():                             # a fragment's run holds no turn
        done.append("fragment")
    with pytest.raises(Stop):
        with turns:
            with turns.aside():
                raise Stop
    finish([start(lambda: (turns.__enter__(), done.append("next")))])
    assert done == ["fragment", "next"] and turns.waiting == 0


def test_out_of_turn_inside_a_cached_function_keeps_the_turn():
    # Streamlit holds a lock per cache key while computing it: handing the turn over from inside one would let
    # the next run, in turn, wait on that lock while this run waits for the turn
    turns, done = Turns(1), []
    with turns:
        waiter = queue_up(turns, "a", done)
        token = in_cached_function.set(True)
        try:
            with turns.aside():
                assert turns.waiting == 1 and done == []        # nobody was handed the turn
        finally:
            in_cached_function.reset(token)
        with turns.aside():
            until(lambda: done == ["a"])                        # outside a cached function it is handed over
    finish(waiter)
