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
 * Several sessions on one INBOX doing random APPEND, STORE, EXPUNGE, UID EXPUNGE, COPY, MOVE, FETCH,
 * SEARCH, NOOP and IDLE. Each session's client side is mirrored from the responses alone (as a real
 * client would), and checked: sequence numbers in responses are always valid for the client, no EXPUNGE
 * arrives while a FETCH, STORE or SEARCH is answered (RFC 9051 §7.5.1), and after NOOP every client sees
 * exactly the model's messages and flags (what imaptest's stress mode checks).
 */
class MultiSessionProperties {

    enum Kind {
        APPEND, APPEND_DELETED, STORE_DELETED, UNSTORE_DELETED, STORE_SEEN, EXPUNGE, UID_EXPUNGE, COPY, MOVE,
        FETCH, UID_FETCH, SEARCH, NOOP, IDLE
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
        int tagCounter;

        Client(Fixture fixture, boolean rev2) {
            connection = fixture.connection(SessionConfig.defaults());
            connection.greeting();
            send("LOGIN fred secret", false);
            if (rev2) {
                send("ENABLE IMAP4rev2", false);
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
            return responses;
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
                if (r instanceof Response.Exists e) {
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
                    for (FetchData d : f.items()) {
                        if (d instanceof FetchData.Flags fl && mirror.get(index) != 0) {
                            Set<String> s = new TreeSet<>(fl.flags());
                            s.retainAll(Set.of("\\Deleted", "\\Seen"));
                            flagsSeen.put(mirror.get(index), s);
                        }
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
        long[] nextUid = {4};
        List<Client> clients = List.of(new Client(fixture, true), new Client(fixture, false),
                new Client(fixture, true));
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
                    model.put(nextUid[0]++, new TreeSet<>(deleted ? Set.of("\\Deleted") : Set.of()));
                }
                case STORE_DELETED, UNSTORE_DELETED, STORE_SEEN -> {
                    if (seq == 0) {
                        continue;
                    }
                    String flag = a.kind() == Kind.STORE_SEEN ? "\\Seen" : "\\Deleted";
                    boolean add = a.kind() != Kind.UNSTORE_DELETED;
                    c.send("STORE " + seq + " " + (add ? "+" : "-") + "FLAGS (" + flag + ")", true);
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
                    || a.kind() == Kind.MOVE) && seq != 0 && uid == 0) {
                syncModelFromStore(fixture, model);
            }
        }
        for (Client c : clients) {
            c.send("NOOP", false);
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
                model.put(m.uid(), f);
            }
        }
    }
}
