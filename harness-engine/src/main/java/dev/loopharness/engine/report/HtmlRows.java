package dev.loopharness.engine.report;

import dev.loopharness.api.LeakKind;
import dev.loopharness.engine.report.NodeFindings.ListedLeak;
import dev.loopharness.engine.report.NodeFindings.Warning;
import java.util.Map;

/** One table row of {@code report.html} per test or container; every text is HTML-escaped. */
final class HtmlRows {
  private HtmlRows() {}

  /** The row for {@code record}: status, name (expandable to failure and leaks), class, time, leaks. */
  static String row(NodeRecord record) {
    StringBuilder html = new StringBuilder(256)
        .append("<tr data-s=\"").append(record.status().name())
        .append("\" data-l=\"").append(record.leakCount()).append("\">")
        .append("<td><span class=\"st ").append(record.status().name()).append("\">")
        .append(statusText(record.status())).append("</span></td><td>");
    if (hasDetails(record)) {
      html.append("<details><summary>").append(escape(record.displayName())).append("</summary>");
      details(record, html);
      html.append("</details>");
    } else {
      html.append("<span title=\"").append(escape(record.id())).append("\">")
          .append(escape(record.displayName())).append("</span>");
    }
    html.append("</td><td class=\"cls\">")
        .append(escape(record.className() != null ? record.className() : record.type()))
        .append("</td><td class=\"num\">")
        .append(record.durationMs() == null ? "" : Text.number(record.durationMs()) + " ms")
        .append("</td><td class=\"num\">")
        .append(record.leakCount() == 0 ? "" : Text.number(record.leakCount()))
        .append("</td></tr>\n");
    return html.toString();
  }

  static String statusText(TestStatus status) {
    return switch (status) {
      case SUCCESSFUL -> "passed";
      case FAILED -> "failed";
      case ABORTED -> "aborted";
      case SKIPPED -> "skipped";
    };
  }

  private static boolean hasDetails(NodeRecord record) {
    return record.failure() != null || record.reason() != null || record.leakCount() > 0
        || record.warningCount() > 0;
  }

  private static void details(NodeRecord record, StringBuilder html) {
    html.append("<div class=\"d\"><div class=\"id\">").append(escape(record.id())).append("</div>");
    if (record.failure() != null) {
      html.append("<pre class=\"failure\">").append(escape(record.failure())).append("</pre>");
    }
    if (record.reason() != null) {
      html.append("<p>Skipped: ").append(escape(record.reason())).append("</p>");
    }
    if (!record.leaks().isEmpty()) {
      html.append("<table class=\"lk\"><tr><th>Kind</th><th>What</th><th>Created at</th></tr>");
      String label = record.label();
      for (ListedLeak leak : record.leaks()) {
        html.append("<tr><td><span class=\"k\">").append(leak.kind().name())
            .append("</span> <span class=\"pol ").append(escape(leak.policy())).append("\">")
            .append(escape(leak.policy())).append("</span></td><td><pre class=\"what\">")
            .append(escape(leak.description())).append("</pre>");
        if (!leak.owner().equals(label)) {
          html.append("<div class=\"owner\">owner: ").append(escape(leak.owner())).append("</div>");
        }
        html.append("</td><td><pre>").append(escape(leak.creationSite())).append("</pre></td></tr>");
      }
      html.append("</table>");
    }
    for (Warning warning : record.warnings()) {
      html.append("<div class=\"warn\"><span class=\"k\">").append(escape(warning.id()))
          .append("</span> <span class=\"pol warn\">warn</span><pre>").append(escape(warning.text()))
          .append("</pre></div>");
    }
    Map<LeakKind, Long> notListed = record.notListed();
    notListed.forEach((kind, n) -> html.append("<p class=\"more\">… and ")
        .append(Text.number(n)).append(" more ").append(Text.noun(kind, n == 1))
        .append(" (counted, not listed)</p>"));
    html.append("</div>");
  }

  /**
   * Escapes the five HTML-significant characters; control characters and unpaired surrogates
   * (which the UTF-8 encoder would refuse) become U+FFFD.
   */
  static String escape(String text) {
    if (text == null) {
      return "";
    }
    StringBuilder out = null;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      String replacement = switch (c) {
        case '&' -> "&amp;";
        case '<' -> "&lt;";
        case '>' -> "&gt;";
        case '"' -> "&quot;";
        case '\'' -> "&#39;";
        case '\n', '\r', '\t' -> null;
        default -> c < 0x20 || c == 0x7f || unpaired(text, i) ? "\uFFFD" : null;
      };
      if (replacement != null && out == null) {
        out = new StringBuilder(text.length() + 16).append(text, 0, i);
      }
      if (out != null) {
        if (replacement != null) {
          out.append(replacement);
        } else {
          out.append(c);
        }
      }
    }
    return out == null ? text : out.toString();
  }

  private static boolean unpaired(String text, int i) {
    char c = text.charAt(i);
    if (Character.isHighSurrogate(c)) {
      return i + 1 >= text.length() || !Character.isLowSurrogate(text.charAt(i + 1));
    }
    return Character.isLowSurrogate(c) && (i == 0 || !Character.isHighSurrogate(text.charAt(i - 1)));
  }
}
