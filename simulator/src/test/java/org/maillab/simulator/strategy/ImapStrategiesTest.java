package org.maillab.simulator.strategy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.maillab.simulator.servers.InProcessTarget;
import org.maillab.simulator.servers.MailLabServers;
import org.maillab.simulator.run.RunResult;
import org.maillab.simulator.run.ScenarioResult;
import org.maillab.simulator.run.SessionRecord;
import org.maillab.simulator.run.Simulation;
import org.maillab.simulator.run.StandardScenarios;
import org.maillab.simulator.scenario.ParseResult;
import org.maillab.simulator.scenario.Scenario;
import org.maillab.simulator.scenario.ScenarioParser;
import org.maillab.simulator.scenario.StrategyName;

/** The IMAP strategies against MailLab's IMAP server over loopback. */
class ImapStrategiesTest {

    private static ScenarioResult run(Scenario scenario) {
        return new Simulation(scenario, () -> new InProcessTarget(MailLabServers.pop3(), MailLabServers.imap()),
                Strategies.standard(), Simulation.Options.defaults()).run();
    }

    private static ScenarioResult run(String text) {
        return run(((ParseResult.Parsed) ScenarioParser.parse(text)).scenario());
    }

    private static RunResult completed(ScenarioResult r, StrategyName name) {
        RunResult run = r.run(name).orElseThrow();
        assertEquals(RunResult.Status.COMPLETED, run.status(), run.note());
        return run;
    }

    @Test
    void imapOnlineDownloadsOnlyTheBodiesThatWereOpened_rfc9051s6_4_5() {
        ScenarioResult r = run("""
                scenario open-two
                duration 3h
                compare imap-online
                account alice
                mail alice count 6 at 10m size 20KB
                device laptop account alice check-every 1h check-start 30m
                at 1h laptop open newest 2
                """);
        RunResult run = completed(r, StrategyName.IMAP_ONLINE);
        assertEquals(6, run.delivered());
        assertEquals(2, run.downloads(), "only the two opened messages came down whole");
        long down = run.totals().bytesDown();
        assertTrue(down < 4 * 20 * 1024, "six 20 KB messages listed, two opened: " + down + " octets down");
        assertTrue(down > 2 * 20 * 1024, "the two opened texts did come down: " + down);
    }

    @Test
    void disconnectedOpensAttachmentsOverTheNetworkWhenOnline() {
        ScenarioResult r = run("""
                scenario clip-online
                duration 3h
                compare imap-disconnected
                account alice
                mail alice count 1 at 10m size 2KB attach application/pdf 200KB
                device laptop account alice check-every 2h check-start 30m
                at 1h laptop open newest 1 with-attachments
                """);
        RunResult run = completed(r, StrategyName.IMAP_DISCONNECTED);
        assertEquals(0, run.couldNotOpen());
        assertTrue(run.totals().bytesDown() > 200 * 1024,
                "the attachment was asked for while online, so it came down: " + run.totals().bytesDown());
    }

    @Test
    void disconnectedCannotOpenAnAttachmentItDoesNotHoldWhileOffline() {
        ScenarioResult r = run("""
                scenario clip-offline
                duration 3h
                compare imap-disconnected
                account alice
                mail alice count 1 at 10m size 2KB attach application/pdf 200KB
                device laptop account alice check-every 2h check-start 30m
                at 50m laptop offline
                at 1h laptop open newest 1 with-attachments
                """);
        RunResult run = completed(r, StrategyName.IMAP_DISCONNECTED);
        assertEquals(1, run.couldNotOpen(), "the text is local, the attachment is not");
        assertTrue(run.totals().bytesDown() < 100 * 1024, "nothing more came down: " + run.totals().bytesDown());
    }

    @Test
    void anOfflineOnlineClientIsNotCreditedWithReadingTextItDoesNotHold() {
        ScenarioResult r = run("""
                scenario plane
                duration 3h
                compare imap-online
                account alice
                mail alice count 4 at 10m size 20KB
                device laptop account alice check-every 1h check-start 30m
                at 50m laptop offline
                at 1h laptop open newest 2
                """);
        RunResult run = completed(r, StrategyName.IMAP_ONLINE);
        assertEquals(2, run.couldNotOpen(), "headers only on the device: the two texts cannot be shown offline");
        assertEquals(0, run.downloads());
    }

    @Test
    void theHotelsImapOnlineClientNeverDownloadsTheClip() {
        ScenarioResult r = run(StandardScenarios.load("hotel"));
        RunResult online = completed(r, StrategyName.IMAP_ONLINE);
        RunResult pop3 = completed(r, StrategyName.POP3_DELETE);
        assertTrue(online.totals().bytesDown() < 1024 * 1024, "IMAP online: " + online.totals().bytesDown());
        assertTrue(pop3.totals().bytesDown() > 10 * 1024 * 1024, "POP3 must take the clip: " + pop3.totals().bytesDown());
    }

    @Test
    void disconnectedReplayConvergesTheDevices_rfc4549s4() {
        ScenarioResult r = run("""
                scenario replay
                duration 6h
                compare imap-disconnected
                account alice
                mail alice count 8 at 10m size 3KB
                device laptop account alice check-every 1h check-start 30m
                device phone account alice check-every 1h check-start 40m
                at 50m laptop offline
                at 1h laptop flag newest 2
                at 1h laptop open oldest 3
                at 1h laptop move oldest 1 to Archive
                at 1h laptop delete newest 1
                at 3h laptop online
                """);
        RunResult run = completed(r, StrategyName.IMAP_DISCONNECTED);
        assertEquals(0, run.consistency().total(), "after the replay both devices show the same state: " + run.consistency());
        // while the laptop was offline it did not connect, so its changes cost nothing until it came back
        assertTrue(run.sessions().stream().filter(s -> s.device().equals("laptop")).noneMatch(
                s -> s.at().compareTo(java.time.Duration.ofMinutes(50)) > 0 && s.at().compareTo(java.time.Duration.ofHours(3)) < 0));
    }

    @Test
    void imapRunsAreDeterministicAndTotalsEqualTheSumOfSessions() {
        String text = """
                scenario det
                duration 4h
                compare imap-online imap-disconnected
                account alice
                mail alice count 10 every 20m start 0 size 1KB..30KB attach application/pdf 50KB
                device laptop account alice check-every 1h check-start 30m
                device phone account alice check-every 2h check-start 45m network 3g
                at 2h laptop open newest 3 with-attachments
                at 2h phone flag newest 2
                at 3h phone search "Invoice"
                """;
        ScenarioResult a = run(text);
        ScenarioResult b = run(text);
        for (StrategyName name : List.of(StrategyName.IMAP_ONLINE, StrategyName.IMAP_DISCONNECTED)) {
            RunResult x = completed(a, name);
            RunResult y = completed(b, name);
            assertEquals(x.totals(), y.totals(), name + ": same scenario and seed, same counts");
            assertEquals(x.sessions().stream().map(SessionRecord::stats).toList(),
                    y.sessions().stream().map(SessionRecord::stats).toList());
            long down = x.sessions().stream().mapToLong(s -> s.stats().bytesDown()).sum();
            long trips = x.sessions().stream().mapToLong(s -> s.stats().roundTrips()).sum();
            assertEquals(down, x.totals().bytesDown());
            assertEquals(trips, x.totals().roundTrips());
        }
    }

    @Test
    void deletingEverythingOfflineIsStillToldToTheServer_rfc4549s4_2() {
        ScenarioResult r = run("""
                scenario delete-all-offline
                duration 3h
                compare imap-disconnected
                account alice
                mail alice count 3 at 10m size 4KB
                device laptop account alice check-every 1h check-start 30m
                at 40m laptop offline
                at 50m laptop delete all
                at 1h30m laptop online
                """);
        RunResult run = completed(r, StrategyName.IMAP_DISCONNECTED);
        assertTrue(run.peakServerBytes() > 3 * 4096);
        assertEquals(0, run.finalServerBytes(), "the queued deletes were replayed: STORE \\Deleted, UID EXPUNGE");
        assertEquals(3, run.downloads(), "each text came down once, at the first synchronisation, not again");
    }
}
