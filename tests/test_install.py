"""The checker as users install it: a wheel in a clean venv outside the repository, and the pre-commit hook.

Nothing here uses the network: ``make dev`` keeps a wheelhouse of every dependency in ``.venv/wheelhouse``
and pip is pointed at it with ``--no-index``. The venvs live in a temporary folder and never see this
checkout: what they run is what a user gets from ``pip install``/``pipx install``/pre-commit.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT, SEEDS

WHEELHOUSE = ROOT / ".venv" / "wheelhouse"
EXAMPLES = ROOT / "examples"
FAILING = EXAMPLES / "福田区示例服务局2024年法治政府建设年度报告.txt"
PASSING = EXAMPLES / "福田区示例街道2024年法治政府建设年度报告.txt"


def _offline_env(**extra: str) -> dict[str, str]:
    """pip resolves every package from the wheelhouse and never asks an index."""
    if not WHEELHOUSE.is_dir():
        pytest.fail(f"{WHEELHOUSE} is missing: run `make dev` (the install tests need its offline wheelhouse)")
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PIP_", "VIRTUAL_ENV", "PYTHONPATH", "CHECKER_MODEL_DIR"))}
    env.update(PIP_NO_INDEX="1", PIP_FIND_LINKS=str(WHEELHOUSE), PIP_DISABLE_PIP_VERSION_CHECK="1",
               PIP_CONFIG_FILE=os.devnull, **extra)
    return env


def _source_snapshot(dest: Path) -> Path:
    """The working tree as a user would clone it: tracked and new (not ignored) files, no .venv, no caches."""
    files = subprocess.run(["git", "ls-files", "-co", "--exclude-standard", "-z"], cwd=ROOT, check=True,
                           capture_output=True).stdout.decode().split("\0")
    for name in filter(None, files):
        source = ROOT / name
        if source.is_file():
            (dest / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, dest / name)
    return dest


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A wheel built from the source (isolated build, as pip/pipx do) and installed into a fresh venv."""
    base = tmp_path_factory.mktemp("install")
    source = _source_snapshot(base / "src")
    subprocess.run([sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "-w", str(base / "dist"), str(source)],
                   check=True, env=_offline_env(), cwd=base, capture_output=True)
    wheel = next((base / "dist").glob("checker-*.whl"))
    venv = base / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    subprocess.run([str(venv / "bin" / "python"), "-m", "pip", "install", "-q", str(wheel)], check=True,
                   env=_offline_env(), cwd=base, capture_output=True)
    return venv


def _run(venv: Path, *args: str, cwd: Path, **env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(venv / "bin" / "checker"), *args], cwd=cwd, env=_offline_env(**env),
                          capture_output=True, text=True, timeout=300)


@pytest.mark.parametrize("ruleset", ["national", "shenzhen"])
def test_wheel_in_clean_venv_checks_a_seed_with_each_builtin_checklist(installed: Path, tmp_path: Path,
                                                                       ruleset: str) -> None:
    seed = next(SEEDS.glob("001_*.txt"))
    proc = _run(installed, "check", str(seed), "--ruleset", ruleset, "-f", "json", cwd=tmp_path)
    assert proc.returncode in (0, 1), proc.stderr
    report = json.loads(proc.stdout)["reports"][0]
    assert report["ruleset"] == ruleset
    assert report["org"] == "坡头区民政局"
    required = {s["id"] for s in report["sections"] if s["required"]}
    assert {"measures", "shortfalls", "next_year_plan"} <= required
    assert ("prior_rectification" in required) == (ruleset == "shenzhen")  # a Shenzhen addition


def test_wheel_lists_its_checklists_and_version(installed: Path, tmp_path: Path) -> None:
    rules = _run(installed, "rules", cwd=tmp_path)
    assert rules.returncode == 0, rules.stderr
    assert "national" in rules.stdout and "shenzhen" in rules.stdout
    version = _run(installed, "--version", cwd=tmp_path)
    assert version.returncode == 0
    assert version.stdout.strip() == "checker 0.1.0"


def test_missing_model_names_the_command_for_this_environment(installed: Path, tmp_path: Path) -> None:
    proc = _run(installed, "check", str(PASSING), cwd=tmp_path, XDG_CACHE_HOME=str(tmp_path / "empty-cache"))
    assert proc.returncode == 2
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1, proc.stderr
    assert f"{installed / 'bin' / 'python'} -m checker.setup_model" in lines[0]
    assert "make setup" not in lines[0]


def _git(repo: Path, *args: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(["git", *args], cwd=repo, env=env, capture_output=True, text=True, timeout=600)


def test_pre_commit_hook_refuses_a_failing_report_and_accepts_a_passing_one(tmp_path: Path) -> None:
    env = _offline_env(PRE_COMMIT_HOME=str(tmp_path / "pre-commit-home"), GIT_AUTHOR_NAME="t",
                       GIT_AUTHOR_EMAIL="t@example.invalid", GIT_COMMITTER_NAME="t",
                       GIT_COMMITTER_EMAIL="t@example.invalid", GIT_CONFIG_GLOBAL=os.devnull,
                       PATH=f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}")
    hook_repo = _source_snapshot(tmp_path / "checker-src")
    for args in (["init", "-q"], ["add", "-A"], ["commit", "-q", "-m", "snapshot"]):
        assert _git(hook_repo, *args, env=env).returncode == 0
    rev = _git(hook_repo, "rev-parse", "HEAD", env=env).stdout.strip()

    work = tmp_path / "drafts"
    work.mkdir()
    _git(work, "init", "-q", env=env)
    (work / ".pre-commit-config.yaml").write_text(
        f"repos:\n  - repo: {hook_repo}\n    rev: {rev}\n    hooks:\n      - id: checker\n", encoding="utf-8")
    (work / "notes.txt").write_text("会议纪要，不是报告。\n", encoding="utf-8")  # not a report: not checked
    assert _git(work, "add", "-A", env=env).returncode == 0
    install = subprocess.run([sys.executable, "-m", "pre_commit", "install"], cwd=work, env=env,
                             capture_output=True, text=True)
    assert install.returncode == 0, install.stdout + install.stderr
    first = _git(work, "commit", "-q", "-m", "config", env=env)
    assert first.returncode == 0, first.stdout + first.stderr

    shutil.copy(FAILING, work / FAILING.name)
    _git(work, "add", "-A", env=env)
    refused = _git(work, "commit", "-m", "failing draft", env=env)
    out = refused.stdout + refused.stderr
    assert refused.returncode != 0, out
    assert "结论：✗ 未通过" in out and "content.placeholder" in out
    assert "::error" not in out  # terminal output, not GitHub annotations
    assert "Traceback" not in out

    _git(work, "rm", "-q", "--cached", FAILING.name, env=env)
    (work / FAILING.name).unlink()
    shutil.copy(PASSING, work / PASSING.name)
    _git(work, "add", "-A", env=env)
    accepted = _git(work, "commit", "-m", "passing draft", env=env)
    assert accepted.returncode == 0, accepted.stdout + accepted.stderr
    assert "法治政府建设年度报告检查" in accepted.stdout + accepted.stderr
