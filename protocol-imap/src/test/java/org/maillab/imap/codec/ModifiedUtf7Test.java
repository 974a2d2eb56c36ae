package org.maillab.imap.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ModifiedUtf7Test {

    @Test
    void rfc3501Example_5_1_3() {
        assertEquals("~peter/mail/&U,BTFw-/&ZeVnLIqe-", ModifiedUtf7.encode("~peter/mail/台北/日本語"));
        assertEquals(Optional.of("~peter/mail/台北/日本語"), ModifiedUtf7.decode("~peter/mail/&U,BTFw-/&ZeVnLIqe-"));
    }

    @Test
    void ampersandIsWrittenAmpersandDash() {
        assertEquals("Tom &- Jerry", ModifiedUtf7.encode("Tom & Jerry"));
        assertEquals(Optional.of("Tom & Jerry"), ModifiedUtf7.decode("Tom &- Jerry"));
        assertEquals("Entw&APw-rfe", ModifiedUtf7.encode("Entwürfe"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"&", "&U,BTFw", "&U,B-", "a&Jjo!-", "&AGE-", "ü", "&ZeVnLIqe=-"})
    void invalidFormsAreRefused(String wire) {
        assertEquals(Optional.empty(), ModifiedUtf7.decode(wire));
    }

    @Property(tries = 300, seed = "42")
    void encodeThenDecodeIsIdentity(@ForAll String name) {
        if (hasLoneSurrogate(name)) {
            return;
        }
        assertEquals(Optional.of(name), ModifiedUtf7.decode(ModifiedUtf7.encode(name)));
    }

    private static boolean hasLoneSurrogate(String s) {
        return !s.equals(new String(s.getBytes(java.nio.charset.StandardCharsets.UTF_16BE),
                java.nio.charset.StandardCharsets.UTF_16BE)) || s.codePoints().anyMatch(
                        cp -> cp >= 0xD800 && cp <= 0xDFFF);
    }
}
