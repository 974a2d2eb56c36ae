package org.maillab.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** RFC 9051 §11.7: failed logins get slower the more there are, however they are spread. */
class LoginThrottleTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
    private final LoginThrottle throttle = new LoginThrottle(LoginThrottle.Policy.defaults(), clock);
    private final InetAddress a = address(10, 0, 0, 1);
    private final InetAddress b = address(10, 0, 0, 2);

    private static InetAddress address(int... bytes) {
        try {
            return InetAddress.getByAddress(new byte[] {(byte) bytes[0], (byte) bytes[1], (byte) bytes[2],
                    (byte) bytes[3]});
        } catch (java.net.UnknownHostException e) {
            throw new AssertionError(e);
        }
    }

    private long delay(InetAddress from, String user, int onConnection) {
        return throttle.failed(from, user, onConnection).delay().toSeconds();
    }

    @Test
    void theDelayDoublesWithEachFailureOnAConnectionAndTheThirdDisconnects() {
        assertEquals(2, delay(a, "bob", 1));
        assertEquals(4, delay(a, "bob", 2));
        LoginThrottle.Verdict third = throttle.failed(a, "bob", 3);
        assertEquals(Duration.ofSeconds(8), third.delay());
        assertTrue(third.disconnect());
        assertFalse(throttle.failed(b, "carol", 1).disconnect());
    }

    @Test
    void newConnectionsFromTheSameAddressDoNotStartAgain() {
        assertEquals(2, delay(a, "bob", 1));
        assertEquals(4, delay(a, "carol", 1)); // another connection, another name: the address counts
        assertEquals(8, delay(a, "dave", 1));
        assertEquals(16, delay(a, "erin", 1));
        assertEquals(16, delay(a, "frank", 1)); // the cap
    }

    @Test
    void guessesAtOneAccountFromManyAddressesGetSlowerToo() {
        assertEquals(2, delay(address(10, 1, 0, 1), "bob", 1));
        assertEquals(4, delay(address(10, 1, 0, 2), "BOB", 1)); // names are counted case-insensitively
        assertEquals(8, delay(address(10, 1, 0, 3), "bob", 1));
        assertEquals(2, delay(address(10, 1, 0, 4), "carol", 1)); // other accounts are not affected
    }

    @Test
    void failuresAreForgottenAfterTheMemoryWithoutNewOnes() {
        delay(a, "bob", 1);
        delay(a, "bob", 1);
        clock.advance(Duration.ofMinutes(14));
        assertEquals(8, delay(a, "bob", 1));
        clock.advance(Duration.ofMinutes(16));
        assertEquals(2, delay(a, "bob", 1));
    }

    @Test
    void aGuesserInventingNamesCannotGrowTheTablesWithoutBound() {
        for (int i = 0; i < LoginThrottle.MAX_KEYS + 50; i++) {
            throttle.failed(address(10, 2, i >> 8 & 0xff, i & 0xff), "user" + i, 1);
        }
        // the oldest were forgotten: their next failure counts as the first
        assertEquals(2, delay(address(10, 2, 0, 0), "user0", 1));
    }

    @Test
    void noDelayPolicyAnswersAtOnceButStillDisconnects() {
        LoginThrottle none = new LoginThrottle(LoginThrottle.Policy.noDelay(), clock);
        assertEquals(Duration.ZERO, none.failed(a, "bob", 1).delay());
        assertTrue(none.failed(a, "bob", 3).disconnect());
    }
}
