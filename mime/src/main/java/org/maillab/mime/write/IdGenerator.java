package org.maillab.mime.write;

import java.security.SecureRandom;
import java.util.Random;

/**
 * Makes the unique tokens a message needs: multipart boundaries and Message-IDs. Inject
 * {@link #seeded(long)} to make generated mail reproducible (the simulator does), or use
 * {@link #secure()} for real mail.
 */
public interface IdGenerator {

    /** A fresh boundary (RFC 2046 §5.1.1: at most 70 characters from bchars, not ending in space). */
    String boundary();

    /** A fresh Message-ID in angle brackets (RFC 5322 §3.6.4) for {@code domain}. */
    String messageId(String domain);

    /** Deterministic: the same seed gives the same sequence of boundaries and ids. */
    static IdGenerator seeded(long seed) {
        return fromRandom(new Random(seed));
    }

    /** Unpredictable ids from {@link SecureRandom}. */
    static IdGenerator secure() {
        return fromRandom(new SecureRandom());
    }

    private static IdGenerator fromRandom(Random random) {
        return new IdGenerator() {
            private static final String ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

            private String token(int length) {
                StringBuilder sb = new StringBuilder(length);
                for (int i = 0; i < length; i++) {
                    sb.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
                }
                return sb.toString();
            }

            @Override
            public String boundary() {
                // "=_" cannot occur in base64 or quoted-printable output, so the boundary cannot
                // collide with an encoded body (RFC 2045 §6.7 encodes every '=').
                return "=_" + token(24);
            }

            @Override
            public String messageId(String domain) {
                return "<" + token(20) + "@" + domain + ">";
            }
        };
    }
}
