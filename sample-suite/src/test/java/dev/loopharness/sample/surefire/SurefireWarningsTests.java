package dev.loopharness.sample.surefire;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * Runs in the integration-test phase, after the {@code warnings} Surefire execution ran two
 * known-bad twins that only warn: checks what Surefire 3.5.4 itself made of those warnings. It
 * drops JUnit report entries, so the harness prints each warning on the test's output; Surefire
 * shows that on its console and writes it into the test case's {@code <system-out>}.
 */
class SurefireWarningsTests {
  private static final Path REPORTS = Paths.get("target", "surefire-reports-warnings");

  @Test
  void aCrossLoopWarningIsInTheSystemOutOfItsTestCase() throws Exception {
    String out = systemOut("dev.loopharness.sample.seed.CrossLoopFixtureBadTest",
        "usesAClassLoopFixtureFromItsOwnLoop");
    assertThat(out).contains("Loop Harness warning on CrossLoopFixtureBadTest >"
        + " usesAClassLoopFixtureFromItsOwnLoop(KeySpace):\n[Harness/CrossLoop]");
    assertThat(out).contains("Fix: @LoopScope(Scope.CLASS) on the test");
  }

  @Test
  void aThreadWarningIsInTheSystemOutOfItsTestCase() throws Exception {
    String out = systemOut("dev.loopharness.sample.seed.LeakedThreadBadTest",
        "leavesItsLookupThreadRunning");
    assertThat(out).contains("Loop Harness warning on LeakedThreadBadTest >"
        + " leavesItsLookupThreadRunning(ServerPort):\nLeakedThreadBadTest >"
        + " leavesItsLookupThreadRunning(ServerPort) leaked 1 thread:\n  THREAD   'legacy-lookup'");
  }

  @Test
  void everyTestCaseCarriesItsClasssFullName() throws Exception {
    String className = "dev.loopharness.sample.seed.LeakedThreadBadTest";
    NodeList cases = report(className).getElementsByTagName("testcase");
    assertThat(cases.getLength()).isPositive();
    for (int i = 0; i < cases.getLength(); i++) {
      // As Jupiter's: CI servers group test cases by it, and a simple name merges two packages' classes.
      assertThat(((Element) cases.item(i)).getAttribute("classname")).isEqualTo(className);
    }
  }

  private static Document report(String className) throws Exception {
    Path xml = REPORTS.resolve("TEST-" + className + ".xml");
    assertThat(xml).as("written by the 'warnings' Surefire execution").exists();
    return DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(xml.toFile());
  }

  private static String systemOut(String className, String method) throws Exception {
    Path xml = REPORTS.resolve("TEST-" + className + ".xml");
    NodeList cases = report(className).getElementsByTagName("testcase");
    for (int i = 0; i < cases.getLength(); i++) {
      Element testCase = (Element) cases.item(i);
      if (testCase.getAttribute("name").startsWith(method)) {
        assertThat(testCase.getElementsByTagName("failure").getLength()).isZero();
        NodeList out = testCase.getElementsByTagName("system-out");
        assertThat(out.getLength()).as("<system-out> of " + method + " in " + xml).isEqualTo(1);
        return out.item(0).getTextContent();
      }
    }
    throw new AssertionError("no test case " + method + " in " + Files.readString(xml));
  }
}
