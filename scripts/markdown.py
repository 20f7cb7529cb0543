"""What markdown cells point at: files beside the notebook, other notebooks, pages of the site.

Markdown is published as written. A destination that makes sense only from the
notebook's folder is recorded in the post's `links` instead of being rewritten:
  - a file beside the notebook (`images/x.png`, `data/points.csv`) is copied into
    the post's bundle under the same relative path; one in the project around the
    notebook's folder (`../images/logo.png`, as in Jupyter) under `up/` (`bundle_name`);
  - another notebook (`other.ipynb`, `other.ipynb#Some-Heading`) stands for its post.
The site's render hooks (layouts/_markup/render-link.html, render-image.html) look
destinations up in `links`; raw HTML (`<img src="images/x.png">`) finds the copied
file by its relative path. A destination that leads nowhere is an error naming the cell.
"""

from __future__ import annotations

import base64
import os
import posixpath
import re
import tomllib
from dataclasses import dataclass, field, replace
from pathlib import Path
from urllib.parse import quote, unquote, urlsplit

from bs4 import BeautifulSoup
from markdown_it import MarkdownIt

from .errors import ContentError
from .front_matter import notebook_front_matter
from .inputs import project_of
from .model import Exercise, Markdown, Post
from .parts import PARTS
from .render import INDEX
from .sources import NOTEBOOK_SUFFIX, Source, find_sources, pair_of, read_source, slug_of

STATIC = Path("static")
CONTENT = Path("content")
CONFIG = Path("config.toml")
# Names the build gives its own files in a bundle: a copied file may not take them.
GENERATED_NAME = re.compile(r"(index\.md|cell-\d+-\d+\.[A-Za-z0-9]+)\Z")
# The exercise parts written in markdown (the hint): the page renders them, render hooks included.
MARKDOWN_PARTS = tuple(part.tag for part in PARTS if "markdown" in part.cell_types)
# The post a notebook link leads to, as Hugo's GetPage names it.
POST_PAGE = "/post/{slug}"
# `{{< relref "slug" >}}`, `{{% ref "post/slug#anchor" %}}`: Hugo's shortcodes for links to pages.
REF_SHORTCODE = re.compile(r"\{\{[<%]\s*(?:rel)?ref\s+\"([^\"]*)\"\s*[%>]\}\}")

_MARKDOWN = MarkdownIt("commonmark")
# Ids every post page has besides its headings (layouts/).
# Files Hugo reads as content (pages) in a page bundle, never publishing them as they are.
HUGO_CONTENT_SUFFIXES = frozenset({".html", ".htm", ".md", ".markdown", ".adoc", ".org", ".pandoc", ".rst"})
THEME_IDS = frozenset({"main", "toc-title", "comments-title", "disqus_thread"})
# `<a id="x">`, `<span name="x">`: anchors written in HTML.
HTML_ID = re.compile(r"""<[^>]*\b(?:id|name)\s*=\s*["']([^"']+)["']""")
# A heading's own id: `## Title {#my-id}`.
CUSTOM_ID = re.compile(r"\s*\{#([^\s}]+)[^}]*\}\s*\Z")


@dataclass
class Site:
    """What a link on a post may point to: static files, content files and the posts' slugs."""

    static: Path = STATIC
    content: Path = CONTENT
    slugs: frozenset[str] = frozenset()
    base_path: str = "/"  # the path of the site's baseURL, e.g. /blog/


def site_of(notebooks: Path, posts: Path | None = None, root: Path = Path(".")) -> Site:
    """Return what links may point to: `static/`, `content/`, and the slugs of notebooks and posts."""
    posts = posts if posts is not None else root / CONTENT / "post"
    slugs = {slug_of(path) for path in find_sources(notebooks)} if notebooks.is_dir() else set()
    if posts.is_dir():
        slugs |= {path.stem if path.is_file() else path.name for path in posts.iterdir() if not path.name.startswith((".", "_"))}
    base_path = "/"
    if (root / CONFIG).is_file():
        base_path = urlsplit(tomllib.loads((root / CONFIG).read_text(encoding="utf-8")).get("baseURL", "/")).path or "/"
    return Site(root / STATIC, posts.parent, frozenset(slugs), base_path)


@dataclass(frozen=True)
class Destination:
    """Where a link or image of a markdown cell points."""

    kind: str  # "link" or "image"
    url: str  # as the markdown parser normalised it (percent-encoded)
    cell: int
    line: int | None  # 1-based line in the cell
    html: bool = False  # written as an HTML tag rather than markdown
    alt: str | None = None  # an image's alt text; None for an HTML <img> without an alt attribute

    @property
    def path(self) -> str:
        """The URL's path, percent-decoded, as Hugo's `urls.Parse` gives it to the render hooks."""
        return unquote(urlsplit(self.url).path)

    @property
    def is_local(self) -> bool:
        """Does it point into the site (no scheme or host), at something other than this page's own anchors?"""
        parts = urlsplit(self.url)
        return not (parts.scheme or parts.netloc) and bool(parts.path)


def destinations(block: Markdown) -> list[Destination]:
    """Return every link and image of a markdown cell, in markdown or HTML syntax, with its line in the cell."""
    lines = block.text.split("\n")
    found: list[Destination] = []
    for token in _MARKDOWN.parse(block.text):
        first = token.map[0] if token.map else 0
        last = token.map[1] if token.map else len(lines)
        if token.type == "html_block":
            found += html_destinations(token.content, block.cell, lines, first, last)
        for child in token.children or []:
            if child.type == "image":
                src = str(child.attrs["src"])
                found.append(Destination("image", src, block.cell, line_of(src, lines, first, last), alt=child.content))
            elif child.type == "link_open":
                found.append(Destination("link", child.attrs["href"], block.cell, line_of(str(child.attrs["href"]), lines, first, last)))
            elif child.type == "html_inline":
                found += html_destinations(child.content, block.cell, lines, first, last)
    return found


def html_destinations(html: str, cell: int, lines: list[str], first: int, last: int) -> list[Destination]:
    """Return the `<img src>` and `<a href>` of a piece of HTML."""
    soup = BeautifulSoup(html, "html.parser")
    images = [
        Destination("image", str(img["src"]), cell, line_of(str(img["src"]), lines, first, last), True, img.get("alt"))
        for img in soup.find_all("img", src=True)
    ]
    links = [
        Destination("link", str(a["href"]), cell, line_of(str(a["href"]), lines, first, last), True) for a in soup.find_all("a", href=True)
    ]
    return images + links


def line_of(url: str, lines: list[str], first: int, last: int) -> int | None:
    """Return the 1-based line, between `first` and `last` (0-based, end excluded), that holds `url`."""
    for candidate in (url, unquote(url)):
        for number in range(first, min(last, len(lines))):
            if candidate in lines[number]:
                return number + 1
    return first + 1 if first < len(lines) else None


def ref_targets(block: Markdown) -> list[tuple[str, int]]:
    """Return the page of every `relref`/`ref` shortcode in a markdown cell, with its line in the cell."""
    return [
        (match.group(1), number) for number, line in enumerate(block.text.split("\n"), start=1) for match in REF_SHORTCODE.finditer(line)
    ]


def is_page_ref(target: str, site: Site) -> bool:
    """Does a `relref` target (`slug`, `post/slug`, `/post/slug.md`, `slug#anchor`) name a page of the site?"""
    path = target.split("#", 1)[0].strip("/")
    if not path:
        return True  # `#anchor` on this page
    path = re.sub(r"(/index|/_index)?\.md\Z", "", path)
    if posixpath.basename(path) in site.slugs:
        return True
    page = site.content / path
    return any(file.is_file() for file in (page.with_suffix(".md"), page / INDEX, page / "_index.md"))


def resolves_on_site(kind: str, url: str, slug: str, site: Site) -> bool:
    """Does a link or image of the post `slug` point to something, as the site's render hooks resolve it?"""
    parts = urlsplit(url)
    if parts.scheme or parts.netloc or not parts.path:
        return True  # another site, or only a #fragment or ?query on this page
    path = unquote(parts.path)
    base = site.base_path.rstrip("/")
    if base and (path == base or path.startswith(base + "/")):
        path = path[len(base) :] or "/"
    bundle = site.content / "post" / slug
    # Images (layouts/_markup/render-image.html): a file beside the post, else under static/.
    files = [bundle / path.lstrip("/"), site.static / path.lstrip("/")]
    if kind == "image":
        return any(file.is_file() for file in files)
    # Links (render-link.html): a page, then a file beside the post, then a path from the site's root.
    page = posixpath.normpath(posixpath.join(f"/post/{slug}/", path)).strip("/")
    section, _, rest = page.partition("/")
    if page in ("", "post") or section in ("tags", "categories", "series"):
        return True  # the home page, the post list, and taxonomy pages Hugo makes for every term
    if (section == "post" and rest in site.slugs) or path.strip("/") in site.slugs:
        return True
    pages = [site.content / f"{page}.md", site.content / page / INDEX, site.content / page / "_index.md"]
    return any(file.is_file() for file in [*pages, *files])


@dataclass
class Links:
    """Where a post's markdown destinations lead, and what of them could not be resolved."""

    targets: dict[str, str] = field(default_factory=dict)  # destination path -> bundle file or post page
    files: dict[str, Path] = field(default_factory=dict)  # bundle file -> the file beside the notebook
    problems: list[ContentError] = field(default_factory=list)


def where_links_lead(source: Source, post: Post, site: Site) -> Links:
    """Resolve every local destination of the post's markdown cells against the notebook's folder and the site."""
    folder = source.path.parent
    project = project_of(folder)  # `../` paths lead into it
    links = Links()

    def problem(destination: Destination, message: str, fix: str) -> None:
        block = next(block for block in markdown_of(post) if block.cell == destination.cell)
        links.problems.append(
            source.error(message, cell=destination.cell, source=block.text, line=destination.line, fix=fix, kind="dangling-link")
        )

    for block in markdown_of(post):
        for destination in destinations(block):
            if not destination.is_local or destination.path.startswith("/"):
                continue  # another site, this page's anchors, or a path from the site's root (the hooks and lint check it)
            path = destination.path
            if path in post.attachments or unquote(path) in post.attachments:
                continue  # an image pasted into the cell, already a file of the bundle (attachments_to_files)
            written = f"the {destination.kind} '{destination.url}'"
            if path.endswith(NOTEBOOK_SUFFIX):
                target = notebook_post(folder, path)
                if target is None:
                    problem(
                        destination,
                        f"{written} points to a notebook that is not in {folder}/, so there is no post to link to",
                        f"add the notebook to {folder}/, or correct the name",
                    )
                elif destination.html:
                    problem(
                        destination,
                        f"{written} is an HTML link to a notebook: only markdown links become links to its post",
                        f"write it in markdown: [text]({destination.url})",
                    )
                elif not post.front_matter.get("draft") and is_draft(folder, path):
                    problem(
                        destination,
                        f"{written} points to a draft (its front matter says `draft: true`): Hugo does not publish it, "
                        "so the link would lead nowhere",
                        "remove the link until that post is published, or publish it (remove `draft: true` there)",
                    )
                else:
                    links.targets[path] = target
                continue
            beside = folder / path
            if beside.exists():
                name = bundle_name(path, above=project is not None)
                if name is None:
                    problem(
                        destination,
                        f"{written} is outside {project or folder}/" + (", the project the notebook's folder is in" if project else ""),
                        f"move the file into {folder}/ (a subfolder is fine)" + (f", or into a folder of {project}/" if project else ""),
                    )
                elif name.startswith(f"{UP}/") and destination.html:
                    problem(
                        destination,
                        f"{written} is outside {folder}/ and written in HTML, which the build publishes as it is: "
                        "the page would show it broken",
                        f"write it in markdown, which the build resolves: {'!' if destination.kind == 'image' else ''}"
                        f"[{destination.alt or 'text'}]({destination.url})",
                    )
                elif name in links.files and links.files[name].resolve() != beside.resolve():
                    problem(
                        destination,
                        f"{written} would be published as {name}, as is {links.files[name]}",
                        "rename one of the two files",
                    )
                elif not beside.is_file():
                    problem(destination, f"{written} is a folder, which a web page cannot show", "link to a file in it")
                elif GENERATED_NAME.match(name):
                    problem(destination, f"{written} has a name the build gives its own files", "rename the file")
                elif Path(name).suffix.lower() in HUGO_CONTENT_SUFFIXES:
                    problem(
                        destination,
                        f"{written} is a {Path(name).suffix} file, which Hugo takes for a page of the site's content, not a file "
                        "to publish beside the post: the site would not build",
                        f"put it in {site.static}/ and link to it from the site's root (/{Path(name).name}), "
                        "or publish what it shows in the notebook itself",
                    )
                else:
                    links.files[name] = beside
                    links.targets[path] = name
                continue
            if not resolves_on_site(destination.kind, destination.url, post.slug, site):
                problem(
                    destination,
                    f"{written} leads nowhere: there is no {beside}, and no post, page or file in {site.static}/ at that path",
                    "add the file, correct the path, or use a full https:// address",
                )
    return links


# The folder of a bundle where the files of the project outside the notebook's folder (`../images/logo.png`) go.
UP = "up"


def bundle_name(path: str, above: bool = True) -> str | None:
    """Return where the file at `path` (relative to the notebook's folder) goes in the post's bundle: the same path, or
    under `up/` for one in the project around the folder (`../images/logo.png` is `up/images/logo.png`, if `above`);
    None if it is further out."""
    name = posixpath.normpath(path)
    if name.startswith("../") and above and not name[3:].startswith("../"):
        name = f"{UP}/{name[3:]}"
    return None if name.startswith("../") or name == ".." else name


def markdown_of(post: Post) -> list[Markdown]:
    """Return the post's markdown: its markdown cells and its exercises' hints (rendered on the page too)."""
    found = []
    for block in post.blocks:
        if isinstance(block, Markdown):
            found.append(block)
        elif isinstance(block, Exercise):
            found += [Markdown(block.cells[tag], block.part(tag)) for tag in MARKDOWN_PARTS if block.part(tag).strip()]
    return found


def notebook_post(folder: Path, path: str) -> str | None:
    """Return the page of the post made from the notebook `path` (relative to `folder`), or None if there is none."""
    notebook = Path(os.path.normpath(folder / path))
    if notebook.parent != Path(os.path.normpath(folder)) or notebook.name.startswith((".", "_")):
        return None
    ipynb, py = pair_of(notebook)
    return POST_PAGE.format(slug=slug_of(notebook)) if (ipynb or py) else None


# An image pasted into a markdown cell: Jupyter keeps it in the cell's `attachments` and links it as `attachment:NAME`.
ATTACHMENT = re.compile(r"attachment:([^\s)\"'>]+)")
ATTACHMENTS_FOLDER = "attachments"


def attachments_to_files(source: Source, post: Post) -> Post:
    """Return the post with the images pasted into its markdown cells as files of the bundle, linked from the cells."""
    files = dict(post.attachments)
    blocks = []
    for block in post.blocks:
        if isinstance(block, Markdown) and "attachment:" in block.text:
            stored = source.notebook.cells[block.cell - 1].get("attachments", {})

            def to_file(match: re.Match, block: Markdown = block, stored: dict = stored) -> str:
                name = unquote(match.group(1))
                if name not in stored or not stored[name]:
                    raise source.error(
                        f"the image 'attachment:{name}' is not attached to this cell",
                        cell=block.cell,
                        source=block.text,
                        line=block.text.count("\n", 0, match.start()) + 1,
                        fix="paste the image into this cell again (Jupyter keeps a pasted image with its cell; "
                        "the paired .py file cannot hold it), or save it beside the notebook and link to the file",
                        kind="dangling-link",
                    )
                data = next(iter(stored[name].values()))
                target = f"{ATTACHMENTS_FOLDER}/{block.cell}/{name}"
                files[target] = base64.b64decode("".join(data) if isinstance(data, list) else data)
                return quote(target)

            block = replace(block, text=ATTACHMENT.sub(to_file, block.text))
        blocks.append(block)
    return replace(post, blocks=blocks, attachments=dict(sorted(files.items())))


def is_draft(folder: Path, path: str) -> bool:
    """Does the front matter of the notebook `path` (relative to `folder`) say `draft: true`?"""
    try:
        notebook = read_source(Path(os.path.normpath(folder / path))).notebook
    except ContentError:
        return False  # that notebook's own conversion reports what is wrong with it
    return notebook_front_matter(notebook.cells).get("draft") is True


def resolve_links(source: Source, post: Post, site: Site, check: bool = True) -> Post:
    """Return the post with its `links` and the files it shows; raise the first problem (the others as notes) if `check`."""
    links = where_links_lead(source, post, site)
    if check and links.problems:
        first, *others = links.problems
        first.notes = [*first.notes, *(f"Also: {other.location()}: {other.message}" for other in others)]
        raise first
    attachments = {name: path.read_bytes() for name, path in sorted(links.files.items())}
    return replace(post, links=dict(sorted(links.targets.items())), attachments=attachments)


def comparable_heading(text: str) -> str:
    """Return heading text without markdown emphasis and code marks, case-folded, spaces collapsed."""
    return " ".join(re.sub(r"[*_`]", "", text).split()).casefold()


# Inline HTML whose text is code: Hugo's typographer would change it (`--` to `–`, quotes to curly ones).
HTML_CODE = re.compile(r"<(code|kbd|samp|tt)(\s[^<>]*)?>([^<]*)</\1>", re.IGNORECASE)
# Written as character references, these reach the page unchanged: the typographer reads only the characters.
TYPOGRAPHER_CHARACTERS = {"-": "&#45;", "'": "&#39;", '"': "&#34;", ".": "&#46;"}
KEPT_CODE = re.compile(r"^[ \t]*(```|~~~).*?^[ \t]*\1|(`+).*?\2", re.MULTILINE | re.DOTALL)


def html_code_as_written(post: Post) -> Post:
    """Return the post with the text of inline HTML `<code>`, `<kbd>` and `<samp>` kept from Hugo's typographer."""
    blocks = []
    for block in post.blocks:
        if isinstance(block, Markdown) and HTML_CODE.search(block.text):
            kept = [match.span() for match in KEPT_CODE.finditer(block.text)]

            def as_written(match: re.Match, kept: list = kept) -> str:
                if any(start <= match.start() < end for start, end in kept):
                    return match.group(0)  # inside markdown code, which the typographer leaves alone
                text = "".join(TYPOGRAPHER_CHARACTERS.get(char, char) for char in match.group(3))
                return f"<{match.group(1)}{match.group(2) or ''}>{text}</{match.group(1)}>"

            block = replace(block, text=HTML_CODE.sub(as_written, block.text))
        blocks.append(block)
    return replace(post, blocks=blocks)


# A LaTeX environment written without `$$`, which Jupyter's MathJax renders as display math all the same.
BARE_ENVIRONMENT = re.compile(
    r"^[ \t]{0,3}(\\begin\{((?:align|alignat|equation|gather|multline|eqnarray|flalign)\*?)\}.*?\\end\{\2\})[ \t]*$",
    re.MULTILINE | re.DOTALL,
)
# What markdown keeps as it is, or already hands to the math renderer: fenced code, `$$…$$`, `\[…\]`.
KEPT_SPANS = re.compile(r"^[ \t]*(```|~~~).*?^[ \t]*\1|\$\$.*?\$\$|\\\[.*?\\\]", re.MULTILINE | re.DOTALL)


def bare_math_to_display(post: Post) -> Post:
    """Return the post with LaTeX environments written without delimiters (`\\begin{align}…`) as display math, as Jupyter shows them."""
    blocks = []
    for block in post.blocks:
        if isinstance(block, Markdown) and "\\begin{" in block.text:
            kept = [match.span() for match in KEPT_SPANS.finditer(block.text)]

            def delimited(match: re.Match, kept: list = kept) -> str:
                if any(start <= match.start() < end for start, end in kept):
                    return match.group(0)
                return f"$$\n{match.group(1)}\n$$"

            block = replace(block, text=BARE_ENVIRONMENT.sub(delimited, block.text))
        blocks.append(block)
    return replace(post, blocks=blocks)


def drop_repeated_title(post: Post) -> Post:
    """Return the post without its first heading if that heading repeats the title (the page shows the title already).

    The heading's lines are left blank, so that line numbers in the cell stay as the author sees them.
    """
    title = comparable_heading(str(post.front_matter.get("title", "")))
    for index, block in enumerate(post.blocks):
        if not isinstance(block, Markdown):
            continue
        tokens = _MARKDOWN.parse(block.text)
        heading = next((n for n, token in enumerate(tokens) if token.type == "heading_open"), None)
        if heading is None:
            continue
        if comparable_heading(tokens[heading + 1].content) != title or not tokens[heading].map:
            return post
        first, last = tokens[heading].map
        lines = block.text.split("\n")
        lines[first:last] = [""] * (last - first)
        blocks = list(post.blocks)
        if any(line.strip() for line in lines):
            blocks[index] = replace(block, text="\n".join(lines))
        else:
            del blocks[index]
        return replace(post, blocks=blocks)
    return post


def heading_ids(text: str) -> set[str]:
    """Return the ids a markdown cell's headings and HTML answer to on the page.

    A heading answers to Jupyter's id (its text, spaces as `-`, see layouts/_markup/render-heading.html)
    and to Hugo's (lowercase letters, digits, `-` and `_`), or to the id it sets with `{#id}`.
    """
    ids = set(HTML_ID.findall(text))
    tokens = _MARKDOWN.parse(text)
    for number, token in enumerate(tokens):
        if token.type != "heading_open":
            continue
        plain = "".join(child.content for child in tokens[number + 1].children or [] if child.type in ("text", "code_inline"))
        custom = CUSTOM_ID.search(plain)
        if custom:
            ids.add(custom.group(1))
            plain = plain[: custom.start()]
        ids.add(plain.replace(" ", "-"))
        ids.add("".join(char for char in plain.lower().replace(" ", "-") if char.isalnum() or char in "-_"))
    return ids


def check_unique_ids(source: Source, post: Post) -> Post:
    """Return the post; stop if an exercise's element would share its id with a heading or the theme's elements."""
    headings: dict[str, int] = {}
    for block in post.blocks:
        if isinstance(block, Markdown):
            for heading in heading_ids(block.text):
                headings.setdefault(heading, block.cell)
    for exercise in post.exercises:
        where = f"the heading in cell {headings[exercise.name]}" if exercise.name in headings else None
        if exercise.name in THEME_IDS:
            where = "an element of the page's layout"
        if where:
            raise source.error(
                f"the exercise's name `{exercise.name}` is also the id of {where}: two elements of the page would share it, "
                f"and a link to #{exercise.name} would lead to the first",
                cell=exercise.first_cell,
                exercise=exercise.name,
                fix="rename the exercise (the `exercise` key of its first cell's metadata), or give the heading another id with {#id}",
            )
    return post


def anchors_of(blocks: list) -> set[str]:
    """Return every id a post's page answers to: its headings', its HTML anchors', its exercises' and the theme's."""
    ids = set(THEME_IDS)
    for block in blocks:
        if isinstance(block, Markdown):
            ids |= heading_ids(block.text)
        elif hasattr(block, "name") and hasattr(block, "parts"):
            ids.add(block.name)  # an exercise: its embed's element id
    return ids
