"""Every registered demo's default result drawn to PNG, in English and Chinese: each panel has a
title and labelled axes, no glyph is missing, and drawing never imports pyplot (checked in a
fresh process: whether this one has pyplot depends on which tests ran before)."""
from __future__ import annotations

import importlib.abc
import os
import subprocess
import sys
import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import matplotlib
import pytest

from quizapp.engine.registry import all_specs
from quizapp.engine.result import DemoResult
from quizapp.engine.spec import DemoSpec
from quizapp.plots.demo_figure import DemoFigure

DEVICE = os.environ.get("QUIZAPP_TEST_DEVICE", "cpu")
SPECS = all_specs()


class _PyplotBlocker(importlib.abc.MetaPathFinder):
    def find_spec(self, name: str, path: object = None, target: object = None) -> None:
        if name == "matplotlib.pyplot":
            raise ImportError("drawing a demo figure imported matplotlib.pyplot")


@contextmanager
def pyplot_blocked() -> Iterator[None]:
    """Make any import of pyplot fail for the duration, whatever earlier tests imported: pyplot
    is hidden from sys.modules and from the matplotlib package, then put back."""
    hidden = sys.modules.pop("matplotlib.pyplot", None)
    attribute = vars(matplotlib).pop("pyplot", None)
    blocker = _PyplotBlocker()
    sys.meta_path.insert(0, blocker)
    try:
        yield
    finally:
        sys.meta_path.remove(blocker)
        if hidden is not None:
            sys.modules["matplotlib.pyplot"] = hidden
        if attribute is not None:
            matplotlib.pyplot = attribute  # type: ignore[attr-defined]


def draw(spec: DemoSpec, result: DemoResult, lang: str, path: Path) -> DemoFigure:
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    with pyplot_blocked():
        fig = DemoFigure(spec=spec, lang=lang)
        fig.draw(result)
        FigureCanvasAgg(fig.figure)
        fig.figure.savefig(path)
    return fig


@pytest.mark.slow
@pytest.mark.parametrize("spec", SPECS, ids=[s.id for s in SPECS])
def test_default_result_draws_with_labelled_axes(spec: DemoSpec, tmp_path: Path, default_result) -> None:
    result = default_result(spec.id)
    for lang in ("en", "zh"):
        path = tmp_path / f"{spec.id}-{lang}.png"
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            fig = draw(spec, result, lang, path)
        assert path.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
        missing = [str(w.message) for w in caught if "missing from" in str(w.message)]
        assert not missing, missing  # e.g. a Chinese character the fonts cannot draw
        assert fig.axes, "no panels"
        for panel_id, ax in fig.axes.items():
            where = f"{spec.id} [{lang}] panel {panel_id!r}"
            assert ax.get_title().strip(), f"{where}: no title"
            assert ax.get_xlabel().strip(), f"{where}: no x label"
            assert ax.get_ylabel().strip(), f"{where}: no y label"


def test_png_output_does_not_import_pyplot(tmp_path: Path) -> None:
    spec = SPECS[0]
    code = ("import sys; from quizapp.engine.registry import get_spec; "
            "from quizapp.engine.runner import run_demo; from quizapp.plots.demo_figure import save_demo_png; "
            f"spec = get_spec({spec.id!r}); r = run_demo(spec.id, device={DEVICE!r}); "
            f"save_demo_png(r, {str(tmp_path / 'out.png')!r}, spec, lang='zh'); "
            "assert 'matplotlib.pyplot' not in sys.modules, 'pyplot imported'")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=300)
    assert out.returncode == 0, out.stderr
    assert (tmp_path / "out.png").stat().st_size > 10_000
