"""`make site`'s Hugo run: Hugo's own messages shown, each traced to the notebook and cell; Ctrl-C stops it (scripts/publish.py)."""

from __future__ import annotations

import datetime as dt
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from builders import HUGO, REPO, SITE_FILES, markdown, notebook, write_text

from scripts import publish
from scripts.model import Code, Exercise, Markdown, Output, Post
from scripts.render import post_to_files

FRONT = "---\ntitle: A post\ndate: 2024-01-31\nexecute: false\n---"


def test_a_line_of_a_generated_post_is_traced_to_its_cell_and_the_line_in_the_cell(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.chdir(tmp_path)
    write_text(tmp_path / "notebooks" / "post.ipynb", "{}")
    write_text(tmp_path / "notebooks" / "post.py", "")
    blocks = [
        Markdown(2, "\n\nIntro.\n\nSee $\\frac{1}{$ here.\nEnd."),
        Code(3, "print(1)", outputs=(Output("text", "1\n"),)),
        Exercise("ex", 1, {"solution": 4}, {"solution": "x = 1"}),
        Markdown(5, "Last."),
    ]
    files = post_to_files(Post("post", {"title": "T", "date": dt.date(2024, 1, 31)}, blocks), "notebooks/post", "sha256:1")
    index = write_text(tmp_path / "content" / "post" / "post" / "index.md", files["index.md"].decode())
    lines = index.read_text().split("\n")
    number = {text: n for n, text in enumerate(lines, start=1)}

    def traced(line: int) -> list[str]:
        return publish.trace(f'ERROR something: "{index}:{line}:3": more')

    where = "notebooks/post.ipynb (paired: notebooks/post.py)"
    edit = "edit the notebook (content/post/post/index.md is generated from it)"
    assert traced(number["See $\\frac{1}{$ here."]) == [
        f"  in {where}, cell 2, line 5: {edit}\n      3 | Intro.\n      4 | \n    > 5 | See $\\frac{{1}}{{$ here.\n      6 | End."
    ]
    assert traced(number["{{< nb-output 0 >}}"]) == [f"  in {where}, cell 3: {edit}"]
    assert traced(number["{{< exercise 0 >}}"]) == [f"  in {where}, cell 4, exercise 'ex': {edit}"]
    assert traced(number["Last."]) == [f"  in {where}, cell 5, line 1: {edit}\n    > 1 | Last."]
    assert traced(3) == [f"  in {where}, cell 1 (the front matter): {edit}"]
    assert publish.trace(f'ERROR "{tmp_path}/content/post/hand/index.md:3:1": x') == []
    assert publish.trace("WARN  nothing about posts") == []


@pytest.fixture
def site(project) -> Path:
    """The project with the repository's Hugo configuration, layouts and static files."""
    for name in SITE_FILES:
        if (REPO / name).is_dir():
            shutil.copytree(REPO / name, project.root / name)
        elif (REPO / name).is_file():
            shutil.copyfile(REPO / name, project.root / name)
    return project.root


def publish_site(capsys, *arguments: str) -> tuple[int, str, str]:
    """Run `python -m scripts.publish` in-process on the project; return its status, stdout and stderr."""
    status = publish.main(["--hugo", str(HUGO), "--destination", "public", *arguments])
    captured = capsys.readouterr()
    return status, captured.out, captured.err


CASES = {
    "tex-error": ("Math: $\\frac{1}{$ here.", "math `\\frac{1}{` cannot be rendered", "cell 2, line 3"),
    "relref-to-a-missing-post": ('See [a]({{< relref "gone" >}}).', 'REF_NOT_FOUND: Ref "gone"', "cell 2, line 3"),
    "stray-shortcode": ("Templates look like {{< this >}}.", 'template for shortcode "this" not found', "cell 2, line 3"),
    "missing-static-image": (
        "![A chart](/img/none.png)",
        'image "/img/none.png" is neither beside the post nor in static/',
        "cell 2, line 3",
    ),
}


@pytest.mark.parametrize("case", CASES)
def test_a_hugo_error_in_a_post_is_shown_with_the_notebook_cell_and_line(site, project, capsys, case: str):
    text, message, place = CASES[case]
    project.add("post", notebook(markdown(f"Intro.\n\n{text}"), front_matter=FRONT))
    assert project.convert() == []
    status, out, err = publish_site(capsys)
    assert status == 1
    assert message in out
    assert f"  in notebooks/post.ipynb, {place}: edit the notebook (content/post/post/index.md is generated from it)\n" in out
    assert f"    > 3 | {text}\n" in out
    assert err.endswith("the site was not built: Hugo exited with status 1 (its messages are above)\n")


def test_an_image_without_alt_text_gets_an_empty_alt_and_stops_the_build_only_when_strict(site, project, capsys):
    (project.notebooks / "images").mkdir()
    (project.notebooks / "images" / "x.png").write_bytes((REPO / "static" / "img" / "banners" / "seminar_nn.png").read_bytes())
    project.add("post", notebook(markdown("Intro.\n\n![](images/x.png)"), front_matter=FRONT))
    assert project.convert() == []
    status, out, _ = publish_site(capsys)
    assert status == 0, out
    page = (project.root / "public" / "post" / "post" / "index.html").read_text()
    assert '<img src="/blog/post/post/images/x.png" alt="" width=' in page
    status, out, _ = publish_site(capsys, "--strict")
    assert status == 1
    assert 'image "images/x.png" has no alt text (STRICT=1)' in out
    assert "  in notebooks/post.ipynb, cell 2, line 3: edit the notebook (" in out


def test_math_that_jupyter_renders_and_katex_s_strict_mode_rejects_builds(site, project, capsys):
    # handson-ml3's linear algebra notebook writes a Unicode prime in math, which MathJax renders.
    project.add("post", notebook(markdown("Intro.\n\nThe transpose $M′$ of $M$."), front_matter=FRONT))
    assert project.convert() == []
    status, out, _ = publish_site(capsys)
    assert status == 0, out
    page = (project.root / "public" / "post" / "post" / "index.html").read_text()
    assert '<mrow><mi>M</mi><mtext>′</mtext></mrow><annotation encoding="application/x-tex">M′</annotation>' in page


FAKE_HUGO = """\
#!/bin/sh
echo "building"
echo $$ > "$1"
exec sleep 30
"""


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGINT])
def test_a_stop_signal_stops_hugo_and_exits_without_a_traceback(tmp_path: Path, signum: int):
    hugo = write_text(tmp_path / "hugo", FAKE_HUGO)
    hugo.chmod(0o755)
    pid_file = tmp_path / "hugo.pid"
    process = subprocess.Popen(
        [sys.executable, "-m", "scripts.publish", "--hugo", str(hugo), str(pid_file)],
        cwd=REPO,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,  # a process group of its own, as a terminal gives `make site`
    )
    try:
        assert process.stdout.readline() == "building\n"
        deadline = time.monotonic() + 10
        while not pid_file.exists() or not pid_file.read_text().strip():
            assert time.monotonic() < deadline
            time.sleep(0.05)
        hugo_pid = int(pid_file.read_text())
        started = time.monotonic()
        if signum == signal.SIGINT:
            os.killpg(process.pid, signal.SIGINT)  # Ctrl-C reaches the whole group
        else:
            process.send_signal(signal.SIGTERM)  # SIGTERM reaches only the wrapper
        status = process.wait(10)
        assert time.monotonic() - started < 2.5
    finally:
        if process.poll() is None:
            process.kill()
    err = process.stderr.read()
    assert status == 128 + signum
    assert err == f"\nstopped ({signal.Signals(signum).name}); Hugo was stopped, public/ may be incomplete\n"
    assert not Path(f"/proc/{hugo_pid}").exists() or "zombie" in Path(f"/proc/{hugo_pid}/status").read_text()
