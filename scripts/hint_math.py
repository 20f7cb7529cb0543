"""The math of an exercise's hint as text: DataCamp Light shows a hint through the npm `xss` filter, which removes MathML.

The filter keeps a whitelist of tags and removes any other tag with everything inside it, MathML
included (docs/site.md, "Hints"). So, when the post is rendered, each formula of a hint becomes HTML
the filter keeps, written into the hint's markdown: Greek letters and operators as Unicode, `^` and
`_` as <sup> and <sub>, `\\frac{a}{b}` as a/b, `\\text{…}`, `\\mathbf{…}` as <b>, `\\hat{x}`, `\\sqrt{…}`,
in a <span class="math-text">. A formula using TeX beyond this (environments, `\\\\`, other commands,
accents on more than one letter) is shown as its source in <code class="math-tex">. Spaces are kept;
a prime ' becomes ′, a hyphen-minus − (U+2212).

Formulas are found where Hugo's Goldmark passthrough extension (config.toml) finds them: `$…$`,
`\\(…\\)` inline, `$$…$$`, `\\[…\\]` display, never in code, HTML tags, link destinations or after `\\`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from markdown_it import MarkdownIt

# Commands written as one character (or none, for sizes and styles).
SYMBOLS = {
    "alpha": "α", "beta": "β", "gamma": "γ", "delta": "δ", "epsilon": "ϵ", "varepsilon": "ε", "zeta": "ζ", "eta": "η",
    "theta": "θ", "vartheta": "ϑ", "iota": "ι", "kappa": "κ", "lambda": "λ", "mu": "μ", "nu": "ν", "xi": "ξ", "pi": "π",
    "rho": "ρ", "sigma": "σ", "tau": "τ", "upsilon": "υ", "phi": "ϕ", "varphi": "φ", "chi": "χ", "psi": "ψ", "omega": "ω",
    "Gamma": "Γ", "Delta": "Δ", "Theta": "Θ", "Lambda": "Λ", "Xi": "Ξ", "Pi": "Π", "Sigma": "Σ", "Upsilon": "Υ",
    "Phi": "Φ", "Psi": "Ψ", "Omega": "Ω",
    "cdot": "·", "times": "×", "div": "÷", "pm": "±", "mp": "∓", "ast": "∗", "circ": "∘", "odot": "⊙", "otimes": "⊗", "oplus": "⊕",
    "le": "≤", "leq": "≤", "ge": "≥", "geq": "≥", "ne": "≠", "neq": "≠", "approx": "≈", "equiv": "≡", "sim": "∼", "propto": "∝",
    "ll": "≪", "gg": "≫", "infty": "∞", "sum": "∑", "prod": "∏", "int": "∫", "partial": "∂", "nabla": "∇",
    "to": "→", "rightarrow": "→", "leftarrow": "←", "Rightarrow": "⇒", "Leftrightarrow": "⇔", "mapsto": "↦",
    "in": "∈", "notin": "∉", "subset": "⊂", "subseteq": "⊆", "cup": "∪", "cap": "∩", "forall": "∀", "exists": "∃",
    "mid": "|", "vert": "|", "lvert": "|", "rvert": "|", "Vert": "‖", "lVert": "‖", "rVert": "‖", "langle": "⟨", "rangle": "⟩",
    "lfloor": "⌊", "rfloor": "⌋", "lceil": "⌈", "rceil": "⌉", "ell": "ℓ", "top": "⊤", "prime": "′", "emptyset": "∅",
    "ldots": "…", "cdots": "⋯", "dots": "…", "quad": "\u2003", "qquad": "\u2003\u2003",
    "log": "log", "ln": "ln", "exp": "exp", "max": "max", "min": "min", "arg": "arg", "lim": "lim", "sup": "sup", "inf": "inf",
    "sin": "sin", "cos": "cos", "tan": "tan", "tanh": "tanh", "det": "det",
    "left": "", "right": "", "bigl": "", "bigr": "", "Bigl": "", "Bigr": "", "big": "", "Big": "", "displaystyle": "", "textstyle": "",
}  # fmt: skip
# Accents on one letter, as combining characters.
ACCENTS = {"hat": "\u0302", "bar": "\u0304", "tilde": "\u0303", "vec": "\u20d7", "dot": "\u0307", "ddot": "\u0308"}
# Escaped characters and TeX's spaces, in the HTML-escaped formula. \{ \} \_ stand aside (as \x02 \x03 \x04)
# until the end, so that no rule below takes them for a group or a subscript.
ESCAPES = (
    ("\\{", "\x02"), ("\\}", "\x03"), ("\\_", "\x04"),
    ("\\%", "%"), ("\\$", "$"), ("\\&amp;", "&amp;"), ("\\#", "#"),
    ("\\,", "\u2009"), ("\\:", "\u2005"), ("\\;", "\u2004"), ("\\!", ""), ("\\ ", " "),
    ("\\|", "‖"), ("\\&gt;", " "),
)  # fmt: skip
SET_ASIDE = {"\x02": "{", "\x03": "}", "\x04": "_"}
# The end of a command's name is marked with \x01, so that \alpha_i and \alpha2 are found and \alphabet is not \alpha.
COMMAND = re.compile(r"\\([A-Za-z]+)")
END = "\x01"
SPACE = "[ \t\n\f\r]"  # TeX's (and RE2's `\s`): Python's `\s` would take the thin spaces written above too
LETTER = r"[^\W\d_]"  # a letter (also the few numerals that are not digits, such as ², as Python's `\w` counts them)
WORD = r"(?:[^\W_]|\.)"  # a letter, a digit or a dot: an argument that needs no parentheses
GROUP = r"\{([^{}]*)\}"  # an innermost group
TEXT_COMMANDS = re.compile(rf"\\(?:text|textrm|mathrm|operatorname|mathit|mathsf|mathtt|mathnormal){END}{SPACE}*{GROUP}")
BOLD_GROUP = re.compile(rf"\\(?:mathbf|boldsymbol|bm|textbf){END}{SPACE}*{GROUP}")
BOLD_LETTER = re.compile(rf"\\(?:mathbf|boldsymbol|bm){END}{SPACE}*({LETTER})")
ACCENT = {name: re.compile(rf"\\{name}{END}{SPACE}*(?:\{{({LETTER})\}}|({LETTER}))") for name in ACCENTS}
# One pass undoes one level of nesting, innermost groups first: four levels are enough for a hint.
PASSES = 4
NESTED = (
    (re.compile(rf"\\sqrt{END}{SPACE}*\{{({WORD}+)\}}"), "√{0}"),
    (re.compile(rf"\\sqrt{END}{SPACE}*{GROUP}"), "√({0})"),
    (re.compile(rf"\\[dt]?frac{END}{SPACE}*\{{({WORD}+)\}}\{{({WORD}+)\}}"), "{0}/{1}"),
    (re.compile(rf"\\[dt]?frac{END}{SPACE}*\{{({WORD}+)\}}{GROUP}"), "{0}/({1})"),
    (re.compile(rf"\\[dt]?frac{END}{SPACE}*{GROUP}\{{({WORD}+)\}}"), "({0})/{1}"),
    (re.compile(rf"\\[dt]?frac{END}{SPACE}*{GROUP}{GROUP}"), "({0})/({1})"),
    (re.compile(r"\^[ \t\n\f\r]*([^ \t\n\f\r{}\\^_<&])"), "<sup>{0}</sup>"),
    (re.compile(r"_[ \t\n\f\r]*([^ \t\n\f\r{}\\^_<&])"), "<sub>{0}</sub>"),
    (re.compile(rf"\^{SPACE}*{GROUP}"), "<sup>{0}</sup>"),
    (re.compile(rf"_{SPACE}*{GROUP}"), "<sub>{0}</sub>"),
    # A bare {group} is a group only where it is no command's argument and no script's.
    (re.compile(rf"(^|[^\\{END}}}^_]){GROUP}"), "{0}{1}"),
)
# What is left of TeX when a formula uses more than the rules above know.
UNKNOWN = re.compile(rf"[\\{{}}^_{END}]")


def escape_html(text: str) -> str:
    """Return text with `&`, `<`, `>`, `'` and `"` escaped, as Go's html.EscapeString (Hugo's htmlEscape) writes them."""
    return text.replace("&", "&amp;").replace("'", "&#39;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&#34;")


def tex_to_text(tex: str) -> str:
    """Return a formula's TeX as HTML that DataCamp Light's hint filter keeps: a math-text span, or its source as code."""
    text = escape_html(tex.strip().replace("'", "′").replace("-", "−"))
    for escaped, written in ESCAPES:
        text = text.replace(escaped, written)
    text = COMMAND.sub(lambda match: f"\\{match.group(1)}{END}", text)
    for name, symbol in SYMBOLS.items():
        text = text.replace(f"\\{name}{END}", symbol)
    text = TEXT_COMMANDS.sub(lambda match: match.group(1), text)
    text = BOLD_GROUP.sub(lambda match: f"<b>{match.group(1)}</b>", text)
    text = BOLD_LETTER.sub(lambda match: f"<b>{match.group(1)}</b>", text)
    for name, mark in ACCENTS.items():
        text = ACCENT[name].sub(lambda match, mark=mark: (match.group(1) or match.group(2)) + mark, text)
    for _ in range(PASSES):
        for pattern, written in NESTED:
            text = pattern.sub(lambda match, written=written: written.format(*(group or "" for group in match.groups())), text)
    if UNKNOWN.search(text):
        return f'<code class="math-tex">{escape_html(tex)}</code>'
    for aside, character in SET_ASIDE.items():
        text = text.replace(aside, character)
    return f'<span class="math-text">{text}</span>'


@dataclass(frozen=True)
class Formula:
    """A formula in markdown: where it is (delimiters included), its TeX, and whether it is display math."""

    start: int
    end: int
    tex: str
    display: bool


# Goldmark's passthrough delimiters (config.toml), in the order it tries them: block delimiters first.
DELIMITERS = ((r"\[", r"\]", True), ("$$", "$$", True), (r"\(", r"\)", False), ("$", "$", False))
ASCII_PUNCTUATION = frozenset("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~")
# What Hugo's markdown reads in text: escapes, code, emphasis, links, formulas, strikethrough, typography (quotes,
# `--`, `...`), autolinks (`www.`, `http:`, `a@b.c`), table cells, attributes, headings' closing `#`.
MARKDOWN_ACTIVE = frozenset("\\`*_[]!<>&$~'\".-:@|{}#")
# Inline HTML and autolinks, as CommonMark defines them: their text is not markdown.
ATTRIBUTE = r"""\s+[A-Za-z_:][A-Za-z0-9_.:-]*(?:\s*=\s*(?:[^\s"'=<>`]+|'[^']*'|"[^"]*"))?"""
INLINE_HTML = re.compile(
    rf"<[A-Za-z][A-Za-z0-9-]*(?:{ATTRIBUTE})*\s*/?>|</[A-Za-z][A-Za-z0-9-]*\s*>|<!--.*?-->|<\?.*?\?>|<![A-Za-z]+[^>]*>"
    r"|<!\[CDATA\[.*?\]\]>|<[A-Za-z][A-Za-z0-9.+-]{1,31}:[^\s<>]*>|<[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9.-]+>",
    re.DOTALL,
)
# A link's destination and title after its text: `](url "title")`.
LINK_TAIL = re.compile(r"""\]\(\s*(?:<[^<>\n]*>|[^\s()]*(?:\([^\s()]*\)[^\s()]*)*)(?:\s+(?:"[^"]*"|'[^']*'|\([^()]*\)))?\s*\)""")
_MARKDOWN = MarkdownIt("commonmark")


def formulas_in(text: str, offset: int = 0) -> list[Formula]:
    """Return the formulas in the inline text of one block (a paragraph, a heading), as Goldmark reads it left to right."""
    found = []
    at = 0
    while at < len(text):
        char = text[at]
        if char == "`":  # a code span, closed by a run of as many backticks, else the backticks are text
            run = len(text[at:]) - len(text[at:].lstrip("`"))
            closing = re.compile(rf"(?<!`)`{{{run}}}(?!`)").search(text, at + run)
            at = closing.end() if closing else at + run
        elif char == "<":
            tag = INLINE_HTML.match(text, at)
            at = tag.end() if tag else at + 1
        elif char == "]" and (tail := LINK_TAIL.match(text, at)):
            at = tail.end()
        elif char in "$\\":
            opening = next((delimiter for delimiter in DELIMITERS if text.startswith(delimiter[0], at)), None)
            if opening is None:
                # `\\` is an escaped backslash (with the opener after it, if any), `\$` an escaped dollar.
                after = text[at + 1 : at + 2]
                escaped = next((open_ for open_, _, _ in DELIMITERS if text.startswith(open_, at + 2)), "") if after == "\\" else ""
                at += 2 + len(escaped) if after and after in ASCII_PUNCTUATION else 1
                continue
            open_, close, display = opening
            end = text.find(close, at + len(open_))
            if end == -1:
                at += len(open_)  # never closed: the opener is text
            elif end == at + len(open_):
                at += 1  # nothing inside: no formula, and the next character may open one
            else:
                found.append(Formula(offset + at, offset + end + len(close), text[at + len(open_) : end], display))
                at = end + len(close)
        else:
            at += 1
    return found


def line_starts(markdown: str) -> list[int]:
    """Return where each line of markdown starts, and its length last (markdown-it's line numbers index it)."""
    starts = [0]
    for line in markdown.splitlines(keepends=True):
        starts.append(starts[-1] + len(line))
    return starts


def formulas(markdown: str) -> list[Formula]:
    """Return the formulas in markdown, in order: those in the text of paragraphs and headings, not in code or HTML blocks."""
    starts = line_starts(markdown)
    found = []
    for token in _MARKDOWN.parse(markdown):
        if token.type == "inline" and token.map:
            first, last = token.map
            found += formulas_in(markdown[starts[first] : starts[min(last, len(starts) - 1)]], starts[first])
    return found


def as_markdown(html: str) -> str:
    """Return HTML written so that markdown passes it on as it is: one line, punctuation as character references.

    Goldmark resolves the references back to the characters, so the page has the HTML as written, and
    nothing in the text is read as emphasis, code, a formula, typography or the start of a block.
    """
    parts = re.split(r"(<[^<>]*>|&[#A-Za-z0-9]+;)", html.replace("\r", "").replace("\n", " "))
    return "".join(
        part if index % 2 else "".join(f"&#{ord(char)};" if char in MARKDOWN_ACTIVE else char for char in part)
        for index, part in enumerate(parts)
    )


def display_math(markdown: str, formula: Formula, starts: list[int], paragraph) -> tuple[int, int, str]:
    """Return the span of markdown a display formula takes and the markdown that replaces it: its div.math-display.

    Alone in its paragraph, the div is an HTML block. Within the text of a paragraph, the paragraph is
    split around it, as Goldmark's passthrough does; in a list item or a quote, it stays in the line.
    """
    block = f'<div class="math-display">{as_markdown(tex_to_text(formula.tex))}</div>'
    if paragraph is None or paragraph.level > 0:
        return formula.start, formula.end, block
    start, end = formula.start, formula.end
    last = starts[min(paragraph.map[1], len(starts) - 1)]
    before, after = markdown[starts[paragraph.map[0]] : start], markdown[end:last]
    if before.strip():
        start = len(markdown[:start].rstrip(" \t"))
        block = "\n\n" + block
    if after.strip():
        end += len(after) - len(after.lstrip(" \t"))
        block += "\n\n"
    elif markdown[last:].split("\n", 1)[0].strip():
        block += "\n"  # the next block starts on the next line: an empty line ends the HTML block first
    return start, end, block


def math_to_text(markdown: str) -> str:
    """Return a hint's markdown with each formula as HTML text (tex_to_text), display math in a div.math-display."""
    found = formulas(markdown)
    if not found:
        return markdown
    starts = line_starts(markdown)
    paragraphs = [token for token in _MARKDOWN.parse(markdown) if token.type == "paragraph_open" and token.map]
    replacements = []
    for formula in found:
        if formula.display:
            line = max(number for number, first in enumerate(starts) if first <= formula.start)
            paragraph = next((token for token in paragraphs if token.map[0] <= line < token.map[1]), None)
            replacements.append(display_math(markdown, formula, starts, paragraph))
        else:
            replacements.append((formula.start, formula.end, as_markdown(tex_to_text(formula.tex))))
    # From the end, so that the places before stay where they are; the spaces between two display formulas go once.
    for (start, end, text), following in zip(reversed(replacements), [len(markdown), *(start for start, _, _ in reversed(replacements))]):
        markdown = markdown[:start] + text + markdown[min(end, following) :]
    return markdown
