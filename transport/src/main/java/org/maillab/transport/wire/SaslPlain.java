package org.maillab.transport.wire;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * The SASL PLAIN response (RFC 4616 §2), decoded once for every protocol (IMAP AUTHENTICATE, POP3
 * AUTH): {@code message = [authzid] NUL authcid NUL passwd}, in base64 on the wire. Total: any text gives
 * {@link Credentials} or a {@link Failure}; nothing throws.
 */
public sealed interface SaslPlain {

    /** A well-formed response. {@code authzid} is empty when the client did not ask to act as anyone. */
    record Credentials(String authzid, String user, String password) implements SaslPlain {

        /** Whether the client asks to act as a user other than the one it proves to be. */
        public boolean actsAsAnother() {
            return !authzid.isEmpty() && !authzid.equals(user);
        }

        @Override
        public String toString() {
            return "Credentials[authzid=" + authzid + ", user=" + user + ", password=***]";
        }
    }

    /** Why a response is refused. */
    enum Failure implements SaslPlain {
        /** Not base64 (RFC 4648 §4). */
        NOT_BASE64,
        /** Base64, but not three NUL-separated UTF-8 fields with a user and a password (RFC 4616 §2). */
        MALFORMED
    }

    /** Decodes a response line; {@code =} is the empty response (RFC 4959 §3, RFC 5034 §4). */
    static SaslPlain decode(String response) {
        byte[] octets;
        try {
            octets = response.equals("=") ? new byte[0] : Base64.getDecoder().decode(response);
        } catch (IllegalArgumentException e) {
            return Failure.NOT_BASE64;
        }
        String message;
        try {
            message = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(octets)).toString();
        } catch (CharacterCodingException e) {
            return Failure.MALFORMED;
        }
        int first = message.indexOf('\0');
        int second = first < 0 ? -1 : message.indexOf('\0', first + 1);
        if (second < 0 || message.indexOf('\0', second + 1) >= 0) {
            return Failure.MALFORMED;
        }
        String user = message.substring(first + 1, second);
        String password = message.substring(second + 1);
        if (user.isEmpty() || password.isEmpty()) { // RFC 4616 §2: authcid and passwd are 1*SAFE
            return Failure.MALFORMED;
        }
        return new Credentials(message.substring(0, first), user, password);
    }
}
