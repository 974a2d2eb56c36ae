package org.maillab.pop3.session;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.maillab.mailstore.Account;
import org.maillab.mailstore.MailStore;
import org.maillab.mailstore.MailStoreException;
import org.maillab.mailstore.Maildrop;
import org.maillab.mailstore.MessageContent;
import org.maillab.mailstore.MessageInfo;
import org.maillab.pop3.codec.BodySource;
import org.maillab.pop3.codec.Command;
import org.maillab.pop3.codec.CommandParser;
import org.maillab.pop3.codec.Response;
import org.maillab.pop3.codec.ResponseCode;
import org.maillab.transport.wire.SaslPlain;

/**
 * One POP3 session, RFC 1939 read as code. It owns no socket and no thread: the server (or a test)
 * hands it one command line at a time and sends back the {@link Reply} it returns. States and their
 * transitions come from {@link Pop3StateTable}.
 *
 * <p>Read it beside RFC 1939: {@link #greeting()} is §4, {@link #authorization} is §4 and §7 (USER,
 * PASS, APOP) with RFC 5034 (AUTH PLAIN) and RFC 2595 (STLS), {@link #transaction} is §5 and §7, and
 * {@link #update} is §6. Not thread-safe: one thread at a time per session, as commands arrive in order.
 */
public final class Pop3Session {

    private static final String SIGN_OFF = "MailLab POP3 server signing off";

    private final MailStore store;
    private final SessionSettings settings;
    private final String apopTimestamp;
    private boolean tlsActive;

    private Pop3State state = Pop3State.AUTHORIZATION;
    private Optional<String> pendingUser = Optional.empty(); // after USER, until the next command
    private boolean awaitingSaslResponse;                    // after "AUTH PLAIN" without initial response
    private int authFailures;

    // TRANSACTION: the snapshot taken at login; message n is messages.get(n - 1) for the whole session.
    private Maildrop maildrop;
    private List<MessageInfo> messages = List.of();
    private boolean[] deleted = new boolean[0];
    private long uidValidity;
    private int highestAccessed; // RFC 1225 LAST

    /**
     * @param store         where accounts and mail live
     * @param settings      the server's policy
     * @param apopTimestamp the greeting's timestamp, {@code <...>} included (RFC 1939 §7), unique per session
     * @param tlsActive     whether the connection is already encrypted (implicit TLS, POP3S)
     */
    public Pop3Session(MailStore store, SessionSettings settings, String apopTimestamp, boolean tlsActive) {
        this.store = store;
        this.settings = settings;
        this.apopTimestamp = apopTimestamp;
        this.tlsActive = tlsActive;
    }

    /** The session's current state. */
    public Pop3State state() {
        return state;
    }

    /** Whether the next line is a SASL response rather than a command (RFC 5034 §4). */
    public boolean awaitingSaslResponse() {
        return awaitingSaslResponse;
    }

    /** RFC 1939 §4: the greeting; its timestamp makes APOP possible (§7). */
    public Response greeting() {
        return Response.ok("MailLab POP3 server ready " + apopTimestamp);
    }

    /** Handles one line as received (CRLF optional): a command, or a SASL response during AUTH. */
    public Reply handleLine(byte[] line) {
        if (awaitingSaslResponse) {
            return saslResponse(new String(line, StandardCharsets.US_ASCII).strip());
        }
        return handle(CommandParser.parse(line));
    }

    /** Handles one parsed command. */
    public Reply handle(Command command) {
        if (awaitingSaslResponse) {
            return saslResponse(command.toLine());
        }
        // RFC 1939 §7: PASS is valid only immediately after a successful USER.
        Optional<String> user = pendingUser;
        pendingUser = Optional.empty();
        if (command instanceof Command.Unknown) {
            return stay(Response.err("unknown command"));
        }
        if (command instanceof Command.Malformed malformed) {
            return stay(Response.err(malformed.reason()));
        }
        if (command instanceof Command.Last && !settings.lastCommand()) {
            // LAST was removed by RFC 1725; answered only in compatibility mode.
            return stay(Response.err("unknown command"));
        }
        if (!Pop3StateTable.accepts(state, command.keyword())) {
            return stay(Response.err(command.keyword() + " is not valid in the " + state + " state"));
        }
        return switch (state) {
            case AUTHORIZATION -> authorization(command, user);
            case TRANSACTION -> transaction(command);
            case UPDATE, CLOSED -> throw new IllegalStateException("no command is accepted in " + state);
        };
    }

    /**
     * The framing layer discarded a line longer than the server accepts (RFC 2449 §4 gives clients
     * 255 octets): {@code -ERR}, the session goes on, and an AUTH exchange in progress ends.
     */
    public Reply lineTooLong() {
        awaitingSaslResponse = false;
        pendingUser = Optional.empty();
        return stay(Response.err("line too long"));
    }

    /** The TLS handshake after STLS finished: the connection is now private (RFC 2595 §4). */
    public void tlsStarted() {
        tlsActive = true;
        pendingUser = Optional.empty(); // anything learned before TLS is forgotten
    }

    /**
     * The connection broke, or the autologout timer fired (RFC 1939 §3): the session ends without
     * UPDATE, so nothing is deleted, and the maildrop lock is released.
     */
    public List<Transition> connectionLost() {
        if (state == Pop3State.CLOSED) {
            return List.of();
        }
        releaseLock();
        return List.of(move(Pop3Event.CONNECTION_LOST));
    }

    // ---------------------------------------------------------------- AUTHORIZATION (RFC 1939 §4, §7)

    private Reply authorization(Command command, Optional<String> user) {
        if (command instanceof Command.User u) {
            if (plaintextRefused()) {
                return stay(Response.err(ResponseCode.AUTH, "plaintext login needs TLS first: send STLS"));
            }
            pendingUser = Optional.of(u.name());
            // Same answer for every name: whether a mailbox exists is none of the client's business yet.
            return stay(Response.ok("send PASS for " + u.name()));
        }
        if (command instanceof Command.Pass p) {
            return user.isEmpty()
                    ? stay(Response.err("send USER first"))
                    : login(store.authenticate(user.get(), p.password()));
        }
        if (command instanceof Command.Apop a) {
            return login(store.authenticateApop(a.name(), apopTimestamp, a.digest()));
        }
        if (command instanceof Command.Auth a) {
            return auth(a);
        }
        if (command instanceof Command.Stls) {
            return stls();
        }
        if (command instanceof Command.Capa) {
            return capa();
        }
        if (command instanceof Command.Quit) {
            Transition t = move(Pop3Event.QUIT);
            return new Reply(Response.ok(SIGN_OFF), state, List.of(t), Reply.After.CLOSE);
        }
        throw new IllegalStateException("table lets " + command.keyword() + " into AUTHORIZATION");
    }

    private boolean plaintextRefused() {
        return settings.requireTls() && !tlsActive;
    }

    /** Takes the maildrop lock for an authenticated account (RFC 1939 §8) and enters TRANSACTION. */
    private Reply login(Optional<Account> account) {
        if (account.isEmpty()) {
            authFailures++;
            Response err = Response.err(ResponseCode.AUTH, "invalid user name or password");
            if (authFailures >= settings.maxAuthFailures()) {
                Transition t = move(Pop3Event.TOO_MANY_FAILURES);
                return new Reply(err, state, List.of(t), Reply.After.CLOSE);
            }
            return stay(err);
        }
        Maildrop drop;
        try {
            drop = account.get().openMaildrop();
        } catch (MailStoreException e) {
            return stay(e.reason() == MailStoreException.Reason.IN_USE
                    ? Response.err(ResponseCode.IN_USE, "maildrop already locked by another session")
                    : Response.err(ResponseCode.SYS_TEMP, "cannot open the maildrop now"));
        } catch (RuntimeException e) {
            return stay(Response.err(ResponseCode.SYS_TEMP, "cannot open the maildrop now"));
        }
        try {
            uidValidity = account.get().status("INBOX").uidValidity();
            messages = List.copyOf(drop.messages());
        } catch (RuntimeException e) {
            drop.close();
            return stay(Response.err(ResponseCode.SYS_TEMP, "cannot read the maildrop now"));
        }
        maildrop = drop;
        deleted = new boolean[messages.size()];
        highestAccessed = 0;
        Transition t = move(Pop3Event.LOGIN);
        return new Reply(Response.ok("maildrop has " + count() + " messages (" + octets() + " octets)"),
                state, List.of(t), Reply.After.CONTINUE);
    }

    /** RFC 5034 §4: AUTH mechanism [initial-response]; PLAIN is the only mechanism (RFC 4616). */
    private Reply auth(Command.Auth auth) {
        if (auth.mechanism().isEmpty()) {
            // Not in RFC 5034; the older RFC 1734 clients ask this way for the list of mechanisms.
            return stay(Response.lines("SASL mechanisms follow",
                    plaintextRefused() ? List.of() : List.of("PLAIN")));
        }
        if (!auth.mechanism().get().equals("PLAIN")) {
            return stay(Response.err("unsupported authentication mechanism"));
        }
        if (plaintextRefused()) {
            return stay(Response.err(ResponseCode.AUTH, "PLAIN needs TLS first: send STLS"));
        }
        if (auth.initialResponse().isEmpty()) {
            awaitingSaslResponse = true;
            return stay(new Response.Continuation("")); // PLAIN's challenge is empty
        }
        // RFC 5034 §4: "=" is an initial response of zero length.
        String initial = auth.initialResponse().get();
        return plain(initial.equals("=") ? "" : initial);
    }

    private Reply saslResponse(String line) {
        awaitingSaslResponse = false;
        if (line.equals("*")) {
            return stay(Response.err("AUTH cancelled")); // RFC 5034 §4: the client gave up
        }
        return plain(line);
    }

    /** RFC 4616 §2, decoded by the shared {@link SaslPlain}. */
    private Reply plain(String base64) {
        SaslPlain response = SaslPlain.decode(base64);
        if (response == SaslPlain.Failure.NOT_BASE64) {
            return stay(Response.err(ResponseCode.AUTH, "the response is not valid base64"));
        }
        // We do not let one user act as another: an authorization identity must be the user itself.
        if (!(response instanceof SaslPlain.Credentials c) || c.actsAsAnother()) {
            return login(Optional.empty());
        }
        return login(store.authenticate(c.user(), c.password()));
    }

    /** RFC 2595 §4: STLS, only in AUTHORIZATION and only once. */
    private Reply stls() {
        if (!settings.tlsAvailable()) {
            return stay(Response.err("STLS is not available on this server"));
        }
        if (tlsActive) {
            return stay(Response.err("TLS is already active"));
        }
        return new Reply(Response.ok("begin TLS negotiation"), state, List.of(), Reply.After.START_TLS);
    }

    /** RFC 2449 §5: the capabilities, as they hold in the current state. */
    private Reply capa() {
        List<String> capabilities = new ArrayList<>();
        capabilities.add("TOP");
        if (!plaintextRefused()) {
            capabilities.add("USER");
        }
        capabilities.add("UIDL");
        if (!plaintextRefused()) {
            capabilities.add("SASL PLAIN");
        }
        capabilities.add("RESP-CODES");
        capabilities.add("AUTH-RESP-CODE");
        capabilities.add("PIPELINING");
        OptionalInt expire = settings.expireDays();
        capabilities.add("EXPIRE " + (expire.isPresent() ? Integer.toString(expire.getAsInt()) : "NEVER"));
        capabilities.add("LOGIN-DELAY " + settings.loginDelaySeconds());
        capabilities.add("IMPLEMENTATION " + settings.implementation());
        if (settings.tlsAvailable() && !tlsActive && state == Pop3State.AUTHORIZATION) {
            capabilities.add("STLS");
        }
        return stay(Response.lines("capability list follows", capabilities));
    }

    // ---------------------------------------------------------------- TRANSACTION (RFC 1939 §5, §7)

    private Reply transaction(Command command) {
        if (command instanceof Command.Stat) {
            return stay(Response.ok(count() + " " + octets()));
        }
        if (command instanceof Command.List l) {
            return list(l.message());
        }
        if (command instanceof Command.Retr r) {
            return retr(r.message());
        }
        if (command instanceof Command.Dele d) {
            return dele(d.message());
        }
        if (command instanceof Command.Noop) {
            return stay(Response.ok(""));
        }
        if (command instanceof Command.Rset) {
            return rset();
        }
        if (command instanceof Command.Top t) {
            return top(t.message(), t.lines());
        }
        if (command instanceof Command.Uidl u) {
            return uidl(u.message());
        }
        if (command instanceof Command.Last) {
            return stay(Response.ok(Integer.toString(highestAccessed)));
        }
        if (command instanceof Command.Capa) {
            return capa();
        }
        if (command instanceof Command.Quit) {
            return update();
        }
        throw new IllegalStateException("table lets " + command.keyword() + " into TRANSACTION");
    }

    /** RFC 1939 §5: "LIST" scans every message not marked deleted; "LIST n" one of them. */
    private Reply list(OptionalInt message) {
        if (message.isPresent()) {
            int n = message.getAsInt();
            return check(n).orElseGet(() -> stay(Response.ok(n + " " + messages.get(n - 1).size())));
        }
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < messages.size(); i++) {
            if (!deleted[i]) {
                lines.add((i + 1) + " " + messages.get(i).size());
            }
        }
        return stay(Response.lines(count() + " messages (" + octets() + " octets)", lines));
    }

    /** RFC 1939 §7: "UIDL" lists unique ids; they stay the same across sessions (UIDVALIDITY.UID). */
    private Reply uidl(OptionalInt message) {
        if (message.isPresent()) {
            int n = message.getAsInt();
            return check(n).orElseGet(() -> stay(Response.ok(n + " " + uniqueId(n))));
        }
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < messages.size(); i++) {
            if (!deleted[i]) {
                lines.add((i + 1) + " " + uniqueId(i + 1));
            }
        }
        return stay(Response.lines("unique-id listing follows", lines));
    }

    /** The unique-id of message n: printable ASCII, at most 70 characters (RFC 1939 §7). */
    private String uniqueId(int n) {
        return uidValidity + "." + messages.get(n - 1).uid();
    }

    /** RFC 1939 §5: RETR sends the message, dot-stuffed; the octet count is of the CRLF form. */
    private Reply retr(int n) {
        Optional<Reply> error = check(n);
        if (error.isPresent()) {
            return error.get();
        }
        MessageInfo info = messages.get(n - 1);
        Optional<MessageContent> content = content(info);
        if (content.isEmpty()) {
            return stay(Response.err("message " + n + " was removed by another session"));
        }
        highestAccessed = Math.max(highestAccessed, n); // RFC 1225: RETR counts as access
        MessageContent c = content.get();
        return stay(Response.stream(info.size() + " octets", BodySource.sized(c.size(), c::open)));
    }

    /** RFC 1939 §7: TOP sends the header, the blank line and the first n body lines. */
    private Reply top(int n, int lines) {
        Optional<Reply> error = check(n);
        if (error.isPresent()) {
            return error.get();
        }
        Optional<MessageContent> content = content(messages.get(n - 1));
        if (content.isEmpty()) {
            return stay(Response.err("message " + n + " was removed by another session"));
        }
        MessageContent c = content.get();
        return stay(Response.stream("top of message follows", () -> new TopInputStream(c.open(), lines)));
    }

    private Optional<MessageContent> content(MessageInfo info) {
        try {
            return Optional.of(maildrop.content(info.uid()));
        } catch (MailStoreException e) {
            return Optional.empty();
        }
    }

    /** RFC 1939 §5: DELE only marks the message; UPDATE removes it (§6). */
    private Reply dele(int n) {
        Optional<Reply> error = check(n);
        if (error.isPresent()) {
            return error.get();
        }
        deleted[n - 1] = true;
        return stay(Response.ok("message " + n + " deleted"));
    }

    /** RFC 1939 §5: RSET unmarks every message (and RFC 1225 resets LAST). */
    private Reply rset() {
        java.util.Arrays.fill(deleted, false);
        highestAccessed = 0;
        return stay(Response.ok("maildrop has " + count() + " messages (" + octets() + " octets)"));
    }

    /**
     * RFC 1939 §5: a message number must name a message of this session's snapshot that is not marked
     * deleted; the error, if it does not.
     */
    private Optional<Reply> check(int n) {
        if (n < 1 || n > messages.size()) {
            return Optional.of(stay(Response.err("no such message, only " + messages.size() + " in the maildrop")));
        }
        if (deleted[n - 1]) {
            return Optional.of(stay(Response.err("message " + n + " already deleted")));
        }
        return Optional.empty();
    }

    private int count() {
        int count = 0;
        for (boolean d : deleted) {
            count += d ? 0 : 1;
        }
        return count;
    }

    private long octets() {
        long octets = 0;
        for (int i = 0; i < messages.size(); i++) {
            octets += deleted[i] ? 0 : messages.get(i).size();
        }
        return octets;
    }

    // ---------------------------------------------------------------- UPDATE (RFC 1939 §6)

    /** QUIT in TRANSACTION: remove the marked messages, release the lock, say goodbye. */
    private Reply update() {
        List<Transition> transitions = new ArrayList<>();
        transitions.add(move(Pop3Event.QUIT));
        List<Long> uids = new ArrayList<>();
        for (int i = 0; i < messages.size(); i++) {
            if (deleted[i]) {
                uids.add(messages.get(i).uid());
            }
        }
        Response response;
        try {
            maildrop.commit(uids);
            response = Response.ok(SIGN_OFF + " (" + count() + " messages left)");
        } catch (RuntimeException e) {
            // RFC 1939 §6: if removal fails, say so with -ERR (and release the lock anyway).
            releaseLock();
            response = Response.err(ResponseCode.SYS_TEMP, "some deleted messages not removed");
        }
        maildrop = null;
        transitions.add(move(Pop3Event.UPDATE_DONE));
        return new Reply(response, state, transitions, Reply.After.CLOSE);
    }

    private void releaseLock() {
        if (maildrop != null) {
            try {
                maildrop.close();
            } finally {
                maildrop = null;
            }
        }
    }

    // ---------------------------------------------------------------- the table

    private Transition move(Pop3Event event) {
        Transition t = Pop3StateTable.find(state, event)
                .orElseThrow(() -> new IllegalStateException("no transition for " + event + " in " + state));
        state = t.to();
        return t;
    }

    private Reply stay(Response response) {
        return new Reply(response, state, List.of(), Reply.After.CONTINUE);
    }
}
