"""Exercises in chromium with DataCamp Light unreachable: each shows its static copy, complete
(the code run before the exercise, the sample, "Copy code", hint and solution) and saying why, while
the markup DataCamp Light reads stays intact, with the Python version and the package pins it sends."""

import re

import pytest
from conftest import Visit, local_page
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


# What a static copy shows, in one call: visible as Playwright means it in chromium (rendered, as checkVisibility
# tells, which a closed <details> is not; `visibility: visible`; a box that is not empty); text as each element
# gives it. With `open`, each part's summary is clicked first (HTMLElement.click, as a reader's click toggles it).
FALLBACK_STATE = """([id, parts, open]) => {
  const embed = document.getElementById(id);
  const fallback = document.querySelector(`#${id} + .exercise-fallback`);
  const visible = el => { if (!el || !el.checkVisibility() || getComputedStyle(el).visibility !== 'visible') return false;
    const box = el.getBoundingClientRect(); return box.width > 0 && box.height > 0; };
  const at = selector => fallback.querySelector(selector);
  if (open) for (const part of ['.exercise-pre', '.exercise-solution', '.exercise-hint']) at(`${part} summary`)?.click();
  return {
    fallback: visible(fallback), embed: visible(embed), parts: parts.filter(part => visible(embed.querySelector(`code[data-type=${part}]`))),
    status: at('.exercise-status').innerText, sample: at('.exercise-sample pre')?.textContent, note: at('.exercise-note').innerText,
    pre: at('.exercise-pre') && {summary: at('.exercise-pre summary').innerText, visible: visible(at('.exercise-pre pre')),
                                 text: at('.exercise-pre pre').textContent},
    solution: {summary: at('.exercise-solution summary').innerText, visible: visible(at('.exercise-solution pre')),
               text: at('.exercise-solution pre').textContent},
    hint: at('.exercise-hint') && {visible: visible(at('.exercise-hint-body')), text: at('.exercise-hint-body').innerText},
  };
}"""


def test_every_exercise_shows_its_fallback_with_hint_and_solution(site, page, visit, save_screenshot):
    for n, (slug, exercises) in enumerate(site.exercise_posts()):
        page.goto(site.post_url(slug), wait_until="load")
        if n == 0:
            save_screenshot(page, "post-with-exercises")
        assert page.locator("[data-datacamp-exercise]").count() == len(exercises)
        for number, exercise in enumerate(exercises):
            shown = page.evaluate(FALLBACK_STATE, [exercise["id"], list(PARTS), False])
            assert (shown["fallback"], shown["embed"], shown["parts"]) == (True, False, [])
            # The script was blocked: one line says so, with no retry (there is no interactive version).
            assert shown["status"] == UNREACHABLE
            if code_text(exercise.get("sample_code")):
                assert shown["sample"].strip() == code_text(exercise["sample_code"])
            assert "needs DataCamp Light and DataCamp's servers" in shown["note"]
            # Each part is folded away until its summary is clicked.
            assert not shown["solution"]["visible"]
            if code_text(exercise.get("pre_exercise_code")):
                assert shown["pre"]["summary"].endswith("Code run before the exercise") and not shown["pre"]["visible"]
            else:
                assert shown["pre"] is None
            if exercise.get("hint"):
                assert not shown["hint"]["visible"]
            else:
                assert shown["hint"] is None
            if number == 0:  # the first of each page with the mouse, as a reader clicks: nothing covers a summary
                fallback = page.locator(f"#{exercise['id']} + .exercise-fallback")
                for part in (".exercise-pre", ".exercise-solution", ".exercise-hint"):
                    if fallback.locator(part).count():
                        fallback.locator(f"{part} summary").click()
                opened = page.evaluate(FALLBACK_STATE, [exercise["id"], list(PARTS), False])
            else:
                opened = page.evaluate(FALLBACK_STATE, [exercise["id"], list(PARTS), True])
            if code_text(exercise.get("pre_exercise_code")):
                assert opened["pre"]["visible"] and opened["pre"]["text"].strip() == code_text(exercise["pre_exercise_code"])
            assert opened["solution"]["summary"].endswith("Show solution") and opened["solution"]["visible"]
            assert opened["solution"]["text"].strip() == code_text(exercise["solution"])
            if exercise.get("hint"):
                assert opened["hint"]["visible"]
                text = plain(opened["hint"]["text"])
                position = 0
                for fragment in hint_fragments(exercise["hint"]):
                    found = text.find(fragment, position)
                    assert found >= 0, (exercise["id"], fragment, text)
                    position = found + len(fragment)
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


@pytest.fixture(scope="module")
def read_pages(browser, site):
    """Visit every page once; return (by address: how many DataCamp Light scripts it loads and, by exercise id,
    what DataCamp Light reads of each of its exercises; the visit's record)."""
    visit, shown = Visit(), {}
    with local_page(browser, visit) as page:
        for url in site.pages():
            page.goto(url)
            reads = page.evaluate(
                f"() => Object.fromEntries([...document.querySelectorAll('[data-datacamp-exercise]')].map(div => [div.id, ({READ_AS_DATACAMP_LIGHT})(div)]))"
            )
            shown[url] = {"scripts": page.locator("script[src*='datacamp']").count(), "reads": reads}
    return shown, visit


def test_datacamp_light_reads_every_part_exactly_and_nothing_from_the_fallback(site, read_pages):
    shown, _ = read_pages
    for slug, exercises in site.exercise_posts():
        reads = shown[site.post_url(slug)]["reads"]
        assert list(reads) == [exercise["id"] for exercise in exercises], slug
        for exercise in exercises:
            read = reads[exercise["id"]]
            assert read["lang"] == "python"
            assert read["fallbackTyped"] == 0
            for part in PARTS:
                assert read[part] == code_text(exercise.get(part.replace("-", "_"))), (exercise["id"], part)
            if exercise.get("hint"):
                assert all(f in plain(read["hint"]) for f in hint_fragments(exercise["hint"])), exercise["id"]


def test_every_exercise_runs_on_python_3_6_with_the_pins_of_what_its_code_imports(site, read_pages):
    shown, _ = read_pages
    everything = set()
    for slug, exercises in site.exercise_posts():
        for exercise in exercises:
            read = shown[site.post_url(slug)]["reads"][exercise["id"]]
            # The pins of the code the page sends, as DataCamp Light reads it from the page.
            pins = runtime.pins_for(*(read[part] for part in PARTS))
            assert (read["langVersion"], read["packages"]) == ("3.6", ",".join(pins)), exercise["id"]
            assert (exercise["lang_version"], exercise["packages"]) == ("3.6", pins), exercise["id"]
            everything.update(pins)
    # The series' exercises use numpy and matplotlib: a page without pins would fail here.
    assert {f"{name}=={runtime.pinned()[name]}" for name in ("numpy", "matplotlib")} <= everything


def test_datacamp_light_is_requested_only_on_pages_with_exercises(site, read_pages):
    shown, visit = read_pages
    with_exercises = {site.post_url(slug) for slug, _ in site.exercise_posts()}
    assert {url: page["scripts"] for url, page in shown.items()} == {url: int(url in with_exercises) for url in shown}
    assert sum("datacamp.com" in url for url in visit.requests) == len(with_exercises)
