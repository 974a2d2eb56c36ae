package org.maillab.simulator.strategy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.maillab.simulator.servers.InProcessTarget;
import org.maillab.simulator.servers.MailLabServers;
import org.maillab.simulator.run.RunResult;
import org.maillab.simulator.run.ScenarioResult;
import org.maillab.simulator.run.SessionRecord;
import org.maillab.simulator.run.Simulation;
import org.maillab.simulator.scenario.ParseResult;
import org.maillab.simulator.scenario.Scenario;
import org.maillab.simulator.scenario.ScenarioParser;
import org.maillab.simulator.scenario.StrategyName;

/** The POP3 strategies against MailLab's POP3 server over loopback. */
class Pop3StrategiesTest {

    private static ScenarioResult run(String text) {
        Scenario scenario = ((ParseResult.Parsed) ScenarioParser.parse(text)).scenario();
        return new Simulation(scenario, () -> new InProcessTarget(MailLabServers.pop3(), MailLabServers.imap()),
                Strategies.standard(), Simulation.Options.defaults()).run();
    }

    private static final String TWO_CHECKS = """
            scenario two-checks
            duration 3h
            compare %s
            account alice
            mail alice count 5 every 10m start 0 size 2KB..9KB
            mail alice count 3 at 1h30m size 3KB
            device laptop account alice check-every 1h check-start 1h
            """;

    @Test
    void downloadAndDeleteLeavesTheServerEmptyAndTheMailOnTheDevice() {
        ScenarioResult r = run(TWO_CHECKS.formatted("pop3-delete"));
        RunResult run = r.run(StrategyName.POP3_DELETE).orElseThrow();
        assertEquals(RunResult.Status.COMPLETED, run.status(), run.note());
        assertEquals(0, run.finalServerBytes(), "RFC 1939 §6: messages marked with DELE are removed at QUIT");
        assertEquals(8, run.delivered());
        assertEquals(8, run.downloads());
        // checks at 1h, 2h, 3h and the final one: 4 sessions, one connection each
        assertEquals(4, run.totals().connections());
        long deviceBytes = run.storage().get(run.storage().size() - 1).devices().get("laptop");
        assertTrue(run.peakServerBytes() > 0);
        assertTrue(deviceBytes > 8 * 2048, "the device holds every message: " + deviceBytes);
    }

    @Test
    void leaveOnServerKeepsTheMailAndNeverFetchesAMessageTwice() {
        ScenarioResult r = run(TWO_CHECKS.formatted("pop3-keep"));
        RunResult run = r.run(StrategyName.POP3_KEEP).orElseThrow();
        assertEquals(RunResult.Status.COMPLETED, run.status(), run.note());
        assertEquals(8, run.downloads(), "each message once (RFC 1939 §7 UIDL)");
        assertEquals(0, run.redownloads());
        assertEquals(run.peakServerBytes(), run.finalServerBytes(), "nothing was deleted from the server");
        assertTrue(run.finalServerBytes() > 8 * 2048);
        // the check at 3h finds nothing new: greeting, USER, PASS, UIDL, QUIT and no RETR
        SessionRecord third = run.sessions().get(2);
        assertEquals(5, third.stats().roundTrips());
        assertEquals(4, third.stats().commands());
        assertTrue(third.newestReadable().isEmpty(), "no new mail, so no 'newest readable' moment");
    }

    @Test
    void leaveOnServerDeletesWhatItFetchedAfterTheConfiguredTime() {
        ScenarioResult r = run("""
                scenario delete-after
                duration 3d
                compare pop3-keep
                account alice
                mail alice count 4 at 0 size 2KB
                mail alice count 2 at 2d12h size 2KB
                device laptop account alice check-every 1d check-start 1h delete-after 2d
                """);
        RunResult run = r.run(StrategyName.POP3_KEEP).orElseThrow();
        assertEquals(RunResult.Status.COMPLETED, run.status(), run.note());
        assertEquals(6, run.downloads());
        assertEquals(0, run.redownloads());
        // the first four were fetched at 1h and deleted at the check of 2d1h; the last two are younger than 2 days
        long end = run.finalServerBytes();
        long peak = run.peakServerBytes();
        assertTrue(end > 0 && end < peak, "end " + end + " peak " + peak);
    }

    @Test
    void deviceThatChecksSecondGetsNothingWithDownloadAndDelete() {
        ScenarioResult r = run("""
                scenario two-devices
                duration 2h
                compare pop3-delete pop3-keep
                account alice
                mail alice count 6 at 10m size 2KB
                device laptop account alice check-every 1h check-start 30m
                device phone account alice check-every 1h check-start 40m
                at 50m phone open newest 2
                """);
        RunResult delete = r.run(StrategyName.POP3_DELETE).orElseThrow();
        RunResult keep = r.run(StrategyName.POP3_KEEP).orElseThrow();
        assertEquals(6, delete.consistency().missingOnOne(), "the laptop took all six; the phone has none");
        assertEquals(2, delete.couldNotOpen());
        assertEquals(0, keep.consistency().missingOnOne());
        assertEquals(2, keep.consistency().readStateDiffers(), "read on the phone, unread on the laptop: POP3 has no flags");
    }
}
