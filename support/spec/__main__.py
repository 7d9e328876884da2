"""Command line: python -m support.spec <command> ...

Every command takes spec locations as arguments (a file path or a URL); none is
built in, because the descriptions are Weavr's files and live outside the repository.
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .extract import extract
from .source import SpecSourceError, load_source

DEFAULT_SCHEMAS = Path(__file__).resolve().parents[2] / "schemas"


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


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m support.spec", description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(dest="command", required=True)

    ex = commands.add_parser("extract", help="write schemas/<namespace>/ from a published description")
    ex.add_argument("spec", help="path or URL of the OpenAPI description")
    ex.add_argument("--namespace", default="multi", help="folder under schemas/ (multi, simulator)")
    ex.add_argument("--docs", help="path of the documentation index (markdown) to record documented-only operations")
    ex.add_argument("--out", default=str(DEFAULT_SCHEMAS), help="schemas folder (default: the repository's schemas/)")
    ex.set_defaults(run=cmd_extract)
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
