"""A demo result's data as CSV (one row per point, long format; no Qt, no matplotlib)."""
from __future__ import annotations

import csv
from pathlib import Path

from quizapp.engine.result import DemoResult

HEADER = ("series", "panel", "kind", "index", "x", "y", "z")


def write_csv(result: DemoResult, path: str | Path) -> Path:
    """Line-like series give (x, y) rows; heatmaps and contours give one row per cell (x, y, z)."""
    out = Path(path)
    with open(out, "w", encoding="utf-8", newline="") as f:
        writer = csv.writer(f)
        writer.writerow(HEADER)
        for s in result.series:
            panel = s.panel or ""
            if s.z is not None:
                i = 0
                for r, y in enumerate(s.y):
                    for c, x in enumerate(s.x):
                        writer.writerow((s.name, panel, s.kind, i, x, y, s.z[r][c]))
                        i += 1
            elif s.kind == "hist":  # x holds n+1 bin edges, y the n counts: one row per bin
                for i, count in enumerate(s.y):
                    writer.writerow((s.name, panel, s.kind, i, s.x[i], count, ""))
            elif s.kind in ("hline", "vline"):
                writer.writerow((s.name, panel, s.kind, 0, s.x[0] if s.x else "", s.y[0] if s.y else "", ""))
            else:
                for i, (x, y) in enumerate(zip(s.x, s.y)):
                    writer.writerow((s.name, panel, s.kind, i, x, y, ""))
        for key, value in sorted(result.metrics.items()):
            writer.writerow((f"metric:{key}", "", "metric", 0, "", value, ""))
    return out
