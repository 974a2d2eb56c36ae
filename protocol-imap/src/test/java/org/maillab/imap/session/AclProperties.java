package org.maillab.imap.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.state.Action;
import net.jqwik.api.state.ActionChain;
import net.jqwik.api.state.Transformer;
import org.maillab.imap.codec.Command;
import org.maillab.imap.codec.CommandParser;
import org.maillab.imap.codec.Literal;
import org.maillab.imap.codec.ParsedCommand;
import org.maillab.imap.codec.Response;
import org.maillab.imap.codec.ResponseFormatter;
import org.maillab.mailstore.Account;
import org.maillab.mailstore.Flags;
import org.maillab.mailstore.MailStore;
import org.maillab.mailstore.Mailbox;
import org.maillab.mailstore.MessageInfo;
import org.maillab.mailstore.Right;
import org.maillab.mailstore.Rights;
import org.maillab.mailstore.SystemFlag;
import org.maillab.mailstore.memory.InMemoryStore;

/**
 * "A user without a right can never observe or change what it protects" (RFC 4314 §4), as a stateful
 * property: the owner alice grants, revokes and delivers at random; bob runs random commands on
 * alice's mailbox in one IMAP session. Each outcome is checked against the rights table and a model of
 * bob's session; a refused command must leave the mailbox and its ACL exactly as they were.
 */
class AclProperties {

    static final String TEAM = "\"Other Users/alice/Team\"";

    /** The world and the model of what bob's session may see. */
    static final class World {
        final MailStore store = new InMemoryStore();
        final Account alice = store.createAccount("alice", "a", false);
        final ImapSession bob = new ImapSession(store, SessionConfig.defaults());
        Rights rights = Rights.NONE;
        boolean selected;
        boolean readOnly;
        boolean cutOff;
        int pending; // owner appends bob's session has yet to be told of
        int tags;

        World() {
            alice.create("Team");
            deliver(Flags.NONE);
            store.createAccount("bob", "b", false);
            assertTrue(run("LOGIN bob b").contains("OK"));
        }

        void deliver(Flags flags) {
            alice.append("Team", new ByteArrayInputStream("Subject: s\r\n\r\nsecret\r\n".getBytes(StandardCharsets.US_ASCII)),
                    flags, Instant.parse("2026-01-01T00:00:00Z"));
        }

        String run(String line) {
            return handle(CommandParser.parse("t" + (++tags) + " " + line));
        }

        String handle(ParsedCommand command) {
            StringBuilder sb = new StringBuilder();
            for (Response r : bob.handle(command).responses()) {
                sb.append(ResponseFormatter.format(r).text());
            }
            return sb.toString();
        }

        /** What bob must not change without rights: the messages with their flags, and the ACL. */
        String snapshot() {
            StringBuilder sb = new StringBuilder(alice.acl("Team").toString());
            try (Mailbox m = alice.open("Team", true)) {
                for (MessageInfo i : m.messages()) {
                    sb.append(' ').append(i.uid()).append(i.flags());
                }
            }
            return sb.toString();
        }

        /** Per message, the flags bob has no right to change. */
        Map<Long, Flags> guarded() {
            Map<Long, Flags> out = new java.util.TreeMap<>();
            try (Mailbox m = alice.open("Team", true)) {
                for (MessageInfo i : m.messages()) {
                    java.util.Set<SystemFlag> system = java.util.EnumSet.noneOf(SystemFlag.class);
                    for (SystemFlag f : i.flags().system()) {
                        Right needed = f == SystemFlag.SEEN ? Right.SEEN
                                : f == SystemFlag.DELETED ? Right.DELETE_MESSAGES : Right.WRITE;
                        if (!has(needed)) {
                            system.add(f);
                        }
                    }
                    out.put(i.uid(), new Flags(system, has(Right.WRITE) ? java.util.Set.of() : i.flags().keywords()));
                }
            }
            return out;
        }

        /** RFC 4314 §4: flags bob may not change stay; messages go only with e, come only with i. */
        void checkGuarded(Map<Long, Flags> before, String cmd) {
            Map<Long, Flags> after = guarded();
            for (Map.Entry<Long, Flags> e : before.entrySet()) {
                if (after.containsKey(e.getKey())) {
                    assertEquals(e.getValue().system(), after.get(e.getKey()).system().stream()
                            .filter(e.getValue().system()::contains).collect(java.util.stream.Collectors.toSet()),
                            cmd + " removed a flag bob may not change, rights " + rights);
                    assertTrue(e.getValue().system().containsAll(after.get(e.getKey()).system()),
                            cmd + " added a flag bob may not change, rights " + rights);
                } else {
                    assertTrue(has(Right.EXPUNGE), cmd + " expunged without e");
                }
            }
            if (!after.keySet().stream().allMatch(before::containsKey)) {
                assertTrue(has(Right.INSERT), cmd + " added a message without i");
            }
        }

        boolean has(Right r) {
            return rights.contains(r);
        }

        /** The tagged status of the last line of a reply. */
        static String status(String reply) {
            String[] lines = reply.split("\r\n");
            return lines[lines.length - 1].split(" ")[1];
        }

        /** NOPERM for a mailbox bob may see, NONEXISTENT otherwise (RFC 4314 §6). */
        void checkRefusal(String reply) {
            String code = rights.containsAny(Right.LOOKUP, Right.READ) ? "[NOPERM]" : "[NONEXISTENT]";
            assertTrue(reply.contains(" NO " + code), reply + " with rights " + rights);
        }

        /** Bob's selected view meets an event or a command while he lacks r: cut off (AclMailbox). */
        void touch() {
            if (selected && !has(Right.READ)) {
                cutOff = true;
            }
        }

        /** Checks a reply's untagged EXISTS against the model (not for SELECT, which always has one). */
        void checkNews(String reply) {
            boolean told = reply.contains(" EXISTS\r\n");
            assertTrue(!told || pending > 0, "bob learned of mail he was not entitled to: " + reply);
            if (told) {
                pending = 0;
            }
        }
    }

    // ---- the owner's actions ----

    static final class Grant implements Action.Independent<World> {
        @Override
        public Arbitrary<Transformer<World>> transformer() {
            return Arbitraries.of(Right.values()).set().map(set -> Transformer.mutate("alice grants " + Rights.of(set),
                    w -> {
                        w.alice.setAcl("Team", "bob", Rights.of(set));
                        w.rights = Rights.of(set);
                    }));
        }
    }

    static final class Deliver implements Action.Independent<World> {
        @Override
        public Arbitrary<Transformer<World>> transformer() {
            return Arbitraries.of(SystemFlag.SEEN, SystemFlag.FLAGGED, SystemFlag.DELETED).map(f ->
                    Transformer.mutate("alice delivers with " + f, w -> {
                        w.deliver(Flags.of(f));
                        if (w.selected && !w.cutOff) {
                            w.touch();
                            if (!w.cutOff) {
                                w.pending++;
                            }
                        }
                    }));
        }
    }

    // ---- bob's commands ----

    static final class Bob implements Action.Independent<World> {
        @Override
        public Arbitrary<Transformer<World>> transformer() {
            return Arbitraries.of("SELECT", "STATUS", "LIST", "MYRIGHTS", "GETACL", "SETACL", "APPEND", "CREATE",
                    "FETCH", "STORE \\Seen", "STORE \\Deleted", "STORE \\Flagged", "STORE FLAGS", "EXPUNGE", "NOOP",
                    "CLOSE").map(cmd -> Transformer.mutate("bob " + cmd, w -> bob(w, cmd)));
        }

        private static void bob(World w, String cmd) {
            String before = w.snapshot();
            Map<Long, Flags> guarded = w.guarded();
            boolean selectedCommand = List.of("FETCH", "STORE \\Seen", "STORE \\Deleted", "STORE \\Flagged",
                    "STORE FLAGS", "EXPUNGE", "CLOSE").contains(cmd);
            if (selectedCommand && !w.selected) {
                return; // BAD in authenticated state; not what this property is about
            }
            String reply = switch (cmd) {
                case "SELECT" -> w.run("SELECT " + TEAM);
                case "STATUS" -> w.run("STATUS " + TEAM + " (MESSAGES)");
                case "LIST" -> w.run("LIST \"\" *");
                case "MYRIGHTS" -> w.run("MYRIGHTS " + TEAM);
                case "GETACL" -> w.run("GETACL " + TEAM);
                case "SETACL" -> w.run("SETACL " + TEAM + " carol lr");
                case "APPEND" -> w.handle(new ParsedCommand.Ok("t" + (++w.tags), new Command.Append(
                        "Other Users/alice/Team", List.of("\\Seen"), Optional.empty(),
                        Literal.of("Subject: from bob\r\n\r\nhi\r\n"), false)));
                case "CREATE" -> w.run("CREATE \"Other Users/alice/Team/Sub\"");
                case "FETCH" -> w.run("UID FETCH 1:* BODY[]");
                case "STORE \\Seen" -> w.run("UID STORE 1:* +FLAGS (\\Seen)");
                case "STORE \\Deleted" -> w.run("UID STORE 1:* +FLAGS (\\Deleted)");
                case "STORE \\Flagged" -> w.run("UID STORE 1:* -FLAGS (\\Flagged)");
                case "STORE FLAGS" -> w.run("UID STORE 1:* FLAGS (\\Answered)");
                case "EXPUNGE" -> w.run("EXPUNGE");
                case "NOOP" -> w.run("NOOP");
                default -> w.run("CLOSE");
            };
            String status = World.status(reply);
            boolean ok = status.equals("OK");
            if (!ok) {
                assertEquals(before, w.snapshot(), "a refused " + cmd + " changed nothing");
            }
            switch (cmd) {
                case "SELECT" -> {
                    assertEquals(w.has(Right.READ), ok, reply);
                    w.selected = ok;
                    w.cutOff = false;
                    w.pending = 0;
                    if (ok) {
                        w.readOnly = !w.rights.containsAny(Right.INSERT, Right.EXPUNGE, Right.SEEN, Right.WRITE,
                                Right.DELETE_MESSAGES);
                        assertEquals(w.readOnly, reply.contains("[READ-ONLY]"), reply);
                        assertEquals(w.has(Right.SEEN) && !w.readOnly, reply.contains("\\Seen") && reply.contains(
                                "PERMANENTFLAGS (") && reply.substring(reply.indexOf("PERMANENTFLAGS")).split("\\)")[0]
                                .contains("\\Seen"), reply);
                    } else {
                        w.checkRefusal(reply);
                    }
                }
                case "STATUS" -> {
                    assertEquals(w.has(Right.READ), ok, reply);
                    if (!ok) {
                        w.checkRefusal(reply);
                    }
                }
                case "LIST" -> assertEquals(w.has(Right.LOOKUP), reply.contains("Other Users/alice/Team"), reply);
                case "MYRIGHTS" -> {
                    boolean any = w.rights.containsAny(Right.LOOKUP, Right.READ, Right.INSERT, Right.CREATE_MAILBOX,
                            Right.DELETE_MAILBOX, Right.ADMINISTER);
                    assertEquals(any, ok, reply);
                    if (ok) {
                        assertTrue(reply.contains(" " + w.rights.wireForm() + "\r\n"), reply);
                    }
                }
                case "GETACL", "SETACL" -> {
                    assertEquals(w.has(Right.ADMINISTER), ok, reply);
                    if (!ok) {
                        w.checkRefusal(reply);
                    } else if (cmd.equals("SETACL")) {
                        w.alice.setAcl("Team", "carol", Rights.NONE); // back to the model's ACL
                    }
                }
                case "APPEND" -> {
                    assertEquals(w.has(Right.INSERT), ok, reply);
                    if (ok) {
                        if (w.selected && !w.cutOff) {
                            w.touch();
                            if (!w.cutOff) {
                                w.pending++;
                            }
                        }
                        try (Mailbox m = w.alice.open("Team", true)) {
                            List<MessageInfo> all = m.messages();
                            assertEquals(w.has(Right.SEEN), all.get(all.size() - 1).flags().contains(SystemFlag.SEEN));
                        }
                    } else if (w.rights.containsAny(Right.LOOKUP, Right.READ, Right.CREATE_MAILBOX,
                            Right.DELETE_MAILBOX, Right.ADMINISTER)) {
                        w.checkRefusal(reply); // a right MYRIGHTS would show: he knows it is there
                    } else {
                        // RFC 4314 §6: as for a mailbox that does not exist (RFC 9051 §6.3.12)
                        assertTrue(reply.contains(" NO [TRYCREATE]"), reply);
                    }
                }
                case "CREATE" -> {
                    assertEquals(w.has(Right.CREATE_MAILBOX), ok, reply);
                    if (ok) {
                        w.alice.delete("Team/Sub");
                    }
                }
                case "FETCH" -> {
                    boolean allowed = w.has(Right.READ) && !w.cutOff;
                    w.touch();
                    assertEquals(allowed, ok, reply);
                    if (ok && !w.has(Right.SEEN)) {
                        assertEquals(before, w.snapshot(), "FETCH sets no \\Seen without s");
                    }
                }
                case "STORE \\Seen", "STORE \\Deleted", "STORE \\Flagged", "STORE FLAGS" -> {
                    boolean permitted = switch (cmd) {
                        case "STORE \\Seen" -> w.has(Right.SEEN);
                        case "STORE \\Deleted" -> w.has(Right.DELETE_MESSAGES);
                        case "STORE \\Flagged" -> w.has(Right.WRITE);
                        // FLAGS replaces every flag: it sets those the user may change (RFC 4314 §4: SHOULD NOT
                        // fail when at least one flag may be changed)
                        default -> w.rights.containsAny(Right.SEEN, Right.WRITE, Right.DELETE_MESSAGES);
                    };
                    boolean allowed = !w.readOnly && w.has(Right.READ) && !w.cutOff && permitted;
                    w.touch();
                    assertEquals(allowed, ok, cmd + " with " + w.rights + ": " + reply);
                }
                case "EXPUNGE" -> {
                    boolean allowed = !w.readOnly && w.has(Right.READ) && !w.cutOff && w.has(Right.EXPUNGE);
                    w.touch();
                    assertEquals(allowed, ok, reply);
                }
                case "NOOP" -> assertTrue(ok);
                default -> { // CLOSE: always OK; expunges only with e (RFC 4314 §4)
                    assertTrue(ok);
                    boolean mayExpunge = !w.readOnly && w.has(Right.EXPUNGE);
                    if (!mayExpunge) {
                        assertEquals(before, w.snapshot(), "CLOSE without e expunges nothing");
                    }
                    w.selected = false;
                    w.pending = 0;
                }
            }
            w.checkGuarded(guarded, cmd);
            if (!cmd.equals("SELECT") && !cmd.equals("CLOSE")) {
                w.checkNews(reply);
            }
            if (cmd.equals("NOOP")) {
                assertEquals(0, w.pending, "NOOP tells of every delivery bob may see");
            }
        }
    }

    @Provide
    Arbitrary<ActionChain<World>> sessions() {
        return ActionChain.startWith(World::new)
                .withAction(2, new Grant())
                .withAction(1, new Deliver())
                .withAction(6, new Bob())
                .withMaxTransformations(40);
    }

    @Property(tries = 60, seed = "4314")
    void aUserWithoutARightNeverObservesOrChangesWhatItProtects(@ForAll("sessions") ActionChain<World> chain) {
        chain.run();
    }

    @Property(tries = 200, seed = "2086")
    void theOwnerAlwaysHasEveryRight(@ForAll("rightsSets") Rights granted) {
        World w = new World();
        w.alice.setAcl("Team", "anyone", granted);
        w.alice.setAcl("Team", "-anyone", Rights.ALL);
        assertEquals(Rights.ALL, w.alice.myRights("Team"));
        assertEquals(granted.isEmpty() ? java.util.Set.of("alice", "-anyone") : java.util.Set.of("alice", "anyone",
                "-anyone"), w.alice.acl("Team").keySet(), "an empty grant is no entry (RFC 4314 §3.1)");
        assertFalse(w.run("MYRIGHTS " + TEAM).contains("OK"), "-anyone took everything from bob");
    }

    @Provide
    Arbitrary<Rights> rightsSets() {
        return Arbitraries.of(Right.values()).set().map(Rights::of);
    }
}
