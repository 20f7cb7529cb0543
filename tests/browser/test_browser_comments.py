"""Disqus in chromium: nothing is requested from Disqus until the reader clicks "Show comments"."""

import pytest


def posts_with_comments(site):
    """Return (slug, shortname) of every post whose front matter sets disqusShortname."""
    return [(slug, fm["disqusShortname"]) for slug, fm in site.posts.items() if fm.get("disqusShortname")]


def test_disqus_loads_only_after_show_comments_is_clicked(site, page, visit):
    if not posts_with_comments(site):  # a blog of one's own may have no comments (README: "Your own blog"); this one has
        pytest.skip("no post of this blog sets disqusShortname: there are no comments to load")
    for slug, shortname in posts_with_comments(site):
        visit.requests.clear()
        page.goto(site.post_url(slug))
        page.wait_for_load_state("networkidle")
        assert [url for url in visit.requests if "disqus" in url] == []
        with page.expect_request(f"https://{shortname}.disqus.com/embed.js"):
            page.get_by_role("button", name="Show comments").click()
        assert page.get_by_role("button", name="Show comments").count() == 0
    assert visit.errors == []


def test_pages_without_a_shortname_have_no_comments(site, page):
    without = [slug for slug, fm in site.posts.items() if not fm.get("disqusShortname")]
    for url in [site.url, site.url + "tags/"] + [site.post_url(slug) for slug in without]:
        page.goto(url)
        assert page.locator(".comments, #disqus_thread").count() == 0, url
        assert page.locator("script[src*='comments.js']").count() == 0, url
