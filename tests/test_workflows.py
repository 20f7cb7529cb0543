"""The GitHub Actions workflows: valid against GitHub's schema offline, and running the README's commands."""

from __future__ import annotations

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


def test_ci_runs_the_readme_test_command_in_every_shard():
    ci = load(CI)
    command = readme_test_command()
    test_runs = [run for run in run_commands(ci) if run.startswith(command + " ") or run == command]
    assert len(test_runs) == 1
    assert test_runs[0].startswith('make test PYTEST_ARGS="--splits 3 --group ${{ matrix.group }} ')


def test_ci_entry_point_script_runs_the_readme_test_command():
    lines = (ROOT / ".ci" / "run").read_text(encoding="utf-8").splitlines()
    assert readme_test_command() in [line.strip() for line in lines]


def test_ci_runs_on_push_and_pull_request():
    assert set(load(CI)[True]) == {"push", "pull_request"}


def test_ci_has_one_matrix_shard_per_split():
    ci = load(CI)
    groups = ci["jobs"]["test"]["strategy"]["matrix"]["group"]
    splits = int(re.search(r"--splits (\d+)", "\n".join(run_commands(ci))).group(1))
    assert groups == list(range(1, splits + 1))
    assert ci["jobs"]["test"]["strategy"]["fail-fast"] is False


def test_ci_caches_pip_and_the_virtualenv_on_the_pinned_requirements():
    cache = next(step for step in steps(load(CI), "test") if step.get("uses", "").startswith("actions/cache@"))
    assert cache["with"]["path"].split() == ["~/.cache/pip", ".venv"]
    assert "${{ hashFiles('requirements.txt') }}" in cache["with"]["key"]


def test_ci_runs_python_311_with_debians_chromium():
    ci = load(CI)
    assert ci["jobs"]["test"]["container"] == "python:3.11-bookworm"
    assert any("apt-get install" in run and " chromium" in run for run in run_commands(ci))


def test_ci_installs_debians_node_and_npm_for_make_tests_npm_ci():
    assert any("apt-get install" in run and " nodejs npm" in run for run in run_commands(load(CI)))
    assert "packages+=(nodejs npm)" in (ROOT / ".ci" / "run").read_text(encoding="utf-8")


def test_ci_uploads_the_junit_reports_and_screenshots_even_when_tests_fail():
    uploads = [step for step in steps(load(CI), "test") if step.get("uses", "").startswith("actions/upload-artifact@")]
    assert {step["with"]["path"] for step in uploads} == {"artifacts/junit/", "artifacts/screenshots/"}
    assert all(step["if"] == "always()" for step in uploads)


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
