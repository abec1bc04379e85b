"""Demo specifications: typed, validated parameters. Pure Python: no torch here.

Listing demos, building the UI's controls and validating deck presets all go through these
specs, so none of them has to import torch.
"""
from __future__ import annotations

import math
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Literal

from quizapp.engine.errors import ParamError
from quizapp.i18n.text import DemoText

if TYPE_CHECKING:
    from quizapp.engine.context import RunContext
    from quizapp.engine.result import DemoResult, Frame

# A demo's run function: a generator of Frames ending with the DemoResult, or the result itself.
RunFunction = Callable[[dict[str, Any], "RunContext"], "Iterator[Frame | DemoResult] | DemoResult"]

ParamKind = Literal["float", "int", "choice", "bool"]

_TRUE_WORDS = {"1", "true", "yes", "on"}
_FALSE_WORDS = {"0", "false", "no", "off"}


@dataclass(frozen=True)
class Param:
    """One demo parameter. `low`/`high` are inclusive bounds for float and int kinds."""

    name: str
    kind: ParamKind
    default: Any
    label_en: str
    label_zh: str
    low: float | None = None
    high: float | None = None
    log: bool = False
    choices: tuple[str, ...] = ()
    unit: str = ""
    help_en: str = ""
    help_zh: str = ""

    def __post_init__(self) -> None:
        if self.kind in ("float", "int"):
            if self.low is None or self.high is None or not self.low <= self.high:
                raise ValueError(f"param {self.name}: numeric params need low <= high")
            if self.log and self.low <= 0:
                raise ValueError(f"param {self.name}: a log-scale range must be positive")
        if self.kind == "choice" and not self.choices:
            raise ValueError(f"param {self.name}: a choice param needs choices")
        self.coerce(self.default)  # the default itself must be valid

    def describe_range(self) -> str:
        """What the parameter accepts, in the interface language: "a number in [0.001, 1] (log scale)"."""
        if self.kind == "float":
            return (DemoText.tr("a number in [{low}, {high}] (log scale)") if self.log
                    else DemoText.tr("a number in [{low}, {high}]")).format(low=f"{self.low:g}", high=f"{self.high:g}")
        if self.kind == "int":
            return DemoText.tr("an integer in [{low}, {high}]").format(low=int(self.low),  # type: ignore[arg-type]
                                                                        high=int(self.high))  # type: ignore[arg-type]
        if self.kind == "bool":
            return DemoText.tr("true or false")
        return DemoText.tr("one of {choices}").format(choices=", ".join(self.choices))

    def _fail(self, raw: Any) -> ParamError:
        # one whole sentence per kind, so that a translation can put the range where its grammar wants it
        if self.kind == "float":
            text = (DemoText.tr("parameter '{name}' must be a number in [{low}, {high}] (log scale), got {value}")
                    if self.log else DemoText.tr("parameter '{name}' must be a number in [{low}, {high}], got {value}"))
            bounds: dict[str, Any] = {"low": f"{self.low:g}", "high": f"{self.high:g}"}
        elif self.kind == "int":
            text = DemoText.tr("parameter '{name}' must be an integer in [{low}, {high}], got {value}")
            bounds = {"low": int(self.low), "high": int(self.high)}  # type: ignore[arg-type]
        elif self.kind == "bool":
            text, bounds = DemoText.tr("parameter '{name}' must be true or false, got {value}"), {}
        else:
            text = DemoText.tr("parameter '{name}' must be one of {choices}, got {value}")
            bounds = {"choices": ", ".join(self.choices)}
        return ParamError(self.name, text.format(name=self.name, value=repr(raw), **bounds))

    def coerce(self, raw: Any) -> Any:
        """Turn a raw value (a CLI string, a TOML value, a widget value) into a valid value."""
        if self.kind == "bool":
            if isinstance(raw, bool):
                return raw
            if isinstance(raw, str) and raw.strip().lower() in _TRUE_WORDS | _FALSE_WORDS:
                return raw.strip().lower() in _TRUE_WORDS
            raise self._fail(raw)
        if self.kind == "choice":
            if isinstance(raw, str) and raw in self.choices:
                return raw
            raise self._fail(raw)
        if isinstance(raw, bool):
            raise self._fail(raw)
        try:
            if self.kind == "int":
                if isinstance(raw, float):
                    if not raw.is_integer():
                        raise ValueError
                    raw = int(raw)
                value: float = int(raw) if not isinstance(raw, str) else int(raw.strip())
            else:
                value = float(raw)
        except (TypeError, ValueError):
            raise self._fail(raw) from None
        if not math.isfinite(value) or not (self.low <= value <= self.high):  # type: ignore[operator]
            raise self._fail(raw)
        return value

    def to_dict(self) -> dict[str, Any]:
        d: dict[str, Any] = {
            "name": self.name, "kind": self.kind, "default": self.default,
            "label_en": self.label_en, "label_zh": self.label_zh,
        }
        if self.kind in ("float", "int"):
            d.update(low=self.low, high=self.high, log=self.log)
        if self.kind == "choice":
            d["choices"] = list(self.choices)
        if self.unit:
            d["unit"] = self.unit
        if self.help_en:
            d["help_en"] = self.help_en
        if self.help_zh:
            d["help_zh"] = self.help_zh
        return d


SEED_PARAM = Param("seed", "int", 0, "Random seed", "随机种子", low=0, high=2**31 - 1,
                   help_en="Same seed, same numbers.", help_zh="相同的种子得到相同的结果。")


@dataclass(frozen=True)
class WorkLimit:
    """A range is a promise: every in-range combination must run within the demo budget. Where
    the ranges alone would allow a run of minutes or gigabytes, the spec bounds the work instead:
    `cost(params)` (in the demo's own unit, proportional to time and memory) may be at most
    `limit`, and a combination above it is refused with a message naming `params`."""

    cost: Callable[[Mapping[str, Any]], float]
    limit: float
    formula: str  # the cost in the parameters' names, for the message: "depth × width² × batch"
    params: tuple[str, ...]  # the parameters the cost depends on

    def problem(self, demo_id: str, values: Mapping[str, Any]) -> str | None:
        cost = self.cost(values)
        if cost <= self.limit:
            return None
        given = ", ".join(f"{name}={values[name]}" for name in self.params)
        return DemoText.tr("demo '{demo}': {formula} = {cost} is over the limit {limit} ({given}); "
                           "lower {names}").format(
            demo=demo_id, formula=self.formula, cost=f"{cost:.3g}", limit=f"{self.limit:.3g}", given=given,
            names=DemoText.tr(" or ").join(self.params))


@dataclass(frozen=True)
class DemoSpec:
    """What a demo is and what it accepts. `load_run` imports and returns its run function; it is
    called only when the demo runs (the run function's module may import torch)."""

    id: str
    section: str
    title_en: str
    title_zh: str
    load_run: Callable[[], RunFunction] = field(repr=False)
    params: tuple[Param, ...]
    summary_en: str = ""
    summary_zh: str = ""
    streams: bool = False  # True for training-style demos that yield frames while they run
    limits: tuple[WorkLimit, ...] = field(default=(), repr=False)  # work bounds beyond the ranges
    seed_param: bool = field(default=True, repr=False)

    def __post_init__(self) -> None:
        names = [p.name for p in self.params]
        if len(set(names)) != len(names):
            raise ValueError(f"demo {self.id}: duplicate parameter names")
        if self.seed_param and "seed" not in names:
            object.__setattr__(self, "params", self.params + (SEED_PARAM,))

    def title(self, lang: str) -> str:
        return self.title_zh if lang == "zh" else self.title_en

    def param(self, name: str) -> Param:
        for p in self.params:
            if p.name == name:
                return p
        raise ParamError(name, DemoText.tr("demo '{demo}' has no parameter '{name}'; it takes: {names}").format(
            demo=self.id, name=name, names=", ".join(p.name for p in self.params)))

    def defaults(self) -> dict[str, Any]:
        return {p.name: p.default for p in self.params}

    def resolve(self, overrides: Mapping[str, Any] | None = None) -> dict[str, Any]:
        """Defaults overlaid with validated overrides. Raises ParamError on the first bad one."""
        values = self.defaults()
        for name, raw in (overrides or {}).items():
            values[name] = self.param(name).coerce(raw)
        for limit in self.limits:
            problem = limit.problem(self.id, values)
            if problem is not None:
                named = [n for n in limit.params if n in (overrides or {})]
                raise ParamError((named or list(limit.params))[0], problem)
        return values

    def problems(self, overrides: Mapping[str, Any]) -> list[str]:
        """Every problem with `overrides` (for the deck validator, which reports all at once)."""
        out = []
        for name, raw in overrides.items():
            try:
                self.param(name).coerce(raw)
            except ParamError as exc:
                out.append(str(exc))
        if not out:
            try:
                self.resolve(overrides)
            except ParamError as exc:
                out.append(str(exc))
        return out

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id, "section": self.section, "title_en": self.title_en,
            "title_zh": self.title_zh, "summary_en": self.summary_en, "summary_zh": self.summary_zh,
            "streams": self.streams, "params": [p.to_dict() for p in self.params],
            "limits": [{"formula": lim.formula, "limit": lim.limit, "params": list(lim.params)}
                       for lim in self.limits],
        }
