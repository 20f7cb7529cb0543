"""What DataCamp Light reads from an exercise on the page, and the line v3 puts before the pre-exercise code."""

import textwrap

# The code parts of an exercise, as the page's code[data-type] elements name them.
PARTS = ("pre-exercise-code", "sample-code", "solution", "sct")


def code_text(value):
    """Return a code part as DataCamp Light reads it: indentation stripped, then trimmed."""
    return textwrap.dedent(value or "").strip()


def install_line(packages):
    """Return the line DataCamp Light v3 puts before the pre-exercise code for a data-packages value
    (src/helpers/packages.ts: split at ",", each quoted and followed by ","; none when blank)."""
    if not packages.strip():
        return ""
    pins = "".join(f"'{pin}'," for pin in packages.split(","))
    return f"from dcl_package_manager import install_packages, print_packages; install_packages([{pins}])\n"
