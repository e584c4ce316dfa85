"""What every command says, whatever its hypothesis."""

from emergence.i18n import Catalog

T = Catalog(
    en={
        "plot": "figure written to {path}",
        "seed": "seed: {seed} (repeat with --seed {seed})",
        "seed_default": "seed: {seed} (the default; change it with --seed N)",
        "quantity": "quantity",
        "value": "value",
        "yes": "yes",
        "no": "no",
        "details": "Details",
        "size": "model size",
        "csv_written": "synthetic table written to {path} ({rows} rows)",
        "synthetic": "synthetic data from the toolkit's own models, not real model results",
    },
    zh={
        "plot": "图已写入 {path}",
        "seed": "随机种子：{seed}（用 --seed {seed} 可重现）",
        "seed_default": "随机种子：{seed}（默认值；可用 --seed N 更换）",
        "quantity": "量",
        "value": "值",
        "yes": "是",
        "no": "否",
        "details": "细节",
        "size": "模型规模",
        "csv_written": "合成数据表已写入 {path}（{rows} 行）",
        "synthetic": "由本工具包自己的模型生成的合成数据，不是真实模型的结果",
    },
)
