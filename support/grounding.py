"""Which checks rest on the description and which on the emulator's guess, and what to do when a guess is wrong.

A check is *documented* when the description or the documentation index says it (a schema, a listed
status, a stated rule) and *assumed* when it rests on a choice the emulator made where they are silent,
written under a heading of an area's `choices.md` (or `emulator/choices/*.md`). A step marks an assumed check where it makes it:

    with assumed("input.md#the-error-word-of-an-invalid-field", what=f"the error word of {field}",
                 expected="REQUIRED") as check:
        check.observed = word
        assert word == "REQUIRED", ...

`WEAVR_ASSUMPTIONS=strict` (the default against the emulator) lets the check fail the scenario, its
message naming the choice; `report` (the default against the sandbox) records the divergence (what,
expected, observed, the choice) and lets the scenario go on, so a night's red is a documented failure
and an assumption the sandbox does not share is listed apart. A documented check fails as always.

The run counts checks per area (the features folder): each Then step is one check, assumed when an
assumed mark ran inside it; an assumed mark in a Given or When step (a read-back) counts as one more.
Workers save what they saw under reports/assumptions/; the process that started the run writes
reports/assumptions.md and .json, one Allure result per divergence and the console's closing count.
"""
from __future__ import annotations

import json
import os
import re
from collections import Counter
from contextlib import contextmanager
from dataclasses import asdict, dataclass
from pathlib import Path

import pytest

MODES = ("strict", "report")
# The words every divergence message starts with: the Allure category matches them.
MARK = "assumption differs"
# A choice is `<note>.md#<heading>`: an area's note lives beside its package, the notes common to every area
# under emulator/choices/ (read as text paths: the suite never imports the emulator).
CORE_NOTES = {"control", "core", "faults", "input", "variation", "webhooks"}


def choice_path(choice: str) -> str:
    """Where a choice is written: `managed_cards.md#x` -> emulator/areas/managed_cards/choices.md#x."""
    file, hash_, anchor = choice.partition("#")
    stem = file.removesuffix(".md")
    path = f"emulator/choices/{file}" if stem in CORE_NOTES else f"emulator/areas/{stem}/choices.md"
    return path + hash_ + anchor


CHOICE = re.compile(r"^[a-z_]+\.md#[a-z0-9_-]+$")
_UNSET = object()
# A scenario whose every check rests on one choice says so by a tag: its values are the programme's, set
# in the Weavr portal, not the description's (a team's sandbox programme may price fees otherwise).
SCENARIO_TAGS = {"assumes_programme_fees": "identities.md#custom-fees"}


@dataclass
class Divergence:
    scenario: str
    choice: str
    what: str
    expected: str
    observed: str
    mode: str

    @property
    def choice_path(self) -> str:
        return choice_path(self.choice)

    def message(self) -> str:
        return (f"{MARK}: {self.what} rests on {self.choice_path}: expected {self.expected}, "
                f"observed {self.observed}")


class AssumedCheck:
    """What a step knows about its assumed check; it may set `observed` once it has read the answer."""

    def __init__(self, choice: str, what: str, expected, observed):
        self.choice, self.what, self.expected, self.observed = choice, what, expected, observed


class Ledger:
    """One process's record: the mode, the scenario and step running, the checks counted, the divergences."""

    def __init__(self, mode: str = "strict"):
        self.mode = mode
        self.scenario: str | None = None
        self.scenario_choice: str | None = None  # the choice a tagged scenario rests on as a whole
        self.step_type: str | None = None
        self.step_marks = 0
        self.checks: Counter = Counter()     # (area, "documented" | "assumed")
        self.choices: Counter = Counter()    # assumed checks made, by the choice they rest on
        self.divergences: list[Divergence] = []

    @property
    def area(self) -> str:
        return area_of(self.scenario)

    def begin_scenario(self, nodeid: str, choice: str | None = None) -> None:
        self.scenario, self.step_type, self.step_marks = nodeid, None, 0
        self.scenario_choice = choice

    def begin_step(self, step_type: str) -> None:
        self.step_type, self.step_marks = step_type, 0

    def end_step(self) -> None:
        if self.step_type == "then":
            assumed = self.step_marks or self.scenario_choice
            self.checks[(self.area, "assumed" if assumed else "documented")] += 1
            if self.scenario_choice and not self.step_marks:
                self.choices[self.scenario_choice] += 1
        elif self.step_marks:
            self.checks[(self.area, "assumed")] += self.step_marks
        self.step_type, self.step_marks = None, 0

    def mark(self, choice: str) -> None:
        self.choices[choice] += 1
        if self.step_type is None:
            self.checks[(self.area, "assumed")] += 1  # outside a step: a check of its own
        else:
            self.step_marks += 1

    def diverged(self, check: AssumedCheck, failure: AssertionError) -> Divergence:
        observed = str(failure) if check.observed is _UNSET else _shown(check.observed)
        divergence = Divergence(self.scenario or "", check.choice, check.what, _shown(check.expected), observed,
                                self.mode)
        self.divergences.append(divergence)
        return divergence

    def save(self, folder: Path, name: str | None = None) -> Path:
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / f"grounding-{name or os.environ.get('PYTEST_XDIST_WORKER', 'main')}-{os.getpid()}.json"
        path.write_text(json.dumps({
            "checks": [{"area": area, "kind": kind, "count": n} for (area, kind), n in sorted(self.checks.items())],
            "choices": dict(self.choices),
            "divergences": [asdict(d) for d in self.divergences]}), encoding="utf-8")
        return path


LEDGER = Ledger()


def area_of(nodeid: str | None) -> str:
    """`features/identities/corporates.feature::test_x` is in area `identity`."""
    parts = (nodeid or "").split("::")[0].replace("\\", "/").split("/")
    if "features" in parts and len(parts) > parts.index("features") + 2:
        return parts[parts.index("features") + 1]
    return "other"


def mode_for(target: str, raw: str | None) -> str:
    """`WEAVR_ASSUMPTIONS`, else `report` against the sandbox and `strict` against the emulator."""
    value = (raw or "").strip().lower()
    if not value:
        return "report" if target == "sandbox" else "strict"
    if value not in MODES:
        raise ValueError(f"WEAVR_ASSUMPTIONS is {raw!r}: set it to 'strict' (an assumed check that fails fails "
                         "the run) or 'report' (it is listed apart)")
    return value


@contextmanager
def assumed(choice: str, what: str, expected=_UNSET, observed=_UNSET, ledger: Ledger | None = None):
    """Mark the check inside as resting on `choice` (`note.md#heading`: see choice_path).

    Strict: its AssertionError fails the step, its message naming the choice. Report: the divergence is
    recorded and shown as a failed step of its own in the scenario's report, and the scenario goes on."""
    ledger = ledger or LEDGER
    if not CHOICE.match(choice):
        raise ValueError(f"an assumed check names its choice as file.md#heading, not {choice!r}")
    check = AssumedCheck(choice, what, expected, observed)
    ledger.mark(choice)
    try:
        yield check
    except AssertionError as failure:
        divergence = ledger.diverged(check, failure)
        if ledger.mode == "strict":
            raise AssertionError(f"{divergence.message()}\n{failure}") from failure
        _report_step(divergence, failure)


def _shown(value) -> str:
    if value is _UNSET:
        return "(see the check)"
    return value if isinstance(value, str) else json.dumps(value, ensure_ascii=False, default=str)


def _report_step(divergence: Divergence, failure: AssertionError) -> None:
    """A failed step inside the passing scenario, so its report shows where the assumption was made."""
    import allure

    step = allure.step(divergence.message()[:200])
    try:
        step.__enter__()
    except AttributeError:
        return  # outside a scenario Allure has nowhere to attach it; the ledger still holds it
    allure.attach(json.dumps(asdict(divergence), indent=1, ensure_ascii=False), "assumption", allure.attachment_type.JSON)
    step.__exit__(AssertionError, AssertionError(f"{divergence.message()}\n{failure}"), None)


# ---- the run: counted per process, summed by the process that started it ----

def summarise(folder: Path, failures: Counter) -> dict:
    """Every worker's checks and divergences, with the run's failed scenarios by kind."""
    checks: dict[str, Counter] = {}
    choices: Counter = Counter()
    divergences = []
    for path in sorted(folder.glob("grounding-*.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        for row in data["checks"]:
            checks.setdefault(row["area"], Counter())[row["kind"]] += row["count"]
        divergences.extend(data["divergences"])
        choices.update(data.get("choices", {}))
    listed = [d for d in divergences if d["mode"] == "report"]
    return {
        "checks": {area: {"documented": c["documented"], "assumed": c["assumed"]} for area, c in sorted(checks.items())},
        "choices": dict(sorted(choices.items())),
        "documentedFailures": failures["documented"],
        "assumedFailures": failures["assumed"],
        "assumedDivergences": len(listed),
        "divergences": listed,
    }


def closing_line(summary: dict) -> str:
    return (f"{summary['documentedFailures']} documented failures, {summary['assumedDivergences']} assumed "
            f"divergences listed apart, {summary['assumedFailures']} assumed checks failed (strict)")


def render(summary: dict) -> str:
    lines = ["# Checks and their grounding", "", closing_line(summary) + ".", "",
             "| area | documented checks | assumed checks |", "|---|---:|---:|"]
    total = Counter()
    for area, counts in summary["checks"].items():
        lines.append(f"| {area} | {counts['documented']} | {counts['assumed']} |")
        total.update(counts)
    lines.append(f"| **all** | {total['documented']} | {total['assumed']} |")
    if summary.get("choices"):
        lines += ["", "| choice an assumed check rests on | assumed checks made | differed |", "|---|---:|---:|"]
        differed = Counter(d["choice"] for d in summary["divergences"])
        for choice, count in summary["choices"].items():
            lines.append(f"| {choice_path(choice)} | {count} | {differed[choice]} |")
    if summary["divergences"]:
        lines += ["", "## Assumptions that differ from the target", "",
                  "| scenario | check | expected | observed | choice |", "|---|---|---|---|---|"]
        for d in summary["divergences"]:
            cells = [d["scenario"], d["what"], d["expected"], d["observed"], choice_path(d['choice'])]
            lines.append("| " + " | ".join(c.replace("|", "\\|").replace("\n", " ")[:200] for c in cells) + " |")
    return "\n".join(lines) + "\n"


# ---- pytest plugin (registered in conftest.py) ----

def _reports() -> Path:
    return Path(os.environ.get("WEAVR_REPORTS_DIR") or Path(__file__).resolve().parents[1] / "reports")


def _folder() -> Path:
    return _reports() / "assumptions"


def _is_worker(config) -> bool:
    return hasattr(config, "workerinput")


_failures: Counter = Counter()


def pytest_configure(config):
    from .config import ConfigError, load_settings

    try:
        LEDGER.mode = load_settings().assumptions
    except ConfigError:
        pass  # the run stops on the configuration elsewhere, with its own line
    if not _is_worker(config) and _folder().exists():
        for old in _folder().glob("grounding-*.json"):
            old.unlink()


def scenario_choice(marker_names) -> str | None:
    return next((SCENARIO_TAGS[name] for name in marker_names if name in SCENARIO_TAGS), None)


def pytest_runtest_setup(item):
    LEDGER.begin_scenario(item.nodeid, scenario_choice(m.name for m in item.iter_markers()))


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    """A tagged scenario that fails in report mode: its failure is the assumption differing, listed apart."""
    outcome = yield
    report = outcome.get_result()
    choice = LEDGER.scenario_choice
    if not (report.when == "call" and report.failed and choice and LEDGER.mode == "report"):
        return
    reason = str(call.excinfo.value).strip().splitlines()[0][:300] if call.excinfo else "failed"
    LEDGER.diverged(AssumedCheck(choice, "a check of a scenario resting on the programme's values",
                                 "(the values the scenario names)", reason), AssertionError(reason))
    report.outcome, report.longrepr = "passed", None
    report.sections.append(("assumption differs", f"{MARK}: the scenario rests on {choice_path(choice)}: "
                                                  f"{reason}"))


def pytest_bdd_before_step(step):
    LEDGER.begin_step(step.type)


def pytest_bdd_after_step():
    LEDGER.end_step()


def pytest_bdd_step_error():
    LEDGER.end_step()


def pytest_runtest_logreport(report):
    # Reports of every worker reach the process that started the run: the failures are counted there.
    if report.failed and report.when in ("setup", "call") and area_of(report.nodeid) != "other":
        _failures["assumed" if MARK in (report.longreprtext or "") else "documented"] += 1


def pytest_sessionfinish(session):
    if LEDGER.checks or LEDGER.divergences:
        LEDGER.save(_folder())
    if _is_worker(session.config) or not any(_folder().glob("grounding-*.json")):
        return  # no scenario ran: nothing to count
    summary = summarise(_folder(), _failures)
    (_reports() / "assumptions.json").write_text(json.dumps(summary, indent=1), encoding="utf-8")
    (_reports() / "assumptions.md").write_text(render(summary), encoding="utf-8")
    session.config.stash[_SUMMARY] = summary
    results = session.config.getoption("allure_report_dir", None)
    if results:
        from .allure_files import write_divergence_result, write_page_result

        for divergence in summary["divergences"]:
            write_divergence_result(Path(results), divergence, Divergence(**divergence).message())
        write_page_result(Path(results), "Checks and their grounding (a report page, not a test)", "grounding",
                          closing_line(summary), render(summary), summary)


_SUMMARY = pytest.StashKey[dict]()


def pytest_terminal_summary(terminalreporter, config):
    summary = config.stash.get(_SUMMARY, None)
    if summary is None:
        return
    terminalreporter.section("checks and their grounding")
    for divergence in summary["divergences"][:20]:
        terminalreporter.write_line(f"{divergence['scenario']}: {Divergence(**divergence).message()}")
    if len(summary["divergences"]) > 20:
        terminalreporter.write_line(f"... and {len(summary['divergences']) - 20} more in {_reports() / 'assumptions.md'}")
    terminalreporter.write_line(f"{closing_line(summary)} ({_reports() / 'assumptions.md'})")
