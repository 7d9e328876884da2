"""Recording a run's exchanges for parity: one JSON line per call, masked as the reports are.

Each worker appends to its own `exchanges-<worker>-<pid>.jsonl` in the parity folder; the run's controller
clears the folder's old lines and writes `recording.json` (what was called, when) before any scenario runs.
A secret field that is a token keeps its class beside the mask (`***:<hex>`, `***:<uuid>`), so a token's
format can be compared without its value; any other secret is only `***`.
"""
from __future__ import annotations

import json
import os
import time
from pathlib import Path

from ..masking import MASK
from .shapes import shape

MANIFEST = "recording.json"
EXCHANGES = "exchanges-*.jsonl"
FORMAT = "weavr-suite parity recording 1"


def is_recording(settings, environ=None) -> bool:
    """Against the live sandbox always; elsewhere when WEAVR_PARITY_RECORD=1."""
    environ = os.environ if environ is None else environ
    return settings.target == "sandbox" or environ.get("WEAVR_PARITY_RECORD") == "1"


def folder(reports: Path, environ=None) -> Path:
    environ = os.environ if environ is None else environ
    return Path(environ.get("WEAVR_PARITY_DIR") or reports / "parity")


def start(where: Path, target: str, base_url: str | None) -> None:
    """A fresh recording: old exchanges gone, the manifest written."""
    where.mkdir(parents=True, exist_ok=True)
    for old in where.glob(EXCHANGES):
        old.unlink()
    manifest = {"format": FORMAT, "target": target, "baseUrl": base_url or "emulator started by the suite",
                "started": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())}
    (where / MANIFEST).write_text(json.dumps(manifest, indent=1) + "\n", encoding="utf-8")


class ExchangeLog:
    """Appends one masked exchange per call to this worker's file."""

    def __init__(self, where: Path, masker):
        self.masker = masker
        worker = os.environ.get("PYTEST_XDIST_WORKER", "main")
        where.mkdir(parents=True, exist_ok=True)
        self.path = where / f"exchanges-{worker}-{os.getpid()}.jsonl"
        self.sequence = 0

    def add(self, scenario, namespace, operation_id, method, path, sent, status, body) -> None:
        self.sequence += 1
        line = {"scenario": scenario, "sequence": self.sequence, "namespace": namespace, "operationId": operation_id,
                "method": method, "path": self.masker.text(path), "request": self._masked(sent),
                "status": int(status), "response": self._masked(body)}
        with self.path.open("a", encoding="utf-8") as out:
            out.write(json.dumps(line, ensure_ascii=False) + "\n")

    def _masked(self, value):
        return with_shapes(value, self.masker.body(value)) if value is not None else None


def with_shapes(original, masked):
    """The masked body, each masked string written `***:<shape>`."""
    if isinstance(masked, dict) and isinstance(original, dict):
        return {k: with_shapes(original.get(k), v) for k, v in masked.items()}
    if isinstance(masked, list) and isinstance(original, list) and len(original) == len(masked):
        return [with_shapes(o, m) for o, m in zip(original, masked)]
    if masked == MASK and isinstance(original, str) and original != MASK:
        kind = shape(original)
        # Only a token's class (`<uuid>`, `<hex>`...): a shape that keeps letters would spell out a password.
        return f"{MASK}:{kind}" if kind.startswith("<") else MASK
    return masked


class NotARecording(Exception):
    """The path given is not a parity recording; the message is one line for a person."""


def load(where: Path) -> list[dict]:
    """Every exchange of a recording, by worker file and order; NotARecording in one line otherwise."""
    where = Path(where)
    if not where.is_dir():
        raise NotARecording(f"{where} is not a folder: give the folder a sandbox run recorded (reports/parity)")
    try:
        manifest = json.loads((where / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        manifest = None
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        raise NotARecording(f"{where} holds no parity recording ({MANIFEST} missing or not one): record one with "
                            "WEAVR_TARGET=sandbox make e2e, or WEAVR_PARITY_RECORD=1")
    exchanges = []
    for path in sorted(where.glob(EXCHANGES)):
        for number, text in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            try:
                line = json.loads(text)
                if not {"scenario", "operationId", "status"} <= set(line):
                    raise ValueError
            except ValueError:
                raise NotARecording(f"{path}:{number} is not an exchange line: is {where} a parity recording?") \
                    from None
            exchanges.append(line)
    if not exchanges:
        raise NotARecording(f"{where} holds a manifest but no exchanges: did the recorded run call anything?")
    return exchanges
