package org.maillab.pop3.codec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.OptionalInt;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Properties of the codec: total parsing, and round trips of commands and dot-stuffing. */
class CodecProperties {

    @Property(tries = 500, seed = "4711")
    void parsingArbitraryBytesNeverThrows(@ForAll byte[] line) {
        assertNotNull(CommandParser.parse(line));
    }

    @Property(tries = 500, seed = "4712")
    void parsingLinesMadeOfCommandishTextNeverThrows(@ForAll("commandish") String line) {
        Command command = CommandParser.parse(line.getBytes(StandardCharsets.UTF_8));
        assertNotNull(command.keyword());
    }

    @Provide
    Arbitrary<String> commandish() {
        Arbitrary<String> keyword = Arbitraries.of("USER", "PASS", "APOP", "AUTH", "STAT", "LIST", "RETR", "DELE",
                "TOP", "UIDL", "QUIT", "RSET", "NOOP", "CAPA", "STLS", "LAST", "list", "XTND");
        Arbitrary<String> arg = Arbitraries.oneOf(Arbitraries.integers().between(-5, 1_000_000).map(String::valueOf),
                Arbitraries.strings().withChars(" \t.*=+-0123456789abcdefABCDEF\r\n\0").ofMaxLength(40));
        return Combinators.combine(keyword, arg.list().ofMaxSize(4)).as((k, args) -> k + " " + String.join(" ", args));
    }

    @Property(tries = 300, seed = "4713")
    void everyCommandParsesBackFromItsOwnLine(@ForAll("commands") Command command) {
        assertEquals(command, CommandParser.parse(command.toWire()));
    }

    @Provide
    Arbitrary<Command> commands() {
        Arbitrary<String> word = Arbitraries.strings().alpha().numeric().withChars("@.-_").ofMinLength(1).ofMaxLength(20);
        Arbitrary<String> password = Arbitraries.strings().withCharRange(' ', '~')
                .ofMinLength(1).ofMaxLength(30);
        Arbitrary<Integer> n = Arbitraries.integers().between(0, 999_999_999);
        Arbitrary<String> digest = Arbitraries.strings().withChars("0123456789abcdef").ofLength(32);
        return Arbitraries.oneOf(
                word.map(Command.User::new),
                password.map(Command.Pass::new),
                Combinators.combine(word, digest).as(Command.Apop::new),
                Combinators.combine(word.map(w -> w.toUpperCase(java.util.Locale.ROOT)).optional(), word.optional())
                        .as((m, r) -> new Command.Auth(m, m.isPresent() ? r : Optional.empty())),
                Arbitraries.of(new Command.Stls(), new Command.Capa(), new Command.Stat(), new Command.Noop(),
                        new Command.Rset(), new Command.Quit(), new Command.Last()),
                n.optional().map(o -> new Command.List(o.map(OptionalInt::of).orElse(OptionalInt.empty()))),
                n.optional().map(o -> new Command.Uidl(o.map(OptionalInt::of).orElse(OptionalInt.empty()))),
                n.map(Command.Retr::new),
                n.map(Command.Dele::new),
                Combinators.combine(n, n).as(Command.Top::new));
    }

    @Property(tries = 300, seed = "4714")
    void dotStuffingRoundTrips_rfc1939s3(@ForAll("bodies") byte[] body) throws IOException {
        byte[] wire = new DotStuffingInputStream(new ByteArrayInputStream(body)).readAllBytes();
        byte[] trailer = "after\r\n".getBytes(StandardCharsets.US_ASCII);
        ByteArrayOutputStream stream = new ByteArrayOutputStream();
        stream.write(wire);
        stream.write(trailer);
        InputStream in = new ByteArrayInputStream(stream.toByteArray());
        byte[] back = new DotUnstuffingInputStream(in).readAllBytes();
        assertArrayEquals(expectedBack(body), back);
        assertArrayEquals(trailer, in.readAllBytes(), "the reader stops right after the terminator");
    }

    @Property(tries = 300, seed = "4718")
    void unstuffingGivesTheSameBytesWhateverTheReadSizes(@ForAll("bodies") byte[] body,
            @ForAll("readSizes") java.util.List<Integer> sizes) throws IOException {
        byte[] wire = new DotStuffingInputStream(new ByteArrayInputStream(body)).readAllBytes();
        byte[] trailer = "+OK next\r\n".getBytes(StandardCharsets.US_ASCII);
        byte[] both = java.util.Arrays.copyOf(wire, wire.length + trailer.length);
        System.arraycopy(trailer, 0, both, wire.length, trailer.length);
        InputStream in = new java.io.BufferedInputStream(new ByteArrayInputStream(both), 16);
        DotUnstuffingInputStream unstuffing = new DotUnstuffingInputStream(in);
        ByteArrayOutputStream back = new ByteArrayOutputStream();
        byte[] buffer = new byte[8];
        for (int i = 0; ; i++) {
            int size = sizes.isEmpty() ? 3 : sizes.get(i % sizes.size());
            if (size == 0) {
                int b = unstuffing.read();
                if (b < 0) {
                    break;
                }
                back.write(b);
            } else {
                int n = unstuffing.read(buffer, 0, size);
                if (n < 0) {
                    break;
                }
                back.write(buffer, 0, n);
            }
        }
        assertArrayEquals(expectedBack(body), back.toByteArray());
        assertArrayEquals(trailer, in.readAllBytes(), "the reader stops right after the terminator");
    }

    @Provide
    Arbitrary<java.util.List<Integer>> readSizes() {
        return Arbitraries.integers().between(0, 8).list().ofMinSize(1).ofMaxSize(5);
    }

    @Property(tries = 300, seed = "4719")
    void stuffingInMemoryEqualsStuffingAsAStream(@ForAll("bodies") byte[] body) throws IOException {
        byte[] prefix = "+OK\r\n".getBytes(StandardCharsets.US_ASCII);
        ByteArrayOutputStream expected = new ByteArrayOutputStream();
        expected.write(prefix);
        new DotStuffingInputStream(new ByteArrayInputStream(body)).transferTo(expected);
        assertArrayEquals(expected.toByteArray(), DotStuffingInputStream.stuff(prefix, body, body.length));
    }

    @Property(tries = 300, seed = "4715")
    void stuffedBodyHasNoTerminatorBeforeItsEnd_rfc1939s3(@ForAll("bodies") byte[] body) throws IOException {
        String wire = new String(new DotStuffingInputStream(new ByteArrayInputStream(body)).readAllBytes(),
                StandardCharsets.ISO_8859_1);
        int terminator = ("\n" + wire).indexOf("\n.\r\n");
        assertEquals(wire.length() - 3, terminator);
    }

    /** The body read back: what was sent, plus CRLF if it did not end with one. */
    private static byte[] expectedBack(byte[] body) {
        int n = body.length;
        if (n == 0 || (n >= 2 && body[n - 2] == '\r' && body[n - 1] == '\n')) {
            return body;
        }
        byte[] withCrlf = java.util.Arrays.copyOf(body, n + 2);
        withCrlf[n] = '\r';
        withCrlf[n + 1] = '\n';
        return withCrlf;
    }

    @Provide
    Arbitrary<byte[]> bodies() {
        Arbitrary<String> line = Arbitraries.strings().withChars(".ab \r").ofMaxLength(12);
        Arbitrary<String> crlfText = line.list().ofMaxSize(20).map(lines -> String.join("\r\n", lines));
        Arbitrary<String> anyText = Arbitraries.strings().withChars(".\r\nx").ofMaxLength(60);
        return Arbitraries.oneOf(crlfText, anyText).map(s -> s.getBytes(StandardCharsets.ISO_8859_1));
    }

    @Property(tries = 300, seed = "4716")
    void statusLineParsingIsTotal(@ForAll String line) {
        assertNotNull(StatusLine.parse(line).kind());
    }

    @Property(tries = 200, seed = "4717")
    void statusLinesRoundTrip_rfc2449s8(@ForAll boolean ok, @ForAll("codes") Optional<ResponseCode> code,
            @ForAll("texts") String text) {
        Response.Status status = new Response.Status(ok, ok ? Optional.empty() : code, text);
        StatusLine parsed = StatusLine.parse(status.statusLine());
        assertEquals(ok ? StatusLine.Kind.OK : StatusLine.Kind.ERR, parsed.kind());
        assertEquals(status.code(), parsed.code());
        assertEquals(text.strip(), parsed.text().strip());
    }

    @Provide
    Arbitrary<Optional<ResponseCode>> codes() {
        return Arbitraries.of(ResponseCode.class).optional();
    }

    @Provide
    Arbitrary<String> texts() {
        return Arbitraries.strings().withChars("abc 123.[]").ofMaxLength(30).filter(t -> !t.startsWith("["));
    }
}
