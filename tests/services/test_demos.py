"""services.demos, the one door into the demo engine: presets, the device check in the window's
words, the words for choices and metric keys, the tuned values a run used, the warm-up."""
from __future__ import annotations

import pytest

from quizapp.services import demos
from quizapp.services.demo_metrics import METRIC_LABELS


def test_a_bad_preset_value_is_dropped_and_reported() -> None:
    opened = demos.open_preset("optimizer-race", {"surface": "beale", "lr_scale": 1e9, "nope": 1})
    assert opened.preset == {"surface": "beale"}
    assert opened.values["surface"] == "beale" and opened.values["lr_scale"] == 1.0
    assert len(opened.ignored) == 2 and any("lr_scale" in line for line in opened.ignored)


def test_unknown_demo_is_one_line() -> None:
    with pytest.raises(demos.DemoError, match="unknown demo 'nope'"):
        demos.demo_spec("nope")


def test_a_missing_gpu_is_refused_in_the_windows_words(monkeypatch) -> None:
    monkeypatch.setattr(demos, "devices", lambda: ("auto", "cpu"))
    with pytest.raises(demos.DemoError) as caught:
        next(demos.stream("grid-vs-random", {}, "cuda"))
    assert "--device" not in str(caught.value) and "auto or cpu" in str(caught.value)


def test_choice_values_and_metric_keys_in_words() -> None:
    assert demos.choice_label("he_fan_in") == "He (fan-in)"
    assert demos.choice_label("some_new_value") == "Some new value"  # never the raw key
    for spec in demos.list_demos():
        for p in spec.params:
            for choice in p.choices:
                assert "_" not in demos.choice_label(choice), (spec.id, choice)
    assert demos.metric_label("gd_stuck_final_x") == "GD stuck: final x"
    assert demos.metric_label("gd_stuck_final_x", "zh") == "GD 停滞：最终 x"
    assert demos.metric_label("adam_lr_max_abs", "zh") == "Adam learning rate max |·|"  # not named yet: its words


def test_values_in_use_are_the_tuned_rates_the_run_reported() -> None:
    spec = demos.demo_spec("optimizer-race")
    assert {p.name for p in spec.params if demos.is_auto_param(p)} == {
        "lr_sgd", "lr_momentum", "lr_nesterov", "lr_adagrad", "lr_rmsprop", "lr_adam"}
    assert not demos.is_auto_param(demos.demo_spec("lr-schedules").param("eta_min"))  # 0 is a real value
    result = demos.DemoResult("optimizer-race", {"lr_sgd": 0.0, "lr_adam": 0.3, "lr_scale": 2.0}, "cpu", [], [],
                              metrics={"lr_sgd": 0.002, "lr_adam": 0.6})
    assert demos.values_in_use(spec, result) == {"lr_sgd": pytest.approx(0.001)}  # lr_adam was chosen


def test_warm_up_walks_its_steps_once(monkeypatch) -> None:
    loaded: list[str] = []
    steps = (("one", lambda: loaded.append("one")), ("two", lambda: loaded.append("two")))
    monkeypatch.setattr(demos, "_WARM_STEPS", steps)
    monkeypatch.setattr(demos, "_warm_state", demos.WarmUp(0, 2, "one"))
    heard: list[str] = []
    final = demos.warm_up(progress=lambda s: heard.append(s.doing))
    assert final.done and final.error is None and loaded == ["one", "two"]
    assert heard == ["one", "two", "Ready"]
    assert demos.warm_up().done and loaded == ["one", "two"]  # the second call loads nothing


# the names a metric label keeps in Chinese: optimizers, methods and symbols
METRIC_NAMES = {"GD", "SGD", "SAM", "BN", "Adam", "AdamW", "AdaGrad", "ISTA", "Lasso", "Xavier", "Uout", "EMA",
                "SGDR", "dropout", "L2", "triangular2"}


def _shown_metric_keys(demo_id: str) -> list[str]:
    """The metrics the demo panel's status line shows for a default run (ui/demo_panel.py: the first six numbers)."""
    metrics = demos.run(demo_id, device="cpu").metrics
    return [k for k, v in metrics.items() if isinstance(v, (int, float)) and not isinstance(v, bool)][:6]


@pytest.mark.parametrize("demo_id", ["flat-vs-sharp", "ema-window", "optimizer-race", "momentum-dynamics"])
def test_the_status_line_names_its_metrics_in_chinese(demo_id: str) -> None:
    from tests.english_words import english_left

    keys = _shown_metric_keys(demo_id)
    assert len(keys) == 6
    labels = [demos.metric_label(k, "zh") for k in keys]
    assert all(k in METRIC_LABELS for k in keys), keys  # named, not spelled out from the key
    assert english_left(", ".join(labels), allowed=METRIC_NAMES) == [], labels
    assert [demos.metric_label(k, "en") for k in keys] == [METRIC_LABELS[k][0] for k in keys]


@pytest.mark.slow
def test_every_demo_names_the_metrics_its_status_line_shows() -> None:
    """A demo that returns a new metric among its first six numbers needs its two labels in
    services/demo_metrics.py (else the Chinese status line shows the key's English words)."""
    unnamed = {spec.id: [k for k in _shown_metric_keys(spec.id) if k not in METRIC_LABELS]
               for spec in demos.list_demos()}
    assert {d: keys for d, keys in unnamed.items() if keys} == {}
