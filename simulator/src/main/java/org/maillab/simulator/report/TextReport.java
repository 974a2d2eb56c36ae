package org.maillab.simulator.report;

import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.maillab.simulator.network.NetworkProfile;
import org.maillab.simulator.network.TimeModel;
import org.maillab.simulator.run.RunResult;

/** The report as a terminal table, one per scenario, followed by the verdicts. */
public final class TextReport {

    private static final String[] HEADER = {"strategy", "down", "up", "round trips", "cmds", "conns", "modelled",
            "to newest", "server peak", "server end", "device peak", "disagree", "lost", "quota refused"};

    private TextReport() {
    }

    public static void write(Report report, PrintStream out) {
        for (Report.Entry entry : report.entries()) {
            var r = entry.result();
            out.println();
            out.println("== " + r.scenario().name() + ": " + r.scenario().title());
            out.println("   seed " + r.scenario().seed() + ", " + r.messages() + " messages, claims "
                    + String.join(" ", r.scenario().claims()) + "; " + r.target());
            out.println("   time model: " + r.scenario().link().on(NetworkProfile.BROADBAND).parameters());
            List<String[]> rows = new ArrayList<>();
            rows.add(HEADER);
            List<String> notes = new ArrayList<>();
            for (RunResult run : r.runs()) {
                if (run.status() == RunResult.Status.UNAVAILABLE) {
                    notes.add(run.strategy().label() + ": " + run.note());
                    continue;
                }
                if (run.status() == RunResult.Status.FAILED) {
                    notes.add(run.strategy().label() + ": FAILED — " + run.note() + " (numbers cover what ran)");
                }
                rows.add(row(run));
                if (run.compressed()) {
                    notes.add(compression(run));
                }
            }
            table(rows, out);
            notes.forEach(n -> out.println("   " + n));
            for (Verdict v : entry.verdicts()) {
                out.println("   " + v.claim() + " " + v.kind().words().toUpperCase(java.util.Locale.ROOT) + ": " + v.summary());
                if (!v.links().isEmpty()) {
                    out.println("       on every link: " + v.links());
                }
                if (!v.rule().isEmpty()) {
                    out.println("       rule: " + v.rule());
                }
                v.numbers().forEach(n -> out.println("       " + n));
            }
        }
        out.println();
        out.println("== Every claim of the article (seed/CLAIMS.md)");
        for (Report.ClaimRow row : report.claimIndex()) {
            String where = row.verdicts().isEmpty() ? row.whereShown()
                    : String.join("; ", row.verdicts().stream()
                            .map(p -> p.verdict().kind().words() + " (" + p.scenario() + ")").toList());
            out.println("   " + pad(row.claim(), 4) + " " + where);
        }
        out.println();
        out.println("Modelled time: " + TimeModel.formula() + ".");
    }

    static String[] row(RunResult run) {
        var t = run.totals();
        return new String[] {run.strategy().label() + (run.status() == RunResult.Status.FAILED ? " (failed)" : ""),
                Numbers.bytes(t.bytesDown()), Numbers.bytes(t.bytesUp()), Numbers.count(t.roundTrips()),
                Numbers.count(t.commands()), Numbers.count(t.connections()), Numbers.time(run.modelledTime()),
                run.meanTimeToNewest().map(Numbers::time).orElse("-"), Numbers.bytes(run.peakServerBytes()),
                Numbers.bytes(run.finalServerBytes()), Numbers.bytes(run.peakDeviceBytes()),
                Integer.toString(run.consistency().total()), Integer.toString(run.lostMessages()),
                Integer.toString(run.quotaRefusals())};
    }

    private static void table(List<String[]> rows, PrintStream out) {
        int[] width = new int[HEADER.length];
        for (String[] row : rows) {
            for (int i = 0; i < row.length; i++) {
                width[i] = Math.max(width[i], row[i].length());
            }
        }
        for (String[] row : rows) {
            StringBuilder b = new StringBuilder("   ");
            for (int i = 0; i < row.length; i++) {
                String cell = row[i];
                b.append(i == 0 ? pad(cell, width[i]) : padLeft(cell, width[i]));
                b.append(i == row.length - 1 ? "" : "  ");
            }
            out.println(b.toString().stripTrailing());
        }
    }

    private static String pad(String s, int w) {
        return s + " ".repeat(w - s.length());
    }

    private static String padLeft(String s, int w) {
        return " ".repeat(w - s.length()) + s;
    }

    /** What COMPRESS=DEFLATE (RFC 4978) changed for one run, against the same sessions uncompressed (C19). */
    static String compression(RunResult run) {
        var wire = run.totals();
        var plain = run.totalsWithoutCompression();
        Duration saved = run.modelledTimeWithoutCompression().minus(run.modelledTime());
        return run.strategy().label() + " with COMPRESS=DEFLATE (RFC 4978; C19): down " + Numbers.bytes(wire.bytesDown())
                + " on the wire, " + Numbers.bytes(plain.bytesDown()) + " without compression ("
                + percentLess(wire.bytesDown(), plain.bytesDown()) + "); up " + Numbers.bytes(wire.bytesUp()) + ", "
                + Numbers.bytes(plain.bytesUp()) + " without (" + percentLess(wire.bytesUp(), plain.bytesUp())
                + "); round trips " + wire.roundTrips() + " against " + plain.roundTrips() + "; modelled "
                + Numbers.time(run.modelledTime()) + " against " + Numbers.time(run.modelledTimeWithoutCompression())
                + (saved.isNegative() ? " (costs " + Numbers.time(saved.negated()) + ")" : " (saves " + Numbers.time(saved) + ")");
    }

    private static String percentLess(long wire, long plain) {
        if (plain == 0) {
            return "nothing to compress";
        }
        long percent = Math.round(100.0 * (plain - wire) / plain);
        return percent >= 0 ? percent + "% less" : -percent + "% more";
    }
}
