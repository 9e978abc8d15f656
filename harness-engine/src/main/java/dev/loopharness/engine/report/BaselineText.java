package dev.loopharness.engine.report;

import dev.loopharness.engine.baseline.LeakBaseline.Outcome;

/** How the reports show what the leak baseline did: known, new and fixed entries. */
final class BaselineText {
  static final int FIXED_SHOWN_IN_CONSOLE = 5;

  private BaselineText() {}

  /** The console line, e.g. {@code 3 known · 1 new · 2 fixed (remove them from loop-harness-baseline.json)}. */
  static String line(Outcome b) {
    if (b.written()) {
      return "written to " + b.file() + ": " + Text.number(b.known()) + (b.known() == 1 ? " entry" : " entries");
    }
    return Text.number(b.known()) + " known · " + Text.number(b.newLeaks()) + " new · "
        + Text.number(b.fixed().size()) + " fixed"
        + (b.fixed().isEmpty() ? "" : " (remove them from " + b.file() + ")");
  }

  /** The HTML section. */
  static String html(Outcome b) {
    if (b == null) {
      return "";
    }
    StringBuilder html = new StringBuilder("<section><h2>Leak baseline</h2><p>")
        .append(HtmlRows.escape(line(b))).append("</p>");
    if (!b.fixed().isEmpty()) {
      html.append("<p>Fixed (no longer seen):</p><ul id=\"fixed\">");
      for (String f : b.fixed()) {
        html.append("<li><code>").append(HtmlRows.escape(f)).append("</code></li>");
      }
      html.append("</ul>");
    }
    return html.append("</section>\n").toString();
  }
}
