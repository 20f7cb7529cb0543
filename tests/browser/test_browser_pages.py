"""Every page of the built site, in chromium: it loads cleanly, is accessible, and lists
the posts as the front matter says."""

import re
from urllib.parse import urlsplit

import pytest
from conftest import Visit, local_page

# Pages Hugo makes besides posts and taxonomy terms.
EXPECTED_PAGES = {"", "post/", "tags/", "categories/", "404.html"}
# What a page shows once the reader pressed Tab on it: the focused element, the page's language, its visible
# headings' levels and each image of its main part, scrolled to (they load lazily) and loaded (src, width as
# loaded, alt text, whether it is a figure's); then every other image is loaded too, so that each is fetched.
# Then what a post shows (on other pages, none of it): title, date, reading time, banner, terms (each link's
# href and text), series navigation, headings and table of contents.
PAGE_JS = """async () => {
  const focused = document.activeElement;
  const levels = [...document.querySelectorAll('h1,h2,h3,h4,h5,h6')].filter(h => h.checkVisibility()).map(h => Number(h.tagName[1]));
  const loaded = img => img.complete ? null : new Promise(done => { img.addEventListener('load', done); img.addEventListener('error', done); });
  const images = [];
  for (const img of document.querySelectorAll('main img')) {
    img.scrollIntoView();
    await loaded(img);
    images.push({src: img.getAttribute('src'), width: img.naturalWidth, alt: img.getAttribute('alt'), figure: !!img.closest('main figure')});
  }
  await Promise.all([...document.images].map(img => { img.loading = 'eager'; return loaded(img); }));
  const all = selector => [...document.querySelectorAll(selector)];
  const links = selector => all(selector).map(a => [a.getAttribute('href'), a.innerText]);
  const post = {
    titles: all('h1').map(h => h.innerText), dates: all('.post-header time').map(t => t.getAttribute('datetime')),
    readingTimes: all('.post-header .reading-time').map(r => r.innerText), banners: all('img.post-banner').map(img => img.naturalWidth),
    tags: links('.terms-tags a'), categories: links('.terms-categories a'),
    seriesNavs: all('.series-nav').length, seriesTexts: all('.series-nav p').map(p => p.innerText),
    prev: links('.series-nav a[rel=prev]'), next: links('.series-nav a[rel=next]'),
    headings: all('.post-body :is(h2, h3)[id]').map(h => '#' + h.id), toc: all('.toc a').map(a => a.getAttribute('href')),
  };
  return {lang: document.documentElement.getAttribute('lang'), focused: focused.className, target: focused.getAttribute('href'),
          mains: document.querySelectorAll('#main').length, levels, images, post};
}"""


@pytest.fixture(scope="module")
def every_page(browser, site):
    """Visit every page of the site once, in one context; return (what each page showed by address, the visit's record)."""
    visit, shown = Visit(), {}
    with local_page(browser, visit) as page:
        for url in site.pages():
            response = page.goto(url, wait_until="load")
            page.keyboard.press("Tab")
            shown[url] = {"status": response.status, **page.evaluate(PAGE_JS)}
    return shown, visit


def test_every_page_loads_without_failed_requests_or_script_errors(site, every_page):
    shown, visit = every_page
    assert EXPECTED_PAGES <= {p.removeprefix(site.url) for p in shown}
    assert {site.post_url(slug) for slug in site.posts} <= set(shown)
    assert {url: page["status"] for url, page in shown.items()} == dict.fromkeys(shown, 200)
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


def test_post_page_shows_title_meta_terms_and_banner(site, every_page):
    shown, _ = every_page
    for slug, fm in site.posts.items():
        post = shown[site.post_url(slug)]["post"]
        assert post["titles"] == [fm["title"]]
        assert post["dates"] == [str(fm["date"])[:10]]
        (reading_time,) = post["readingTimes"]
        assert re.fullmatch(r"\d+ min read", reading_time)
        for taxonomy in ("tags", "categories"):
            # Hugo capitalises term titles ("seminar" shows as "Seminar").
            assert [name.casefold() for _, name in post[taxonomy]] == [t.casefold() for t in fm.get(taxonomy, [])], slug
            for href, _ in post[taxonomy]:
                assert href.startswith(f"{urlsplit(site.url).path}{taxonomy}/")
        if "banner" in fm:
            (width,) = post["banners"]
            assert width > 0


def test_every_figure_loads_and_has_alt_text(site, every_page):
    shown, _ = every_page
    checked = 0
    for url, page in shown.items():
        for image in page["images"]:
            assert image["width"] > 0, (url, image["src"])
            assert image["alt"] is not None, (url, image["src"])
            if image["figure"]:
                assert image["alt"].strip(), (url, image["src"])
                checked += 1
    figures = sum(1 for fm in site.posts.values() for out in fm.get("notebook", {}).get("outputs", []) if out["kind"] == "image")
    if not figures:  # a blog of one's own may have none yet (README: "Your own blog"); this one has
        pytest.skip("no post of this blog has a figure: there is no figure to load")
    assert checked >= figures


def test_every_page_has_lang_a_skip_link_and_one_h1_with_no_skipped_heading_level(every_page):
    shown, _ = every_page
    for url, page in shown.items():
        assert page["lang"] == "en", url
        assert (page["focused"], page["target"]) == ("skip-link", "#main"), url
        assert page["mains"] == 1, url
        levels = page["levels"]
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


def test_posts_of_a_series_link_their_previous_and_next_post(site, every_page):
    shown, _ = every_page
    series = {}
    for slug, fm in site.posts.items():
        if fm.get("series"):
            series.setdefault(fm["series"], []).append((str(fm["date"]), slug))
    for name, members in series.items():
        slugs = [slug for _, slug in sorted(members)]
        for at, slug in enumerate(slugs):
            nav = shown[site.post_url(slug)]["post"]
            assert nav["seriesTexts"] == [f"Part {at + 1} of {len(slugs)} in the series {name}."]
            expected = {"prev": slugs[at - 1] if at > 0 else None, "next": slugs[at + 1] if at + 1 < len(slugs) else None}
            for rel, neighbour in expected.items():
                if neighbour is None:
                    assert nav[rel] == [], (slug, rel)
                else:
                    ((href, text),) = nav[rel]
                    assert href == urlsplit(site.post_url(neighbour)).path, (slug, rel)
                    assert site.posts[neighbour]["title"] in text
    without = [slug for slug, fm in site.posts.items() if not fm.get("series")]
    for slug in without:
        assert shown[site.post_url(slug)]["post"]["seriesNavs"] == 0, slug


def test_long_posts_have_a_table_of_contents_linking_their_headings(site, every_page):
    shown, _ = every_page
    for slug in site.posts:
        post = shown[site.post_url(slug)]["post"]
        minutes = int(post["readingTimes"][0].split()[0])
        if minutes >= 3 and len(post["headings"]) >= 3:
            assert post["toc"] == post["headings"], slug
        else:
            assert post["toc"] == [], slug
