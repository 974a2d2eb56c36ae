package org.maillab.testkit;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.Optional;
import org.maillab.mailstore.Flags;
import org.maillab.mailstore.SystemFlag;
import org.maillab.mime.parse.ByteSource;
import org.maillab.mime.parse.MessageTree;
import org.maillab.mime.parse.MimeParser;
import org.maillab.mime.parse.Part;

/**
 * One message as it is stored in an account, read at one moment: where it is, its UID and flags then,
 * and its bytes (with CRLF line ends, as the store keeps them and POP3 and IMAP serve them).
 *
 * @param account      the account's name
 * @param mailbox      the mailbox's name, e.g. {@code INBOX}
 * @param uid          its UID in that mailbox
 * @param flags        its flags when it was read ({@link MailLab#assertFlags} reads them afresh)
 * @param internalDate when it arrived
 */
public record ReceivedMessage(String account, String mailbox, long uid, Flags flags, Instant internalDate,
        byte[] content) {

    public ReceivedMessage {
        content = content.clone();
    }

    /** A copy of the raw bytes. */
    @Override
    public byte[] content() {
        return content.clone();
    }

    /** The raw message as text (UTF-8, as SMTPUTF8 and 8BITMIME mail is; ASCII mail reads the same). */
    public String contentAsString() {
        return new String(content, StandardCharsets.UTF_8);
    }

    /** The MIME part tree ({@code mime} module); read bodies back through {@link #source()}. */
    public MessageTree tree() {
        return MimeParser.parse(content);
    }

    /** The bytes as a {@link ByteSource}, to open a part's body: {@code part.openText(message.source())}. */
    public ByteSource source() {
        return ByteSource.of(content);
    }

    /** The Subject, with RFC 2047 encoded words decoded; empty text when there is none. */
    public String subject() {
        return subject(tree());
    }

    private static String subject(MessageTree tree) {
        String subject = tree.envelope().decodedSubject();
        return subject == null ? "" : subject;
    }

    /** A top-level header field's decoded value, if the field is present. */
    public Optional<String> header(String name) {
        return Optional.ofNullable(tree().root().header().decodedValue(name));
    }

    /**
     * The first {@code text/plain} part's text, transfer encoding and charset decoded (the whole body of a
     * single-part text message); empty if the message has no such part.
     */
    public Optional<String> text() {
        Optional<Part> part = tree().root().walk()
                .filter(p -> !p.isMultipart() && p.contentType().mimeType().equalsIgnoreCase("text/plain"))
                .findFirst();
        if (part.isEmpty()) {
            return Optional.empty();
        }
        try (Reader reader = part.get().openText(source())) {
            StringBuilder text = new StringBuilder();
            char[] buffer = new char[4096];
            for (int n; (n = reader.read(buffer)) > 0; ) {
                text.append(buffer, 0, n);
            }
            return Optional.of(text.toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e); // cannot happen over bytes in memory
        }
    }

    /** Whether it had the flag when it was read. */
    public boolean has(SystemFlag flag) {
        return flags.contains(flag);
    }

    /** One line for failure messages: {@code INBOX uid 3 (\Seen) From: a@b Subject: Hi}. */
    String summary() {
        MessageTree tree = tree();
        String from = tree.envelope().from();
        return mailbox + " uid " + uid + " " + MailLab.describe(flags) + " From: " + (from == null ? "-" : from)
                + " Subject: " + subject(tree);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ReceivedMessage m && account.equals(m.account) && mailbox.equals(m.mailbox)
                && uid == m.uid && flags.equals(m.flags) && internalDate.equals(m.internalDate)
                && Arrays.equals(content, m.content);
    }

    @Override
    public int hashCode() {
        return Long.hashCode(uid) * 31 + Arrays.hashCode(content);
    }

    @Override
    public String toString() {
        return account + ": " + summary() + " (" + content.length + " octets)";
    }
}
