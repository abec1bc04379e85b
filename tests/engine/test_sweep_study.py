"""engine/sweep_study.py: studies planned from the demos, chunks that add up to the demo's sweep,
search objectives that evaluate the demos' own functions."""
from __future__ import annotations

import math

import numpy as np
import pytest

from quizapp.engine import sweep_study
from quizapp.engine.errors import DemoError
from quizapp.services import demos


def test_chunk_bounds_cover_every_config_once_in_near_equal_parts() -> None:
    for n, k in [(10, 3), (1024, 7), (5, 5), (100_000, 40)]:
        bounds = sweep_study.chunk_bounds(n, k)
        assert len(bounds) == k
        assert bounds[0][0] == 0 and bounds[-1][1] == n
        assert all(a[1] == b[0] for a, b in zip(bounds, bounds[1:]))
        sizes = [stop - start for start, stop in bounds]
        assert max(sizes) - min(sizes) <= 1


def test_chunks_equal_the_demos_own_sweep() -> None:
    """Chunks trained apart give the demo's heatmap: the same seeded problem, config for config.
    (All batch sizes equal, so every chunk shares the demo's micro-batches; summation order per
    config is the same, only the stacking differs.)"""
    params = {"axis2": "momentum", "n_lr": 8, "n_axis2": 4, "epochs": 3, "lr_max": 10.0, "seed": 5}
    result = demos.run("batched-sweep", params, device="cpu")
    heat = next(s for s in result.series if s.kind == "heatmap" and s.z is not None)
    expected = np.asarray(heat.z, dtype=np.float64).ravel()
    plan = sweep_study.plan_study("batched-sweep", params, chunks=5)
    got = np.asarray(sweep_study.run_chunks_serially(plan), dtype=np.float64)
    assert got.shape == expected.shape == (32,)
    assert np.array_equal(np.isnan(got), np.isnan(expected))
    assert np.isnan(got).any(), "lr up to 10 should make some configs diverge (a case the chunks must keep)"
    finite = ~np.isnan(got)
    np.testing.assert_allclose(got[finite], expected[finite], rtol=1e-5, atol=1e-7)


def test_a_chunk_does_not_depend_on_its_neighbours() -> None:
    plan = sweep_study.plan_study("batched-sweep", {"axis2": "weight_decay", "epochs": 2}, chunks=4, grid=(6, 4))
    params = sweep_study.grid_params(plan)
    whole = sweep_study.run_chunk(params, 0, 24)
    again = sweep_study.run_chunk(params, 0, 24)
    assert whole == again  # same seed, same numbers
    bounds = sweep_study.chunk_bounds(24, 4)
    parts = [v for start, stop in bounds for v in sweep_study.run_chunk(params, start, stop)]
    np.testing.assert_allclose(parts, whole, rtol=1e-5)


def test_study_grid_may_exceed_the_panels_ranges_but_not_the_bound() -> None:
    plan = sweep_study.plan_study("batched-sweep", {"axis2": "momentum"}, chunks=10, grid=(400, 250))
    assert len(sweep_study.configs_of(plan)["lr"]) == 100_000
    with pytest.raises(DemoError, match="at most"):
        sweep_study.plan_study("batched-sweep", {}, grid=(10_000, 10_000))
    with pytest.raises(DemoError, match="--chunks 0"):
        sweep_study.plan_study("batched-sweep", {}, chunks=0)


@pytest.mark.parametrize("demo, kwargs, message", [
    ("optimizer-race", {}, "cannot run as a study"),
    ("batched-sweep", {"trials": 3}, "give --chunks"),
    ("hyperband", {"chunks": 3}, "give --trials"),
    ("grid-vs-random", {"sampler": "tpe"}, "random or grid"),
    ("hyperband", {"trials": 0}, "at least 1"),
])
def test_plans_a_study_cannot_run_are_refused_in_one_line(demo: str, kwargs: dict, message: str) -> None:
    with pytest.raises(DemoError, match=message) as info:
        sweep_study.plan_study(demo, **kwargs)
    assert "\n" not in str(info.value)


def test_plan_round_trips_through_study_attributes() -> None:
    plan = sweep_study.plan_study("bayesian-optimization", {"budget": 12}, sampler="random")
    assert (plan.trials, plan.sampler, plan.direction) == (12, "random", "minimize")
    assert sweep_study.StudyPlan.from_attrs(plan.to_attrs()) == plan
    arch = sweep_study.plan_study("architecture-search", {"n_trials": 7})
    assert (arch.trials, arch.direction) == (7, "maximize")


def _study(plan: sweep_study.StudyPlan, n: int):  # an in-memory study with the plan's sampler and pruner
    import optuna

    optuna.logging.set_verbosity(optuna.logging.WARNING)
    study = optuna.create_study(direction=plan.direction, sampler=sweep_study.make_sampler(plan, 3),
                                pruner=sweep_study.make_pruner(plan))
    study.optimize(sweep_study.objective_for(plan), n_trials=n)
    return study


def test_grid_vs_random_trials_are_the_demos_loss() -> None:
    from quizapp.engine.demos.grid_vs_random.compute import loss_fn

    plan = sweep_study.plan_study("grid-vs-random", {"per_axis": 3, "optimum_x": 0.4}, sampler="grid")
    study = _study(plan, plan.trials)
    points = sorted((t.params["x"], t.params["y"]) for t in study.trials)
    assert points == sorted((x, y) for x in (0.0, 0.5, 1.0) for y in (0.0, 0.5, 1.0))  # the 3x3 grid, once each
    for t in study.trials:
        assert t.value == float(loss_fn(t.params["x"], t.params["y"], 0.4, 0.06, 0.1))


def test_bayesian_optimization_trials_are_forrester() -> None:
    from quizapp.engine.demos.bayesian_optimization.compute import forrester

    study = _study(sweep_study.plan_study("bayesian-optimization", {"n_init": 2}), 6)
    assert [t.value for t in study.trials] == [float(forrester(t.params["x"])) for t in study.trials]


def test_architecture_trials_report_their_closed_form_size_and_accuracy() -> None:
    from quizapp.engine.demos.architecture_search.compute import param_count

    plan = sweep_study.plan_study("architecture-search", {"steps": 20, "max_width": 16, "dataset": "moons"})
    study = _study(plan, 4)
    for t in study.trials:
        assert t.user_attrs["n_params"] == param_count(t.params["depth"], t.params["width"])
        assert 0.0 <= t.value <= 1.0
        assert sorted(t.intermediate_values) == [5, 10, 15, 20]  # reported every REPORT_EVERY steps
        assert t.value == t.intermediate_values[20]


def test_hyperband_trials_are_pruned_by_the_study_pruner_and_data_follow_the_trial_number() -> None:
    from optuna.trial import TrialState

    plan = sweep_study.plan_study("hyperband", {"max_epochs": 9, "eta": 3, "method": "successive-halving"})
    study = _study(plan, 12)
    states = [t.state for t in study.trials]
    assert TrialState.PRUNED in states and TrialState.COMPLETE in states
    for t in study.trials:
        epochs = sorted(t.intermediate_values)
        assert epochs == list(range(1, len(epochs) + 1))
        if t.state == TrialState.COMPLETE:
            assert len(epochs) == 9 and t.value == t.intermediate_values[9]
        elif t.user_attrs["state"] == "pruned":
            assert len(epochs) < 9
    # a trial's weights come from (seed, number): trial 0 of another study (same sampler seed, so
    # the same point), the same learning curve
    again = _study(plan, 1).trials[0]
    first = study.trials[0]
    assert again.params == first.params
    assert again.intermediate_values == first.intermediate_values
    assert sweep_study.trial_seed(0, 1) != sweep_study.trial_seed(0, 2) != sweep_study.trial_seed(1, 1)


def test_run_chunk_marks_diverged_configs_nan_and_never_inf() -> None:
    plan = sweep_study.plan_study("batched-sweep", {"axis2": "momentum", "lr_min": 1.0, "lr_max": 10.0,
                                                    "epochs": 2}, chunks=2, grid=(4, 2))
    losses = sweep_study.run_chunks_serially(plan)
    assert len(losses) == 8
    assert any(math.isnan(v) for v in losses)
    assert all(math.isnan(v) or (math.isfinite(v) and v <= 100.0) for v in losses)
