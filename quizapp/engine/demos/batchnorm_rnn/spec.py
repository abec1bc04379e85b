"""The batchnorm-rnn demo: its parameters and texts. Pure Python (listing demos imports no torch);
the computation is in compute.py beside it, imported only when the demo runs."""
from __future__ import annotations

from quizapp.engine.spec import DemoSpec, Param, RunFunction, WorkLimit

# Every drawn batch goes through the RNN at once: repeats × batch_size × max_len × hidden float32
# values, held together (the maxima asked for 52 GB).
LIMITS = (WorkLimit(lambda v: v["repeats"] * v["batch_size"] * v["max_len"] * v["hidden"], 2**24,
                    "repeats × batch_size × max_len × hidden", ("repeats", "batch_size", "max_len", "hidden")),)


def _load_run() -> RunFunction:
    from quizapp.engine.demos.batchnorm_rnn.compute import run

    return run


SPEC = DemoSpec(
    id="batchnorm-rnn", section="7.5", title_en="BatchNorm in an RNN: per-time-step statistics",
    title_zh="RNN 中的批归一化：逐时间步统计量",
    load_run=_load_run, limits=LIMITS,
    summary_en=("Variable-length sequences through an nn.RNN: BN statistics per time step rest only on "
                "the sequences still running, so late steps are estimated from a handful of samples "
                "and their mean estimate has variance σ_t²/n_t."),
    summary_zh=("变长序列经过 nn.RNN：每个时间步的 BN 统计量只基于仍未结束的序列，"
                "因此靠后的时间步只由少数样本估计，均值估计的方差为 σ_t²/n_t。"),
    params=(
        Param("batch_size", "int", 32, "Batch size", "批大小", low=2, high=256, log=True, unit="sequences",
              help_en="Sequences per batch.", help_zh="每批的序列数。"),
        Param("max_len", "int", 60, "Longest sequence", "最长序列长度", low=5, high=200, unit="steps",
              help_en="Lengths are capped at this many time steps.", help_zh="序列长度的上限（时间步）。"),
        Param("mean_len", "float", 12.0, "Mean length", "平均长度", low=1.0, high=200.0, unit="steps",
              help_en="Lengths are 1 + a geometric count with this mean (capped): "
                      "most sequences are short, a few long.",
              help_zh="长度为 1 + 几何分布计数，均值为此（有上限）：多数序列短，少数很长。"),
        Param("min_count", "int", 5, "Too few samples below", "样本过少阈值", low=2, high=64, unit="samples",
              help_en="Time steps resting on fewer sequences than this are flagged as unreliable.",
              help_zh="所基于序列数少于此值的时间步被标为不可靠。"),
        Param("hidden", "int", 16, "RNN hidden size", "RNN 隐藏维度", low=2, high=128, log=True, unit="units",
              help_en="Hidden units of the tanh nn.RNN; unit 0's pre-BN value is analysed.",
              help_zh="tanh nn.RNN 的隐藏单元数；分析单元 0 在 BN 之前的值。"),
        Param("repeats", "int", 300, "Batches drawn", "抽取的批次数", low=10, high=2000, unit="batches",
              help_en="Batches with the same lengths but fresh sequences, to measure each step's estimate spread.",
              help_zh="长度相同但序列重新抽取的批次数，用于测量每个时间步估计值的离散程度。"),
    ),
)
