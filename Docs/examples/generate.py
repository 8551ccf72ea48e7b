"""Generates the example inputs under Docs/examples/<regulation>/ from the ready regulations.

Deterministic (fixed seed per regulation): run `python3 Docs/examples/generate.py` from the project
root to recreate them. Marks respect every criterion's scale; entries' skills differ so that the
protocols have clear winners, plus a deliberate tie or withdrawal where a regulation needs one.
"""
import csv
import os
import random
from fractions import Fraction

import yaml

ROOT = os.path.dirname(os.path.abspath(__file__))
REGULATIONS = os.path.join(ROOT, "..", "..", "Database", "regulations")

NAMES = ["Анна Петрова", "Илья Смирнов", "Мария Ким", "Олег Власов", "Дарья Лунина", "Пётр Орлов",
         "Софья Грин", "Ксения Белова", "Максим Дорохов", "Елена Шульц", "Артём Ли", "Вера Зуева"]
ORGS = ["МБОУ СОШ № 1", "МБОУ СОШ № 2", "МБОУ СОШ № 3", "МБОУ лицей № 1", "МБДОУ № 7", "МБУ «Темп»",
        "МБДОУ № 12", "МБОУ СОШ № 9", "МБУ ДО «Натуралист»", "МБОУ СОШ № 5", "МБДОУ № 3", "МБОУ СОШ № 8"]
TEAMS = ["«Импульс»", "«Навигаторы»", "«Педагогический спецназ»", "«Горизонт»", "«Созвездие»"]

PLANS = {
    # regulation file: (entries per nomination, jurors, withdrawn entry ids)
    "vozhatyi-goda": (7, 5, {"E07"}),
    "lidery-obrazovaniya": (5, 5, set()),
    "luchshii-pedagog-nastavnik": (4, 3, set()),
    "luchshaya-organizaciya-nastavnichestva": (4, 4, set()),
    "luchshii-molodoi-specialist": (6, 5, {"E06"}),
    "formula-uspeha": (4, 3, set()),
    "nedelya-master-klassov": (5, 2, set()),
}


def mark(criterion, skill, rng):
    low, high = Fraction(str(criterion.get("min", 0))), Fraction(str(criterion["max"]))
    step = Fraction(str(criterion.get("step", 1)))
    value = low + (high - low) * Fraction(skill).limit_denominator(100) + (high - low) * Fraction(rng.randint(-15, 15), 100)
    value = max(low, min(high, low + round((value - low) / step) * step))
    return str(float(value)).rstrip("0").rstrip(".") if value.denominator != 1 else str(value.numerator)


def generate(name, plan):
    count, jurors, withdrawn = plan
    regulation = yaml.safe_load(open(os.path.join(REGULATIONS, name + ".yaml")))
    rng = random.Random(name)
    folder = os.path.join(ROOT, name)
    os.makedirs(folder, exist_ok=True)
    nominations = [n["id"] for n in regulation["nominations"]]
    several = len(nominations) > 1
    entries, index = [], 0
    for nomination in nominations:
        for _ in range(count):
            index += 1
            entry_id = f"E{index:02d}"
            kind = next(n for n in regulation["nominations"] if n["id"] == nomination).get("entry", "person")
            title = TEAMS[(index - 1) % len(TEAMS)] if kind == "team" else ORGS[(index - 1) % len(ORGS)] if kind == "organisation" \
                else NAMES[(index - 1) % len(NAMES)]
            entries.append((entry_id, title, ORGS[(index - 1) % len(ORGS)], "withdrawn" if entry_id in withdrawn else "ok", nomination))
    with open(os.path.join(folder, "entries.csv"), "w", newline="") as f:
        writer = csv.writer(f)
        writer.writerow(["entry", "name", "organisation", "status"] + (["nomination"] if several else []))
        for entry in entries:
            writer.writerow(list(entry[:4]) + ([entry[4]] if several else []))
    trials = [(stage["id"], trial) for stage in regulation["stages"] for trial in stage["trials"]]
    attempts_column = any(trial.get("attempts", 1) > 1 for _, trial in trials)
    components = ["skorost"] if name == "lidery-obrazovaniya" else []
    header = ["entry", "juror", "trial", "criterion", "score"] + (["attempt"] if attempts_column else []) \
        + [f"extra:{c}" for c in components]
    rows = []
    for position, (entry_id, *_rest) in enumerate(entries):
        if entry_id in withdrawn:
            continue
        skill = 0.9 - 0.08 * (position % count) + rng.uniform(-0.03, 0.03)
        for _, trial in trials:
            for attempt in range(1, trial.get("attempts", 1) + 1):
                bonus = str(rng.choice([0, 0.5, 1])) if components and trial["id"] == "kvest" else ""
                for juror in range(1, jurors + 1):
                    for criterion in trial["criteria"]:
                        row = [entry_id, f"J{juror}", trial["id"], criterion["id"], mark(criterion, skill, rng)]
                        if attempts_column:
                            row.append(str(attempt))
                        rows += [row + [bonus if components else None][: len(components)]]
    with open(os.path.join(folder, "scores.csv"), "w", newline="") as f:
        writer = csv.writer(f)
        writer.writerow(header)
        writer.writerows(rows)


if __name__ == "__main__":
    for name, plan in PLANS.items():
        generate(name, plan)
