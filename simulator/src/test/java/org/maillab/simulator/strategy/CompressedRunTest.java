package org.maillab.simulator.strategy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.maillab.simulator.network.WireStats;
import org.maillab.simulator.servers.InProcessTarget;
import org.maillab.simulator.servers.MailLabServers;
import org.maillab.simulator.run.RunResult;
import org.maillab.simulator.run.ScenarioResult;
import org.maillab.simulator.run.Simulation;
import org.maillab.simulator.scenario.ParseResult;
import org.maillab.simulator.scenario.Scenario;
import org.maillab.simulator.scenario.ScenarioParser;
import org.maillab.simulator.scenario.StrategyName;

/**
 * IMAP strategies with COMPRESS=DEFLATE (RFC 4978, claim C19): what a compressed run says it would have
 * cost without compression is what the same scenario costs when run without it.
 */
class CompressedRunTest {

    private static final String SCENARIO = """
            scenario zip
            duration 6h
            network dialup
            compare imap-online imap-disconnected
            account alice
            mail alice count 12 every 20m start 10m size 2KB..30KB threads 3
            device phone account alice check-every 1h check-start 30m
            at 2h phone open newest 3
            at 4h phone flag newest 2
            """;

    private static RunResult run(Scenario scenario, StrategyName name) {
        ScenarioResult r = new Simulation(scenario, () -> new InProcessTarget(MailLabServers.pop3(), MailLabServers.imap()),
                Strategies.standard(), Simulation.Options.defaults()).run();
        RunResult run = r.run(name).orElseThrow();
        assertEquals(RunResult.Status.COMPLETED, run.status(), run.note());
        return run;
    }

    @Test
    void aCompressedRunReportsTheTrafficOfTheSameRunUncompressed() {
        Scenario plain = ((ParseResult.Parsed) ScenarioParser.parse(SCENARIO)).scenario();
        Scenario zipped = ((ParseResult.Parsed) ScenarioParser.parse(SCENARIO + "compress deflate\n")).scenario();
        assertTrue(zipped.compress());
        for (StrategyName name : new StrategyName[] {StrategyName.IMAP_ONLINE, StrategyName.IMAP_DISCONNECTED}) {
            RunResult p = run(plain, name);
            RunResult z = run(zipped, name);
            assertFalse(p.compressed());
            assertTrue(z.compressed());
            WireStats actual = p.totals();
            WireStats estimated = z.totalsWithoutCompression();
            assertEquals(actual.roundTrips(), estimated.roundTrips(), name + ": LOGIN + COMPRESS pipelined cost no round trip");
            assertEquals(actual.roundTrips(), z.totals().roundTrips());
            assertEquals(actual.commands(), estimated.commands(), name + ": command lines counted under compression");
            assertEquals(actual.connections(), estimated.connections());
            // Tags shift by one (COMPRESS takes one), so C9 may become C10: a few octets apart, no more.
            assertTrue(Math.abs(actual.bytesDown() - estimated.bytesDown()) <= actual.connections() * 20,
                    name + " down: " + actual.bytesDown() + " against " + estimated.bytesDown());
            assertTrue(Math.abs(actual.bytesUp() - estimated.bytesUp()) <= actual.commands() * 2,
                    name + " up: " + actual.bytesUp() + " against " + estimated.bytesUp());
            assertTrue(z.totals().bytesDown() * 2 < actual.bytesDown(), name + ": compressed " + z.totals());
            assertTrue(z.modelledTime().compareTo(z.modelledTimeWithoutCompression()) < 0, "dial-up: compression saves time");
        }
    }
}
