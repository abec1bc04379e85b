"""Importing and exporting a 10k-note .apkg with scheduling, quizapp beside Anki's backend (a command,
not a timed test; docs/anki.md § Performance).

    python -m quizapp.devtools.bench.interop [--notes 10000] [--repeat 3]

Needs the `anki` package (the test or bench extra). Builds one Anki collection with `--notes` Basic
notes over 10 decks, 80% of them review cards (interval 1-200 days, ease 1.3-3.0, due in -30..200
days) with two revlog rows each, and exports it (legacy schema-11 flavour, as quizapp writes).
Then times, alternating so both see the same machine load, the median of:

- import: quizapp `AnkiService.import_package(with_scheduling=True)` into a new collection, and
  Anki's `import_anki_package` into a new collection;
- export: quizapp `export_package(with_scheduling=True)` of those cards, and Anki's
  `export_anki_package(legacy=True, with_scheduling=True)` of its collection.
"""
from __future__ import annotations

import argparse
import random
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from quizapp.services.anki_interop import AnkiService
from quizapp.services.clock import local_now
from quizapp.services.database import open_database


def _anki() -> Any:
    try:
        import anki.collection
    except ImportError:
        raise SystemExit("needs Anki's backend: pip install 'quizapp[bench]' (or the test extra)") from None
    return anki.collection


def build_anki_package(folder: Path, notes: int, seed: int = 7) -> Path:
    ac = _anki()
    rng = random.Random(seed)
    (folder / "source").mkdir()
    col = ac.Collection(str(folder / "source" / "collection.anki2"))
    basic = col.models.by_name("Basic")
    decks = [col.decks.id(f"Bench::Deck {i}") for i in range(10)]
    for i in range(notes):
        note = col.new_note(basic)
        note["Front"] = f"Question {i}: what does \\(\\beta_{{{i % 7}}}\\) control in optimizer {i % 13}?"
        note["Back"] = f"Answer {i}<br>with <b>markup</b> and a formula \\[x_{{{i}}}^2\\]"
        note.tags = [f"topic{i % 25}", "bench"]
        col.add_note(note, decks[i % len(decks)])
    today = col.sched.today
    base_ms = int(time.time() * 1000) - 400 * 86_400_000
    revlog, updates = [], []
    for n, cid in enumerate(col.find_cards("")):
        if rng.random() < 0.8:
            ivl, factor = rng.randint(1, 200), rng.randint(1300, 3000)
            updates.append((today + rng.randint(-30, 200), ivl, factor, cid))
            revlog.append((base_ms + n * 2, cid, -1, 3, 1, 0, 2500, 8000, 0))
            revlog.append((base_ms + n * 2 + 1, cid, -1, 3, ivl, 1, factor, 6000, 1))
    col.db.executemany("update cards set type = 2, queue = 2, due = ?, ivl = ?, factor = ?, reps = 2 where id = ?",
                       updates)
    col.db.executemany("insert into revlog values (?, ?, ?, ?, ?, ?, ?, ?, ?)", revlog)
    package = folder / "bench.apkg"
    col.export_anki_package(out_path=str(package), limit=None, options=ac.ExportAnkiPackageOptions(
        with_scheduling=True, with_deck_configs=False, with_media=True, legacy=True))
    col.close()
    return package


def _one_run(ac: Any, package: Path, run: Path, timed: Callable[[str, Callable[[], object]], None]) -> None:
    """Each side imports the package into a new collection, then exports what it imported."""
    run.mkdir()
    (run / "anki").mkdir()
    db = open_database(run / "quizapp.db")
    service = AnkiService(db, media_dir=run / "media")
    col = ac.Collection(str(run / "anki" / "collection.anki2"))
    try:
        timed("quizapp import", lambda: service.import_package(package, local_now(), with_scheduling=True))
        timed("Anki import", lambda: col.import_anki_package(ac.ImportAnkiPackageRequest(
            package_path=str(package), options=ac.ImportAnkiPackageOptions(with_scheduling=True))))
        timed("quizapp export", lambda: service.export_package(run / "out.apkg", local_now(), with_scheduling=True))
        timed("Anki export", lambda: col.export_anki_package(
            out_path=str(run / "anki.apkg"), limit=None, options=ac.ExportAnkiPackageOptions(
                with_scheduling=True, with_deck_configs=False, with_media=True, legacy=True)))
    finally:
        col.close()
        db.close()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--notes", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args(argv)
    ac = _anki()
    times: dict[str, list[float]] = {k: [] for k in ("quizapp import", "Anki import", "quizapp export", "Anki export")}

    def timed(name: str, fn: Callable[[], object]) -> None:
        start = time.perf_counter()
        fn()
        times[name].append(time.perf_counter() - start)

    with tempfile.TemporaryDirectory(prefix="quizapp-bench-interop-") as tmp:
        folder = Path(tmp)
        package = build_anki_package(folder, args.notes)
        for r in range(args.repeat):
            _one_run(ac, package, folder / f"run{r}", timed)
    print(f"{args.notes:,} notes with scheduling, median of {args.repeat}:")
    for op in ("import", "export"):
        ours, theirs = statistics.median(times[f"quizapp {op}"]), statistics.median(times[f"Anki {op}"])
        print(f"  {op:6}  quizapp {ours:6.2f} s   Anki {theirs:6.2f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
