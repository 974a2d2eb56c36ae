package org.maillab.imap.sort;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.maillab.imap.codec.Response;
import org.maillab.imap.codec.ResponseFormatter;
import org.maillab.imap.codec.SortCriterion;
import org.maillab.imap.codec.ThreadNode;

/** THREAD (RFC 5256 §3) and SORT on hand-made messages; results shown in THREAD response syntax. */
class ThreaderTest {

    /** Builds messages: number = sequence number, sent date = one minute per number unless given. */
    static final class Mail {
        final List<SortMessage> messages = new ArrayList<>();

        Mail add(String... fields) {
            Map<String, String> header = new HashMap<>();
            for (int i = 0; i + 1 < fields.length; i += 2) {
                header.put(fields[i].toLowerCase(), fields[i + 1]);
            }
            long n = messages.size() + 1;
            header.putIfAbsent("date", DateTimeFormatter.RFC_1123_DATE_TIME.format(
                    Instant.parse("2026-01-01T00:00:00Z").plusSeconds(60 * n).atOffset(ZoneOffset.UTC)));
            messages.add(new SortMessage(n, n, 0, 100 * n,
                    SortHeader.of(name -> Optional.ofNullable(header.get(name.toLowerCase())))));
            return this;
        }
    }

    static String references(Mail mail) {
        return wire(Threader.references(mail.messages));
    }

    static String wire(List<ThreadNode> threads) {
        String text = ResponseFormatter.format(new Response.Thread(threads)).text();
        return text.substring("* THREAD".length()).trim();
    }

    @Test
    void aReferencesChainIsOneThread_rfc5256_3_references_step1() {
        Mail m = new Mail().add("Message-ID", "<a@x>", "Subject", "plan")
                .add("Message-ID", "<b@x>", "References", "<a@x>", "Subject", "Re: plan")
                .add("Message-ID", "<c@x>", "References", "<a@x> <b@x>", "Subject", "Re: plan");
        assertEquals("(1 2 3)", references(m));
    }

    @Test
    void repliesToOneMessageAreSiblingsSortedBySentDate_rfc5256_3_references_step6() {
        Mail m = new Mail().add("Message-ID", "<a@x>", "Subject", "plan")
                .add("Message-ID", "<b@x>", "In-Reply-To", "<a@x>", "Date", "Thu, 1 Jan 2026 00:09:00 +0000")
                .add("Message-ID", "<c@x>", "In-Reply-To", "<a@x> (sent by someone <d@x>)",
                        "Date", "Thu, 1 Jan 2026 00:05:00 +0000");
        assertEquals("(1 (3)(2))", references(m));
    }

    @Test
    void referencesWinOverInReplyTo_rfc5256_3_references() {
        Mail m = new Mail().add("Message-ID", "<a@x>").add("Message-ID", "<b@x>")
                .add("Message-ID", "<c@x>", "References", "<a@x>", "In-Reply-To", "<b@x>");
        assertEquals("(1 3)(2)", references(m));
    }

    @Test
    void siblingsOfAMissingParentKeepADummyAtTheTop_rfc5256_3_references_step3() {
        Mail m = new Mail().add("Message-ID", "<b@x>", "References", "<gone@x>", "Subject", "one")
                .add("Message-ID", "<c@x>", "References", "<gone@x>", "Subject", "two");
        assertEquals("((1)(2))", references(m));
    }

    @Test
    void aDummyWithOneChildIsReplacedByIt_rfc5256_3_references_step3() {
        Mail m = new Mail().add("Message-ID", "<b@x>", "References", "<gone@x> <gone2@x>", "Subject", "one")
                .add("Message-ID", "<c@x>", "Subject", "two");
        assertEquals("(1)(2)", references(m));
    }

    @Test
    void dummiesBelowTheTopAreSplicedIntoTheirParent_rfc5256_3_references_step3() {
        // a -> (missing) -> b, c : b and c become children of a
        Mail m = new Mail().add("Message-ID", "<a@x>", "Subject", "s")
                .add("Message-ID", "<b@x>", "References", "<a@x> <gone@x>", "Subject", "Re: s")
                .add("Message-ID", "<c@x>", "References", "<a@x> <gone@x>", "Subject", "Re: s");
        assertEquals("(1 (2)(3))", references(m));
    }

    @Test
    void theWorkedExampleOfTheGuide() {
        // docs/imap-sort-thread.md, section 6
        Mail m = new Mail().add("Message-ID", "<a@x>", "Subject", "Plans")
                .add("Message-ID", "<c@x>", "References", "<x@x> <b@x>", "Subject", "Re: Plans")
                .add("Message-ID", "<b@x>", "References", "<a@x>", "Subject", "Re: Plans")
                .add("Message-ID", "<d@x>", "References", "<y@x>", "Subject", "Re: Lunch")
                .add("Message-ID", "<e@x>", "References", "<y@x>", "Subject", "Re: Lunch")
                .add("Message-ID", "<f@x>", "Subject", "Re: Plans");
        assertEquals("(1 (3 2)(6))((4)(5))", references(m));
    }

    @Test
    void aReplyBySubjectJoinsTheOriginal_rfc5256_3_references_step5() {
        Mail m = new Mail().add("Message-ID", "<a@x>", "Subject", "lunch")
                .add("Message-ID", "<b@x>", "Subject", "other")
                .add("Message-ID", "<c@x>", "Subject", "Re: lunch");
        assertEquals("(1 3)(2)", references(m));
    }

    @Test
    void twoOriginalsWithOneSubjectShareANewDummy_rfc5256_3_references_step5() {
        Mail m = new Mail().add("Message-ID", "<a@x>", "Subject", "lunch")
                .add("Message-ID", "<b@x>", "Subject", "LUNCH");
        assertEquals("((1)(2))", references(m));
    }

    @Test
    void theOriginalIsPreferredOverARepliesInTheSubjectTable_rfc5256_3_references_step5B() {
        // the reply comes first by date, yet the original becomes the parent
        Mail m = new Mail().add("Message-ID", "<b@x>", "Subject", "Re: lunch")
                .add("Message-ID", "<a@x>", "Subject", "lunch");
        assertEquals("(2 1)", references(m));
    }

    @Test
    void threadsOfOneSubjectUnderDummiesMerge_rfc5256_3_references_step5C() {
        Mail m = new Mail().add("Message-ID", "<b@x>", "References", "<gone@x>", "Subject", "Re: s")
                .add("Message-ID", "<c@x>", "References", "<gone@x>", "Subject", "Re: s")
                .add("Message-ID", "<d@x>", "References", "<gone2@x>", "Subject", "Re: s")
                .add("Message-ID", "<e@x>", "References", "<gone2@x>", "Subject", "Re: s")
                .add("Message-ID", "<f@x>", "Subject", "Re: s");
        assertEquals("((1)(2)(3)(4)(5))", references(m));
    }

    @Test
    void emptySubjectsAreNeverMerged_rfc5256_3_references_step5B_ii() {
        Mail m = new Mail().add("Message-ID", "<a@x>").add("Message-ID", "<b@x>", "Subject", "Re:");
        assertEquals("(1)(2)", references(m));
    }

    @Test
    void loopsInReferencesAreNotCreated_rfc5256_3_references_step1A() {
        Mail m = new Mail().add("Message-ID", "<a@x>", "References", "<b@x>", "Subject", "one")
                .add("Message-ID", "<b@x>", "References", "<a@x>", "Subject", "two")
                .add("Message-ID", "<c@x>", "References", "<c@x>", "Subject", "three");
        // 1 is linked under 2's container first; 2 then may not become 1's child: no loop
        assertEquals("(2 1)(3)", references(m));
    }

    @Test
    void aDuplicateMessageIdCountsOnlyForTheFirstMessage_rfc5256_3_references_step1A() {
        Mail m = new Mail().add("Message-ID", "<a@x>", "Subject", "one")
                .add("Message-ID", "<a@x>", "Subject", "two")
                .add("Message-ID", "<c@x>", "In-Reply-To", "<a@x>", "Subject", "three");
        assertEquals("(1 3)(2)", references(m));
    }

    @Test
    void quotedMessageIdsAreNormalised_rfc5256_3_references() {
        Mail m = new Mail().add("Message-ID", "<\"01KF8JCEOCBS0045PS\"@xxx.yyy.com>", "Subject", "a")
                .add("Message-ID", "<b@x>", "In-Reply-To", "<01KF8JCEOCBS0045PS@xxx.yyy.com>", "Subject", "b");
        assertEquals("(1 2)", references(m));
    }

    @Test
    void messageIdsCompareCaseSensitively_rfc5256_3_references() {
        Mail m = new Mail().add("Message-ID", "<A@x>", "Subject", "a")
                .add("Message-ID", "<b@x>", "In-Reply-To", "<a@x>", "Subject", "b");
        assertEquals("(1)(2)", references(m));
    }

    @Test
    void aTruncatedReferencesLineDoesNotKeepAWrongParent_rfc5256_3_references_step1B() {
        // 2 says a -> c -> b (c before b), 3 is c and says it replies to a: c's parent is set by step 1B
        Mail m = new Mail().add("Message-ID", "<a@x>", "Subject", "s")
                .add("Message-ID", "<b@x>", "References", "<a@x> <c@x>", "Subject", "Re: s")
                .add("Message-ID", "<c@x>", "References", "<x@x>", "Subject", "Re: s");
        // c is now under the dummy x, the dummy x alone under the root is replaced by c, which the
        // subject merge puts under a (an original beats a reply)
        assertEquals("(1 3 2)", references(m));
    }

    @Test
    void theTopLevelIsSortedBySentDateWithADummyByItsFirstChild_rfc5256_3_references_step4() {
        Mail m = new Mail().add("Message-ID", "<a@x>", "Subject", "late", "Date", "Fri, 2 Jan 2026 00:00:00 +0000")
                .add("Message-ID", "<b@x>", "References", "<gone@x>", "Subject", "p")
                .add("Message-ID", "<c@x>", "References", "<gone@x>", "Subject", "q");
        assertEquals("((2)(3))(1)", references(m));
    }

    @Test
    void aMissingDateFallsBackToTheInternalDate_rfc5256_2_2() {
        Mail m = new Mail().add("Message-ID", "<a@x>", "Subject", "a", "Date", "not a date")
                .add("Message-ID", "<b@x>", "Subject", "b");
        // message 1's sent date is its internal date, 0 (1970): it sorts first
        assertEquals("(1)(2)", references(m));
        assertEquals(0, m.messages.get(0).sentDate());
    }

    @Test
    void equalSentDatesAreOrderedBySequenceNumber_rfc5256_2_2() {
        Mail m = new Mail().add("Subject", "b", "Date", "Thu, 1 Jan 2026 10:00:00 +0000")
                .add("Subject", "a", "Date", "Thu, 1 Jan 2026 11:00:00 +0100");
        assertEquals("(1)(2)", references(m));
        assertEquals("(1)(2)", wire(Threader.orderedSubject(m.messages)));
        assertEquals(List.of(1L, 2L), numbers(Sorter.sort(m.messages, List.of(SortCriterion.of(
                SortCriterion.Key.DATE)))));
    }

    @Test
    void orderedSubjectGivesEachSubjectOneFlatThread_rfc5256_3_orderedsubject() {
        Mail m = new Mail().add("Subject", "b").add("Subject", "Re: a").add("Subject", "a")
                .add("Subject", "Re: b").add("Subject", "Fwd: a").add("Subject", "c");
        // a: 2 3 5 (by date), b: 1 4, c: 6; threads by their first message's date: b (1), a (2), c (6)
        assertEquals("(1 4)(2 (3)(5))(6)", wire(Threader.orderedSubject(m.messages)));
    }

    @Test
    void aVeryLongReplyChainNeedsNoDeepRecursion() {
        List<SortMessage> chain = new ArrayList<>();
        String subject = Collation.key("chain");
        for (int i = 0; i < 20_000; i++) {
            List<String> refs = i == 0 ? List.of() : List.of((i - 1) + "@x");
            chain.add(new SortMessage(i + 1, i + 1, i, 1, new SortHeader(subject, i > 0, OptionalLong.of(i), "", "",
                    "", Optional.of(i + "@x"), refs)));
        }
        String wire = wire(Threader.references(chain));
        assertEquals(20_000, wire.split(" ").length);
        assertEquals("(1 2 3 ", wire.substring(0, 7));
    }

    @Test
    void sortOrdersByCriteriaThenSequence_rfc5256_3_sort() {
        Mail m = new Mail().add("Subject", "b", "From", "Zed <z@x>").add("Subject", "Re: a", "From", "amy@x")
                .add("Subject", "B", "From", "<bob@x>").add("Subject", "a");
        assertEquals(List.of(2L, 4L, 1L, 3L), numbers(Sorter.sort(m.messages, List.of(SortCriterion.of(
                SortCriterion.Key.SUBJECT)))));
        // REVERSE reverses its own key only: ties stay in sequence order
        assertEquals(List.of(1L, 3L, 2L, 4L), numbers(Sorter.sort(m.messages, List.of(SortCriterion.reversed(
                SortCriterion.Key.SUBJECT)))));
        // no From is the empty string, which sorts first
        assertEquals(List.of(4L, 2L, 3L, 1L), numbers(Sorter.sort(m.messages, List.of(SortCriterion.of(
                SortCriterion.Key.FROM)))));
        assertEquals(List.of(4L, 3L, 2L, 1L), numbers(Sorter.sort(m.messages, List.of(SortCriterion.reversed(
                SortCriterion.Key.SIZE)))));
        assertEquals(List.of(3L, 1L, 4L, 2L), numbers(Sorter.sort(m.messages, List.of(SortCriterion.reversed(
                SortCriterion.Key.SUBJECT), SortCriterion.reversed(SortCriterion.Key.DATE)))));
    }

    private static List<Long> numbers(List<SortMessage> sorted) {
        return sorted.stream().map(SortMessage::number).toList();
    }
}
