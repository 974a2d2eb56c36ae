package org.maillab.mailstore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Supplier;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.From;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;

import org.maillab.mailstore.MailStoreException.Reason;

/**
 * Generated-input properties every store passes: hostile mailbox names never escape the account,
 * and random sequences of append, store, expunge, copy, move, create, delete and rename leave the
 * store exactly where a simple model says (the shape of Apache James' and imaptest's checks).
 */
public abstract class MailStoreProperties {

    private static final Instant DATE = Instant.parse("2026-01-02T03:04:05Z");
    private static final List<String> POOL = List.of("INBOX", "A", "A/B", "C", "C/D/E", "inbox/F");

    protected abstract MailStore newStore();

    protected void dispose(MailStore store) {
        store.close();
    }

    /** Checks that a store has written nothing outside its own account's place; storages with files override. */
    protected void assertNothingOutside(MailStore store, String account) {
    }

    // ==== hostile names ====

    @Provide
    Arbitrary<String> hostileNames() {
        Arbitrary<String> fragment = Arbitraries.of("..", ".", "/", "//", "a", "INBOX", "inbox", "\u0000", "\n",
                "\r", "\t", "\u007f", "\u0085", "*", "%", "\\", "~", ":", "..\\..", "/etc", "\u00e9", "\ud83d\ude00",
                "\ud800", "x".repeat(60), "a/b", " ", ".hidden", "Maildir", "tmp", "new", "cur", "..a");
        return fragment.list().ofMinSize(1).ofMaxSize(12).map(parts -> String.join("", parts));
    }

    @Property(tries = 150, seed = "20261127")
    void hostileNamesAreRefusedOrStayInsideTheAccount(@ForAll("hostileNames") String name) {
        MailStore store = newStore();
        try {
            Account account = store.createAccount("alice", "pw", false);
            store.createAccount("bob", "pw", false);
            Reason reason = null;
            try {
                account.create(name);
            } catch (MailStoreException e) {
                reason = e.reason();
            }
            if (reason == Reason.INVALID_NAME) {
                Reason openReason = reasonOf(() -> account.open(name, true));
                assertEquals(Reason.INVALID_NAME, openReason, "open refuses what create refused");
                assertEquals(List.of("INBOX"), account.list("*").stream().map(MailboxInfo::name).toList());
            } else {
                assertTrue(reason == null || reason == Reason.ALREADY_EXISTS, "unexpected " + reason);
                String canonical = account.mailbox(name.endsWith("/") ? name.substring(0, name.length() - 1) : name)
                        .orElseThrow().name();
                assertTrue(account.list("*").stream().anyMatch(i -> i.name().equals(canonical)));
                account.append(canonical, new ByteArrayInputStream("S: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII)),
                        Flags.NONE, DATE);
                assertEquals(1, account.status(canonical).messages());
                if (!canonical.equals("INBOX")) {
                    account.delete(canonical);
                }
            }
            assertEquals(List.of("INBOX"), store.account("bob").orElseThrow().list("*").stream()
                    .map(MailboxInfo::name).toList(), "another account is untouched");
            assertEquals(0, store.account("bob").orElseThrow().status("INBOX").messages());
            assertNothingOutside(store, "alice");
        } finally {
            dispose(store);
        }
    }

    private static Reason reasonOf(Supplier<?> action) {
        try {
            action.get();
        } catch (MailStoreException e) {
            return e.reason();
        }
        return null;
    }

    // ==== model-based: random operations against a simple model ====

    sealed interface Op {
    }

    record Append(int box, int flagBits, int content) implements Op {
    }

    record Store(int box, int pick, FlagOp op, int flagBits) implements Op {
    }

    record Expunge(int box) implements Op {
    }

    record Copy(int box, int pick, int target) implements Op {
    }

    record Move(int box, int pick, int target) implements Op {
    }

    record Create(int box) implements Op {
    }

    record Delete(int box) implements Op {
    }

    record Rename(int box, int target) implements Op {
    }

    @Provide
    Arbitrary<Op> ops() {
        Arbitrary<Integer> box = Arbitraries.integers().between(0, POOL.size() - 1);
        Arbitrary<Integer> bits = Arbitraries.integers().between(0, 127);
        Arbitrary<Integer> pick = Arbitraries.integers().between(0, 255);
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(5, Combinators.combine(box, bits, Arbitraries.integers().between(0, 99))
                        .as(Append::new)),
                net.jqwik.api.Tuple.of(3, Combinators.combine(box, pick, Arbitraries.of(FlagOp.class), bits)
                        .as(Store::new)),
                net.jqwik.api.Tuple.of(2, box.map(Expunge::new)),
                net.jqwik.api.Tuple.of(2, Combinators.combine(box, pick, box).as(Copy::new)),
                net.jqwik.api.Tuple.of(2, Combinators.combine(box, pick, box).as(Move::new)),
                net.jqwik.api.Tuple.of(2, box.map(Create::new)),
                net.jqwik.api.Tuple.of(1, box.map(Delete::new)),
                net.jqwik.api.Tuple.of(1, Combinators.combine(box, box).as(Rename::new)));
    }

    record ModelMessage(Flags flags, String content) {
    }

    static final class ModelBox {
        long uidNext = 1;
        final TreeMap<Long, ModelMessage> messages = new TreeMap<>();
    }

    /** The model: what the store must hold, written as plainly as possible. */
    static final class Model {
        final TreeMap<String, ModelBox> boxes = new TreeMap<>();

        Model() {
            boxes.put("INBOX", new ModelBox());
        }

        boolean exists(String name) {
            return boxes.containsKey(name) || boxes.keySet().stream().anyMatch(n -> n.startsWith(name + "/"));
        }

        void createWithParents(String name) {
            String[] parts = name.split("/");
            String path = "";
            for (String part : parts) {
                path = path.isEmpty() ? part : path + "/" + part;
                boxes.computeIfAbsent(path, n -> new ModelBox());
            }
        }

        List<Long> picked(String name, int pick) {
            List<Long> uids = new ArrayList<>(boxes.get(name).messages.keySet());
            List<Long> chosen = new ArrayList<>();
            for (int i = 0; i < uids.size() && i < 8; i++) {
                if ((pick & (1 << i)) != 0) {
                    chosen.add(uids.get(i));
                }
            }
            return chosen;
        }

        /** Applies an operation; returns the refusal the store must give, or null. */
        Reason apply(Op op, List<Long> chosenOut) {
            if (op instanceof Append a) {
                ModelBox b = boxes.get(poolName(a.box()));
                if (b == null) {
                    return Reason.NONEXISTENT;
                }
                b.messages.put(b.uidNext++, new ModelMessage(flagsOf(a.flagBits()), content(a.content())));
                return null;
            } else if (op instanceof Store s) {
                ModelBox b = boxes.get(poolName(s.box()));
                if (b == null) {
                    return Reason.NONEXISTENT;
                }
                List<Long> uids = picked(poolName(s.box()), s.pick());
                chosenOut.addAll(uids);
                for (Long uid : uids) {
                    ModelMessage m = b.messages.get(uid);
                    b.messages.put(uid, new ModelMessage(m.flags().apply(s.op(), flagsOf(s.flagBits())), m.content()));
                }
                return null;
            } else if (op instanceof Expunge e) {
                ModelBox b = boxes.get(poolName(e.box()));
                if (b == null) {
                    return Reason.NONEXISTENT;
                }
                b.messages.values().removeIf(m -> m.flags().contains(SystemFlag.DELETED));
                return null;
            } else if (op instanceof Copy c) {
                return transfer(c.box(), c.pick(), c.target(), false, chosenOut);
            } else if (op instanceof Move m) {
                return transfer(m.box(), m.pick(), m.target(), true, chosenOut);
            } else if (op instanceof Create c) {
                String name = poolName(c.box());
                if (boxes.containsKey(name)) {
                    return Reason.ALREADY_EXISTS;
                }
                createWithParents(name);
                return null;
            } else if (op instanceof Delete d) {
                String name = poolName(d.box());
                if (name.equals("INBOX")) {
                    return Reason.CANNOT;
                }
                if (!boxes.containsKey(name)) {
                    return exists(name) ? Reason.CANNOT : Reason.NONEXISTENT;
                }
                boxes.remove(name);
                return null;
            } else if (op instanceof Rename r) {
                return rename(poolName(r.box()), poolName(r.target()) + "/R");
            }
            throw new IllegalArgumentException(String.valueOf(op));
        }

        private Reason transfer(int box, int pick, int target, boolean move, List<Long> chosenOut) {
            String from = poolName(box);
            String to = poolName(target);
            ModelBox source = boxes.get(from);
            if (source == null) {
                return Reason.NONEXISTENT;
            }
            ModelBox dest = boxes.get(to);
            if (dest == null) {
                return Reason.NONEXISTENT;
            }
            if (move && source == dest) {
                return Reason.CANNOT;
            }
            List<Long> uids = picked(from, pick);
            chosenOut.addAll(uids);
            for (Long uid : uids) {
                ModelMessage m = source.messages.get(uid);
                dest.messages.put(dest.uidNext++, m);
                if (move) {
                    source.messages.remove(uid);
                }
            }
            return null;
        }

        private Reason rename(String from, String to) {
            if (to.equals("INBOX") || exists(to)) {
                return Reason.ALREADY_EXISTS;
            }
            if (from.equals("INBOX")) {
                createWithParents(to);
                ModelBox inbox = boxes.get("INBOX");
                ModelBox dest = boxes.get(to);
                for (ModelMessage m : inbox.messages.values()) {
                    dest.messages.put(dest.uidNext++, m);
                }
                inbox.messages.clear();
                return null;
            }
            if (!exists(from)) {
                return Reason.NONEXISTENT;
            }
            if (to.startsWith(from + "/")) {
                return Reason.CANNOT;
            }
            List<String> moving = boxes.keySet().stream().filter(n -> n.equals(from) || n.startsWith(from + "/")).toList();
            String[] parts = to.split("/");
            String path = "";
            for (int i = 0; i < parts.length - 1; i++) {
                path = path.isEmpty() ? parts[i] : path + "/" + parts[i];
                if (!exists(path)) {
                    createWithParents(path);
                }
            }
            Map<String, ModelBox> moved = new TreeMap<>();
            for (String n : moving) {
                moved.put(to + n.substring(from.length()), boxes.remove(n));
            }
            boxes.putAll(moved);
            return null;
        }
    }

    static String poolName(int i) {
        String n = POOL.get(i);
        return n.regionMatches(true, 0, "INBOX", 0, 5) ? "INBOX" + n.substring(5) : n;
    }

    static Flags flagsOf(int bits) {
        EnumSet<SystemFlag> system = EnumSet.noneOf(SystemFlag.class);
        SystemFlag[] all = SystemFlag.values();
        for (int i = 0; i < all.length; i++) {
            if ((bits & (1 << i)) != 0) {
                system.add(all[i]);
            }
        }
        Set<String> keywords = new HashSet<>();
        if ((bits & 32) != 0) {
            keywords.add("Work");
        }
        if ((bits & 64) != 0) {
            keywords.add("$Label1");
        }
        return new Flags(system, keywords);
    }

    static String content(int n) {
        return "Subject: model " + n + "\r\n\r\n" + "line\r\n".repeat(n % 7);
    }

    @Property(tries = 40, seed = "424242")
    void randomOperationsMatchTheModel(@ForAll @Size(min = 1, max = 40) List<@From("ops") Op> ops) {
        MailStore store = newStore();
        try {
            Account account = store.createAccount("alice", "pw", false);
            Model model = new Model();
            for (Op op : ops) {
                List<Long> chosen = new ArrayList<>();
                Reason expected = model.apply(op, chosen);
                Reason actual = reasonOf(() -> {
                    perform(account, op, chosen);
                    return null;
                });
                assertEquals(expected, actual, "refusal of " + op);
                compare(account, model, op);
            }
        } finally {
            dispose(store);
        }
    }

    private static void perform(Account account, Op op, List<Long> chosen) {
        if (op instanceof Append a) {
            account.append(POOL.get(a.box()), stream(content(a.content())), flagsOf(a.flagBits()), DATE);
        } else if (op instanceof Store s) {
            try (Mailbox m = account.open(POOL.get(s.box()), false)) {
                m.store(chosen, s.op(), flagsOf(s.flagBits()));
            }
        } else if (op instanceof Expunge e) {
            try (Mailbox m = account.open(POOL.get(e.box()), false)) {
                m.expunge();
            }
        } else if (op instanceof Copy c) {
            try (Mailbox m = account.open(POOL.get(c.box()), false)) {
                assertEquals(chosen, m.copyTo(chosen, POOL.get(c.target())).sourceUids());
            }
        } else if (op instanceof Move mv) {
            try (Mailbox m = account.open(POOL.get(mv.box()), false)) {
                assertEquals(chosen, m.moveTo(chosen, POOL.get(mv.target())).sourceUids());
            }
        } else if (op instanceof Create c) {
            account.create(POOL.get(c.box()));
        } else if (op instanceof Delete d) {
            account.delete(POOL.get(d.box()));
        } else if (op instanceof Rename r) {
            account.rename(POOL.get(r.box()), POOL.get(r.target()) + "/R");
        }
    }

    private static void compare(Account account, Model model, Op after) {
        Set<String> selectable = new TreeSet<>();
        for (MailboxInfo info : account.list("*")) {
            if (info.selectable()) {
                selectable.add(info.name());
            }
        }
        assertEquals(model.boxes.keySet(), selectable, "mailboxes after " + after);
        for (Map.Entry<String, ModelBox> e : model.boxes.entrySet()) {
            try (Mailbox m = account.open(e.getKey(), true)) {
                List<MessageInfo> actual = m.messages();
                assertEquals(List.copyOf(e.getValue().messages.keySet()), actual.stream().map(MessageInfo::uid).toList(),
                        "UIDs of " + e.getKey() + " after " + after);
                assertEquals(e.getValue().uidNext, m.uidNext(), "UIDNEXT of " + e.getKey());
                for (MessageInfo info : actual) {
                    ModelMessage expected = e.getValue().messages.get(info.uid());
                    assertEquals(expected.flags(), info.flags(), "flags of " + e.getKey() + " " + info.uid());
                    assertEquals(expected.content().length(), info.size());
                    String text = new String(readAll(m.content(info.uid()).open()), StandardCharsets.ISO_8859_1);
                    if (!text.equals(expected.content())) {
                        fail("content of " + e.getKey() + " " + info.uid() + " after " + after);
                    }
                }
            }
        }
    }

    private static InputStream stream(String s) {
        return new ByteArrayInputStream(s.getBytes(StandardCharsets.ISO_8859_1));
    }

    private static byte[] readAll(InputStream in) {
        try (in) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
