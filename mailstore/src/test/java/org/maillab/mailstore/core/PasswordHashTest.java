package org.maillab.mailstore.core;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class PasswordHashTest {

    @Test
    void verifiesOnlyTheHashedPassword() {
        String hash = PasswordHash.hash("correct horse", 1000);
        assertTrue(hash.startsWith("pbkdf2-sha256$1000$"));
        assertTrue(PasswordHash.verify("correct horse", hash));
        assertFalse(PasswordHash.verify("correct horsE", hash));
        assertFalse(PasswordHash.verify("", hash));
        assertFalse(hash.contains("correct"));
    }

    @Test
    void theSamePasswordGetsDifferentSalts() {
        assertNotEquals(PasswordHash.hash("pw", 1000), PasswordHash.hash("pw", 1000));
    }

    @Test
    void malformedStoredHashesNeverVerify() {
        for (String bad : new String[] {"", "pbkdf2-sha256", "md5$1$a$b", "pbkdf2-sha256$x$a$b",
            "pbkdf2-sha256$0$AAAA$AAAA", "pbkdf2-sha256$1000$!!$AAAA", "pbkdf2-sha256$99999999$AAAA$AAAA"}) {
            assertFalse(PasswordHash.verify("pw", bad), bad);
        }
        assertFalse(PasswordHash.verify(null, PasswordHash.hash("pw", 1000)));
    }
}
