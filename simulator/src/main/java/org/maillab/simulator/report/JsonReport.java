package org.maillab.simulator.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.maillab.simulator.network.NetworkProfile;
import org.maillab.simulator.network.TimeModel;
import org.maillab.simulator.run.RunResult;
import org.maillab.simulator.run.StorageSample;

/** The whole report as JSON: inputs, every measure, sessions' totals, storage over time, verdicts. */
public final class JsonReport {

    private JsonReport() {
    }

    public static String render(Report report) {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("formula", TimeModel.formula());
        root.put("handshake_rtts", 1);
        root.put("tls_rtts", 0);
        List<Object> networks = new ArrayList<>();
        for (NetworkProfile p : NetworkProfile.ALL) {
            Map<String, Object> n = new LinkedHashMap<>();
            n.put("name", p.name());
            n.put("description", p.description());
            n.put("rtt_ns", p.roundTrip().toNanos());
            n.put("downlink_bits_per_second", p.downlinkBits());
            n.put("uplink_bits_per_second", p.uplinkBits());
            networks.add(n);
        }
        root.put("networks", networks);
        List<Object> scenarios = new ArrayList<>();
        for (Report.Entry entry : report.entries()) {
            var r = entry.result();
            Map<String, Object> s = new LinkedHashMap<>();
            s.put("name", r.scenario().name());
            s.put("title", r.scenario().title());
            s.put("seed", r.scenario().seed());
            s.put("claims", r.scenario().claims());
            s.put("target", r.target());
            s.put("tls", r.scenario().link().tls().word());
            s.put("slow_start", r.scenario().link().slowStart());
            s.put("messages", r.messages());
            List<Object> runs = new ArrayList<>();
            for (RunResult run : r.runs()) {
                runs.add(run(run));
            }
            s.put("runs", runs);
            List<Object> verdicts = new ArrayList<>();
            for (Verdict v : entry.verdicts()) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("claim", v.claim());
                m.put("statement", v.statement());
                m.put("verdict", v.kind().words());
                m.put("summary", v.summary());
                m.put("rule", v.rule());
                m.put("links", v.links());
                m.put("numbers", v.numbers());
                verdicts.add(m);
            }
            s.put("verdicts", verdicts);
            scenarios.add(s);
        }
        root.put("scenarios", scenarios);
        List<Object> claims = new ArrayList<>();
        for (Report.ClaimRow row : report.claimIndex()) {
            Map<String, Object> c = new LinkedHashMap<>();
            c.put("claim", row.claim());
            c.put("statement", row.statement());
            List<Object> placed = new ArrayList<>();
            for (Report.Placed p : row.verdicts()) {
                placed.add(Map.of("scenario", p.scenario(), "verdict", p.verdict().kind().words()));
            }
            c.put("verdicts", placed);
            c.put("shown", row.verdicts().isEmpty() ? row.whereShown() : "");
            claims.add(c);
        }
        root.put("claims", claims);
        return Json.write(root);
    }

    private static Map<String, Object> run(RunResult run) {
        Map<String, Object> m = new LinkedHashMap<>();
        var t = run.totals();
        m.put("strategy", run.strategy().word());
        m.put("label", run.strategy().label());
        m.put("status", run.status().name().toLowerCase(java.util.Locale.ROOT));
        m.put("note", run.note());
        m.put("bytes_down", t.bytesDown());
        m.put("bytes_up", t.bytesUp());
        m.put("round_trips", t.roundTrips());
        m.put("commands", t.commands());
        m.put("connections", t.connections());
        m.put("sessions", run.sessions().size());
        m.put("modelled_ns", run.modelledTime().toNanos());
        m.put("mean_time_to_newest_ns", run.meanTimeToNewest().map(d -> (Object) d.toNanos()).orElse(null));
        m.put("server_peak_bytes", run.peakServerBytes());
        m.put("server_end_bytes", run.finalServerBytes());
        m.put("device_peak_bytes", run.peakDeviceBytes());
        if (run.compressed()) {
            // RFC 4978 COMPRESS=DEFLATE (claim C19): the same sessions as they would have been uncompressed
            var u = run.totalsWithoutCompression();
            Map<String, Object> z = new LinkedHashMap<>();
            z.put("bytes_down", u.bytesDown());
            z.put("bytes_up", u.bytesUp());
            z.put("round_trips", u.roundTrips());
            z.put("modelled_ns", run.modelledTimeWithoutCompression().toNanos());
            m.put("without_compression", z);
        }
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("device_pairs", run.consistency().devicePairs());
        c.put("missing_on_one", run.consistency().missingOnOne());
        c.put("read_state_differs", run.consistency().readStateDiffers());
        c.put("folder_differs", run.consistency().folderDiffers());
        m.put("consistency", c);
        m.put("lost_messages", run.lostMessages());
        m.put("quota_refusals", run.quotaRefusals());
        m.put("delivered", run.delivered());
        m.put("downloads", run.downloads());
        m.put("redownloads", run.redownloads());
        m.put("could_not_open", run.couldNotOpen());
        List<Object> searches = new ArrayList<>();
        run.searches().forEach(s -> {
            Map<String, Object> o = new LinkedHashMap<>();
            o.put("device", s.device());
            o.put("text", s.text());
            o.put("found", s.found());
            o.put("existing", s.existing());
            o.put("bytes_down", s.bytesDown());
            searches.add(o);
        });
        m.put("searches", searches);
        List<Object> storage = new ArrayList<>();
        for (StorageSample sample : run.storage()) {
            Map<String, Object> o = new LinkedHashMap<>();
            o.put("at_seconds", sample.at().getSeconds());
            o.put("server_bytes", sample.server());
            o.put("device_bytes", new LinkedHashMap<>(sample.devices()));
            storage.add(o);
        }
        m.put("storage", storage);
        return m;
    }
}
