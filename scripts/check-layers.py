#!/usr/bin/env python3
"""The build's arrows between layers: every `import` in a target's sources names a module the target
declares in Package.swift (a target or a product), or one of the toolchain's. SwiftPM lets a target
import whatever another dependency happens to pull in (Web could import Store through Service);
`--explicit-target-dependency-import-check` does not catch that with this toolchain on Linux, so
this check does, and `scripts/test.sh` fails when it finds one. Exit 1 lists each stray import."""
import json
import os
import re
import subprocess
import sys

TOOLCHAIN = {"Foundation", "FoundationEssentials", "Dispatch", "Glibc", "Darwin", "Synchronization", "Testing", "XCTest", "_Concurrency"}

root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
package = json.loads(subprocess.run(["swift", "package", "dump-package"], cwd=root, check=True, capture_output=True, text=True).stdout)
problems = []
for target in package["targets"]:
    folder = target.get("path") or os.path.join("Tests" if target["type"] == "test" else "Sources", target["name"])
    declared = set(TOOLCHAIN) | {target["name"]}
    for dependency in target["dependencies"]:
        kind, value = next(iter(dependency.items()))
        declared.add(value[0])
    for directory, _, files in os.walk(os.path.join(root, folder)):
        for name in files:
            if not name.endswith(".swift"):
                continue
            path = os.path.join(directory, name)
            for number, line in enumerate(open(path, encoding="utf-8"), 1):
                found = re.match(r"^\s*(?:@testable\s+|@_exported\s+|public\s+|package\s+|internal\s+)?import\s+(?:struct\s+|enum\s+|class\s+|protocol\s+|func\s+)?(\w+)", line)
                if found and found.group(1) not in declared:
                    problems.append(f"{os.path.relpath(path, root)}:{number}: {target['name']} imports {found.group(1)}, which it does not declare in Package.swift")
if problems:
    print("Слои: импорт без зависимости в Package.swift:", *problems, sep="\n  ", file=sys.stderr)
    sys.exit(1)
print(f"Слои: импорты {len(package['targets'])} целей совпадают с их зависимостями")
