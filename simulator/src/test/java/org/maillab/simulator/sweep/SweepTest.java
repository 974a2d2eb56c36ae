package org.maillab.simulator.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.maillab.simulator.network.NetworkProfile;
import org.maillab.simulator.run.ScenarioResult;
import org.maillab.simulator.run.Simulation;
import org.maillab.simulator.scenario.ParseResult;
import org.maillab.simulator.scenario.Scenario;
import org.maillab.simulator.scenario.ScenarioParser;
import org.maillab.simulator.scenario.StrategyName;
import org.maillab.simulator.servers.InProcessTarget;
import org.maillab.simulator.servers.MailLabServers;
import org.maillab.simulator.strategy.Strategies;

class SweepTest {

    private static Sweep parse(String spec, int steps) {
        StringBuilder why = new StringBuilder();
        return Sweep.parse(spec, steps, why).orElseThrow(() -> new AssertionError(why.toString()));
    }

    private static String refused(String spec, int steps) {
        StringBuilder why = new StringBuilder();
        assertEquals(Optional.empty(), Sweep.parse(spec, steps, why));
        return why.toString();
    }

    @Test
    void aRangeOverADecadeIsGeometricAndANarrowOneEven() {
        assertEquals(List.of(20L, 200L, 2000L), parse("rtt=20ms..2s", 3).values());
        assertEquals(List.of(600L, 1200L, 1800L), parse("check=10m..30m", 3).values(), "seconds");
        assertEquals(List.of(56_000L, 100_000_000L), parse("bandwidth=56k..100M", 2).values());
        assertEquals(List.of(1L << 20, 3L << 20, 5L << 20), parse("quota=1MB..5MB", 3).values());
        assertEquals(List.of(1L, 2L, 3L, 4L), parse("seed=1..4", 2).values(), "every seed, whatever --steps says");
    }

    @Test
    void badSpecificationsSayWhatIsWrong() {
        assertTrue(refused("rtt", 5).contains("is not NAME=FROM..TO"));
        assertTrue(refused("colour=1..2", 5).contains("'colour' cannot be varied"));
        assertTrue(refused("rtt=20..2s", 5).contains("'20' is not a RTT (e.g. 20ms, 2s)"));
        assertTrue(refused("rtt=2s..20ms", 5).contains("must run upwards"));
        assertTrue(refused("quota=0..5MB", 5).contains("start above zero"));
        assertTrue(refused("rtt=1ms..2s", 51).contains("--steps must be from 2 to 50"));
        assertTrue(refused("rtt=9999999ms..2s", 5).contains("is not a RTT"), "no overflow: at most six digits");
    }

    @Test
    void anRttSweepRunsOnceAndModelsTheSameSessionsAgain() {
        Scenario s = ((ParseResult.Parsed) ScenarioParser.parse("""
                scenario small
                duration 2h
                compare pop3-delete imap-online
                claims C10
                account alice
                mail alice count 3 at 10m size 4KB
                device laptop account alice check-every 1h check-start 30m
                """)).scenario();
        SweepRunner runner = new SweepRunner(() -> new InProcessTarget(MailLabServers.pop3(), MailLabServers.imap()),
                Strategies.standard(), Simulation.Options.defaults());
        List<SweepRunner.Point> points = runner.run(s, parse("rtt=10ms..1s", 3), line -> { });
        assertEquals(List.of(10L, 100L, 1000L), points.stream().map(SweepRunner.Point::value).toList());
        for (SweepRunner.Point p : points) {
            var run = p.result().measured(StrategyName.POP3_DELETE).orElseThrow();
            assertEquals(points.get(0).result().measured(StrategyName.POP3_DELETE).orElseThrow().totals(), run.totals(),
                    "the same sessions at every RTT");
            var model = s.link().on(NetworkProfile.BROADBAND.withRoundTrip(Duration.ofMillis(p.value())));
            assertEquals(run.modelledTimeOn(model), run.modelledTime(), "each session modelled again at " + p.value() + " ms");
            assertEquals(List.of("C10"), p.verdicts().stream().map(v -> v.claim()).toList());
        }
        ScenarioResult first = points.get(0).result();
        assertTrue(points.get(2).result().measured(StrategyName.IMAP_ONLINE).orElseThrow().modelledTime()
                .compareTo(first.measured(StrategyName.IMAP_ONLINE).orElseThrow().modelledTime()) > 0);
    }
}
