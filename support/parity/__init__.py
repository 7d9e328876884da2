"""Parity from the field: what the live sandbox answered, replayed against the emulator, and where they differ.

`record` keeps every exchange of a run (masked, one JSON line per call, with its scenario); `replay` runs the
recorded scenarios again against the embedded emulator and records them the same way; `compare` pairs the
exchanges by scenario and order of operations and finds the fields that differ (ids, tokens and timestamps by
shape, values the scenario sent by where it sent them); `render` writes divergences.md, each divergence linked
to the emulator's choice it contradicts. `python -m support.parity RECORDED` (`make parity`) runs all four.
"""
