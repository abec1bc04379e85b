"""The rnn-dropout demo: its parameters and texts. Pure Python (listing demos imports no torch);
the computation is in compute.py beside it, imported only when the demo runs."""
from __future__ import annotations

from quizapp.engine.spec import DemoSpec, Param, RunFunction, WorkLimit

# Three nets step through every time step of every batch: train_steps × seq_len cell calls each
# (a fixed cost per call dominates at these sizes: 591 × 66 of them at batch and hidden 80 took
# 39 s CPU with the frames' probes) and a matmul of batch × hidden² per call.
LIMITS = (
    WorkLimit(lambda v: v["train_steps"] * v["seq_len"], 15_000, "train_steps × seq_len",
              ("train_steps", "seq_len")),
    WorkLimit(lambda v: v["train_steps"] * v["seq_len"] * v["batch"] * v["hidden"] ** 2, 5e9,
              "train_steps × seq_len × batch × hidden²", ("train_steps", "seq_len", "batch", "hidden")),
)


def _load_run() -> RunFunction:
    from quizapp.engine.demos.rnn_dropout.compute import run

    return run


SPEC = DemoSpec(
    id="rnn-dropout", section="7.7",
    title_en="Dropout in RNNs: a new mask every step vs one mask per sequence",
    title_zh="循环神经网络中的丢弃法：每步换掩码与整个序列同一掩码",
    load_run=_load_run, streams=True, limits=LIMITS,
    params=(
        Param("p_drop", "float", 0.3, "Drop probability p", "丢弃概率 p", low=0.0, high=0.9,
              help_en="Share of hidden units zeroed on the recurrent connection h_{t−1} → h_t "
                      "(PyTorch's p; the notes' keep probability is 1 − p).",
              help_zh="循环连接 h_{t−1} → h_t 上被置零的隐藏单元比例（PyTorch 的 p；笔记中的保留概率为 1 − p）。"),
        Param("seq_len", "int", 20, "Sequence length T", "序列长度 T", low=5, high=100, unit="steps",
              help_en="Steps between the input to remember (the first) and the answer (after the last).",
              help_zh="要记住的输入（第一个）与给出答案（最后一步之后）之间的时间步数。"),
        Param("hidden", "int", 32, "Hidden units", "隐藏单元数", low=4, high=128, log=True, unit="units",
              help_en="Size of the nn.RNNCell's hidden state.", help_zh="nn.RNNCell 隐状态的维度。"),
        Param("train_steps", "int", 300, "Training steps", "训练步数", low=20, high=1000, log=True, unit="steps",
              help_en="Adam steps of each of the three nets (the same batches for all).",
              help_zh="三个网络各自的 Adam 训练步数（使用相同的小批量）。"),
        Param("batch", "int", 32, "Batch size", "批大小", low=4, high=128, log=True, unit="sequences",
              help_en="Sequences per training step.", help_zh="每个训练步的序列数。"),
        Param("lr", "float", 0.01, "Learning rate", "学习率", low=1e-4, high=0.1, log=True,
              help_en="Adam's learning rate.", help_zh="Adam 的学习率。"),
        Param("masks", "int", 200, "Masks for the spread", "方差面板的掩码数", low=10, high=2000, log=True,
              help_en="Masks of each kind the probe sequence is fed through to measure Var_m[h_t].",
              help_zh="为测量 Var_m[h_t]，探测序列在每种掩码下各运行的次数。"),
    ),
    summary_en=("Dropout on an RNN's recurrent connection: drawing a new mask at every time step injects "
                "fresh noise at each step and no unit carries the memory for long, while one mask per "
                "sequence (variational dropout, the same mask at every step) removes the same units for the "
                "whole sequence and leaves the others' memory intact. A net must recall its first input after "
                "T steps: the spread of the hidden state over masks by step, and the training curves of no "
                "dropout, per-step and per-sequence masks."),
    summary_zh=("对循环神经网络的循环连接使用丢弃法：每个时间步都换新掩码，会在每一步注入新的噪声，没有哪个单元能长期保持记忆；"
                "而整个序列用同一掩码（变分丢弃，每个时间步相同）在整个序列中去掉同一批单元，其余单元的记忆不受影响。"
                "网络需要在 T 步之后回忆第一个输入：展示隐状态在不同掩码下的方差随时间步的变化，以及不使用丢弃、"
                "每步换掩码和整个序列同一掩码三种情况的训练曲线。"),
)
