"""The site built for a sub-path address (as on GitHub Pages) has no broken link, image, figure or asset."""

from __future__ import annotations

import functools
import http.client
import re
import shutil
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urldefrag, urljoin, urlsplit
from xml.etree import ElementTree

import pytest
from bs4 import BeautifulSoup

from scripts import hugo

ROOT = Path(__file__).resolve().parent.parent
PREFIX = "/blog/"
# What Hugo reads from the project; copied so that the build never touches the working tree.
SITE_PARTS = ["config.toml", "hugo.toml", "layouts", "static", "content", "assets", "data", "i18n", "archetypes", "themes"]
# (tag, attribute) pairs that reference another file; srcset holds several, each "URL [size]".
REFERENCES = [
    ("a", "href"), ("link", "href"), ("script", "src"), ("img", "src"), ("img", "srcset"),
    ("source", "src"), ("source", "srcset"), ("iframe", "src"), ("video", "src"), ("video", "poster"),
    ("audio", "src"), ("embed", "src"), ("object", "data"), ("form", "action"),
]  # fmt: skip
CSS_URL = re.compile(r"""url\(\s*['"]?([^'")]+)['"]?\s*\)|@import\s+['"]([^'"]+)['"]""")


class SubPathHandler(SimpleHTTPRequestHandler):
    """Serves the built site under PREFIX only, as GitHub Pages serves a project site; 404 elsewhere."""

    def send_head(self):
        """Return the file under PREFIX mapped into the site folder, or None after a 404."""
        if not urlsplit(self.path).path.startswith(PREFIX):
            self.send_error(404, "outside the site's sub-path")
            return None
        self.path = self.path[len(PREFIX) - 1 :]
        return super().send_head()

    def log_message(self, format, *args):
        """Keep the test output quiet."""


def serve(folder: Path) -> ThreadingHTTPServer:
    """Return a running server on 127.0.0.1 (a free port) that serves `folder` under PREFIX."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(SubPathHandler, directory=str(folder)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def build_site(base_url: str, workdir: Path) -> Path:
    """Return the folder of the site built by Hugo from a copy of the project for `base_url`."""
    source = workdir / "site"
    source.mkdir()
    for part in SITE_PARTS:
        if (ROOT / part).is_dir():
            shutil.copytree(ROOT / part, source / part, ignore=shutil.ignore_patterns(".*"))
        elif (ROOT / part).is_file():
            shutil.copy2(ROOT / part, source / part)
    public = workdir / "public"
    result = hugo.build(source, public, "--logLevel", "error", "--cacheDir", str(workdir / "cache"), base_url=base_url, timeout=120)
    assert result.returncode == 0, f"hugo failed to build the site for {base_url}:\n{result.stdout}{result.stderr}"
    return public


def html_references(html: str) -> list[str]:
    """Return every URL an HTML page references: links, images, stylesheets, scripts, feeds, redirects."""
    soup = BeautifulSoup(html, "html.parser")
    urls = []
    for tag, attribute in REFERENCES:
        for element in soup.find_all(tag, attrs={attribute: True}):
            value = element[attribute].strip()
            urls += [part.split()[0] for part in value.split(",") if part.strip()] if attribute.endswith("srcset") else [value]
    for meta in soup.find_all("meta", attrs={"http-equiv": re.compile("refresh", re.IGNORECASE)}):
        urls += re.findall(r"url=(\S+)", meta.get("content", ""), re.IGNORECASE)
    for style in soup.find_all("style"):
        urls += css_references(style.get_text())
    return urls


def css_references(css: str) -> list[str]:
    """Return the URLs a stylesheet references (url(…) and @import)."""
    return [url or imported for url, imported in CSS_URL.findall(css) if not (url or "").startswith("data:")]


def xml_references(text: str) -> list[str]:
    """Return the URLs a feed or sitemap references (<link>, <loc>, <guid> and href attributes)."""
    urls = []
    for element in ElementTree.fromstring(text).iter():
        name = element.tag.rsplit("}", 1)[-1]
        if name in {"link", "loc", "guid"} and (element.text or "").strip():
            urls.append(element.text.strip())
        if element.get("href"):
            urls.append(element.get("href"))
    return urls


def fetch(server: ThreadingHTTPServer, path: str) -> tuple[int, str, bytes]:
    """Return the status, content type and body of a GET of `path` on the test server (redirects not followed)."""
    connection = http.client.HTTPConnection(*server.server_address, timeout=10)
    try:
        connection.request("GET", path)
        response = connection.getresponse()
        return response.status, response.getheader("Content-Type", ""), response.read()
    finally:
        connection.close()


def crawl(server: ThreadingHTTPServer, public: Path) -> tuple[list[tuple[str, str]], set[str]]:
    """Return the broken references as (page, URL) pairs and the set of our URLs checked.

    Every HTML page, feed and sitemap in `public` is a starting point; every reference to our own host is fetched
    and must answer 200, and HTML, CSS and XML answers are read for further references.
    External hosts are not fetched."""
    host = "{}:{}".format(*server.server_address)
    base = f"http://{host}{PREFIX}"
    files = sorted([*public.rglob("*.html"), *public.rglob("*.xml")])
    queue = [(base + file.relative_to(public).as_posix(), "(site folder)") for file in files]
    seen, broken = set(), []
    while queue:
        url, referrer = queue.pop()
        if url in seen:
            continue
        seen.add(url)
        status, content_type, body = fetch(server, urlsplit(url).path + (f"?{urlsplit(url).query}" if urlsplit(url).query else ""))
        if status != 200:
            broken.append((referrer, f"{url} ({status})"))
            continue
        text = body.decode("utf-8", "replace")
        if "html" in content_type:
            found = html_references(text)
        elif "css" in content_type:
            found = css_references(text)
        elif "xml" in content_type:
            found = xml_references(text)
        else:
            found = []
        for reference in found:
            target = urldefrag(urljoin(url, reference)).url
            parts = urlsplit(target)
            if parts.scheme in {"http", "https"} and parts.netloc == host:
                queue.append((target, url))
    return broken, seen


@pytest.fixture(scope="module")
def served_site(tmp_path_factory):
    """Yield (server, public folder) for the site built for http://127.0.0.1:PORT/blog/ and served there."""
    workdir = tmp_path_factory.mktemp("subpath")
    (workdir / "public").mkdir()
    server = serve(workdir / "public")
    try:
        host, port = server.server_address
        build_site(f"http://{host}:{port}{PREFIX}", workdir)
        yield server, workdir / "public"
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture(scope="module")
def crawled(served_site):
    """Return (broken references, URLs checked) of the sub-path site."""
    return crawl(*served_site)


@pytest.mark.slow
def test_site_under_a_sub_path_has_no_broken_reference(crawled):
    broken, _ = crawled
    assert not broken, "broken references (page -> URL):\n" + "\n".join(f"{page} -> {url}" for page, url in broken)


@pytest.mark.slow
def test_crawl_reaches_every_figure_beside_the_posts(served_site, crawled):
    server, _ = served_site
    _, checked = crawled
    base = "http://{}:{}{}".format(*server.server_address, PREFIX)
    figures = {base + figure.relative_to(ROOT / "content").as_posix() for figure in (ROOT / "content" / "post").glob("*/*.png")}
    if not figures:  # a blog of one's own may have none yet (README: "Your own blog"); this one has
        pytest.skip("no post of this blog has a figure beside it: there is no figure to reach")
    assert figures <= checked


@pytest.mark.slow
def test_crawl_fetches_the_home_page_feed_and_stylesheets(served_site, crawled):
    server, public = served_site
    _, checked = crawled
    base = "http://{}:{}{}".format(*server.server_address, PREFIX)
    assert {base, base + "index.xml"} <= checked
    stylesheets = {base + sheet.relative_to(public).as_posix() for sheet in public.rglob("*.css")}
    assert stylesheets <= checked


@pytest.mark.slow
def test_server_answers_404_outside_the_sub_path(served_site):
    server, _ = served_site
    assert fetch(server, "/index.html")[0] == 404
    assert fetch(server, PREFIX + "index.html")[0] == 200


def test_crawl_reports_the_page_and_url_of_a_root_relative_link(tmp_path):
    (tmp_path / "post").mkdir()
    (tmp_path / "post" / "index.html").write_text(
        '<html><head><link rel="stylesheet" href="/blog/site.css"></head>'
        '<body><a href="/post/other/">other</a><img src="figure.png" srcset="figure.png 1x, big.png 2x">'
        '<a href="https://example.org/">elsewhere</a></body></html>',
        encoding="utf-8",
    )
    (tmp_path / "post" / "figure.png").write_bytes(b"\x89PNG")
    (tmp_path / "site.css").write_text("body { background: url('img/missing.png') }", encoding="utf-8")
    server = serve(tmp_path)
    try:
        broken, checked = crawl(server, tmp_path)
    finally:
        server.shutdown()
        server.server_close()
    base = "http://{}:{}".format(*server.server_address)
    page = f"{base}/blog/post/index.html"
    assert sorted(broken) == [
        (page, f"{base}/blog/post/big.png (404)"),
        (page, f"{base}/post/other/ (404)"),
        (f"{base}/blog/site.css", f"{base}/blog/img/missing.png (404)"),
    ]
    assert f"{base}/blog/post/figure.png" in checked
