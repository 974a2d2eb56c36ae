package org.maillab.mime.write;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.StringWriter;
import java.time.OffsetDateTime;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.maillab.mime.header.Address;
import org.maillab.mime.parse.ByteSource;
import org.maillab.mime.parse.MessageTree;
import org.maillab.mime.parse.MimeParser;
import org.maillab.mime.parse.Part;
import org.maillab.mime.parse.ParserPropertiesAccess;

/** Write, then parse: the parser must read back exactly what the writer was given. */
class WriterRoundTripProperties {

    @Provide
    Arbitrary<String> unicodeText() {
        return Arbitraries.oneOf(
                Arbitraries.strings().withCharRange(' ', '~').ofMaxLength(120),
                Arbitraries.strings().withCharRange(' ', '\u04ff').ofMaxLength(120),
                Arbitraries.strings().all().ofMaxLength(60)
                        .filter(s -> s.codePoints().noneMatch(c -> Character.getType(c) == Character.SURROGATE || c == '\r')));
    }

    @Provide
    Arbitrary<String> displayName() {
        return Arbitraries.strings().withCharRange(' ', '\u024f').ofMinLength(1).ofMaxLength(40)
                .filter(s -> !s.isBlank() && s.strip().equals(s) && !s.contains("  "));
    }

    @Provide
    Arbitrary<List<byte[]>> attachments() {
        return Arbitraries.bytes().array(byte[].class).ofMaxSize(3000).list().ofMaxSize(3);
    }

    @Property(tries = 150, seed = "20261127")
    void subjectSurvivesEncodedWordsAndFolding(@ForAll("unicodeText") String subject) {
        String clean = subject.replace('\n', ' ').replace('\t', ' ');
        byte[] mail = new MessageBuilder().subject(clean).text("x").toBytes(IdGenerator.seeded(1));
        MessageTree tree = MimeParser.parse(mail);
        assertEquals(clean.strip(), unfoldedDecoded(tree.root().header().first("Subject").orElseThrow().value()));
        assertTrue(tree.defects().isEmpty(), tree.defects()::toString);
    }

    private static String unfoldedDecoded(String value) {
        return org.maillab.mime.codec.EncodedWords.decode(value).strip();
    }

    @Property(tries = 150, seed = "20261127")
    void displayNamesSurviveQuotingAndEncodedWords(@ForAll("displayName") String name) {
        byte[] mail = new MessageBuilder().from(name, "ann@example.org").text("x").toBytes(IdGenerator.seeded(2));
        List<Address> from = MimeParser.parse(mail).envelope().fromAddresses();
        assertEquals(1, from.size());
        Address.Mailbox m = (Address.Mailbox) from.get(0);
        assertEquals(name, m.decodedDisplayName());
        assertEquals("ann", m.localPart());
        assertEquals("example.org", m.domain());
    }

    @Property(tries = 100, seed = "20261127")
    void bodiesAndAttachmentsSurvive(@ForAll("unicodeText") String text, @ForAll("attachments") List<byte[]> files)
            throws IOException {
        MessageBuilder builder = new MessageBuilder().from("A", "a@example.org").to("B", "b@example.net")
                .date(OffsetDateTime.parse("2024-05-14T09:30:00+02:00")).subject("s").text(text);
        for (int i = 0; i < files.size(); i++) {
            builder.attach("f" + i + "-é.bin", "application/octet-stream", files.get(i));
        }
        byte[] mail = builder.toBytes(IdGenerator.seeded(3));
        MessageTree tree = MimeParser.parse(mail);
        ParserPropertiesAccess.assertConsistent(mail, tree);
        assertTrue(tree.defects().isEmpty(), tree.defects()::toString);
        ByteSource source = ByteSource.of(mail);
        Part textPart = files.isEmpty() ? tree.root() : tree.part("1").orElseThrow();
        assertEquals(text.replace("\r\n", "\n").replace("\n", "\r\n"), read(textPart, source));
        for (int i = 0; i < files.size(); i++) {
            Part p = tree.part(Integer.toString(i + 2)).orElseThrow();
            assertEquals("f" + i + "-é.bin", p.filename());
            try (InputStream in = p.openDecodedBody(source)) {
                assertArrayEquals(files.get(i), in.readAllBytes());
            }
        }
    }

    @Property(tries = 20, seed = "20261127")
    void sameSeedSameBytes(@ForAll("unicodeText") String text) {
        MessageBuilder builder = new MessageBuilder().from("A", "a@example.org").html("<p>" + text + "</p>").text(text)
                .attach("a.bin", "application/octet-stream", new byte[] {1, 2, 3});
        assertArrayEquals(builder.toBytes(IdGenerator.seeded(7)), builder.toBytes(IdGenerator.seeded(7)));
    }

    private static String read(Part p, ByteSource source) throws IOException {
        try (Reader r = p.openText(source)) {
            StringWriter w = new StringWriter();
            r.transferTo(w);
            return w.toString();
        }
    }
}
