#!/usr/bin/env python3
"""Builds a project and records its public API changes in PublicAPI.Unshipped.txt.

Adds the symbols RS0016 reports as undeclared and drops the ones RS0017 reports as gone, so the diff of
PublicAPI.Unshipped.txt shows every change to the public surface in review.
Usage: eng/sync-public-api.py src/Credentials.Core
"""
import pathlib
import re
import subprocess
import sys

project = pathlib.Path(sys.argv[1])
build = subprocess.run(["dotnet", "build", str(project), "-nologo", "-clp:NoSummary"], capture_output=True, text=True)
added = set(re.findall(r"error RS0016: Symbol '(.+?)' is not part of the declared public API", build.stdout))
removed = set(re.findall(r"error RS0017: Symbol '(.+?)' is part of the declared API", build.stdout))
unshipped = project / "PublicAPI.Unshipped.txt"
lines = [l for l in unshipped.read_text().splitlines() if l and l != "#nullable enable"]
lines = sorted((set(lines) | added) - removed)
unshipped.write_text("#nullable enable\n" + "".join(l + "\n" for l in lines))
print(f"{len(added)} added, {len(removed)} removed")
