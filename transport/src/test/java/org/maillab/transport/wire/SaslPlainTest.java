package org.maillab.transport.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class SaslPlainTest {

    static String b64(String s) {
        return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void decodesTheThreeFields_rfc4616_2() {
        assertEquals(new SaslPlain.Credentials("", "alice", "sec ret"), SaslPlain.decode(b64("\0alice\0sec ret")));
        SaslPlain.Credentials c = (SaslPlain.Credentials) SaslPlain.decode(b64("bob\0alice\0pw"));
        assertTrue(c.actsAsAnother());
        assertFalse(((SaslPlain.Credentials) SaslPlain.decode(b64("alice\0alice\0pw"))).actsAsAnother());
        assertFalse(c.toString().contains("pw"));
    }

    @Test
    void refusesWhatIsNotAPlainResponse() {
        assertEquals(SaslPlain.Failure.NOT_BASE64, SaslPlain.decode("not base64!"));
        assertEquals(SaslPlain.Failure.MALFORMED, SaslPlain.decode("="));
        assertEquals(SaslPlain.Failure.MALFORMED, SaslPlain.decode(b64("alice\0pw")));
        assertEquals(SaslPlain.Failure.MALFORMED, SaslPlain.decode(b64("\0alice\0pw\0x")));
        assertEquals(SaslPlain.Failure.MALFORMED, SaslPlain.decode(b64("\0\0pw")));
        assertEquals(SaslPlain.Failure.MALFORMED, SaslPlain.decode(b64("\0alice\0")));
        assertEquals(SaslPlain.Failure.MALFORMED,
                SaslPlain.decode(Base64.getEncoder().encodeToString(new byte[] {0, 'a', 0, (byte) 0xff})));
    }
}
