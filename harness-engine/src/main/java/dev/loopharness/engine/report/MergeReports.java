package dev.loopharness.engine.report;

import dev.loopharness.config.HarnessConfig;
import dev.loopharness.config.HarnessConfigException;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code java dev.loopharness.engine.report.MergeReports --out DIR IN_DIR...}: merges report
 * directories (for example the reports of CI shards) into one {@code report.json} and {@code
 * report.html} in {@code DIR}. Each input is the JVM parts in the {@code .jvms} of an {@code
 * IN_DIR} (what its {@code report.json} is rebuilt from, and fresher when a JVM was killed), or, if it
 * has none (an uploaded {@code report.json} alone), its {@code report.json}. A missing or malformed input is an error naming it,
 * and then nothing is written. A test found in more than one input is kept once, from the last
 * input, and counted; an input that repeats an earlier one is skipped and named.
 */
public final class MergeReports {
  static final String USAGE = "usage: MergeReports --out DIR IN_DIR...";

  private MergeReports() {}

  /** Exits 0 when merged, 1 when an input is missing or malformed, 2 on a usage error. */
  public static void main(String[] args) {
    System.exit(run(args, System.out, System.err));
  }

  /** Runs the command; returns its exit status. */
  static int run(String[] args, PrintStream out, PrintStream err) {
    Path target = null;
    List<Path> inputs = new ArrayList<>();
    for (int i = 0; i < args.length; i++) {
      if (args[i].equals("--out") && i + 1 < args.length && target == null) {
        target = Path.of(args[++i]);
      } else if (args[i].startsWith("-")) {
        err.println("MergeReports: unknown option " + args[i] + "\n" + USAGE);
        return 2;
      } else {
        inputs.add(Path.of(args[i]));
      }
    }
    if (target == null || inputs.isEmpty()) {
      err.println("MergeReports: " + (target == null ? "--out DIR is missing" : "no IN_DIR given")
          + "\n" + USAGE);
      return 2;
    }
    try {
      List<Path> documents = new ArrayList<>();
      for (Path input : inputs) {
        documents.addAll(documentsOf(input));
      }
      ReportMerge merge = new ReportMerge(documents).readAll();
      Files.createDirectories(target);
      ReportMerge.Result result = merge.write(target, true, true, policies()::leakPolicy);
      out.println(describe(result, target, documents.size()));
      return 0;
    } catch (IllegalArgumentException e) {
      err.println("MergeReports: " + e.getMessage() + "\nNothing was written.");
      return 1;
    } catch (IOException e) {
      err.println("MergeReports: could not write into " + target + ": " + e);
      return 1;
    }
  }

  private static List<Path> documentsOf(Path input) throws IOException {
    if (!Files.isDirectory(input)) {
      throw new IllegalArgumentException(input + ": no such directory (give report directories, "
          + "each holding a report.json)");
    }
    List<Path> parts = new ArrayList<>();
    Path partsDir = input.resolve(ReportParts.DIR);
    if (Files.isDirectory(partsDir)) {
      try (DirectoryStream<Path> listed = Files.newDirectoryStream(partsDir, "*.json")) {
        listed.forEach(parts::add);
      }
    }
    if (!parts.isEmpty()) {
      parts.sort(null);
      return parts;
    }
    Path json = input.resolve(ReportFiles.JSON_FILE);
    if (Files.exists(json)) {
      return List.of(json);
    }
    throw new IllegalArgumentException(input + ": holds no report.json (is it a Loop Harness "
        + "report directory, harness.report.dir?)");
  }

  private static String describe(ReportMerge.Result result, Path target, int documents) {
    RunTotals.Snapshot totals = result.totals();
    StringBuilder text = new StringBuilder("Loop Harness: merged ").append(documents)
        .append(documents == 1 ? " report" : " reports").append(" from ").append(result.jvms().size())
        .append(result.jvms().size() == 1 ? " JVM" : " JVMs").append(": ")
        .append(Text.number(totals.testCount())).append(" tests · ")
        .append(Text.number(totals.tests(TestStatus.SUCCESSFUL))).append(" passed · ")
        .append(Text.number(totals.tests(TestStatus.FAILED))).append(" failed · ")
        .append(Text.number(totals.tests(TestStatus.ABORTED))).append(" aborted · ")
        .append(Text.number(totals.tests(TestStatus.SKIPPED))).append(" skipped · ")
        .append(Text.number(totals.leakCount())).append(" leaks");
    if (result.duplicates() > 0) {
      text.append("\n  ").append(result.duplicates())
          .append(" test results appeared in more than one input; the last input's was kept");
    }
    for (Path skipped : result.skippedInputs()) {
      text.append("\n  skipped ").append(skipped).append(": it repeats the JVMs of an earlier input");
    }
    return text.append("\n  wrote ").append(target.resolve(ReportFiles.JSON_FILE)).append(" and ")
        .append(target.resolve(ReportFiles.HTML_FILE)).toString();
  }

  private static HarnessConfig policies() {
    try {
      return HarnessConfig.load(MergeReports.class.getClassLoader(), Map.of());
    } catch (HarnessConfigException e) {
      return HarnessConfig.defaults();
    }
  }
}
