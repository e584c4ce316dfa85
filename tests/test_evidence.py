"""The chain-of-thought error table: the paper's counts and what follows from them."""

from __future__ import annotations

from fractions import Fraction

from emergence.evidence import cot_errors


def test_counts_from_the_paper():
    table = cot_errors()
    # "manually reading 45 errors made by PaLM 62B": 20 semantic, 18 one step missing, 7 other
    assert table.total == 45
    assert dict(zip(table.categories, table.errors)) == {"semantic": 20, "one_step_missing": 18, "other": 7}
    assert dict(zip(table.categories, table.fixed)) == {"semantic": 6, "one_step_missing": 12, "other": 4}


def test_shares_fix_rates_and_what_remains():
    table = cot_errors()
    assert table.share == (Fraction(4, 9), Fraction(2, 5), Fraction(7, 45))  # 44.4 %, 40 %, 15.6 %
    assert table.fix_rate == (Fraction(3, 10), Fraction(2, 3), Fraction(4, 7))
    assert sum(table.fixed) == 22 and table.remaining == (14, 6, 3)
    # the one-step-missing category is the one scale fixed best
    assert max(zip(table.fix_rate, table.categories))[1] == "one_step_missing"


def test_json_holds_the_derived_numbers():
    d = cot_errors().to_dict()
    assert d["total"] == 45 and d["remaining"] == [14, 6, 3]
    assert d["share"] == [4 / 9, 2 / 5, 7 / 45] and d["fix_rate"] == [3 / 10, 2 / 3, 4 / 7]
