"""What a DataCamp Light exercise is made of, as data.

The parser, the renderer, the importer, the linter and the test plugin all read
these tables; nothing else spells out a part name or a setting.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from . import runtime


@dataclass(frozen=True)
class Part:
    """One part of an exercise: the cell tag that marks it and how DataCamp Light reads it."""

    tag: str  # the Jupyter cell tag authors write
    key: str  # the field in the post's front matter
    data_type: str | None  # the data-type attribute DataCamp Light looks for; None if the page never shows it
    cell_types: tuple[str, ...]  # the notebook cell types that may carry it
    required: bool = False
    is_code: bool = True  # code is read as textContent; the hint as innerHTML
    repeats: bool = False  # an exercise may have any number of them (a part that does not repeat starts the next exercise)
    alternative_of: str | None = None  # the part it is another version of, for the checks only
    # Can Jupyter's "Run All" run it in sequence? The sample's blanks `___` are IPython's history variable there
    # (a string), and the SCT calls pythonwhat (`Ex()`), which only DataCamp Light's session defines: those are
    # written as raw cells, which Jupyter does not run and the page shows the same (`make lint`: breaks-run-all).
    runs_in_notebook: bool = True

    @property
    def published(self) -> bool:
        """Is the part on the page (and sent to DataCamp Light)?"""
        return self.data_type is not None


PARTS: tuple[Part, ...] = (
    Part("pre-exercise-code", "pre_exercise_code", "pre-exercise-code", ("code", "raw")),
    Part("sample-code", "sample_code", "sample-code", ("code", "raw"), runs_in_notebook=False),
    Part("solution", "solution", "solution", ("code", "raw"), required=True),
    Part("sct", "sct", "sct", ("code", "raw"), runs_in_notebook=False),
    Part("hint", "hint", "hint", ("markdown",), is_code=False),
    # Another correct answer, written another way: `make test` requires the SCT to pass it. Never published.
    Part("solution-alternative", "solution_alternative", None, ("code", "raw"), repeats=True, alternative_of="solution"),
)

PARTS_BY_TAG: dict[str, Part] = {part.tag: part for part in PARTS}
# The parts on the page, in the order DataCamp Light's element holds them.
PUBLISHED_PARTS: tuple[Part, ...] = tuple(part for part in PARTS if part.published)
# The code parts written as raw cells, so that Jupyter's "Run All" runs a post top to bottom.
NOT_RUNNABLE: tuple[str, ...] = tuple(part.tag for part in PARTS if part.is_code and not part.runs_in_notebook)
# For a part, the part that holds other versions of it (solution -> solution-alternative).
ALTERNATIVES: dict[str, Part] = {part.alternative_of: part for part in PARTS if part.alternative_of}


def _bool(value: Any) -> bool:
    if isinstance(value, bool):
        return value
    if isinstance(value, str) and value.lower() in ("true", "false"):
        return value.lower() == "true"
    raise ValueError("expected true or false")


def _positive_int(value: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, (int, float)) or value <= 0 or int(value) != value:
        raise ValueError("expected a positive whole number")
    return int(value)


def _positive_number(value: Any) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)) or value <= 0:
        raise ValueError("expected a positive number")
    return float(value)


def _reasons(value: Any) -> dict[str, str]:
    if not isinstance(value, dict) or not all(
        isinstance(key, str) and isinstance(reason, str) and key and reason.strip() for key, reason in value.items()
    ):
        raise ValueError('expected a mapping of mutant ids to the reason each is accepted, e.g. {"swap-operator@3:12": "why"}')
    return dict(value)


@dataclass(frozen=True)
class Setting:
    """An optional exercise setting, read from the metadata of any cell of the exercise."""

    key: str  # the key in the cell metadata
    parse: Callable[[Any], Any]
    attribute: str | None  # the DataCamp Light attribute it becomes, or None if only our checks read it
    doc: str
    published: bool = True  # is it a field of the exercise in the post's front matter?


SETTINGS: tuple[Setting, ...] = (
    Setting(
        "height",
        _positive_int,
        "data-height",
        "height of the embed in pixels (default: 146 + 18 per line of sample code, at least 300)",
    ),
    Setting("show-run-button", _bool, "data-show-run-button", "show a Run button beside Submit (default: false)"),
    Setting("timeout", _positive_number, None, "seconds a check of this exercise may run (default: the notebook's `timeout`, else 60)"),
    Setting(
        "sample-may-pass", _bool, None, "true for a pure 'run this' exercise whose untouched sample already passes its SCT (default: false)"
    ),
    Setting(
        "accept-mutants",
        _reasons,
        None,
        'mutants of the solution the SCT may pass, each with the reason, e.g. {"swap-operator@3:12": "why"} (default: none)',
        published=False,
    ),
)

SETTINGS_BY_KEY: dict[str, Setting] = {setting.key: setting for setting in SETTINGS}


@dataclass(frozen=True)
class RuntimeField:
    """What the page tells DataCamp Light v3 about the Python an exercise runs on: computed from
    scripts/runtime.py and the exercise's published code, never set by authors (docs/runtime.md)."""

    key: str  # the field in the post's front matter
    attribute: str  # the DataCamp Light attribute that layouts/_shortcodes/exercise.html writes it to
    value: Callable[[tuple[str, ...]], Any]  # its value, from the exercise's published code parts
    doc: str


RUNTIME_FIELDS: tuple[RuntimeField, ...] = (
    RuntimeField(
        "lang_version",
        "data-lang-version",
        lambda codes: runtime.version_text(),
        'the Python the session runs ("3.6"); v3 knows "3.5" and "3.6", and takes anything else for 3.5',
    ),
    RuntimeField(
        "packages",
        "data-packages",
        lambda codes: runtime.pins_for(*codes),
        "the pins of runtime/packages.txt for the packages the code imports, which v3 installs when the session starts",
    ),
)


@dataclass(frozen=True)
class Unsupported:
    """A DataCamp Light setting that authors do not set on an exercise: lint reports it on a notebook,
    and the importer leaves it out with a note."""

    key: str  # the key in the cell metadata
    attribute: str  # the DataCamp Light attribute
    why: str
    fix: str


UNSUPPORTED: tuple[Unsupported, ...] = (
    Unsupported(
        "packages",
        "data-packages",
        "the site writes data-packages itself: the pins of runtime/packages.txt for the packages the exercise's code imports",
        "remove it; to use another package or version, pin it in runtime/packages.txt, which `make test` checks every exercise against",
    ),
    Unsupported(
        "lang-version",
        "data-lang-version",
        f"the site writes data-lang-version itself: every exercise runs on Python {runtime.version_text()} (scripts/runtime.py)",
        "remove it: the Python version is the site's, the same for every exercise",
    ),
)

UNSUPPORTED_BY_KEY: dict[str, Unsupported] = {item.key: item for item in UNSUPPORTED}
UNSUPPORTED_BY_ATTRIBUTE: dict[str, Unsupported] = {item.attribute: item for item in UNSUPPORTED}

# The metadata key that names an exercise, on any of its cells.
NAME_KEY = "exercise"
