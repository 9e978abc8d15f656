"""The pom.xml of a generated benchmark project: Java 17, the Surefire and compiler plugins the
anchors use, and the given dependencies (and dependency management, for BOM imports)."""


def pom(group, artifact, dependencies, management=""):
    """dependencies: <dependency> lines, each starting with a newline; management: the
    <dependencyManagement> element, starting with a newline, or empty."""
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<project xmlns="http://maven.apache.org/POM/4.0.0" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="http://maven.apache.org/POM/4.0.0 http://maven.apache.org/xsd/maven-4.0.0.xsd">
  <modelVersion>4.0.0</modelVersion>
  <groupId>{group}</groupId>
  <artifactId>{artifact}</artifactId>
  <version>1</version>
  <properties>
    <maven.compiler.release>17</maven.compiler.release>
    <project.build.sourceEncoding>UTF-8</project.build.sourceEncoding>
  </properties>{management}
  <dependencies>{dependencies}
  </dependencies>
  <build>
    <plugins>
      <plugin><groupId>org.apache.maven.plugins</groupId><artifactId>maven-surefire-plugin</artifactId><version>3.5.4</version></plugin>
      <plugin><groupId>org.apache.maven.plugins</groupId><artifactId>maven-compiler-plugin</artifactId><version>3.13.0</version></plugin>
    </plugins>
  </build>
</project>
"""


def dependency(group, artifact, version=None):
    """One test-scoped <dependency> line, starting with a newline."""
    v = f"<version>{version}</version>" if version else ""
    return (f"\n    <dependency><groupId>{group}</groupId><artifactId>{artifact}</artifactId>{v}"
            "<scope>test</scope></dependency>")


def bom(group, artifact, version):
    """A <dependencyManagement> importing one BOM, starting with a newline."""
    return f"""
  <dependencyManagement>
    <dependencies>
      <dependency><groupId>{group}</groupId><artifactId>{artifact}</artifactId><version>{version}</version><type>pom</type><scope>import</scope></dependency>
    </dependencies>
  </dependencyManagement>"""
