"""Exercises with a DataCamp Light client in chromium: the stand-in (standin/datacamp-light.js, a model
of the real client's DOM and behaviour written from its source) is served at the client's address,
and the tests answer, refuse or never answer the session server's address.

- The client boots every box and reads every part exactly, the Python version and the package pins;
  the static copies hide.
- Starting a session sends the image of Python 3.6 and the exercise's pins as DataCamp Light v3 does.
- An exercise in view at page load becomes interactive without a scroll.
- The static copy comes back, with one line saying why, when the session server is down, when the
  session is not ready in time, and when the script never loads; it goes when the session is ready.
- At a 1280 px window each pane shows 60 characters of code a line; at 390 px nothing overflows.
"""

import json
import re
import tomllib
from pathlib import Path
from urllib.parse import parse_qsl, urlsplit

import pytest
from datacamp_light import PARTS, code_text, install_line
from exercise_fixtures import INDENTED_PRE, INDENTED_SAMPLE, LONG_LINE

from scripts import runtime
from scripts.datacamp import datacamp_reads

ROOT = Path(__file__).resolve().parents[2]
STAND_IN = Path(__file__).parent / "standin" / "datacamp-light.js"
PARAMS = tomllib.loads((ROOT / "config.toml").read_text(encoding="utf-8"))["params"]
CLIENT_URL = PARAMS["datacampLight"]
SESSION_TIMEOUT_MS = 1000 * PARAMS["exerciseSessionTimeout"]
INSTALL_TIMEOUT_MS = 1000 * PARAMS["exerciseInstallTimeout"]
# DataCamp Light's multiplexer (src/config.ts); a session starts with a POST to /new, then /input.
MULTIPLEXER = "https://multiplexer-prod.datacamp.com/**"
UNREACHABLE = "The interactive version of this exercise could not reach DataCamp's servers, so here is its static copy."
# The pin of the fixtures' `import numpy as np` (runtime/packages.txt).
NUMPY = f"numpy=={runtime.pinned()['numpy']}"


def command_fields(command):
    """Return the JSON of a multiplexer command as v3 sends it, `init('{…}')`, and the command's name."""
    name, payload = re.fullmatch(r"(\w+)\('(.*)'\)", command, re.S).groups()
    return name, json.loads(re.sub(r"\\(.)", r"\1", payload, flags=re.S))


class Multiplexer:
    """How the session server answers: "refuse", "answer" or "hang" (never); what it was sent."""

    def __init__(self, page, mode):
        self.mode = mode
        self.requests = 0
        self.sent = []  # (path, query, body) of each request
        page.route(MULTIPLEXER, self.handle)

    @property
    def paths(self):
        return [path for path, _, _ in self.sent]

    def handle(self, route):
        self.requests += 1
        url = urlsplit(route.request.url)
        self.sent.append((url.path, dict(parse_qsl(url.query, keep_blank_values=True)), json.loads(route.request.post_data or "{}")))
        if self.mode == "refuse":
            route.abort("connectionrefused")
        elif self.mode == "answer":
            route.fulfill(status=200, content_type="application/json", headers={"Access-Control-Allow-Origin": "*"}, body='{"id": "1"}')
        # "hang": no answer at all


@pytest.fixture
def client(page):
    """The page fixture with the stand-in served at DataCamp Light's address (this page only)."""
    page.route(CLIENT_URL, lambda route: route.fulfill(path=str(STAND_IN), content_type="application/javascript"))
    return page


def state(page, name):
    """Return the wrapper's data-state of an exercise ("" while the interactive version is in use)."""
    return page.locator(f".exercise:has(#{name})").get_attribute("data-state") or ""


def test_the_client_boots_every_box_reads_every_part_exactly_and_the_static_copies_hide(site, client, visit):
    for slug, exercises in site.exercise_posts():
        client.goto(site.post_url(slug))
        assert client.locator("[data-datacamp-exercise]").count() == 0
        assert client.locator(".datacamp-exercise").count() == len(exercises)
        read = client.evaluate("DCL.read")
        for exercise in exercises:
            # v3 puts its install line before the pre-exercise code; every part is otherwise the cell's.
            expected = {part.replace("-", "_"): code_text(exercise.get(part.replace("-", "_"))) for part in PARTS}
            pins = runtime.pins_for(*expected.values())
            expected["pre_exercise_code"] = install_line(",".join(pins)) + expected["pre_exercise_code"]
            for key, text in expected.items():
                assert read[exercise["id"]][key] == text, (exercise["id"], key)
            assert (read[exercise["id"]]["lang_version"], read[exercise["id"]]["packages"]) == ("3.6", ",".join(pins))
            assert client.locator(f"#{exercise['id']}").is_visible()
            assert not client.locator(f"#{exercise['id']} + .exercise-fallback").is_visible()
            assert state(client, exercise["id"]) == ""
    assert visit.errors == []


def test_an_exercise_in_view_at_load_becomes_interactive_without_a_scroll(fixture_site, client):
    client.goto(fixture_site.post_url("exercise-layout"))
    client.locator("#in-view .dcl-app").wait_for(timeout=3000)
    # Lazy loading still holds the exercise far below the fold, until it is scrolled to.
    assert client.locator("#below .dcl-placeholder").count() == 1
    client.locator("#below").scroll_into_view_if_needed()
    client.locator("#below .dcl-app").wait_for(timeout=3000)


def test_without_the_sites_script_the_stand_in_keeps_an_exercise_in_view_waiting(fixture_site, client):
    # The stand-in reproduces the client's behaviour that exercises.js works around.
    client.route("**/js/exercises.js", lambda route: route.abort())
    client.goto(fixture_site.post_url("exercise-layout"))
    client.wait_for_timeout(500)
    assert client.locator("#in-view .dcl-placeholder").count() == 1
    assert client.locator("#in-view .dcl-app").count() == 0


def test_when_the_session_server_is_down_the_static_copy_comes_back_until_a_session_is_ready(fixture_site, client, visit):
    multiplexer = Multiplexer(client, "refuse")
    client.goto(fixture_site.post_url("exercise-layout"))
    wrapper = client.locator(".exercise:has(#in-view)")
    fallback = wrapper.locator(".exercise-fallback")
    client.locator("#in-view .dcl-app").click()
    client.wait_for_function("() => document.querySelector('.exercise:has(#in-view)').dataset.state === 'unreachable'", timeout=3000)
    assert multiplexer.paths == ["/new"]
    assert fallback.is_visible()
    assert not client.locator("#in-view").is_visible()
    status = fallback.locator(".exercise-status")
    assert status.inner_text() == UNREACHABLE + " Try the interactive version again"
    assert fallback.locator(".exercise-sample pre").text_content().strip() == "y = ___"

    # Retrying while the server is still down: the client's Restart Session is pressed, and fails again.
    status.locator("button").click()
    client.wait_for_function("() => document.querySelector('.exercise:has(#in-view)').dataset.state === 'unreachable'", timeout=3000)
    assert multiplexer.paths == ["/new"] * 2

    # The server is back: the retry's session is ready, and the static copy steps aside for good.
    multiplexer.mode = "answer"
    status.locator("button").click()
    client.locator("#in-view .dcl-status-text", has_text="Workspace Ready").wait_for(timeout=3000)
    client.wait_for_timeout(500)
    assert state(client, "in-view") == ""
    assert not fallback.is_visible()
    assert client.locator("#in-view").is_visible()
    assert multiplexer.paths == ["/new"] * 3 + ["/input"]  # the session, then its init command

    # A session that worked and then breaks (here on Submit) brings the static copy back too.
    multiplexer.mode = "refuse"
    client.locator("#in-view .dcl-submit").click()
    client.wait_for_function("() => document.querySelector('.exercise:has(#in-view)').dataset.state === 'unreachable'", timeout=3000)
    assert multiplexer.paths == ["/new"] * 3 + ["/input"] * 2
    assert fallback.is_visible()
    assert visit.errors == []


def test_a_session_not_ready_within_the_timeout_brings_back_the_static_copy(fixture_site, client):
    Multiplexer(client, "hang")
    client.clock.install()
    client.goto(fixture_site.post_url("exercise-layout"))
    client.clock.run_for(200)  # the stand-in's lazy loading and the site's scroll nudge
    client.locator("#in-view .dcl-app").click()
    client.clock.run_for(SESSION_TIMEOUT_MS - 1000)
    assert client.locator("#in-view .dcl-status-text").inner_text() == "Session Busy"
    assert state(client, "in-view") == ""
    client.clock.run_for(1500)
    assert state(client, "in-view") == "unreachable"
    assert client.locator(".exercise:has(#in-view) .exercise-status").inner_text().startswith(UNREACHABLE)


def test_a_session_that_installs_packages_has_the_install_timeout(fixture_site, client):
    Multiplexer(client, "hang")
    client.clock.install()
    client.goto(fixture_site.post_url("exercise-code"))
    client.clock.run_for(200)
    assert client.locator("#indented").get_attribute("data-packages") == NUMPY
    client.locator("#indented .dcl-app").click()
    client.clock.run_for(INSTALL_TIMEOUT_MS - 1000)
    assert INSTALL_TIMEOUT_MS - 1000 > SESSION_TIMEOUT_MS
    assert client.locator("#indented .dcl-status-text").inner_text() == "Session Busy"
    assert state(client, "indented") == ""
    client.clock.run_for(1500)
    assert state(client, "indented") == "unreachable"


def test_a_session_starts_on_python_3_6_and_installs_the_pins_of_what_the_exercise_imports(fixture_site, client):
    multiplexer = Multiplexer(client, "answer")
    client.goto(fixture_site.post_url("exercise-code"))
    box = client.locator("#indented")
    box.locator(".dcl-app").wait_for(timeout=3000)
    assert multiplexer.sent == []  # nothing before the reader clicks
    box.locator(".dcl-app").click()
    box.locator(".dcl-status-text", has_text="Workspace Ready").wait_for(timeout=3000)
    # The request as v3 builds it: the image from data-lang-version, the pins in the init command's code.
    (new_path, new_query, _), (input_path, input_query, input_body) = multiplexer.sent
    assert (new_path, new_query) == ("/new", {"language": "python", "force_new": "true", "course_id": "dcl-python-3.6"})
    assert (input_path, input_query) == ("/input", {"sid": "indented"})
    name, fields = command_fields(input_body["command"])
    assert name == "init"
    assert fields["DC_PEC"] == (
        f"from dcl_package_manager import install_packages, print_packages; install_packages(['{NUMPY}',])\n" + datacamp_reads(INDENTED_PRE)
    )
    assert fields["DC_CODE"] == datacamp_reads(INDENTED_SAMPLE)
    assert client.evaluate("DCL.sent.indented.map(s => s.uri)") == ["/new", "/input"]


def test_an_exercise_that_imports_nothing_pinned_starts_on_python_3_6_and_installs_nothing(fixture_site, client):
    multiplexer = Multiplexer(client, "answer")
    client.goto(fixture_site.post_url("exercise-layout"))
    client.locator("#in-view .dcl-app").click()
    client.locator("#in-view .dcl-status-text", has_text="Workspace Ready").wait_for(timeout=3000)
    assert client.locator("#in-view").get_attribute("data-packages") == ""
    (_, new_query, _), (_, _, input_body) = multiplexer.sent
    assert new_query["course_id"] == "dcl-python-3.6"
    assert command_fields(input_body["command"])[1]["DC_PEC"] == ""


def test_a_session_that_is_ready_keeps_the_static_copy_away(fixture_site, client):
    Multiplexer(client, "answer")
    client.clock.install()
    client.goto(fixture_site.post_url("exercise-layout"))
    client.clock.run_for(200)
    client.locator("#in-view .dcl-app").click()
    # The answers to /new and /input come in real time, while the page's clock stands still: the session is ready
    # before the timeout (running the clock first raced them, and on a busy machine the session was still busy).
    client.locator("#in-view .dcl-status-text", has_text="Workspace Ready").wait_for(timeout=10_000)
    client.clock.run_for(SESSION_TIMEOUT_MS + 1000)
    assert client.locator("#in-view .dcl-status-text").inner_text() == "Workspace Ready"
    assert state(client, "in-view") == ""
    assert not client.locator(".exercise:has(#in-view) .exercise-fallback").is_visible()


def test_when_the_script_never_loads_every_exercise_shows_its_static_copy_and_why(site, page):
    page.route(CLIENT_URL, lambda route: None)  # the request stays pending
    page.clock.install()
    slug, exercises = site.exercise_posts()[0]
    page.goto(site.post_url(slug), wait_until="commit")
    page.wait_for_function("() => document.querySelectorAll('.exercise-actions:not([hidden])').length > 0")
    assert page.locator(".exercise[data-state=unreachable]").count() == 0
    page.clock.run_for(SESSION_TIMEOUT_MS + 100)
    assert page.locator(".exercise[data-state=unreachable]").count() == len(exercises)
    for exercise in exercises:
        status = page.locator(f"#{exercise['id']} + .exercise-fallback .exercise-status")
        assert status.inner_text() == UNREACHABLE  # no retry: there is no interactive version


# The editor's text area and the width of one character in its font, per pane of a booted box.
PANES = """box => [...box.querySelectorAll('.lm_stack')].map(stack => {
  const probe = document.createElement('span');
  probe.textContent = 'x'.repeat(100);
  const content = box.querySelector('.ace_content');
  content.appendChild(probe);
  const char = probe.getBoundingClientRect().width / 100;
  probe.remove();
  // A pane's code area is its width less the editor's 50 px gutter.
  return {tabs: stack.querySelectorAll('.lm_tab').length, width: stack.getBoundingClientRect().width - 50, char};
})"""
OVERFLOW = "() => document.documentElement.scrollWidth - document.documentElement.clientWidth"


def test_at_1280_px_each_pane_shows_60_characters_a_line_and_the_whole_sample(fixture_site, client):
    assert len(LONG_LINE) == 60
    client.set_viewport_size({"width": 1280, "height": 900})
    client.goto(fixture_site.post_url("exercise-code"))
    box = client.locator("#long-lines")
    box.scroll_into_view_if_needed()
    box.locator(".dcl-app").wait_for(timeout=3000)
    assert box.bounding_box()["width"] > client.locator(".post-body").bounding_box()["width"]
    panes = box.evaluate(PANES)
    assert len(panes) == 2 and all(pane["tabs"] == 1 for pane in panes)
    assert all(pane["width"] / pane["char"] >= 60 for pane in panes), panes
    # Each 60-character line is one line of the editor, and all 12 fit its height.
    lines = box.evaluate("""box => { const ace = box.querySelector('.ace_editor').getBoundingClientRect();
        const lineHeight = parseFloat(getComputedStyle(box.querySelector('.ace_line')).lineHeight);
        return [...box.querySelectorAll('.ace_line')].map(line => { const r = line.getBoundingClientRect();
            return {rows: Math.round(r.height / lineHeight), fits: r.bottom <= ace.bottom}; }); }""")
    assert lines == [{"rows": 1, "fits": True}] * 12
    assert client.evaluate(OVERFLOW) == 0
    # What the stand-in read: DataCamp Light's reading (strip-indent, then trim; scripts/datacamp.py
    # models it) and the site's height, 146 px + 18 px per sample line, at least 300.
    indented, long = client.evaluate("[DCL.read.indented, DCL.read['long-lines']]")
    assert (indented["sample_code"], indented["pre_exercise_code"], indented["height"]) == (
        "for value in x:\n    print(value * ___)",
        install_line(NUMPY) + "import numpy as np\nx = np.arange(3)",
        300,
    )
    assert (long["sample_code"], long["height"]) == ("\n".join([LONG_LINE] * 12), 146 + 18 * 12)


def test_at_390_px_the_box_spans_the_window_with_its_panes_as_tabs_and_the_static_copy_fits(fixture_site, client):
    client.set_viewport_size({"width": 390, "height": 844})
    client.goto(fixture_site.post_url("exercise-code"))
    box = client.locator("#indented")
    box.locator(".dcl-app").wait_for(timeout=3000)
    assert box.bounding_box()["width"] == client.evaluate("document.documentElement.clientWidth")
    assert [pane["tabs"] for pane in box.evaluate(PANES)] == [2]
    assert client.evaluate(OVERFLOW) == 0
    # The static copy, with everything open, when the script is blocked.
    client.unroute(CLIENT_URL)
    client.goto(fixture_site.post_url("exercise-code"))
    for summary in client.locator(".exercise-fallback summary").all():
        summary.click()
    assert client.evaluate(OVERFLOW) == 0
    sample = client.locator("#indented + .exercise-fallback .exercise-sample pre")
    assert sample.text_content().strip("\n") == INDENTED_SAMPLE.strip("\n")
    assert sample.bounding_box()["x"] + sample.bounding_box()["width"] <= 390
