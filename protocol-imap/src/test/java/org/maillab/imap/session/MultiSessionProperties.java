package org.maillab.imap.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.maillab.imap.codec.Encoded;
import org.maillab.imap.codec.FetchData;
import org.maillab.imap.codec.Frame;
import org.maillab.imap.codec.Framer;
import org.maillab.imap.codec.FramerEvent;
import org.maillab.imap.codec.FramerLimits;
import org.maillab.imap.codec.LiteralSpooler;
import org.maillab.imap.codec.ParsedResponse;
import org.maillab.imap.codec.Response;
import org.maillab.imap.codec.ResponseParser;

/**
 * Several sessions on one INBOX doing random APPEND, STORE (system flags and keywords), EXPUNGE, UID
 * EXPUNGE, COPY, MOVE, FETCH (flags, and whole messages), SEARCH, NOOP and IDLE, interleaved command by
 * command. Each session's client side is mirrored from the responses alone (as a real client would), and
 * checked as imaptest's stress mode checks it:
 * <ul>
 * <li>sequence numbers in responses are always valid for the client, and no EXPUNGE arrives while a
 * FETCH, STORE or SEARCH is answered (RFC 9051 §7.5.1);
 * <li>FETCH, STORE and SEARCH answer OK and FETCH returns every message the client still numbers, with
 * its exact bytes, also one another session expunged that this client was not told of yet (RFC 2180
 * §4.1.1, §4.2.1);
 * <li>a message's MODSEQ as one CONDSTORE client sees it never goes down, and one MODSEQ never comes
 * with two different flag states (RFC 7162 §3.1: no older state after a newer one);
 * <li>no keyword appears in a FETCH before the client was given it in FLAGS (RFC 9051 §7.3.5);
 * <li>after NOOP every client sees exactly the model's messages and flags.
 * </ul>
 */
class MultiSessionProperties {

    enum Kind {
        APPEND, APPEND_DELETED, STORE_DELETED, UNSTORE_DELETED, STORE_SEEN, STORE_KEYWORD, UNSTORE_SEEN, EXPUNGE,
        UID_EXPUNGE, COPY, MOVE, FETCH, FETCH_BODY, UID_FETCH, SEARCH, NOOP, IDLE
    }

    record Action(int session, Kind kind, int arg) {
    }

    @Provide
    Arbitrary<List<Action>> actions() {
        return Combinators.combine(Arbitraries.integers().between(0, 2), Arbitraries.of(Kind.class),
                Arbitraries.integers().between(0, 1000)).as(Action::new).list().ofMinSize(5).ofMaxSize(40);
    }

    /** One connected client: the session and what its client knows from responses. */
    final class Client {
        final ImapConnection connection;
        final Framer reader = new Framer(Framer.Role.CLIENT, FramerLimits.defaults(), LiteralSpooler.inMemory());
        /** UIDs by sequence number as the client knows them; 0 = exists but UID not yet learned. */
        final List<Long> mirror = new ArrayList<>();
        final Map<Long, Set<String>> flagsSeen = new TreeMap<>();
        /** The highest MODSEQ seen per UID, and the flags that came with it. */
        final Map<Long, Long> modSeqSeen = new TreeMap<>();
        final Map<Long, List<String>> flagsAtModSeq = new TreeMap<>();
        /** The keywords the last FLAGS response gave. */
        final Set<String> keywordsAnnounced = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
        final Map<Long, String> bodies;
        int tagCounter;

        Client(Fixture fixture, boolean rev2, boolean condstore, Map<Long, String> bodies) {
            this.bodies = bodies;
            connection = fixture.connection(SessionConfig.defaults());
            connection.greeting();
            send("LOGIN fred secret", false);
            if (rev2) {
                send("ENABLE IMAP4rev2", false);
            }
            if (condstore) {
                send("ENABLE CONDSTORE", false);
            }
            send("SELECT INBOX", false);
            send("UID FETCH 1:* (UID FLAGS)", false);
        }

        /** Sends a command; returns its responses after checking them against the mirror. */
        List<Response> send(String command, boolean expungeForbidden) {
            String tag = "t" + (++tagCounter);
            ImapConnection.Result r = connection.onBytes(ByteBuffer.wrap((tag + " " + command + "\r\n")
                    .getBytes(StandardCharsets.UTF_8)));
            List<Response> responses = read(r.output());
            apply(responses, expungeForbidden, command);
            Response last = responses.get(responses.size() - 1);
            assertTrue(last instanceof Response.Tagged t && t.tag().equals(tag), command + " -> " + responses);
            if (expungeForbidden) {
                // FETCH, STORE, SEARCH: what the client numbers is there for it (RFC 2180 §4.1.1, §4.2.1)
                assertEquals(Response.Status.OK, ((Response.Tagged) last).status(), command + " -> " + last);
            }
            return responses;
        }

        /** FETCH 1:* (UID BODY.PEEK[]): every message the client numbers, each with the bytes it was given. */
        void fetchBodies() {
            int size = mirror.size();
            List<Response> responses = send("FETCH 1:* (UID BODY.PEEK[])", true);
            Set<Long> answered = new TreeSet<>();
            for (Response r : responses) {
                if (r instanceof Response.Fetch f) {
                    for (FetchData d : f.items()) {
                        if (d instanceof FetchData.BodySection b) {
                            long uid = mirror.get((int) f.sequence() - 1);
                            assertEquals(bodies.get(uid), new String(b.content().orElseThrow().readAll(),
                                    StandardCharsets.UTF_8), "BODY[] of UID " + uid);
                            answered.add(f.sequence());
                        }
                    }
                }
            }
            assertEquals(size, answered.size(), "every message the client numbers is fetched: " + responses);
        }

        List<Response> read(List<Encoded> output) {
            List<Response> responses = new ArrayList<>();
            for (Encoded e : output) {
                for (FramerEvent ev : reader.feed(e.toBytes())) {
                    Frame frame = ((FramerEvent.Complete) ev).frame();
                    ParsedResponse p = ResponseParser.parse(frame);
                    if (p instanceof ParsedResponse.Ok ok) {
                        responses.add(ok.response());
                    } else {
                        fail("unparsable response " + p);
                    }
                }
            }
            return responses;
        }

        void apply(List<Response> responses, boolean expungeForbidden, String command) {
            for (Response r : responses) {
                if (r instanceof Response.Flags fl) {
                    keywordsAnnounced.clear();
                    fl.flags().stream().filter(f -> !f.startsWith("\\")).forEach(keywordsAnnounced::add);
                } else if (r instanceof Response.Exists e) {
                    assertTrue(e.count() >= mirror.size(), "EXISTS may not shrink the mailbox: " + command);
                    while (mirror.size() < e.count()) {
                        mirror.add(0L);
                    }
                } else if (r instanceof Response.Expunge x) {
                    assertFalse(expungeForbidden, "EXPUNGE during " + command);
                    assertTrue(x.sequence() >= 1 && x.sequence() <= mirror.size(), "EXPUNGE " + x.sequence()
                            + " of " + mirror.size());
                    long uid = mirror.remove((int) x.sequence() - 1);
                    flagsSeen.remove(uid);
                } else if (r instanceof Response.Fetch f) {
                    assertTrue(f.sequence() >= 1 && f.sequence() <= mirror.size(), "FETCH " + f.sequence()
                            + " of " + mirror.size() + " in " + command);
                    int index = (int) f.sequence() - 1;
                    for (FetchData d : f.items()) {
                        if (d instanceof FetchData.Uid u) {
                            long known = mirror.get(index);
                            assertTrue(known == 0 || known == u.uid(), "seq " + f.sequence() + " was UID " + known
                                    + ", now " + u.uid());
                            mirror.set(index, u.uid());
                            if (index > 0 && mirror.get(index - 1) != 0) {
                                assertTrue(mirror.get(index - 1) < u.uid(), "UIDs ascend with sequence numbers");
                            }
                        }
                    }
                    long uid = mirror.get(index);
                    Long modSeq = null;
                    List<String> flags = null;
                    for (FetchData d : f.items()) {
                        if (d instanceof FetchData.Flags fl) {
                            flags = fl.flags();
                            for (String flag : flags) {
                                assertTrue(flag.startsWith("\\") || keywordsAnnounced.contains(flag),
                                        "keyword " + flag + " used before FLAGS gave it, in " + command);
                            }
                            if (uid != 0) {
                                Set<String> s = new TreeSet<>(flags);
                                s.removeIf(flag -> !flag.equals("\\Deleted") && !flag.equals("\\Seen")
                                        && !flag.startsWith("$k"));
                                flagsSeen.put(uid, s);
                            }
                        } else if (d instanceof FetchData.ModSeq m) {
                            modSeq = m.modSeq();
                        }
                    }
                    if (modSeq != null && uid != 0) {
                        long before = modSeqSeen.getOrDefault(uid, 0L);
                        assertTrue(modSeq >= before, "UID " + uid + " MODSEQ dropped " + before + " -> " + modSeq
                                + " in " + command);
                        if (flags != null) {
                            List<String> sorted = flags.stream().filter(x -> !x.equals("\\Recent")).sorted().toList();
                            if (modSeq == before && flagsAtModSeq.containsKey(uid)) {
                                assertEquals(flagsAtModSeq.get(uid), sorted, "UID " + uid + " MODSEQ " + modSeq
                                        + " with two flag states, in " + command);
                            }
                            flagsAtModSeq.put(uid, sorted);
                        } else if (modSeq > before) {
                            flagsAtModSeq.remove(uid);
                        }
                        modSeqSeen.put(uid, modSeq);
                    }
                }
            }
        }
    }

    @Property(tries = 60, seed = "20260127")
    void everySessionsViewStaysConsistentWithTheModel(@ForAll("actions") List<Action> actions) {
        Fixture fixture = new Fixture();
        // The model: INBOX's UIDs and their \Deleted/\Seen flags.
        TreeMap<Long, Set<String>> model = new TreeMap<>();
        model.put(1L, new TreeSet<>());
        model.put(2L, new TreeSet<>(Set.of("\\Seen")));
        model.put(3L, new TreeSet<>());
        Map<Long, String> bodies = new TreeMap<>(Map.of(1L, Fixture.MESSAGE_1, 2L, Fixture.MESSAGE_2,
                3L, Fixture.MESSAGE_3));
        long[] nextUid = {4};
        List<Client> clients = List.of(new Client(fixture, true, true, bodies), new Client(fixture, false, true, bodies),
                new Client(fixture, true, false, bodies));
        for (Action a : actions) {
            Client c = clients.get(a.session());
            int size = c.mirror.size();
            int seq = size == 0 ? 0 : 1 + a.arg() % size;
            long uid = seq == 0 ? 0 : c.mirror.get(seq - 1);
            switch (a.kind()) {
                case APPEND, APPEND_DELETED -> {
                    boolean deleted = a.kind() == Kind.APPEND_DELETED;
                    String body = "Subject: m" + a.arg() + "\r\n\r\nbody\r\n";
                    c.send("APPEND INBOX " + (deleted ? "(\\Deleted) " : "") + "{" + body.length() + "+}\r\n" + body,
                            false);
                    bodies.put(nextUid[0], body);
                    model.put(nextUid[0]++, new TreeSet<>(deleted ? Set.of("\\Deleted") : Set.of()));
                }
                case STORE_DELETED, UNSTORE_DELETED, STORE_SEEN, UNSTORE_SEEN, STORE_KEYWORD -> {
                    if (seq == 0) {
                        continue;
                    }
                    String flag = switch (a.kind()) {
                        case STORE_SEEN, UNSTORE_SEEN -> "\\Seen";
                        case STORE_KEYWORD -> "$k" + a.arg() % 3;
                        default -> "\\Deleted";
                    };
                    boolean add = a.kind() != Kind.UNSTORE_DELETED && a.kind() != Kind.UNSTORE_SEEN;
                    // .SILENT for \Seen: the client hears only of other sessions' changes (RFC 9051 §6.4.6)
                    String silent = a.kind() == Kind.STORE_SEEN || a.kind() == Kind.UNSTORE_SEEN ? ".SILENT" : "";
                    c.send("STORE " + seq + " " + (add ? "+" : "-") + "FLAGS" + silent + " (" + flag + ")", true);
                    if (!silent.isEmpty() && c.flagsSeen.containsKey(uid)) {
                        // the client knows what it asked for
                        if (add) {
                            c.flagsSeen.get(uid).add(flag);
                        } else {
                            c.flagsSeen.get(uid).remove(flag);
                        }
                    }
                    if (uid != 0 && model.containsKey(uid)) {
                        if (add) {
                            model.get(uid).add(flag);
                        } else {
                            model.get(uid).remove(flag);
                        }
                    }
                }
                case EXPUNGE -> {
                    c.send("EXPUNGE", false);
                    model.entrySet().removeIf(e -> e.getValue().contains("\\Deleted"));
                }
                case UID_EXPUNGE -> {
                    long target = uid != 0 ? uid : 1 + a.arg() % nextUid[0];
                    c.send("UID EXPUNGE " + target, false);
                    Set<String> f = model.get(target);
                    if (f != null && f.contains("\\Deleted")) {
                        model.remove(target);
                    }
                }
                case COPY -> {
                    if (seq != 0) {
                        c.send("COPY " + seq + " Work", false);
                    }
                }
                case MOVE -> {
                    if (seq != 0) {
                        c.send("MOVE " + seq + " Work", false);
                        if (uid != 0) {
                            model.remove(uid);
                        }
                    }
                }
                case FETCH -> {
                    if (size > 0) {
                        c.send("FETCH 1:* (FLAGS)", true);
                    }
                }
                case FETCH_BODY -> {
                    if (size > 0) {
                        c.fetchBodies();
                    }
                }
                case UID_FETCH -> c.send("UID FETCH 1:* (UID FLAGS)", false);
                case SEARCH -> c.send("SEARCH DELETED", true);
                case NOOP -> c.send("NOOP", false);
                case IDLE -> {
                    ImapConnection.Result r = c.connection.onBytes(ByteBuffer.wrap(("i" + a.arg() + " IDLE\r\n")
                            .getBytes(StandardCharsets.US_ASCII)));
                    c.apply(c.read(r.output()), false, "IDLE");
                    c.apply(c.read(c.connection.pendingUpdates()), false, "IDLE");
                    r = c.connection.onBytes(ByteBuffer.wrap("DONE\r\n".getBytes(StandardCharsets.US_ASCII)));
                    c.apply(c.read(r.output()), false, "DONE");
                }
            }
            // STORE on a message whose UID the client has not learned yet: learn it now for the model.
            if ((a.kind() == Kind.STORE_DELETED || a.kind() == Kind.UNSTORE_DELETED || a.kind() == Kind.STORE_SEEN
                    || a.kind() == Kind.UNSTORE_SEEN || a.kind() == Kind.STORE_KEYWORD || a.kind() == Kind.MOVE)
                    && seq != 0 && uid == 0) {
                syncModelFromStore(fixture, model);
            }
        }
        for (Client c : clients) {
            c.send("NOOP", false);
            // NOOP has told the client of every change to the flags it knows (RFC 9051 §7.5, §6.4.6)
            for (long uid : c.mirror) {
                if (uid != 0 && c.flagsSeen.containsKey(uid)) {
                    assertEquals(model.get(uid), c.flagsSeen.get(uid), "flags of UID " + uid + " told by NOOP");
                }
            }
            c.send("UID FETCH 1:* (UID FLAGS)", false);
            assertEquals(List.copyOf(model.keySet()), c.mirror, "client view after NOOP");
            for (Map.Entry<Long, Set<String>> e : model.entrySet()) {
                assertEquals(e.getValue(), c.flagsSeen.get(e.getKey()), "flags of UID " + e.getKey());
            }
        }
    }

    /** Only for a STORE/MOVE through a sequence number whose UID the client did not know: read the truth. */
    private static void syncModelFromStore(Fixture fixture, TreeMap<Long, Set<String>> model) {
        try (var view = fixture.fred.open("INBOX", true)) {
            model.clear();
            for (var m : view.messages()) {
                Set<String> f = new TreeSet<>();
                if (m.flags().contains(org.maillab.mailstore.SystemFlag.DELETED)) {
                    f.add("\\Deleted");
                }
                if (m.flags().contains(org.maillab.mailstore.SystemFlag.SEEN)) {
                    f.add("\\Seen");
                }
                m.flags().keywords().stream().filter(k -> k.startsWith("$k")).forEach(f::add);
                model.put(m.uid(), f);
            }
        }
    }
}
