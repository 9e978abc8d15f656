"""One result row (tab-separated): name rep wall_ms suites_ms tests rc failures.

The suites' time is the sum of the `time` of every Surefire TEST-*.xml <testsuite>, or, for
pytest, the seconds of its closing line ("2000 passed in 5.83s")."""
import glob
import os
import re
import sys
import xml.etree.ElementTree as ET

name, rep, wall, rc, where = sys.argv[1:6]
tests = failures = 0
secs = 0.0
if where.startswith("pytest:"):
    line = where[len("pytest:"):]
    m = re.search(r"(\d+) passed", line)
    tests = int(m.group(1)) if m else 0
    m = re.search(r"(\d+) failed", line)
    failures = int(m.group(1)) if m else 0
    m = re.search(r"in ([\d.]+)s", line)
    secs = float(m.group(1)) if m else 0.0
else:
    for f in glob.glob(os.path.join(where, "TEST-*.xml")):
        s = ET.parse(f).getroot()
        secs += float(s.get("time", "0"))
        tests += int(s.get("tests", "0"))
        failures += int(s.get("failures", "0")) + int(s.get("errors", "0"))
print(f"{name}\t{rep}\t{wall}\t{round(secs * 1000)}\t{tests}\t{rc}\t{failures}")
