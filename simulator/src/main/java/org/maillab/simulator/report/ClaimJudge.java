package org.maillab.simulator.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.maillab.simulator.run.RunResult;
import org.maillab.simulator.run.ScenarioResult;
import org.maillab.simulator.run.SearchOutcome;
import org.maillab.simulator.scenario.Action;
import org.maillab.simulator.scenario.AttachmentSpec;
import org.maillab.simulator.scenario.DeviceSpec;
import org.maillab.simulator.scenario.StrategyName;
import org.maillab.simulator.strategy.Strategies;

/**
 * Decides, from a scenario's measurements only, what they say about each claim the scenario names.
 * Every verdict carries the numbers it was decided on. A claim that needs a strategy which did not
 * run is "not measured", with whatever numbers the other strategies gave.
 */
public final class ClaimJudge {

    private ClaimJudge() {
    }

    /** Verdicts for every claim the scenario names, in its order. */
    public static List<Verdict> judge(ScenarioResult result) {
        return result.scenario().claims().stream().map(c -> judge(c, result)).toList();
    }

    static Verdict judge(String claim, ScenarioResult r) {
        return switch (claim) {
            case "C1" -> c1(r);
            case "C2" -> c2(r);
            case "C3" -> c3(r);
            case "C4", "C5", "C15" -> sharedState(claim, r);
            case "C8" -> c8(r);
            case "C9", "C19" -> slowLink(claim, r);
            case "C10" -> c10(r);
            case "C11" -> c11(r);
            case "C12" -> c12(r);
            default -> notMeasured(claim, "no scenario measurement decides this claim; " + Claims.whereShown(claim), List.of());
        };
    }

    // ------------------------------------------------------------------ helpers

    private static Optional<RunResult> done(ScenarioResult r, StrategyName s) {
        return r.run(s).filter(run -> run.status() == RunResult.Status.COMPLETED);
    }

    private static Optional<RunResult> imap(ScenarioResult r) {
        return done(r, StrategyName.IMAP_ONLINE).or(() -> done(r, StrategyName.IMAP_DISCONNECTED));
    }

    private static List<String> each(ScenarioResult r, Function<RunResult, String> line) {
        List<String> lines = new ArrayList<>();
        for (RunResult run : r.runs()) {
            lines.add(run.strategy().label() + ": " + switch (run.status()) {
                case COMPLETED -> line.apply(run);
                case FAILED -> "failed (" + run.note() + ")";
                case UNAVAILABLE -> run.note();
            });
        }
        return lines;
    }

    private static Verdict notMeasured(String claim, String why, List<String> numbers) {
        return verdict(claim, Verdict.Kind.NOT_MEASURED, why, numbers);
    }

    private static Verdict notExercised(String claim, String why, List<String> numbers) {
        return verdict(claim, Verdict.Kind.NOT_EXERCISED, why, numbers);
    }

    private static Verdict verdict(String claim, Verdict.Kind kind, String summary, List<String> numbers) {
        return new Verdict(claim, Claims.text(claim), kind, summary, numbers, Claims.rule(claim), "");
    }

    /** A time claim: the verdict on the scenario's own networks, then the same sessions on every link. */
    private static Verdict onEveryLink(Verdict v, ScenarioResult r, RunResult faster, RunResult slower) {
        LinkComparison links = LinkComparison.of(faster, slower, r.scenario().link());
        return v.withLinks(links.sentence(), links.lines());
    }

    private static String needsImap(ScenarioResult r) {
        return r.run(StrategyName.IMAP_ONLINE).filter(run -> run.status() == RunResult.Status.UNAVAILABLE)
                .map(RunResult::note).orElse(Strategies.NO_IMAP_RESULT);
    }

    private static boolean hasFailures(ScenarioResult r) {
        return r.scenario().events().stream().anyMatch(e -> e.action() instanceof Action.Fail);
    }

    // ------------------------------------------------------------------ the claims

    static Verdict c1(ScenarioResult r) {
        List<String> numbers = each(r, run -> "lost " + run.lostMessages() + " messages; server at the end "
                + Numbers.bytes(run.finalServerBytes()) + "; " + run.delivered() + " delivered");
        Optional<RunResult> del = done(r, StrategyName.POP3_DELETE);
        if (del.isEmpty()) {
            return notMeasured("C1", "POP3 download-and-delete did not run to the end", numbers);
        }
        List<RunResult> others = r.runs().stream()
                .filter(run -> run.status() == RunResult.Status.COMPLETED && run.strategy() != StrategyName.POP3_DELETE)
                .toList();
        RunResult d = del.get();
        if (hasFailures(r)) {
            if (d.lostMessages() == 0) {
                return verdict("C1", Verdict.Kind.DOES_NOT_HOLD, "no message was lost with POP3 download-and-delete when the device died", numbers);
            }
            if (!others.isEmpty() && others.stream().allMatch(o -> o.lostMessages() == 0)) {
                return verdict("C1", Verdict.Kind.HOLDS_ONLY_WHEN, "POP3 deletes from the server: download-and-delete lost "
                        + d.lostMessages() + " of " + d.delivered() + " messages when the device died, "
                        + labels(others) + " lost none", numbers);
            }
            return verdict("C1", Verdict.Kind.HOLDS, "download-and-delete lost " + d.lostMessages() + " of "
                    + d.delivered() + " messages when the device died", numbers);
        }
        if (d.finalServerBytes() != 0) {
            return verdict("C1", Verdict.Kind.DOES_NOT_HOLD, "after the last check the server still held "
                    + Numbers.bytes(d.finalServerBytes()) + " with download-and-delete", numbers);
        }
        Optional<RunResult> keeping = others.stream().filter(o -> o.finalServerBytes() > 0).findFirst();
        if (keeping.isPresent()) {
            return verdict("C1", Verdict.Kind.HOLDS_ONLY_WHEN, "the client deletes: with download-and-delete the server held 0 B "
                    + "at the end and the mail lived on the device only (peak " + Numbers.bytes(d.peakDeviceBytes())
                    + "); " + keeping.get().strategy().label() + " kept " + Numbers.bytes(keeping.get().finalServerBytes())
                    + " on the server", numbers);
        }
        return verdict("C1", Verdict.Kind.HOLDS, "with download-and-delete the server held 0 B at the end; the mail lived on the device only ("
                + Numbers.bytes(d.peakDeviceBytes()) + ")", numbers);
    }

    private static String labels(List<RunResult> runs) {
        return String.join(" and ", runs.stream().map(run -> run.strategy().label()).toList());
    }

    static Verdict c2(ScenarioResult r) {
        List<String> numbers = each(r, run -> run.quotaRefusals() + " deliveries refused for quota; server peak "
                + Numbers.bytes(run.peakServerBytes()));
        Optional<RunResult> del = done(r, StrategyName.POP3_DELETE);
        Optional<RunResult> imap = imap(r);
        if (del.isEmpty() || imap.isEmpty()) {
            return notMeasured("C2", del.isEmpty() ? "POP3 download-and-delete did not run to the end" : needsImap(r), numbers);
        }
        int p = del.get().quotaRefusals();
        int i = imap.get().quotaRefusals();
        if (p == 0 && i > 0) {
            return verdict("C2", Verdict.Kind.HOLDS, imap.get().strategy().label() + " filled the quota (" + i
                    + " refusals) while POP3 download-and-delete had none", numbers);
        }
        if (p == 0 && i == 0) {
            return notExercised("C2", "the quota was never reached, with either strategy", numbers);
        }
        if (p < i) {
            return verdict("C2", Verdict.Kind.HOLDS_ONLY_WHEN, "POP3 checks often enough: it still had " + p
                    + " refusals against IMAP's " + i, numbers);
        }
        return verdict("C2", Verdict.Kind.DOES_NOT_HOLD, "POP3 had " + p + " refusals, IMAP " + i, numbers);
    }

    static Verdict c3(ScenarioResult r) {
        List<String> numbers = each(r, run -> Numbers.bytes(run.totals().bytesDown()) + " downloaded; "
                + run.downloads() + " whole messages");
        Optional<RunResult> online = done(r, StrategyName.IMAP_ONLINE);
        if (online.isEmpty()) {
            return notMeasured("C3", needsImap(r), numbers);
        }
        Optional<RunResult> del = done(r, StrategyName.POP3_DELETE);
        long imapDown = online.get().totals().bytesDown();
        if (del.isPresent() && imapDown < del.get().totals().bytesDown()) {
            return verdict("C3", Verdict.Kind.HOLDS, "IMAP online downloaded " + Numbers.bytes(imapDown) + " against POP3's "
                    + Numbers.bytes(del.get().totals().bytesDown()), numbers);
        }
        return verdict("C3", Verdict.Kind.DOES_NOT_HOLD, "IMAP online downloaded " + Numbers.bytes(imapDown)
                + ", no less than POP3", numbers);
    }

    static Verdict sharedState(String claim, ScenarioResult r) {
        List<String> numbers = each(r, run -> run.consistency().total() + " disagreements between devices ("
                + run.consistency().missingOnOne() + " messages missing on one, " + run.consistency().readStateDiffers()
                + " read on one but not the other, " + run.consistency().folderDiffers() + " in different folders; "
                + run.consistency().devicePairs() + " device pairs)");
        Optional<RunResult> imap = imap(r);
        List<RunResult> pop = r.runs().stream().filter(run -> run.status() == RunResult.Status.COMPLETED)
                .filter(run -> run.strategy() == StrategyName.POP3_DELETE || run.strategy() == StrategyName.POP3_KEEP).toList();
        if (imap.isEmpty()) {
            return notMeasured(claim, needsImap(r), numbers);
        }
        int i = imap.get().consistency().total();
        int worstPop = pop.stream().mapToInt(run -> run.consistency().total()).max().orElse(0);
        if (i == 0 && worstPop > 0) {
            return verdict(claim, Verdict.Kind.HOLDS, imap.get().strategy().label() + " devices agreed on every message; POP3 devices disagreed on up to "
                    + worstPop, numbers);
        }
        if (i == 0) {
            return verdict(claim, Verdict.Kind.HOLDS_ONLY_WHEN, "state changes on a device: here POP3 devices agreed as well", numbers);
        }
        return verdict(claim, Verdict.Kind.DOES_NOT_HOLD, imap.get().strategy().label() + " devices still disagreed on " + i + " messages", numbers);
    }

    static Verdict c8(ScenarioResult r) {
        List<String> numbers = each(r, run -> run.searches().isEmpty() ? "no search made"
                : String.join("; ", run.searches().stream().map(s -> "'" + s.text() + "' on " + s.device() + " found "
                        + s.found() + " of " + s.existing() + " existing (" + Numbers.bytes(s.bytesDown()) + " downloaded for it)").toList())
                + "; " + Numbers.bytes(run.totals().bytesDown()) + " downloaded in all");
        Optional<RunResult> imap = imap(r);
        if (imap.isEmpty()) {
            return notMeasured("C8", needsImap(r), numbers);
        }
        List<SearchOutcome> s = imap.get().searches();
        if (s.isEmpty()) {
            return notExercised("C8", "the scenario makes no search", numbers);
        }
        boolean imapFoundAll = s.stream().allMatch(o -> o.found() == o.existing());
        boolean popMissed = r.runs().stream().filter(run -> run.status() == RunResult.Status.COMPLETED && run != imap.get())
                .flatMap(run -> run.searches().stream()).anyMatch(o -> o.found() < o.existing());
        if (imapFoundAll && popMissed) {
            return verdict("C8", Verdict.Kind.HOLDS, "server-side search found every match; a POP3 device found only what it had downloaded", numbers);
        }
        if (imapFoundAll) {
            return verdict("C8", Verdict.Kind.HOLDS_ONLY_WHEN, "the mail is not already on the device: here POP3 found every match too, having downloaded everything first", numbers);
        }
        return verdict("C8", Verdict.Kind.DOES_NOT_HOLD, "server-side search missed messages", numbers);
    }

    static Verdict slowLink(String claim, ScenarioResult r) {
        long biggest = r.scenario().mail().stream().flatMap(m -> m.attachments().stream())
                .mapToLong(AttachmentSpec::size).max().orElse(0);
        List<String> slow = r.scenario().devices().stream().filter(d -> isSlow(r, d)).map(DeviceSpec::name).toList();
        List<String> numbers = each(r, run -> String.join("; ", r.scenario().devices().stream().map(d -> d.name() + " ("
                + r.scenario().networkOf(d) + ") downloaded " + Numbers.bytes(run.totalsOf(d.name()).bytesDown()) + " in "
                + Numbers.time(run.modelledTimeOf(d.name())) + " of modelled time").toList()));
        numbers = new ArrayList<>(numbers);
        numbers.add("largest attachment: " + Numbers.bytes(biggest));
        for (RunResult run : r.runs()) {
            if (run.compressed()) {
                numbers.add(TextReport.compression(run)); // slow links: what IMAP's COMPRESS adds
            }
        }
        Optional<RunResult> online = done(r, StrategyName.IMAP_ONLINE);
        Optional<RunResult> del = done(r, StrategyName.POP3_DELETE);
        if (online.isEmpty() || del.isEmpty()) {
            return notMeasured(claim, online.isEmpty() ? needsImap(r) : "POP3 download-and-delete did not run to the end", numbers);
        }
        if (slow.isEmpty() || biggest == 0) {
            return notExercised(claim, "no device on a slow link (3G, dial-up, satellite) received an attachment", numbers);
        }
        String device = slow.get(0);
        long imapDown = online.get().totalsOf(device).bytesDown();
        long popDown = del.get().totalsOf(device).bytesDown();
        if (imapDown >= biggest && opensAttachments(r, device)) {
            return notExercised(claim, "the user of " + device + " opened the attachments, so IMAP downloaded them too ("
                    + Numbers.bytes(imapDown) + "): there was nothing to leave on the server", numbers);
        }
        if (imapDown < biggest && popDown >= biggest) {
            return verdict(claim, Verdict.Kind.HOLDS, "on " + device + " IMAP online downloaded " + Numbers.bytes(imapDown) + " ("
                    + Numbers.time(online.get().modelledTimeOf(device)) + ") and left the attachment; POP3 downloaded "
                    + Numbers.bytes(popDown) + " (" + Numbers.time(del.get().modelledTimeOf(device)) + ")", numbers);
        }
        return verdict(claim, Verdict.Kind.DOES_NOT_HOLD, "on " + device + " IMAP online downloaded " + Numbers.bytes(imapDown)
                + ", POP3 " + Numbers.bytes(popDown), numbers);
    }

    private static boolean opensAttachments(ScenarioResult r, String device) {
        return r.scenario().events().stream().anyMatch(e -> e.device().equals(device)
                && e.action() instanceof Action.Open open && open.withAttachments());
    }

    private static boolean isSlow(ScenarioResult r, DeviceSpec d) {
        String n = r.scenario().networkOf(d);
        return n.equals("dialup") || n.equals("3g") || n.equals("satellite");
    }

    static Verdict c10(ScenarioResult r) {
        List<String> numbers = each(r, run -> Numbers.time(run.modelledTime()) + " modelled; " + run.totals().roundTrips()
                + " round trips; " + run.totals().connections() + " connections; " + Numbers.bytes(run.totals().bytesDown()) + " down");
        Optional<RunResult> online = done(r, StrategyName.IMAP_ONLINE);
        Optional<RunResult> del = done(r, StrategyName.POP3_DELETE);
        if (online.isEmpty() || del.isEmpty()) {
            return notMeasured("C10", online.isEmpty() ? needsImap(r) : "POP3 download-and-delete did not run to the end", numbers);
        }
        int cmp = del.get().modelledTime().compareTo(online.get().modelledTime());
        Verdict v = cmp < 0
                ? verdict("C10", Verdict.Kind.HOLDS, "POP3 spent " + Numbers.time(del.get().modelledTime()) + " on the network, IMAP online "
                        + Numbers.time(online.get().modelledTime()), numbers)
                : verdict("C10", Verdict.Kind.DOES_NOT_HOLD, "IMAP online spent " + Numbers.time(online.get().modelledTime())
                        + ", POP3 " + Numbers.time(del.get().modelledTime()), numbers);
        return onEveryLink(v, r, del.get(), online.get());
    }

    static Verdict c11(ScenarioResult r) {
        List<String> numbers = each(r, run -> "server at the end " + Numbers.bytes(run.finalServerBytes()) + "; "
                + run.downloads() + " downloads, " + run.redownloads() + " of them repeats; " + run.delivered() + " delivered");
        Optional<RunResult> keep = done(r, StrategyName.POP3_KEEP);
        if (keep.isEmpty()) {
            return notMeasured("C11", "POP3 leave-on-server did not run to the end", numbers);
        }
        RunResult k = keep.get();
        if (k.finalServerBytes() <= 0) {
            return verdict("C11", Verdict.Kind.DOES_NOT_HOLD, "leave-on-server ended with nothing on the server", numbers);
        }
        if (k.redownloads() == 0) {
            return verdict("C11", Verdict.Kind.HOLDS, "leave-on-server kept " + Numbers.bytes(k.finalServerBytes())
                    + " on the server, and UIDL let each device fetch each message once (" + k.downloads() + " downloads, 0 repeats)", numbers);
        }
        return verdict("C11", Verdict.Kind.HOLDS_ONLY_WHEN, "the server offers UIDL: " + k.redownloads() + " of "
                + k.downloads() + " downloads were messages fetched before", numbers);
    }

    static Verdict c12(ScenarioResult r) {
        List<String> numbers = each(r, run -> Numbers.time(run.modelledTime()) + " modelled; " + run.totals().connections()
                + " connections; device peak " + Numbers.bytes(run.peakDeviceBytes()));
        Optional<RunResult> disc = done(r, StrategyName.IMAP_DISCONNECTED);
        Optional<RunResult> online = done(r, StrategyName.IMAP_ONLINE);
        if (disc.isEmpty() || online.isEmpty()) {
            return notMeasured("C12", needsImap(r), numbers);
        }
        Verdict v = disc.get().modelledTime().compareTo(online.get().modelledTime()) < 0
                ? verdict("C12", Verdict.Kind.HOLDS, "disconnected IMAP spent " + Numbers.time(disc.get().modelledTime())
                        + " connected, online IMAP " + Numbers.time(online.get().modelledTime()), numbers)
                : verdict("C12", Verdict.Kind.DOES_NOT_HOLD, "disconnected IMAP spent " + Numbers.time(disc.get().modelledTime())
                        + ", no less than online IMAP", numbers);
        return onEveryLink(v, r, disc.get(), online.get());
    }
}
