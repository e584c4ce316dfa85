"""Every text exists in English and Chinese, with the same format fields."""

from __future__ import annotations

import importlib
import pkgutil
import string

import pytest

import emergence
from emergence.i18n import Catalog, default_language


def all_catalogs() -> list[tuple[str, Catalog]]:
    """Every catalog once, named where it is first found (a module that imports one does not define it)."""
    found: dict[int, tuple[str, Catalog]] = {}
    infos = sorted(pkgutil.walk_packages(emergence.__path__, "emergence."), key=lambda i: not i.name.startswith("emergence.i18n"))
    for info in infos:
        module = importlib.import_module(info.name)
        for name, value in vars(module).items():
            if isinstance(value, Catalog):
                found.setdefault(id(value), (f"{info.name}.{name}", value))
    return list(found.values())


def fields(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def test_there_are_catalogs():
    assert len(all_catalogs()) >= 2


@pytest.mark.parametrize("name, catalog", all_catalogs())
def test_same_keys_and_fields_in_both_languages(name, catalog):
    for key in catalog.keys():
        en, zh = catalog.text("en")[key], catalog.text("zh")[key]
        assert fields(en) == fields(zh), f"{name}[{key!r}]"
        if en.strip():
            assert zh.strip(), f"{name}[{key!r}] has no Chinese text"


def test_a_missing_translation_fails_at_construction():
    with pytest.raises(KeyError):
        Catalog(en={"a": "x", "b": "y"}, zh={"a": "甲"})


def test_default_language(monkeypatch):
    monkeypatch.setenv("EMERGENCE_LANG", "zh")
    assert default_language() == "zh"
    monkeypatch.setenv("EMERGENCE_LANG", "zh_CN.UTF-8")
    assert default_language() == "zh"
    monkeypatch.setenv("EMERGENCE_LANG", "klingon")
    assert default_language() == "en"


def test_catalogs_live_in_the_i18n_package():
    assert all(name.startswith("emergence.i18n.") for name, _ in all_catalogs())


def test_common_messages_are_defined_once():
    texts = [(name, key) for name, catalog in all_catalogs() for key in catalog.keys()
             if catalog(key, "en") in {"figure written to {path}", "seed: {seed} (repeat with --seed {seed})"}]
    assert len(texts) == 2, texts
