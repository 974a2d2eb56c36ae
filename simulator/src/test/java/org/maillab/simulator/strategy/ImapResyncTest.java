package org.maillab.simulator.strategy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.maillab.simulator.servers.InProcessTarget;
import org.maillab.simulator.servers.MailLabServers;
import org.maillab.simulator.run.RunResult;
import org.maillab.simulator.run.Simulation;
import org.maillab.simulator.scenario.ParseResult;
import org.maillab.simulator.scenario.ScenarioParser;
import org.maillab.simulator.scenario.StrategyName;

/** The disconnected strategy's resynchronisation: QRESYNC against MailLab's server, and the UID fallback. */
class ImapResyncTest {

    /** Two devices; the laptop flags, moves and deletes while offline; mail keeps arriving. */
    private static final String TWO_DEVICES = """
            scenario resync
            duration 6h
            compare imap-disconnected
            account alice
            mail alice count 8 at 10m size 3KB
            mail alice count 4 every 1h start 1h30m size 2KB
            device laptop account alice check-every 1h check-start 30m
            device phone account alice check-every 1h check-start 40m
            at 50m laptop offline
            at 1h laptop flag newest 2
            at 1h laptop open oldest 3
            at 1h laptop move oldest 1 to Archive
            at 1h laptop delete newest 1
            at 3h laptop online
            at 4h phone flag oldest 2
            """;

    private record Outcome(RunResult run, List<String> transcript) {
    }

    private static Outcome run(String text, ImapStrategy.Resync best) {
        List<String> transcript = Collections.synchronizedList(new ArrayList<>());
        StrategyFactory factory = name -> {
            if (name != StrategyName.IMAP_DISCONNECTED) {
                return Strategies.create(name);
            }
            ImapDisconnectedStrategy s = new ImapDisconnectedStrategy(best);
            s.transcript = transcript::add;
            return s;
        };
        var scenario = ((ParseResult.Parsed) ScenarioParser.parse(text)).scenario();
        RunResult run = new Simulation(scenario, () -> new InProcessTarget(MailLabServers.pop3(), MailLabServers.imap()),
                factory, Simulation.Options.defaults()).run().run(StrategyName.IMAP_DISCONNECTED).orElseThrow();
        assertEquals(RunResult.Status.COMPLETED, run.status(), run.note());
        return new Outcome(run, List.copyOf(transcript));
    }

    private static long count(List<String> transcript, String regex) {
        return transcript.stream().filter(l -> l.matches(regex)).count();
    }

    @Test
    void againstMailLabTheStrategyEnablesQresyncAndSelectsWithItsRememberedState_rfc7162s3_2_5() {
        Outcome o = run(TWO_DEVICES, ImapStrategy.Resync.QRESYNC);
        assertTrue(count(o.transcript(), "C: \\S+ ENABLE QRESYNC") > 0, "ENABLE QRESYNC sent");
        assertTrue(count(o.transcript(), "C: \\S+ SELECT INBOX \\(QRESYNC \\(\\d+ \\d+ [0-9:,]+\\)\\)") > 0,
                "SELECT with (QRESYNC (uidvalidity modseq known-uids)) once a state is remembered");
        assertTrue(count(o.transcript(), "S: \\* VANISHED \\(EARLIER\\) [0-9:,]+") > 0,
                "the laptop's replayed delete and move reach the phone as VANISHED (EARLIER)");
        assertTrue(count(o.transcript(), "S: \\* OK \\[HIGHESTMODSEQ \\d+\\].*") > 0);
        assertEquals(0, o.run().consistency().total(), "the devices agree: " + o.run().consistency());
        assertEquals(0, o.run().lostMessages(), "nothing lost");
        assertEquals(12, o.run().delivered());
    }

    @Test
    void withQresyncTheFlagComparisonIsNotRepeated_rfc7162s6() {
        Outcome q = run(TWO_DEVICES, ImapStrategy.Resync.QRESYNC);
        Outcome f = run(TWO_DEVICES, ImapStrategy.Resync.UID_COMPARISON);
        long qSearches = count(q.transcript(), "C: \\S+ UID SEARCH ALL");
        long fSearches = count(f.transcript(), "C: \\S+ UID SEARCH ALL");
        assertTrue(qSearches < fSearches, "QRESYNC searches only on a first sight of a mailbox: "
                + qSearches + " vs " + fSearches);
    }

    @Test
    void theFallbackIsUsedWhenQresyncIsNotAllowed_rfc4549s4_3() {
        Outcome o = run(TWO_DEVICES, ImapStrategy.Resync.UID_COMPARISON);
        assertEquals(0, count(o.transcript(), "C: .*(ENABLE|QRESYNC|CONDSTORE|CHANGEDSINCE).*"),
                "no RFC 7162 command in the fallback");
        assertTrue(count(o.transcript(), "C: \\S+ UID SEARCH ALL") > 0);
        assertTrue(count(o.transcript(), "C: \\S+ UID FETCH [0-9:,]+ \\(?FLAGS\\)?") > 0, "known UIDs' FLAGS compared");
        assertEquals(0, o.run().consistency().total(), "the devices agree: " + o.run().consistency());
        assertEquals(0, o.run().lostMessages());
    }

    @Test
    void condstoreAloneFetchesFlagsChangedSinceTheRememberedModSeq_rfc7162s3_1_4() {
        Outcome o = run(TWO_DEVICES, ImapStrategy.Resync.CONDSTORE);
        assertEquals(0, count(o.transcript(), "C: .*(ENABLE|QRESYNC).*"));
        assertTrue(count(o.transcript(), "C: \\S+ SELECT INBOX \\(CONDSTORE\\)") > 0);
        assertTrue(count(o.transcript(), "C: \\S+ UID FETCH 1:\\* \\(?FLAGS\\)? \\(CHANGEDSINCE \\d+\\)") > 0);
        assertEquals(0, o.run().consistency().total(), "the devices agree: " + o.run().consistency());
        assertEquals(0, o.run().lostMessages());
    }

    @Test
    void aResyncAfterFewChangesOnALargeMailboxCostsFewerOctetsWithQresync() {
        String large = """
                scenario large-mailbox
                duration 5h
                compare imap-disconnected
                account alice
                mail alice count 400 at 5m size 1KB
                device laptop account alice check-every 1h check-start 30m
                device phone account alice check-every 1h check-start 40m
                at 1h laptop flag newest 2
                at 2h phone open oldest 1
                """;
        RunResult q = run(large, ImapStrategy.Resync.QRESYNC).run();
        RunResult f = run(large, ImapStrategy.Resync.UID_COMPARISON).run();
        assertEquals(0, q.consistency().total());
        assertEquals(f.downloads(), q.downloads(), "the same messages came down");
        // the fallback answers every later check with 400 FLAGS responses (each over 25 octets) per device
        long saved = f.totals().bytesDown() - q.totals().bytesDown();
        assertTrue(saved > 400L * 25 * 4, "QRESYNC " + q.totals().bytesDown() + " vs fallback "
                + f.totals().bytesDown() + " octets down");
    }
}
