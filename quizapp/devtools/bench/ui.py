"""Desktop-app benchmark (a command, not a timed test; docs/architecture.md § Budgets).

    python -m quizapp.devtools.bench.ui [--cards 100000] [--grades 300] [--launches 7] [--moves 20]

Prints medians and p99 for:
* launch → first due card on screen: a fresh `python` process each time (bytecode cached in a
  temporary folder, as in an installed app), from spawn to the study screen's first card;
* grade → next card shown, on a synthetic 100k-card collection (quizapp.devtools.bench.store);
* slider move → new plot for `optimizer-race` (Adam β1: the paths move; learning-rate scale:
  the paths move and the legend's lr labels change — both blitted), including the 20 ms debounce;
* frames per second of a streamed demo as shown in the window, the renderer's capacity
  (frames blitted per second when it never waits for the engine), and the longest pause of the
  GUI thread meanwhile (the gaps of a 5 ms timer).
Runs offscreen unless a display is set.
"""
from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import textwrap
import time
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

from quizapp.devtools.bench.store import NOW, build_collection, percentile

LAUNCH_BUDGET_MS = 600
GRADE_BUDGET_MS = 16
SLIDER_BUDGET_MS = 50
FPS_BUDGET = 30
PAUSE_BUDGET_MS = 50  # the GUI thread stays responsive while a demo streams
PAUSE_PROBE_MS = 5


def report(name: str, ms: list[float], budget: str = "") -> None:
    line = (f"{name:44} median {statistics.median(ms):8.1f} ms   p99 {percentile(ms, 99):8.1f} ms   "
            f"(n={len(ms)})")
    print(line + (f"   budget {budget}" if budget else ""), flush=True)


def wait_until(condition: Any, timeout_s: float = 60.0) -> None:
    from quizapp.ui.event_wait import wait_until as wait  # Qt only once the benchmark runs

    wait(condition, timeout_s)


# ----- launch ----------------------------------------------------------------------------------
_LAUNCH_CHILD = textwrap.dedent("""
    import sys
    from quizapp.services.database import open_database
    from quizapp.ui.application import build_window, create_app
    from quizapp.ui.event_wait import file_settings
    db = open_database(sys.argv[1])
    app = create_app()
    settings = file_settings(sys.argv[2])
    window = build_window(db, app=app, qsettings=settings, defer_screens=True)
    study = window.screen_widget("study")
    def shown(card_id):
        study.card_view.viewport().repaint()  # painted, not just queued
        print("SHOWN", card_id, flush=True)
        app.exit(0)
    study.card_shown.connect(shown)
    window.restore_state("overview")  # the last screen was the study screen
    window.show()
    sys.exit(app.exec())
""")


_MEMORY_CHILD = textwrap.dedent("""
    import sys
    from PySide6.QtCore import QTimer
    from quizapp.services.database import open_database
    from quizapp.ui.application import build_window, create_app
    from quizapp.ui.event_wait import file_settings
    db = open_database(sys.argv[1])
    app = create_app()
    window = build_window(db, app=app, qsettings=file_settings(sys.argv[2]))  # every screen installed
    study = window.screen_widget("study")
    def report():
        rss_kb = next(int(line.split()[1]) for line in open("/proc/self/status") if line.startswith("VmRSS"))
        heavy = [m for m in ("torch", "matplotlib") if m in sys.modules]
        print("MEMORY", rss_kb, ",".join(heavy) or "-", flush=True)
        app.exit(0)
    study.card_shown.connect(lambda _card: QTimer.singleShot(1000, report))  # let deferred work settle
    window.restore_state("overview")
    window.show()
    sys.exit(app.exec())
""")


def bench_memory(tmp: Path) -> tuple[float, str]:
    """(resident MB of the app showing its first card with every screen built, heavy modules loaded).
    Run after bench_launch, whose database and settings it reuses; Linux only (/proc)."""
    env = {**os.environ}
    if not (env.get("DISPLAY") or env.get("WAYLAND_DISPLAY")):
        env.setdefault("QT_QPA_PLATFORM", "offscreen")
    out = subprocess.run([sys.executable, "-c", _MEMORY_CHILD, str(tmp / "launch.db"), str(tmp / "launch.ini")],
                         env=env, capture_output=True, text=True, timeout=120).stdout
    line = next(row for row in out.splitlines() if row.startswith("MEMORY"))
    _, kb, heavy = line.split()
    return int(kb) / 1024, heavy


def bench_launch(tmp: Path, launches: int) -> list[float]:
    from quizapp.services.database import open_database
    from quizapp.services.importer import import_deck
    from quizapp.services.study import StudyService

    db_path = tmp / "launch.db"
    db = open_database(db_path)
    import_deck(db, now=NOW - timedelta(days=2))
    study = StudyService(db)
    for item in study.queue(NOW - timedelta(days=1)).items[:10]:
        study.answer(item.card_id, 4, NOW - timedelta(days=1), 5000)  # due today
    db.close()
    ini = tmp / "launch.ini"
    ini.write_text("[main]\nscreen=study\n", encoding="utf-8")
    env = {**os.environ, "PYTHONPYCACHEPREFIX": str(tmp / "pycache"), "QUIZAPP_CACHE_DIR": str(tmp / "cache")}
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env.setdefault("QT_QPA_PLATFORM", "offscreen") if not (env.get("DISPLAY") or env.get("WAYLAND_DISPLAY")) else None
    times = []
    for i in range(launches + 2):  # two warm-ups: bytecode written, formulas cached
        start = time.perf_counter()
        proc = subprocess.Popen([sys.executable, "-c", _LAUNCH_CHILD, str(db_path), str(ini)], env=env,
                                stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
        assert proc.stdout is not None
        for line in proc.stdout:
            if line.startswith("SHOWN"):
                break
        elapsed = time.perf_counter() - start
        proc.wait(timeout=60)
        if i >= 2:
            times.append(elapsed * 1000)
    return times


# ----- grade -> next card -----------------------------------------------------------------------
def bench_grades(app: Any, tmp: Path, cards: int, grades: int, all_screens: bool) -> tuple[list[float], list[float]]:
    """(grade → next card on screen, grade → answer committed and confirmed), in ms."""
    import random

    from quizapp.services.database import open_database
    from quizapp.services.settings import SettingsService
    from quizapp.ui.application import build_window
    from quizapp.ui.event_wait import file_settings
    from quizapp.ui.study_view import StudyScreen

    path = tmp / "big.db"
    fresh = not path.exists()
    db = open_database(path)
    if fresh:
        t0 = time.perf_counter()
        build_collection(db, cards, random.Random(0))
        print(f"built a {cards}-card collection in {time.perf_counter() - t0:.1f} s", flush=True)
        SettingsService(db).update({"reviews_per_day": 1000, "new_per_day": 100})  # a heavy day: 400 answers fit
    clock = [NOW]
    window = build_window(db, app=app, qsettings=file_settings(tmp / "big.ini"),
                          clock=lambda: clock[0], defer_screens=not all_screens)
    window.show()
    study = window.screen_widget("study")
    assert isinstance(study, StudyScreen)
    shown: list[float] = []
    study.card_shown.connect(lambda _cid: shown.append(time.perf_counter()))
    window.show_screen("study")
    wait_until(lambda: bool(shown))
    times, committed = [], []
    for i in range(grades + 10):
        wait_until(lambda: not study.busy)
        study.reveal()
        study.math.wait()
        app.processEvents()
        before = len(shown)
        clock[0] = NOW + timedelta(seconds=i)
        start = time.perf_counter()
        study.grade(4 if i % 4 else 5)
        wait_until(lambda before=before: len(shown) > before)
        study.card_view.viewport().repaint()
        on_screen = time.perf_counter()
        wait_until(lambda: not study.busy)
        if i >= 10:
            times.append((on_screen - start) * 1000)
            committed.append((time.perf_counter() - start) * 1000)
    window.close()
    db.close()
    return times, committed


# ----- demo panel ------------------------------------------------------------------------------
def bench_slider(app: Any, window: Any, moves: int) -> tuple[list[float], list[float], list[float]]:
    panel = window.screen_widget("demo")
    window.show_screen("demo")
    results: list[Any] = []
    panel.run_finished.connect(results.append)
    panel.open_demo("optimizer-race", {})
    wait_until(lambda: bool(results) and not panel._render_busy, 120)
    shown: list[tuple[float, Any]] = []
    panel.plot_shown.connect(lambda frame: shown.append((time.perf_counter(), frame)))

    def move(name: str, positions: list[int]) -> tuple[list[float], list[float]]:
        latency, draw, full = [], [], 0
        slider = panel.form.controls[name].slider
        for i in range(moves + 2):
            results.clear()
            wait_until(lambda: not panel.is_running() and not panel._render_busy)
            time.sleep(0.05)
            before = len(shown)
            start = time.perf_counter()
            slider.setValue(positions[i % len(positions)])
            wait_until(lambda before=before: len(shown) > before)
            if i >= 2:
                latency.append((shown[before][0] - start) * 1000)
                draw.append(shown[before][1].seconds * 1000)
                full += shown[before][1].full
            wait_until(lambda: bool(results) and not panel._render_busy, 60)
        print(f"  {name}: {full} of {len(draw)} moves drawn in full", flush=True)
        return latency, draw

    blit, blit_draw = move("beta1", [700, 760, 820, 880])
    report("  of which drawing (blitted)", blit_draw)
    lr, lr_draw = move("lr_scale", [400, 450, 500, 550])
    report("  of which drawing (legend relabelled)", lr_draw)
    return blit, lr, blit_draw


def bench_stream(app: Any, window: Any) -> tuple[float, int, float, list[float], list[float]]:
    """(frames shown per second while streaming, frames shown, renderer capacity in frames/s,
    the GUI thread's pauses in ms while the demo streams: all, and those after the first frame
    is on screen, i.e. without building the demo's figure)."""
    from PySide6.QtCore import QTimer

    from quizapp.engine.result import Frame
    from quizapp.engine.runner import stream_demo
    from quizapp.plots.figure_renderer import FigureRenderer

    panel = window.screen_widget("demo")
    shown: list[tuple[float, Any]] = []
    panel.plot_shown.connect(lambda frame: shown.append((time.perf_counter(), frame.data)))
    results: list[Any] = []
    panel.run_finished.connect(results.append)
    # A 5 ms timer on the GUI thread: the gap between its ticks is how long the thread was busy
    # (drawing, handling a frame) before it could react to input.
    ticks: list[float] = []
    probe = QTimer(interval=PAUSE_PROBE_MS)
    probe.timeout.connect(lambda: ticks.append(time.perf_counter()))
    probe.start()
    panel.open_demo("early-stopping", {"max_epochs": 3000, "patience": 200})
    wait_until(lambda: bool(results) and not panel._render_busy, 180)
    probe.stop()
    pauses = [1000 * (b - a) for a, b in zip(ticks, ticks[1:])]
    frames = [t for t, data in shown if isinstance(data, Frame)]
    after_first = [1000 * (b - a) for a, b in zip(ticks, ticks[1:]) if frames and a >= frames[0]]
    fps = (len(frames) - 1) / (frames[-1] - frames[0]) if len(frames) > 1 else 0.0
    recorded = [item for item in stream_demo("early-stopping", {"max_epochs": 3000, "patience": 200})]
    renderer = FigureRenderer(panel.spec, "en", "light", (900, 600), 1.0)
    start = time.perf_counter()
    for item in recorded:
        renderer.render(item)
    capacity = len(recorded) / (time.perf_counter() - start)
    print(f"  replayed {len(recorded)} frames: {renderer.full_draws} full draws, {renderer.blits} blits", flush=True)
    return fps, len(frames), capacity, pauses, after_first


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--cards", type=int, default=100_000)
    parser.add_argument("--grades", type=int, default=300)
    parser.add_argument("--launches", type=int, default=7)
    parser.add_argument("--moves", type=int, default=20)
    parser.add_argument("--only", choices=("slider", "stream"), default=None,
                        help="run only this part (slider: the demo panel's slider moves; stream: a streamed demo)")
    args = parser.parse_args(argv)
    from quizapp.devtools.bench.store import pin_time_zone

    pin_time_zone()  # NOW's study day on any machine: on UTC the synthetic day is already used up
    if not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY") or os.environ.get("QT_QPA_PLATFORM")):
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
    with tempfile.TemporaryDirectory(prefix="quizapp-bench-ui-") as name:
        tmp = Path(name)
        os.environ["QUIZAPP_CACHE_DIR"] = str(tmp / "cache")
        print(f"quizapp UI benchmark, {datetime.now(timezone.utc):%Y-%m-%d %H:%M} UTC, "
              f"{os.cpu_count()} CPUs, Qt platform {os.environ.get('QT_QPA_PLATFORM') or 'native'}", flush=True)
        from quizapp.ui.application import build_window, create_app
        from quizapp.ui.event_wait import file_settings

        if args.only is None:
            report("launch → first due card on screen", bench_launch(tmp, args.launches), f"≤ {LAUNCH_BUDGET_MS} ms")
            if sys.platform.startswith("linux"):
                mb, heavy = bench_memory(tmp)
                print(f"{'app memory before the first demo (RSS)':44} {mb:8.1f} MB   torch/matplotlib loaded: "
                      f"{heavy}   budget ≤ 250 MB", flush=True)
        app = create_app()
        if args.only is None:
            shown, committed = bench_grades(app, tmp, args.cards, args.grades, all_screens=False)
            report(f"grade → next card shown ({args.cards // 1000}k cards)", shown, f"≤ {GRADE_BUDGET_MS} ms p99")
            report("grade → answer committed, counts updated", committed)
            # every screen installed: hidden screens that reload on each answer share the op thread
            shown, committed = bench_grades(app, tmp, args.cards, args.grades // 3, all_screens=True)
            report("  … with all screens installed: shown", shown)
            report("  … with all screens installed: committed", committed)

        from quizapp.services.database import open_database
        from quizapp.services.importer import import_deck

        db = open_database(tmp / "demo.db")
        import_deck(db, now=NOW)
        window = build_window(db, app=app, qsettings=file_settings(tmp / "demo.ini"),
                              clock=lambda: NOW)
        window.resize(1180, 780)
        window.show()
        # the slider part also warms torch and matplotlib up for the stream
        blit, lr, _ = bench_slider(app, window, args.moves if args.only != "stream" else 1)
        if args.only != "stream":
            report("slider → new plot, optimizer-race (β1, blit)", blit, f"≤ {SLIDER_BUDGET_MS} ms")
            report("slider → new plot, optimizer-race (lr, blit)", lr, f"≤ {SLIDER_BUDGET_MS} ms")
        if args.only != "slider":
            fps, count, capacity, pauses, after_first = bench_stream(app, window)
            print(f"{'streamed demo (early-stopping), shown':44} {fps:8.1f} frames/s ({count} frames)   "
                  f"budget ≥ {FPS_BUDGET}", flush=True)
            print(f"{'figure renderer capacity (replayed frames)':44} {capacity:8.1f} frames/s", flush=True)
            print(f"{'GUI thread pauses while it streams':44} longest {max(pauses):8.1f} ms   "
                  f"p99 {percentile(pauses, 99):8.1f} ms   (n={len(pauses)}, {PAUSE_PROBE_MS} ms timer)", flush=True)
            print(f"{'  … after the first frame is shown':44} longest {max(after_first):8.1f} ms   "
                  f"p99 {percentile(after_first, 99):8.1f} ms   budget ≤ {PAUSE_BUDGET_MS} ms", flush=True)
        window.close()
        db.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
