"""Target selection, emulator start-up, shared step modules, and what a run leaves under reports/."""
from __future__ import annotations

import copy
import os
import time
from pathlib import Path

import pytest

from support.allure_files import write_coverage_result, write_environment
from support.config import ConfigError, load_settings
from support.coverage import build_coverage, coverage_folder, render_table, write_coverage
from support.masking import Masker
from support.traffic import TrafficRecorder, load_traffic

ROOT = Path(__file__).resolve().parent
# Another folder keeps a nested run (the masking test) from touching the outer run's reports.
REPORTS = Path(os.environ.get("WEAVR_REPORTS_DIR") or ROOT / "reports")
TRAFFIC = REPORTS / "traffic"

# Failure masking first, then the scenario context and every step module (steps/*_steps.py): a new module needs no edit.
pytest_plugins = ["support.failure_masking", "support.failure_console", "support.grounding", "steps.context"] + [
    f"steps.{module.stem}" for module in sorted((ROOT / "steps").glob("*_steps.py"))]

_recorder = TrafficRecorder()
_settings = None
_written: dict = {}  # what the run left under reports/, said at the end of the console output


def _load_settings():
    """The settings as configured, read once per process (each xdist worker is a process of its own)."""
    global _settings
    if _settings is None:
        _settings = load_settings()
    return _settings


def _load_settings_or_none():
    try:
        return _load_settings()
    except ConfigError:
        return None  # the preflight says what to fix


def _is_worker(config) -> bool:
    return hasattr(config, "workerinput")


def _runs_scenarios(config) -> bool:
    paths = [str(arg).split("::")[0] for arg in config.args] or config.getini("testpaths")
    return any(Path(path).resolve().is_relative_to(ROOT / "features") or Path(path).resolve() == ROOT
               for path in paths)


class UnregisteredTagWarning(pytest.PytestWarning):
    """A feature's tag that pytest.ini does not register: the run goes on, the tag is named once."""


def _register_feature_tags(config) -> None:
    """Registers for this run every tag of the features that pytest.ini lacks (--strict-markers would stop
    the run on it), and warns once, in the run's controller, naming each tag and its files."""
    from support.tags import unregistered, warning_text

    paths = [ROOT / "features", *(p for p in map(Path, (str(a).split("::")[0] for a in config.args))
                                  if p.suffix == ".feature" or p.is_dir() and not p.resolve().is_relative_to(ROOT))]
    tags = unregistered([p for p in paths if p.exists()], config.getini("markers"))
    for tag in tags:
        config.addinivalue_line("markers", f"{tag}: not registered in pytest.ini (a feature's tag)")
    if tags and not (_is_worker(config) or os.environ.get("PYTEST_XDIST_WORKER")):
        config.issue_config_time_warning(UnregisteredTagWarning(warning_text(tags, ROOT)), stacklevel=2)


def pytest_configure(config):
    _register_feature_tags(config)
    if _is_worker(config) or os.environ.get("PYTEST_XDIST_WORKER"):
        return
    # One id for the whole run, inherited by every worker: each identity's tag carries it.
    try:
        os.environ["WEAVR_RUN_ID"] = _load_settings().run_id or time.strftime("%Y%m%d-%H%M%S-") + os.urandom(2).hex()
    except ConfigError:
        pass  # reported below, as one line
    # The run's traffic starts empty; workers only add to it.
    for old in [*TRAFFIC.glob("traffic-*.json"), *TRAFFIC.glob("usage-*.json")] if TRAFFIC.exists() else []:
        old.unlink()
    if _runs_scenarios(config):
        from support.parity import record as parity

        settings = _load_settings_or_none()
        if settings is not None and parity.is_recording(settings):
            parity.start(parity.folder(REPORTS), settings.target, settings.base_url)
        from support.preflight import preflight

        try:
            preflight(copy.deepcopy(_load_settings()), REPORTS / "logs")
        except ConfigError as exc:
            raise pytest.UsageError(f"configuration: {exc}") from None


@pytest.fixture(scope="session")
def settings():
    try:
        # A copy: the target fills in what it finds (the URL of the emulator it starts, the programme's
        # ids), while the hooks below decide on the settings as configured.
        return copy.deepcopy(_load_settings())
    except ConfigError as exc:
        pytest.exit(f"configuration: {exc}", returncode=4)


@pytest.fixture(scope="session")
def target(settings):
    from support.parity import record as parity
    from support.target import Target

    masker = Masker()
    if parity.is_recording(settings):  # every exchange, masked, for `make parity` (support/parity)
        _recorder.exchanges = parity.ExchangeLog(parity.folder(REPORTS), masker)
    try:
        target = Target(settings, masker, _recorder, REPORTS / "logs")
    except ConfigError as exc:
        pytest.exit(f"target: {exc}", returncode=4)
    yield target
    target.close()


def pytest_collection_modifyitems(config, items):
    # Without Allure's plugin (the strength workers run `-p no:allure_pytest_bdd`) its marker is unregistered.
    if config.pluginmanager.hasplugin("allure_pytest_bdd"):
        _group_scenarios_by_feature_folder(items)


def _group_scenarios_by_feature_folder(items) -> None:
    """Allure's Suites tab as the features/ tree: the area folder, then the feature file."""
    for item in items:
        path = Path(str(item.path))
        if path.suffix != ".feature":
            continue
        parts = path.relative_to(ROOT / "features").parts if path.is_relative_to(ROOT / "features") else (path.name,)
        labels = {"parentSuite": parts[0]} if len(parts) > 1 else {}
        labels["suite"] = parts[-1] if len(parts) <= 2 else "/".join(parts[1:-1])
        if len(parts) > 2:
            labels["subSuite"] = parts[-1]
        for name, value in labels.items():
            item.add_marker(pytest.mark.allure_label(value, label_type=name))


def pytest_runtest_setup(item):
    _recorder.scenario = item.nodeid  # the strength report runs a fault's operation by its scenarios
    if item.get_closest_marker("emulator_only"):
        try:
            settings = _load_settings()
        except ConfigError as exc:
            pytest.exit(f"configuration: {exc}", returncode=4)
        if not settings.is_emulator:
            pytest.skip("needs the emulator's control plane (clock, faults); the live sandbox has none")
        if item.get_closest_marker("expiry") and settings.base_url and os.environ.get("PYTEST_XDIST_WORKER"):
            # One emulator shared by several workers has one clock: moving it would expire the
            # tokens of scenarios running beside this one. A suite-started emulator is per worker.
            pytest.skip("moves the clock of an emulator other workers share; run @expiry without -n, "
                        "or leave WEAVR_BASE_URL unset")


def pytest_runtest_logreport(report):
    if report.when == "call" or report.failed:
        _recorder.outcome(report.nodeid, report.failed)


def _partial_selection(config, exitstatus) -> str | None:
    """None for a run of the whole suite; else what this run selected, in words (its coverage is partial)."""
    paths = [str(arg) for arg in config.args]
    whole = any("::" not in path and Path(path).resolve() in (ROOT / "features", ROOT) for path in paths) or not paths
    chosen = [f"{flag} {value!r}" for flag, value in (("-k", config.option.keyword), ("-m", config.option.markexpr),
                                                      ("--deselect", getattr(config.option, "deselect", None)))
              if value]
    if exitstatus == pytest.ExitCode.INTERRUPTED:
        chosen.append("interrupted")
    if whole and not chosen:
        return None
    return " ".join([*(p for p in paths if not whole or "::" in p), *chosen]) or "part of the suite"


def pytest_sessionfinish(session, exitstatus):
    if _recorder.counts:
        _recorder.save(TRAFFIC)
    if _is_worker(session.config) or not TRAFFIC.exists() or not _runs_scenarios(session.config):
        return
    from schemas import load_contract

    contract = load_contract("multi")
    traffic = load_traffic(TRAFFIC)
    selection = _partial_selection(session.config, exitstatus)
    report = build_coverage(contract, traffic, partial=selection)
    # A partial run writes apart (reports/coverage/partial/), so the last full run's coverage stays for the gate.
    folder = coverage_folder(REPORTS / "coverage", selection)
    _written["coverage"] = (write_coverage(report, folder)[1], selection)
    # The events the receiver took (status 204) or refused, out of the webhooks description's 32.
    write_coverage(build_coverage(load_contract("webhooks"), traffic, partial=selection), folder, "events")
    _check_declared_names(session, contract)
    results = session.config.getoption("allure_report_dir", None)
    if results:
        try:
            settings = _load_settings()
            target, base_url = settings.target, settings.base_url or "emulator started by the suite"
        except ConfigError:
            target, base_url = "unknown", "unknown"
        write_environment(Path(results), {
            "target": target, "base.url": base_url, "spec.source": contract.manifest["source"],
            "spec.version": contract.manifest["version"], "spec.sha256": contract.manifest["sha256"][:12],
            "operations.called": f"{report['summary']['called']}/{report['summary']['operations']}"
                                 + (f" (partial run: {selection})" if selection else ""),
        })
        write_coverage_result(Path(results), report, render_table(report))


_undeclared_lines: list[str] = []


def _check_declared_names(session, contract) -> None:
    """Every answer of the run holds only names the description declares; against the emulator a run whose
    traffic holds one fails (support/declared_fields.py)."""
    from schemas import load_contract
    from support.declared_fields import check_run_traffic

    try:
        fail = _load_settings().is_emulator
    except ConfigError:
        fail = True
    lines, failed = check_run_traffic({"multi": contract, "simulator": load_contract("simulator")}, TRAFFIC,
                                      REPORTS / "contract", fail=fail)
    _undeclared_lines[:] = lines
    if failed and session.exitstatus == 0:
        session.exitstatus = pytest.ExitCode.TESTS_FAILED


def pytest_terminal_summary(terminalreporter):
    for line in _undeclared_lines:
        terminalreporter.write_line(line, red=True)
    if "coverage" in _written:
        table, selection = _written["coverage"]
        where = table.relative_to(ROOT) if table.is_relative_to(ROOT) else table
        terminalreporter.write_line(f"operation coverage: {where}"
                                    + (f" (a partial run: {selection}; the full run's stays)" if selection else ""))
