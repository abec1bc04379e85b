"""rnn-dropout: dropout on a recurrent net's recurrent connection, a new mask at every time step
against the same mask for the whole sequence (variational dropout, Gal & Ghahramani 2016).

An nn.RNNCell reads a sequence whose first input is the label's sign (±1) and whose other inputs
are noise; a linear head reads the last hidden state, so the net must carry the first input
through every step. Dropout multiplies the hidden state fed back into the cell, h_{t−1} ⊙ m_t,
by masks m of Bernoulli(1 − p)/(1 − p) entries (unbiased, as nn.Dropout's): either drawn anew
for every t, or drawn once per sequence and reused at every step. Three copies of one
initialized net (no dropout, per-step, per-sequence) train with Adam on the same batches and are
evaluated without dropout. A probe sequence goes through the no-dropout net's current weights
under many masks of each kind: the share of units never dropped up to step t — the units whose
memory of the first input was never cut: (1 − p)^(t−1) with per-step masks, 1 − p with one mask
per sequence — and the variance of h_t over the masks, by step (0 at t = 1, where no mask has
acted yet: h_0 = 0).
"""
from __future__ import annotations

import copy
import math
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import torch
from torch import nn

from quizapp.engine.context import RunContext
from quizapp.engine.pacing import FramePacer
from quizapp.engine.result import DemoResult, Frame, Panel, Series
from quizapp.i18n.text import DemoText

SCHEMES = ("none", "per_step", "per_sequence")
LABELS = {"none": ("no dropout", "不使用丢弃"), "per_step": ("new mask every step", "每个时间步换新掩码"),
          "per_sequence": ("same mask per sequence (variational)", "整个序列同一掩码（变分丢弃）")}
COLORS = {"none": "0.35", "per_step": "#D55E00", "per_sequence": "#0072B2"}
NOISE = 0.5  # std of the distracting inputs after the first
VALIDATION = 512  # sequences the nets are evaluated on
EVALUATIONS = 60  # about this many evaluations per run


def recurrent_masks(scheme: str, p: float, steps: int, batch: int, hidden: int,
                    generator: torch.Generator, device: torch.device) -> torch.Tensor:
    """(steps, batch, hidden) multipliers of h_{t−1}: ones (no dropout), fresh Bernoulli(1−p)/(1−p)
    per step, or one such mask per sequence repeated at every step."""
    if scheme == "none" or p == 0.0:
        return torch.ones(steps, batch, hidden, device=device)
    keep = torch.full((batch, hidden), 1.0 - p, device=device)
    if scheme == "per_step":
        return torch.bernoulli(keep.expand(steps, batch, hidden), generator=generator) / (1.0 - p)
    return (torch.bernoulli(keep, generator=generator) / (1.0 - p)).expand(steps, batch, hidden)


class RecurrentNet(nn.Module):
    """nn.RNNCell (tanh) over the sequence, a linear head on the last hidden state."""

    def __init__(self, hidden: int) -> None:
        super().__init__()
        self.cell = nn.RNNCell(1, hidden)
        self.head = nn.Linear(hidden, 1)

    def states(self, x: torch.Tensor, masks: torch.Tensor) -> torch.Tensor:
        """Hidden states (steps, batch, hidden) for inputs x (steps, batch, 1)."""
        h = torch.zeros(x.shape[1], self.cell.hidden_size, device=x.device)
        out = []
        for t in range(x.shape[0]):
            h = self.cell(x[t], h * masks[t])
            out.append(h)
        return torch.stack(out)

    def forward(self, x: torch.Tensor, masks: torch.Tensor) -> torch.Tensor:
        logits: torch.Tensor = self.head(self.states(x, masks)[-1])
        return logits.squeeze(-1)


def make_batch(batch: int, steps: int, generator: torch.Generator,
               device: torch.device) -> tuple[torch.Tensor, torch.Tensor]:
    """Sequences (steps, batch, 1): the first input is the label's sign, the rest noise."""
    labels = torch.randint(0, 2, (batch,), generator=generator, device=device).float()
    x = NOISE * torch.randn(steps, batch, 1, generator=generator, device=device)
    x[0, :, 0] = 2.0 * labels - 1.0
    return x, labels


@dataclass
class Curves:
    steps: list[float] = field(default_factory=list)
    loss: dict[str, list[float]] = field(default_factory=lambda: {s: [] for s in SCHEMES})
    accuracy: dict[str, list[float]] = field(default_factory=lambda: {s: [] for s in SCHEMES})


class Training:
    """The three nets, trained in lockstep on the same batches (each scheme its own mask stream)."""

    def __init__(self, p: dict[str, Any], ctx: RunContext) -> None:
        self.p, self.ctx, dev = p, ctx, ctx.device
        torch.manual_seed(ctx.seed)  # nn.RNNCell / nn.Linear draw their init from the global RNG
        base = RecurrentNet(p["hidden"]).to(dev)
        self.nets = {s: copy.deepcopy(base) for s in SCHEMES}
        self.opts = {s: torch.optim.Adam(net.parameters(), lr=p["lr"]) for s, net in self.nets.items()}
        self.mask_gens = {s: torch.Generator(device=dev).manual_seed(ctx.seed * 10 + i + 1)
                          for i, s in enumerate(SCHEMES)}
        self.data_gen = torch.Generator(device=dev).manual_seed(ctx.seed * 10)
        val_gen = torch.Generator(device=dev).manual_seed(ctx.seed * 10 + 9)
        self.val_x, self.val_y = make_batch(VALIDATION, p["seq_len"], val_gen, dev)
        self.probe = make_batch(1, p["seq_len"], val_gen, dev)[0]  # the one sequence of the spread panel
        self.t = 0
        self.every = max(1, p["train_steps"] // EVALUATIONS)
        self.curves = Curves()
        self.diverged = False
        self.last_masks: dict[str, torch.Tensor] = {}
        self.evaluate()

    def step(self) -> None:
        p, dev = self.p, self.ctx.device
        x, y = make_batch(p["batch"], p["seq_len"], self.data_gen, dev)
        for scheme, net in self.nets.items():
            masks = recurrent_masks(scheme, p["p_drop"], p["seq_len"], p["batch"], p["hidden"],
                                    self.mask_gens[scheme], dev)
            self.last_masks[scheme] = masks
            self.opts[scheme].zero_grad(set_to_none=True)
            loss = nn.functional.binary_cross_entropy_with_logits(net(x, masks), y)
            if not math.isfinite(loss.item()):
                self.diverged = True
                return
            loss.backward()
            self.opts[scheme].step()
        self.t += 1
        if self.t % self.every == 0 or self.t == p["train_steps"]:
            self.evaluate()

    @torch.no_grad()
    def evaluate(self) -> None:
        ones = torch.ones(self.p["seq_len"], VALIDATION, self.p["hidden"], device=self.ctx.device)
        self.curves.steps.append(float(self.t))
        for scheme, net in self.nets.items():
            logits = net(self.val_x, ones)
            self.curves.loss[scheme].append(
                float(nn.functional.binary_cross_entropy_with_logits(logits, self.val_y)))
            self.curves.accuracy[scheme].append(float(((logits > 0).float() == self.val_y).float().mean()))

    @torch.no_grad()
    def probe_masks(self) -> dict[str, torch.Tensor]:
        """`masks` masks of each kind for the probe sequence (a fixed stream: the same every frame)."""
        p, dev = self.p, self.ctx.device
        return {scheme: recurrent_masks(scheme, p["p_drop"], p["seq_len"], p["masks"], p["hidden"],
                                        torch.Generator(device=dev).manual_seed(self.ctx.seed * 10 + 7 + i), dev)
                for i, scheme in enumerate(("per_step", "per_sequence"))}

    @torch.no_grad()
    def hidden_variance(self, masks: dict[str, torch.Tensor]) -> dict[str, list[float]]:
        """Var over the masks of h_t, averaged over units, for t = 1 … T: the probe sequence
        through the no-dropout net's current weights."""
        x = self.probe.expand(-1, self.p["masks"], -1)
        return {scheme: self.nets["none"].states(x, m).var(dim=1).mean(dim=1).tolist() for scheme, m in masks.items()}

    @property
    def done(self) -> bool:
        return self.t >= self.p["train_steps"] or self.diverged


def kept_share(masks: torch.Tensor) -> list[float]:
    """Share of (sequence, unit) pairs whose mask was non-zero at every step 2 … t (the mask of
    step 1 multiplies h_0 = 0 and cuts nothing), for t = 1 … T."""
    kept = (masks[1:] != 0).cumprod(dim=0).float().mean(dim=(1, 2))
    return [1.0] + kept.tolist()


def _series(tr: Training, masks: dict[str, torch.Tensor]) -> list[Series]:
    variance = tr.hidden_variance(masks)
    q, T = 1.0 - tr.p["p_drop"], tr.p["seq_len"]
    t_all = [float(t) for t in range(1, T + 1)]
    out = []
    for scheme, theory, theory_label in (("per_step", [q ** (t - 1) for t in range(1, T + 1)], "(1−p)^(t−1)"),
                                         ("per_sequence", [1.0] + [q] * (T - 1), "1−p")):
        en, zh = LABELS[scheme]
        colour = COLORS[scheme]
        kept = kept_share(masks[scheme])
        shown = [i for i, v in enumerate(kept) if v > 0]  # an exact 0 (every unit cut) is off the log axis
        out.append(Series(en, [t_all[i] for i in shown], [kept[i] for i in shown], "kept", "line",
                          style={"color": colour, "lw": 1.8, "marker": "o", "ms": 2.5, "label_zh": zh}))
        out.append(Series(f"{en}: {theory_label}", t_all, theory, "kept", "line",
                          style={"color": colour, "lw": 1.0, "ls": "--", "label_zh": f"{zh}：{theory_label}"}))
        # t = 1 has variance exactly 0 (no mask has acted yet), and so has every t when p = 0:
        # the log axis shows the positive values
        shown = [i for i, v in enumerate(variance[scheme]) if v > 0]
        out.append(Series(f"_{en} variance", [t_all[i] for i in shown], [variance[scheme][i] for i in shown],
                          "variance", "line", style={"color": colour, "lw": 1.8, "marker": "o", "ms": 2.5}))
    for scheme in SCHEMES:
        en, zh = LABELS[scheme]
        out.append(Series(f"validation loss: {en}", tr.curves.steps, tr.curves.loss[scheme], "loss", "line",
                          style={"color": COLORS[scheme], "lw": 1.6, "ls": "--" if scheme == "none" else "-",
                                 "label_zh": f"验证损失：{zh}"}))
    return out


def _panels(p: dict[str, Any]) -> list[Panel]:
    return [
        Panel("kept", f"Units never dropped up to step t, p = {p['p_drop']:g}",
              f"到第 t 步为止从未被丢弃的单元，p = {p['p_drop']:g}", xlabel="time step $t$",
              ylabel="share of units", xlabel_zh="时间步 t", ylabel_zh="单元比例", yscale="log"),
        Panel("variance", "Spread of the hidden state over masks", "隐状态在不同掩码下的方差",
              xlabel="time step $t$", ylabel=r"$\mathrm{Var}_m[h_t]$ (mean over units)", xlabel_zh="时间步 t",
              ylabel_zh="Var_m[h_t]（各单元平均）", yscale="log"),
        Panel("loss", "Validation loss (evaluated without dropout)", "验证损失（评估时不使用丢弃）",
              xlabel="training step", ylabel="binary cross-entropy", xlabel_zh="训练步数", ylabel_zh="二元交叉熵",
              yscale="log"),
    ]


def _metrics(tr: Training, masks: dict[str, torch.Tensor]) -> dict[str, Any]:
    variance = tr.hidden_variance(masks)
    q, T = 1.0 - tr.p["p_drop"], tr.p["seq_len"]
    m: dict[str, Any] = {"p_drop": tr.p["p_drop"], "keep_probability": q}
    for scheme in SCHEMES:
        m[f"{scheme}_final_val_loss"] = tr.curves.loss[scheme][-1]
        m[f"{scheme}_final_val_accuracy"] = tr.curves.accuracy[scheme][-1]
    for scheme in ("per_step", "per_sequence"):
        m[f"kept_all_steps_{scheme}"] = kept_share(masks[scheme])[-1]
        m[f"hidden_variance_first_{scheme}"] = variance[scheme][0]
        m[f"hidden_variance_last_{scheme}"] = variance[scheme][-1]
    m["kept_all_steps_theory_per_step"] = q ** (T - 1)
    m["kept_all_steps_theory_per_sequence"] = q if T > 1 else 1.0
    if tr.last_masks:  # the masks of the last training batch, as used
        per_seq, per_step = tr.last_masks["per_sequence"], tr.last_masks["per_step"]
        m["per_sequence_mask_constant_over_time"] = bool((per_seq == per_seq[0]).all())
        m["per_step_mask_changed_share"] = float((per_step[1:] != per_step[:-1]).float().mean())
        m["per_step_mask_changed_share_theory"] = 2 * q * (1 - q)
        m["mask_mean_per_step"] = float(per_step.mean())
    m["diverged"] = tr.diverged
    return m


def run(p: dict[str, Any], ctx: RunContext) -> Iterator[Frame | DemoResult]:
    tr = Training(p, ctx)
    masks = tr.probe_masks()
    panels = _panels(p)
    yield Frame(0.0, _series(tr, masks), panels)
    pacer = FramePacer(started=True)
    while not tr.done:
        ctx.check_cancelled()
        tr.step()
        if not tr.done and pacer.due():
            yield Frame(tr.t / p["train_steps"], _series(tr, masks), panels)
    keep = 1 - p["p_drop"]
    messages = [DemoText.tr("PyTorch's p = {p} is the drop probability: each unit of h is kept with probability "
                            "{keep} and scaled by 1/{keep}.").format(p=f"{p['p_drop']:g}", keep=f"{keep:g}")]
    if tr.diverged:
        messages.append(DemoText.tr("training diverged at step {step}: lower the learning rate.").format(step=tr.t))
    yield ctx.result(_series(tr, masks), panels, _metrics(tr, masks), messages)
