"""The strength report: kill scores per area and per operation, and the survivors as a to-do list.

The kill score is killed / (killed + survived): unreached, not run and tolerated faults are left out.
Tolerated is a latency or throttle fault the client absorbed as it should (plugin.run_fault)."""
from __future__ import annotations

import json
from pathlib import Path

OUTCOMES = ("killed", "survived", "tolerated", "unreached", "not run")


def tally(results: list[dict]) -> dict:
    counts = {outcome: sum(r["outcome"] == outcome for r in results) for outcome in OUTCOMES}
    reached = counts["killed"] + counts["survived"]
    sent = [r for r in results if r.get("sentField") and r["outcome"] in ("killed", "survived")]
    return {"faults": len(results), **{k.replace(" ", "_"): v for k, v in counts.items()},
            "score": _percent(counts["killed"], reached),
            "sentFieldFaults": len(sent),
            "sentFieldScore": _percent(sum(r["outcome"] == "killed" for r in sent), len(sent))}


def _percent(part: int, whole: int):
    return round(100 * part / whole, 1) if whole else None


def build_report(enumerated: list[dict], results: list[dict], facts: dict) -> dict:
    by_area: dict[str, list[dict]] = {}
    by_operation: dict[str, list[dict]] = {}
    for result in results:
        by_area.setdefault(result["area"], []).append(result)
        by_operation.setdefault(result["operationId"], []).append(result)
    enumerated_by_area: dict[str, int] = {}
    for fault in enumerated:
        enumerated_by_area[fault["area"]] = enumerated_by_area.get(fault["area"], 0) + 1
    return {
        **facts,
        "summary": {"enumerated": len(enumerated), **tally(results)},
        "areas": {area: {"enumerated": enumerated_by_area.get(area, 0), **tally(rows)}
                  for area, rows in sorted(by_area.items())},
        "operations": {op: {"area": rows[0]["area"], **tally(rows)} for op, rows in sorted(by_operation.items())},
        "survivors": [f"{r['id']}, no scenario noticed ({_ran(r)})" + (f": {r['reason']}" if r.get("reason") else "")
                      for r in results if r["outcome"] == "survived"],
        "tolerated": [f"{r['id']}: {r['reason']}" for r in results if r["outcome"] == "tolerated"],
        "unreached": [f"{r['id']}: never applied while its {r['scenariosRun']} scenarios ran"
                      for r in results if r["outcome"] == "unreached"],
        "results": results,
    }


def _ran(result: dict) -> str:
    calling = result.get("scenariosCalling", result["scenariosRun"])
    return (f"{result['scenariosRun']} scenarios ran" if calling == result["scenariosRun"]
            else f"{result['scenariosRun']} of the {calling} calling it ran")


def render(report: dict) -> str:
    s = report["summary"]
    lines = [
        "# Suite strength: planted faults and whether a scenario noticed", "",
        f"{s['enumerated']} faults enumerated, {s['faults']} chosen (seed {report['seed']}, budget "
        f"{report['maxFaults'] or 'all'} faults, {_limit(report['seconds'])}), {s['faults'] - s['not_run']} run in "
        f"{report['wallSeconds']} s on {report['workers']} workers: **{s['killed']} killed, {s['survived']} survived**, "
        f"{s['tolerated']} tolerated (latency, throttling absorbed), {s['unreached']} unreached, {s['not_run']} "
        f"not run (time budget).", "",
        f"Kill score (killed / reached): **{_show(s['score'])}**; on fields the suite itself sent: "
        f"**{_show(s['sentFieldScore'])}** of {s['sentFieldFaults']}.", "",
        "## Per area", "",
        "| area | enumerated | run | killed | survived | tolerated | unreached | score | sent-field score |",
        "|---|---|---|---|---|---|---|---|---|"]
    for area, t in report["areas"].items():
        lines.append(f"| {area} | {t['enumerated']} | {t['faults'] - t['not_run']} | {t['killed']} | {t['survived']} | "
                     f"{t['tolerated']} | {t['unreached']} | {_show(t['score'])} | {_show(t['sentFieldScore'])} |")
    lines += ["", "## Per operation", "", "| operation | area | run | killed | survived | unreached | score |",
              "|---|---|---|---|---|---|---|"]
    for op, t in report["operations"].items():
        lines.append(f"| {op} | {t['area']} | {t['faults'] - t['not_run']} | {t['killed']} | {t['survived']} | "
                     f"{t['unreached']} | {_show(t['score'])} |")
    lines += ["", f"## Survivors: to do ({len(report['survivors'])})", "",
              "Each is a wrong answer no scenario noticed; see README, *Reading the strength report*.", ""]
    lines += [f"- [ ] {line}" for line in report["survivors"]] or ["none"]
    lines += ["", f"## Tolerated ({len(report['tolerated'])})", ""]
    lines += [f"- {line}" for line in report["tolerated"]] or ["none"]
    lines += ["", f"## Unreached ({len(report['unreached'])})", ""]
    lines += [f"- {line}" for line in report["unreached"]] or ["none"]
    return "\n".join(lines) + "\n"


def _limit(seconds) -> str:
    return f"{seconds} s" if seconds else "no time limit"


def _show(score) -> str:
    return "-" if score is None else f"{score}%"


def write_report(report: dict, folder: Path) -> tuple[Path, Path]:
    folder.mkdir(parents=True, exist_ok=True)
    data, table = folder / "strength.json", folder / "strength.md"
    data.write_text(json.dumps(report, indent=1) + "\n", encoding="utf-8")
    table.write_text(render(report), encoding="utf-8")
    return data, table
