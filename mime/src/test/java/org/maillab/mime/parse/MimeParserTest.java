package org.maillab.mime.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class MimeParserTest {

    static byte[] crlf(String... lines) {
        return (String.join("\r\n", lines)).getBytes(StandardCharsets.ISO_8859_1);
    }

    static String slice(byte[] message, long from, long to) {
        return new String(message, (int) from, (int) (to - from), StandardCharsets.ISO_8859_1);
    }

    static List<Defect.Kind> kinds(MessageTree tree) {
        return tree.defects().stream().map(Defect::kind).toList();
    }

    private static final byte[] MIXED = crlf(
            "From: a@example.com",
            "Subject: test",
            "Content-Type: multipart/mixed; boundary=\"xyz\"",
            "",
            "preamble",
            "--xyz",
            "Content-Type: text/plain; charset=utf-8",
            "",
            "Hello",
            "world",
            "--xyz",
            "Content-Type: application/octet-stream; name=a.bin",
            "Content-Transfer-Encoding: base64",
            "Content-Disposition: attachment; filename=\"a.bin\"",
            "",
            "AAEC",
            "--xyz--",
            "epilogue",
            "");

    @Test
    void headerFieldsAreKeptInOrderWithOffsets() {
        MessageTree tree = MimeParser.parse(MIXED);
        Part root = tree.root();
        assertEquals(3, root.header().fields().size());
        assertEquals("From", root.header().fields().get(0).name());
        assertEquals(0, root.header().fields().get(0).offset());
        assertEquals("test", root.header().value("subject"));
        assertEquals(21, root.header().fields().get(1).offset());
        assertEquals(MIXED.length, tree.size());
    }

    @Test
    void lineEndBeforeDelimiterBelongsToTheDelimiterRfc2046s511() {
        MessageTree tree = MimeParser.parse(MIXED);
        Part text = tree.part("1").orElseThrow();
        assertEquals("Hello\r\nworld", slice(MIXED, text.bodyStart(), text.bodyEnd()));
        assertEquals(1, text.bodyLines());
        assertEquals("Content-Type: text/plain; charset=utf-8\r\n\r\n", slice(MIXED, text.headerStart(), text.bodyStart()));
        Part bin = tree.part("2").orElseThrow();
        assertEquals("AAEC", slice(MIXED, bin.bodyStart(), bin.bodyEnd()));
        assertEquals("base64", bin.transferEncoding());
        assertEquals("a.bin", bin.filename());
        assertEquals("attachment", bin.contentDisposition().orElseThrow().type());
    }

    @Test
    void messageHeaderAndTextSlicesCoverTheWholeMessage() {
        MessageTree tree = MimeParser.parse(MIXED);
        Part root = tree.root();
        assertEquals(0, root.headerStart());
        assertTrue(slice(MIXED, root.headerStart(), root.bodyStart()).endsWith("\"xyz\"\r\n\r\n"));
        assertTrue(slice(MIXED, root.bodyStart(), root.bodyEnd()).startsWith("preamble\r\n--xyz"));
        assertEquals(MIXED.length, root.bodyEnd());
        assertTrue(root.isMultipart());
        assertEquals(2, root.children().size());
    }

    @Test
    void singlePartMessageIsItsOwnPartOneRfc3501s645() {
        byte[] m = crlf("Subject: x", "", "body line", "");
        MessageTree tree = MimeParser.parse(m);
        assertEquals(tree.root(), tree.part("1").orElseThrow());
        assertEquals("body line\r\n", slice(m, tree.root().bodyStart(), tree.root().bodyEnd()));
        assertEquals(1, tree.root().bodyLines());
        assertTrue(tree.part("2").isEmpty());
        assertTrue(tree.defects().isEmpty());
    }

    @Test
    void aMessageRfc822MessageNumbersThePartsOfTheMessageItEnclosesRfc9051s645() {
        byte[] m = crlf("Content-Type: message/rfc822", "", "Content-Type: message/rfc822", "",
                "Subject: innermost", "", "hello", "");
        MessageTree tree = MimeParser.parse(m);
        Part outer = tree.root().message().orElseThrow();
        Part innermost = outer.message().orElseThrow();
        assertEquals(tree.root(), tree.part("1").orElseThrow());
        assertEquals(outer, tree.part("1.1").orElseThrow(), "part 1 is message/rfc822: 1.1 is in what it encloses");
        assertEquals(innermost, tree.part("1.1.1").orElseThrow());
        assertEquals("hello\r\n", slice(m, innermost.bodyStart(), innermost.bodyEnd()));
        assertTrue(tree.part("1.1.1.1").isEmpty(), "a text part has no sub-parts");
        assertTrue(tree.part("1.2").isEmpty());
    }

    @Test
    void aSinglePartTextMessageHasOnlyPartOneRfc9051s645() {
        MessageTree tree = MimeParser.parse(crlf("Subject: x", "", "body", ""));
        assertTrue(tree.part("1.1").isEmpty());
        assertTrue(tree.part("1.1.1").isEmpty());
    }

    @Test
    void missingContentTypeDefaultsToTextPlainUsAsciiRfc2045s52() {
        MessageTree tree = MimeParser.parse(crlf("Subject: x", "", "b"));
        assertEquals("text/plain", tree.root().contentType().mimeType());
        assertEquals("us-ascii", tree.root().contentType().charset());
        assertTrue(tree.root().contentTypeDefaulted());
        assertEquals("7bit", tree.root().transferEncoding());
    }

    @Test
    void digestPartsDefaultToMessageRfc822Rfc2046s515() {
        byte[] m = crlf("Content-Type: multipart/digest; boundary=d", "", "--d", "", "Subject: inner", "",
                "inner body", "--d--", "");
        MessageTree tree = MimeParser.parse(m);
        Part part = tree.part("1").orElseThrow();
        assertEquals("message/rfc822", part.contentType().mimeType());
        Part inner = part.message().orElseThrow();
        assertEquals("inner", inner.header().value("Subject"));
        assertEquals("1", inner.section());
        assertEquals(inner, tree.part("1.1").orElseThrow());
        assertEquals("inner body", slice(m, inner.bodyStart(), inner.bodyEnd()));
    }

    @Test
    void embeddedMessageIsParsedWithItsOwnTreeAndNumbering() {
        byte[] m = crlf("Content-Type: multipart/mixed; boundary=a", "", "--a", "", "first", "--a",
                "Content-Type: message/rfc822", "", "Subject: inner",
                "Content-Type: multipart/alternative; boundary=b", "", "--b", "", "plain", "--b",
                "Content-Type: text/html", "", "<p>html</p>", "--b--", "--a--", "");
        MessageTree tree = MimeParser.parse(m);
        Part rfc822 = tree.part("2").orElseThrow();
        Part inner = rfc822.message().orElseThrow();
        assertEquals(Part.Kind.MESSAGE, inner.kind());
        assertEquals(rfc822.bodyStart(), inner.headerStart());
        assertEquals(rfc822.bodyEnd(), inner.bodyEnd());
        assertEquals("<p>html</p>", slice(m, tree.part("2.2").orElseThrow().bodyStart(),
                tree.part("2.2").orElseThrow().bodyEnd()));
        assertEquals("2.1", tree.part("2.1").orElseThrow().section());
        assertEquals("plain", slice(m, tree.part("2.1").orElseThrow().bodyStart(), tree.part("2.1").orElseThrow().bodyEnd()));
        // message/rfc822 body lines count the whole embedded message (IMAP BODYSTRUCTURE)
        assertEquals(10, rfc822.bodyLines());
        assertTrue(tree.defects().isEmpty(), tree.defects().toString());
    }

    @Test
    void bareLfMessageParsesLikeCrlfAndRecordsADefect() {
        byte[] m = "Content-Type: multipart/mixed; boundary=q\n\n--q\n\nabc\n--q--\n".getBytes(StandardCharsets.US_ASCII);
        MessageTree tree = MimeParser.parse(m);
        Part p = tree.part("1").orElseThrow();
        assertEquals("abc", slice(m, p.bodyStart(), p.bodyEnd()));
        assertTrue(kinds(tree).contains(Defect.Kind.BARE_LINE_END));
    }

    @Test
    void bareCrIsALineEndToo() {
        byte[] m = "Subject: cr\rContent-Type: multipart/mixed; boundary=q\r\r--q\r\rabc\r--q--\r".getBytes(StandardCharsets.US_ASCII);
        MessageTree tree = MimeParser.parse(m);
        assertEquals("cr", tree.root().header().value("Subject"));
        Part p = tree.part("1").orElseThrow();
        assertEquals("abc", slice(m, p.bodyStart(), p.bodyEnd()));
        assertTrue(kinds(tree).contains(Defect.Kind.BARE_LINE_END));
    }

    @Test
    void foldedFieldIsUnfoldedRfc5322s223() {
        byte[] m = crlf("Subject: a long", "\tsubject line", " continued", "", "");
        MessageTree tree = MimeParser.parse(m);
        assertEquals("a long\tsubject line continued", tree.root().header().value("Subject"));
        assertEquals("Subject: a long\r\n\tsubject line\r\n continued",
                new String(tree.root().header().fields().get(0).raw(), StandardCharsets.US_ASCII));
    }

    @Test
    void duplicateFieldsAreKeptInOrder() {
        MessageTree tree = MimeParser.parse(crlf("Received: one", "Received: two", "Subject: s", "", ""));
        assertEquals(List.of("one", "two"),
                tree.root().header().all("received").stream().map(f -> f.value()).toList());
    }

    @Test
    void whitespaceBeforeTheColonIsObsoleteButAcceptedRfc5322s468() {
        MessageTree tree = MimeParser.parse(crlf("Subject : spaced", "", ""));
        assertEquals("spaced", tree.root().header().value("Subject"));
    }

    @Test
    void lineThatIsNotAFieldStartsTheBody() {
        byte[] m = crlf("Subject: x", "this is body text", "more", "");
        MessageTree tree = MimeParser.parse(m);
        assertEquals("this is body text\r\nmore\r\n", slice(m, tree.root().bodyStart(), tree.root().bodyEnd()));
        assertTrue(kinds(tree).contains(Defect.Kind.MISSING_HEADER_BODY_SEPARATOR));
    }

    @Test
    void mboxFromLineAtTheStartIsSkipped() {
        byte[] m = crlf("From someone@example.com Mon Jan  1 00:00:00 2024", "Subject: x", "", "b");
        MessageTree tree = MimeParser.parse(m);
        assertEquals("x", tree.root().header().value("Subject"));
        assertTrue(kinds(tree).contains(Defect.Kind.SKIPPED_HEADER_LINE));
    }

    @Test
    void missingCloseDelimiterEndsPartsAtEndOfInput() {
        byte[] m = crlf("Content-Type: multipart/mixed; boundary=z", "", "--z", "", "one", "--z", "", "two", "");
        MessageTree tree = MimeParser.parse(m);
        assertEquals(2, tree.root().children().size());
        Part two = tree.part("2").orElseThrow();
        assertEquals("two\r\n", slice(m, two.bodyStart(), two.bodyEnd()));
        assertTrue(kinds(tree).contains(Defect.Kind.MISSING_CLOSE_DELIMITER));
    }

    @Test
    void outerDelimiterClosesAnUnclosedInnerMultipart() {
        byte[] m = crlf("Content-Type: multipart/mixed; boundary=outer", "", "--outer",
                "Content-Type: multipart/alternative; boundary=inner", "", "--inner", "", "in", "--outer", "",
                "second", "--outer--", "");
        MessageTree tree = MimeParser.parse(m);
        assertEquals(2, tree.root().children().size());
        assertEquals("in", slice(m, tree.part("1.1").orElseThrow().bodyStart(), tree.part("1.1").orElseThrow().bodyEnd()));
        assertEquals("second", slice(m, tree.part("2").orElseThrow().bodyStart(), tree.part("2").orElseThrow().bodyEnd()));
        assertTrue(kinds(tree).contains(Defect.Kind.MISSING_CLOSE_DELIMITER));
    }

    @Test
    void longerBoundaryWithTheSamePrefixIsNotADelimiterRfc2046s511() {
        byte[] m = crlf("Content-Type: multipart/mixed; boundary=b", "", "--b", "", "--bx not a delimiter", "--b--", "");
        MessageTree tree = MimeParser.parse(m);
        assertEquals(1, tree.root().children().size());
        Part p = tree.part("1").orElseThrow();
        assertEquals("--bx not a delimiter", slice(m, p.bodyStart(), p.bodyEnd()));
    }

    @Test
    void textAfterWhiteSpaceDoesNotStopADelimiterRfc2046s511() {
        byte[] m = crlf("Content-Type: multipart/mixed; boundary=b", "", "--b", "", "one", "--b text after", "", "two",
                "--b--", "");
        MessageTree tree = MimeParser.parse(m);
        assertEquals(2, tree.root().children().size());
        assertEquals("one", slice(m, tree.part("1").orElseThrow().bodyStart(), tree.part("1").orElseThrow().bodyEnd()));
        assertTrue(kinds(tree).contains(Defect.Kind.TEXT_AFTER_DELIMITER));
    }

    @Test
    void innerBoundaryIsMatchedBeforeAnOuterPrefixOfIt() {
        byte[] m = crlf("Content-Type: multipart/mixed; boundary=abc", "", "--abc",
                "Content-Type: multipart/alternative; boundary=abc-1", "", "--abc-1", "", "in", "--abc-1--",
                "--abc", "", "second", "--abc--", "");
        MessageTree tree = MimeParser.parse(m);
        assertEquals(2, tree.root().children().size());
        assertEquals(1, tree.part("1").orElseThrow().children().size());
        assertTrue(tree.defects().isEmpty(), tree.defects().toString());
    }

    @Test
    void transportPaddingAfterDelimiterIsAllowedRfc2046s511() {
        byte[] m = crlf("Content-Type: multipart/mixed; boundary=b", "", "--b  \t", "", "x", "--b-- ", "");
        MessageTree tree = MimeParser.parse(m);
        assertEquals(1, tree.root().children().size());
        assertTrue(tree.defects().isEmpty(), tree.defects().toString());
    }

    @Test
    void delimitersInsideTheEpilogueAreIgnored() {
        byte[] m = crlf("Content-Type: multipart/mixed; boundary=b", "", "--b", "", "x", "--b--", "--b", "", "y", "");
        MessageTree tree = MimeParser.parse(m);
        assertEquals(1, tree.root().children().size());
    }

    @Test
    void multipartWithoutBoundaryIsOneOpaqueBody() {
        byte[] m = crlf("Content-Type: multipart/mixed", "", "--b", "", "x");
        MessageTree tree = MimeParser.parse(m);
        assertTrue(tree.root().children().isEmpty());
        assertFalse(tree.root().isMultipart());
        assertTrue(kinds(tree).contains(Defect.Kind.MISSING_BOUNDARY));
    }

    @Test
    void base64EncodedMessageRfc822StaysALeaf() {
        byte[] m = crlf("Content-Type: message/rfc822", "Content-Transfer-Encoding: base64", "", "U3ViamVjdDogeA0KDQpi");
        MessageTree tree = MimeParser.parse(m);
        assertTrue(tree.root().message().isEmpty());
        assertTrue(kinds(tree).contains(Defect.Kind.ENCODED_COMPOSITE));
    }

    @Test
    void headerOnlyMessageHasAnEmptyBody() {
        byte[] m = crlf("Subject: only");
        MessageTree tree = MimeParser.parse(m);
        assertEquals(m.length, tree.root().bodyStart());
        assertEquals(0, tree.root().bodySize());
        assertEquals("only", tree.root().header().value("Subject"));
    }

    @Test
    void emptyInputGivesAnEmptyMessage() {
        MessageTree tree = MimeParser.parse(new byte[0]);
        assertEquals(0, tree.size());
        assertTrue(tree.root().header().fields().isEmpty());
    }

    @Test
    void oneMegabyteHeaderLineIsTruncatedNotFatal() {
        String big = "x".repeat(1 << 20);
        byte[] m = crlf("Subject: " + big, "To: a@b", "", "body");
        MessageTree tree = MimeParser.parse(m);
        assertEquals("a@b", tree.root().header().value("To"));
        assertTrue(kinds(tree).contains(Defect.Kind.FIELD_TOO_LONG));
        assertEquals("body", slice(m, tree.root().bodyStart(), tree.root().bodyEnd()));
    }

    @Test
    void tenThousandPartsAreCappedByTheLimit() {
        StringBuilder sb = new StringBuilder("Content-Type: multipart/mixed; boundary=p\r\n\r\n");
        for (int i = 0; i < 10_050; i++) {
            sb.append("--p\r\n\r\n").append(i).append("\r\n");
        }
        sb.append("--p--\r\n");
        MessageTree tree = MimeParser.parse(sb.toString().getBytes(StandardCharsets.US_ASCII));
        assertEquals(MimeConfig.DEFAULT.maxParts() - 1, tree.root().children().size());
        assertTrue(kinds(tree).contains(Defect.Kind.TOO_MANY_PARTS));
    }

    @Test
    void nestingThousandDeepIsCappedByTheLimit() {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 1000; i++) {
            sb.append("Content-Type: multipart/mixed; boundary=b").append(i).append("\r\n\r\n--b").append(i).append("\r\n");
        }
        sb.append("\r\ndeep\r\n");
        MessageTree tree = MimeParser.parse(sb.toString().getBytes(StandardCharsets.US_ASCII));
        assertTrue(kinds(tree).contains(Defect.Kind.NESTING_TOO_DEEP));
        long depth = 0;
        Part p = tree.root();
        while (!p.children().isEmpty()) {
            p = p.children().get(0);
            depth++;
        }
        assertEquals(MimeConfig.DEFAULT.maxDepth() - 1, depth);
    }

    @Test
    void hostileBodiesParseConsistently() {
        byte[] longLine = ("Content-Type: multipart/mixed; boundary=b\r\n\r\n--b\r\n\r\n" + "x".repeat(3 << 20)
                + "\r\n--b--").getBytes(StandardCharsets.US_ASCII);
        MessageTree tree = MimeParser.parse(longLine);
        ParserProperties.assertConsistent(longLine, tree);
        assertEquals(3 << 20, tree.part("1").orElseThrow().bodySize());

        byte[] dashes = ("Content-Type: multipart/mixed; boundary=b\r\n\r\n--b\r\n\r\n"
                + "--\r\n--b-x\r\n---\r\n--b\t \t".repeat(50_000)).getBytes(StandardCharsets.US_ASCII);
        MessageTree many = MimeParser.parse(dashes);
        ParserProperties.assertConsistent(dashes, many);
        assertEquals(MimeConfig.DEFAULT.maxParts() - 1, many.root().children().size());

        byte[] noLineEnds = new byte[2 << 20];
        java.util.Arrays.fill(noLineEnds, (byte) 'a');
        ParserProperties.assertConsistent(noLineEnds, MimeParser.parse(noLineEnds));
    }

    @Test
    void everyPartIsFoundByTheSectionTheParserGaveIt_rfc9051s6_4_5() {
        // A message/rfc822 message enclosing one whose body is message/rfc822 enclosing a multipart:
        // 1 is the top body, 1.1 the first enclosed body, 1.1.1 and 1.1.2 the innermost parts.
        byte[] nested = crlf("Content-Type: message/rfc822", "", "Subject: level 1", "Content-Type: message/rfc822", "",
                "Subject: level 2", "Content-Type: multipart/mixed; boundary=z", "", "--z", "", "one", "--z", "", "two",
                "--z--", "");
        // And inside a multipart: part 2 is message/rfc822, its message's body is message/rfc822 again.
        byte[] inMultipart = crlf("Content-Type: multipart/mixed; boundary=a", "", "--a", "", "first", "--a",
                "Content-Type: message/rfc822", "", "Subject: wrapper", "Content-Type: message/rfc822", "",
                "Subject: inner", "Content-Type: multipart/alternative; boundary=b", "", "--b", "", "plain", "--b", "",
                "html", "--b--", "", "--a--", "");
        for (byte[] message : List.of(nested, inMultipart, MIXED)) {
            MessageTree tree = MimeParser.parse(message);
            tree.root().walk().filter(p -> p.kind() == Part.Kind.BODY_PART).forEach(p ->
                    assertSame(p, tree.part(p.section()).orElseThrow(), () -> "part " + p.section() + " not found"));
        }
        MessageTree deep = MimeParser.parse(inMultipart);
        assertEquals("plain", text(deep, inMultipart, "2.1.1"));
        assertEquals("html", text(deep, inMultipart, "2.1.2"));
        MessageTree top = MimeParser.parse(nested);
        assertEquals("two", text(top, nested, "1.1.2"));
    }

    private static String text(MessageTree tree, byte[] message, String section) {
        Part p = tree.part(section).orElseThrow();
        return new String(message, (int) p.bodyStart(), (int) p.bodySize(), StandardCharsets.ISO_8859_1);
    }

    @Test
    void readsAStreamOneByteAtATime() throws IOException {
        MessageTree whole = MimeParser.parse(MIXED);
        MessageTree trickled = MimeParser.parse(new Trickle(MIXED, 1));
        assertEquals(describe(whole.root()), describe(trickled.root()));
    }

    @Test
    void bodyAccessDecodesTransferEncodingAndCharset() throws IOException {
        MessageTree tree = MimeParser.parse(MIXED);
        ByteSource source = ByteSource.of(MIXED);
        try (InputStream in = tree.part("2").orElseThrow().openDecodedBody(source)) {
            assertEquals(List.of(0, 1, 2), in.readAllBytes().length == 3 ? List.of(0, 1, 2) : List.of());
        }
        byte[] utf = crlf("Content-Type: text/plain; charset=utf-8", "Content-Transfer-Encoding: quoted-printable",
                "", "caf=C3=A9");
        Part p = MimeParser.parse(utf).root();
        try (var reader = p.openText(ByteSource.of(utf))) {
            char[] buf = new char[16];
            int n = reader.read(buf);
            assertEquals("café", new String(buf, 0, n));
        }
    }

    /** A canonical string of a tree (sections, types, offsets, lines, defects) for comparisons. */
    static String describe(Part p) {
        StringBuilder sb = new StringBuilder();
        p.walk().forEach(x -> sb.append(x.kind()).append(' ').append(x.section()).append(' ')
                .append(x.contentType()).append(' ').append(x.headerStart()).append(' ').append(x.bodyStart())
                .append(' ').append(x.bodyEnd()).append(' ').append(x.bodyLines()).append(' ')
                .append(x.header().fields().size()).append(' ').append(x.defects().stream().map(Defect::kind).toList())
                .append('\n'));
        return sb.toString();
    }

    /** Delivers a byte array in reads of at most {@code step} bytes, to exercise buffer edges. */
    static final class Trickle extends InputStream {
        private final byte[] data;
        private final int step;
        private int pos;

        Trickle(byte[] data, int step) {
            this.data = data;
            this.step = step;
        }

        @Override
        public int read() {
            return pos < data.length ? data[pos++] & 0xff : -1;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            if (pos >= data.length) {
                return -1;
            }
            int n = Math.min(Math.min(len, step), data.length - pos);
            System.arraycopy(data, pos, b, off, n);
            pos += n;
            return n;
        }
    }
}
