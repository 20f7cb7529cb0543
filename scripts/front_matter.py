"""A post's front matter: YAML in the notebook's first cell in, TOML between `+++` lines out."""

from __future__ import annotations

import datetime as dt
from typing import Any

import tomli_w
import yaml

REQUIRED = ("title", "date")

# Seconds one cell (build) or one exercise check (tests) may run unless `timeout` says otherwise.
DEFAULT_TIMEOUT = 60

# Keys the pipeline itself reads; they configure the build and are not passed to Hugo.
PIPELINE_KEYS = {
    "execute": "false to publish the notebook without running it (no outputs are shown); default true",
    "timeout": "seconds one cell (build) or one exercise check (tests) may run; default 60",
    "inputs": "the files the code reads (paths or glob patterns relative to the notebook's folder): a change re-runs the notebook",
}

# Where the pipeline's own data about a generated post lives in its front matter.
GENERATED_KEY = "notebook"


class _Loader(yaml.SafeLoader):
    """YAML's safe loader, except that an impossible date (`2024-13-45`) stays text.

    PyYAML raises a bare ValueError for it; as text it reaches `to_date`, whose
    error names the key and shows the format to use.
    """


def _timestamp(loader: _Loader, node: yaml.Node) -> Any:
    try:
        return loader.construct_yaml_timestamp(node)
    except ValueError:
        return loader.construct_scalar(node)


_Loader.add_constructor("tag:yaml.org,2002:timestamp", _timestamp)


def parse_front_matter(cell_source: str, error) -> dict[str, Any]:
    """Return the YAML mapping held between `---` lines; `error(message, fix, line)` builds the exception."""
    lines = cell_source.strip("\n").split("\n")
    if len(lines) < 2 or lines[0].strip() != "---" or lines[-1].strip() != "---":
        raise error("the first cell must be a raw cell holding YAML front matter between `---` lines", FIX_HEADER, 1)
    try:
        data = yaml.load("\n".join(lines[1:-1]), Loader=_Loader) or {}
    except yaml.YAMLError as problem:
        mark = getattr(problem, "problem_mark", None)
        line = mark.line + 2 if mark else None
        raise error(
            f"the front matter is not valid YAML: {getattr(problem, 'problem', problem)}", "correct the YAML syntax", line
        ) from None
    if not isinstance(data, dict):
        raise error("the front matter must be a YAML mapping (`key: value` lines)", FIX_HEADER, 2)
    return data


def notebook_front_matter(cells: list) -> dict[str, Any]:
    """Return a notebook's front matter as far as it reads (its first raw cell's YAML), else {}: for tools that only peek."""
    first = cells[0] if cells else None
    if first is None or first.get("cell_type") != "raw":
        return {}
    source = first.get("source", "")
    source = "".join(source) if isinstance(source, list) else source

    def unreadable(message: str, fix: str, line: int | None) -> ValueError:
        return ValueError(message)

    try:
        return parse_front_matter(source, unreadable)
    except ValueError:
        return {}


def keeps_outputs(cells: list) -> bool:
    """Does the notebook publish its stored outputs (`execute: false`) rather than run again?"""
    return notebook_front_matter(cells).get("execute") is False


FIX_HEADER = "start the notebook with a raw cell like\n---\ntitle: My post\ndate: 2026-01-31\n---\n(in the .py file: the `# ---` header)"


def validate_front_matter(data: dict[str, Any], error) -> dict[str, Any]:
    """Return the front matter with `date` as a date; stop on a missing title or a date that is not a date."""
    data = dict(data)
    for key in REQUIRED:
        if data.get(key) in (None, ""):
            raise error(f"the front matter has no `{key}`", f"add a `{key}:` line to the front matter", None)
    if not isinstance(data["title"], str):
        raise error("`title` must be text", "quote the title", None)
    data["date"] = to_date(data["date"], error)
    if GENERATED_KEY in data:
        raise error(f"`{GENERATED_KEY}` is reserved for the pipeline's own data", f"rename the `{GENERATED_KEY}` key", None)
    for key, kind in (("execute", bool), ("timeout", (int, float))):
        if key in data and (not isinstance(data[key], kind) or isinstance(data[key], bool) is not (kind is bool)):
            raise error(f"`{key}` has the wrong type: {PIPELINE_KEYS[key]}", f"set `{key}` as documented in the README", None)
    inputs = data.get("inputs", [])
    data["inputs"] = [inputs] if isinstance(inputs, str) else inputs
    if not isinstance(data["inputs"], list) or not all(isinstance(item, str) and item.strip() for item in data["inputs"]):
        raise error(f"`inputs` has the wrong type: {PIPELINE_KEYS['inputs']}", "write `inputs: [data.csv, images/*.png]`", None)
    if not data["inputs"]:
        del data["inputs"]
    for key, value in data.items():
        problem = toml_problem(value)
        if problem:
            raise error(f"`{key}` cannot be written as TOML, which Hugo reads: {problem}", f"change `{key}` in the front matter", None)
    return data


def toml_problem(value: Any, where: str = "it") -> str | None:
    """Return what in a front matter value TOML cannot hold (an empty item, a key that is not text), or None."""
    if value is None:
        return f"{where} is empty (YAML's null)"
    if isinstance(value, list):
        for index, item in enumerate(value, 1):
            problem = toml_problem(item, f"item {index}")
            if problem:
                return problem
    if isinstance(value, dict):
        for key, item in value.items():
            if not isinstance(key, str):
                return f"the key {key!r} is not text (quote it)"
            problem = toml_problem(item, f"`{key}`")
            if problem:
                return problem
    return None


def publication_time(date: dt.date | dt.datetime) -> dt.datetime:
    """Return when Hugo publishes a post of this date: a date or a time without a zone is UTC (Hugo's default `timeZone`)."""
    if not isinstance(date, dt.datetime):
        date = dt.datetime.combine(date, dt.time())
    return date if date.tzinfo else date.replace(tzinfo=dt.UTC)


def future_date_warning(data: dict[str, Any], now: dt.datetime | None = None) -> str | None:
    """Return a warning if the post's date is still to come, since Hugo does not publish it before then; else None."""
    when = publication_time(data["date"])
    now = now or dt.datetime.now(dt.UTC)
    if when <= now:
        return None
    return (
        f"the date {data['date'].isoformat()} is in the future: Hugo will not publish the post before "
        f"{when.astimezone(dt.UTC):%Y-%m-%d %H:%M} UTC (`make serve` shows it)"
    )


def to_date(value: Any, error) -> dt.date | dt.datetime:
    """Return `value` as a date or datetime; stop if it is not one."""
    if isinstance(value, (dt.date, dt.datetime)):
        return value
    if isinstance(value, str):
        for parse in (dt.date.fromisoformat, dt.datetime.fromisoformat):
            try:
                return parse(value.strip())
            except ValueError:
                pass
    raise error(f"`date` is not a date: {value!r}", "write the date as YYYY-MM-DD (optionally with a time, ISO 8601)", None)


def hugo_front_matter(data: dict[str, Any], generated: dict[str, Any]) -> dict[str, Any]:
    """Return the front matter Hugo gets: the author's keys, less the pipeline's, plus the generated data."""
    result = {key: value for key, value in data.items() if key not in PIPELINE_KEYS and value is not None}
    result[GENERATED_KEY] = generated
    return result


def front_matter_to_toml(data: dict[str, Any], comment: str) -> str:
    """Return `data` as TOML front matter between `+++` lines, with a leading comment."""
    body = tomli_w.dumps(data, multiline_strings=True)
    if any(line.startswith("+++") for line in body.splitlines()):
        # Hugo ends the front matter at the first line that *starts* with `+++`
        # (`+++x` too), even inside a string: escape newlines instead.
        body = tomli_w.dumps(data)
    return f"+++\n# {comment}\n{body}+++\n"
