"""python -m support.parity RECORDED [--workers N] [--compare-only]

Replays the scenarios of a recording (a sandbox run's reports/parity) against the embedded emulator and writes
RECORDED/divergences.md (and .json). --compare-only compares with the replay already in RECORDED/replay.
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from schemas import load_contract

from .compare import compare
from .record import NotARecording, load
from .render import render
from .replay import replay, scenarios

REPLAY = "replay"


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="python -m support.parity",
                                     description="Where the emulator answers otherwise than a recorded sandbox run")
    parser.add_argument("recorded", help="the folder a sandbox run recorded (reports/parity)")
    parser.add_argument("--workers", default="2", help="pytest-xdist workers for the replay (default 2)")
    parser.add_argument("--compare-only", action="store_true", help="compare with RECORDED/replay as it is")
    args = parser.parse_args(argv)
    recorded = Path(args.recorded)
    try:
        exchanges = load(recorded)
    except NotARecording as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    where = recorded / REPLAY
    if args.compare_only:
        status = "compared with the replay already made"
    else:
        nodeids = scenarios(exchanges)
        print(f"parity: replaying {len(nodeids)} scenarios against the embedded emulator ({where}/replay.log)")
        code = replay(nodeids, where, args.workers)
        status = "every scenario passed" if code == 0 else f"pytest exit status {code}: see {where}/replay.log"
    try:
        replayed = load(where)
    except NotARecording as exc:
        print(f"error: the replay recorded nothing ({exc}); see {where}/replay.log", file=sys.stderr)
        return 1
    tags = {}
    for namespace in ("multi", "simulator"):
        tags.update({op_id: op.tag for op_id, op in load_contract(namespace).by_id.items()})
    out = recorded / "divergences.md"
    comparison = compare(exchanges, replayed)
    render(comparison, tags, out, recorded, status)
    rows = len({(d.operation_id, d.pointer, d.kind, d.status) for d in comparison.divergences})
    print(f"parity: {rows} divergences over {comparison.paired} paired exchanges: {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
