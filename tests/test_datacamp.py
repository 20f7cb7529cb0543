"""What DataCamp Light reads: strip-indent and String.prototype.trim, checked against JavaScript itself (node)."""

from __future__ import annotations

import json
import shutil
import subprocess

import pytest

from scripts.datacamp import datacamp_reads, js_trim, strip_indent

# strip-indent (and its min-indent) as published on npm, then trim: what DataCamp Light runs.
STRIP_INDENT_JS = r"""
const stripIndent = string => {
  const match = string.match(/^[ \t]*(?=\S)/gm);
  const indent = match ? match.reduce((r, a) => Math.min(r, a.length), Infinity) : 0;
  if (indent === 0) return string;
  return string.replace(new RegExp(`^[ \\t]{${indent}}`, 'gm'), '');
};
const inputs = JSON.parse(require('fs').readFileSync(0, 'utf8'));
process.stdout.write(JSON.stringify(inputs.map(text => [stripIndent(text), text.trim(), stripIndent(text).trim()])));
"""

CASES = [
    "",
    "x = 1",
    "\n    a = 1\n      b = 2\n    \n",
    "\n  # no pec\n",
    "import numpy as np\t\n\t\t\ndef f(x):\n    return x\n\t\n",
    " # one space\nx = 1\n",
    "\t\tif x:\n\t\t\ty\n",
    "  a\r\n  b\r  c",
    "\u00a0\u00a0a\n\u00a0\u00a0b\u2028  c\u2029  d",
    "\ufeff  x\u3000",
    "\x1c  x\x85",
    "   \n\t\n",
]


@pytest.mark.skipif(shutil.which("node") is None, reason="node is not installed")
def test_datacamp_reads_like_javascript():
    result = subprocess.run(
        ["node", "-e", STRIP_INDENT_JS], input=json.dumps(CASES), capture_output=True, text=True, timeout=60, check=True
    )
    expected = json.loads(result.stdout)
    assert [[strip_indent(text), js_trim(text), datacamp_reads(text)] for text in CASES] == expected


def test_datacamp_reads_known_values():
    assert datacamp_reads("\n    a = 1\n      b = 2\n    \n") == "a = 1\n  b = 2"
    assert js_trim("\ufeff x \x85") == "x \x85"  # JavaScript trims BOM but not NEL; Python's strip does the opposite
