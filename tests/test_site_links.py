"""Static checks over the built site: every internal link, image and asset resolves to a file
of public/ (and every #fragment to an id), under the base path the site is deployed at."""

import functools
import xml.etree.ElementTree as ET
from email.utils import parsedate_to_datetime
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

import pytest
from bs4 import BeautifulSoup

from scripts import hugo

ROOT = Path(__file__).resolve().parents[1]
BASE_URL = "https://example.org/blog/"
# Attributes that point at something the page links or loads.
URL_ATTRIBUTES = {"a": "href", "link": "href", "img": "src", "script": "src", "source": "src"}


@pytest.fixture(scope="module")
def public(tmp_path_factory):
    """Build the site for BASE_URL into a temporary folder and return that folder."""
    public = tmp_path_factory.mktemp("public")
    build = hugo.build(ROOT, public, base_url=BASE_URL)
    if build.returncode:
        pytest.fail(f"hugo could not build the site:\n{build.stdout}{build.stderr}", pytrace=False)
    return public


def page_url(public, file):
    """Return the address a file of public/ is served at."""
    return urljoin(BASE_URL, str(file.relative_to(public)).removesuffix("index.html"))


def target_file(public, url):
    """Return the file of public/ an internal address is served from, or None if it is outside the site."""
    if not url.startswith(BASE_URL):
        return None
    path = public / unquote(urlsplit(url).path[len(urlsplit(BASE_URL).path) :])
    return path / "index.html" if not path.suffix or path.is_dir() else path


def links(public):
    """Yield (page file, attribute value, absolute address) of every link and asset of every page."""
    for file in sorted(public.rglob("*.html")):
        soup = BeautifulSoup(file.read_text(encoding="utf-8"), "html.parser")
        for tag, attribute in URL_ATTRIBUTES.items():
            for element in soup.find_all(tag):
                if value := element.get(attribute):
                    yield file, value, urljoin(page_url(public, file), value)


@functools.cache
def ids(file):
    """Return the ids of the elements of an HTML file."""
    soup = BeautifulSoup(file.read_text(encoding="utf-8"), "html.parser")
    return {element["id"] for element in soup.find_all(id=True)}


def test_every_internal_link_image_and_asset_resolves(public):
    broken, checked = [], 0
    for file, value, url in links(public):
        if urlsplit(url).scheme not in ("http", "https") or urlsplit(url).netloc != urlsplit(BASE_URL).netloc:
            continue
        checked += 1
        target = target_file(public, url)
        if target is None:
            broken.append(f"{file.relative_to(public)}: {value} is outside the base path {BASE_URL}")
        elif not target.is_file():
            broken.append(f"{file.relative_to(public)}: {value} has no file {target.relative_to(public)}")
        elif (fragment := urlsplit(url).fragment) and target.suffix == ".html" and fragment not in ids(target):
            broken.append(f"{file.relative_to(public)}: {value} has no element with id {fragment!r}")
    assert broken == []
    assert checked > 20


def test_links_from_root_miss_the_base_path_and_are_reported(public):
    assert target_file(public, urljoin(BASE_URL, "/js/exercises.js")) is None
    assert target_file(public, urljoin(BASE_URL, "js/exercises.js")) == public / "js" / "exercises.js"


def test_every_address_of_the_sitemap_and_the_feed_is_a_page(public):
    namespace = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    sitemap = [loc.text for loc in ET.parse(public / "sitemap.xml").getroot().findall("s:url/s:loc", namespace)]
    feed = [item.text for item in ET.parse(public / "index.xml").getroot().findall("channel/item/link")]
    assert feed and set(feed) <= set(sitemap)
    assert [url for url in sitemap + feed if not (target := target_file(public, url)) or not target.is_file()] == []


def test_the_feed_lists_posts_newest_first_and_the_404_page_exists(public):
    items = ET.parse(public / "index.xml").getroot().findall("channel/item")
    dates = [parsedate_to_datetime(item.findtext("pubDate")) for item in items]
    assert dates == sorted(dates, reverse=True)
    assert "Page not found" in (public / "404.html").read_text(encoding="utf-8")
