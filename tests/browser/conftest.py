"""Fixtures for the browser tests: the site built under /blog/, served on 127.0.0.1, and
Debian's chromium driven by Playwright with every other host unreachable. Every test here is
marked `browser` (`-m "not browser"` leaves them out)."""

import functools
import http.server
import os
import threading
import tomllib
from collections.abc import Callable, Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import sync_playwright

from scripts import hugo

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
# The site is built for a sub-path, as it is deployed, so that a link missing the base path fails.
BASE_PATH = "/blog/"
SCREENSHOTS = ROOT / "artifacts" / "screenshots"


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format, *args):
        pass


def pytest_collection_modifyitems(items):
    here = Path(__file__).parent
    for item in items:
        if item.path.is_relative_to(here):
            item.add_marker(pytest.mark.browser)


@contextmanager
def served(root: Path, content: Path | None = None) -> Iterator[tuple[str, Path]]:
    """Build the site (from `content`, default the repository's) with its layouts under /blog/ into `root`, and serve
    `root` on a free port of 127.0.0.1 while the block runs; yield the site's address and its public folder."""
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(QuietHandler, directory=str(root)))
    url = f"http://127.0.0.1:{server.server_address[1]}{BASE_PATH}"
    public = root / BASE_PATH.strip("/")
    build = hugo.build(ROOT, public, content=content, base_url=url)
    if build.returncode:
        server.server_close()
        pytest.fail(f"hugo could not build the site:\n{build.stdout}{build.stderr}", pytrace=False)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield url, public
    finally:
        server.shutdown()
        server.server_close()


@dataclass
class Site:
    """The built site: its public folder, its address, and the posts' front matter by slug."""

    public: Path
    url: str
    posts: dict = field(default_factory=dict)
    bodies: dict = field(default_factory=dict)

    def pages(self):
        """Return the address of every HTML page in public/, the home page first."""
        files = sorted(self.public.rglob("*.html"), key=lambda p: (len(p.parts), str(p)))
        return [self.url + str(f.relative_to(self.public)).removesuffix("index.html") for f in files]

    def post_url(self, slug):
        """Return the address of the post with this slug."""
        return f"{self.url}post/{slug}/"

    def exercise_posts(self):
        """Return (slug, exercises) of every post that has exercises, each exercise as its front matter holds it."""
        return [(slug, fm["notebook"]["exercises"]) for slug, fm in self.posts.items() if fm.get("notebook", {}).get("exercises")]


def read_post(index_md):
    """Return the TOML front matter of a post's index.md as a dict, and its markdown body."""
    text = index_md.read_text(encoding="utf-8")
    _, toml, body = text.split("+++\n", 2)
    return tomllib.loads(toml), body


@pytest.fixture(scope="session")
def site(tmp_path_factory):
    """Build the site under /blog/ and serve it on a free port of 127.0.0.1."""
    with served(tmp_path_factory.mktemp("served")) as (url, public):
        # Hugo reads HUGO_CONTENTDIR too: the tests then check that content.
        content = ROOT / os.environ.get("HUGO_CONTENTDIR", "content")
        posts = {p.parent.name: read_post(p) for p in sorted((content / "post").glob("*/index.md"))}
        published = {slug: post for slug, post in posts.items() if not post[0].get("draft")}
        yield Site(
            public=public,
            url=url,
            posts={slug: fm for slug, (fm, _) in published.items()},
            bodies={slug: body for slug, (_, body) in published.items()},
        )


@pytest.fixture(scope="session")
def serve_site(tmp_path_factory) -> Iterator[Callable[[Path], str]]:
    """Return serve(content): build a content folder with the site's layouts under /blog/, serve it on a free port of
    127.0.0.1 until the tests end, and return its address."""
    with ExitStack() as stack:
        yield lambda content: stack.enter_context(served(tmp_path_factory.mktemp("served"), content))[0]


# Module scope: Playwright's sync API keeps an event loop and threads alive in this
# process; they must be gone before later tests fork exercise sessions or run kernels.
@pytest.fixture(scope="module")
def browser():
    """Return Debian's chromium, launched headless by Playwright."""
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@dataclass
class Visit:
    """What a page did: requests made, requests to our site that failed, JavaScript errors."""

    requests: list = field(default_factory=list)
    failures: list = field(default_factory=list)
    errors: list = field(default_factory=list)


@pytest.fixture
def visit():
    """Return a fresh Visit record for the page fixture to fill."""
    return Visit()


@contextmanager
def local_page(browser, visit: Visit) -> Iterator:
    """Open a page in a fresh context where only 127.0.0.1 is reachable (so DataCamp Light and Disqus never
    load), recording requests, failures and errors into `visit`; close the context after the block."""
    context = browser.new_context(viewport={"width": 1100, "height": 900})

    def is_local(url):
        # The built site and the exercise fixture posts, each on its own port.
        return urlsplit(url).hostname == "127.0.0.1"

    def route(route):
        if is_local(route.request.url):
            route.continue_()
        else:
            route.abort("blockedbyclient")

    def on_response(response):
        if is_local(response.url) and response.status >= 400:
            visit.failures.append(f"{response.status} {response.url}")

    def on_failed(request):
        # ERR_ABORTED is a request the next navigation cancelled (the favicon, say); a missing
        # file is a response with status 404, recorded above.
        if is_local(request.url) and request.failure != "net::ERR_ABORTED":
            visit.failures.append(f"{request.failure} {request.url}")

    context.route("**/*", route)
    page = context.new_page()
    page.on("request", lambda request: visit.requests.append(request.url))
    page.on("response", on_response)
    page.on("requestfailed", on_failed)
    page.on("pageerror", lambda error: visit.errors.append(f"{page.url}: {error}"))
    try:
        yield page
    finally:
        context.close()


@pytest.fixture
def page(browser, site, visit):
    """Return a page of its own for the test (see local_page)."""
    with local_page(browser, visit) as page:
        yield page


@pytest.fixture
def save_screenshot():
    """Return a function that saves a full-page screenshot as artifacts/screenshots/NAME.png."""

    def save(page, name):
        # Lazy figures below the fold would show as blank space: load them all first.
        page.evaluate("""() => Promise.all([...document.images].map(img => {
            img.loading = 'eager';
            return img.complete ? null : new Promise(done => { img.onload = img.onerror = done; });
        }))""")
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        path = SCREENSHOTS / f"{name}.png"
        page.screenshot(path=str(path), full_page=True)
        return path

    return save


@pytest.fixture(scope="session")
def fixture_site(tmp_path_factory):
    """Build the exercise fixture posts (exercise_fixtures.py) with the site's config and layouts,
    under /blog/, and serve them on a free port of 127.0.0.1."""
    from exercise_fixtures import write_fixture_content

    content = write_fixture_content(tmp_path_factory.mktemp("fixture-posts"))
    with served(tmp_path_factory.mktemp("fixture-served"), content) as (url, public):
        posts = {p.parent.name: read_post(p)[0] for p in sorted((content / "post").glob("*/index.md"))}
        yield Site(public=public, url=url, posts=posts)
