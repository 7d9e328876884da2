"""Command line: python -m support.spec <command> ...

Every command takes spec locations as arguments (a file path or a URL); none is
built in, because the descriptions are Weavr's files and live outside the repository.
"""
from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

from schemas.contract import SCHEMAS_DIR

from .. import baseline
from ..coverage import PARTIAL
from .diff import diff
from .extract import extract
from .gate import Report, documented_only_operations, load_coverage, path_operations, uncovered_operations
from .normalise import load_side
from .render import render
from .source import SpecSourceError, load_source

REPO = Path(__file__).resolve().parents[2]
DEFAULT_SCHEMAS = REPO / "schemas"
DEFAULT_COVERAGE = REPO / "reports" / "coverage" / "operations.json"
FORMATS = ("text", "markdown", "json")
# So that `make spec-check SPEC=...` in CI can ask for a PR comment without the Makefile knowing the flags.
FORMAT_DEFAULT = os.environ.get("WEAVR_SPEC_FORMAT", "text")
OUTPUT_DEFAULT = os.environ.get("WEAVR_SPEC_OUTPUT") or None


def cmd_extract(args) -> int:
    source = load_source(args.spec)
    docs_text = None
    if args.docs:
        docs_path = Path(args.docs)
        if not docs_path.is_file():
            raise SpecSourceError(f"no such documentation index: {args.docs}")
        docs_text = docs_path.read_text(encoding="utf-8")
    manifest = extract(source, args.namespace, Path(args.out), docs_text)
    counts = ", ".join(f"{k} {v}" for k, v in manifest["counts"].items())
    print(f"extracted {manifest['source']} ({manifest['version']}) into {Path(args.out) / args.namespace}: {counts}")
    return 0


def _emit(report: Report, args) -> None:
    if args.format not in FORMATS:
        raise SpecSourceError(f"unknown report format {args.format!r} (WEAVR_SPEC_FORMAT?): use one of {', '.join(FORMATS)}")
    rendered = render(report, args.format)
    if args.output:
        Path(args.output).parent.mkdir(parents=True, exist_ok=True)
        Path(args.output).write_text(rendered, encoding="utf-8")
        # The file is for a reviewer or a PR comment; the log still gets the verdict.
        print(render(report, "text").split("\n\n", 1)[0])
        print(f"report written to {args.output}")
    else:
        sys.stdout.write(rendered)


def cmd_diff(args) -> int:
    old, new = load_side(args.old, args.namespace), load_side(args.new, args.namespace)
    _emit(Report(old=old, new=new, findings=diff(old, new), documented_only=documented_only_operations(old, new)),
          args)
    return 0


def cmd_check(args) -> int:
    old, new = load_side(args.against, args.namespace), load_side(args.spec, args.namespace)
    report = Report(old=old, new=new, findings=diff(old, new), fail_on=args.fail_on,
                    allow_uncovered=args.allow_uncovered)
    covered = None
    coverage, note, partial = _coverage_to_read(Path(args.coverage))
    if note:
        report.notes.append(note)
    # A partial run's gaps are what it did not select, not what the suite misses: listed, not failed on.
    report.allow_uncovered = report.allow_uncovered or partial
    args.coverage = str(coverage)
    if not (args.allow_uncovered and not Path(args.coverage).is_file()):
        covered, recorded = load_coverage(args.coverage)
        report.uncovered = uncovered_operations(new, covered)
        report.called = len(path_operations(new)) - len(report.uncovered)
        report.coverage_source = str(args.coverage)
        if recorded.get("source"):
            report.notes.append(f"coverage recorded by a run against {recorded['source']}"
                                f" ({recorded.get('version', 'unknown version')})")
    report.documented_only = documented_only_operations(old, new, covered)
    _emit(report, args)
    return report.exit_code()


def _coverage_to_read(coverage: Path) -> tuple[Path, str | None, bool]:
    """The coverage file the gate reads, a note when a partial run (make e2e FEATURES=...) is involved, and
    whether the coverage read is partial.

    A partial run writes its coverage to partial/ beside the full run's: the gate reads the last full run's,
    and says so when a partial run came later; with only a partial run recorded, it reads that one and says
    the coverage is partial instead of failing on what the run did not select.
    """
    partial = coverage.parent / PARTIAL / coverage.name
    if coverage.is_file() and _selection(coverage):
        return coverage, (f"coverage is partial: {coverage} was recorded by a run that selected "
                          f"{_selection(coverage)}; operations it did not call are listed, not failed on"), True
    if not partial.is_file():
        return coverage, None, False
    if not coverage.is_file():
        return partial, (f"coverage is partial: the only run recorded selected {_selection(partial)} ({partial}); "
                         "operations it did not call are listed, not failed on; `make e2e` runs the whole suite"), True
    if partial.stat().st_mtime > coverage.stat().st_mtime:
        return coverage, (f"a later partial run ({_selection(partial)}) wrote {partial}; the gate reads the last "
                          f"full run's coverage ({coverage})"), False
    return coverage, None, False


def _selection(coverage: Path) -> str | None:
    """What a partial run selected, from its coverage file; None for a run of the whole suite."""
    try:
        run = json.loads(coverage.read_text(encoding="utf-8")).get("run") or {}
    except (OSError, ValueError, AttributeError):
        return None
    return (run.get("selection") or "part of the suite") if run.get("partial") else None


def cmd_sync(args) -> int:
    out = Path(args.out)
    target = out / args.namespace
    old = load_side(str(target), args.namespace) if (target / "operations.json").is_file() else None
    source = load_source(args.spec)
    docs_text = None
    if args.docs:
        if not Path(args.docs).is_file():
            raise SpecSourceError(f"no such documentation index: {args.docs}")
        docs_text = Path(args.docs).read_text(encoding="utf-8")
    try:
        manifest = extract(source, args.namespace, out, docs_text)
    except ValueError as exc:
        raise SpecSourceError(f"{args.spec} cannot be extracted: {exc}") from exc
    counts = ", ".join(f"{k} {v}" for k, v in manifest["counts"].items())
    print(f"synced {manifest['source']} ({manifest['version']}) into {target}: {counts}")
    if args.namespace == "multi" and out.resolve() == SCHEMAS_DIR:
        baseline.main([])  # the baseline feature is written from this contract: it follows the sync, not a reminder
    if old is None:
        print("no earlier contract there; everything is new")
        return 0
    report = Report(old=old, new=load_side(str(target), args.namespace), findings=[])
    report.findings = diff(report.old, report.new)
    head = render(report, "text").split("\n\n", 1)[0].splitlines()
    print(f"changes since [{old.version}]: " + head[1])
    for level in ("ERR", "WARN"):
        for finding in [f for f in report.findings if f.level == level][:10]:
            print(f"  {level} {finding.rule}: {finding.operation or 'contract'}: {finding.message}")
    print(f"review the change with: git diff -- {target}")
    return 0


def _report_options(command, output_help: str) -> None:
    command.add_argument("--format", choices=FORMATS, default=FORMAT_DEFAULT, help="default: $WEAVR_SPEC_FORMAT or text")
    command.add_argument("--output", default=OUTPUT_DEFAULT, help=f"{output_help} (default: $WEAVR_SPEC_OUTPUT)")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m support.spec", description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(dest="command", required=True)

    ex = commands.add_parser("extract", help="write schemas/<namespace>/ from a published description")
    ex.add_argument("spec", help="path or URL of the OpenAPI description")
    ex.add_argument("--namespace", default="multi", help="folder under schemas/ (multi, simulator)")
    ex.add_argument("--docs", help="path of the documentation index (markdown) to record documented-only operations")
    ex.add_argument("--out", default=str(DEFAULT_SCHEMAS), help="schemas folder (default: the repository's schemas/)")
    ex.set_defaults(run=cmd_extract)

    side_help = "a spec file, a URL, or a committed schemas folder (schemas/ or schemas/<namespace>)"
    df = commands.add_parser("diff", help="what changed between two versions, by rule and level")
    df.add_argument("old", help=side_help)
    df.add_argument("new", help=side_help)
    df.add_argument("--namespace", default="multi", help="namespace read from a schemas/ folder")
    _report_options(df, "write the report to this file instead of stdout")
    df.set_defaults(run=cmd_diff)

    ck = commands.add_parser("check", help="release gate: diff against the committed contract plus coverage gap")
    ck.add_argument("spec", help="path or URL of the new description")
    ck.add_argument("--against", default=str(DEFAULT_SCHEMAS), help="the contract to compare with (default: schemas/)")
    ck.add_argument("--namespace", default="multi")
    ck.add_argument("--coverage", default=str(DEFAULT_COVERAGE),
                    help="traffic coverage written by the last suite run (default: reports/coverage/operations.json)")
    ck.add_argument("--fail-on", choices=("ERR", "WARN", "never"), default="ERR",
                    help="lowest finding level that fails the gate (default ERR)")
    ck.add_argument("--allow-uncovered", action="store_true", help="do not fail on operations the suite never called")
    _report_options(ck, "write the report to this file, e.g. a PR comment body")
    ck.set_defaults(run=cmd_check)

    sy = commands.add_parser("sync", help="re-extract schemas/ from a new description and summarise the change")
    sy.add_argument("spec", help="path or URL of the new description")
    sy.add_argument("--namespace", default="multi")
    sy.add_argument("--docs", help="documentation index (markdown); without it the existing documented.json is kept")
    sy.add_argument("--out", default=str(DEFAULT_SCHEMAS), help="schemas folder (default: the repository's schemas/)")
    sy.set_defaults(run=cmd_sync)
    return parser


def main(argv=None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return args.run(args)
    except SpecSourceError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
