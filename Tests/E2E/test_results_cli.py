"""`konkurs results compute` and `konkurs regulation check` as a counting commission uses them."""
import json
import os
import subprocess

from konkurs_process import BINARY
from conftest import konkurs

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
REGULATION = os.path.join(ROOT, "Database", "regulations", "vozhatyi-goda.yaml")
EXAMPLE = os.path.join(ROOT, "Docs", "examples", "vozhatyi-goda")


def test_compute_writes_a_json_protocol_with_places_awards_and_input_hashes(tmp_path):
    out = tmp_path / "protocol.json"
    result = konkurs(None, "results", "compute", "--regulation", REGULATION, "--scores", os.path.join(EXAMPLE, "scores.csv"),
                     "--entries", os.path.join(EXAMPLE, "entries.csv"), "--out", str(out))
    assert result.returncode == 0, result.stderr
    protocol = json.loads(out.read_text())
    entries = protocol["nominations"][0]["entries"]
    assert entries[0]["entry"] == "E01" and entries[0]["place"] == 1 and entries[0]["award"] == "winner"
    assert entries[0]["total"] == "89.17"
    assert entries[-1]["status"] == "withdrawn" and entries[-1]["place"] is None
    assert [i["role"] for i in protocol["inputs"]] == ["regulation", "scores", "entries"]
    assert all(len(i["sha256"]) == 64 for i in protocol["inputs"])


def test_every_format_is_deterministic(tmp_path):
    for fmt in ["json", "csv", "md", "html"]:
        outputs = [konkurs(None, "results", "compute", "--regulation", REGULATION, "--scores", os.path.join(EXAMPLE, "scores.csv"),
                           "--entries", os.path.join(EXAMPLE, "entries.csv"), "--format", fmt).stdout for _ in range(2)]
        assert outputs[0] == outputs[1] and outputs[0], fmt
    html = outputs[0]
    assert html.startswith("<!DOCTYPE html>") and "Анна Петрова" in html


def test_bad_marks_are_listed_with_lines_and_nothing_is_written(tmp_path):
    scores = tmp_path / "scores.csv"
    scores.write_text("entry,juror,trial,criterion,score\nE1,J1,portfolio,opyt,11\nE1,J1,portfolio,opyt,abc\nE1,J1,portfolio,nope,3\n")
    out = tmp_path / "protocol.json"
    result = konkurs(None, "results", "compute", "--regulation", REGULATION, "--scores", str(scores), "--out", str(out))
    assert result.returncode != 0
    assert f"{scores}:2: оценка 11 вне шкалы критерия «opyt»" in result.stderr
    assert f"{scores}:3: оценка «abc» не число" in result.stderr
    assert f"{scores}:4: критерий «nope» не объявлен в испытании «portfolio»" in result.stderr
    assert not out.exists()
    assert result.stdout == ""


def test_regulation_check_summarises_good_files_and_locates_mistakes(tmp_path):
    broken = tmp_path / "broken.yaml"
    broken.write_text(open(REGULATION).read().replace("method: trimmed_mean", "method: olympic", 1))
    result = konkurs(None, "regulation", "check", REGULATION, str(broken))
    assert result.returncode != 0
    assert "vozhatyi-goda.yaml: Вожатый года, 2026: номинаций 1, этапов 2, испытаний 4, критериев 13 — в порядке" in result.stdout
    line = next(number for number, text in enumerate(open(REGULATION), 1) if "method: trimmed_mean" in text)
    assert f"{broken}:{line}: stages[0].trials[0].across_jurors.method: неизвестное значение «olympic»" in result.stderr


def test_missing_files_are_named():
    result = konkurs(None, "results", "compute", "--regulation", "/nonexistent/R.yaml", "--scores", "/nonexistent/S.csv")
    assert result.returncode != 0
    assert "не удаётся прочитать /nonexistent/R.yaml: файл не найден" in result.stderr
