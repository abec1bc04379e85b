"""The registry of demo specs. Importing it (and listing demos) never imports torch.

Every demo is a package quizapp/engine/demos/<demo>/ with a pure spec.py (its SPEC) and a
compute.py (its run function, imported by SPEC.load_run only when it runs). Demos are listed
here by plain imports, so a renamed or missing demo is an ImportError, never a silent gap.
"""
from __future__ import annotations

from functools import cache

from quizapp.domain.catalogue import DEMO_SECTIONS
from quizapp.engine.demos.adaptive_lr import spec as adaptive_lr
from quizapp.engine.demos.architecture_search import spec as architecture_search
from quizapp.engine.demos.batch_gradient_noise import spec as batch_gradient_noise
from quizapp.engine.demos.batch_size_sharpness import spec as batch_size_sharpness
from quizapp.engine.demos.batched_sweep import spec as batched_sweep
from quizapp.engine.demos.batchnorm_rnn import spec as batchnorm_rnn
from quizapp.engine.demos.batchnorm_train_eval import spec as batchnorm_train_eval
from quizapp.engine.demos.bayesian_optimization import spec as bayesian_optimization
from quizapp.engine.demos.bn_vs_ln import spec as bn_vs_ln
from quizapp.engine.demos.covariate_shift import spec as covariate_shift
from quizapp.engine.demos.dropout import spec as dropout
from quizapp.engine.demos.dropout_bn_variance_shift import (
    spec as dropout_bn_variance_shift,
)
from quizapp.engine.demos.early_stopping import spec as early_stopping
from quizapp.engine.demos.ema_window import spec as ema_window
from quizapp.engine.demos.flat_vs_sharp import spec as flat_vs_sharp
from quizapp.engine.demos.grid_vs_random import spec as grid_vs_random
from quizapp.engine.demos.hyperband import spec as hyperband
from quizapp.engine.demos.init_signal_propagation import spec as init_signal_propagation
from quizapp.engine.demos.l1_vs_l2 import spec as l1_vs_l2
from quizapp.engine.demos.lr_cyclic import spec as lr_cyclic
from quizapp.engine.demos.lr_schedules import spec as lr_schedules
from quizapp.engine.demos.lr_warmup import spec as lr_warmup
from quizapp.engine.demos.momentum_dynamics import spec as momentum_dynamics
from quizapp.engine.demos.optimizer_race import spec as optimizer_race
from quizapp.engine.demos.rnn_dropout import spec as rnn_dropout
from quizapp.engine.demos.saddle_escape import spec as saddle_escape
from quizapp.engine.demos.sam_vs_sgd import spec as sam_vs_sgd
from quizapp.engine.demos.weight_decay import spec as weight_decay
from quizapp.engine.errors import UnknownDemoError
from quizapp.engine.spec import DemoSpec
from quizapp.i18n.text import DemoText

# In the catalogue's order (by section); _specs_by_id checks the two agree.
SPECS: tuple[DemoSpec, ...] = (
    saddle_escape.SPEC,
    flat_vs_sharp.SPEC,
    batch_gradient_noise.SPEC,
    batch_size_sharpness.SPEC,
    lr_schedules.SPEC,
    lr_warmup.SPEC,
    lr_cyclic.SPEC,
    ema_window.SPEC,
    optimizer_race.SPEC,
    momentum_dynamics.SPEC,
    adaptive_lr.SPEC,
    sam_vs_sgd.SPEC,
    init_signal_propagation.SPEC,
    covariate_shift.SPEC,
    batchnorm_train_eval.SPEC,
    batchnorm_rnn.SPEC,
    bn_vs_ln.SPEC,
    grid_vs_random.SPEC,
    bayesian_optimization.SPEC,
    hyperband.SPEC,
    architecture_search.SPEC,
    batched_sweep.SPEC,
    l1_vs_l2.SPEC,
    weight_decay.SPEC,
    early_stopping.SPEC,
    dropout.SPEC,
    dropout_bn_variance_shift.SPEC,
    rnn_dropout.SPEC,
)


@cache
def _specs_by_id() -> dict[str, DemoSpec]:
    specs: dict[str, DemoSpec] = {}
    for spec in SPECS:
        if spec.id not in DEMO_SECTIONS:
            raise RuntimeError(f"demo '{spec.id}' is not in the catalogue (quizapp/domain/catalogue.py)")
        if DEMO_SECTIONS[spec.id] != spec.section:
            raise RuntimeError(f"demo '{spec.id}': section {spec.section} differs from the catalogue's")
        if spec.id in specs:
            raise RuntimeError(f"demo '{spec.id}' is registered twice")
        specs[spec.id] = spec
    missing = set(DEMO_SECTIONS) - set(specs)
    if missing:
        raise RuntimeError(f"catalogued demos without a spec: {', '.join(sorted(missing))}")
    # catalogue order, so lists read by section
    order = list(DEMO_SECTIONS)
    return dict(sorted(specs.items(), key=lambda kv: order.index(kv[0])))


def all_specs() -> list[DemoSpec]:
    return list(_specs_by_id().values())


def get_spec(demo_id: str) -> DemoSpec:
    try:
        return _specs_by_id()[demo_id]
    except KeyError:
        raise UnknownDemoError(DemoText.tr(
            "unknown demo '{demo}'; run 'quizapp demo list' to see the demo ids").format(demo=demo_id)) from None
