package org.maillab.imap.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Round trips and hostile input for every parser of the codec (framing, commands, responses). */
class CodecProperties {

    private static final FramerLimits SMALL = new FramerLimits(200, 300, 2000, 100, false, 500, 8);

    @Provide
    Arbitrary<Command> commands() {
        return ImapArbitraries.command();
    }

    @Provide
    Arbitrary<Response> responses() {
        return ImapArbitraries.response();
    }

    static List<Frame> frames(Framer.Role role, byte[] bytes) {
        Framer framer = new Framer(role, FramerLimits.defaults(), LiteralSpooler.inMemory());
        List<Frame> frames = new ArrayList<>();
        for (FramerEvent e : framer.feed(bytes)) {
            if (e instanceof FramerEvent.Complete c) {
                frames.add(c.frame());
            }
        }
        return frames;
    }

    @Property(tries = 400, seed = "5")
    void formattedCommandsParseBackToTheSameValue(@ForAll("commands") Command command,
            @ForAll boolean literalPlus, @ForAll boolean utf8) {
        byte[] wire = CommandFormatter.format("A1", command, literalPlus, utf8).toBytes();
        List<Frame> frames = frames(Framer.Role.SERVER, wire);
        assertEquals(1, frames.size(), () -> new String(wire, java.nio.charset.StandardCharsets.UTF_8));
        assertEquals(new ParsedCommand.Ok("A1", command), CommandParser.parse(frames.get(0)),
                () -> new String(wire, java.nio.charset.StandardCharsets.UTF_8));
    }

    @Property(tries = 400, seed = "7")
    void formattedResponsesParseBackToTheSameValue(@ForAll("responses") Response response) {
        byte[] wire = ResponseFormatter.format(response).toBytes();
        List<Frame> frames = frames(Framer.Role.CLIENT, wire);
        assertEquals(1, frames.size(), () -> new String(wire, java.nio.charset.StandardCharsets.UTF_8));
        assertEquals(new ParsedResponse.Ok(response), ResponseParser.parse(frames.get(0)),
                () -> new String(wire, java.nio.charset.StandardCharsets.UTF_8));
    }

    @Property(tries = 500, seed = "11")
    void arbitraryBytesNeverThrowInFramerOrParsers(@ForAll byte[] bytes, @ForAll boolean server) {
        Framer framer = new Framer(server ? Framer.Role.SERVER : Framer.Role.CLIENT, SMALL,
                LiteralSpooler.inMemory());
        for (FramerEvent e : framer.feed(bytes)) {
            if (e instanceof FramerEvent.Complete c) {
                CommandParser.parse(c.frame());
                ResponseParser.parse(c.frame());
            }
        }
    }

    @Property(tries = 300, seed = "13")
    void mutatedValidCommandsNeverThrow(@ForAll("commands") Command command, @ForAll int position,
            @ForAll byte replacement) {
        byte[] wire = CommandFormatter.format("A1", command, true, true).toBytes();
        wire[Math.floorMod(position, wire.length)] = replacement;
        Framer framer = new Framer(Framer.Role.SERVER, SMALL, LiteralSpooler.inMemory());
        for (FramerEvent e : framer.feed(wire)) {
            if (e instanceof FramerEvent.Complete c) {
                ParsedCommand p = CommandParser.parse(c.frame());
                assertInstanceOf(ParsedCommand.class, p);
            }
        }
    }

    @Property(tries = 200, seed = "17")
    void mutatedValidResponsesNeverThrow(@ForAll("responses") Response response, @ForAll int position,
            @ForAll byte replacement) {
        byte[] wire = ResponseFormatter.format(response).toBytes();
        wire[Math.floorMod(position, wire.length)] = replacement;
        Framer framer = new Framer(Framer.Role.CLIENT, SMALL, LiteralSpooler.inMemory());
        for (FramerEvent e : framer.feed(wire)) {
            if (e instanceof FramerEvent.Complete c) {
                ResponseParser.parse(c.frame());
            }
        }
    }

    @Property(tries = 100, seed = "19")
    void splittingTheStreamAnywhereGivesTheSameEvents(@ForAll("commands") Command command, @ForAll int cut) {
        byte[] wire = CommandFormatter.format("A1", command, false, false).toBytes();
        int at = Math.floorMod(cut, wire.length + 1);
        Framer whole = new Framer(Framer.Role.SERVER, FramerLimits.defaults(), LiteralSpooler.inMemory());
        Framer split = new Framer(Framer.Role.SERVER, FramerLimits.defaults(), LiteralSpooler.inMemory());
        List<FramerEvent> a = whole.feed(wire);
        List<FramerEvent> b = new ArrayList<>(split.feed(java.util.Arrays.copyOfRange(wire, 0, at)));
        b.addAll(split.feed(java.util.Arrays.copyOfRange(wire, at, wire.length)));
        assertEquals(a.toString(), b.toString());
    }
}
