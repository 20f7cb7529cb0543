"""Exercise hints through DataCamp Light's XSS filter, in chromium: every hint of the blog and of the
fixture posts (exercise_fixtures.py, with TeX math) shows the same text after the filter as on our page.

DataCamp Light (src/components/Alert.tsx) shows a hint as `xss(hint, {stripIgnoreTag: true,
stripIgnoreTagBody: true})`, with the npm package xss at the version its package-lock.json pins, 1.0.3:
the same package and version are installed here by `npm ci` (package.json) and run in the page."""

from pathlib import Path

import pytest
from exercise_fixtures import MATH_HINTS, OTHER_HINTS

ROOT = Path(__file__).resolve().parents[2]
XSS = ROOT / "node_modules" / "xss" / "dist" / "xss.js"
DATACAMP_LIGHT_XSS_OPTIONS = {"stripIgnoreTag": True, "stripIgnoreTagBody": True}

# For each exercise with a hint: the hint's HTML as DataCamp Light reads it (innerHTML of
# [data-type=hint]), filtered, then shown in a copy of the static hint's box, beside the static hint.
HINTS_AFTER_FILTER = """options => [...document.querySelectorAll('.exercise')].flatMap(exercise => {
  const read = exercise.querySelector('[data-type=hint]');
  if (!read) return [];
  exercise.querySelector('details.exercise-hint').open = true;
  const shown = exercise.querySelector('.exercise-hint-body');
  const filtered = shown.cloneNode(false);
  filtered.innerHTML = filterXSS(read.innerHTML, options);
  shown.after(filtered);
  const result = {id: exercise.querySelector('[id]').id, html: read.innerHTML,
                  shown: shown.innerText, filtered: filtered.innerText};
  filtered.remove();
  return [result];
})"""


@pytest.fixture
def filter_page(page):
    """The page fixture, with npm's xss (DataCamp Light's filter) added to every page it opens."""
    if not XSS.is_file():
        pytest.fail(f"{XSS.relative_to(ROOT)} is missing: run `npm ci` (make test does)", pytrace=False)
    page.add_init_script(path=str(XSS))
    return page


def hints_after_filter(page, url):
    page.goto(url)
    assert page.evaluate("typeof filterXSS") == "function"
    return page.evaluate(HINTS_AFTER_FILTER, DATACAMP_LIGHT_XSS_OPTIONS)


def test_the_filter_is_datacamp_lights_and_removes_mathml(filter_page, fixture_site):
    # The filter as DataCamp Light runs it: MathML goes with its content, <script> too, and
    # the attributes off its whitelist (class) are dropped; <sup> and <code> are kept.
    filter_page.goto(fixture_site.post_url("hint-fixtures"))
    filtered = filter_page.evaluate(
        "([html, options]) => filterXSS(html, options)",
        [
            'a <math><mi>x</mi></math> b <script>alert(1)</script><span class="m">e<sup>−x</sup></span> <code>c</code>',
            DATACAMP_LIGHT_XSS_OPTIONS,
        ],
    )
    assert filtered == "a  b <span>e<sup>−x</sup></span> <code>c</code>"


def test_every_hint_of_the_blog_shows_the_same_text_after_datacamp_lights_filter(filter_page, site):
    checked = 0
    for slug, front_matter in site.posts.items():
        hints = [ex for ex in front_matter.get("notebook", {}).get("exercises", []) if ex.get("hint")]
        results = hints_after_filter(filter_page, site.post_url(slug))
        assert [r["id"] for r in results] == [ex["id"] for ex in hints]
        for result in results:
            assert result["filtered"] == result["shown"], result
            assert result["shown"].strip(), result
        checked += len(results)
    assert checked > 0, "no post has a hint: the check would check nothing"


def test_every_fixture_hint_with_math_or_markdown_shows_the_same_text_after_the_filter(filter_page, fixture_site):
    results = hints_after_filter(filter_page, fixture_site.post_url("hint-fixtures"))
    assert [r["id"] for r in results] == [*MATH_HINTS, *OTHER_HINTS]
    for result in results:
        assert result["filtered"] == result["shown"], result
        assert "<math" not in result["html"], result


FORMULAS = """exercise => [...exercise.querySelectorAll('[data-type=hint] :is(.math-text, .math-tex)')].map(e => e.outerHTML)"""


def test_hint_math_becomes_text_the_filter_keeps(page, fixture_site):
    page.goto(fixture_site.post_url("hint-fixtures"))
    for name, (_, formulas) in MATH_HINTS.items():
        exercise = page.locator(f".exercise:has(#{name})")
        assert exercise.evaluate(FORMULAS) == formulas, name
        # The static copy shows the same HTML as the hint DataCamp Light reads.
        assert exercise.locator(".exercise-hint-body").inner_html() == exercise.locator("[data-type=hint]").inner_html()
