"""rnn-dropout: the two ways of dropping a recurrent connection, in numbers."""
from __future__ import annotations

import os

import pytest
import torch

from quizapp.engine.demos.rnn_dropout import compute as rnn
from quizapp.engine.runner import run_demo

DEVICE = os.environ.get("QUIZAPP_TEST_DEVICE", "cpu")


@pytest.mark.parametrize("p", [0.2, 0.5])
def test_masks_one_per_sequence_or_new_every_step_both_unbiased(p: float) -> None:
    gen = torch.Generator().manual_seed(0)
    per_seq = rnn.recurrent_masks("per_sequence", p, 12, 500, 64, gen, torch.device("cpu"))
    per_step = rnn.recurrent_masks("per_step", p, 12, 500, 64, gen, torch.device("cpu"))
    assert torch.equal(per_seq, per_seq[0].expand_as(per_seq))  # the same mask at every step
    assert set(per_step.unique().tolist()) == set(per_seq.unique().tolist()) == {0.0, 1 / (1 - p)}
    for masks in (per_seq, per_step):  # E[m] = 1: kept units are scaled by 1/(1 − p), as nn.Dropout's
        assert float(masks.mean()) == pytest.approx(1.0, abs=0.02)
    # a unit's mask changes between two steps with probability 2p(1 − p)
    changed = float((per_step[1:] != per_step[:-1]).float().mean())
    assert changed == pytest.approx(2 * p * (1 - p), abs=0.01)


def test_the_cell_is_nn_rnncell_fed_the_masked_state() -> None:
    net = rnn.RecurrentNet(8)
    x = torch.randn(5, 3, 1, generator=torch.Generator().manual_seed(1))
    masks = rnn.recurrent_masks("per_step", 0.4, 5, 3, 8, torch.Generator().manual_seed(2), torch.device("cpu"))
    h = torch.zeros(3, 8)
    for t in range(5):  # h_t = tanh(W_ih x_t + b_ih + W_hh (m_t ⊙ h_{t−1}) + b_hh)
        h = torch.tanh(x[t] @ net.cell.weight_ih.T + net.cell.bias_ih + (masks[t] * h) @ net.cell.weight_hh.T
                       + net.cell.bias_hh)
    torch.testing.assert_close(net.states(x, masks)[-1], h)


@pytest.mark.parametrize("overrides", [{}, {"p_drop": 0.5, "seq_len": 12, "masks": 1000, "train_steps": 60,
                                           "seed": 5}])
def test_per_step_masks_cut_every_units_memory_a_per_sequence_mask_keeps_one_minus_p(overrides: dict) -> None:
    """The notes' point: dropping h_{t−1} anew at every step cuts every unit's path from the first
    input within a few steps ((1 − p)^(T−1) survive), one mask per sequence keeps 1 − p of them."""
    r = run_demo("rnn-dropout", overrides, device=DEVICE)
    m = r.metrics
    q, T = m["keep_probability"], r.params["seq_len"]
    n = r.params["masks"] * r.params["hidden"]
    assert m["kept_all_steps_theory_per_step"] == pytest.approx(q ** (T - 1), rel=1e-12)
    assert m["kept_all_steps_per_sequence"] == pytest.approx(q, abs=4 * (q * (1 - q) / n) ** 0.5)
    assert m["kept_all_steps_per_step"] == pytest.approx(q ** (T - 1), abs=4 * (q ** (T - 1) / n) ** 0.5 + 1e-9)
    assert m["kept_all_steps_per_step"] < m["kept_all_steps_per_sequence"] / 100
    assert m["per_sequence_mask_constant_over_time"] is True
    assert m["per_step_mask_changed_share"] == pytest.approx(m["per_step_mask_changed_share_theory"], abs=0.02)
    # before any mask has acted (h_0 = 0) the hidden state does not depend on the mask at all
    assert m["hidden_variance_first_per_step"] == m["hidden_variance_first_per_sequence"] == 0.0
    assert m["hidden_variance_last_per_step"] > 0 and m["hidden_variance_last_per_sequence"] > 0


def test_without_dropout_the_three_nets_are_the_same_net() -> None:
    m = run_demo("rnn-dropout", {"p_drop": 0.0, "train_steps": 40, "seq_len": 8, "seed": 3}, device=DEVICE).metrics
    assert m["none_final_val_loss"] == m["per_step_final_val_loss"] == m["per_sequence_final_val_loss"]
    assert m["hidden_variance_last_per_step"] == m["hidden_variance_last_per_sequence"] == 0.0
    assert m["kept_all_steps_per_step"] == m["kept_all_steps_per_sequence"] == 1.0


def test_the_net_learns_to_recall_the_first_input() -> None:
    """The task needs memory across all T steps: without dropout the net learns it (evaluated on
    512 fresh sequences), so the curves compare what dropout does to a memory that works."""
    m = run_demo("rnn-dropout", {"seed": 2}, device=DEVICE).metrics
    assert m["none_final_val_accuracy"] > 0.95 and m["none_final_val_loss"] < 0.1
