package org.maillab.simulator.report;

import java.util.List;
import org.maillab.simulator.run.RunResult;

/** One CSV row per scenario and strategy, raw numbers (octets, nanoseconds) for analysis. */
public final class CsvReport {

    static final List<String> COLUMNS = List.of("scenario", "seed", "strategy", "status", "bytes_down", "bytes_up",
            "round_trips", "commands", "connections", "modelled_ns", "mean_time_to_newest_ns", "server_peak_bytes",
            "server_end_bytes", "device_peak_bytes", "disagreements", "lost_messages", "quota_refusals", "delivered",
            "downloads", "redownloads", "could_not_open", "note");

    private CsvReport() {
    }

    public static String render(Report report) {
        StringBuilder b = new StringBuilder(String.join(",", COLUMNS)).append("\r\n");
        for (Report.Entry entry : report.entries()) {
            var s = entry.result().scenario();
            for (RunResult run : entry.result().runs()) {
                var t = run.totals();
                List<Object> cells = List.of(s.name(), s.seed(), run.strategy().word(), run.status().name().toLowerCase(java.util.Locale.ROOT),
                        t.bytesDown(), t.bytesUp(), t.roundTrips(), t.commands(), t.connections(), run.modelledTime().toNanos(),
                        run.meanTimeToNewest().map(d -> (Object) d.toNanos()).orElse(""), run.peakServerBytes(),
                        run.finalServerBytes(), run.peakDeviceBytes(), run.consistency().total(), run.lostMessages(),
                        run.quotaRefusals(), run.delivered(), run.downloads(), run.redownloads(), run.couldNotOpen(), run.note());
                b.append(String.join(",", cells.stream().map(c -> quote(String.valueOf(c))).toList())).append("\r\n");
            }
        }
        return b.toString();
    }

    /** RFC 4180: quote fields holding a comma, quote or line break; double inner quotes. */
    static String quote(String s) {
        if (s.contains(",") || s.contains("\"") || s.contains("\n") || s.contains("\r")) {
            return '"' + s.replace("\"", "\"\"") + '"';
        }
        return s;
    }
}
