package org.maillab.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Over a real socket: a session of lines, over-long lines and non-synchronizing literals, written in random
 * pieces, always gets the same replies in the same order. And the buffer arithmetic the connection uses to
 * queue received bytes loses and reorders nothing.
 */
class ConnectionProperties {

    private static TransportServer server;
    private static Listener listener;

    @BeforeContainer
    static void start() throws Exception {
        server = TransportServer.start(ServerConfig.defaults().withWorkerThreads(2));
        listener = server.listen(ListenerConfig.of("echo", new InetSocketAddress("127.0.0.1", 0), c -> new EchoHandler())
                .withMaxLineLength(64));
    }

    @AfterContainer
    static void stop() {
        server.close();
    }

    /** One step of a session: what to send, and the reply it must get. */
    record Step(byte[] sent, String reply) {
    }

    @Provide
    Arbitrary<Step> steps() {
        Arbitrary<Step> line = Arbitraries.strings().withChars("abc XYZ{}+0123456789.").ofMaxLength(64)
                .filter(s -> !s.startsWith("LIT") && !s.equals("QUIT") && !s.equals("STLS") && !s.equals("SECURE?"))
                .map(s -> new Step((s + "\r\n").getBytes(StandardCharsets.US_ASCII), "ECHO " + s));
        Arbitrary<Step> tooLong = Arbitraries.integers().between(65, 3000)
                .map(n -> new Step(("y".repeat(n) + "\n").getBytes(StandardCharsets.US_ASCII), "ERR line too long: " + n));
        Arbitrary<Step> literal = Arbitraries.bytes().array(byte[].class).ofMaxSize(5000).map(body -> {
            byte[] head = ("LIT+ " + body.length + "\r\n").getBytes(StandardCharsets.US_ASCII);
            ByteArrayOutputStream all = new ByteArrayOutputStream();
            all.writeBytes(head);
            all.writeBytes(body);
            return new Step(all.toByteArray(),
                    "LITERAL " + body.length + " " + HexFormat.of().formatHex(EchoHandler.sha256().digest(body)));
        });
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(6, line), net.jqwik.api.Tuple.of(1, tooLong), net.jqwik.api.Tuple.of(2, literal));
    }

    @Property(tries = 25, seed = "11")
    void anySessionWrittenInAnyPiecesGetsTheSameRepliesInOrder(
            @ForAll @Size(min = 1, max = 30) List<@net.jqwik.api.From("steps") Step> session,
            @ForAll @Size(max = 20) List<@IntRange(min = 1, max = 4000) Integer> pieceSizes) throws Exception {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        for (Step s : session) {
            all.writeBytes(s.sent());
        }
        byte[] bytes = all.toByteArray();
        try (LineClient client = new LineClient(listener.localAddress())) {
            assertEquals("* hello", client.readLine());
            int pos = 0;
            int i = 0;
            while (pos < bytes.length) {
                int n = pieceSizes.isEmpty() ? bytes.length : Math.min(pieceSizes.get(i++ % pieceSizes.size()), bytes.length - pos);
                client.send(java.util.Arrays.copyOfRange(bytes, pos, pos + n));
                pos += n;
            }
            for (Step s : session) {
                assertEquals(s.reply(), client.readLine());
            }
        }
    }

    @Property(tries = 200, seed = "5")
    void queuedInputKeepsEveryByteInOrder(@ForAll @Size(max = 40) List<@Size(max = 300) byte[]> appends,
                                         @ForAll @Size(max = 40) List<@IntRange(min = 0, max = 400) Integer> takes) {
        ByteBuffer buffer = null;
        ByteArrayOutputStream expected = new ByteArrayOutputStream();
        ByteArrayOutputStream taken = new ByteArrayOutputStream();
        for (int i = 0; i < appends.size(); i++) {
            buffer = NioConnection.append(buffer, ByteBuffer.wrap(appends.get(i)));
            expected.writeBytes(appends.get(i));
            int take = Math.min(i < takes.size() ? takes.get(i) : 0, buffer.remaining());
            byte[] t = new byte[take];
            buffer.get(t);
            taken.writeBytes(t);
        }
        if (buffer != null) {
            byte[] rest = new byte[buffer.remaining()];
            buffer.get(rest);
            taken.writeBytes(rest);
        }
        assertEquals(HexFormat.of().formatHex(expected.toByteArray()), HexFormat.of().formatHex(taken.toByteArray()));
    }
}
