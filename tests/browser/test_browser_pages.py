"""Every page of the built site, in chromium: it loads cleanly, is accessible, and lists
the posts as the front matter says."""

import re
from urllib.parse import urlsplit

import pytest

LOAD_EVERY_IMAGE = """() => Promise.all([...document.images].map(img => {
    img.loading = 'eager';
    return img.complete ? null : new Promise(done => { img.onload = img.onerror = done; });
}))"""
# Pages Hugo makes besides posts and taxonomy terms.
EXPECTED_PAGES = {"", "post/", "tags/", "categories/", "404.html"}


def test_every_page_loads_without_failed_requests_or_script_errors(site, page, visit):
    pages = site.pages()
    assert EXPECTED_PAGES <= {p.removeprefix(site.url) for p in pages}
    assert {site.post_url(slug) for slug in site.posts} <= set(pages)
    for url in pages:
        response = page.goto(url, wait_until="load")
        assert response.status == 200, url
        # Lazy figures load only when scrolled to: load them all so that they are fetched too.
        page.evaluate(LOAD_EVERY_IMAGE)
    assert visit.failures == []
    assert visit.errors == []


def home_order(posts):
    """The home page's order: newest first, except that a series is listed whole, oldest first,
    where its newest post would be."""
    newest_first = sorted(posts.items(), key=lambda item: str(item[1]["date"]), reverse=True)
    order, listed = [], []
    for slug, fm in newest_first:
        series = fm.get("series")
        if series is None:
            order.append((slug, fm))
        elif series not in listed:
            listed.append(series)
            order += sorted(((s, f) for s, f in posts.items() if f.get("series") == series), key=lambda item: str(item[1]["date"]))
    return order, listed


def test_home_lists_posts_newest_first_and_a_series_in_reading_order_with_banner_description_date_author(site, page, save_screenshot):
    page.goto(site.url)
    page.wait_for_load_state("networkidle")
    save_screenshot(page, "home")
    posts, series = home_order(site.posts)
    assert [text.strip() for text in page.locator(".series-group > h2").all_text_contents()] == [f"Series: {name}" for name in series]
    cards = page.locator(".post-card")
    assert cards.locator("h2").all_inner_texts() == [fm["title"] for _, fm in posts]
    for card, (slug, fm) in zip(cards.all(), posts):
        assert card.locator("h2 a").get_attribute("href") == urlsplit(site.post_url(slug)).path
        assert card.locator("time").get_attribute("datetime") == str(fm["date"])[:10]
        if "description" in fm:
            assert card.locator(".card-description").inner_text() == fm["description"]
        if "author" in fm:
            assert card.locator(".author").inner_text() == fm["author"]
        if "banner" in fm:
            assert card.locator("img.card-banner").get_attribute("src") == urlsplit(site.url).path + fm["banner"]


def test_post_page_shows_title_meta_terms_and_banner(site, page):
    for slug, fm in site.posts.items():
        page.goto(site.post_url(slug))
        assert page.locator("h1").all_inner_texts() == [fm["title"]]
        assert page.locator(".post-header time").get_attribute("datetime") == str(fm["date"])[:10]
        assert re.fullmatch(r"\d+ min read", page.locator(".post-header .reading-time").inner_text())
        for taxonomy in ("tags", "categories"):
            names = page.locator(f".terms-{taxonomy} a").all_inner_texts()
            # Hugo capitalises term titles ("seminar" shows as "Seminar").
            assert [n.casefold() for n in names] == [t.casefold() for t in fm.get(taxonomy, [])], slug
            for link in page.locator(f".terms-{taxonomy} a").all():
                assert link.get_attribute("href").startswith(f"{urlsplit(site.url).path}{taxonomy}/")
        if "banner" in fm:
            assert page.locator("img.post-banner").evaluate("img => img.naturalWidth") > 0


# Each image of the page's main part, scrolled to (they load lazily) and loaded: its src, width as loaded, alt text
# and whether it is a figure's; in one call per page.
IMAGES_JS = """async () => {
  const found = [];
  for (const img of document.querySelectorAll('main img')) {
    img.scrollIntoView();
    if (!img.complete) await new Promise(done => { img.addEventListener('load', done); img.addEventListener('error', done); });
    found.push({src: img.getAttribute('src'), width: img.naturalWidth, alt: img.getAttribute('alt'), figure: !!img.closest('main figure')});
  }
  return found;
}"""


def test_every_figure_loads_and_has_alt_text(site, page):
    checked = 0
    for url in site.pages():
        page.goto(url)
        for image in page.evaluate(IMAGES_JS):
            assert image["width"] > 0, (url, image["src"])
            assert image["alt"] is not None, (url, image["src"])
            if image["figure"]:
                assert image["alt"].strip(), (url, image["src"])
                checked += 1
    figures = sum(1 for fm in site.posts.values() for out in fm.get("notebook", {}).get("outputs", []) if out["kind"] == "image")
    if not figures:  # a blog of one's own may have none yet (README: "Your own blog"); this one has
        pytest.skip("no post of this blog has a figure: there is no figure to load")
    assert checked >= figures


def test_every_page_has_lang_a_skip_link_and_one_h1_with_no_skipped_heading_level(site, page):
    for url in site.pages():
        page.goto(url)
        assert page.locator("html").get_attribute("lang") == "en"
        page.keyboard.press("Tab")
        assert page.evaluate("document.activeElement.className") == "skip-link", url
        assert page.evaluate("document.activeElement.getAttribute('href')") == "#main"
        assert page.locator("#main").count() == 1
        levels = page.evaluate("""() => [...document.querySelectorAll('h1,h2,h3,h4,h5,h6')]
            .filter(h => h.checkVisibility()).map(h => Number(h.tagName[1]))""")
        assert levels[0] == 1 and levels.count(1) == 1, (url, levels)
        jumps = [(a, b) for a, b in zip(levels, levels[1:]) if b > a + 1]
        assert jumps == [], url


# Contrast of text with its background, WCAG 2 (4.5:1 for normal text).
CONTRAST_JS = """() => {
  const rgb = s => s.match(/[\\d.]+/g).map(Number);
  const lum = c => { const [r, g, b] = c.slice(0, 3).map(v => { v /= 255;
    return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; });
    return 0.2126 * r + 0.7152 * g + 0.0722 * b; };
  const background = el => { for (; el; el = el.parentElement) {
    const c = rgb(getComputedStyle(el).backgroundColor); if (c.length < 4 || c[3] > 0) return c; }
    return [255, 255, 255]; };
  const low = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let node; (node = walker.nextNode());) {
    const el = node.parentElement;
    if (!node.textContent.trim() || !el.checkVisibility() || el.closest('math')) continue;
    const [a, b] = [lum(rgb(getComputedStyle(el).color)), lum(background(el))];
    const ratio = (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
    if (ratio < 4.5) low.push(`${ratio.toFixed(2)} ${el.tagName}.${el.className}: ${node.textContent.trim().slice(0, 40)}`);
  }
  return low;
}"""


@pytest.mark.parametrize("which", ["home", "post"])
def test_text_has_at_least_aa_contrast(site, page, which):
    page.goto(site.url if which == "home" else site.post_url(next(iter(site.posts))))
    for summary in page.locator("summary").all():
        summary.click()
    assert page.evaluate(CONTRAST_JS) == []


def test_posts_of_a_series_link_their_previous_and_next_post(site, page):
    series = {}
    for slug, fm in site.posts.items():
        if fm.get("series"):
            series.setdefault(fm["series"], []).append((str(fm["date"]), slug))
    for name, members in series.items():
        slugs = [slug for _, slug in sorted(members)]
        for at, slug in enumerate(slugs):
            page.goto(site.post_url(slug))
            nav = page.locator(".series-nav")
            assert nav.locator("p").inner_text() == f"Part {at + 1} of {len(slugs)} in the series {name}."
            expected = {"prev": slugs[at - 1] if at > 0 else None, "next": slugs[at + 1] if at + 1 < len(slugs) else None}
            for rel, neighbour in expected.items():
                link = nav.locator(f"a[rel={rel}]")
                if neighbour is None:
                    assert link.count() == 0, (slug, rel)
                else:
                    assert link.get_attribute("href") == urlsplit(site.post_url(neighbour)).path, (slug, rel)
                    assert site.posts[neighbour]["title"] in link.inner_text()
    without = [slug for slug, fm in site.posts.items() if not fm.get("series")]
    for slug in without:
        page.goto(site.post_url(slug))
        assert page.locator(".series-nav").count() == 0, slug


def test_long_posts_have_a_table_of_contents_linking_their_headings(site, page):
    for slug in site.posts:
        page.goto(site.post_url(slug))
        headings = page.locator(".post-body :is(h2, h3)[id]").evaluate_all("hs => hs.map(h => '#' + h.id)")
        minutes = int(page.locator(".post-header .reading-time").inner_text().split()[0])
        toc = page.locator(".toc a")
        if minutes >= 3 and len(headings) >= 3:
            assert [a.get_attribute("href") for a in toc.all()] == headings, slug
        else:
            assert toc.count() == 0, slug
