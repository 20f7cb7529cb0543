"""The GitHub Actions workflows: valid against GitHub's schema offline, and what their steps run does what CI needs.

The workflows' other lines (actions and their versions, permissions) are GitHub's to judge: the schema checks their
shape, and a version bump needs no change here.
"""

from __future__ import annotations

import os
import re
import shlex
import subprocess
import sys
from pathlib import Path

import yaml

from scripts import hugo

ROOT = Path(__file__).resolve().parent.parent
WORKFLOWS = ROOT / ".github" / "workflows"
CI = WORKFLOWS / "ci.yml"
PAGES = WORKFLOWS / "pages.yml"
# The installed stamps `make` would otherwise bring up to date first: a dry run only prints the test command.
UP_TO_DATE = ["-o", ".venv/.installed", "-o", ".venv/.dev-installed", "-o", ".venv-runtime/.installed", "-o", "node_modules/.installed"]

# check-jsonschema run with every socket connection refused: the builtin schema ships with
# the package, so a validation that tried the network would fail here instead of passing.
OFFLINE_CHECK = """\
import socket, sys
def refuse(*args, **kwargs):
    raise OSError("network disabled: the workflow schema must be validated offline")
socket.socket.connect = refuse
socket.create_connection = refuse
socket.getaddrinfo = refuse
from check_jsonschema import main
sys.argv[0] = "check-jsonschema"
main()
"""


def validate_offline(*paths: Path) -> subprocess.CompletedProcess:
    """Return the finished run of check-jsonschema's GitHub workflow schema over `paths`, network disabled."""
    command = [sys.executable, "-c", OFFLINE_CHECK, "--builtin-schema", "vendor.github-workflows", *map(str, paths)]
    return subprocess.run(command, check=False, capture_output=True, text=True, timeout=60)


def load(path: Path) -> dict:
    """Return a workflow file as data (YAML reads the key `on` as True)."""
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def step(workflow: dict, job: str, name: str) -> dict:
    """Return the step of a job with this name (or, for an unnamed step, this `run` command)."""
    (found,) = [step for step in workflow["jobs"][job]["steps"] if name in (step.get("name"), step.get("run"))]
    return found


def readme_test_command() -> str:
    """Return the README's test command: the `make test` line of its first shell block, without the comment."""
    block = re.search(r"```sh\n(.*?)```", (ROOT / "README.md").read_text(encoding="utf-8"), re.DOTALL).group(1)
    commands = [line.split("#")[0].strip() for line in block.splitlines()]
    return next(command for command in commands if command.startswith("make test"))


def test_both_workflows_validate_against_githubs_schema_without_network():
    result = validate_offline(CI, PAGES)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "ok -- validation done" in result.stdout


def test_a_workflow_with_a_misspelled_key_fails_validation(tmp_path):
    broken = tmp_path / "broken.yml"
    broken.write_text(CI.read_text(encoding="utf-8").replace("runs-on:", "run-on:", 1), encoding="utf-8")
    result = validate_offline(broken)
    assert result.returncode == 1
    assert "broken.yml" in result.stdout


def test_readme_test_command_is_make_test():
    assert readme_test_command() == "make test"


def test_every_ci_shard_runs_the_ci_entry_point_with_its_shard_in_the_environment():
    ci = load(CI)
    run = step(ci, "test", "bash .ci/run")
    groups = ci["jobs"]["test"]["strategy"]["matrix"]["group"]
    splits = int(re.search(r"--splits (\d+)", run["env"]["PYTEST_ARGS"]).group(1))
    assert groups == list(range(1, splits + 1))
    assert "--group ${{ matrix.group }}" in run["env"]["PYTEST_ARGS"]


def test_the_ci_entry_point_runs_the_readme_test_command_with_the_shard_s_arguments(tmp_path):
    # Stand-ins record what .ci/run asks of make, and of apt-get should this machine lack chromium or npm: nothing is installed.
    bin = tmp_path / "bin"
    bin.mkdir()
    for name in ("make", "apt-get", "npm"):
        (bin / name).write_text(f'#!/bin/sh\necho "{name} $* | PYTEST_ARGS=$PYTEST_ARGS" >> {tmp_path / "calls"}\n')
        (bin / name).chmod(0o755)
    shard = "--splits 3 --group 2 --junitxml=artifacts/junit/shard-2.xml"
    # Without pyenv on the PATH: the runtime's Python is the machine's own business here.
    env = {"PATH": f"{bin}{os.pathsep}/usr/bin{os.pathsep}/bin", "PYTEST_ARGS": shard, "HOME": str(tmp_path)}
    result = subprocess.run(["bash", str(ROOT / ".ci" / "run")], env=env, capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stdout + result.stderr
    calls = (tmp_path / "calls").read_text().splitlines()
    assert calls[-1] == f"{readme_test_command()} | PYTEST_ARGS={shard}"


def test_make_test_hands_pytest_args_from_the_environment_to_pytest_after_its_own():
    done = subprocess.run(
        ["make", "-n", *UP_TO_DATE, "test"],
        cwd=ROOT,
        env={**os.environ, "PYTEST_ARGS": "--splits 3 --group 2"},
        capture_output=True,
        text=True,
        check=True,
    )
    (command,) = [shlex.split(line) for line in done.stdout.splitlines() if " -m pytest" in line]
    assert command[:3] == [".venv/bin/python", "-m", "pytest"]
    assert command[-4:] == ["--splits", "3", "--group", "2"]  # last: they override the Makefile's own options


def test_ci_sums_up_the_shards_reports_and_fails_when_a_shard_failed(tmp_path):
    ci = load(CI)
    reports = tmp_path / "junit"
    reports.mkdir()
    for shard, (tests, failures) in enumerate([(5, 0), (7, 2)], start=1):
        suite = f'<testsuite name="pytest" tests="{tests}" failures="{failures}" errors="1" skipped="{shard}"/>'
        (reports / f"shard-{shard}.xml").write_text(f"<testsuites>{suite}</testsuites>", encoding="utf-8")
    summary = step(ci, "results", "Sum up the reports")
    assert summary["shell"] == "python"
    done = subprocess.run([sys.executable, "-c", summary["run"]], cwd=tmp_path, capture_output=True, text=True, check=True)
    assert done.stdout.splitlines() == ["shard-1.xml", "shard-2.xml", "12 tests, 2 failures, 2 errors, 3 skipped"]
    verdict = step(ci, "results", "Fail unless every shard passed")
    assert "needs.test.result != 'success'" in verdict["if"]
    failed = subprocess.run(["bash", "-c", verdict["run"].replace("${{ needs.test.result }}", "failure")], capture_output=True, text=True)
    assert failed.returncode == 1
    assert "result: failure" in failed.stdout


def test_pages_builds_the_site_for_the_pages_address_and_uploads_the_folder_hugo_writes():
    pages = load(PAGES)
    build = next(step for step in pages["jobs"]["build"]["steps"] if "make site" in step.get("run", ""))
    command = build["run"].replace("${{ steps.pages.outputs.base_url }}", "https://someone.github.io/blog")
    done = subprocess.run(["make", "-n", "-o", ".venv/.installed", *shlex.split(command)[1:]], cwd=ROOT, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    (publish,) = [shlex.split(line) for line in done.stdout.splitlines() if "scripts.publish" in line]
    assert publish[-2:] == ["--baseURL", "https://someone.github.io/blog/"]
    (upload,) = [step for step in pages["jobs"]["build"]["steps"] if step.get("uses", "").startswith("actions/upload-pages-artifact@")]
    config = subprocess.run([str(hugo.binary()), "config", "--source", str(ROOT)], capture_output=True, text=True, check=True).stdout
    assert re.search(rf"^publishdir = '{upload['with']['path']}'$", config, re.M)
    deploy = pages["jobs"]["deploy"]
    assert deploy["needs"] == "build"
    assert deploy["steps"][-1]["uses"].startswith("actions/deploy-pages@")
