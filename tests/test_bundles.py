"""Writing page bundles safely: only generated ones are replaced or removed, atomically (scripts/bundles.py)."""

from __future__ import annotations

import datetime as dt
import errno
import os
from pathlib import Path

import pytest
from builders import snapshot

from scripts import bundles
from scripts.errors import ContentError
from scripts.model import Markdown, Post
from scripts.render import post_to_files

HAND_WRITTEN = '+++\ntitle = "Mine"\n+++\n\nWritten by hand.\n'


def generated(slug: str, text: str = "Body", source_hash: str = "sha256:1", figures: dict[str, bytes] | None = None) -> dict[str, bytes]:
    """Return the files of a generated bundle."""
    files = post_to_files(Post(slug, {"title": slug, "date": dt.date(2024, 1, 1)}, [Markdown(2, text)]), f"notebooks/{slug}", source_hash)
    if figures:
        # Recorded as the pipeline's own files, as render does for figures.
        files["index.md"] = files["index.md"].replace(b"files = []", ("files = [" + ", ".join(f'"{n}"' for n in figures) + "]").encode())
        files.update(figures)
    return files


def write(posts: Path, slug: str, files: dict[str, bytes]) -> None:
    bundles.write_bundles(posts, {slug: files})


def test_a_written_bundle_is_recognised_as_generated_and_up_to_date(tmp_path: Path):
    write(tmp_path, "post", generated("post", figures={"cell-2-1.png": b"png"}))
    assert bundles.is_generated(tmp_path / "post")
    assert bundles.is_up_to_date(tmp_path / "post", "sha256:1")
    assert not bundles.is_up_to_date(tmp_path / "post", "sha256:2")
    (tmp_path / "post" / "cell-2-1.png").unlink()
    assert not bundles.is_up_to_date(tmp_path / "post", "sha256:1")  # a lost figure is regenerated


@pytest.mark.parametrize(
    "index", [HAND_WRITTEN, "no front matter", '+++\nnotebook = { generator = "someone else" }\n+++\n', "+++\nbroken = \n+++\n"]
)
def test_a_bundle_without_the_generator_mark_is_not_generated(tmp_path: Path, index: str):
    (tmp_path / "post").mkdir()
    (tmp_path / "post" / "index.md").write_text(index)
    assert not bundles.is_generated(tmp_path / "post")


def test_when_a_hand_written_post_file_has_the_slug_then_writing_is_refused(tmp_path: Path):
    (tmp_path / "post.md").write_text(HAND_WRITTEN)
    with pytest.raises(ContentError) as caught:
        bundles.check_writable(tmp_path, "post", "notebooks/post.py")
    assert caught.value.path == "notebooks/post.py"
    assert caught.value.message == f"{tmp_path / 'post.md'} is a hand-written post with the same slug 'post'"


def test_when_a_hand_written_bundle_has_the_slug_then_writing_is_refused(tmp_path: Path):
    (tmp_path / "post").mkdir()
    (tmp_path / "post" / "index.md").write_text(HAND_WRITTEN)
    with pytest.raises(ContentError) as caught:
        bundles.check_writable(tmp_path, "post", "notebooks/post.py")
    assert caught.value.message == f"{tmp_path / 'post'}/ exists and was not generated from a notebook"


def test_when_a_generated_bundle_holds_a_foreign_file_then_writing_is_refused(tmp_path: Path):
    write(tmp_path, "post", generated("post"))
    (tmp_path / "post" / "notes.txt").write_text("mine")
    with pytest.raises(ContentError) as caught:
        bundles.check_writable(tmp_path, "post", "notebooks/post.py")
    assert caught.value.message == f"{tmp_path / 'post'}/ holds files the pipeline did not write: notes.txt"


def test_rewriting_a_bundle_replaces_it_whole_and_leaves_no_staging_folders(tmp_path: Path):
    write(tmp_path, "post", generated("post", figures={"cell-2-1.png": b"old"}))
    new = generated("post", "New body", "sha256:2")
    write(tmp_path, "post", new)
    assert snapshot(tmp_path) == {f"post/{name}": data for name, data in new.items()}


def test_when_writing_fails_midway_then_existing_bundles_are_unchanged(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    write(tmp_path, "a", generated("a"))
    write(tmp_path, "b", generated("b"))
    before = snapshot(tmp_path)
    real_write = Path.write_bytes

    def fail_on_b(self: Path, data: bytes):
        if self.parent.name.startswith(".b."):
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(self))
        return real_write(self, data)

    monkeypatch.setattr(Path, "write_bytes", fail_on_b)
    with pytest.raises(bundles.WriteFailed, match="No space left on device"):
        bundles.write_bundles(tmp_path, {"a": generated("a", "changed"), "b": generated("b", "changed")})
    assert snapshot(tmp_path) == before
    assert sorted(path.name for path in tmp_path.iterdir()) == ["a", "b"]


def test_stale_bundles_are_only_generated_ones_whose_notebook_is_gone(tmp_path: Path):
    write(tmp_path, "kept", generated("kept"))
    write(tmp_path, "gone", generated("gone"))
    (tmp_path / "hand").mkdir()
    (tmp_path / "hand" / "index.md").write_text(HAND_WRITTEN)
    (tmp_path / "single.md").write_text(HAND_WRITTEN)
    assert bundles.stale_bundles(tmp_path, {"kept"}) == [tmp_path / "gone"]


def test_removing_a_bundle_deletes_only_the_files_the_pipeline_recorded(tmp_path: Path):
    write(tmp_path, "gone", generated("gone", figures={"cell-2-1.png": b"png"}))
    bundles.remove_bundle(tmp_path / "gone")
    assert not (tmp_path / "gone").exists()
    write(tmp_path, "kept", generated("kept"))
    (tmp_path / "kept" / "notes.txt").write_text("mine")
    bundles.remove_bundle(tmp_path / "kept")
    assert snapshot(tmp_path) == {"kept/notes.txt": b"mine"}


def attached(slug: str, files: dict[str, bytes], inputs: dict[str, str] | None = None) -> dict[str, bytes]:
    """Return the files of a generated bundle with files copied from beside the notebook (in subfolders too)."""
    post = Post(slug, {"title": slug, "date": dt.date(2024, 1, 1)}, [Markdown(2, "Body")], attachments=files, inputs=inputs or {})
    return post_to_files(post, f"notebooks/{slug}", "sha256:1")


def test_files_in_subfolders_are_written_recorded_and_removed_with_their_folders(tmp_path: Path):
    write(tmp_path, "post", attached("post", {"images/a/x.png": b"png", "data.csv": b"1,2\n"}))
    assert snapshot(tmp_path / "post").keys() == {"index.md", "images/a/x.png", "data.csv"}
    assert bundles.generated_data(tmp_path / "post")["files"] == ["data.csv", "images/a/x.png"]
    assert bundles.is_up_to_date(tmp_path / "post", "sha256:1")
    bundles.remove_bundle(tmp_path / "post")
    assert not (tmp_path / "post").exists()


def test_a_foreign_file_in_a_subfolder_of_a_generated_bundle_is_found_and_kept(tmp_path: Path):
    write(tmp_path, "post", attached("post", {"images/x.png": b"png"}))
    (tmp_path / "post" / "images" / "mine.png").write_bytes(b"mine")
    with pytest.raises(ContentError) as caught:
        bundles.check_writable(tmp_path, "post", "notebooks/post.ipynb")
    assert caught.value.message == f"{tmp_path / 'post'}/ holds files the pipeline did not write: images/mine.png"
    bundles.remove_bundle(tmp_path / "post")
    assert snapshot(tmp_path) == {"post/images/mine.png": b"mine"}


def test_a_bundle_is_up_to_date_only_while_its_inputs_hash_the_same(tmp_path: Path):
    write(tmp_path, "post", attached("post", {}, inputs={"data.csv": "sha256:a", "_helper.py": "sha256:b"}))
    bundle = tmp_path / "post"
    assert bundles.is_up_to_date(bundle, "sha256:1", {"data.csv": "sha256:a", "_helper.py": "sha256:b"})
    assert not bundles.is_up_to_date(bundle, "sha256:1", {"data.csv": "sha256:c", "_helper.py": "sha256:b"})
    assert not bundles.is_up_to_date(bundle, "sha256:1", {"data.csv": "sha256:a"})
    assert bundles.changed_inputs(bundle, {"data.csv": "sha256:c", "new.csv": "sha256:d"}) == ["_helper.py", "data.csv", "new.csv"]
