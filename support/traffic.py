"""What the suite actually sent: (namespace, operation, status) counts, saved per worker."""
from __future__ import annotations

import json
import os
from collections import Counter
from pathlib import Path


class TrafficRecorder:
    def __init__(self):
        self.counts: Counter = Counter()

    def record(self, namespace: str, operation_id: str, status: int) -> None:
        self.counts[(namespace, operation_id, int(status))] += 1

    def save(self, folder: Path) -> Path:
        folder.mkdir(parents=True, exist_ok=True)
        worker = os.environ.get("PYTEST_XDIST_WORKER", "main")
        path = folder / f"traffic-{worker}-{os.getpid()}.json"
        rows = [{"namespace": ns, "operationId": op, "status": status, "count": n}
                for (ns, op, status), n in sorted(self.counts.items())]
        path.write_text(json.dumps(rows, indent=1) + "\n", encoding="utf-8")
        return path


def load_traffic(folder: Path) -> Counter:
    counts: Counter = Counter()
    for path in sorted(folder.glob("traffic-*.json")):
        for row in json.loads(path.read_text(encoding="utf-8")):
            counts[(row["namespace"], row["operationId"], row["status"])] += row["count"]
    return counts
