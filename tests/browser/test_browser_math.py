"""Math in chromium: every formula of the posts' markdown is MathML, rendered when the site
was built, and no raw TeX shows."""

import re

# Display delimiters first, so that `$$x$$` is not read as two `$` formulas.
FORMULA = re.compile(r"\$\$(.+?)\$\$|\\\[(.+?)\\\]|\\\((.+?)\\\)|\$(.+?)\$", re.S)
CODE = re.compile(r"```.*?```|`[^`\n]*`|\{\{[<%].*?[>%]\}\}", re.S)


def formulas(markdown):
    """Return the TeX of every formula in markdown outside code, delimiters removed."""
    return {next(g for g in match.groups() if g is not None).strip() for match in FORMULA.finditer(CODE.sub("", markdown))}


def test_formulas_are_found_in_markdown():
    assert formulas(r"a $x_1$ b $$\sum_i w_i$$ c \(y\) `$not$` \[z\]") == {"x_1", r"\sum_i w_i", "y", "z"}


def test_every_formula_is_mathml_and_no_raw_tex_shows(site, page):
    checked = 0
    for slug, body in site.bodies.items():
        tex = formulas(body)
        page.goto(site.post_url(slug))
        annotations = {a.strip() for a in page.locator(".post-body math annotation").all_text_contents()}
        assert tex <= annotations, (slug, tex - annotations)
        assert page.locator("script[src*='katex'], script[src*='mathjax']").count() == 0
        # Code may hold dollar signs (matplotlib labels); the prose must not.
        visible = page.locator(".post-body").evaluate("""body => { const prose = body.cloneNode(true);
            prose.querySelectorAll('pre, code, math, [data-type]').forEach(e => e.remove());
            return prose.textContent; }""")
        for formula in tex:
            for left, right in (("$", "$"), ("\\(", "\\)"), ("\\[", "\\]")):
                assert f"{left}{formula}{right}" not in visible, (slug, formula)
        assert not re.search(r"\\(frac|sum|sigma|mathbf|cdot)\b", visible), slug
        checked += len(tex)
    assert checked > 0, "no post has math: the check would check nothing"
