"""Print the <version> of a Maven pom (the project's own, not its parent's)."""
import sys
import xml.etree.ElementTree as ET

ns = {"m": "http://maven.apache.org/POM/4.0.0"}
root = ET.parse(sys.argv[1]).getroot()
v = root.find("m:version", ns)
if v is None:
    v = root.find("m:parent/m:version", ns)
print(v.text.strip())
