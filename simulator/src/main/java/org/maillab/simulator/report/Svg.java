package org.maillab.simulator.report;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.function.DoubleFunction;

/** Small inline SVG charts (well-formed XML, no scripts, no external resources). */
final class Svg {

    static final String[] COLORS = {"#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#8c564b", "#e377c2", "#17becf"};

    /** One bar: a label, a value, the text shown beside it (or instead, when there is no value), its colour. */
    record Bar(String label, double value, String shown, boolean present, String color) {
    }

    /** One line of a line chart. */
    record Series(String name, List<double[]> points) {
    }

    /** Intervals on a line chart's time axis. */
    private static final int TICKS = 4;

    private Svg() {
    }

    static String bars(String title, List<Bar> bars) {
        int rowHeight = 24;
        int labelWidth = 230;
        int barWidth = 360;
        int height = 30 + rowHeight * bars.size();
        double max = bars.stream().filter(Bar::present).mapToDouble(Bar::value).max().orElse(0);
        StringBuilder b = new StringBuilder();
        b.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" role=\"img\">",
                labelWidth + barWidth + 140, height));
        b.append("<title>").append(Html.escape(title)).append("</title>");
        b.append("<text x=\"0\" y=\"16\" class=\"t\">").append(Html.escape(title)).append("</text>");
        for (int i = 0; i < bars.size(); i++) {
            Bar bar = bars.get(i);
            int y = 28 + i * rowHeight;
            b.append(String.format(Locale.ROOT, "<text x=\"0\" y=\"%d\">%s</text>", y + 14, Html.escape(bar.label())));
            if (bar.present()) {
                double w = max <= 0 ? 0 : Math.max(1, bar.value() / max * barWidth);
                b.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"%.1f\" height=\"16\" fill=\"%s\"/>",
                        labelWidth, y + 2, w, bar.color()));
                b.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\">%s</text>", labelWidth + w + 6, y + 14,
                        Html.escape(bar.shown())));
            } else {
                b.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" class=\"na\">%s</text>", labelWidth, y + 14,
                        Html.escape(bar.shown())));
            }
        }
        return b.append("</svg>").toString();
    }

    static String lines(String title, Duration end, List<Series> series, DoubleFunction<String> yLabel) {
        int w = 640;
        int h = 220;
        int left = 80;
        int top = 24;
        int plotW = w - left - 150;
        int plotH = h - top - 44;
        double maxX = Math.max(1, end.getSeconds());
        double maxY = series.stream().flatMap(s -> s.points().stream()).mapToDouble(p -> p[1]).max().orElse(0);
        if (maxY <= 0) {
            maxY = 1;
        }
        StringBuilder b = new StringBuilder();
        b.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" role=\"img\">", w, h));
        b.append("<title>").append(Html.escape(title)).append("</title>");
        b.append("<text x=\"0\" y=\"16\" class=\"t\">").append(Html.escape(title)).append("</text>");
        b.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#888\"/>", left, top + plotH, left + plotW, top + plotH));
        b.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#888\"/>", left, top, left, top + plotH));
        b.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" text-anchor=\"end\">%s</text>", left - 4, top + 10, Html.escape(yLabel.apply(maxY))));
        b.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" text-anchor=\"end\">0</text>", left - 4, top + plotH));
        for (int k = 0; k <= TICKS; k++) {
            long at = Math.round(maxX * k / TICKS);
            double x = left + (double) at / maxX * plotW;
            b.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"#888\"/>", x, top + plotH, x, top + plotH + 4));
            b.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%s</text>", x, top + plotH + 16,
                    Html.escape(org.maillab.simulator.scenario.Units.formatTime(Duration.ofSeconds(at)))));
        }
        b.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" text-anchor=\"end\">virtual time</text>", left + plotW, top + plotH + 30));
        for (int i = 0; i < series.size(); i++) {
            Series s = series.get(i);
            StringBuilder points = new StringBuilder();
            double prevY = Double.NaN;
            for (double[] p : s.points()) {
                double x = left + p[0] / maxX * plotW;
                double y = top + plotH - p[1] / maxY * plotH;
                // a step chart: storage stays put until the next sample
                if (!Double.isNaN(prevY)) {
                    points.append(String.format(Locale.ROOT, "%.1f,%.1f ", x, prevY));
                }
                points.append(String.format(Locale.ROOT, "%.1f,%.1f ", x, y));
                prevY = y;
            }
            String color = COLORS[i % COLORS.length];
            b.append(String.format(Locale.ROOT, "<polyline fill=\"none\" stroke=\"%s\" stroke-width=\"1.5\" points=\"%s\"/>", color,
                    points.toString().trim()));
            b.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"10\" height=\"10\" fill=\"%s\"/>", left + plotW + 10,
                    top + i * 16, color));
            b.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\">%s</text>", left + plotW + 24, top + 9 + i * 16,
                    Html.escape(s.name())));
        }
        return b.append("</svg>").toString();
    }
}
