package org.maillab.labkit;

import java.nio.charset.StandardCharsets;

/**
 * One of the test messages conform delivers: CRLF line ends, a marker header to find it again, and
 * in the second message lines that begin with "." so that dot-stuffing shows (RFC 1939 §3).
 */
record TestMail(int index, String marker, String text) {

    static TestMail make(int index, String markerHeader, String token) {
        String marker = token + "-" + index;
        String body = index == 2
                ? ".a line that begins with a dot\r\n..two dots\r\nan ordinary line\r\n.\tdot and tab\r\n"
                : "line one of message " + index + "\r\nline two\r\nline three\r\nline four\r\n";
        String text = "From: conform <conform@maillab.invalid>\r\n"
                + "To: student <student@maillab.invalid>\r\n"
                + "Subject: maillab conform test message " + index + "\r\n"
                + "Date: Tue, 1 Dec 2026 10:00:00 +0000\r\n"
                + "Message-ID: <" + marker + "@conform.maillab.invalid>\r\n"
                + markerHeader + ": " + marker + "\r\n"
                + "\r\n"
                + body;
        return new TestMail(index, marker, text);
    }

    byte[] bytes() {
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    /** What TOP sends for {@code lines} body lines: the header, the blank line, the first lines. */
    String top(int lines) {
        int bodyStart = text.indexOf("\r\n\r\n") + 4;
        int end = bodyStart;
        for (int i = 0; i < lines && end < text.length(); i++) {
            end = text.indexOf("\r\n", end) + 2;
        }
        return text.substring(0, end);
    }
}
