"""Chinese and English text for tables, figures, messages, help and narrative; and which language to speak.

One catalog per hypothesis (:mod:`~emergence.i18n.compound`, :mod:`~emergence.i18n.metric`,
:mod:`~emergence.i18n.threshold`), one for real results (:mod:`~emergence.i18n.analyze`) and one
for what every command says
(:mod:`~emergence.i18n.common`: "figure written to ...", the seed line). A :class:`Catalog`
refuses to be built unless both languages have exactly the same keys, so a missing translation
fails at import time (and therefore in the test suite), not in front of a class. The command
line's own words have two more: :mod:`~emergence.i18n.help` (every ``--help`` text) and
:mod:`~emergence.i18n.errors` (usage errors), loaded only when they are needed.

The language (:func:`resolve_language`): ``--lang`` when a command is given it; else
``$EMERGENCE_LANG`` (``en``, ``zh``, or a locale name such as ``zh_CN.UTF-8``; anything else is
refused with :class:`LanguageError`); else the POSIX locale, the first of ``LC_ALL``,
``LC_MESSAGES`` and ``LANG`` that is set (``zh_*`` is Chinese; ``C``, ``POSIX``, ``en_*`` and any
other language are English, since these are system settings, not requests to this program);
else English.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from typing import NamedTuple

LANGUAGES = ("en", "zh")
LOCALE_VARIABLES = ("LC_ALL", "LC_MESSAGES", "LANG")
_TAG_SEPARATORS = "_-.@"  # en, zh, and locale names built on them: zh_CN.UTF-8, zh-TW, en_GB.utf8, zh_CN.GB18030@stroke


class LanguageError(ValueError):
    """``$EMERGENCE_LANG`` names a language this program does not speak (the command line exits with status 2)."""

    def __init__(self, value: str) -> None:
        self.value = value
        super().__init__(f"EMERGENCE_LANG={value!r} is not a language of emergence: use en or zh "
                         "(a locale name such as zh_CN.UTF-8 counts as zh), or unset it")


class LanguageChoice(NamedTuple):
    """The language spoken, where it came from (``--lang``, ``EMERGENCE_LANG``, ``LC_ALL``,
    ``LC_MESSAGES``, ``LANG`` or ``default``) and the text that said so (None for the default)."""

    language: str
    source: str
    value: str | None


def language_tag(text: str) -> str | None:
    """``en`` or ``zh`` for a language name or locale name built on one (``zh_CN.UTF-8``), else None.

    >>> language_tag("zh_CN.UTF-8"), language_tag("EN"), language_tag("fr_FR"), language_tag("C")
    ('zh', 'en', None, None)
    """
    tag = text.strip().lower()
    lang = tag
    for separator in _TAG_SEPARATORS:
        lang = lang.partition(separator)[0]
    rest = tag[len(lang):]
    if lang not in LANGUAGES or not all(c.isascii() and (c.isalnum() or c in _TAG_SEPARATORS) for c in rest):
        return None
    return lang


def resolve_language(option: str | None = None, environ: Mapping[str, str] | None = None) -> LanguageChoice:
    """The language to speak and where it came from; see the module's docstring for the order.

    ``option`` is the value of ``--lang`` (None when not given); ``environ`` defaults to
    ``os.environ``. Raises :class:`LanguageError` for an ``EMERGENCE_LANG`` that is neither
    English nor Chinese; an unknown locale is English.

    >>> resolve_language(environ={"EMERGENCE_LANG": "zh_CN.UTF-8"})
    LanguageChoice(language='zh', source='EMERGENCE_LANG', value='zh_CN.UTF-8')
    >>> resolve_language(environ={"LC_ALL": "", "LANG": "zh_TW.Big5"}).language
    'zh'
    >>> resolve_language(environ={"LANG": "fr_FR.UTF-8"}).language
    'en'
    """
    env = os.environ if environ is None else environ
    if option is not None:
        lang = language_tag(option)
        if lang is None:
            raise ValueError(f"--lang must be one of {', '.join(LANGUAGES)}, got {option!r}")
        return LanguageChoice(lang, "--lang", option)
    wanted = env.get("EMERGENCE_LANG", "").strip()
    if wanted:
        lang = language_tag(wanted)
        if lang is None:
            raise LanguageError(wanted)
        return LanguageChoice(lang, "EMERGENCE_LANG", wanted)
    for name in LOCALE_VARIABLES:
        value = env.get(name, "").strip()
        if value:  # the first one set decides, as in POSIX: LC_ALL=C overrides LANG=zh_CN.UTF-8
            return LanguageChoice("zh" if language_tag(value) == "zh" else "en", name, value)
    return LanguageChoice("en", "default", None)


def default_language() -> str:
    """The language when ``--lang`` is not given: ``$EMERGENCE_LANG``, else the locale, else en.

    Raises :class:`LanguageError` (a ``ValueError``) when ``$EMERGENCE_LANG`` is neither English nor
    Chinese; the command line refuses it before any command runs.
    """
    return resolve_language().language


class Catalog:
    """Strings in English and Chinese under the same keys.

    ``catalog("title", "zh")`` returns the Chinese text; ``str.format`` fields are filled from
    keyword arguments: ``catalog("k_steps", "en", k=5)``.

    >>> T = Catalog(en={"hi": "{n} steps"}, zh={"hi": "{n} 步"})
    >>> T("hi", "zh", n=5)
    '5 步'
    """

    def __init__(self, *, en: Mapping[str, str], zh: Mapping[str, str]) -> None:
        missing_zh = sorted(set(en) - set(zh))
        missing_en = sorted(set(zh) - set(en))
        if missing_zh or missing_en:
            raise KeyError(f"catalog keys differ: missing in zh {missing_zh}, missing in en {missing_en}")
        self._text = {"en": dict(en), "zh": dict(zh)}

    def __call__(self, key: str, lang: str = "en", /, **fields: object) -> str:
        text = self._text[lang if lang in self._text else "en"][key]
        return text.format(**fields) if fields else text

    def keys(self) -> set[str]:
        """The keys, identical in both languages."""
        return set(self._text["en"])

    def text(self, lang: str) -> dict[str, str]:
        """All strings of one language (for tests of format fields)."""
        return dict(self._text[lang])
