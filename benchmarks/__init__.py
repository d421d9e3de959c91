"""Benchmarks of Examencijfers: speed, memory and scale against the floor and against the peers.

`examencijfers bench` (or `make bench`) runs them; see benchmarks/README.md for what each number means.
Nothing here is a test assertion on time: tests/bench/ only proves that the pieces run and that the
peers answer the same as our queries.
"""
