package dev.loopharness.engine.report;

import static dev.loopharness.engine.report.HtmlRows.escape;

import dev.loopharness.api.LeakKind;
import dev.loopharness.config.LeakPolicy;
import dev.loopharness.engine.report.RunTotals.Leaker;
import dev.loopharness.engine.report.RunTotals.Snapshot;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.function.Function;

/** The fixed parts of {@code report.html}: inline style, header, table heads and filter script. */
final class HtmlPage {
  private static final String STYLE = """
      body{font:14px/1.45 system-ui,-apple-system,Segoe UI,sans-serif;margin:0;color:#1d2330;background:#f6f7f9}
      header,section{padding:12px 24px}header{background:#fff;border-bottom:1px solid #dde1e7}
      h1{font-size:20px;margin:0 0 4px}h2{font-size:16px;margin:8px 0}.meta{color:#667;margin:0 0 8px}
      .c,.k,.st,.pol{display:inline-block;border-radius:3px;padding:0 6px;margin:2px 6px 2px 0;font-size:13px}
      .c{font-size:15px;padding:2px 10px}.k{background:#eef0f4;font-family:ui-monospace,monospace}
      .SUCCESSFUL{background:#dff3e4;color:#17602c}.FAILED{background:#fbe0e0;color:#9b1c1c}
      .ABORTED{background:#fdf0d5;color:#8a5300}.SKIPPED{background:#eceef2;color:#555}
      .pol.fail{background:#fbe0e0;color:#9b1c1c}.pol.warn{background:#fdf0d5;color:#8a5300}
      table{border-collapse:collapse;width:100%;background:#fff;table-layout:fixed}
      col.w-st{width:90px}col.w-cl{width:24%}col.w-tm{width:90px}col.w-lk{width:64px}th,td{text-align:left;vertical-align:top;padding:4px 8px;border-bottom:1px solid #eceef2}
      th{background:#f0f2f5;position:sticky;top:0}.num{text-align:right;white-space:nowrap}.cls{color:#556;overflow-wrap:anywhere}
      summary{cursor:pointer}.d{margin:6px 0 4px 14px}.id,.owner{color:#778;font-size:12px;word-break:break-all}
      pre{margin:0;white-space:pre-wrap;overflow-wrap:anywhere;font:12px/1.4 ui-monospace,monospace}
      td{overflow-wrap:anywhere}.warn{margin:6px 0}.warn pre{background:#fffaf0;border-left:3px solid #d9a441;padding:6px}
      pre.failure{background:#fff6f6;border-left:3px solid #d33;padding:6px;margin:6px 0}
      table.lk{margin:6px 0;border:1px solid #eceef2}.lk th:first-child{width:150px}.lk th:last-child{width:30%}.more{color:#8a5300;margin:4px 0}
      .filters{display:flex;gap:12px;align-items:center;margin:0 0 8px;flex-wrap:wrap}
      #q{width:320px;padding:4px 8px}[hidden]{display:none!important}#shown{color:#667}ol{margin:4px 0}
      """;
  private static final String SCRIPT = """
      (function(){
        var rows=[].slice.call(document.querySelectorAll('#tests > tbody > tr')),texts=null,timer;
        var q=document.getElementById('q'),s=document.getElementById('status'),
            l=document.getElementById('leaky'),shown=document.getElementById('shown');
        function apply(){
          if(!texts){texts=rows.map(function(r){return r.textContent.toLowerCase();});}
          var needle=q.value.trim().toLowerCase(),st=s.value,only=l.checked,n=0;
          rows.forEach(function(r,i){
            var ok=(!st||r.getAttribute('data-s')===st)&&(!only||r.getAttribute('data-l')!=='0')
                &&(!needle||texts[i].indexOf(needle)>=0);
            r.hidden=!ok;if(ok){n++;}
          });
          shown.textContent=n+' of '+rows.length+' shown';
        }
        q.addEventListener('input',function(){clearTimeout(timer);timer=setTimeout(apply,120);});
        s.addEventListener('change',apply);l.addEventListener('change',apply);apply();
      })();
      """;
  private static final String TABLE_HEAD =
      "<colgroup><col class=\"w-st\"><col><col class=\"w-cl\"><col class=\"w-tm\"><col class=\"w-lk\"></colgroup>"
          + "<thead><tr><th>Status</th><th>Name</th><th>Class</th><th class=\"num\">Time</th>"
          + "<th class=\"num\">Leaks</th></tr></thead><tbody>\n";

  private HtmlPage() {}

  /** Everything before the container rows: head, style and the header with the totals. */
  static String header(Snapshot totals, Function<LeakKind, LeakPolicy> policies, Instant started,
      Instant finished, boolean jsonLink) {
    StringBuilder html = new StringBuilder(start()).append("<header><h1>Loop Harness</h1>")
        .append("<p class=\"meta\">started ").append(time(started)).append(" · finished ")
        .append(time(finished));
    if (jsonLink) {
      html.append(" · <a href=\"report.json\">report.json</a>");
    }
    html.append("</p><div>");
    for (TestStatus status : TestStatus.values()) {
      html.append("<span class=\"c ").append(status.name()).append("\">")
          .append(Text.number(totals.tests(status))).append(' ')
          .append(HtmlRows.statusText(status)).append("</span>");
    }
    if (totals.containersFailed() > 0) {
      html.append("<span class=\"c FAILED\">").append(Text.number(totals.containersFailed()))
          .append(totals.containersFailed() == 1 ? " container" : " containers").append(" failed</span>");
    }
    html.append("</div><div>Leaks: ");
    if (totals.leaks().isEmpty()) {
      html.append("none");
    }
    totals.leaks().forEach((kind, n) -> {
      html.append("<span class=\"k\">").append(escape(Text.count(n, kind)));
      if (policies.apply(kind) == LeakPolicy.WARN) {
        html.append(" <span class=\"pol warn\">warn</span>");
      }
      html.append("</span>");
    });
    html.append("</div>");
    if (!totals.top().isEmpty()) {
      html.append("<div>Most leaks:<ol>");
      for (Leaker leaker : totals.top()) {
        html.append("<li>").append(escape(leaker.label())).append(" — ")
            .append(Text.leaks(leaker.leaks())).append("</li>");
      }
      html.append("</ol></div>");
    }
    html.append("</header>\n");
    if (totals.end() != null) {
      html.append(BaselineText.html(totals.end().baseline())).append(LeakSites.html(totals.end().sites()));
    }
    return html.toString();
  }

  static String containersStart() {
    return "<section><h2>Containers with leaks or failures</h2><table id=\"containers\">"
        + TABLE_HEAD;
  }

  static String testsStart(long tests) {
    return "<section><h2>Tests (" + Text.number(tests) + ")</h2><div class=\"filters\">"
        + "<input id=\"q\" type=\"search\" placeholder=\"Filter by name, class, leak, message…\">"
        + "<select id=\"status\"><option value=\"\">all statuses</option>"
        + "<option value=\"SUCCESSFUL\">passed</option><option value=\"FAILED\">failed</option>"
        + "<option value=\"ABORTED\">aborted</option><option value=\"SKIPPED\">skipped</option>"
        + "</select><label><input id=\"leaky\" type=\"checkbox\"> only with leaks</label>"
        + "<span id=\"shown\"></span></div><table id=\"tests\">" + TABLE_HEAD;
  }

  static String tableEnd() {
    return "</tbody></table></section>\n";
  }

  static String end() {
    return "<script>\n" + SCRIPT + "</script>\n</body></html>\n";
  }

  private static String start() {
    return "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
        + "<meta name=\"viewport\" content=\"width=device-width,initial-scale=1\">"
        + "<title>Loop Harness report</title>\n<style>\n" + STYLE + "</style></head><body>\n";
  }

  private static String time(Instant instant) {
    return instant.truncatedTo(ChronoUnit.SECONDS).toString();
  }
}
