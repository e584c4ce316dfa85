"""Every text exists in English and Chinese, with the same format fields."""

from __future__ import annotations

import importlib
import pkgutil
import string

import pytest

import emergence
from emergence.i18n import Catalog, LanguageChoice, LanguageError, default_language, resolve_language


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


LOCALE = ("EMERGENCE_LANG", "LC_ALL", "LC_MESSAGES", "LANG")


@pytest.fixture
def bare_env(monkeypatch):
    """No language setting at all; a test sets the ones it means."""
    for name in LOCALE:
        monkeypatch.delenv(name, raising=False)
    return monkeypatch


def test_default_language_from_emergence_lang(bare_env):
    bare_env.setenv("EMERGENCE_LANG", "zh")
    assert default_language() == "zh"
    bare_env.setenv("EMERGENCE_LANG", "zh_CN.UTF-8")
    assert default_language() == "zh"
    bare_env.setenv("EMERGENCE_LANG", "en_GB.utf8")
    assert default_language() == "en"
    bare_env.setenv("EMERGENCE_LANG", "ZH-tw")
    assert default_language() == "zh"


@pytest.mark.parametrize("value", ["klingon", "fr", "xx", "C", "zh CN", "中文", "zhx"])
def test_an_unknown_emergence_lang_is_refused(bare_env, value):
    bare_env.setenv("EMERGENCE_LANG", value)
    with pytest.raises(LanguageError) as info:
        default_language()
    assert isinstance(info.value, ValueError)
    assert "EMERGENCE_LANG" in str(info.value) and "en or zh" in str(info.value)


def test_without_settings_the_language_is_english(bare_env):
    assert resolve_language() == LanguageChoice("en", "default", None)
    bare_env.setenv("EMERGENCE_LANG", "   ")  # set but empty: as if unset
    assert resolve_language().source == "default"


@pytest.mark.parametrize("value, lang", [("zh_CN.UTF-8", "zh"), ("zh_TW", "zh"), ("zh", "zh"), ("zh_HK.Big5HKSCS", "zh"),
                                         ("C", "en"), ("POSIX", "en"), ("C.UTF-8", "en"), ("en_US.UTF-8", "en"),
                                         ("fr_FR.UTF-8", "en"), ("de", "en"), ("garbage!", "en")])
def test_the_locale_decides_when_emergence_lang_is_unset(bare_env, value, lang):
    bare_env.setenv("LANG", value)
    assert resolve_language() == LanguageChoice(lang, "LANG", value)


def test_locale_variables_in_posix_order(bare_env):
    bare_env.setenv("LANG", "zh_CN.UTF-8")
    bare_env.setenv("LC_MESSAGES", "en_US.UTF-8")
    assert resolve_language() == LanguageChoice("en", "LC_MESSAGES", "en_US.UTF-8")
    bare_env.setenv("LC_ALL", "zh_TW.UTF-8")
    assert resolve_language() == LanguageChoice("zh", "LC_ALL", "zh_TW.UTF-8")
    bare_env.setenv("LC_ALL", "C")  # LC_ALL=C overrides a Chinese LANG, as it does for every program
    bare_env.setenv("LC_MESSAGES", "zh_CN.UTF-8")
    assert resolve_language().language == "en"
    bare_env.setenv("LC_ALL", "")  # empty counts as unset
    assert resolve_language() == LanguageChoice("zh", "LC_MESSAGES", "zh_CN.UTF-8")


def test_emergence_lang_beats_the_locale_and_lang_option_beats_both(bare_env):
    bare_env.setenv("LC_ALL", "zh_CN.UTF-8")
    bare_env.setenv("EMERGENCE_LANG", "en")
    assert resolve_language() == LanguageChoice("en", "EMERGENCE_LANG", "en")
    assert resolve_language("zh") == LanguageChoice("zh", "--lang", "zh")
    bare_env.setenv("EMERGENCE_LANG", "fr")
    assert resolve_language("en").language == "en"  # --lang given: the library does not read the environment


def test_a_lang_option_outside_en_and_zh_is_a_value_error():
    with pytest.raises(ValueError, match="--lang"):
        resolve_language("fr")
    assert resolve_language("zh_CN.UTF-8", environ={}) == LanguageChoice("zh", "--lang", "zh_CN.UTF-8")


def test_resolve_language_reads_a_given_mapping_not_the_process(bare_env):
    bare_env.setenv("EMERGENCE_LANG", "fr")
    assert resolve_language(environ={"LANG": "zh_CN.UTF-8"}) == LanguageChoice("zh", "LANG", "zh_CN.UTF-8")


def test_catalogs_live_in_the_i18n_package():
    assert all(name.startswith("emergence.i18n.") for name, _ in all_catalogs())


def test_common_messages_are_defined_once():
    texts = [(name, key) for name, catalog in all_catalogs() for key in catalog.keys()
             if catalog(key, "en") in {"figure written to {path}", "seed: {seed} (repeat with --seed {seed})"}]
    assert len(texts) == 2, texts
