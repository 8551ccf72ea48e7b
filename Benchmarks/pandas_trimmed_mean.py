"""The pandas baseline for Benchmarks/run.sh: read the marks, trimmed mean per entry and criterion
(dropping one highest and one lowest mark), round to 0.01, sum per entry, rank. Two ways:
`apply` (the natural groupby + function) and `vectorised` (sort once, drop the first and last of each
group by position): the fastest plain pandas we know for this.

    python3 Benchmarks/pandas_trimmed_mean.py scores.csv apply|vectorised
"""
import sys
import time

import numpy as np
import pandas as pd

path, mode = sys.argv[1], sys.argv[2]
started = time.perf_counter()
df = pd.read_csv(path, dtype={"entry": "category", "juror": "category", "criterion": "category", "score": "float64"})
if mode == "apply":
    means = df.groupby(["entry", "criterion"], observed=True)["score"].apply(lambda s: s.sort_values().iloc[1:-1].mean())
else:
    df = df.sort_values(["entry", "criterion", "score"], kind="stable")
    group = df.groupby(["entry", "criterion"], observed=True)["score"]
    position = group.cumcount()
    size = group.transform("size")
    kept = df[(position > 0) & (position < size - 1)]
    means = kept.groupby(["entry", "criterion"], observed=True)["score"].mean()
# Half-up to 0.01 (floating point, as pandas users do), then totals and places.
means = np.floor(means * 100 + 0.5) / 100
totals = means.groupby(level=0, observed=True).sum().sort_values(ascending=False)
places = totals.rank(method="min", ascending=False)
elapsed = time.perf_counter() - started
print(f"{mode}: {elapsed:.2f} s, {len(totals)} entries, winner {totals.index[0]} {totals.iloc[0]:.2f}")
