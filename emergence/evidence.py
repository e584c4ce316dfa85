"""Published evidence for hypothesis 1 that the blog cites: the chain-of-thought error table.

Wei et al. (2022, "Chain-of-Thought Prompting Elicits Reasoning in Large Language Models",
arXiv 2201.11903, appendix A.1 and Fig. 9) read 45 errors of PaLM 62B on GSM8K by hand, sorted
them into three categories, and counted how many of each PaLM 540B fixed. Scale fixed mostly the
"one step missing" errors, the failure of a multi-step chain, as the blog says.
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from typing import Any

from emergence.results import Result


@dataclass(frozen=True)
class CotErrors(Result):
    """Error categories of PaLM 62B and how many PaLM 540B fixed (counts of GSM8K items).

    ``share`` is each category's fraction of the 62B errors, ``fix_rate`` the fraction of it that
    540B fixed, both exact fractions (floats in ``to_dict()``); ``remaining`` = errors - fixed.
    """

    categories: tuple[str, ...]
    errors: tuple[int, ...]
    fixed: tuple[int, ...]

    @property
    def total(self) -> int:
        return sum(self.errors)

    @property
    def share(self) -> tuple[Fraction, ...]:
        return tuple(Fraction(e, self.total) for e in self.errors)

    @property
    def fix_rate(self) -> tuple[Fraction, ...]:
        return tuple(Fraction(f, e) for f, e in zip(self.fixed, self.errors))

    @property
    def remaining(self) -> tuple[int, ...]:
        return tuple(e - f for e, f in zip(self.errors, self.fixed))

    def extra(self) -> dict[str, Any]:
        return {"total": self.total, "share": [float(s) for s in self.share],
                "fix_rate": [float(r) for r in self.fix_rate], "remaining": list(self.remaining)}


def cot_errors() -> CotErrors:
    """Wei et al. (2022): 45 errors of PaLM 62B (semantic understanding 20, one step missing 18,
    other 7; appendix A.1) and those fixed by scaling to 540B (6, 12 and 4; Fig. 9)."""
    return CotErrors(("semantic", "one_step_missing", "other"), (20, 18, 7), (6, 12, 4))
