"""Learners' answers to a post's exercises: the data file beside its notebook, `notebooks/SLUG.answers.toml`.

For each exercise it lists wrong answers, each with the mistake it makes and a part of the
feedback the SCT must give it, and valid answers, each with the idiom it uses, all written as
learners write them (the whole editor content). `SLUG::EXERCISE::learners` runs every one
through the exercise's SCT:

    [[cross-entropy.wrong]]
    mistake = "sums over the examples instead of averaging"
    code = '''
    def cross_entropy(y_hat, y):
        return -np.sum(y * np.log(y_hat) + (1 - y) * np.log(1 - y_hat))
    '''
    feedback = "a mean over the examples"

    [[cross-entropy.valid]]
    idiom = "np.where picks each example's probability"
    code = '''...'''
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from pathlib import Path

from ..errors import ContentError

SUFFIX = ".answers.toml"
WRONG, VALID = "wrong", "valid"
# The fields of each kind of answer: what it says about itself, and the code.
FIELDS = {WRONG: ("mistake", "code", "feedback"), VALID: ("idiom", "code")}


@dataclass(frozen=True)
class Answer:
    """One learner's answer to an exercise."""

    exercise: str
    kind: str  # WRONG or VALID
    number: int  # 1-based among the exercise's answers of its kind, as the file lists them
    about: str  # the mistake it makes, or the idiom it uses
    code: str
    feedback: str | None = None  # a wrong answer's: text the SCT's message must contain

    @property
    def valid(self) -> bool:
        return self.kind == VALID

    @property
    def name(self) -> str:
        """How messages name it: "wrong answer 3 (sums over the examples instead of averaging)"."""
        return f"{self.kind} answer {self.number} ({self.about})"


def answers_path(notebook: Path) -> Path:
    """The answers file of the post whose notebook is `notebook`."""
    return notebook.with_name(notebook.with_suffix("").name + SUFFIX)


def read_answers(path: Path, exercises: list[str]) -> dict[str, list[Answer]]:
    """Return each exercise's answers from the file at `path` (none if there is no file); raise ContentError naming the key at fault."""
    if not path.exists():
        return {}

    def error(message: str, fix: str) -> ContentError:
        return ContentError(path=str(path), message=message, fix=fix, kind="answers")

    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as problem:
        raise error(
            f"the learners' answers are not valid TOML: {problem}", "write it as TOML (scripts/checks/answers.py shows the format)"
        ) from None
    found: dict[str, list[Answer]] = {}
    for name, table in data.items():
        if name not in exercises:
            raise error(
                f"'{name}' is not an exercise of the post (its exercises: {', '.join(exercises) or 'none'})",
                "name the answers after the exercise's name, as its pre-exercise code cell's `exercise` gives it",
            )
        if not isinstance(table, dict) or set(table) - set(FIELDS) or not all(isinstance(table[kind], list) for kind in table):
            raise error(
                f"'{name}' must hold only lists of [[{name}.wrong]] and [[{name}.valid]] tables",
                "write each answer as a [[EXERCISE.wrong]] or [[EXERCISE.valid]] table",
            )
        answers = found[name] = []
        for kind, fields in FIELDS.items():
            for number, entry in enumerate(table.get(kind, []), 1):
                key = f"{name}.{kind}, answer {number}"
                if not isinstance(entry, dict):
                    raise error(f"{key} is not a table", f"write it as a [[{name}.{kind}]] table with {', '.join(fields)}")
                missing = [field for field in fields if not (isinstance(entry.get(field), str) and entry[field].strip())]
                unknown = sorted(set(entry) - set(fields))
                if missing or unknown:
                    said = [f"lacks {', '.join(missing)}"] * bool(missing) + [f"has unknown field(s) {', '.join(unknown)}"] * bool(unknown)
                    raise error(
                        f"{key} {' and '.join(said)}",
                        f"give each [[{name}.{kind}]] exactly these fields, each a non-empty string: {', '.join(fields)}",
                    )
                answers.append(Answer(name, kind, number, entry[fields[0]].strip(), entry["code"], entry.get("feedback")))
    return found
