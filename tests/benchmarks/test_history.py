"""The history benchmark runs end to end on a small history: every read answers, the list counts what
was written, and the figures it prints are there."""
from __future__ import annotations

from benchmarks import history


def test_a_small_history_is_written_timed_and_reported(capsys):
    figures = history.run(transfers=1_200, times=2)
    assert figures["checkpoints"] == [1_000, 1_200]
    assert set(figures["reads"]) == set(history.reads({"source": "1"}, "1"))
    assert all(len(points) == 2 and points[0]["p50Ms"] > 0 for points in figures["reads"].values())
    assert figures["bytesPerTransfer"] is not None and len(figures["rssBytes"]) == 2
    history.report(figures)
    printed = capsys.readouterr().out
    assert "GET /transfers?limit=10" in printed and "per 10,000 transfers" in printed
