package org.maillab.imap.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.maillab.imap.codec.CommandParser;
import org.maillab.imap.codec.FetchData;
import org.maillab.imap.codec.Response;
import org.maillab.imap.codec.ResponseCode;
import org.maillab.imap.codec.SequenceSet;
import org.maillab.mailstore.Flags;
import org.maillab.mailstore.Mailbox;
import org.maillab.mailstore.MessageInfo;

/**
 * RFC 7162 as properties: every change raises the message's MODSEQ above everything before it (and a
 * change that changes nothing raises nothing, §3.1.3), STORE UNCHANGEDSINCE changes exactly the messages
 * not modified since (§3.1.3), and a disconnected client that remembers HIGHESTMODSEQ resynchronises
 * any stale view with one FETCH (CHANGEDSINCE) (§3.1.4.1) or, with expunges, one SELECT (QRESYNC)
 * (§3.2.5, §6 "disconnected clients").
 */
class CondstoreProperties {

    private static final List<String> FLAGS = List.of("\\Seen", "\\Flagged", "\\Answered", "$Work");

    /** One change by the online session: STORE, APPEND ({@code kind == 3}) or EXPUNGE of one message (4). */
    record Op(int kind, int seq, int flag, long unchangedSinceBack) {
    }

    @Provide
    Arbitrary<List<Op>> ops() {
        return Combinators.combine(Arbitraries.integers().between(0, 4), Arbitraries.integers().between(1, 8),
                Arbitraries.integers().between(0, FLAGS.size() - 1), Arbitraries.longs().between(-1, 4))
                .as(Op::new).list().ofMaxSize(25);
    }

    private static List<Response> run(ImapSession s, String line) {
        List<Response> out = s.handle(CommandParser.parse(line)).responses();
        Response last = out.get(out.size() - 1);
        assertTrue(last instanceof Response.Tagged t && t.status() == Response.Status.OK, line + " -> " + out);
        return out;
    }

    private static ImapSession open(Fixture fixture) {
        ImapSession s = fixture.session();
        run(s, "a LOGIN fred secret");
        run(s, "b ENABLE IMAP4rev2");
        run(s, "c SELECT INBOX (CONDSTORE)");
        return s;
    }

    private static Map<Long, Set<String>> serverState(Fixture fixture) {
        Map<Long, Set<String>> state = new HashMap<>();
        try (Mailbox m = fixture.fred.open("INBOX", true)) {
            for (MessageInfo info : m.messages()) {
                state.put(info.uid(), new HashSet<>(FlagNames.of(info.flags(), false)));
            }
        }
        return state;
    }

    private static Map<Long, MessageInfo> infos(Fixture fixture) {
        Map<Long, MessageInfo> infos = new HashMap<>();
        try (Mailbox m = fixture.fred.open("INBOX", true)) {
            m.messages().forEach(i -> infos.put(i.uid(), i));
        }
        return infos;
    }

    private static long highest(Fixture fixture) {
        return fixture.fred.status("INBOX").highestModSeq();
    }

    /** Applies FETCH responses carrying UID and FLAGS to a client's cache. */
    private static void apply(List<Response> responses, Map<Long, Set<String>> cache) {
        for (Response r : responses) {
            if (r instanceof Response.Fetch f) {
                Optional<Long> uid = f.items().stream().filter(FetchData.Uid.class::isInstance)
                        .map(d -> ((FetchData.Uid) d).uid()).findFirst();
                f.items().stream().filter(FetchData.Flags.class::isInstance).findFirst()
                        .ifPresent(d -> cache.put(uid.orElseThrow(), new HashSet<>(((FetchData.Flags) d).flags())));
            }
        }
    }

    @Property(tries = 40, seed = "7162")
    void modSeqRisesWithEveryChangeAndChangedSinceResyncsAStaleClient(@ForAll("ops") List<Op> ops) {
        Fixture fixture = new Fixture();
        // the disconnected client: its cache and the HIGHESTMODSEQ it saw, then it goes away
        ImapSession offline = open(fixture);
        Map<Long, Set<String>> cache = new HashMap<>();
        apply(run(offline, "d UID FETCH 1:* (FLAGS)"), cache);
        long remembered = highest(fixture);
        run(offline, "e LOGOUT");

        ImapSession online = open(fixture);
        int appended = 0;
        for (Op op : ops) {
            Map<Long, MessageInfo> before = infos(fixture);
            long highestBefore = highest(fixture);
            if (op.kind() == 4 && !before.isEmpty()) {
                int seq = 1 + (op.seq() - 1) % before.size();
                run(online, "x STORE " + seq + " +FLAGS.SILENT (\\Deleted)");
                run(online, "y EXPUNGE");
            } else if (op.kind() == 3 || before.isEmpty()) {
                fixture.fred.append("INBOX", new ByteArrayInputStream(("Subject: n" + (++appended) + "\r\n\r\nx\r\n")
                        .getBytes(StandardCharsets.US_ASCII)), Flags.NONE, Instant.parse("2026-02-01T00:00:00Z"));
                run(online, "n NOOP"); // the online client hears of it (EXISTS)
            } else {
                int count = before.size();
                int seq = 1 + (op.seq() - 1) % count;
                String mode = switch (op.kind()) {
                    case 0 -> "+";
                    case 1 -> "-";
                    default -> "";
                };
                String modifier = op.unchangedSinceBack() < 0 ? ""
                        : "(UNCHANGEDSINCE " + Math.max(0, highestBefore - op.unchangedSinceBack()) + ") ";
                List<Response> out = run(online, "s STORE " + seq + " " + modifier + mode + "FLAGS ("
                        + FLAGS.get(op.flag()) + ")");
                long uid = before.keySet().stream().sorted().skip(seq - 1).findFirst().orElseThrow();
                Response.Tagged done = (Response.Tagged) out.get(out.size() - 1);
                boolean refused = done.code().filter(ResponseCode.Modified.class::isInstance).isPresent();
                if (!modifier.isEmpty()) {
                    long limit = Math.max(0, highestBefore - op.unchangedSinceBack());
                    // §3.1.3: refused exactly when the message changed after UNCHANGEDSINCE
                    assertEquals(before.get(uid).modSeq() > limit, refused, op + " " + out);
                    if (refused) {
                        assertEquals(new ResponseCode.Modified(new SequenceSet.Ranges(
                                List.of(new SequenceSet.Range(seq, seq)))), done.code().get());
                    }
                }
            }
            Map<Long, MessageInfo> after = infos(fixture);
            long highestAfter = highest(fixture);
            boolean changed = !after.keySet().containsAll(before.keySet());
            for (MessageInfo now : after.values()) {
                MessageInfo was = before.get(now.uid());
                if (was == null || !was.flags().equals(now.flags())) {
                    changed = true;
                    assertTrue(now.modSeq() > highestBefore, "a change gets a new, higher MODSEQ: " + op);
                } else {
                    assertEquals(was.modSeq(), now.modSeq(), "an unchanged message keeps its MODSEQ: " + op);
                }
            }
            assertEquals(changed, highestAfter > highestBefore, "HIGHESTMODSEQ moves iff something changed");
            assertTrue(highestAfter >= highestBefore);
        }

        // the client comes back. Without expunges, one FETCH (CHANGEDSINCE) brings its cache to the
        // server's state; in any case one SELECT (QRESYNC) does.
        if (ops.stream().noneMatch(op -> op.kind() == 4)) {
            Map<Long, Set<String>> copy = new HashMap<>(cache);
            ImapSession back = open(fixture);
            apply(run(back, "f UID FETCH 1:* (FLAGS) (CHANGEDSINCE " + remembered + ")"), copy);
            assertEquals(serverState(fixture), copy);
        }
        ImapSession back = fixture.session();
        run(back, "a LOGIN fred secret");
        run(back, "b ENABLE IMAP4rev2");
        run(back, "c ENABLE QRESYNC");
        List<Response> resync = run(back, "d SELECT INBOX (QRESYNC (" + fixture.fred.status("INBOX").uidValidity()
                + " " + remembered + "))");
        for (Response r : resync) {
            if (r instanceof Response.Vanished v) {
                assertTrue(v.earlier());
                for (SequenceSet.Range range : ((SequenceSet.Ranges) v.uids()).ranges()) {
                    for (long uid = range.first(); uid <= range.last(); uid++) {
                        cache.remove(uid);
                    }
                }
            }
        }
        apply(resync, cache);
        // messages appended meanwhile have higher mod-sequences too, so they are reported as well
        assertEquals(serverState(fixture), cache);
    }
}
