"""`konkurs jury …` and `konkurs scores …` against a running demo service of its own: the panel, paper
marks checked as a whole before anything is written, the board, and a stage that will not close early."""
import subprocess

import pytest
import requests

from konkurs_process import BINARY, Service
from conftest import konkurs


@pytest.fixture(scope="module")
def demo():
    running = Service().start()
    running.wait_ready()
    yield running
    assert running.interrupt() == 0


def test_paper_marks_the_board_and_an_early_close(demo, tmp_path):
    contests = requests.get(f"{demo.url}/api/v1/contests", timeout=10).json()
    contest = next(c for c in contests if c["phase"] == "stage_active")["id"]
    panels = konkurs(demo, "jury", "panel-list", "--contest", str(contest))
    assert panels.returncode == 0, panels.stderr
    assert "приказ № 45-од" in panels.stdout and "demo-chair" in panels.stdout

    token = requests.post(f"{demo.url}/api/v1/auth/login", json={"login": "demo-juror", "password": "konkurs-demo-juror"}, timeout=10).json()["token"]
    work = requests.get(f"{demo.url}/api/v1/jury/work", headers={"Authorization": f"Bearer {token}"}, timeout=10).json()
    applications = [item["application_id"] for item in work]
    assert applications, "the demo juror has work waiting"
    criteria = ["rezultativnost", "tirazhiruemost", "masshtabiruemost", "unikalnost", "dostizheniya", "rasprostranenie"]
    lines = ["entry,juror,trial,criterion,score"] + [
        f"{application},demo-juror,portfolio,{criterion},{mark}"
        for application in applications for criterion, mark in zip(criteria, ["14", "12", "11", "15", "3.5", "1"])]
    bad = tmp_path / "bad.csv"
    bad.write_text("\n".join(lines[:-1] + [lines[-1].replace(",1", ",7")]) + "\n")
    refused = konkurs(demo, "scores", "import", str(contest), str(bad))
    assert refused.returncode != 0
    assert f"{bad}:{len(lines)}: оценка 7 вне шкалы критерия «rasprostranenie»" in refused.stderr
    work_after = requests.get(f"{demo.url}/api/v1/jury/work", headers={"Authorization": f"Bearer {token}"}, timeout=10).json()
    assert all(trial["status"] == "empty" for item in work_after for trial in item["trials"]), "nothing written from a bad file"

    good = tmp_path / "paper.csv"
    good.write_text("\n".join(lines) + "\n")
    imported = konkurs(demo, "scores", "import", str(contest), str(good))
    assert imported.returncode == 0, imported.stderr
    assert imported.stdout.strip() == f"Внесено и сдано листов: {len(applications)}."
    again = konkurs(demo, "scores", "import", str(contest), str(good))
    assert again.returncode != 0 and "уже сдан" in again.stderr

    board = konkurs(demo, "scores", "board", str(contest))
    assert "Демо: член жюри\t%d из %d" % (len(applications), len(applications)) in board.stdout
    assert "сданы не все листы" in board.stdout  # the chair has not scored yet

    early = konkurs(demo, "contest", "transition", str(contest), "stage_scored")
    assert early.returncode != 0 and "нельзя закрыть: не сдано листов" in early.stderr


def test_the_database_and_the_offline_computation_give_the_same_bytes(demo, tmp_path):
    contests = requests.get(f"{demo.url}/api/v1/contests", timeout=10).json()
    contest = str(next(c for c in contests if c["phase"] == "stage_active")["id"])
    wrong = tmp_path / "wrong.yaml"
    wrong.write_text("special_prizes:\n  - {nomination: nastavnik, entry: '999999', prize: Приз}\n")
    refused = konkurs(demo, "results", "decisions", "--contest", contest, str(wrong))
    assert refused.returncode != 0 and "999999" in refused.stderr
    decisions = tmp_path / "decided.yaml"
    decisions.write_text("ties: []\nspecial_prizes: []\n")
    recorded = konkurs(demo, "results", "decisions", "--contest", contest, str(decisions))
    assert recorded.returncode == 0, recorded.stderr
    from_database = konkurs(demo, "results", "compute", "--contest", contest, "--out", str(tmp_path / "db.json"))
    assert from_database.returncode == 0, from_database.stderr
    exported = konkurs(demo, "results", "export", "--contest", contest, "--dir", str(tmp_path))
    assert exported.returncode == 0, exported.stderr
    offline = subprocess.run(
        [BINARY, "results", "compute", "--regulation", str(tmp_path / "regulation.yaml"), "--scores", str(tmp_path / "scores.csv"),
         "--entries", str(tmp_path / "entries.csv"), "--decisions", str(tmp_path / "decisions.yaml"), "--out", str(tmp_path / "offline.json")],
        capture_output=True, text=True, timeout=60)
    assert offline.returncode == 0, offline.stderr
    database_bytes = (tmp_path / "db.json").read_bytes()
    assert database_bytes == (tmp_path / "offline.json").read_bytes()
    token = requests.post(f"{demo.url}/api/v1/auth/login", json={"login": "demo-secretary", "password": "konkurs-demo-secretary"}, timeout=10).json()["token"]
    api = requests.get(f"{demo.url}/api/v1/contests/{contest}/results", headers={"Authorization": f"Bearer {token}"}, timeout=30)
    assert api.status_code == 200 and api.content == database_bytes
    protocol = api.json()
    assert protocol["nominations"][0]["entries"], "the submitted sheets are in the protocol"
