"""What the outputs of an executed code cell become on the page.

Jupyter's own exporters decide, and this module calls them rather than copying them:
  - a display (a cell's result or a `display(...)`) is shown in the first of its forms
    (MIME types) in nbconvert's display priority for HTML (`PRIORITY`); `FORMS` says what
    each form becomes on the page;
  - consecutive stream outputs are merged and their `\\r` applied by nbconvert's
    CoalesceStreamsPreprocessor; backspaces are then applied as Jupyter's output area does;
  - colour codes are removed from text by nbconvert's `strip_ansi` filter.
What would make the page differ from one machine or run to the next is then masked
(`mask_text`): memory addresses in object reprs, where Python and its packages are
installed, the kernel's temporary folder, the notebook's folder; and tracebacks number
cells as a fresh run of the post would (`cells_to_outputs`). An output the page cannot
show stops the build, naming its cell: it is never replaced by a stand-in.
The files an HTML or markdown output points at by a relative URL (`<img src="plot.png">`, `FileLink`,
`display(Markdown("![…](fig.png)"))`) are published beside the post from where the cell ran
(`with_files`, `with_markdown_files`); a local page of HTML shown in an `<iframe>` (`IFrame("page.html")`)
goes into its `srcdoc`, as Hugo takes such a file for a page of the site's content.
Outputs an ipywidgets `Output` area captured (an `@interact` function's figure and text) are
published from the notebook's widget state, after the widget's text form (`expand_widgets`).
A post published without running it (`execute: false`) shows the outputs stored in the
notebook through the same steps (`with_stored_outputs`).
"""

from __future__ import annotations

import base64
import copy
import json
import os
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from html import escape as html_escape
from html.parser import HTMLParser
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

import nbformat
from nbconvert.exporters.html import HTMLExporter
from nbconvert.filters.ansi import strip_ansi
from nbconvert.preprocessors import CoalesceStreamsPreprocessor

from .errors import ContentError
from .inputs import project_of
from .markdown import GENERATED_NAME, HUGO_CONTENT_SUFFIXES, STATIC, bundle_name, destinations
from .model import CHART_KINDS, Code, Markdown, Output, Post
from .sources import NOTEBOOK_SUFFIX, Source

# A Jupyter Book tag (as in MyST-NB): the cell's stderr is not published.
REMOVE_STDERR_TAG = "remove-stderr"

# The Output kind of each stream.
STREAM_KINDS = {"stdout": "text", "stderr": "stderr"}

WIDGET = "application/vnd.jupyter.widget-view+json"
PLAIN = "text/plain"
# Where a notebook keeps its widgets' models (Jupyter's "Save Widget State", nbclient's `store_widget_state`).
WIDGET_STATE = "application/vnd.jupyter.widget-state+json"
# How a widget's state refers to another model (a container's `children`).
MODEL_REFERENCE = "IPY_MODEL_"
# A widget's text form that holds an Output area: `Output()`, `interactive(children=(…, Output()), …)`.
OUTPUT_WIDGET_TEXT = re.compile(r"\bOutput\(")
# The charts drawn in the browser from their JSON, by the library the site serves (static/vendor/).
PLOTLY = "application/vnd.plotly.v1+json"
# Altair 6's `mimetype` renderer writes its MIME type with a dot (`….v6.json`); JupyterLab and Altair's `spec_to_mimebundle`, `….v6+json`.
VEGALITE = (
    "application/vnd.vegalite.v6.json",
    "application/vnd.vegalite.v6+json",
    "application/vnd.vegalite.v5+json",
    "application/vnd.vegalite.v4+json",
)
# A chart's static form, shown until (or unless) its library draws it: the first of these the display has; else the
# chart's alt text. Its text/plain only stands in for the chart (Altair's "If you see this message, it means the
# renderer has not been properly enabled…", Plotly's `Figure({…})`), which is no fallback for a reader.
CHART_FALLBACKS = ("image/png", "image/jpeg", "image/svg+xml")


# MIME types under which nbformat's schema takes a JSON value; under any other, it wants text.
JSON_MIME = re.compile(r"^application/(.*\+)?json$")


def schema_valid(data: dict[str, Any]) -> dict[str, Any]:
    """Return a display's data as nbformat's schema takes it, which the kernel may not have sent: a JSON value under
    `application/….json` goes under `application/…+json` (Altair 6's `mimetype` renderer sends its chart as
    `application/vnd.vegalite.v6.json`; Jupyter's front ends and Altair's own `spec_to_mimebundle` spell it
    `….v6+json`), and one under any other MIME type becomes its JSON text."""
    valid: dict[str, Any] = {}
    for mime, value in data.items():
        is_text = isinstance(value, str) or (isinstance(value, list) and all(isinstance(item, str) for item in value))
        if is_text or JSON_MIME.match(mime):
            valid.setdefault(mime, value)
        elif mime.startswith("application/") and mime.endswith(".json"):
            valid.setdefault(mime[: -len(".json")] + "+json", value)
        else:
            valid.setdefault(mime, json.dumps(value, ensure_ascii=False))
    return valid


def schema_valid_output(output: Mapping[str, Any]) -> dict[str, Any]:
    """Return an output (as a widget's state keeps it) with its display data as nbformat's schema takes it (schema_valid)."""
    data = output.get("data")
    return {**output, "data": schema_valid(dict(data))} if isinstance(data, Mapping) else dict(output)


@dataclass(frozen=True)
class Display:
    """One display of a cell, with everything its chosen form needs to become an Output."""

    code: Code
    mime: str  # the chosen form
    data: Mapping[str, Any]  # every form of the display, by MIME type
    metadata: Mapping[str, Any]
    image: int  # the number this display gets if it is an image (1-based, per cell)
    mask: Callable[[str], str]


@dataclass(frozen=True)
class Form:
    """What the data of one MIME type becomes on the page, or why it cannot be published."""

    to_output: Callable[[Display], Output] | None
    unpublishable: str = ""  # why the page cannot show it: "it …"


def text_of(value: Any) -> str:
    """Return a display's text data as one string (nbformat may split it into lines)."""
    return "".join(value) if isinstance(value, list) else str(value)


def plain(display: Display) -> Output:
    """Return a text result, masked."""
    return Output("text", display.mask(text_of(display.data[display.mime])))


def json_text(display: Display) -> Output:
    """Return JSON data as pretty-printed text."""
    return Output("text", json.dumps(display.data[display.mime], indent=2, ensure_ascii=False))


def widget(display: Display) -> Output:
    """Return a widget as its text form."""
    # The live widget needs a kernel; its text form (`IntSlider(value=5)`) is what a page can hold.
    return Output("widget", display.mask(text_of(display.data[PLAIN])))


def source_text(kind: str) -> Callable[[Display], Output]:
    """Return a converter that keeps the form's text as written (HTML, markdown, TeX)."""
    return lambda display: Output(kind, text_of(display.data[display.mime]))


def json_for_script(value: Any) -> str:
    """Return JSON that a `<script type="application/json">` holds as it is (`<`, `>`, `&` escaped as JSON escapes)."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    return text.replace("&", "\\u0026").replace("<", "\\u003c").replace(">", "\\u003e")


def alt_text(display: Display) -> str:
    """Return the alt text of a figure or chart: the cell's `alt` metadata, else "Figure N produced by the code above"."""
    return display.code.alt or f"Figure {display.image} produced by the code above"


def chart(kind: str) -> Callable[[Display], Output]:
    """Return a converter to a chart drawn in the browser from its JSON, with the display's image as its fallback (its
    alt text names the chart), else the chart's alt text as a text fallback: the page never shows a chart's text/plain."""

    def to_output(display: Display) -> Output:
        fallback = next((mime for mime in CHART_FALLBACKS if mime in display.data), None)
        if fallback is None:
            static = Output("text", alt_text(display))
        else:
            static = FORMS[fallback].to_output(replace(display, mime=fallback))  # type: ignore[misc]
        return Output(kind, json_for_script(display.data[display.mime]), fallback=static)

    return to_output


# matplotlib writes the time of drawing into every SVG (`<dc:date>`).
SVG_DATE = re.compile(r"\s*<dc:date>[^<]*</dc:date>")


def image(suffix: str) -> Callable[[Display], Output]:
    """Return a converter to an image file named after its cell, with the cell's alt text."""

    def to_output(display: Display) -> Output:
        value = display.data[display.mime]
        if suffix == ".svg":
            data = SVG_DATE.sub("", text_of(value)).encode("utf-8")
        else:
            data = base64.b64decode(text_of(value))
        size = display.metadata.get(display.mime, {})
        return Output(
            "image",
            alt_text(display),
            data,
            f"cell-{display.code.cell}-{display.image}{suffix}",
            width=size.get("width"),
            height=size.get("height"),
        )

    return to_output


# What each form of a display becomes on the page (the Output kinds that
# layouts/_shortcodes/nb-output.html prints). Which form a display is shown in is
# PRIORITY's business, not this table's order.
FORMS: dict[str, Form] = {
    PLOTLY: Form(chart("plotly")),  # drawn by plotly.js from the figure's JSON; its image or text until then
    **{mime: Form(chart("vegalite")) for mime in VEGALITE},  # drawn by vega-embed, likewise
    WIDGET: Form(widget),  # its text form, with a note that the widget is live in Jupyter only
    "application/javascript": Form(source_text("javascript")),  # a script in the output area: authors are trusted
    "text/html": Form(source_text("html")),  # published as it is: authors are trusted
    "text/markdown": Form(source_text("markdown")),  # rendered by Hugo like the post's markdown
    "image/svg+xml": Form(image(".svg")),  # a file beside the post, without its date
    "text/vnd.mermaid": Form(None, "it draws no Mermaid diagrams"),
    "text/latex": Form(source_text("latex")),  # its math becomes MathML when the site is built
    "image/png": Form(image(".png")),
    "image/jpeg": Form(image(".jpg")),
    "application/json": Form(json_text),  # pretty-printed
    PLAIN: Form(plain),
}

# The order in which Jupyter's HTML export picks a display's form (nbconvert's
# `NbConvertBase.display_data_priority` as HTMLExporter configures it). nbconvert has
# no application/json; JupyterLab shows it as a tree rather than as the display's text
# stand-in (`<IPython.core.display.JSON object>`), so it comes just before text/plain.
# nbconvert has no chart forms either; JupyterLab draws a Plotly or Vega-Lite display with
# its renderer before any other form (its HTML, PNG or text), so they come first.
_NBCONVERT_PRIORITY = list(HTMLExporter().default_config.NbConvertBase.display_data_priority)
PRIORITY: tuple[str, ...] = (PLOTLY, *VEGALITE, *_NBCONVERT_PRIORITY[:-1], "application/json", *_NBCONVERT_PRIORITY[-1:])


# Text that differs from machine to machine or run to run, and what the page shows instead.
# A path starts at the beginning of a word: `/…` or IPython's `~/…`.
PATH_START = r"(?<![\w.~/-])(?:~|/)[^\s'\"<>:,()]*?"
MASKS: tuple[tuple[re.Pattern[str], str], ...] = (
    # An object's memory address: `<Line2D at 0x7f3a2c1b9e10>`.
    (re.compile(r"(?<= at 0x)[0-9a-fA-F]+(?=>)"), "…"),
    # Where packages are installed: `/home/me/blog/.venv/lib/python3.11/site-packages/pandas/…`.
    (re.compile(PATH_START + r"/((?:site|dist)-packages)/"), r"…/\1/"),
    # Python's own library: `/usr/lib/python3.11/json/…`.
    (re.compile(PATH_START + r"/(lib/python3\.\d+)/"), r"…/\1/"),
    # The kernel's file for a cell's code, which warnings name: `/tmp/ipykernel_4242/2858204443.py`.
    (re.compile(PATH_START + r"/ipykernel_\d+/"), "…/ipykernel_…/"),
)
# A traceback's name for a cell: IPython's execution count, which depends on what ran before.
CELL_IN = re.compile(r"\bCell In\[(\d+)\]")
BACKSPACE = re.compile(r"[^\n\x08]\x08")


def terminal_text(text: str) -> str:
    """Return stream text as Jupyter's output area shows it, after its `\\r` has been applied.

    A backspace erases the character before it; a `\\r` left at the end of a line ends it.
    """
    while "\x08" in text:
        erased = BACKSPACE.sub("", text)
        text = erased if erased != text else text.replace("\x08", "")
    return text.replace("\r\n", "\n").rstrip("\r")


def folder_prefixes(folder: Path) -> tuple[str, ...]:
    """Return how tracebacks may spell the notebook's folder: absolute, and from `~` as IPython writes it."""
    absolute = str(folder).rstrip("/") + "/"
    home = os.path.expanduser("~").rstrip("/") + "/"
    return (absolute, "~/" + absolute[len(home) :]) if absolute.startswith(home) and home != "/" else (absolute,)


def mask_text(text: str, *folders: Path, parents: tuple[Path, ...] = ()) -> str:
    """Return text without colour codes, with what is machine-specific masked and the notebook's folders made relative.

    `folders`: the notebook's folder, and the working copy of it that the notebook ran in, if any; `parents`: the
    folders they are in (the project, and the mirror of it the copy is in), whose paths become `../…`.
    """
    text = strip_ansi(text)
    for prefix in (prefix for folder in folders for prefix in folder_prefixes(folder)):
        text = text.replace(prefix, "")
    for pattern, replacement in MASKS:
        text = pattern.sub(replacement, text)
    for prefix in (prefix for folder in parents for prefix in folder_prefixes(folder)):  # after the masks of Python's paths
        text = text.replace(prefix, "../")
    return text


def traceback_text(error: nbformat.NotebookNode, counts: Mapping[int, int], mask: Callable[[str], str]) -> str:
    """Return an error's traceback as Jupyter shows it, cells numbered as in a fresh run of the post."""
    lines = error.get("traceback") or [f"{error.ename}: {error.evalue}"]
    text = mask("\n".join(lines))
    return CELL_IN.sub(lambda match: f"Cell In[{counts.get(int(match.group(1)), match.group(1))}]", text)


def widget_models(widgets: Mapping[str, Any] | None) -> Mapping[str, Any]:
    """Return the widget models a notebook saved (its `widgets` metadata), by model id."""
    return ((widgets or {}).get(WIDGET_STATE) or {}).get("state") or {}


def captured_outputs(models: Mapping[str, Any], model_id: str) -> list[Any]:
    """Return the outputs the Output areas of a widget captured: its own if it is one, else its children's, in order."""
    model = models.get(model_id) or {}
    state = model.get("state") or {}
    if model.get("model_name") == "OutputModel":
        return list(state.get("outputs") or [])
    children = state.get("children") or []
    return [
        output
        for child in children
        if isinstance(child, str) and child.startswith(MODEL_REFERENCE)
        for output in captured_outputs(models, child[len(MODEL_REFERENCE) :])
    ]


def expand_widgets(source: Source, code: Code, outputs: list[Any], models: Mapping[str, Any]) -> list[Any]:
    """Return the outputs with what each widget's Output areas captured after it (an Output area alone: in its place).

    An `@interact` shows its controls (as their text form) and, in its Output area, what the
    function's first call displayed. A widget whose Output area is not in `models` (the notebook
    kept no widget state) stops the build: its outputs would be dropped without a word.
    """
    expanded: list[Any] = []
    for output in outputs:
        data = output.get("data") or {}
        if output.get("output_type") not in ("display_data", "execute_result") or WIDGET not in data:
            expanded.append(output)
            continue
        model_id = (data[WIDGET] or {}).get("model_id", "")
        if model_id not in models:
            if OUTPUT_WIDGET_TEXT.search(text_of(data.get(PLAIN, ""))):
                raise source.error(
                    "the outputs this cell's Output widget captured cannot be published: the notebook holds no state for it",
                    cell=code.cell,
                    source=code.source,
                    detail=f"The widget {text_of(data.get(PLAIN, ''))!r} (model {model_id}) is not in the notebook's widget state "
                    f"(metadata `widgets`, {WIDGET_STATE}), where its outputs are kept.",
                    fix="in Jupyter, turn on Settings > Save Widget State Automatically and save the notebook again, "
                    "or display the outputs directly rather than in an Output widget, or tag the cell 'remove-output'",
                    kind="output",
                )
            expanded.append(output)
            continue
        # An Output area is an output area of its own in Jupyter: its streams are merged with each other only.
        area = nbformat.v4.new_code_cell(
            outputs=[nbformat.from_dict(schema_valid_output(item)) for item in captured_outputs(models, model_id)]
        )
        captured = coalesced(area, code.tags)
        is_output_area = models[model_id].get("model_name") == "OutputModel"
        expanded += ([] if is_output_area else [output]) + expand_widgets(source, code, captured, models)
    return expanded


def coalesced(cell: nbformat.NotebookNode, tags: frozenset[str]) -> list[nbformat.NotebookNode]:
    """Return a copy of the cell's outputs with its streams merged and `\\r` applied (nbconvert's preprocessor)."""
    cell = copy.deepcopy(cell)
    if REMOVE_STDERR_TAG in tags:
        cell.outputs = [output for output in cell.get("outputs", []) if output.get("name") != "stderr"]
    cell, _ = CoalesceStreamsPreprocessor().preprocess_cell(cell, {}, 0)
    return cell.get("outputs", [])


def choose_form(data: Mapping[str, Any]) -> str | None:
    """Return the MIME type a display is shown as: the first in PRIORITY that the page can show."""
    return next((mime for mime in PRIORITY if mime in data and FORMS[mime].to_output is not None), None)


def display_to_output(source: Source, display: nbformat.NotebookNode, code: Code, image: int, mask) -> Output | None:
    """Return what the page shows for a display, None if it has no data; stop if the page cannot show it."""
    data, metadata = display.get("data", {}), display.get("metadata", {})
    if not data:
        return None
    mime = choose_form(data)
    if mime == WIDGET and PLAIN not in data:
        problem = f"A widget is shown by its text form ({PLAIN}), and this one has none."
    elif mime is None or (mime == PLAIN and len(data) > 1):
        # Beside a form the page cannot show, text/plain is only a stand-in (`<IPython.core.display.Javascript object>`).
        lost = [f"{other} ({FORMS[other].unpublishable})" if other in FORMS else other for other in sorted(data) if other != PLAIN]
        problem = f"The page cannot show {', '.join(lost)}" + (f", and {PLAIN} only stands in for it." if PLAIN in data else ".")
    else:
        return FORMS[mime].to_output(Display(code, mime, data, metadata, image, mask))
    raise source.error(
        "an output of this cell cannot be published",
        cell=code.cell,
        source=code.source,
        detail=f"Its forms: {', '.join(sorted(data))}. {problem}",
        fix="display it as an image, HTML or text instead, or tag the cell 'remove-output' to publish the code only",
        kind="output",
    )


# Attributes by which HTML names a file that the browser fetches or opens.
FILE_ATTRIBUTES = {"src", "href", "poster", "data"}
# An attribute of a start tag as written: `src="page.html"`, `src='page.html'`, `src=page.html`.
SRC_ATTRIBUTE = re.compile(r"""\ssrc\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'=<>`]+)""", re.IGNORECASE)


@dataclass(frozen=True)
class Reference:
    """A relative URL of an HTML text that names a file: where it is, and the tag it is in."""

    path: str  # percent-decoded
    tag: str
    attribute: str
    start: int  # where the tag starts in the text
    text: str  # the start tag as written


class _URLs(HTMLParser):
    """Collects the values of FILE_ATTRIBUTES in an HTML text, in order, with their tags."""

    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=True)
        self.lines = [0]
        for line in html.split("\n")[:-1]:
            self.lines.append(self.lines[-1] + len(line) + 1)
        self.found: list[tuple[str, str, str, int, str]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        line, offset = self.getpos()
        start, text = self.lines[line - 1] + offset, self.get_starttag_text() or ""
        self.found += [(tag, name, value, start, text) for name, value in attrs if name in FILE_ATTRIBUTES and value]

    handle_startendtag = handle_starttag


def local_references(html: str) -> list[Reference]:
    """Return the relative URLs of an HTML text that name files (no scheme, host or root; not a `#fragment`), in order."""
    parser = _URLs(html)
    parser.feed(html)
    parser.close()
    found = []
    for tag, attribute, url, start, text in parser.found:
        parts = urlsplit(url.strip())
        if not parts.scheme and not parts.netloc and parts.path and not parts.path.startswith("/"):
            found.append(Reference(unquote(parts.path), tag, attribute, start, text))
    return found


def local_paths(html: str) -> list[str]:
    """Return the relative URLs of an HTML text that name files (no scheme, host or root; not a `#fragment`), as paths."""
    return list(dict.fromkeys(reference.path for reference in local_references(html)))


def with_files(source: Source, code: Code, output: Output, folder: Path, inlining: tuple[str, ...] = ()) -> Output:
    """Return an HTML output with the files it points at in `folder` (where its cell ran); stop on one that is not there.

    In Jupyter such a URL resolves against the notebook's folder; on the site it resolves
    against the post's, so the file is published there, or the page would show a broken link.
    A page of HTML that an `<iframe>` shows (`IFrame("page.html")`, a saved folium map) goes into the
    iframe's `srcdoc`, as Hugo would take the file for a page of the site's content; an `<a>` or other
    tag that points at such a file stops the build, naming the cell.
    """
    files: list[tuple[str, bytes]] = []
    text, inlined = output.text, []
    for reference in local_references(output.text):
        path = reference.path
        name = os.path.normpath(path)
        file = folder / name
        if name.startswith("..") or os.path.isabs(name) or not file.is_file():
            where = (
                "is outside the notebook's folder" if name.startswith("..") else "is not a file in the notebook's folder after the cell ran"
            )
            raise source.error(
                f"an HTML output of this cell points at '{path}', which {where}: the page would show it broken",
                cell=code.cell,
                source=code.source,
                fix="commit the file beside the notebook (or have the notebook write it before this cell), "
                "or tag the cell 'remove-output' to publish the code only",
                kind="output",
            )
        suffix = Path(name).suffix.lower()
        if suffix in (".html", ".htm") and (reference.tag, reference.attribute) == ("iframe", "src") and name not in inlining:
            page, page_files = inlined_page(source, code, name, file, folder, inlining)
            inlined.append((reference, page))
            files += page_files
            continue
        if suffix in HUGO_CONTENT_SUFFIXES:
            raise source.error(
                f"an HTML output of this cell points at '{path}', a {suffix} file, which Hugo takes for a page of the site's "
                "content, not a file to publish beside the post: the site would not build",
                cell=code.cell,
                source=code.source,
                fix="show it in an IFrame (IFrame('page.html', width=…, height=…): the page holds it whole), or display its "
                "content in the notebook itself (display(HTML(filename='page.html'))), or tag the cell 'remove-output'",
                kind="output",
            )
        files.append((Path(name).as_posix(), file.read_bytes()))
    for reference, page in reversed(inlined):  # from the end, so that the positions before stay right
        srcdoc = f' srcdoc="{html_escape(page, quote=True)}"'
        tag = SRC_ATTRIBUTE.sub(lambda _, srcdoc=srcdoc: srcdoc, reference.text, count=1)
        text = text[: reference.start] + tag + text[reference.start + len(reference.text) :]
    files = list(dict.fromkeys(files))
    return replace(output, text=text, files=tuple(files)) if files or inlined else output


def inlined_page(
    source: Source, code: Code, name: str, file: Path, folder: Path, inlining: tuple[str, ...]
) -> tuple[str, list[tuple[str, bytes]]]:
    """Return the text of a page of HTML that an iframe of the cell's output shows, and the files it points at.

    In the iframe's `srcdoc` its relative URLs resolve against the post's folder, where its files are published:
    as in Jupyter only for a page in the notebook's folder itself.
    """
    page = file.read_text(encoding="utf-8", errors="replace")
    inner = local_references(page)
    if inner and os.path.dirname(name):
        raise source.error(
            f"an HTML output of this cell shows '{name}' in an iframe, and that page points at files by relative URLs "
            f"({', '.join(dict.fromkeys(reference.path for reference in inner))}), which the published page would resolve "
            "from the post's folder, not from its own",
            cell=code.cell,
            source=code.source,
            fix="save the page beside the notebook, or make it self-contained (folium: m.save('map.html') writes one)",
            kind="output",
        )
    shown = with_files(source, code, Output("html", page), folder, (*inlining, name)) if inner else Output("html", page)
    return shown.text, list(shown.files)


def with_markdown_files(source: Source, code: Code, output: Output, folder: Path) -> Output:
    """Return a markdown output with the files its images and links point at in `folder` (where its cell ran).

    `display(Markdown("![…](fig.png)"))` of a figure the notebook saved: Hugo renders the markdown with the
    post's render hooks, which look for the file beside the post, so it is published there, as an HTML
    output's files are. An image that is neither there nor in static/ (where the hook looks next) stops
    the build, naming the cell, as does a file Hugo would take for a page of its content.
    """
    files: list[tuple[str, bytes]] = []
    for destination in destinations(Markdown(code.cell, output.text)):
        path = destination.path
        if not destination.is_local or path.startswith("/") or path.endswith(NOTEBOOK_SUFFIX):
            continue  # another site, an anchor, a path from the site's root, a notebook's post
        name = bundle_name(path, above=False)
        file = folder / name if name else folder / path
        written = f"the {destination.kind} '{destination.url}'"

        def stop(problem: str, fix: str, written: str = written) -> ContentError:
            return source.error(
                f"a markdown output of this cell shows {written}, {problem}", cell=code.cell, source=code.source, fix=fix, kind="output"
            )

        if name is None and (destination.kind == "image" or file.exists()):
            raise stop(
                "which is outside the notebook's folder: the page would show it broken",
                f"display it with IPython.display.Image('{path}'), which puts the image itself in the output, "
                "or copy it into the notebook's folder",
            )
        if name is None:
            continue  # a link to a page of the site (`../other-post/`)
        if file.is_file() and Path(name).suffix.lower() in HUGO_CONTENT_SUFFIXES:
            raise stop(
                f"a {Path(name).suffix} file, which Hugo takes for a page of the site's content, not a file to publish beside "
                "the post: the site would not build",
                "show what it holds in the notebook itself (display(HTML(filename=…)), or an IFrame of it), or tag the cell 'remove-output'",
            )
        if file.is_file() and GENERATED_NAME.match(name):
            raise stop("which has a name the build gives its own files", "save it under another name")
        if file.is_file():
            files.append((Path(name).as_posix(), file.read_bytes()))
        elif destination.kind == "image" and not (STATIC / path).is_file():
            raise stop(
                f"which is not a file in the notebook's folder after the cell ran, nor in {STATIC}/: Hugo would stop the site's build",
                f"save the image before the cell displays it (e.g. plt.savefig('{path}') in this cell or an earlier one), "
                "correct the path, or tag the cell 'remove-output' to publish the code only",
            )
    files = list(dict.fromkeys(files))
    return replace(output, files=tuple(files)) if files else output


def cell_to_outputs(
    source: Source,
    code: Code,
    cell: nbformat.NotebookNode,
    counts: Mapping[int, int],
    ran_in: Path | None = None,
    models: Mapping[str, Any] | None = None,
) -> tuple[Output, ...]:
    """Return what the page shows of an executed cell's outputs, in order (`ran_in`: the working copy it ran in;
    `models`: the notebook's widget models by id)."""
    folders = (source.path.parent.resolve(),) + ((ran_in,) if ran_in else ())
    project = project_of(source.path.parent)
    parents = ((project,) if project else ()) + ((ran_in.parent,) if ran_in and project else ())
    shown_outputs = coalesced(cell, code.tags)
    if code.shows_output:
        shown_outputs = expand_widgets(source, code, shown_outputs, models or {})

    def mask(text: str) -> str:
        return mask_text(text, *folders, parents=parents)

    outputs: list[Output] = []
    images = 0
    for output in shown_outputs:
        if output.output_type == "stream":
            outputs.append(Output(STREAM_KINDS.get(output.name, "text"), mask(terminal_text(output.text))))
        elif output.output_type == "error":
            outputs.append(Output("error", traceback_text(output, counts, mask)))
        else:  # execute_result, display_data
            shown = display_to_output(source, output, code, images + 1, mask)
            if shown is not None and shown.kind == "html" and code.shows_output:
                shown = with_files(source, code, shown, folders[-1])
            elif shown is not None and shown.kind == "markdown" and code.shows_output:
                shown = with_markdown_files(source, code, shown, folders[-1])
            if shown is not None:
                images += shown.kind == "image" or shown.kind in CHART_KINDS  # a chart is a figure, with or without an image
                outputs.append(shown)
    return tuple(outputs)


def cells_to_outputs(
    source: Source,
    codes: list[Code],
    cells: list[nbformat.NotebookNode],
    ran_in: Path | None = None,
    widgets: Mapping[str, Any] | None = None,
) -> list[tuple[Output, ...]]:
    """Return the outputs of each executed cell (`cells[i]` ran `codes[i]`); stop on one the page cannot show.

    Tracebacks number the cells as a fresh kernel running the post's code cells would
    (`Cell In[3]` for the third cell run), whatever ran on the kernel before. `ran_in`: the
    working copy of the notebook's folder the cells ran in (its paths are masked as the folder's).
    `widgets`: the notebook's `widgets` metadata, where the outputs of its Output widgets are.
    """
    counts = [cell.get("execution_count") for cell in cells]
    fresh = {count: number for number, count in enumerate((count for count in counts if count is not None), start=1)}
    models = widget_models(widgets)
    return [cell_to_outputs(source, code, cell, fresh, ran_in, models) for code, cell in zip(codes, cells)]


def with_stored_outputs(source: Source, post: Post) -> Post:
    """Return the post with the outputs its notebook holds (`execute: false`), as a run's outputs are published."""
    codes = post.code_cells
    cells = [source.notebook.cells[code.cell - 1] for code in codes]
    outputs = cells_to_outputs(source, codes, cells, widgets=source.notebook.metadata.get("widgets"))
    by_cell = {code.cell: replace(code, outputs=shown) for code, shown in zip(codes, outputs)}
    return replace(post, blocks=[by_cell.get(block.cell, block) if isinstance(block, Code) else block for block in post.blocks])
