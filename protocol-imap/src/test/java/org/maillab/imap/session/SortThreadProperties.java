package org.maillab.imap.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.maillab.imap.codec.CommandParser;
import org.maillab.imap.codec.Response;
import org.maillab.imap.codec.SortCriterion;
import org.maillab.imap.codec.ThreadNode;
import org.maillab.imap.sort.BaseSubject;
import org.maillab.imap.sort.Collation;
import org.maillab.mailstore.Account;
import org.maillab.mailstore.Flags;
import org.maillab.mailstore.MailStore;
import org.maillab.mailstore.SystemFlag;
import org.maillab.mailstore.memory.InMemoryStore;

/**
 * SORT and THREAD against SEARCH on generated mailboxes (RFC 5256 §3): SORT answers a permutation of
 * what SEARCH answers, in the order of its first key; THREAD names every match exactly once.
 */
class SortThreadProperties {

    /** One generated message: what the properties check against. */
    record Mail(String subject, String from, int padding, int arrivalMinute, boolean seen, int parent) {
        String text(int index) {
            StringBuilder sb = new StringBuilder();
            sb.append("From: ").append(from).append("\r\n");
            sb.append("Subject: ").append(subject).append("\r\n");
            sb.append("Message-ID: <m").append(index).append("@gen>\r\n");
            if (parent >= 0 && parent < index) {
                sb.append("In-Reply-To: <m").append(parent).append("@gen>\r\n");
            }
            sb.append("Date: Thu, 1 Jan 2026 10:").append(String.format("%02d", (index * 7) % 60)).append(":00 +0000\r\n");
            sb.append("\r\n").append("x".repeat(padding)).append("\r\n");
            return sb.toString();
        }
    }

    @Provide
    Arbitrary<List<Mail>> mailboxes() {
        Arbitrary<String> subject = Arbitraries.of("hello", "Re: hello", "[list] Hello", "Fwd: plan", "plan",
                "PLAN (fwd)", "", "Re:", "=?UTF-8?Q?caf=C3=A9?=", "Café", "zeta", "Alpha");
        Arbitrary<String> from = Arbitraries.of("alice@x", "Bob <bob@x>", "carol@x", "", "ALICE@y", "undisclosed:;");
        return Combinators.combine(subject, from, Arbitraries.integers().between(0, 300),
                Arbitraries.integers().between(0, 30), Arbitraries.of(true, false), Arbitraries.integers().between(-3, 12))
                .as(Mail::new).list().ofMinSize(0).ofMaxSize(14);
    }

    @Provide
    Arbitrary<String> searches() {
        return Arbitraries.of("ALL", "UNSEEN", "SEEN", "SUBJECT hello", "OR FROM alice LARGER 150", "NOT SUBJECT plan",
                "2:*", "UID 1:5");
    }

    private static ImapSession selectedSession(List<Mail> mails) {
        MailStore store = new InMemoryStore();
        Account fred = store.createAccount("fred", "secret", false);
        for (int i = 0; i < mails.size(); i++) {
            Mail m = mails.get(i);
            fred.append("INBOX", new ByteArrayInputStream(m.text(i).getBytes(StandardCharsets.UTF_8)),
                    m.seen() ? Flags.of(SystemFlag.SEEN) : Flags.NONE,
                    Instant.parse("2026-01-01T00:00:00Z").plusSeconds(60L * m.arrivalMinute()));
        }
        ImapSession s = new ImapSession(store, SessionConfig.defaults());
        s.handle(CommandParser.parse("a LOGIN fred secret"));
        s.handle(CommandParser.parse("b SELECT INBOX"));
        return s;
    }

    private static <T extends Response> T only(ImapSession s, String line, Class<T> type) {
        List<Response> out = s.handle(CommandParser.parse(line)).responses();
        Response.Tagged done = (Response.Tagged) out.get(out.size() - 1);
        assertEquals(Response.Status.OK, done.status(), line + ": " + done.text());
        List<T> found = out.stream().filter(type::isInstance).map(type::cast).toList();
        assertEquals(1, found.size(), line);
        return found.get(0);
    }

    private static List<Long> searched(ImapSession s, String uid, String keys) {
        List<Response> out = s.handle(CommandParser.parse("s " + uid + "SEARCH " + keys)).responses();
        List<Long> numbers = new ArrayList<>();
        for (Response r : out) {
            if (r instanceof Response.Search found) {
                numbers.addAll(found.numbers());
            }
        }
        return numbers;
    }

    @Property(tries = 60, seed = "5256")
    void sortIsAPermutationOfSearchOrderedByItsFirstKey_rfc5256_3(@ForAll("mailboxes") List<Mail> mails,
            @ForAll("searches") String keys, @ForAll SortCriterion.Key key, @ForAll boolean reverse,
            @ForAll boolean uid) {
        if (mails.size() < 2 && keys.equals("2:*")) {
            return; // a sequence number beyond the mailbox is BAD, for SEARCH as for SORT (the transcript checks it)
        }
        ImapSession s = selectedSession(mails);
        String prefix = uid ? "UID " : "";
        List<Long> search = searched(s, prefix, keys);
        List<Long> sorted = only(s, "t " + prefix + "SORT (" + (reverse ? "REVERSE " : "") + key + ") UTF-8 " + keys,
                Response.Sort.class).numbers();
        assertEquals(search.stream().sorted().toList(), sorted.stream().sorted().toList());
        for (int i = 1; i < sorted.size(); i++) {
            int a = (int) (long) sorted.get(i - 1) - 1; // UIDs and sequence numbers coincide here: nothing expunged
            int b = (int) (long) sorted.get(i) - 1;
            int order = compare(key, mails.get(a), mails.get(b), a, b);
            int expected = reverse ? -order : order;
            assertTrue(expected < 0 || (expected == 0 && a < b), key + " " + sorted);
        }
    }

    /** The first key's order, computed from the generated values rather than by the server's code path. */
    private static int compare(SortCriterion.Key key, Mail a, Mail b, int ia, int ib) {
        return switch (key) {
            case ARRIVAL -> Integer.compare(a.arrivalMinute(), b.arrivalMinute());
            case SIZE -> Integer.compare(a.text(ia).length(), b.text(ib).length());
            case DATE -> Integer.compare((ia * 7) % 60, (ib * 7) % 60);
            case SUBJECT -> Integer.signum(Collation.compare(BaseSubject.of(a.subject()).text(),
                    BaseSubject.of(b.subject()).text()));
            case FROM -> Integer.signum(Collation.compare(localPart(a.from()), localPart(b.from())));
            case TO, CC -> 0; // no To or Cc: all empty, so only the sequence order remains
        };
    }

    private static String localPart(String from) {
        String addr = from.contains("<") ? from.substring(from.indexOf('<') + 1, from.indexOf('>')) : from;
        if (addr.endsWith(":;")) {
            return addr.substring(0, addr.length() - 2); // a group: IMAP's addr-mailbox is the group name
        }
        return addr.contains("@") ? addr.substring(0, addr.indexOf('@')) : addr;
    }

    @Property(tries = 60, seed = "5257")
    void threadNamesEveryMatchExactlyOnce_rfc5256_3(@ForAll("mailboxes") List<Mail> mails,
            @ForAll("searches") String keys, @ForAll boolean references, @ForAll boolean uid) {
        if (mails.size() < 2 && keys.equals("2:*")) {
            return;
        }
        ImapSession s = selectedSession(mails);
        String prefix = uid ? "UID " : "";
        List<Long> search = searched(s, prefix, keys);
        List<ThreadNode> threads = only(s, "t " + prefix + "THREAD " + (references ? "REFERENCES" : "ORDEREDSUBJECT")
                + " UTF-8 " + keys, Response.Thread.class).threads();
        List<Long> named = new ArrayList<>();
        Deque<ThreadNode> todo = new ArrayDeque<>(threads);
        while (!todo.isEmpty()) {
            ThreadNode n = todo.pop();
            n.number().ifPresent(named::add);
            todo.addAll(n.children());
            if (!references) {
                assertTrue(n.children().stream().allMatch(c -> c.children().isEmpty()),
                        "ORDEREDSUBJECT has no grandchildren");
            }
        }
        Set<Long> distinct = new HashSet<>(named);
        assertEquals(named.size(), distinct.size(), "each message once: " + named);
        assertEquals(new HashSet<>(search), distinct);
    }
}
