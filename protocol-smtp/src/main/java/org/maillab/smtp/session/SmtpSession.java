package org.maillab.smtp.session;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.maillab.smtp.codec.Address;
import org.maillab.smtp.codec.CommandParser;
import org.maillab.smtp.codec.DataReader;
import org.maillab.smtp.codec.SmtpCommand;
import org.maillab.smtp.codec.SmtpReply;
import org.maillab.smtp.session.SmtpBackend.Verdict;

/**
 * One SMTP (RFC 5321) or LMTP (RFC 2033) session, without a socket: lines and BDAT chunks in,
 * {@link Step}s out. It follows {@link SmtpStateTable}; each method below reads like the RFC section it
 * implements. Mail goes to an {@link SmtpBackend}; the session never sees a store.
 *
 * <p>Extensions: SIZE (RFC 1870), 8BITMIME (RFC 6152), PIPELINING (RFC 2920: nothing to do here, the
 * transport answers in order), ENHANCEDSTATUSCODES (RFC 2034, codes of RFC 3463), STARTTLS (RFC 3207),
 * AUTH PLAIN and LOGIN (RFC 4954, RFC 4616), SMTPUTF8 (RFC 6531), CHUNKING (RFC 3030).
 *
 * <p>Not thread-safe: one connection's callbacks come one at a time.
 */
public final class SmtpSession {

    private static final DateTimeFormatter RFC5322_DATE =
            DateTimeFormatter.ofPattern("EEE, d MMM yyyy HH:mm:ss Z", Locale.ROOT);

    private final SmtpBackend backend;
    private final SessionSettings settings;
    private final String clientAddress;
    private final String sessionId;

    private SmtpState state = SmtpState.CONNECTED;
    private boolean secure;
    private String heloDomain;
    private boolean extended; // EHLO/LHLO rather than HELO: "ESMTP" in Received
    private String authenticatedUser;
    private int authFailures;
    private int transactions;
    private Sasl sasl; // an AUTH exchange in progress

    // the mail transaction (RFC 5321 §3.3)
    private SmtpCommand.Mail mail;
    private final List<Address> recipients = new ArrayList<>();
    private MessageSpool spool;
    private DataReader data;
    private long chunked = -1; // octets received by BDAT in this transaction; -1: no BDAT yet
    private boolean chunkTooBig;
    private SmtpCommand.Bdat pendingChunk; // the BDAT whose octets are being read

    /**
     * @param backend       where mail goes and who may log in
     * @param settings      the server's policy
     * @param clientAddress the client's IP address, for {@code Received:}
     * @param sessionId     a short id unique to this session, for {@code Received:} ids
     * @param secure        whether the connection is encrypted from the start
     */
    public SmtpSession(SmtpBackend backend, SessionSettings settings, String clientAddress, String sessionId,
            boolean secure) {
        this.backend = backend;
        this.settings = settings;
        this.clientAddress = clientAddress;
        this.sessionId = sessionId;
        this.secure = secure;
    }

    public SmtpState state() {
        return state;
    }

    /** Whether the next line is a SASL response (the transcript masks it: it carries the password). */
    public boolean awaitingSaslResponse() {
        return sasl != null;
    }

    /** Whether the session's connection is encrypted. */
    public boolean isSecure() {
        return secure;
    }

    /** RFC 5321 §4.2 / §3.1: the greeting, 220 with the server's name. */
    public SmtpReply greeting() {
        return SmtpReply.plain(220, settings.hostname() + (settings.lmtp() ? " LMTP" : " ESMTP") + " MailLab ready");
    }

    /**
     * One line from the client, with its terminator (CRLF, or a bare LF). In DATA it is message data;
     * during AUTH a SASL response; otherwise a command.
     */
    public Step handleLine(byte[] line) {
        if (state == SmtpState.DATA) {
            return dataLine(line);
        }
        byte[] command = withoutTerminator(line);
        if (sasl != null) {
            return saslResponse(new String(command, StandardCharsets.US_ASCII));
        }
        return handle(CommandParser.parse(command));
    }

    /** A line too long for the framer was discarded (RFC 5321 §4.5.3.1.4: 500 Line too long). */
    public Step lineTooLong() {
        if (state == SmtpState.DATA) {
            data.lineTooLong();
            return Step.nothing();
        }
        if (sasl != null) {
            sasl = null; // RFC 4954 §4: a response over the limit fails the exchange
            return Step.reply(SmtpReply.of(500, "5.5.6", "Authentication exchange line is too long"));
        }
        return Step.reply(SmtpReply.of(500, "5.5.2", "Line too long"));
    }

    /** Bytes of the BDAT chunk announced by the last {@link Step.After#READ_CHUNK}. */
    public void chunk(ByteBuffer bytes) {
        try {
            byte[] buffer = new byte[bytes.remaining()];
            bytes.get(buffer);
            spool.write(buffer);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The BDAT chunk is complete: RFC 3030 §2, one reply per chunk, the delivery replies after LAST. */
    public Step chunkEnd() {
        SmtpCommand.Bdat bdat = pendingChunk;
        pendingChunk = null;
        chunked += bdat.size();
        if (!bdat.last()) {
            return transition(SmtpEvent.CHUNK, SmtpReply.of(250, "2.0.0", bdat.size() + " octets received"));
        }
        List<SmtpReply> replies = deliver(spool.size(), chunkTooBig ? DataReader.Problem.TOO_BIG : DataReader.Problem.NONE);
        return transition(SmtpEvent.LAST_CHUNK, replies, Step.After.CONTINUE, 0);
    }

    /** The TLS handshake after STARTTLS is done: RFC 3207 §4.2, the client starts over with EHLO. */
    public void tlsStarted() {
        secure = true;
    }

    /** The connection is gone: a transaction in progress is dropped and its spool removed. */
    public List<Transition> connectionLost() {
        endTransaction();
        sasl = null;
        if (state == SmtpState.CLOSED) {
            return List.of();
        }
        return move(SmtpEvent.CONNECTION_LOST);
    }

    // ------------------------------------------------------------------ commands

    private Step handle(SmtpCommand command) {
        if (command instanceof SmtpCommand.Invalid invalid) {
            return Step.reply(invalid.reply());
        }
        if (command instanceof SmtpCommand.Unknown) {
            return Step.reply(SmtpReply.of(500, "5.5.1", "Command unrecognized"));
        }
        if (!SmtpStateTable.accepts(state, command.verb())) {
            if (command instanceof SmtpCommand.Bdat bdat) {
                // RFC 3030 §2: the chunk's octets follow regardless; they are read and dropped
                return new Step(badSequence(command).replies(), List.of(), Step.After.SKIP_CHUNK, bdat.size());
            }
            return badSequence(command);
        }
        if (command instanceof SmtpCommand.Hello hello) {
            return hello(hello);
        } else if (command instanceof SmtpCommand.Mail m) {
            return mail(m);
        } else if (command instanceof SmtpCommand.Rcpt rcpt) {
            return rcpt(rcpt);
        } else if (command instanceof SmtpCommand.Data) {
            return data();
        } else if (command instanceof SmtpCommand.Bdat bdat) {
            return bdat(bdat);
        } else if (command instanceof SmtpCommand.Rset) {
            return rset();
        } else if (command instanceof SmtpCommand.Noop) {
            return Step.reply(SmtpReply.of(250, "2.0.0", "OK"));
        } else if (command instanceof SmtpCommand.Help) {
            return Step.reply(new SmtpReply(214, "2.0.0", List.of(
                    "Commands: " + (settings.lmtp() ? "LHLO" : "EHLO HELO") + " MAIL RCPT DATA BDAT RSET NOOP QUIT",
                    "HELP VRFY STARTTLS AUTH. Read RFC 5321, or docs/smtp-by-hand.md")));
        } else if (command instanceof SmtpCommand.Vrfy) {
            // RFC 5321 §3.5.3: 252 when the server will not say whether the user exists
            return Step.reply(SmtpReply.of(252, "2.1.5", "Cannot VRFY user, but will accept message and attempt delivery"));
        } else if (command instanceof SmtpCommand.Quit) {
            return transition(SmtpEvent.QUIT,
                    List.of(SmtpReply.of(221, "2.0.0", settings.hostname() + " closing connection")), Step.After.CLOSE, 0);
        } else if (command instanceof SmtpCommand.StartTls) {
            return startTls();
        } else if (command instanceof SmtpCommand.Auth auth) {
            return auth(auth);
        }
        throw new AssertionError(command);
    }

    private Step badSequence(SmtpCommand command) {
        String hint = switch (state) {
            case CONNECTED -> "send " + (settings.lmtp() ? "LHLO" : "EHLO or HELO") + " first";
            case READY -> "send MAIL first";
            case SENDER -> "send RCPT first";
            case CHUNKING -> "finish the message with BDAT ... LAST first";
            default -> command.verb() + " not allowed now";
        };
        return Step.reply(SmtpReply.of(503, "5.5.1", "Bad sequence of commands: " + hint));
    }

    // RFC 5321 §4.1.1.1, RFC 2033 §4.1
    private Step hello(SmtpCommand.Hello hello) {
        boolean lhlo = hello.kind() == SmtpCommand.Hello.Kind.LHLO;
        if (lhlo != settings.lmtp()) {
            return Step.reply(SmtpReply.of(500, "5.5.1", settings.lmtp()
                    ? "This is LMTP: greet with LHLO (RFC 2033 §4.1)" : "Command unrecognized"));
        }
        endTransaction(); // RFC 5321 §4.1.4: EHLO in a transaction resets it, as RSET does
        heloDomain = hello.domain();
        extended = hello.kind() != SmtpCommand.Hello.Kind.HELO;
        String first = settings.hostname() + " greets " + hello.domain();
        SmtpReply reply;
        if (!extended) {
            reply = SmtpReply.plain(250, first);
        } else {
            List<String> lines = new ArrayList<>();
            lines.add(first);
            lines.add("PIPELINING");
            lines.add("SIZE " + settings.maxMessageSize());
            lines.add("8BITMIME");
            lines.add("ENHANCEDSTATUSCODES");
            lines.add("SMTPUTF8");
            lines.add("CHUNKING");
            if (settings.tlsAvailable() && !secure) {
                lines.add("STARTTLS");
            }
            if (authAllowed()) {
                lines.add("AUTH PLAIN LOGIN");
            }
            // RFC 2034 §3: no enhanced code in the EHLO reply
            reply = new SmtpReply(250, null, lines);
        }
        return transition(SmtpEvent.HELLO, reply);
    }

    // RFC 5321 §4.1.1.2 with SIZE (RFC 1870 §6), BODY (RFC 6152), SMTPUTF8 (RFC 6531 §3.4)
    private Step mail(SmtpCommand.Mail m) {
        if (m.size() > settings.maxMessageSize()) {
            return Step.reply(SmtpReply.of(552, "5.3.4", "Message size exceeds fixed maximum message size"));
        }
        if (!extended && (m.size() >= 0 || m.smtpUtf8() || !m.body().equals("7BIT"))) {
            return Step.reply(SmtpReply.of(555, "5.5.4", "MAIL parameters need EHLO"));
        }
        if (m.sender() != null && m.sender().isInternational() && !m.smtpUtf8()) {
            return Step.reply(SmtpReply.of(553, "5.6.7", "Non-ASCII address needs the SMTPUTF8 parameter (RFC 6531)"));
        }
        mail = m;
        return transition(SmtpEvent.MAIL, SmtpReply.of(250, "2.1.0", "Sender OK"));
    }

    // RFC 5321 §4.1.1.3; §4.5.3.1.10: 452 for too many recipients
    private Step rcpt(SmtpCommand.Rcpt rcpt) {
        Address to = rcpt.recipient();
        if (recipients.size() >= settings.maxRecipients()) {
            return Step.reply(SmtpReply.of(452, "4.5.3", "Too many recipients"));
        }
        if (to.isInternational() && !mail.smtpUtf8()) {
            return Step.reply(SmtpReply.of(553, "5.6.7", "Non-ASCII address needs SMTPUTF8 on MAIL (RFC 6531)"));
        }
        Verdict verdict = backend.checkRecipient(to, mail.size());
        if (verdict != Verdict.ACCEPTED) {
            return Step.reply(refusal(verdict, to, true));
        }
        recipients.add(to);
        return transition(SmtpEvent.RCPT, SmtpReply.of(250, "2.1.5", "Recipient OK"));
    }

    // RFC 5321 §4.1.1.4
    private Step data() {
        if (chunked >= 0) {
            return Step.reply(SmtpReply.of(503, "5.5.1", "Bad sequence of commands: BDAT and DATA do not mix (RFC 3030 §2)"));
        }
        spool = newSpool();
        data = new DataReader(spool, settings.maxMessageSize());
        return transition(SmtpEvent.DATA, SmtpReply.plain(354, "End data with <CR><LF>.<CR><LF>"));
    }

    private Step dataLine(byte[] line) {
        boolean end;
        try {
            end = data.line(line);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (!end) {
            return Step.nothing();
        }
        List<SmtpReply> replies = deliver(data.size(), data.problem());
        return transition(SmtpEvent.DATA_END, replies, Step.After.CONTINUE, 0);
    }

    // RFC 3030 §2: BDAT; the chunk is read (or dropped) before its reply
    private Step bdat(SmtpCommand.Bdat bdat) {
        if (spool == null) {
            spool = newSpool();
            chunked = 0;
        }
        if (chunkTooBig || bdat.size() > settings.maxMessageSize() - chunked) {
            // Too big: the chunk is dropped; after LAST the message is refused with 552.
            chunkTooBig = true;
            if (!bdat.last()) {
                return new Step(List.of(SmtpReply.of(552, "5.3.4", "Message size exceeds fixed maximum message size")),
                        List.of(), Step.After.SKIP_CHUNK, bdat.size());
            }
            List<SmtpReply> replies = deliver(spool.size(), DataReader.Problem.TOO_BIG);
            return transition(SmtpEvent.LAST_CHUNK, replies, Step.After.SKIP_CHUNK, bdat.size());
        }
        pendingChunk = bdat;
        return new Step(List.of(), List.of(), Step.After.READ_CHUNK, bdat.size());
    }

    // RFC 5321 §4.1.1.5
    private Step rset() {
        endTransaction();
        if (state == SmtpState.CONNECTED || state == SmtpState.READY) {
            return Step.reply(SmtpReply.of(250, "2.0.0", "Reset"));
        }
        return transition(SmtpEvent.RSET, SmtpReply.of(250, "2.0.0", "Reset"));
    }

    // RFC 3207 §4
    private Step startTls() {
        if (secure) {
            return Step.reply(SmtpReply.of(503, "5.5.1", "TLS already active"));
        }
        if (!settings.tlsAvailable()) {
            return Step.reply(SmtpReply.of(502, "5.5.1", "STARTTLS not available"));
        }
        // RFC 3207 §4.2: forget everything learnt before TLS, the client greets again
        heloDomain = null;
        extended = false;
        authenticatedUser = null;
        return transition(SmtpEvent.STARTTLS, List.of(SmtpReply.of(220, "2.0.0", "Ready to start TLS")),
                Step.After.START_TLS, 0);
    }

    // ------------------------------------------------------------------ AUTH (RFC 4954, RFC 4616)

    private boolean authAllowed() {
        return secure || !settings.requireTls();
    }

    private Step auth(SmtpCommand.Auth auth) {
        if (authenticatedUser != null) {
            return Step.reply(SmtpReply.of(503, "5.5.1", "Already authenticated"));
        }
        if (!authAllowed()) {
            return Step.reply(SmtpReply.of(538, "5.7.11", "Encryption required for requested authentication mechanism"));
        }
        if (!auth.mechanism().equals("PLAIN") && !auth.mechanism().equals("LOGIN")) {
            return Step.reply(SmtpReply.of(504, "5.5.4", "Unrecognized authentication type"));
        }
        sasl = new Sasl(auth.mechanism());
        if (auth.initialResponse() != null) {
            return saslResponse(auth.initialResponse());
        }
        // RFC 4954 §4: 334 with the server challenge; PLAIN has none, LOGIN asks for "Username:"
        return Step.reply(SmtpReply.plain(334, sasl.plain ? "" : b64("Username:")));
    }

    private Step saslResponse(String response) {
        if (response.equals("*")) {
            sasl = null;
            return Step.reply(SmtpReply.of(501, "5.0.0", "Authentication cancelled"));
        }
        byte[] decoded;
        try {
            decoded = response.equals("=") ? new byte[0] : Base64.getDecoder().decode(response);
        } catch (IllegalArgumentException e) {
            sasl = null;
            return Step.reply(SmtpReply.of(501, "5.5.2", "Invalid base64 in the authentication exchange"));
        }
        String text = new String(decoded, StandardCharsets.UTF_8);
        Sasl s = sasl;
        if (s.plain) {
            sasl = null;
            // RFC 4616 §2: [authzid] NUL authcid NUL passwd
            String[] parts = text.split("\u0000", -1);
            if (parts.length != 3 || (!parts[0].isEmpty() && !parts[0].equals(parts[1]))) {
                return authFailed();
            }
            return login(parts[1], parts[2]);
        }
        if (s.user == null) {
            s.user = text;
            return Step.reply(SmtpReply.plain(334, b64("Password:")));
        }
        sasl = null;
        return login(s.user, text);
    }

    private Step login(String user, String password) {
        Optional<String> account = backend.authenticate(user, password);
        if (account.isEmpty()) {
            return authFailed();
        }
        authenticatedUser = account.get();
        return Step.reply(SmtpReply.of(235, "2.7.0", "Authentication successful"));
    }

    private Step authFailed() {
        authFailures++;
        if (authFailures >= settings.maxAuthFailures()) {
            return transition(SmtpEvent.TOO_MANY_FAILURES,
                    List.of(SmtpReply.of(421, "4.7.0", settings.hostname() + " too many failed logins, closing")),
                    Step.After.CLOSE, 0);
        }
        return Step.reply(SmtpReply.of(535, "5.7.8", "Authentication credentials invalid"));
    }

    private static String b64(String s) {
        return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.US_ASCII));
    }

    /** An AUTH exchange in progress. */
    private static final class Sasl {
        final boolean plain;
        String user;

        Sasl(String mechanism) {
            this.plain = mechanism.equals("PLAIN");
        }
    }

    // ------------------------------------------------------------------ delivery

    /**
     * The message is complete ({@code size} octets in the spool, or refused for {@code problem}): deliver
     * it and answer. SMTP answers once (RFC 5321 §4.1.1.4); LMTP once per recipient (RFC 2033 §4.2).
     */
    private List<SmtpReply> deliver(long size, DataReader.Problem problem) {
        try {
            SmtpReply refusal = switch (problem) {
                case NONE -> null;
                case TOO_BIG -> SmtpReply.of(552, "5.3.4", "Message size exceeds fixed maximum message size");
                case LINE_TOO_LONG -> SmtpReply.of(554, "5.6.0",
                        "Message refused: a line is longer than 1000 octets (RFC 5321 §4.5.3.1.6)");
                case BARE_CR_OR_LF -> SmtpReply.of(554, "5.6.0",
                        "Message refused: bare CR or LF in the data; lines end with CRLF (RFC 5321 §2.3.8)");
            };
            if (refusal == null && spool.failed()) {
                refusal = SmtpReply.of(451, "4.3.0", "Local error in processing: the message could not be spooled, try again later");
            }
            if (refusal != null) {
                return settings.lmtp() ? nCopies(refusal) : List.of(refusal);
            }
            transactions++;
            Envelope envelope = new Envelope(heloDomain, clientAddress, mail.sender(), recipients, authenticatedUser,
                    mail.smtpUtf8(), mail.body());
            return settings.lmtp() ? deliverEach(envelope, size) : deliverAll(envelope, size);
        } finally {
            endTransaction();
        }
    }

    private List<SmtpReply> nCopies(SmtpReply reply) {
        return java.util.Collections.nCopies(recipients.size(), reply);
    }

    // RFC 2033 §4.2: one reply per accepted recipient, in RCPT order
    private List<SmtpReply> deliverEach(Envelope envelope, long size) {
        List<SmtpReply> replies = new ArrayList<>();
        for (Address to : recipients) {
            Verdict v = deliverOne(envelope, to, size);
            replies.add(v == Verdict.ACCEPTED ? SmtpReply.of(250, "2.1.5", "<" + to + "> delivered")
                    : refusal(v, to, false));
        }
        return replies;
    }

    /**
     * SMTP has one reply for all recipients. Each mailbox is checked for room first, so a full one refuses
     * the message before anyone gets it (the client then bounces or retries it whole); a failure after
     * that is answered 451 and the client's retry may give the others a second copy, never none.
     */
    private List<SmtpReply> deliverAll(Envelope envelope, long size) {
        for (Address to : recipients) {
            Verdict v = backend.checkRecipient(to, size + receivedField(envelope, to).length);
            if (v != Verdict.ACCEPTED) {
                return List.of(refusal(v, to, false));
            }
        }
        for (Address to : recipients) {
            Verdict v = deliverOne(envelope, to, size);
            if (v != Verdict.ACCEPTED) {
                return List.of(v == Verdict.MAILBOX_FULL ? refusal(v, to, false)
                        : SmtpReply.of(451, "4.3.0", "Delivery failed for <" + to + ">, try again later"));
            }
        }
        return List.of(SmtpReply.of(250, "2.0.0", "Message accepted for delivery, id " + messageId()));
    }

    private Verdict deliverOne(Envelope envelope, Address to, long size) {
        byte[] received = receivedField(envelope, to);
        try (InputStream message = new SequenceInputStream(new ByteArrayInputStream(received), spool.open())) {
            return backend.deliver(envelope, to, message, received.length + size);
        } catch (IOException e) {
            return Verdict.TEMPORARY_FAILURE;
        }
    }

    /**
     * RFC 5321 §4.4: the trace field every SMTP server adds on top of the message, with the protocol named
     * as RFC 3848 (ESMTP, ESMTPS, ESMTPSA, LMTP...) and RFC 6531 §4.3 (UTF8SMTP...) register it.
     */
    byte[] receivedField(Envelope envelope, Address to) {
        String base = settings.lmtp() ? "LMTP" : envelope.smtpUtf8() ? "SMTP" : extended ? "ESMTP" : "SMTP";
        String with = (envelope.smtpUtf8() ? "UTF8" : "") + base + (secure ? "S" : "")
                + (envelope.authenticatedUser() != null ? "A" : "");
        String date = RFC5322_DATE.format(ZonedDateTime.now(settings.clock()));
        String field = "Received: from " + envelope.heloDomain() + " ([" + envelope.clientAddress() + "])\r\n"
                + "\tby " + settings.hostname() + " (MailLab) with " + with + " id " + messageId() + "\r\n"
                + "\tfor <" + to + ">; " + date + "\r\n";
        return field.getBytes(StandardCharsets.UTF_8);
    }

    private String messageId() {
        return sessionId + "." + transactions;
    }

    private SmtpReply refusal(Verdict verdict, Address to, boolean atRcpt) {
        return switch (verdict) {
            case NOT_LOCAL -> SmtpReply.of(550, "5.7.1", "<" + to + ">: relaying denied, this server delivers to local mailboxes only");
            case NO_SUCH_USER -> SmtpReply.of(550, "5.1.1", "<" + to + ">: no such user here");
            case MAILBOX_FULL -> atRcpt ? SmtpReply.of(452, "4.2.2", "<" + to + ">: mailbox full, try again later")
                    : SmtpReply.of(552, "5.2.2", "<" + to + ">: mailbox full");
            case TEMPORARY_FAILURE -> SmtpReply.of(451, "4.3.0", "<" + to + ">: local error, try again later");
            case ACCEPTED -> throw new IllegalArgumentException("not a refusal");
        };
    }

    private MessageSpool newSpool() {
        return new MessageSpool(settings.spoolDirectory(), settings.spoolMemory());
    }

    /** Forgets the transaction and removes its spool (RFC 5321 §4.1.1.5: RSET clears all buffers). */
    private void endTransaction() {
        mail = null;
        recipients.clear();
        data = null;
        chunked = -1;
        chunkTooBig = false;
        if (spool != null) {
            try {
                spool.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } finally {
                spool = null;
            }
        }
    }

    // ------------------------------------------------------------------ the state table

    private Step transition(SmtpEvent event, SmtpReply reply) {
        return transition(event, List.of(reply), Step.After.CONTINUE, 0);
    }

    private Step transition(SmtpEvent event, List<SmtpReply> replies, Step.After after, long chunk) {
        return new Step(replies, move(event), after, chunk);
    }

    private List<Transition> move(SmtpEvent event) {
        Transition t = SmtpStateTable.find(state, event)
                .orElseThrow(() -> new IllegalStateException("no transition for " + event + " in " + state));
        state = t.to();
        return List.of(t);
    }

    private static byte[] withoutTerminator(byte[] line) {
        int end = line.length;
        if (end > 0 && line[end - 1] == '\n') {
            end--;
            if (end > 0 && line[end - 1] == '\r') {
                end--;
            }
        }
        return end == line.length ? line : java.util.Arrays.copyOf(line, end);
    }
}
