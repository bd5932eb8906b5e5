"""``checker waive`` and what a run says about waived findings."""

from __future__ import annotations

import json
from datetime import date, timedelta
from pathlib import Path

import yaml

from tests.cli_run import run_cli
from tests.conftest import SEEDS

SEED_001 = SEEDS / "001_c639ab8258987249.txt"


def _waive(target: Path, expires: date, *extra: str) -> tuple[int, str, str]:
    return run_cli("waive", str(SEED_001), "--rule", "content.foreign_place", "--evidence", "龙岗",
                   "--reviewer", "张三", "--reason", "经核实为引用的经验做法", "--expires", expires.isoformat(),
                   "--waivers", str(target), "--ruleset", "national", *extra)


def test_an_expiry_in_the_past_is_refused(tmp_path: Path) -> None:
    target = tmp_path / "waivers.yaml"
    code, out, err = _waive(target, date.today() - timedelta(days=1))
    assert code == 2 and not target.exists(), out
    assert "到期日" in err and "已过" in err and len(err.strip().splitlines()) == 1


def test_waiving_the_same_finding_twice_keeps_one_entry(tmp_path: Path) -> None:
    target = tmp_path / "waivers.yaml"
    later = date.today() + timedelta(days=30)
    code, _, err = _waive(target, later)
    assert code == 0, err
    first = yaml.safe_load(target.read_text(encoding="utf-8"))["waivers"]
    code, out, err = _waive(target, later)
    assert code == 0, err
    entries = yaml.safe_load(target.read_text(encoding="utf-8"))["waivers"]
    prints = [(e["fingerprint"], e["rule"]) for e in entries]
    assert len(prints) == len(set(prints)) == len(first) >= 1
    assert "已存在" in out


def test_terminal_and_json_say_how_many_were_waived(tmp_path: Path) -> None:
    target = tmp_path / "waivers.yaml"
    assert _waive(target, date.today() + timedelta(days=30))[0] == 0
    _, out, _ = run_cli("check", str(SEED_001), "--format", "json", "--ruleset", "national", "--waivers", str(target))
    report = json.loads(out)["reports"][0]
    assert report["waived"] == 1
    _, out, _ = run_cli("check", str(SEED_001), "--ruleset", "national", "--waivers", str(target))
    assert "已豁免 1 个问题" in out
    _, out, _ = run_cli("check", str(SEED_001), "--ruleset", "national", "--waivers", str(target), "--lang", "en")
    assert "1 waived" in out


def test_who_accepted_a_finding_is_worded_in_the_users_language(tmp_path: Path) -> None:
    """The waiver's reviewer, reason and expiry travel as values; SARIF's justification words them."""
    target = tmp_path / "waivers.yaml"
    assert _waive(target, date(2999, 1, 31))[0] == 0
    justifications = {}
    for lang in ("zh", "en"):
        _, out, _ = run_cli("check", str(SEED_001), "--format", "sarif", "--ruleset", "national",
                            "--waivers", str(target), "--lang", lang)
        justifications[lang] = [s["justification"] for r in json.loads(out)["runs"][0]["results"]
                                for s in r.get("suppressions", ())]
    assert justifications["zh"] == ["张三：经核实为引用的经验做法（至2999-01-31）"]
    assert justifications["en"] == ["张三: 经核实为引用的经验做法 (until 2999-01-31)"]
