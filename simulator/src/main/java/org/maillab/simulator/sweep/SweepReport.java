package org.maillab.simulator.sweep;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.maillab.simulator.report.Numbers;
import org.maillab.simulator.report.StrategyColors;
import org.maillab.simulator.report.Verdict;
import org.maillab.simulator.run.RunResult;
import org.maillab.simulator.scenario.StrategyName;
import org.maillab.simulator.sweep.SweepRunner.Point;

/** A sweep as a terminal table, a CSV file and an SVG plot of modelled time with the verdict bands below. */
public final class SweepReport {

    private SweepReport() {
    }

    /** Prints the table and writes {@code sweep.csv} and {@code sweep.svg} into {@code dir}; returns their paths. */
    public static List<Path> write(String scenario, Sweep sweep, List<Point> points, Path dir, PrintStream out) throws IOException {
        List<StrategyName> strategies = strategies(points);
        List<String> claims = claims(points);
        out.println();
        out.println("== sweep of " + scenario + ": " + sweep.kind().label() + " from " + sweep.format(sweep.values().get(0))
                + " to " + sweep.format(sweep.values().get(sweep.values().size() - 1)) + ", " + sweep.values().size()
                + " values" + (sweep.kind().linkOnly() ? " (one run, its sessions modelled again for each)" : " (one run each)"));
        List<String[]> rows = new ArrayList<>();
        List<String> header = new ArrayList<>(List.of(sweep.kind().word()));
        strategies.forEach(s -> header.add(s.label()));
        header.addAll(claims);
        rows.add(header.toArray(String[]::new));
        for (Point p : points) {
            List<String> row = new ArrayList<>(List.of(sweep.format(p.value())));
            for (StrategyName s : strategies) {
                row.add(p.result().measured(s).map(r -> Numbers.time(r.modelledTime())).orElse("-"));
            }
            for (String c : claims) {
                row.add(verdictOf(p, c));
            }
            rows.add(row.toArray(String[]::new));
        }
        table(rows, out);
        Files.createDirectories(dir);
        Path csv = dir.resolve("sweep.csv");
        Path svg = dir.resolve("sweep.svg");
        Files.writeString(csv, csv(sweep, points, strategies, claims), StandardCharsets.UTF_8);
        Files.writeString(svg, svg(scenario, sweep, points, strategies, claims), StandardCharsets.UTF_8);
        return List.of(csv, svg);
    }

    private static List<StrategyName> strategies(List<Point> points) {
        Set<StrategyName> s = new LinkedHashSet<>();
        points.forEach(p -> p.result().runs().stream().filter(RunResult::measured).forEach(r -> s.add(r.strategy())));
        return List.copyOf(s);
    }

    private static List<String> claims(List<Point> points) {
        Set<String> c = new LinkedHashSet<>();
        points.forEach(p -> p.verdicts().forEach(v -> c.add(v.claim())));
        return List.copyOf(c);
    }

    private static String verdictOf(Point p, String claim) {
        return p.verdicts().stream().filter(v -> v.claim().equals(claim)).map(v -> v.kind().words()).findFirst().orElse("-");
    }

    private static String csv(Sweep sweep, List<Point> points, List<StrategyName> strategies, List<String> claims) {
        StringBuilder b = new StringBuilder(sweep.kind().word());
        strategies.forEach(s -> b.append(',').append(s.word()).append("_modelled_ns,").append(s.word()).append("_bytes_down,")
                .append(s.word()).append("_round_trips"));
        claims.forEach(c -> b.append(',').append(c));
        b.append('\n');
        for (Point p : points) {
            b.append(p.value());
            for (StrategyName s : strategies) {
                var run = p.result().measured(s);
                b.append(',').append(run.map(r -> Long.toString(r.modelledTime().toNanos())).orElse(""))
                        .append(',').append(run.map(r -> Long.toString(r.totals().bytesDown())).orElse(""))
                        .append(',').append(run.map(r -> Long.toString(r.totals().roundTrips())).orElse(""));
            }
            claims.forEach(c -> b.append(',').append(verdictOf(p, c)));
            b.append('\n');
        }
        return b.toString();
    }

    private static String svg(String scenario, Sweep sweep, List<Point> points, List<StrategyName> strategies, List<String> claims) {
        int left = 80;
        int top = 30;
        int plotW = 560;
        int plotH = 220;
        int band = 18;
        int width = left + plotW + 230;
        int height = top + plotH + 40 + band * claims.size() + 20;
        double lo = points.get(0).value();
        double hi = points.get(points.size() - 1).value();
        boolean log = lo > 0 && hi >= 10 * lo;
        double maxY = points.stream().flatMap(p -> p.result().runs().stream()).filter(RunResult::measured)
                .mapToDouble(r -> r.modelledTime().toNanos()).max().orElse(1);
        StringBuilder b = new StringBuilder();
        b.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" font-family=\"sans-serif\" font-size=\"12\">", width, height));
        b.append("<title>").append(escape("Sweep of " + scenario + " over " + sweep.kind().label())).append("</title>");
        b.append("<text x=\"0\" y=\"16\" font-weight=\"bold\">").append(escape("Modelled time against " + sweep.kind().label()
                + " (" + scenario + ")" + (log ? ", log scale" : ""))).append("</text>");
        b.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#888\"/>", left, top + plotH, left + plotW, top + plotH));
        b.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#888\"/>", left, top, left, top + plotH));
        b.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" text-anchor=\"end\">%s</text>", left - 4, top + 10,
                escape(Numbers.time(java.time.Duration.ofNanos((long) maxY)))));
        b.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" text-anchor=\"end\">0</text>", left - 4, top + plotH));
        for (Point p : points) {
            double x = x(p.value(), lo, hi, log, left, plotW);
            b.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"#888\"/>", x, top + plotH, x, top + plotH + 4));
        }
        for (int i : new int[] {0, points.size() / 2, points.size() - 1}) {
            double x = x(points.get(i).value(), lo, hi, log, left, plotW);
            b.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%s</text>", x, top + plotH + 16,
                    escape(sweep.format(points.get(i).value()))));
        }
        for (int k = 0; k < strategies.size(); k++) {
            StrategyName s = strategies.get(k);
            StringBuilder pts = new StringBuilder();
            for (Point p : points) {
                p.result().measured(s).ifPresent(r -> pts.append(String.format(Locale.ROOT, "%.1f,%.1f ",
                        x(p.value(), lo, hi, log, left, plotW), top + plotH - r.modelledTime().toNanos() / maxY * plotH)));
            }
            String color = StrategyColors.of(s);
            b.append(String.format(Locale.ROOT, "<polyline fill=\"none\" stroke=\"%s\" stroke-width=\"2\" points=\"%s\"/>", color, pts.toString().trim()));
            b.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"10\" height=\"10\" fill=\"%s\"/>", left + plotW + 10, top + k * 16, color));
            b.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\">%s</text>", left + plotW + 24, top + 9 + k * 16, escape(s.label())));
        }
        int y0 = top + plotH + 30;
        for (int c = 0; c < claims.size(); c++) {
            int y = y0 + c * band;
            b.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" text-anchor=\"end\">%s</text>", left - 4, y + 12, escape(claims.get(c))));
            for (int i = 0; i < points.size(); i++) {
                double from = i == 0 ? left : (x(points.get(i - 1).value(), lo, hi, log, left, plotW) + x(points.get(i).value(), lo, hi, log, left, plotW)) / 2;
                double to = i == points.size() - 1 ? left + plotW
                        : (x(points.get(i).value(), lo, hi, log, left, plotW) + x(points.get(i + 1).value(), lo, hi, log, left, plotW)) / 2;
                String kind = verdictOf(points.get(i), claims.get(c));
                b.append(String.format(Locale.ROOT, "<rect x=\"%.1f\" y=\"%d\" width=\"%.1f\" height=\"14\" fill=\"%s\"><title>%s</title></rect>",
                        from, y, Math.max(0.5, to - from), bandColor(kind), escape(claims.get(c) + " at " + sweep.format(points.get(i).value()) + ": " + kind)));
            }
        }
        int ly = y0 + claims.size() * band + 14;
        b.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\">%s</text>", left, ly,
                escape("bands: green holds, amber holds only when, red does not hold, grey not exercised or not measured")));
        return b.append("</svg>\n").toString();
    }

    private static double x(double v, double lo, double hi, boolean log, int left, int plotW) {
        if (hi == lo) {
            return left + plotW / 2.0;
        }
        double f = log ? Math.log(v / lo) / Math.log(hi / lo) : (v - lo) / (hi - lo);
        return left + f * plotW;
    }

    private static String bandColor(String kind) {
        if (kind.equals(Verdict.Kind.HOLDS.words())) {
            return "#2ca02c";
        }
        if (kind.equals(Verdict.Kind.HOLDS_ONLY_WHEN.words())) {
            return "#e0a000";
        }
        if (kind.equals(Verdict.Kind.DOES_NOT_HOLD.words())) {
            return "#d62728";
        }
        return "#bbbbbb";
    }

    private static void table(List<String[]> rows, PrintStream out) {
        int[] width = new int[rows.get(0).length];
        for (String[] row : rows) {
            for (int i = 0; i < row.length; i++) {
                width[i] = Math.max(width[i], row[i].length());
            }
        }
        for (String[] row : rows) {
            StringBuilder b = new StringBuilder("   ");
            for (int i = 0; i < row.length; i++) {
                b.append(row[i]).append(" ".repeat(width[i] - row[i].length())).append("  ");
            }
            out.println(b.toString().stripTrailing());
        }
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
