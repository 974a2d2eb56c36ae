package org.maillab.simulator.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.maillab.simulator.network.NetworkProfile;
import org.maillab.simulator.network.TimeModel;
import org.maillab.simulator.run.RunResult;
import org.maillab.simulator.run.StorageSample;
import org.maillab.simulator.scenario.StrategyName;

/**
 * A self-contained HTML page (inline CSS and SVG, no scripts, no external files): per scenario the
 * table, bar charts per strategy, storage over time, and each claim's verdict with its numbers.
 * The markup is well-formed XML, so it can be checked and processed like XHTML.
 */
public final class HtmlReport {

    private static final int MAX_POINTS = 300;

    private HtmlReport() {
    }

    public static String render(Report report) {
        StringBuilder b = new StringBuilder();
        b.append("<!DOCTYPE html>\n<html xmlns=\"http://www.w3.org/1999/xhtml\" lang=\"en\">\n<head>\n<meta charset=\"utf-8\"/>\n");
        b.append("<title>MailLab report: POP3 and IMAP, measured</title>\n<style>\n");
        b.append("body{font-family:system-ui,sans-serif;max-width:1100px;margin:2em auto;padding:0 1em;color:#222}\n");
        b.append("table{border-collapse:collapse;margin:1em 0;font-size:90%}td,th{border:1px solid #ccc;padding:3px 6px;text-align:right}\n");
        b.append("td:first-child,th:first-child,.glance td,.glance th{text-align:left}svg{display:block;margin:1em 0;font-size:12px}\n");
        b.append(".t{font-weight:bold}.na{fill:#888;font-style:italic}.holds{color:#176317}.holds-only-when{color:#8a5a00}\n");
        b.append(".does-not-hold{color:#a11}.not-measured{color:#666}.not-exercised{color:#555;font-style:italic}.verdict{margin:.6em 0}.numbers{font-size:85%;color:#444}\n");
        b.append("</style>\n</head>\n<body>\n<h1>MailLab: POP3 and IMAP, measured</h1>\n");
        b.append("<p>Each scenario was run once per strategy against real servers over loopback sockets; a tap counted ")
                .append("every byte and round trip, and the time on each device's network is modelled as:</p>\n<p><code>")
                .append(Html.escape(TimeModel.formula())).append("</code>; each scenario says what it puts into it (TLS, slow start).</p>\n");
        b.append("<table><tr><th>network</th><th>RTT</th><th>down</th><th>up</th></tr>\n");
        for (NetworkProfile p : NetworkProfile.ALL) {
            b.append("<tr><td>").append(Html.escape(p.name())).append("</td><td>").append(Html.escape(Numbers.time(p.roundTrip())))
                    .append("</td><td>").append(bits(p.downlinkBits())).append("</td><td>").append(bits(p.uplinkBits())).append("</td></tr>\n");
        }
        b.append("</table>\n");
        legend(b);
        glance(report, b);
        everyClaim(report, b);
        for (Report.Entry entry : report.entries()) {
            scenario(entry, b);
        }
        b.append("</body>\n</html>\n");
        return b.toString();
    }

    /** What each strategy does (with its colour in every chart) and what each column means. */
    private static void legend(StringBuilder b) {
        b.append("<h2>How to read this report</h2>\n<table class=\"glance\"><tr><th>strategy</th><th>what its client does</th></tr>\n");
        for (StrategyName s : StrategyName.values()) {
            b.append("<tr><td><span style=\"color:").append(StrategyColors.of(s)).append("\">&#9632;</span> ")
                    .append(Html.escape(s.label())).append("</td><td>").append(Html.escape(s.description())).append("</td></tr>\n");
        }
        b.append("</table>\n<table class=\"glance\"><tr><th>column</th><th>meaning</th></tr>\n");
        for (String[] c : COLUMNS) {
            b.append("<tr><td>").append(Html.escape(c[0])).append("</td><td>").append(Html.escape(c[1])).append("</td></tr>\n");
        }
        b.append("</table>\n<p>Sizes are in binary units: 1 KiB = 1,024 octets, 1 MiB = 1,048,576.</p>\n");
    }

    private static final String[][] COLUMNS = {
            {"down, up", "octets the client received and sent, as the tap counted them on the socket"},
            {"round trips", "times the client waited for the server: a pipelined batch counts once"},
            {"commands", "protocol commands sent"},
            {"connections", "TCP connections opened (each costs a handshake round trip in the model)"},
            {"modelled", "the time the formula above gives on each device's own network, summed over sessions"},
            {"to newest", "mean modelled time from the start of a check until the newest new message could be read"},
            {"server peak, server end", "octets the account held on the server at its fullest and at the end"},
            {"device peak", "octets the fullest device held"},
            {"disagree", "messages the devices disagree on at the end (missing on one, read on one, other folder)"},
            {"lost", "messages gone for good when a device died"},
            {"quota refused", "deliveries the server refused because the account was over quota"}};

    /** Every claim C1..C19: its verdicts, or where MailLab shows it. */
    private static void everyClaim(Report report, StringBuilder b) {
        b.append("<h2>Every claim of the article</h2>\n<table class=\"glance\"><tr><th>claim</th><th>what it says</th><th>verdicts, or where it is shown</th></tr>\n");
        for (Report.ClaimRow row : report.claimIndex()) {
            b.append("<tr><td>").append(Html.escape(row.claim())).append("</td><td>").append(Html.escape(row.statement())).append("</td><td>");
            if (row.verdicts().isEmpty()) {
                b.append(Html.escape(row.whereShown()));
            }
            for (Report.Placed p : row.verdicts()) {
                b.append("<span class=\"").append(p.verdict().kind().words().replace(' ', '-')).append("\">")
                        .append(Html.escape(p.verdict().kind().words())).append("</span> (<a href=\"#").append(Html.escape(p.scenario()))
                        .append("\">").append(Html.escape(p.scenario())).append("</a>) ");
            }
            b.append("</td></tr>\n");
        }
        b.append("</table>\n");
    }

    /** One line per claim and scenario, linking to the scenario's section. */
    private static void glance(Report report, StringBuilder b) {
        b.append("<h2>The claims at a glance</h2>\n<table class=\"glance\"><tr><th>claim</th><th>scenario</th><th>verdict</th><th>because</th></tr>\n");
        for (Report.Entry entry : report.entries()) {
            String name = entry.result().scenario().name();
            for (Verdict v : entry.verdicts()) {
                b.append("<tr><td>").append(Html.escape(v.claim())).append("</td><td><a href=\"#").append(Html.escape(name))
                        .append("\">").append(Html.escape(name)).append("</a></td><td class=\"")
                        .append(v.kind().words().replace(' ', '-')).append("\">").append(Html.escape(v.kind().words()))
                        .append("</td><td>").append(Html.escape(v.summary())).append("</td></tr>\n");
            }
        }
        b.append("</table>\n");
    }

    private static String bits(long bps) {
        if (bps >= 1_000_000) {
            return String.format(Locale.ROOT, "%.1f Mbit/s", bps / 1e6);
        }
        return String.format(Locale.ROOT, "%.1f kbit/s", bps / 1e3);
    }

    private static void scenario(Report.Entry entry, StringBuilder b) {
        var r = entry.result();
        var s = r.scenario();
        b.append("<h2 id=\"").append(Html.escape(s.name())).append("\">").append(Html.escape(s.title())).append("</h2>\n");
        b.append("<p>Scenario <code>").append(Html.escape(s.name())).append("</code>, seed ").append(s.seed()).append(", ")
                .append(r.messages()).append(" messages, claims ").append(Html.escape(String.join(" ", s.claims())))
                .append(". Target: ").append(Html.escape(r.target())).append(". Time model: ")
                .append(Html.escape(s.link().on(NetworkProfile.BROADBAND).parameters())).append(".</p>\n");
        b.append("<table><tr>");
        for (String h : new String[] {"strategy", "down", "up", "round trips", "commands", "connections", "modelled",
                "to newest", "server peak", "server end", "device peak", "disagree", "lost", "quota refused"}) {
            b.append("<th>").append(h).append("</th>");
        }
        b.append("</tr>\n");
        for (RunResult run : r.runs()) {
            if (run.status() == RunResult.Status.UNAVAILABLE) {
                b.append("<tr><td>").append(Html.escape(run.strategy().label())).append("</td><td colspan=\"13\" class=\"na\">")
                        .append(Html.escape(run.note())).append("</td></tr>\n");
                continue;
            }
            b.append("<tr>");
            for (String cell : TextReport.row(run)) {
                b.append("<td>").append(Html.escape(cell)).append("</td>");
            }
            b.append("</tr>\n");
            if (run.status() == RunResult.Status.FAILED) {
                b.append("<tr><td></td><td colspan=\"13\" class=\"does-not-hold\">failed: ").append(Html.escape(run.note()))
                        .append("</td></tr>\n");
            }
        }
        b.append("</table>\n");
        b.append(Svg.bars("Bytes downloaded", bars(r.runs(), run -> run.totals().bytesDown(), run -> Numbers.bytes(run.totals().bytesDown()))));
        b.append('\n');
        b.append(Svg.bars("Round trips", bars(r.runs(), run -> run.totals().roundTrips(), run -> Numbers.count(run.totals().roundTrips()))));
        b.append('\n');
        b.append(Svg.bars("Modelled time on the network", bars(r.runs(), run -> run.modelledTime().toNanos(),
                run -> Numbers.time(run.modelledTime()))));
        b.append('\n');
        for (RunResult run : r.runs()) {
            if (run.measured() && !run.storage().isEmpty()) {
                b.append(Svg.lines("Storage over time: " + run.strategy().label(), s.duration(), storage(run),
                        v -> Numbers.bytes((long) v)));
                b.append('\n');
            }
        }
        b.append("<h3>Claims</h3>\n");
        for (Verdict v : entry.verdicts()) {
            String css = v.kind().words().replace(' ', '-');
            b.append("<div class=\"verdict\"><p><b>").append(Html.escape(v.claim())).append("</b> ").append(Html.escape(v.statement()))
                    .append("<br/><b class=\"").append(css).append("\">").append(Html.escape(v.kind().words())).append("</b>: ")
                    .append(Html.escape(v.summary())).append("</p>\n");
            if (!v.links().isEmpty()) {
                b.append("<p class=\"links\"><b>On every link:</b> ").append(Html.escape(v.links())).append("</p>\n");
            }
            if (!v.rule().isEmpty()) {
                b.append("<p class=\"rule\"><b>Rule:</b> ").append(Html.escape(v.rule())).append("</p>\n");
            }
            b.append("<ul class=\"numbers\">");
            for (String n : v.numbers()) {
                b.append("<li>").append(Html.escape(n)).append("</li>");
            }
            b.append("</ul></div>\n");
        }
    }

    private static List<Svg.Bar> bars(List<RunResult> runs, java.util.function.ToDoubleFunction<RunResult> value,
                                      java.util.function.Function<RunResult, String> shown) {
        List<Svg.Bar> bars = new ArrayList<>();
        for (RunResult run : runs) {
            if (run.measured()) {
                bars.add(new Svg.Bar(run.strategy().label(), value.applyAsDouble(run),
                        shown.apply(run) + (run.status() == RunResult.Status.FAILED ? " (failed)" : ""), true,
                        StrategyColors.of(run.strategy())));
            } else {
                bars.add(new Svg.Bar(run.strategy().label(), 0, "did not run: " + run.note(), false,
                        StrategyColors.of(run.strategy())));
            }
        }
        return bars;
    }

    private static List<Svg.Series> storage(RunResult run) {
        List<StorageSample> samples = run.storage();
        int step = Math.max(1, samples.size() / MAX_POINTS);
        List<StorageSample> kept = new ArrayList<>();
        for (int i = 0; i < samples.size(); i += step) {
            kept.add(samples.get(i));
        }
        if (kept.get(kept.size() - 1) != samples.get(samples.size() - 1)) {
            kept.add(samples.get(samples.size() - 1));
        }
        List<Svg.Series> series = new ArrayList<>();
        if (kept.stream().allMatch(x -> x.server() >= 0)) {
            series.add(new Svg.Series("server", kept.stream().map(x -> new double[] {x.at().getSeconds(), x.server()}).toList()));
        }
        for (String device : kept.get(0).devices().keySet()) {
            series.add(new Svg.Series(device, kept.stream()
                    .map(x -> new double[] {x.at().getSeconds(), x.devices().getOrDefault(device, 0L)}).toList()));
        }
        return series;
    }
}
