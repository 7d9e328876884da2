"""divergences.md: per operation and field, where the emulator answered otherwise than the recording."""
from __future__ import annotations

import json
import os
from collections import defaultdict
from pathlib import Path

from .choices import choice_for

KIND_WORDS = {"status": "another status", "missing": "the emulator leaves it out", "extra": "the emulator adds it",
              "value": "another value", "type": "another type", "length": "another number of items",
              "order": "the items in another order"}


def grouped(comparison, tags: dict) -> list[dict]:
    """One row per (operation, status, pointer, kind): how often, one example, the choice it contradicts."""
    rows: defaultdict[tuple, dict] = defaultdict(lambda: {"count": 0})
    for d in comparison.divergences:
        row = rows[(d.namespace, d.operation_id, d.status, d.pointer, d.kind)]
        row["count"] += 1
        row.setdefault("recorded", d.recorded)
        row.setdefault("observed", d.observed)
        row.setdefault("scenario", d.scenario)
        row.setdefault("choice", choice_for(d.operation_id, tags.get(d.operation_id, ""), d.pointer))
    return [{"namespace": ns, "operationId": op, "status": status, "pointer": pointer or "/", "kind": kind, **row}
            for (ns, op, status, pointer, kind), row in sorted(rows.items(), key=lambda item: str(item[0]))]


def render(comparison, tags: dict, out: Path, recorded: Path, replay_status: str) -> str:
    rows = grouped(comparison, tags)
    lines = ["# Parity: where the emulator answered otherwise than the recording", "",
             f"Recording: `{recorded}`; replayed against the embedded emulator ({replay_status}). "
             f"{comparison.scenarios} scenarios, {comparison.paired} exchanges paired, "
             f"{len(comparison.unpaired)} made by one run only; **{len(rows)} divergences** "
             f"({sum(r['count'] for r in rows)} occurrences).", "",
             "Ids, tokens and times are compared by shape, values a scenario sent by where it sent them; "
             "amounts by value. Each row links the emulator's choice it contradicts: correct the emulator "
             "there (or the suite's check, if the sandbox is right and the check assumed otherwise).", ""]
    if rows:
        lines += ["| operation | status | field | divergence | recorded | emulator | times | choice |",
                  "|---|---|---|---|---|---|---|---|"]
        for row in rows:
            link = _link(row["choice"], out)
            lines.append(f"| {row['operationId']} | {row['status']} | `{row['pointer']}` | {KIND_WORDS[row['kind']]} "
                         f"| {_cell(row['recorded'])} | {_cell(row['observed'])} | {row['count']} "
                         f"| [{row['choice'].split('/')[-1]}]({link}) |")
        lines.append("")
        first = {(r["operationId"], r["pointer"], r["kind"]): r["scenario"] for r in rows}
        lines += ["One scenario per divergence, to reproduce it:", ""]
        lines += [f"- {op} `{pointer}` ({kind}): `{scenario}`" for (op, pointer, kind), scenario in first.items()]
        lines.append("")
    else:
        lines += ["No divergence: every paired answer matches.", ""]
    if comparison.unpaired:
        counts = defaultdict(int)
        for scenario, _operation, side in comparison.unpaired:
            counts[(scenario, side)] += 1
        lines += ["## Calls one run made and the other did not", "",
                  "A scenario that failed in one run stops early; its remaining calls are not compared.", ""]
        lines += [f"- `{scenario}`: {n} call(s) {side}" for (scenario, side), n in sorted(counts.items())]
        lines.append("")
    text = "\n".join(lines)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(text, encoding="utf-8")
    (out.with_suffix(".json")).write_text(json.dumps(rows, indent=1, default=str) + "\n", encoding="utf-8")
    return text


def _link(choice: str, out: Path) -> str:
    root = Path(__file__).resolve().parents[2]
    path, _, anchor = choice.partition("#")
    relative = os.path.relpath(root / path, out.resolve().parent)
    return relative + (f"#{anchor}" if anchor else "")


def _cell(value) -> str:
    text = "" if value is None else json.dumps(value, ensure_ascii=False) if not isinstance(value, str) else value
    text = text if len(text) <= 60 else text[:57] + "..."
    return "`" + text.replace("|", "\\|").replace("`", "'") + "`" if text else "—"
