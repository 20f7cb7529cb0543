"""The exercise runtime: the Python and packages that DataCamp Light runs readers' exercises on.

One declared list, `runtime/packages.txt`, pins the packages exercises may import. The
page's `data-packages` of each exercise names the pins of the packages its code imports,
and `make test` checks every exercise in a virtual environment of the target Python with
exactly those pins (`runtime/requirements.txt` adds pythonwhat). docs/runtime.md says why.
"""

from __future__ import annotations

import ast
import os
import re
import textwrap
from functools import lru_cache
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PACKAGES_FILE = ROOT / "runtime" / "packages.txt"
# The Python DataCamp Light runs exercises on: the page's `data-lang-version`.
PYTHON_VERSION = (3, 6)
# The runtime's virtual environment (`make test` creates it); BLOG_RUNTIME names another one's Python.
VENV = ROOT / ".venv-runtime"
RUNTIME_VARIABLE = "BLOG_RUNTIME"
# Modules whose package on PyPI has another name.
DISTRIBUTIONS = {
    "sklearn": "scikit-learn",
    "skimage": "scikit-image",
    "cv2": "opencv-python",
    "PIL": "pillow",
    "yaml": "pyyaml",
    "bs4": "beautifulsoup4",
    "tomli_w": "tomli-w",
}
PIN = re.compile(r"^([A-Za-z0-9][A-Za-z0-9._-]*)==([^\s;#]+)\s*(?:#.*)?$")


def version_text(version: tuple[int, ...] = PYTHON_VERSION) -> str:
    """Return a version as DataCamp Light's `data-lang-version` writes it: "3.6"."""
    return ".".join(str(part) for part in version)


@lru_cache(maxsize=1)
def pinned() -> dict[str, str]:
    """Return the declared packages: normalized distribution name -> pinned version."""
    pins: dict[str, str] = {}
    for number, line in enumerate(PACKAGES_FILE.read_text(encoding="utf-8").splitlines(), 1):
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        match = PIN.match(line)
        if not match:
            raise ValueError(f"{PACKAGES_FILE.relative_to(ROOT)}, line {number}: expected `name==version`, got {line!r}")
        pins[normalized(match.group(1))] = match.group(2)
    return pins


def normalized(name: str) -> str:
    """Return a distribution name as PyPI compares them (PEP 503)."""
    return re.sub(r"[-_.]+", "-", name).lower()


def distribution_of(module: str) -> str:
    """Return the PyPI package that provides a top-level module."""
    return normalized(DISTRIBUTIONS.get(module, module))


def imported_modules(code: str) -> set[str]:
    """Return the top-level modules that code imports (absolute imports only)."""
    try:
        tree = ast.parse(textwrap.dedent(code))
    except SyntaxError:
        return set()
    modules: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            modules.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            modules.add(node.module.split(".")[0])
    return modules


def pins_for(*codes: str) -> list[str]:
    """Return the `name==version` pins of the declared packages that the code imports, sorted."""
    pins = pinned()
    wanted = {distribution_of(module) for code in codes for module in imported_modules(code)}
    return [f"{name}=={pins[name]}" for name in sorted(wanted & pins.keys())]


def python() -> Path:
    """Return the runtime's interpreter: BLOG_RUNTIME if set, else the runtime environment's."""
    return Path(os.environ.get(RUNTIME_VARIABLE) or VENV / "bin" / "python")


# What code needs of Python, as vermin (PyPI) detects it: syntax, standard library modules and members.
VERMIN_FINDING = re.compile(r"^L(?P<line>\d+)(?: C\d+)?: (?P<construct>.+?) (?:requires?|is) (?P<versions>[!~0-9., ]+)$")


@lru_cache(maxsize=1024)
def newer_than_runtime(code: str) -> list[tuple[int, str, str]]:
    """Return what the code uses that the runtime's Python lacks: (line, construct, the Python it needs), by line."""
    import vermin

    config = vermin.Config()
    config.add_target((True, PYTHON_VERSION))
    config.set_verbose(3)
    try:
        ast.parse(code)
    except SyntaxError:
        return []  # the site's Python cannot parse it either: compiling or running it says where
    visitor = vermin.visit(code, config)
    found = []
    for text in visitor.output_text().splitlines():
        match = VERMIN_FINDING.match(text.strip())
        if not match:
            continue
        needs = [part.strip() for part in match["versions"].split(",") if part.strip().startswith("3")]
        if needs and tuple(int(number) for number in needs[0].rstrip("-").split(".")) > PYTHON_VERSION:
            found.append((int(match["line"]), match["construct"], needs[0].rstrip("-")))
    return sorted(set(found))
