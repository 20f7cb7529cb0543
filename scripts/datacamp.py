"""What DataCamp Light reads from an exercise's `<code>` element: `stripIndent(textContent).trim()`.

DataCamp Light runs the npm package strip-indent on each code element's text and
then JavaScript's `String.prototype.trim`. Both use JavaScript's idea of
whitespace and of line starts, which differ from Python's `str.strip`, `\\s` and
`re.MULTILINE`, so they are spelled out here.
"""

from __future__ import annotations

import re

# ECMAScript WhiteSpace (TAB, VT, FF, SP, NBSP, ZWNBSP and the Zs category) and LineTerminator.
JS_WHITESPACE = "\t\v\f \u00a0\ufeff\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u202f\u205f\u3000"
JS_LINE_TERMINATORS = "\n\r\u2028\u2029"
_SPACE = re.escape(JS_WHITESPACE + JS_LINE_TERMINATORS)
# `^` under JavaScript's /m flag: the start of the text or just after any line terminator.
_LINE_START = rf"(?:\A|(?<=[{re.escape(JS_LINE_TERMINATORS)}]))"
# min-indent's /^[ \t]*(?=\S)/gm: the indentation of each line that is not blank.
_INDENT = re.compile(rf"{_LINE_START}[ \t]*(?=[^{_SPACE}])")


def js_trim(text: str) -> str:
    """Return `text` without leading and trailing JavaScript whitespace, as `String.prototype.trim` does."""
    return text.strip(JS_WHITESPACE + JS_LINE_TERMINATORS)


def min_indent(text: str) -> int:
    """Return the smallest indentation (spaces and tabs) of the lines of `text` that are not blank."""
    indents = [len(match.group()) for match in _INDENT.finditer(text)]
    return min(indents) if indents else 0


def strip_indent(text: str) -> str:
    """Return `text` with its smallest indentation removed from every line, as strip-indent does."""
    indent = min_indent(text)
    if indent == 0:
        return text
    # Blank lines lose up to that many spaces and tabs too, like the JavaScript replace.
    return re.sub(rf"{_LINE_START}[ \t]{{{indent}}}", "", text)


def datacamp_reads(code_text: str) -> str:
    """Return what DataCamp Light reads from a code element whose textContent is `code_text`."""
    return js_trim(strip_indent(code_text))
