"""Adds up the Surefire XML reports of a Maven run and prints one closing line
('label: N passed, N failed, N skipped'), so CI shows what ran even with `mvn -q`."""
import glob
import sys
import xml.etree.ElementTree as ET

label = sys.argv[1] if len(sys.argv) > 1 else "tests"
tests = failed = skipped = 0
for report in glob.glob("*/target/surefire-reports/TEST-*.xml"):
    suite = ET.parse(report).getroot()
    tests += int(suite.get("tests", 0))
    failed += int(suite.get("failures", 0)) + int(suite.get("errors", 0))
    skipped += int(suite.get("skipped", 0))
print(f"{label}: {tests - failed - skipped} passed, {failed} failed, {skipped} skipped")
sys.exit(1 if failed or tests == 0 else 0)
