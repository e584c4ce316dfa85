"""What every command says, whatever its hypothesis."""

from emergence.i18n import Catalog

T = Catalog(
    en={
        "plot": "figure written to {path}",
        "seed": "seed: {seed} (repeat with --seed {seed})",
        "quantity": "quantity",
        "value": "value",
        "yes": "yes",
        "no": "no",
    },
    zh={
        "plot": "图已写入 {path}",
        "seed": "随机种子：{seed}（用 --seed {seed} 可重现）",
        "quantity": "量",
        "value": "值",
        "yes": "是",
        "no": "否",
    },
)
