"""``Text``: one message in the two languages the feedback is written in (English and Korean).

Every fact the grader tells a student or a TA travels as a ``Text`` (or as structured data that a
report turns into one), so a report in either language never has to translate a sentence back.
"""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Text:
    en: str
    ko: str

    def get(self, lang: str) -> str:
        return self.ko if lang == "ko" else self.en

    def __add__(self, other: "Text") -> "Text":
        return Text(self.en + other.en, self.ko + other.ko)

    def format(self, **values: object) -> "Text":
        """Both templates filled in with the same values."""
        return Text(self.en.format(**values), self.ko.format(**values))

    @staticmethod
    def same(text: str) -> "Text":
        """A text that reads the same in both languages (a label made of code)."""
        return Text(text, text)

    @staticmethod
    def join(parts: "list[Text] | tuple[Text, ...]", sep: str = "\n") -> "Text":
        return Text(sep.join(p.en for p in parts), sep.join(p.ko for p in parts))


EMPTY = Text("", "")
