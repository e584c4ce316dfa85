"""Chinese and English text for tables, figures, messages and narrative.

One catalog per hypothesis (:mod:`~emergence.i18n.compound`, :mod:`~emergence.i18n.metric`,
:mod:`~emergence.i18n.threshold`), one for real results (:mod:`~emergence.i18n.analyze`) and one
for what every command says
(:mod:`~emergence.i18n.common`: "figure written to ...", the seed line). A :class:`Catalog`
refuses to be built unless both languages have exactly the same keys, so a missing translation
fails at import time (and therefore in the test suite), not in front of a class.
"""

from __future__ import annotations

import os
from collections.abc import Mapping


def default_language() -> str:
    """The language when ``--lang`` is not given: ``$EMERGENCE_LANG`` (``zh``, ``zh_CN.UTF-8``, ``en``...), else en."""
    lang = os.environ.get("EMERGENCE_LANG", "en").strip().lower()
    return "zh" if lang.startswith("zh") else "en"


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
