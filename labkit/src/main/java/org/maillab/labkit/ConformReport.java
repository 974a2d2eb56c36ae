package org.maillab.labkit;

import java.io.PrintStream;
import java.util.List;
import java.util.Map;
import java.util.LinkedHashMap;
import java.util.stream.Collectors;

/** The results of a run, written for a person, as JSON, or as JUnit XML for a course's CI. */
public record ConformReport(String target, List<CheckResult> results) {

    public ConformReport {
        results = List.copyOf(results);
    }

    /** Whether a MUST check failed: the run then exits non-zero. */
    public boolean mustFailed() {
        return results.stream().anyMatch(r -> r.outcome() == Outcome.FAIL && r.level() == Level.MUST);
    }

    public long count(Outcome outcome) {
        return results.stream().filter(r -> r.outcome() == outcome).count();
    }

    public void writeText(PrintStream out) {
        out.println("conform " + target);
        for (Map.Entry<String, List<CheckResult>> area : byArea().entrySet()) {
            out.println();
            out.println(area.getKey());
            for (CheckResult r : area.getValue()) {
                out.printf("  %-4s %-6s %-27s %s  [%s]%n", r.outcome(), r.level(), r.id(), r.title(), r.rfc());
                if (!r.detail().isEmpty()) {
                    out.println("                   " + r.detail());
                }
            }
        }
        out.println();
        out.printf("%d checks: %d passed, %d failed (%d MUST), %d skipped%n", results.size(), count(Outcome.PASS),
                count(Outcome.FAIL), results.stream().filter(r -> r.outcome() == Outcome.FAIL && r.level() == Level.MUST).count(),
                count(Outcome.SKIP));
    }

    public void writeJson(PrintStream out) {
        StringBuilder j = new StringBuilder();
        j.append("{\"target\":").append(json(target)).append(",\"mustFailed\":").append(mustFailed())
                .append(",\"passed\":").append(count(Outcome.PASS)).append(",\"failed\":").append(count(Outcome.FAIL))
                .append(",\"skipped\":").append(count(Outcome.SKIP)).append(",\"checks\":[");
        for (int i = 0; i < results.size(); i++) {
            CheckResult r = results.get(i);
            j.append(i == 0 ? "" : ",").append("{\"id\":").append(json(r.id())).append(",\"area\":").append(json(r.area()))
                    .append(",\"rfc\":").append(json(r.rfc())).append(",\"level\":").append(json(r.level().name()))
                    .append(",\"title\":").append(json(r.title())).append(",\"outcome\":").append(json(r.outcome().name()))
                    .append(",\"detail\":").append(json(r.detail())).append('}');
        }
        out.println(j.append("]}"));
    }

    /** One testsuite per area, one testcase per check; a failed SHOULD or MAY is a failure too, marked so. */
    public String junitXml() {
        StringBuilder x = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        x.append("<testsuites name=\"").append(xml("conform " + target)).append("\" tests=\"").append(results.size())
                .append("\" failures=\"").append(count(Outcome.FAIL)).append("\" skipped=\"").append(count(Outcome.SKIP)).append("\">\n");
        for (Map.Entry<String, List<CheckResult>> e : byArea().entrySet()) {
            List<CheckResult> cs = e.getValue();
            x.append("  <testsuite name=\"").append(xml(e.getKey())).append("\" tests=\"").append(cs.size())
                    .append("\" failures=\"").append(cs.stream().filter(r -> r.outcome() == Outcome.FAIL).count())
                    .append("\" skipped=\"").append(cs.stream().filter(r -> r.outcome() == Outcome.SKIP).count()).append("\">\n");
            for (CheckResult r : cs) {
                x.append("    <testcase classname=\"conform.").append(xml(r.area())).append("\" name=\"")
                        .append(xml(r.id() + " [" + r.level() + ", " + r.rfc() + "]")).append('"');
                if (r.outcome() == Outcome.PASS) {
                    x.append("/>\n");
                    continue;
                }
                x.append(">\n      ");
                if (r.outcome() == Outcome.SKIP) {
                    x.append("<skipped message=\"").append(xml(r.detail())).append("\"/>");
                } else {
                    x.append("<failure type=\"").append(r.level()).append("\" message=\"").append(xml(r.detail()))
                            .append("\">").append(xml(r.title() + ": " + r.detail())).append("</failure>");
                }
                x.append("\n    </testcase>\n");
            }
            x.append("  </testsuite>\n");
        }
        return x.append("</testsuites>\n").toString();
    }

    /** The results by area, areas in the order they first ran, checks in the order they ran. */
    private Map<String, List<CheckResult>> byArea() {
        return results.stream().collect(Collectors.groupingBy(CheckResult::area, LinkedHashMap::new, Collectors.toList()));
    }

    private static String json(String s) {
        StringBuilder b = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                default -> {
                    if (c < 0x20) {
                        b.append(String.format("\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.append('"').toString();
    }

    /** XML attribute and text escaping; control characters a server sent are dropped (not legal in XML 1.0). */
    private static String xml(String s) {
        StringBuilder b = new StringBuilder();
        for (char c : s.toCharArray()) {
            switch (c) {
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '&' -> b.append("&amp;");
                case '"' -> b.append("&quot;");
                default -> {
                    if (c >= 0x20 || c == '\t') {
                        b.append(c);
                    }
                }
            }
        }
        return b.toString();
    }
}
