package org.maillab.imap.codec;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Modified UTF-7 for mailbox names (RFC 9051 §5.1.3, RFC 3501 §5.1.3): printable ASCII stands for
 * itself except {@code &}, written {@code &-}; other characters are UTF-16 in modified base64 ({@code ,}
 * for {@code /}, no padding) between {@code &} and {@code -}. "Entwürfe" is {@code Entw&APw-rfe}.
 */
public final class ModifiedUtf7 {

    private static final char[] ALPHABET =
            "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+,".toCharArray();

    private ModifiedUtf7() {
    }

    /** Encodes a Unicode mailbox name. */
    public static String encode(String name) {
        StringBuilder out = new StringBuilder();
        int i = 0;
        while (i < name.length()) {
            char c = name.charAt(i);
            if (c >= 0x20 && c <= 0x7e) {
                out.append(c == '&' ? "&-" : String.valueOf(c));
                i++;
                continue;
            }
            int start = i;
            while (i < name.length() && (name.charAt(i) < 0x20 || name.charAt(i) > 0x7e)) {
                i++;
            }
            byte[] utf16 = name.substring(start, i).getBytes(StandardCharsets.UTF_16BE);
            out.append('&').append(base64(utf16)).append('-');
        }
        return out.toString();
    }

    /** Decodes a name; empty if it is not valid modified UTF-7 (8-bit octets, bad base64, odd UTF-16). */
    public static Optional<String> decode(String wire) {
        StringBuilder out = new StringBuilder();
        int i = 0;
        while (i < wire.length()) {
            char c = wire.charAt(i);
            if (c < 0x20 || c > 0x7e) {
                return Optional.empty();
            }
            if (c != '&') {
                out.append(c);
                i++;
                continue;
            }
            int end = wire.indexOf('-', i + 1);
            if (end < 0) {
                return Optional.empty();
            }
            if (end == i + 1) {
                out.append('&');
                i = end + 1;
                continue;
            }
            Optional<String> run = decodeRun(wire.substring(i + 1, end));
            if (run.isEmpty()) {
                return Optional.empty();
            }
            out.append(run.get());
            i = end + 1;
        }
        return Optional.of(out.toString());
    }

    private static Optional<String> decodeRun(String b64) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        int buffer = 0;
        int bits = 0;
        for (int k = 0; k < b64.length(); k++) {
            int v = value(b64.charAt(k));
            if (v < 0) {
                return Optional.empty();
            }
            buffer = (buffer << 6) | v;
            bits += 6;
            if (bits >= 8) {
                bits -= 8;
                bytes.write((buffer >> bits) & 0xff);
            }
        }
        // Leftover bits must be zero padding, and UTF-16 comes in pairs of octets.
        if ((buffer & ((1 << bits) - 1)) != 0 || bytes.size() % 2 != 0) {
            return Optional.empty();
        }
        try {
            String s = StandardCharsets.UTF_16BE.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes.toByteArray())).toString();
            for (int k = 0; k < s.length(); k++) {
                char c = s.charAt(k);
                if (c >= 0x20 && c <= 0x7e) {
                    return Optional.empty(); // RFC 3501 §5.1.3: printable ASCII must not be encoded
                }
            }
            return Optional.of(s);
        } catch (CharacterCodingException e) {
            return Optional.empty();
        }
    }

    private static int value(char c) {
        if (c >= 'A' && c <= 'Z') {
            return c - 'A';
        }
        if (c >= 'a' && c <= 'z') {
            return c - 'a' + 26;
        }
        if (c >= '0' && c <= '9') {
            return c - '0' + 52;
        }
        if (c == '+') {
            return 62;
        }
        if (c == ',') {
            return 63;
        }
        return -1;
    }

    private static String base64(byte[] data) {
        StringBuilder sb = new StringBuilder();
        int buffer = 0;
        int bits = 0;
        for (byte b : data) {
            buffer = (buffer << 8) | (b & 0xff);
            bits += 8;
            while (bits >= 6) {
                bits -= 6;
                sb.append(ALPHABET[(buffer >> bits) & 0x3f]);
            }
        }
        if (bits > 0) {
            sb.append(ALPHABET[(buffer << (6 - bits)) & 0x3f]);
        }
        return sb.toString();
    }
}
