"""Exercises in chromium with DataCamp Light unreachable: each shows its static copy, complete
(the code run before the exercise, the sample, "Copy code", hint and solution) and saying why, while
the markup DataCamp Light reads stays intact, with the Python version and the package pins it sends."""

import re

from datacamp_light import PARTS, code_text
from exercise_fixtures import INDENTED_PRE, INDENTED_SAMPLE

from scripts import runtime
from scripts.datacamp import datacamp_reads

MATH = re.compile(r"\$\$.+?\$\$|\$.+?\$|\\\(.+?\\\)|\\\[.+?\\\]", re.S)
# Hugo's typographer turns straight quotes, dashes and dots into typographic ones.
TYPOGRAPHY = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"', "\u2013": "--", "\u2026": "..."})


def plain(text):
    """Return text with typographic quotes, dashes and ellipses made plain."""
    return text.translate(TYPOGRAPHY)


def hint_fragments(markdown):
    """Return the plain-text pieces of a hint's markdown in order: code spans as written,
    other text without emphasis marks, math left out."""
    fragments = []
    for n, part in enumerate(re.split(r"`([^`]*)`", markdown)):
        pieces = [part] if n % 2 else [re.sub(r"\*+|\b_+|_+\b", "", p) for p in MATH.split(part)]
        fragments += [piece.strip() for piece in pieces if piece.strip()]
    return fragments


def test_there_is_a_post_with_exercises(site):
    assert site.exercise_posts(), "no post has exercises: the exercise checks would check nothing"


UNREACHABLE = "The interactive version of this exercise could not reach DataCamp's servers, so here is its static copy."


def test_every_exercise_shows_its_fallback_with_hint_and_solution(site, page, visit, save_screenshot):
    for n, (slug, exercises) in enumerate(site.exercise_posts()):
        page.goto(site.post_url(slug), wait_until="load")
        if n == 0:
            save_screenshot(page, "post-with-exercises")
        assert page.locator("[data-datacamp-exercise]").count() == len(exercises)
        for exercise in exercises:
            embed = page.locator(f"#{exercise['id']}")
            fallback = page.locator(f"#{exercise['id']} + .exercise-fallback")
            assert fallback.is_visible()
            assert not embed.is_visible()
            for part in PARTS:
                assert not embed.locator(f"code[data-type={part}]").is_visible()
            # The script was blocked: one line says so, with no retry (there is no interactive version).
            assert fallback.locator(".exercise-status").inner_text() == UNREACHABLE
            if code_text(exercise.get("sample_code")):
                assert fallback.locator(".exercise-sample pre").text_content().strip() == code_text(exercise["sample_code"])
            assert "needs DataCamp Light and DataCamp's servers" in fallback.locator(".exercise-note").inner_text()

            pre = fallback.locator(".exercise-pre")
            if code_text(exercise.get("pre_exercise_code")):
                assert pre.locator("summary").inner_text().endswith("Code run before the exercise")
                assert not pre.locator("pre").is_visible()
                pre.locator("summary").click()
                assert pre.locator("pre").text_content().strip() == code_text(exercise["pre_exercise_code"])
            else:
                assert pre.count() == 0

            solution = fallback.locator(".exercise-solution pre")
            assert not solution.is_visible()
            fallback.locator(".exercise-solution summary").click()
            assert fallback.locator(".exercise-solution summary").inner_text().endswith("Show solution")
            assert solution.is_visible()
            assert solution.text_content().strip() == code_text(exercise["solution"])

            if exercise.get("hint"):
                hint = fallback.locator(".exercise-hint-body")
                assert not hint.is_visible()
                fallback.locator(".exercise-hint summary").click()
                assert hint.is_visible()
                text = plain(hint.inner_text())
                position = 0
                for fragment in hint_fragments(exercise["hint"]):
                    found = text.find(fragment, position)
                    assert found >= 0, (exercise["id"], fragment, text)
                    position = found + len(fragment)
            else:
                assert fallback.locator(".exercise-hint").count() == 0
    assert visit.failures == []
    assert visit.errors == []


# Press each static copy's "Copy code", as a reader would, and read the clipboard after each.
COPY_EACH = """async ids => { const copied = {};
  for (const id of ids) {
    await navigator.clipboard.writeText('');
    const fallback = document.querySelector(`#${id} + .exercise-fallback`);
    fallback.querySelector('.exercise-copied').textContent = '';
    fallback.querySelector('.exercise-copy').click();
    while (fallback.querySelector('.exercise-copied').textContent !== 'Copied.') await new Promise(r => setTimeout(r, 10));
    copied[id] = await navigator.clipboard.readText();
  }
  return copied; }"""


def copied(page, ids):
    """Press "Copy code" of these exercises; return what the clipboard held after each, by id."""
    return page.evaluate(COPY_EACH, ids)


def expected_copy(exercise):
    """The code run before the exercise, then the sample, each as DataCamp Light reads it."""
    return "\n\n".join(part for part in (datacamp_reads(exercise.get(key) or "") for key in ("pre_exercise_code", "sample_code")) if part)


def test_copy_code_copies_the_code_run_before_the_exercise_then_the_sample(site, fixture_site, page):
    page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    checked = 0
    for slug, exercises in site.exercise_posts():
        page.goto(site.post_url(slug))
        assert page.locator(".exercise-copy").all_inner_texts() == ["Copy code"] * len(exercises)
        assert copied(page, [ex["id"] for ex in exercises]) == {ex["id"]: expected_copy(ex) for ex in exercises}
        checked += len(exercises)
    assert checked > 0
    # Indented code is copied as DataCamp Light reads it: the common indentation stripped.
    page.goto(fixture_site.post_url("exercise-code"))
    assert copied(page, ["indented"]) == {"indented": datacamp_reads(INDENTED_PRE) + "\n\n" + datacamp_reads(INDENTED_SAMPLE)}
    assert copied(page, ["indented"]) == {"indented": "import numpy as np\nx = np.arange(3)\n\nfor value in x:\n    print(value * ___)"}


# What DataCamp Light reads: the first code[data-type=X] and [data-type=hint] in the div.
READ_AS_DATACAMP_LIGHT = """div => {
  const strip = s => { const lines = s.split('\\n');
    const indents = lines.filter(l => l.trim()).map(l => l.match(/^[ \\t]*/)[0].length);
    const n = indents.length ? Math.min(...indents) : 0;
    return lines.map(l => l.slice(n)).join('\\n').trim(); };
  const parts = {};
  for (const type of ['pre-exercise-code', 'sample-code', 'solution', 'sct']) {
    const el = div.querySelector(`code[data-type=${type}]`);
    parts[type] = el ? strip(el.textContent) : null; }
  const hint = div.querySelector('[data-type=hint]');
  parts.hint = hint ? hint.textContent : null;
  parts.fallbackTyped = div.querySelectorAll('.exercise-fallback [data-type]').length;
  parts.lang = div.getAttribute('data-lang');
  parts.langVersion = div.getAttribute('data-lang-version');
  parts.packages = div.getAttribute('data-packages');
  return parts;
}"""


def test_datacamp_light_reads_every_part_exactly_and_nothing_from_the_fallback(site, page):
    for slug, exercises in site.exercise_posts():
        page.goto(site.post_url(slug))
        for exercise in exercises:
            read = page.locator(f"#{exercise['id']}").evaluate(READ_AS_DATACAMP_LIGHT)
            assert read["lang"] == "python"
            assert read["fallbackTyped"] == 0
            for part in PARTS:
                assert read[part] == code_text(exercise.get(part.replace("-", "_"))), (exercise["id"], part)
            if exercise.get("hint"):
                assert all(f in plain(read["hint"]) for f in hint_fragments(exercise["hint"])), exercise["id"]


def test_every_exercise_runs_on_python_3_6_with_the_pins_of_what_its_code_imports(site, page):
    everything = set()
    for slug, exercises in site.exercise_posts():
        page.goto(site.post_url(slug))
        for exercise in exercises:
            read = page.locator(f"#{exercise['id']}").evaluate(READ_AS_DATACAMP_LIGHT)
            # The pins of the code the page sends, as DataCamp Light reads it from the page.
            pins = runtime.pins_for(*(read[part] for part in PARTS))
            assert (read["langVersion"], read["packages"]) == ("3.6", ",".join(pins)), exercise["id"]
            assert (exercise["lang_version"], exercise["packages"]) == ("3.6", pins), exercise["id"]
            everything.update(pins)
    # The series' exercises use numpy and matplotlib: a page without pins would fail here.
    assert {f"{name}=={runtime.pinned()[name]}" for name in ("numpy", "matplotlib")} <= everything


def test_datacamp_light_is_requested_only_on_pages_with_exercises(site, page, visit):
    with_exercises = {site.post_url(slug) for slug, _ in site.exercise_posts()}
    script = "script[src*='datacamp']"
    for url in site.pages():
        page.goto(url)
        assert page.locator(script).count() == (1 if url in with_exercises else 0), url
    assert sum("datacamp.com" in url for url in visit.requests) == len(with_exercises)
