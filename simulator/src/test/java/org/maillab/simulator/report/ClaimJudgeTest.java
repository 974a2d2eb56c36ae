package org.maillab.simulator.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.maillab.simulator.network.WireStats;
import org.maillab.simulator.run.Consistency;
import org.maillab.simulator.run.RunResult;
import org.maillab.simulator.run.ScenarioResult;
import org.maillab.simulator.run.SessionRecord;
import org.maillab.simulator.run.StorageSample;
import org.maillab.simulator.scenario.AccountSpec;
import org.maillab.simulator.scenario.Action;
import org.maillab.simulator.scenario.DeviceSpec;
import org.maillab.simulator.scenario.EventSpec;
import org.maillab.simulator.scenario.Scenario;
import org.maillab.simulator.scenario.StrategyName;

/** Verdicts follow the numbers: the same claim gets different verdicts from different measurements. */
class ClaimJudgeTest {

    private static Scenario scenario(String claim, boolean deviceDies) {
        List<EventSpec> events = deviceDies
                ? List.of(new EventSpec(Duration.ofHours(1), "laptop", new Action.Fail(), 0)) : List.of();
        return new Scenario("s", "s", List.of(claim), 1, Duration.ofHours(2), "broadband",
                List.of(StrategyName.values()), List.of(new AccountSpec("a", "p", OptionalLong.empty(), OptionalLong.empty())),
                List.of(), List.of(new DeviceSpec("laptop", "a", Optional.empty(), Duration.ofHours(1), Duration.ZERO,
                Optional.empty(), Optional.empty())), events);
    }

    private static RunResult run(StrategyName s, long serverEnd, int lost, int refusals, int inconsistent, long modelledMs,
                                 int redownloads) {
        SessionRecord session = new SessionRecord("laptop", "check", Duration.ZERO, "broadband",
                new WireStats(1000, 100, 5, 4, 1), Duration.ofMillis(modelledMs), Optional.empty());
        return new RunResult(s, RunResult.Status.COMPLETED, "", List.of(session),
                List.of(new StorageSample(Duration.ZERO, serverEnd, Map.of("laptop", 10L))),
                new Consistency(1, inconsistent, 0, 0), lost, refusals, 10, 0, List.of(), 10, redownloads);
    }

    private static Verdict judge(String claim, boolean dies, RunResult... runs) {
        return ClaimJudge.judge(claim, new ScenarioResult(scenario(claim, dies), "t", 10, List.of(runs)));
    }

    @Test
    void c1HoldsOnlyWhenDeletingIfLeaveOnServerLosesNothing() {
        Verdict v = judge("C1", true, run(StrategyName.POP3_DELETE, 0, 7, 0, 0, 10, 0), run(StrategyName.POP3_KEEP, 500, 0, 0, 0, 10, 0));
        assertEquals(Verdict.Kind.HOLDS_ONLY_WHEN, v.kind());
        assertTrue(v.summary().contains("lost 7 of 10"), v.summary());
        assertEquals(Verdict.Kind.HOLDS, judge("C1", true, run(StrategyName.POP3_DELETE, 0, 7, 0, 0, 10, 0)).kind());
        assertEquals(Verdict.Kind.DOES_NOT_HOLD, judge("C1", true, run(StrategyName.POP3_DELETE, 0, 0, 0, 0, 10, 0)).kind());
    }

    @Test
    void c11DependsOnRepeatsAndWhatStaysOnTheServer() {
        assertEquals(Verdict.Kind.HOLDS, judge("C11", false, run(StrategyName.POP3_KEEP, 500, 0, 0, 0, 10, 0)).kind());
        assertEquals(Verdict.Kind.HOLDS_ONLY_WHEN, judge("C11", false, run(StrategyName.POP3_KEEP, 500, 0, 0, 0, 10, 4)).kind());
        assertEquals(Verdict.Kind.DOES_NOT_HOLD, judge("C11", false, run(StrategyName.POP3_KEEP, 0, 0, 0, 0, 10, 0)).kind());
    }

    @Test
    void c2ComparesQuotaRefusalsOnceImapIsMeasured() {
        RunResult pop = run(StrategyName.POP3_DELETE, 0, 0, 0, 0, 10, 0);
        assertEquals(Verdict.Kind.NOT_MEASURED, judge("C2", false, pop, RunResult.unavailable(StrategyName.IMAP_ONLINE, "no IMAP")).kind());
        assertEquals(Verdict.Kind.HOLDS, judge("C2", false, pop, run(StrategyName.IMAP_ONLINE, 900, 0, 5, 0, 10, 0)).kind());
        Verdict never = judge("C2", false, pop, run(StrategyName.IMAP_ONLINE, 900, 0, 0, 0, 10, 0));
        assertEquals(Verdict.Kind.NOT_EXERCISED, never.kind(), "no strategy reached the quota: the claim's condition never arose");
        assertTrue(never.rule().contains("not exercised when no strategy reached the quota"), never.rule());
    }

    @Test
    void c4HoldsWhenImapDevicesAgreeAndPop3DevicesDoNot() {
        RunResult pop = run(StrategyName.POP3_KEEP, 0, 0, 0, 12, 10, 0);
        Verdict v = judge("C4", false, pop, run(StrategyName.IMAP_ONLINE, 0, 0, 0, 0, 10, 0));
        assertEquals(Verdict.Kind.HOLDS, v.kind());
        assertTrue(v.numbers().get(0).startsWith("POP3 leave-on-server (UIDL): 12 disagreements"), v.numbers().toString());
        assertEquals(Verdict.Kind.DOES_NOT_HOLD, judge("C4", false, pop, run(StrategyName.IMAP_ONLINE, 0, 0, 0, 3, 10, 0)).kind());
    }

    @Test
    void c10ComparesModelledTime() {
        RunResult pop = run(StrategyName.POP3_DELETE, 0, 0, 0, 0, 100, 0);
        assertEquals(Verdict.Kind.HOLDS, judge("C10", false, pop, run(StrategyName.IMAP_ONLINE, 0, 0, 0, 0, 300, 0)).kind());
        assertEquals(Verdict.Kind.DOES_NOT_HOLD, judge("C10", false, pop, run(StrategyName.IMAP_ONLINE, 0, 0, 0, 0, 50, 0)).kind());
    }

    private static RunResult traffic(StrategyName s, WireStats stats) {
        SessionRecord session = new SessionRecord("laptop", "check", Duration.ZERO, "broadband", stats, Duration.ZERO, Optional.empty());
        return new RunResult(s, RunResult.Status.COMPLETED, "", List.of(session),
                List.of(new StorageSample(Duration.ZERO, 0, Map.of("laptop", 10L))), new Consistency(1, 0, 0, 0), 0, 0, 10, 0,
                List.of(), 10, 0);
    }

    @Test
    void c10IsJudgedOnEveryLinkFromTheSameSessions() {
        // POP3: 2 MB in 10 round trips; IMAP: 100 KB in 200. Latency decides on fast links, bandwidth on dial-up.
        RunResult pop = traffic(StrategyName.POP3_DELETE, new WireStats(2_000_000, 1_000, 10, 10, 1));
        RunResult imap = traffic(StrategyName.IMAP_ONLINE, new WireStats(100_000, 5_000, 200, 200, 1));
        Verdict v = judge("C10", false, pop, imap);
        // dial-up (49/30 kbit/s): 11 x RTT + 326.8 s against 201 x RTT + 17.7 s, equal near 1.63 s
        assertTrue(v.links().startsWith("holds on LAN, broadband, 4G, 3G and satellite; not on dial-up; "
                + "crossover near 1.6 s RTT at dial-up bandwidth."), v.links());
        assertTrue(v.links().contains("Round trips dominated on LAN, broadband, 4G, 3G and satellite; bytes on dial-up."), v.links());
        assertTrue(v.numbers().contains("dial-up: POP3 download-and-delete 5 min 28 s, IMAP online 41.8 s"), v.numbers().toString());
    }

    @Test
    void aSlowLinkClaimIsNotExercisedWhenTheUserOpensTheAttachment() {
        Scenario s = new Scenario("s", "s", List.of("C9"), 1, Duration.ofHours(2), "3g",
                List.of(StrategyName.values()), List.of(new AccountSpec("a", "p", OptionalLong.empty(), OptionalLong.empty())),
                List.of(new org.maillab.simulator.scenario.MailSpec("a", 1, Duration.ZERO, Duration.ZERO, 1000, 1000,
                        List.of(new org.maillab.simulator.scenario.AttachmentSpec("video/mp4", 10_000_000)), List.of(), "clip", 0)),
                List.of(new DeviceSpec("laptop", "a", Optional.empty(), Duration.ofHours(1), Duration.ZERO,
                        Optional.empty(), Optional.empty())),
                List.of(new EventSpec(Duration.ofHours(1), "laptop", new Action.Open(
                        new org.maillab.simulator.scenario.Selector(org.maillab.simulator.scenario.Selector.Kind.NEWEST, 1), true), 0)));
        RunResult pop = traffic(StrategyName.POP3_DELETE, new WireStats(14_000_000, 1_000, 10, 10, 1));
        Verdict opened = ClaimJudge.judge("C9", new ScenarioResult(s, "t", 1, List.of(pop,
                traffic(StrategyName.IMAP_ONLINE, new WireStats(13_600_000, 1_000, 30, 30, 1)))));
        assertEquals(Verdict.Kind.NOT_EXERCISED, opened.kind(), "IMAP downloaded the clip because it was opened: " + opened.summary());
        Verdict left = ClaimJudge.judge("C9", new ScenarioResult(s, "t", 1, List.of(pop,
                traffic(StrategyName.IMAP_ONLINE, new WireStats(30_000, 1_000, 30, 30, 1)))));
        assertEquals(Verdict.Kind.HOLDS, left.kind(), "the open missed the clip and IMAP left it: " + left.summary());
    }

    @Test
    void c8WithoutASearchIsNotExercised() {
        Verdict v = judge("C8", false, run(StrategyName.POP3_DELETE, 0, 0, 0, 0, 10, 0), run(StrategyName.IMAP_ONLINE, 0, 0, 0, 0, 10, 0));
        assertEquals(Verdict.Kind.NOT_EXERCISED, v.kind());
    }

    @Test
    void everyClaimOfTheArticleHasARow() {
        Report report = Report.of(List.of(new ScenarioResult(scenario("C10", false), "t", 10, List.of(
                run(StrategyName.POP3_DELETE, 0, 0, 0, 0, 100, 0), run(StrategyName.IMAP_ONLINE, 0, 0, 0, 0, 300, 0)))));
        List<Report.ClaimRow> rows = report.claimIndex();
        assertEquals(19, rows.size());
        for (int i = 0; i < 19; i++) {
            Report.ClaimRow row = rows.get(i);
            assertEquals("C" + (i + 1), row.claim());
            assertTrue(!row.verdicts().isEmpty() || !row.whereShown().isEmpty(), row.claim());
        }
        assertEquals("s", rows.get(9).verdicts().get(0).scenario());
        assertTrue(rows.get(13).whereShown().contains("Pop3StateTable"), rows.get(13).whereShown());
        assertTrue(rows.get(17).whereShown().startsWith("not implemented"), rows.get(17).whereShown());
    }

    @Test
    void unknownClaimsAreNotMeasuredRatherThanGuessed() {
        assertEquals(Verdict.Kind.NOT_MEASURED, judge("C17", false, run(StrategyName.POP3_DELETE, 0, 0, 0, 0, 10, 0)).kind());
    }
}
