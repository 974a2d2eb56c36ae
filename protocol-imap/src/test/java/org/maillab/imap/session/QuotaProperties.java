package org.maillab.imap.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.maillab.imap.codec.ParsedResponse;
import org.maillab.imap.codec.Response;
import org.maillab.imap.codec.ResponseCode;
import org.maillab.imap.codec.ResponseParser;
import org.maillab.mailstore.Quota;

/**
 * RFC 9208 as a model-based property. A user session (INBOX selected) appends, copies, moves and
 * expunges while an administrator session changes the limits with SETQUOTA. A model (the sizes of the
 * messages in INBOX and Work) predicts each outcome, and after every step:
 * <ul>
 * <li>GETQUOTA reports exactly the real usage: the messages the store holds, counted with STATUS
 * (§5.1 in KiB rounded up, §5.2 exact);</li>
 * <li>an addition succeeds exactly when it fits (§4.3.1), so no successful APPEND or COPY ever leaves
 * usage above a limit, and a refused one ({@code NO [OVERQUOTA]}) changes nothing.</li>
 * </ul>
 */
class QuotaProperties {

    /** kind: 0 APPEND, 1 COPY, 2 MOVE, 3 EXPUNGE, 4 SETQUOTA. */
    record Op(int kind, int index, int size, boolean toInbox, Optional<Integer> storageKib,
            Optional<Integer> messages) {
    }

    @Provide
    Arbitrary<List<Op>> ops() {
        Arbitrary<Optional<Integer>> kib = Arbitraries.integers().between(0, 3).optional(0.7);
        Arbitrary<Optional<Integer>> count = Arbitraries.integers().between(0, 8).optional(0.7);
        return Combinators.combine(Arbitraries.integers().between(0, 4), Arbitraries.integers().between(0, 9),
                Arbitraries.integers().between(1, 900), Arbitraries.of(true, false), kib, count)
                .as(Op::new).list().ofMinSize(1).ofMaxSize(30);
    }

    /** Sends bytes (CRLF added) and parses what comes back, line by line. */
    private static List<Response> run(ImapConnection c, String text) {
        ImapConnection.Result r = c.onBytes(ByteBuffer.wrap((text + "\r\n").getBytes(StandardCharsets.US_ASCII)));
        StringBuilder sb = new StringBuilder();
        r.output().forEach(e -> sb.append(e.text()));
        List<Response> out = new ArrayList<>();
        for (String line : sb.toString().split("\r\n")) {
            ParsedResponse p = ResponseParser.parse(line);
            assertTrue(p instanceof ParsedResponse.Ok, line);
            out.add(((ParsedResponse.Ok) p).response());
        }
        return out;
    }

    private static Response.Tagged done(List<Response> out) {
        return (Response.Tagged) out.get(out.size() - 1);
    }

    private static void expectOk(List<Response> out, String what) {
        assertEquals(Response.Status.OK, done(out).status(), what + " -> " + out);
    }

    /** OK when it fits, else NO [OVERQUOTA]; returns whether it succeeded. */
    private static boolean expectOutcome(List<Response> out, boolean fits, String what) {
        Response.Tagged t = done(out);
        if (fits) {
            assertEquals(Response.Status.OK, t.status(), what + " should fit -> " + out);
            return true;
        }
        assertEquals(Response.Status.NO, t.status(), what + " should not fit -> " + out);
        assertEquals(Optional.of(ResponseCode.OVERQUOTA), t.code(), what);
        return false;
    }

    /** The model: sizes of the messages per mailbox, and the limits (octets, messages). */
    static final class Model {
        final List<Integer> inbox = new ArrayList<>(List.of(150, 144, 61));
        final List<Integer> work = new ArrayList<>();
        OptionalLong storage = OptionalLong.empty();
        OptionalLong messages = OptionalLong.empty();

        long octets() {
            return inbox.stream().mapToLong(Integer::longValue).sum() + work.stream().mapToLong(Integer::longValue).sum();
        }

        int count() {
            return inbox.size() + work.size();
        }

        boolean fits(int addedMessages, long addedOctets) {
            return (storage.isEmpty() || octets() + addedOctets <= storage.getAsLong())
                    && (messages.isEmpty() || count() + addedMessages <= messages.getAsLong());
        }
    }

    @Property(tries = 60, seed = "9208")
    void getquotaAlwaysReportsTheRealUsageAndNoAdditionPassesALimit(@ForAll("ops") List<Op> ops) {
        Fixture fixture = new Fixture();
        fixture.store.createAccount("root", "toor", false);
        SessionConfig config = SessionConfig.defaults().withAdminAccounts(Set.of("root"));
        ImapConnection user = fixture.connection(config);
        ImapConnection admin = fixture.connection(config);
        user.greeting();
        admin.greeting();
        expectOk(run(user, "a LOGIN fred secret"), "login");
        expectOk(run(user, "b SELECT INBOX"), "select");
        expectOk(run(admin, "a LOGIN root toor"), "login");
        Model model = new Model();
        int step = 0;
        for (Op op : ops) {
            String tag = "t" + (++step);
            boolean added = false;
            switch (op.kind()) {
                case 0 -> {
                    String mailbox = op.toInbox() ? "INBOX" : "Work";
                    String body = "x".repeat(op.size());
                    added = expectOutcome(run(user, tag + " APPEND " + mailbox + " {" + op.size() + "+}\r\n" + body),
                            model.fits(1, op.size()), op.toString());
                    if (added) {
                        (op.toInbox() ? model.inbox : model.work).add(op.size());
                    }
                }
                case 1, 2 -> {
                    if (model.inbox.isEmpty()) {
                        continue;
                    }
                    int i = op.index() % model.inbox.size();
                    boolean move = op.kind() == 2;
                    String command = tag + (move ? " MOVE " : " COPY ") + (i + 1) + " Work";
                    // a move takes no room (it never changes the account's usage); a copy needs it
                    boolean fits = move || model.fits(1, model.inbox.get(i));
                    if (expectOutcome(run(user, command), fits, command)) {
                        model.work.add(move ? model.inbox.remove(i) : model.inbox.get(i));
                        added = !move;
                    }
                }
                case 3 -> {
                    if (model.inbox.isEmpty()) {
                        continue;
                    }
                    int i = op.index() % model.inbox.size();
                    expectOk(run(user, tag + " STORE " + (i + 1) + " +FLAGS.SILENT (\\Deleted)"), "store");
                    expectOk(run(user, tag + " EXPUNGE"), "expunge");
                    model.inbox.remove(i);
                }
                default -> {
                    StringBuilder list = new StringBuilder();
                    op.storageKib().ifPresent(k -> list.append("STORAGE ").append(k));
                    op.messages().ifPresent(m -> list.append(list.length() > 0 ? " " : "").append("MESSAGE ").append(m));
                    expectOk(run(admin, tag + " SETQUOTA #user/fred (" + list + ")"), "setquota");
                    model.storage = op.storageKib().map(k -> OptionalLong.of(k * 1024L)).orElse(OptionalLong.empty());
                    model.messages = op.messages().map(m -> OptionalLong.of(m.longValue()))
                            .orElse(OptionalLong.empty());
                }
            }
            checkUsage(fixture, user, model, tag, op);
            if (added) {
                // a successful addition never leaves usage above a limit (a SETQUOTA below usage may)
                assertTrue(model.storage.isEmpty() || model.octets() <= model.storage.getAsLong(), op::toString);
                assertTrue(model.messages.isEmpty() || model.count() <= model.messages.getAsLong(), op::toString);
            }
        }
    }

    private static void checkUsage(Fixture fixture, ImapConnection user, Model model, String tag, Op op) {
        // the real usage: what STATUS finds in the mailboxes
        long realOctets = 0;
        long realCount = 0;
        for (String mailbox : List.of("INBOX", "Work", "Work/2026", "Drafts")) {
            Response.StatusData s = (Response.StatusData) run(user, tag + "s STATUS " + mailbox + " (MESSAGES SIZE)")
                    .stream().filter(Response.StatusData.class::isInstance).findFirst().orElseThrow();
            realCount += s.values().get(0).value();
            realOctets += s.values().get(1).value();
        }
        assertEquals(model.count(), realCount, "messages after " + op);
        assertEquals(model.octets(), realOctets, "octets after " + op);
        assertEquals(new Quota(model.storage, model.messages, realOctets, realCount), fixture.fred.quota());
        // GETQUOTA says the same, in its units
        List<Response> out = run(user, tag + "q GETQUOTA \"\"");
        expectOk(out, "getquota");
        Response.QuotaData q = (Response.QuotaData) out.stream().filter(Response.QuotaData.class::isInstance)
                .findFirst().orElseThrow();
        long octets = realOctets;
        long count = realCount;
        List<Response.QuotaResource> expected = new ArrayList<>();
        model.storage.ifPresent(l -> expected.add(new Response.QuotaResource("STORAGE", (octets + 1023) / 1024,
                l / 1024)));
        model.messages.ifPresent(l -> expected.add(new Response.QuotaResource("MESSAGE", count, l)));
        assertEquals(expected, q.resources(), "after " + op);
    }
}
