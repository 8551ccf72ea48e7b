"""Writes the benchmark input: ENTRIES entries × JURORS jurors × CRITERIA criteria marks (CSV) and the
matching regulation. Default 10,000 × 50 × 10 = 5,000,000 marks (about 110 MB).

    python3 Benchmarks/generate_marks.py OUT_DIR [ENTRIES JURORS CRITERIA]
"""
import os
import random
import sys

out = sys.argv[1]
entries, jurors, criteria = (int(x) for x in (sys.argv[2:5] if len(sys.argv) >= 5 else (10_000, 50, 10)))
os.makedirs(out, exist_ok=True)
rng = random.Random(20261129)

with open(os.path.join(out, "regulation.yaml"), "w") as f:
    f.write(f"""format: konkurs/1
contest: Нагрузочный тест
edition: "bench"
rounding: {{step: 0.01, mode: half_up, apply: [aggregate, end]}}
nominations:
  - {{id: main, title: Основная, minimum_entrants: 1}}
stages:
  - id: s1
    title: Этап
    trials:
      - id: t
        title: Испытание
        across_jurors: {{method: trimmed_mean, trim: 1, minimum_panel: 3, apply_to: criterion}}
        criteria:
""")
    for c in range(criteria):
        f.write(f"          - {{id: c{c}, title: Критерий {c}, min: 0, max: 10, step: 0.5}}\n")
    f.write("result:\n  ties: [shared]\n")

marks = [f"{x / 2:g}" for x in range(21)]
with open(os.path.join(out, "scores.csv"), "w") as f:
    f.write("entry,juror,criterion,score\n")
    for e in range(entries):
        skill = rng.randint(4, 16)
        lines = []
        for j in range(jurors):
            for c in range(criteria):
                lines.append(f"E{e:05d},J{j:02d},c{c},{marks[max(0, min(20, skill + rng.randint(-4, 4)))]}\n")
        f.write("".join(lines))
