"""The registry of demo specs. Importing it (and listing demos) never imports torch."""
from __future__ import annotations

import importlib
from functools import cache

from quizapp.domain.catalogue import DEMO_SECTIONS
from quizapp.engine.errors import UnknownDemoError
from quizapp.engine.spec import DemoSpec

# Each module defines SPECS: tuple[DemoSpec, ...]; they hold specs only (no torch imports).
_SPEC_MODULES = (
    "quizapp.engine.specs.optimization",
    "quizapp.engine.specs.training",
    "quizapp.engine.specs.regularization",
    "quizapp.engine.specs.search",
)


@cache
def _specs_by_id() -> dict[str, DemoSpec]:
    specs: dict[str, DemoSpec] = {}
    for module_name in _SPEC_MODULES:
        try:
            module = importlib.import_module(module_name)
        except ModuleNotFoundError as exc:
            if exc.name == module_name:  # a spec group not written yet
                continue
            raise
        for spec in module.SPECS:
            if spec.id not in DEMO_SECTIONS:
                raise RuntimeError(f"demo '{spec.id}' is not in the catalogue (quizapp/domain/catalogue.py)")
            if DEMO_SECTIONS[spec.id] != spec.section:
                raise RuntimeError(f"demo '{spec.id}': section {spec.section} differs from the catalogue's")
            if spec.id in specs:
                raise RuntimeError(f"demo '{spec.id}' is registered twice")
            specs[spec.id] = spec
    # catalogue order, so lists read by section
    order = list(DEMO_SECTIONS)
    return dict(sorted(specs.items(), key=lambda kv: order.index(kv[0])))


def all_specs() -> list[DemoSpec]:
    return list(_specs_by_id().values())


def get_spec(demo_id: str) -> DemoSpec:
    try:
        return _specs_by_id()[demo_id]
    except KeyError:
        raise UnknownDemoError(
            f"unknown demo '{demo_id}'; run 'quizapp demo list' to see the demo ids") from None
