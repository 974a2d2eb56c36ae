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
        assertEquals(Verdict.Kind.DOES_NOT_HOLD, judge("C2", false, pop, run(StrategyName.IMAP_ONLINE, 900, 0, 0, 0, 10, 0)).kind());
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

    @Test
    void unknownClaimsAreNotMeasuredRatherThanGuessed() {
        assertEquals(Verdict.Kind.NOT_MEASURED, judge("C17", false, run(StrategyName.POP3_DELETE, 0, 0, 0, 0, 10, 0)).kind());
    }
}
