"""Page runs take turns (ui/turns.py): at most `slots` at once, the others served in the order they asked, and
a turn is given back however a run ends (Streamlit's stop and rerun signals are BaseExceptions)."""
from __future__ import annotations

import threading

import pytest

from examencijfers.ui.turns import Turns


def queue_up(turns: Turns, names: str, done: list[str]) -> list[threading.Thread]:
    """One thread per name, each started only once the one before it is waiting: the order they asked in."""
    threads = []
    for index, name in enumerate(names, start=1):
        def run(name: str = name) -> None:
            with turns:
                done.append(name)
        thread = threading.Thread(target=run)
        thread.start()
        while turns.waiting < index:    # the thread has asked for its turn
            pass
        threads.append(thread)
    return threads


def test_waiting_runs_are_served_in_the_order_they_asked():
    turns, done = Turns(1), []
    with turns:                                     # the running page holds the only turn
        threads = queue_up(turns, "abcde", done)
        assert done == []
    for thread in threads:
        thread.join(timeout=10)
    assert done == list("abcde")


def keep_a_turn(turns: Turns, done: list[str], name: str) -> threading.Thread:
    """A thread that takes a turn and keeps it (its run has not ended yet); joined once it has the turn."""
    def run() -> None:
        turns.__enter__()
        done.append(name)
    thread = threading.Thread(target=run)
    thread.start()
    thread.join(timeout=10)
    return thread


def test_as_many_runs_as_slots_go_at_once():
    turns, done = Turns(2), []
    with turns:
        keep_a_turn(turns, done, "second")
        assert done == ["second"] and turns.waiting == 0     # it did not wait for the first
        third = queue_up(turns, "x", done)[0]                # a third waits for one of them
        turns.__exit__(None, None, None)                      # the second's run ends
        third.join(timeout=10)
    assert done == ["second", "x"]


class Stop(BaseException):
    """Like Streamlit's StopException: not an Exception."""


def test_a_run_that_ends_with_a_stop_signal_gives_its_turn_back():
    turns, done = Turns(1), []
    with pytest.raises(Stop):
        with turns:
            raise Stop
    keep_a_turn(turns, done, "next")
    assert done == ["next"]


def test_a_turnstile_without_slots_is_refused():
    with pytest.raises(ValueError, match="at least 1"):
        Turns(0)
