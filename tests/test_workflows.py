"""The GitHub Actions workflows: valid against GitHub's schema offline, and running the README's commands."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
WORKFLOWS = ROOT / ".github" / "workflows"
CI = WORKFLOWS / "ci.yml"
PAGES = WORKFLOWS / "pages.yml"

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


def steps(workflow: dict, job: str) -> list[dict]:
    """Return the steps of one job of a workflow."""
    return workflow["jobs"][job]["steps"]


def run_commands(workflow: dict) -> list[str]:
    """Return every `run:` script of every job, one string per step."""
    return [step["run"] for job in workflow["jobs"] for step in steps(workflow, job) if "run" in step]


def uses(workflow: dict, job: str) -> list[str]:
    """Return the actions a job uses, in order, as `owner/name@version`."""
    return [step["uses"] for step in steps(workflow, job) if "uses" in step]


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
    (run,) = [step for step in steps(ci, "test") if step.get("run") == "bash .ci/run"]
    groups = ci["jobs"]["test"]["strategy"]["matrix"]["group"]
    splits = int(re.search(r"--splits (\d+)", run["env"]["PYTEST_ARGS"]).group(1))
    assert groups == list(range(1, splits + 1))
    assert "--group ${{ matrix.group }}" in run["env"]["PYTEST_ARGS"]


def test_ci_entry_point_script_runs_the_readme_test_command():
    lines = (ROOT / ".ci" / "run").read_text(encoding="utf-8").splitlines()
    assert readme_test_command() in [line.strip() for line in lines]


def test_make_passes_pytest_args_from_the_environment_to_pytest():
    done = subprocess.run(
        ["make", "-n", "-o", ".venv/.installed", "-o", ".venv-runtime/.installed", "-o", "node_modules/.installed", "test"],
        cwd=ROOT,
        env={**os.environ, "PYTEST_ARGS": "--splits 3 --group 2"},
        capture_output=True,
        text=True,
        check=True,
    )
    assert ".venv/bin/python -m pytest  --splits 3 --group 2" in done.stdout


def test_ci_gathers_the_shards_results_and_fails_if_one_failed():
    results = load(CI)["jobs"]["results"]
    assert results["needs"] == "test"
    assert results["if"] == "always()"
    assert uses(load(CI), "results") == ["actions/download-artifact@v8"]
    verdict = results["steps"][-1]
    assert verdict["if"] == "needs.test.result != 'success'"
    assert verdict["run"].rstrip().endswith("exit 1")


def test_pages_builds_the_site_for_the_pages_address_and_deploys_it():
    pages = load(PAGES)
    assert pages[True]["push"] == {"branches": ["main"]}
    assert "workflow_dispatch" in pages[True]
    assert uses(pages, "build") == [
        "actions/checkout@v7",
        "actions/setup-python@v7",
        "actions/configure-pages@v6",
        "actions/upload-pages-artifact@v5",
    ]
    assert run_commands(pages) == ['make site BASEURL="${{ steps.pages.outputs.base_url }}/"']
    assert steps(pages, "build")[-1]["with"] == {"path": "public"}
    assert uses(pages, "deploy") == ["actions/deploy-pages@v5"]
    assert pages["jobs"]["deploy"]["needs"] == "build"
    assert pages["jobs"]["deploy"]["environment"]["name"] == "github-pages"


def test_pages_permissions_and_concurrency_are_githubs_documented_ones():
    pages = load(PAGES)
    assert pages["permissions"] == {"contents": "read", "pages": "write", "id-token": "write"}
    assert pages["concurrency"] == {"group": "pages", "cancel-in-progress": False}
