package org.maillab.imap.session;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.function.Predicate;
import org.maillab.imap.codec.Command;
import org.maillab.imap.codec.FetchAttribute;
import org.maillab.imap.codec.FetchData;
import org.maillab.imap.codec.FramerEvent;
import org.maillab.imap.codec.ModifiedUtf7;
import org.maillab.imap.codec.ParsedCommand;
import org.maillab.imap.codec.Response;
import org.maillab.imap.codec.ResponseCode;
import org.maillab.imap.codec.SearchKey;
import org.maillab.imap.codec.SequenceSet;
import org.maillab.imap.codec.StatusItem;
import org.maillab.mailstore.Account;
import org.maillab.mailstore.AppendResult;
import org.maillab.mailstore.ConditionalStoreResult;
import org.maillab.mailstore.CopyResult;
import org.maillab.mailstore.FlagOp;
import org.maillab.mailstore.Flags;
import org.maillab.mailstore.MailStore;
import org.maillab.mailstore.MailStoreException;
import org.maillab.mailstore.Mailbox;
import org.maillab.mailstore.MailboxInfo;
import org.maillab.mailstore.MailboxStatus;
import org.maillab.mailstore.MessageInfo;
import org.maillab.mailstore.Right;
import org.maillab.mailstore.SpecialUse;
import org.maillab.mailstore.SystemFlag;
import org.maillab.mailstore.acl.AclAccount;
import org.maillab.mailstore.acl.Namespaces;
import org.maillab.transport.wire.SaslPlain;

/**
 * One IMAP connection's protocol logic (RFC 9051, serving IMAP4rev1 clients as RFC 3501 asks), over the
 * mail store, without sockets or threads: parsed commands in, responses out. Read it beside RFC 9051 §6:
 * one method per command.
 *
 * <p>The I/O layer calls {@link #greeting()}, then {@link #handle(ParsedCommand)} for each command; while
 * {@link #awaitingRawLine()} (IDLE, AUTHENTICATE) it passes lines to {@link #handleRawLine(byte[])}.
 * Changes made by other sessions are queued by the store and announced with the next response, or at
 * once while idling ({@link #pendingUpdates()}, with {@link #setUpdateNotifier(Runnable)} saying when).
 *
 * <p>Not thread-safe: one thread at a time per session (the store's event callback is the exception,
 * and only queues).
 */
public final class ImapSession {

    private static final String DELIMITER = "/";

    private final MailStore store;
    private final SessionConfig config;
    private SessionState state = SessionState.NOT_AUTHENTICATED;
    private Account account;
    private SelectedMailbox selected;
    private boolean tls;
    private boolean rev2;
    /** A CONDSTORE enabling command was issued (RFC 7162 §3.1): FETCH responses carry MODSEQ from now on. */
    private boolean condstore;
    /** ENABLE QRESYNC was issued (RFC 7162 §3.2.3); it implies CONDSTORE. */
    private boolean qresync;
    private int consecutiveBad;
    private Runnable notifier = () -> { };
    private FetchResponder.StructureSource structure = new FetchResponder.StructureSource() {
        @Override
        public Optional<FetchData> item(long uid, org.maillab.mailstore.MessageContent c, FetchAttribute a) {
            return Optional.empty();
        }

        @Override
        public Optional<FetchResponder.PartRange> part(long uid, org.maillab.mailstore.MessageContent c,
                List<Integer> path) {
            return Optional.empty();
        }
    };

    /** A command waiting for more client lines: IDLE (until DONE) or AUTHENTICATE (the SASL response). */
    private String rawLineTag;
    private RawLineMode rawLineMode;

    private enum RawLineMode {
        IDLE,
        AUTHENTICATE_PLAIN
    }

    private final StructureCache structures;
    private MimeStructure mime;
    private final CompressCommand compress = new CompressCommand();
    /** FETCH answers are produced message by message on request (see {@link #answerIncrementally()}). */
    private boolean incremental;
    /** The FETCH being answered in incremental mode, or null. */
    private FetchAnswer answer;

    public ImapSession(MailStore store, SessionConfig config) {
        this(store, config, new StructureCache(256));
    }

    /** A session sharing a server-wide cache of parsed message structures. */
    public ImapSession(MailStore store, SessionConfig config, StructureCache structures) {
        this.store = store;
        this.config = config;
        this.structures = structures;
    }

    /** Supplies ENVELOPE, BODYSTRUCTURE and part ranges (from the mime module). */
    void setStructureSource(FetchResponder.StructureSource source) {
        this.structure = source;
    }

    public SessionState state() {
        return state;
    }

    /** Whether the connection is already under TLS (implicit TLS, or after STARTTLS). */
    public void tlsStarted() {
        tls = true;
    }

    /** The I/O layer can switch to DEFLATE: COMPRESS=DEFLATE is advertised and COMPRESS accepted (RFC 4978). */
    public void compressionAvailable() {
        compress.makeAvailable();
    }

    /** Called (from any thread) when another session changed the selected mailbox. */
    public void setUpdateNotifier(Runnable notifier) {
        this.notifier = notifier;
        if (selected != null) {
            selected.setNotifier(notifier);
        }
    }

    /** The greeting (RFC 9051 §7.1.1): OK with the capabilities, so clients save a round trip. */
    public List<Response> greeting() {
        return List.of(new Response.Condition(Response.Status.OK,
                Optional.of(new ResponseCode.Capability(capabilities())), config.serverName() + " IMAP ready"));
    }

    /** The capabilities as they are now: they change with TLS and authentication (RFC 9051 §7.2.2). */
    public List<String> capabilities() {
        List<String> caps = new ArrayList<>(List.of("IMAP4rev1", "IMAP4rev2"));
        boolean loginDisabled = config.requireTls() && !tls;
        if (state == SessionState.NOT_AUTHENTICATED) {
            if (config.tlsAvailable() && !tls) {
                caps.add("STARTTLS");
            }
            if (loginDisabled) {
                caps.add("LOGINDISABLED");
            } else {
                caps.add("AUTH=PLAIN");
            }
            caps.add("SASL-IR");
        }
        caps.addAll(List.of("LITERAL+", "ENABLE", "IDLE", "NAMESPACE", "UIDPLUS", "MOVE", "UNSELECT", "ID",
                "CHILDREN", "SPECIAL-USE", "CREATE-SPECIAL-USE", "LIST-EXTENDED", "LIST-STATUS", "ESEARCH",
                "SEARCHRES", "STATUS=SIZE", "APPENDLIMIT=" + config.appendLimit(), "CONDSTORE", "QRESYNC"));
        compress.advertise(caps);
        caps.addAll(QuotaCommands.CAPABILITIES);
        caps.addAll(AclCommands.CAPABILITIES);
        caps.addAll(SortCommands.CAPABILITIES); // RFC 5256
        return caps;
    }

    // ---------------------------------------------------------------- entry points

    /** Answers one parsed command (or a parse error, with BAD). */
    public SessionOutput handle(ParsedCommand parsed) {
        if (answer != null) {
            throw new IllegalStateException("the previous command's answer is not complete (continueAnswer)");
        }
        if (parsed instanceof ParsedCommand.Error error) {
            return bad(error.tag(), "Syntax error: " + error.reason());
        }
        ParsedCommand.Ok ok = (ParsedCommand.Ok) parsed;
        if (state == SessionState.LOGOUT) {
            return new SessionOutput(List.of(), SessionOutput.Action.CLOSE);
        }
        if (!CommandRules.allowed(ok.command(), state)) {
            return bad(Optional.of(ok.tag()), ok.command().name() + " is not valid in state "
                    + state.name().toLowerCase(Locale.ROOT).replace('_', ' '));
        }
        consecutiveBad = 0;
        try {
            return dispatch(ok.tag(), ok.command());
        } catch (MailStoreException e) {
            return SessionOutput.of(withUpdates(List.of(), true, false, tagged(ok.tag(), Response.Status.NO,
                    code(e.reason()), e.getMessage())));
        }
    }

    /** Answers a command the framer discarded (over-long line, literal too large). */
    public SessionOutput rejected(FramerEvent.Rejected rejected) {
        String text = switch (rejected.reason()) {
            case LINE_TOO_LONG -> "Command line too long";
            case LITERAL_TOO_LARGE -> "Literal too large";
            case TOO_MANY_LITERALS -> "Too many literals";
        };
        if (rejected.closeConnection()) {
            // The octets cannot be skipped: the command is answered, then the connection ends (RFC 7888 §4).
            state = SessionState.LOGOUT;
            List<Response> out = new ArrayList<>();
            rejected.tag().ifPresent(tag -> out.add(new Response.Tagged(tag, Response.Status.BAD,
                    Optional.of(ResponseCode.TOOBIG), text)));
            out.add(new Response.Condition(Response.Status.BYE, Optional.of(ResponseCode.TOOBIG), text));
            return new SessionOutput(out, SessionOutput.Action.CLOSE);
        }
        List<Response> out = new ArrayList<>();
        if (rejected.tag().isPresent()) {
            out.add(new Response.Tagged(rejected.tag().get(), Response.Status.BAD, Optional.of(ResponseCode.TOOBIG),
                    text));
        } else {
            out.add(new Response.Condition(Response.Status.BAD, Optional.of(ResponseCode.TOOBIG), text));
        }
        return countBad(out);
    }

    /** Whether the next client line is not a command but belongs to IDLE or AUTHENTICATE. */
    public boolean awaitingRawLine() {
        return rawLineMode != null;
    }

    /** Whether the next client line is AUTHENTICATE's base64 response, which carries the password. */
    public boolean awaitingSaslResponse() {
        return rawLineMode == RawLineMode.AUTHENTICATE_PLAIN;
    }

    /** A line for IDLE ({@code DONE}) or AUTHENTICATE (the base64 response). */
    public SessionOutput handleRawLine(byte[] line) {
        String text = new String(line, StandardCharsets.US_ASCII).trim();
        String tag = rawLineTag;
        RawLineMode mode = rawLineMode;
        rawLineMode = null;
        rawLineTag = null;
        if (mode == RawLineMode.IDLE) {
            if (text.equalsIgnoreCase("DONE")) {
                return SessionOutput.of(withUpdates(List.of(), true, false, ok(tag, "IDLE terminated")));
            }
            return bad(Optional.of(tag), "Expected DONE"); // RFC 2177 §3
        }
        if (mode == RawLineMode.AUTHENTICATE_PLAIN) {
            if (text.equals("*")) {
                return bad(Optional.of(tag), "AUTHENTICATE cancelled"); // RFC 9051 §6.2.2
            }
            return plain(tag, text);
        }
        return bad(Optional.empty(), "Unexpected line");
    }

    /** Updates to push now (during IDLE, RFC 2177 §3): other sessions' changes, all of them allowed. */
    public List<Response> pendingUpdates() {
        if (selected == null || rawLineMode != RawLineMode.IDLE) {
            return List.of();
        }
        // No refresh() here: this runs because the store already told us of a change, and 10,000 idling
        // sessions rescanning one mailbox under its lock would serialize the push (IdleBenchmark).
        return selected.drain(true, false);
    }

    /**
     * From now on {@link #handle} answers a FETCH only in part: the responses for its messages come one
     * message at a time from {@link #continueAnswer()}, as long as {@link #answering()} says so, and
     * each message's literals are already opened when its response is made. A server calls it, and asks
     * for the next message when the transport has room: a message another session expunges meanwhile
     * is still sent whole (RFC 2180 §4.1.1), and only a few message files are open at once. It must not
     * call {@link #handle} again before the answer is complete, and releases ({@link
     * org.maillab.imap.codec.Literal#release()}) the opened literals it does not send.
     */
    public void answerIncrementally() {
        incremental = true;
    }

    /** Whether the last command's answer is not complete yet (incremental mode only). */
    public boolean answering() {
        return answer != null;
    }

    /**
     * The next part of the answer being produced: one message's FETCH response (or nothing, for a message
     * that is skipped), and at the end the tagged response. Empty when not {@link #answering()}.
     */
    public List<Response> continueAnswer() {
        if (answer == null) {
            return List.of();
        }
        FetchAnswer current = answer;
        try {
            List<Response> next = current.next();
            if (current.finished) {
                answer = null;
            }
            return next;
        } catch (MailStoreException e) {
            answer = null;
            // still a FETCH: no EXPUNGE before its tagged response, except for UID FETCH (RFC 9051 §7.5.1)
            boolean uid = current.c.uid();
            return withUpdates(List.of(), uid, uid, tagged(current.tag, Response.Status.NO, code(e.reason()),
                    e.getMessage()));
        }
    }

    /** The connection ended (any reason): close the mailbox view. */
    public void close() {
        answer = null;
        if (selected != null) {
            selected.close();
            selected = null;
        }
        state = SessionState.LOGOUT;
    }

    // ---------------------------------------------------------------- dispatch

    private SessionOutput dispatch(String tag, Command command) {
        if (command instanceof Command.Capability) {
            return done(tag, List.of(new Response.Capability(capabilities())), "CAPABILITY completed");
        } else if (command instanceof Command.Noop || command instanceof Command.Check) {
            if (selected != null) {
                selected.view().refresh();
            }
            return done(tag, List.of(), command.name() + " completed");
        } else if (command instanceof Command.Logout) {
            return logout(tag);
        } else if (command instanceof Command.Id) {
            return done(tag, List.of(new Response.Id(Optional.of(List.of(
                    new Command.IdField("name", Optional.of(config.serverName())),
                    new Command.IdField("vendor", Optional.of("MailLab")))))), "ID completed");
        } else if (command instanceof Command.StartTls) {
            return startTls(tag);
        } else if (command instanceof Command.Login c) {
            return login(tag, c);
        } else if (command instanceof Command.Authenticate c) {
            return authenticate(tag, c);
        } else if (command instanceof Command.Enable c) {
            return enable(tag, c);
        } else if (command instanceof Command.Select c) {
            return select(tag, c.mailbox(), false, c.condstore(), c.qresync());
        } else if (command instanceof Command.Examine c) {
            return select(tag, c.mailbox(), true, c.condstore(), c.qresync());
        } else if (command instanceof Command.Create c) {
            return create(tag, c);
        } else if (command instanceof Command.Delete c) {
            return withName(tag, c.mailbox(), name -> {
                if (selected != null && selected.view().name().equals(name)) {
                    return no(tag, ResponseCode.INUSE, "Mailbox is selected; close it first");
                }
                account.delete(name);
                return done(tag, List.of(), "DELETE completed");
            });
        } else if (command instanceof Command.Rename c) {
            return withName(tag, c.from(), from -> withName(tag, c.to(), to -> {
                account.rename(from, to);
                return done(tag, List.of(), "RENAME completed");
            }));
        } else if (command instanceof Command.Subscribe c) {
            return withName(tag, c.mailbox(), name -> {
                account.subscribe(name);
                return done(tag, List.of(), "SUBSCRIBE completed");
            });
        } else if (command instanceof Command.Unsubscribe c) {
            return withName(tag, c.mailbox(), name -> {
                account.unsubscribe(name);
                return done(tag, List.of(), "UNSUBSCRIBE completed");
            });
        } else if (command instanceof Command.ListMailboxes c) {
            return list(tag, c);
        } else if (command instanceof Command.Lsub c) {
            return lsub(tag, c);
        } else if (command instanceof Command.Namespace) {
            return done(tag, List.of(AclCommands.namespace(Namespaces.DEFAULT)), "NAMESPACE completed");
        } else if (AclCommands.handles(command)) {
            return withName(tag, AclCommands.mailbox(command), name -> AclCommands.answer(tag, command, name, account));
        } else if (command instanceof Command.Status c) {
            return status(tag, c);
        } else if (command instanceof Command.Append c) {
            return append(tag, c);
        } else if (command instanceof Command.Idle) {
            return idle(tag);
        } else if (command instanceof Command.Close) {
            return close(tag, true);
        } else if (command instanceof Command.Unselect) {
            return close(tag, false);
        } else if (command instanceof Command.Expunge) {
            return expunge(tag, Optional.empty());
        } else if (command instanceof Command.UidExpunge c) {
            return expunge(tag, Optional.of(c.uids()));
        } else if (command instanceof Command.Search c) {
            return search(tag, c);
        } else if (command instanceof Command.Fetch c) {
            return fetch(tag, c);
        } else if (command instanceof Command.Store c) {
            return storeFlags(tag, c);
        } else if (command instanceof Command.Copy c) {
            return copyOrMove(tag, c.uid(), c.set(), c.mailbox(), false);
        } else if (command instanceof Command.Move c) {
            return copyOrMove(tag, c.uid(), c.set(), c.mailbox(), true);
        } else if (command instanceof Command.Compress c) {
            return compress.handle(tag, c);
        } else if (QuotaCommands.handles(command)) {
            return quota(tag, command);
        } else if (command instanceof Command.Sort c) {
            return sortOrThread(tag, "SORT", c.uid(), c.charset(), c.keys(),
                    m -> SortCommands.sort(c, selected.view(), mime, m, usesModSeq(c.keys())));
        } else if (command instanceof Command.Thread c) {
            return sortOrThread(tag, "THREAD", c.uid(), c.charset(), c.keys(),
                    m -> SortCommands.thread(c, selected.view(), mime, m));
        }
        return bad(Optional.of(tag), "Unsupported command");
    }

    // ---------------------------------------------------------------- any state (§6.1)

    private SessionOutput logout(String tag) {
        List<Response> out = new ArrayList<>();
        out.add(new Response.Condition(Response.Status.BYE, Optional.empty(), "Logging out"));
        out.add(ok(tag, "LOGOUT completed"));
        SessionState next = Transition.LOGGED_OUT.apply(state);
        close();
        state = next;
        return new SessionOutput(out, SessionOutput.Action.CLOSE);
    }

    // ---------------------------------------------------------------- not authenticated (§6.2)

    private SessionOutput startTls(String tag) {
        if (!config.tlsAvailable() || tls) {
            return bad(Optional.of(tag), "STARTTLS not available");
        }
        return new SessionOutput(List.of(ok(tag, "Begin TLS negotiation now")), SessionOutput.Action.START_TLS);
    }

    private SessionOutput login(String tag, Command.Login c) {
        if (config.requireTls() && !tls) {
            // RFC 9051 §6.2.3: LOGINDISABLED
            return no(tag, ResponseCode.PRIVACYREQUIRED, "LOGIN is disabled before STARTTLS");
        }
        return authenticated(tag, store.authenticate(c.user(), c.password()), "LOGIN");
    }

    private SessionOutput authenticate(String tag, Command.Authenticate c) {
        if (!c.mechanism().equals("PLAIN")) {
            return no(tag, ResponseCode.CANNOT, "Unsupported mechanism " + c.mechanism());
        }
        if (config.requireTls() && !tls) {
            return no(tag, ResponseCode.PRIVACYREQUIRED, "Authentication requires TLS");
        }
        if (c.initialResponse().isPresent()) {
            return plain(tag, c.initialResponse().get()); // RFC 4959 SASL-IR
        }
        rawLineTag = tag;
        rawLineMode = RawLineMode.AUTHENTICATE_PLAIN;
        return SessionOutput.of(List.of(new Response.Continuation("")));
    }

    /** SASL PLAIN (RFC 4616), decoded by the shared {@link SaslPlain}. */
    private SessionOutput plain(String tag, String base64) {
        SaslPlain response = SaslPlain.decode(base64);
        if (response == SaslPlain.Failure.NOT_BASE64) {
            return bad(Optional.of(tag), "Invalid base64");
        }
        if (!(response instanceof SaslPlain.Credentials c)) {
            return no(tag, ResponseCode.AUTHENTICATIONFAILED, "Malformed PLAIN response");
        }
        if (c.actsAsAnother()) {
            return no(tag, ResponseCode.AUTHORIZATIONFAILED, "Cannot act as another user");
        }
        return authenticated(tag, store.authenticate(c.user(), c.password()), "AUTHENTICATE");
    }

    private SessionOutput authenticated(String tag, Optional<Account> found, String what) {
        if (found.isEmpty()) {
            return no(tag, ResponseCode.AUTHENTICATIONFAILED, "Invalid credentials");
        }
        account = AclAccount.forUser(store, found.get()); // every mailbox access goes through its rights checks
        state = Transition.AUTHENTICATED.apply(state);
        // RFC 9051 §6.2.3: the capabilities may change; send them in the OK
        return SessionOutput.of(List.of(new Response.Tagged(tag, Response.Status.OK,
                Optional.of(new ResponseCode.Capability(capabilities())), what + " completed")));
    }

    // ---------------------------------------------------------------- authenticated (§6.3)

    private SessionOutput enable(String tag, Command.Enable c) {
        List<String> enabled = new ArrayList<>();
        for (String cap : c.capabilities()) {
            if (cap.equalsIgnoreCase("IMAP4rev2") && !rev2) {
                rev2 = true;
                enabled.add("IMAP4rev2");
            } else if (cap.equalsIgnoreCase("CONDSTORE") && !condstore) {
                enabled.add("CONDSTORE"); // RFC 7162 §3.1: ENABLE CONDSTORE is an enabling command
            } else if (cap.equalsIgnoreCase("QRESYNC") && !qresync) {
                qresync = true; // RFC 7162 §3.2.3: implies CONDSTORE
                condstore = true;
                enabled.add("QRESYNC");
            }
        }
        List<Response> out = new ArrayList<>();
        if (enabled.contains("CONDSTORE")) {
            out.addAll(enableCondstore());
        }
        out.add(new Response.Enabled(enabled));
        return done(tag, out, "ENABLE completed");
    }

    /**
     * A CONDSTORE enabling command (RFC 7162 §3.1). The first one with a mailbox selected reports the
     * mailbox's HIGHESTMODSEQ.
     */
    private List<Response> enableCondstore() {
        if (condstore) {
            return List.of();
        }
        condstore = true;
        if (selected == null) {
            return List.of();
        }
        selected.enableCondstore();
        return List.of(condition(new ResponseCode.Number("HIGHESTMODSEQ", selected.view().highestModSeq()),
                "Highest"));
    }

    private SessionOutput select(String tag, String wireName, boolean readOnly, boolean condstoreParam,
            Optional<Command.Qresync> qresyncParam) {
        if (qresyncParam.isPresent() && !qresync) {
            return bad(Optional.of(tag), "QRESYNC parameter without ENABLE QRESYNC"); // RFC 7162 §3.2.5
        }
        List<Response> out = new ArrayList<>();
        if (selected != null) {
            selected.close();
            selected = null;
            state = Transition.DESELECTED.apply(state);
            out.add(new Response.Condition(Response.Status.OK, Optional.of(ResponseCode.CLOSED),
                    "Previous mailbox closed")); // RFC 9051 §6.3.2
        }
        Optional<String> name = decodeName(wireName);
        if (name.isEmpty()) {
            out.add(tagged(tag, Response.Status.NO, Optional.of(ResponseCode.CANNOT), "Invalid mailbox name"));
            return SessionOutput.of(out);
        }
        Mailbox view;
        try {
            view = account.open(name.get(), readOnly);
        } catch (MailStoreException e) {
            out.add(tagged(tag, Response.Status.NO, code(e.reason()), e.getMessage()));
            return SessionOutput.of(out);
        }
        selected = new SelectedMailbox(view, !rev2);
        condstore |= condstoreParam; // RFC 7162 §3.1.8
        if (condstore) {
            selected.enableCondstore();
        }
        if (qresync) {
            selected.enableQresync();
        }
        selected.setNotifier(notifier);
        mime = new MimeStructure(structures, account.name() + "\0" + view.name() + "\0" + view.uidValidity() + "\0");
        structure = mime;
        state = Transition.SELECTED.apply(state);
        List<MessageInfo> messages = view.messages();
        out.add(new Response.Exists(selected.count()));
        if (!rev2) {
            out.add(new Response.Recent(view.recent().size()));
            for (int i = 0; i < messages.size(); i++) {
                if (!messages.get(i).flags().contains(SystemFlag.SEEN)) {
                    out.add(condition(new ResponseCode.Number("UNSEEN", i + 1), "First unseen"));
                    break;
                }
            }
        }
        out.add(condition(new ResponseCode.Number("UIDVALIDITY", view.uidValidity()), "UIDs valid"));
        out.add(condition(new ResponseCode.Number("UIDNEXT", view.uidNext()), "Predicted next UID"));
        // RFC 7162 §3.1.2.1: mod-sequences persist in this store, so every SELECT reports the highest
        out.add(condition(new ResponseCode.Number("HIGHESTMODSEQ", view.highestModSeq()), "Highest"));
        out.addAll(selected.flagsResponses()); // with the keywords in use (RFC 9051 §7.3.5)
        readOnly = view.readOnly(); // RFC 4314 §5.2: also read-only when the rights allow no change
        if (rev2) {
            out.add(new Response.ListItem(false, List.of(), Optional.of('/'), encodeName(view.name()), List.of(),
                    Optional.empty()));
        }
        qresyncParam.filter(q -> q.uidValidity() == view.uidValidity())
                .ifPresent(q -> out.addAll(resync(q.knownUids().orElse(null), q.modSeq(), messages)));
        out.add(tagged(tag, Response.Status.OK, Optional.of(readOnly ? ResponseCode.READ_ONLY
                : ResponseCode.READ_WRITE), (readOnly ? "EXAMINE" : "SELECT") + " completed"));
        return SessionOutput.of(out);
    }

    private SessionOutput create(String tag, Command.Create c) {
        return withName(tag, c.mailbox(), rawName -> {
            String name = rawName.endsWith(DELIMITER) ? rawName.substring(0, rawName.length() - 1) : rawName;
            if (name.equalsIgnoreCase("INBOX")) {
                return no(tag, ResponseCode.ALREADYEXISTS, "INBOX always exists");
            }
            if (c.specialUse().isEmpty()) {
                account.create(name);
            } else {
                if (c.specialUse().size() > 1) {
                    return no(tag, new ResponseCode.Atom("USEATTR"), "One special use per mailbox");
                }
                Optional<SpecialUse> use = specialUse(c.specialUse().get(0));
                if (use.isEmpty()) {
                    return no(tag, new ResponseCode.Atom("USEATTR"), "Unknown special use"); // RFC 6154 §6
                }
                account.create(name, use.get());
            }
            return done(tag, List.of(), "CREATE completed");
        });
    }

    private static Optional<SpecialUse> specialUse(String attribute) {
        for (SpecialUse u : SpecialUse.values()) {
            if (u.attribute().equalsIgnoreCase(attribute)) {
                return Optional.of(u);
            }
        }
        return Optional.empty();
    }

    private SessionOutput list(String tag, Command.ListMailboxes c) {
        Optional<String> reference = decodeName(c.reference());
        if (reference.isEmpty()) {
            return no(tag, ResponseCode.CANNOT, "Invalid reference");
        }
        List<Response> out = new ArrayList<>();
        if (c.patterns().size() == 1 && c.patterns().get(0).isEmpty() && c.select().isEmpty()) {
            // RFC 9051 §6.3.9: an empty pattern asks for the delimiter and the root
            out.add(new Response.ListItem(false, List.of("\\Noselect"), Optional.of('/'), "", List.of(),
                    Optional.empty()));
            return done(tag, out, "LIST completed");
        }
        if (!c.select().isEmpty() && !(c.select().size() == 1 && c.select().contains(Command.ListSelect.REMOTE))) {
            return done(tag, listSelected(reference.get(), c), "LIST completed");
        }
        boolean showSubscribed = c.returns().contains(Command.ListReturn.SUBSCRIBED);
        Map<String, MailboxInfo> found = new LinkedHashMap<>();
        for (String pattern : c.patterns()) {
            Optional<String> decoded = decodeName(pattern);
            if (decoded.isEmpty()) {
                continue;
            }
            for (MailboxInfo info : account.list(reference.get() + decoded.get())) {
                found.putIfAbsent(info.name(), info);
            }
        }
        for (MailboxInfo info : found.values()) {
            listItem(out, info, showSubscribed, List.of(), c);
        }
        return done(tag, out, "LIST completed");
    }

    private void listItem(List<Response> out, MailboxInfo info, boolean showSubscribed, List<String> childInfo,
            Command.ListMailboxes c) {
        List<String> attrs = new ArrayList<>();
        if (!info.selectable()) {
            attrs.add("\\Noselect");
        }
        attrs.add(info.hasChildren() ? "\\HasChildren" : "\\HasNoChildren");
        if (showSubscribed && info.subscribed()) {
            attrs.add("\\Subscribed");
        }
        info.specialUse().ifPresent(u -> attrs.add(u.attribute()));
        out.add(new Response.ListItem(false, attrs, Optional.of('/'), encodeName(info.name()), childInfo,
                Optional.empty()));
        if (!c.returnStatus().isEmpty() && info.selectable()) {
            // RFC 5819 §2: STATUS right after the mailbox's LIST response
            out.add(statusData(info.name(), c.returnStatus()));
        }
    }

    /**
     * LIST with selection options (RFC 5258 §3): the names that meet the criteria — subscribed names
     * whose mailbox does not exist included, marked {@code \\NonExistent} — and, with RECURSIVEMATCH,
     * the matching ancestors of names that meet the criteria but not the pattern, with CHILDINFO
     * (the table in RFC 5258 §3.5). Parents are not repeated for children already listed.
     */
    private List<Response> listSelected(String reference, Command.ListMailboxes c) {
        boolean subscribedOnly = c.select().contains(Command.ListSelect.SUBSCRIBED);
        boolean specialOnly = c.select().contains(Command.ListSelect.SPECIAL_USE);
        boolean recursive = c.select().contains(Command.ListSelect.RECURSIVEMATCH);
        boolean showSubscribed = subscribedOnly || c.returns().contains(Command.ListReturn.SUBSCRIBED);
        List<String> patterns = new ArrayList<>();
        for (String pattern : c.patterns()) {
            decodeName(pattern).ifPresent(p -> patterns.add(reference + p));
        }
        Predicate<String> inPattern = name -> patterns.stream()
                .anyMatch(p -> org.maillab.mailstore.core.ListPattern.matches(p, name));
        Map<String, MailboxInfo> existing = new LinkedHashMap<>(); // the store's order: INBOX first
        account.list("*").forEach(i -> existing.put(i.name(), i));
        Set<String> subscribed = new TreeSet<>(account.subscriptions());
        Set<String> universe = new LinkedHashSet<>(existing.keySet());
        if (subscribedOnly) {
            universe.addAll(subscribed);
        }
        Predicate<String> meets = name -> (!subscribedOnly || subscribed.contains(name))
                && (!specialOnly || (existing.containsKey(name) && existing.get(name).specialUse().isPresent()));
        Set<String> listed = new TreeSet<>();
        Set<String> withChildInfo = new TreeSet<>();
        for (String name : universe) {
            if (!meets.test(name)) {
                continue;
            }
            if (inPattern.test(name)) {
                listed.add(name);
            } else if (recursive) {
                // RFC 5258 §3.1 RECURSIVEMATCH: every ancestor that matches the pattern gets CHILDINFO
                for (int i = name.indexOf('/'); i > 0; i = name.indexOf('/', i + 1)) {
                    String parent = name.substring(0, i);
                    if (inPattern.test(parent)) {
                        withChildInfo.add(parent);
                    }
                }
            }
        }
        List<String> childInfo = new ArrayList<>();
        if (subscribedOnly) {
            childInfo.add("SUBSCRIBED");
        }
        if (specialOnly) {
            childInfo.add("SPECIAL-USE");
        }
        Set<String> all = new LinkedHashSet<>();
        for (String name : universe) { // existing names in the store's order, then the others sorted
            if (listed.contains(name) || withChildInfo.contains(name)) {
                all.add(name);
            }
        }
        all.addAll(withChildInfo);
        List<Response> out = new ArrayList<>();
        for (String name : all) {
            List<String> info = withChildInfo.contains(name) ? childInfo : List.of();
            MailboxInfo mailbox = existing.get(name);
            if (mailbox != null) {
                listItem(out, mailbox, showSubscribed, info, c);
                continue;
            }
            List<String> attrs = new ArrayList<>(List.of("\\NonExistent")); // implies \\Noselect (RFC 5258 §3)
            if (showSubscribed && subscribed.contains(name)) {
                attrs.add("\\Subscribed");
            }
            out.add(new Response.ListItem(false, attrs, Optional.of('/'), encodeName(name), info, Optional.empty()));
        }
        return out;
    }

    private SessionOutput lsub(String tag, Command.Lsub c) {
        Optional<String> reference = decodeName(c.reference());
        Optional<String> pattern = decodeName(c.pattern());
        if (reference.isEmpty() || pattern.isEmpty()) {
            return no(tag, ResponseCode.CANNOT, "Invalid name");
        }
        List<Response> out = new ArrayList<>();
        for (MailboxInfo info : account.list(reference.get() + pattern.get())) {
            if (info.subscribed()) {
                out.add(new Response.ListItem(true, info.selectable() ? List.of() : List.of("\\Noselect"),
                        Optional.of('/'), encodeName(info.name()), List.of(), Optional.empty()));
            }
        }
        return done(tag, out, "LSUB completed");
    }

    private SessionOutput status(String tag, Command.Status c) {
        return withName(tag, c.mailbox(), name -> done(tag, List.of(statusData(name, c.items())),
                "STATUS completed"));
    }

    private Response statusData(String name, List<StatusItem> items) {
        MailboxStatus s = account.status(name);
        List<Response.StatusValue> values = new ArrayList<>();
        for (StatusItem item : items) {
            long v = switch (item) {
                case MESSAGES -> s.messages();
                case UIDNEXT -> s.uidNext();
                case UIDVALIDITY -> s.uidValidity();
                case UNSEEN -> s.unseen();
                case DELETED -> s.deleted();
                case SIZE -> s.size();
                case RECENT -> s.recent();
                case HIGHESTMODSEQ -> s.highestModSeq();
                case DELETED_STORAGE -> QuotaCommands.deletedStorage(account, name);
            };
            values.add(new Response.StatusValue(item, v));
        }
        return new Response.StatusData(encodeName(name), values);
    }

    /** The message literal belongs to the command's frame, which frees it after this returns. */
    private SessionOutput append(String tag, Command.Append c) {
        Optional<Flags> flags = FlagNames.parse(c.flags());
        if (flags.isEmpty()) {
            return bad(Optional.of(tag), "Unknown system flag");
        }
        if (c.message().size() > config.appendLimit()) {
            return no(tag, ResponseCode.TOOBIG, "Message exceeds APPENDLIMIT");
        }
        Optional<String> name = decodeName(c.mailbox());
        if (name.isEmpty()) {
            return no(tag, ResponseCode.CANNOT, "Invalid mailbox name");
        }
        if (account.mailbox(name.get()).filter(MailboxInfo::selectable).isEmpty()) {
            // RFC 9051 §6.3.12: TRYCREATE when the mailbox does not exist
            return no(tag, ResponseCode.TRYCREATE, "No such mailbox");
        }
        Instant date = c.internalDate().map(d -> d.toInstant()).orElse(Instant.now());
        AppendResult result;
        try (InputStream in = new KnownLengthInputStream(c.message().open(), c.message().size())) {
            result = account.append(name.get(), in, flags.get(), date);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return SessionOutput.of(withUpdates(List.of(), true, false, tagged(tag, Response.Status.OK,
                Optional.of(new ResponseCode.AppendUid(result.uidValidity(), SequenceSet.single(result.uid()))),
                "APPEND completed")));
    }

    private SessionOutput idle(String tag) {
        rawLineTag = tag;
        rawLineMode = RawLineMode.IDLE;
        List<Response> out = new ArrayList<>();
        out.add(new Response.Continuation("idling"));
        if (selected != null) {
            selected.view().refresh();
            out.addAll(selected.drain(true, false));
        }
        return SessionOutput.of(out);
    }

    // ---------------------------------------------------------------- selected (§6.4)

    private SessionOutput close(String tag, boolean expunge) {
        if (expunge && !selected.readOnly() && selected.view().rights().contains(Right.EXPUNGE)) { // RFC 4314 §4
            selected.view().expunge(); // RFC 9051 §6.4.1: silently, no EXPUNGE responses
        }
        selected.close();
        selected = null;
        state = Transition.DESELECTED.apply(state);
        return SessionOutput.of(List.of(ok(tag, (expunge ? "CLOSE" : "UNSELECT") + " completed")));
    }

    private SessionOutput expunge(String tag, Optional<SequenceSet> uidSet) {
        if (selected.readOnly()) {
            return no(tag, ResponseCode.READ_ONLY, "Mailbox is read-only");
        }
        List<Response> out = new ArrayList<>(selected.drain(true, uidSet.isPresent()));
        List<Long> removed;
        if (uidSet.isPresent()) {
            Optional<List<Long>> uids = selected.resolve(uidSet.get(), true);
            removed = selected.view().expunge(uids.orElse(List.of()));
        } else {
            removed = selected.view().expunge();
        }
        out.addAll(selected.expunged(removed));
        return SessionOutput.of(withUpdates(out, true, uidSet.isPresent(), ok(tag, "EXPUNGE completed")));
    }

    private SessionOutput search(String tag, Command.Search c) {
        Optional<SessionOutput> refused = refusedCriteria(tag, c.charset(), c.keys());
        if (refused.isPresent()) {
            return refused.get();
        }
        List<Response> out = new ArrayList<>();
        boolean modSeqKey = usesModSeq(c.keys());
        if (modSeqKey) {
            out.addAll(enableCondstore()); // RFC 7162 §3.1: SEARCH MODSEQ enables CONDSTORE
        }
        long highestMatched = 0;
        List<Long> matchedUids = new ArrayList<>();
        List<Long> matchedSeqs = new ArrayList<>();
        for (SearchMatch m : matching(c.keys())) {
            matchedUids.add(m.info().uid());
            matchedSeqs.add((long) m.sequence());
            highestMatched = Math.max(highestMatched, m.info().modSeq());
        }
        List<Long> result = c.uid() ? matchedUids : matchedSeqs;
        // RFC 7162 §3.1.5: after a MODSEQ key, the highest mod-sequence of the messages returned
        OptionalLong modSeq = modSeqKey && !result.isEmpty() ? OptionalLong.of(highestMatched) : OptionalLong.empty();
        boolean esearch = c.returns().isPresent() || rev2;
        List<Command.SearchReturn> opts = c.returns().orElse(List.of());
        if (opts.isEmpty()) {
            opts = List.of(Command.SearchReturn.ALL);
        }
        if (opts.contains(Command.SearchReturn.SAVE)) {
            // RFC 5182 §2.4: with only MIN and/or MAX, save just those
            boolean minMaxOnly = opts.stream().allMatch(o -> o == Command.SearchReturn.SAVE
                    || o == Command.SearchReturn.MIN || o == Command.SearchReturn.MAX)
                    && opts.size() > 1;
            List<Long> toSave = matchedUids;
            if (minMaxOnly && !matchedUids.isEmpty()) {
                List<Long> mm = new ArrayList<>();
                if (opts.contains(Command.SearchReturn.MIN)) {
                    mm.add(matchedUids.get(0));
                }
                if (opts.contains(Command.SearchReturn.MAX)) {
                    mm.add(matchedUids.get(matchedUids.size() - 1));
                }
                toSave = mm;
            }
            selected.saveSearch(toSave);
        }
        if (!esearch) {
            out.add(new Response.Search(result, modSeq));
        } else if (!(opts.size() == 1 && opts.get(0) == Command.SearchReturn.SAVE)) {
            OptionalLong min = opts.contains(Command.SearchReturn.MIN) && !result.isEmpty()
                    ? OptionalLong.of(result.get(0)) : OptionalLong.empty();
            OptionalLong max = opts.contains(Command.SearchReturn.MAX) && !result.isEmpty()
                    ? OptionalLong.of(result.get(result.size() - 1)) : OptionalLong.empty();
            Optional<SequenceSet> all = opts.contains(Command.SearchReturn.ALL) && !result.isEmpty()
                    ? Optional.of(compact(result)) : Optional.empty();
            OptionalLong count = opts.contains(Command.SearchReturn.COUNT) ? OptionalLong.of(result.size())
                    : OptionalLong.empty();
            out.add(new Response.ESearch(Optional.of(tag), c.uid(), min, max, all, count, modSeq));
        }
        // RFC 9051 §7.5.1: no EXPUNGE while answering SEARCH (UID SEARCH may)
        return SessionOutput.of(withUpdates(out, c.uid(), c.uid(), ok(tag, "SEARCH completed")));
    }

    /** NO [BADCHARSET] for a charset other than UTF-8 and US-ASCII, BAD for a sequence number out of range. */
    private Optional<SessionOutput> refusedCriteria(String tag, Optional<String> charset,
            List<SearchKey> keys) {
        if (charset.isPresent()) {
            String cs = charset.get().toUpperCase(Locale.ROOT);
            if (!cs.equals("UTF-8") && !cs.equals("US-ASCII")) {
                return Optional.of(no(tag, new ResponseCode.BadCharset(List.of("UTF-8", "US-ASCII")),
                        "Unsupported charset"));
            }
        }
        if (!sequenceNumbersValid(keys)) {
            return Optional.of(bad(Optional.of(tag), "Invalid message sequence number"));
        }
        return Optional.empty();
    }

    /** The messages matching all keys, in mailbox order (RFC 9051 §6.4.4). */
    private List<SearchMatch> matching(List<SearchKey> keys) {
        SearchEvaluator evaluator = new SearchEvaluator(selected.view(), selected, mime);
        Map<Long, MessageInfo> byUid = new LinkedHashMap<>();
        selected.view().messages().forEach(m -> byUid.put(m.uid(), m));
        List<SearchMatch> matches = new ArrayList<>();
        for (int seq = 1; seq <= selected.count(); seq++) {
            MessageInfo info = byUid.get(selected.uidAt(seq));
            if (info == null) {
                // expunged by another session, not yet announced: searched as the client still sees it
                // (RFC 2180 §4.1.1, §4.3), unless its bytes are gone too
                info = selected.view().visible(selected.uidAt(seq)).orElse(null);
                if (info == null) {
                    continue;
                }
            }
            if (evaluator.matchesMessage(keys, evaluator.candidate(seq, info))) {
                matches.add(new SearchMatch(seq, info));
            }
        }
        return matches;
    }

    /**
     * SORT and THREAD (RFC 5256 §3): the charset is checked and the search runs as for SEARCH, then
     * {@code answer} orders the matches. No EXPUNGE is sent while answering SORT or THREAD; the UID
     * forms may send it (RFC 5256 §3).
     */
    private SessionOutput sortOrThread(String tag, String name, boolean uid, String charset,
            List<SearchKey> keys, Function<List<SearchMatch>, Response> answer) {
        Optional<SessionOutput> refused = refusedCriteria(tag, Optional.of(charset), keys);
        if (refused.isPresent()) {
            return refused.get();
        }
        List<Response> out = new ArrayList<>();
        if (usesModSeq(keys)) {
            out.addAll(enableCondstore()); // RFC 7162 §3.1: a MODSEQ search key enables CONDSTORE
        }
        out.add(answer.apply(matching(keys)));
        return SessionOutput.of(withUpdates(out, uid, uid, ok(tag, name + " completed")));
    }

    private static boolean usesModSeq(List<SearchKey> keys) {
        for (SearchKey key : keys) {
            boolean uses = key instanceof SearchKey.ModSeq
                    || (key instanceof SearchKey.Not n && usesModSeq(List.of(n.key())))
                    || (key instanceof SearchKey.Or o
                            && usesModSeq(List.of(o.left(), o.right())))
                    || (key instanceof SearchKey.And a && usesModSeq(a.keys()));
            if (uses) {
                return true;
            }
        }
        return false;
    }

    /** RFC 9051 §9 (seq-number): a number beyond the mailbox, or "*" in an empty one, is BAD. */
    private boolean sequenceNumbersValid(List<SearchKey> keys) {
        for (SearchKey key : keys) {
            if (key instanceof SearchKey.Sequence s
                    && selected.resolve(s.set(), false).isEmpty()) {
                return false;
            } else if (key instanceof SearchKey.Not n && !sequenceNumbersValid(List.of(n.key()))) {
                return false;
            } else if (key instanceof SearchKey.Or o
                    && !sequenceNumbersValid(List.of(o.left(), o.right()))) {
                return false;
            } else if (key instanceof SearchKey.And a && !sequenceNumbersValid(a.keys())) {
                return false;
            }
        }
        return true;
    }

    static SequenceSet compact(List<Long> numbers) {
        List<SequenceSet.Range> ranges = new ArrayList<>();
        long start = -1;
        long prev = -1;
        for (long n : numbers) {
            if (start < 0) {
                start = n;
            } else if (n != prev + 1) {
                ranges.add(new SequenceSet.Range(start, prev));
                start = n;
            }
            prev = n;
        }
        ranges.add(new SequenceSet.Range(start, prev));
        return new SequenceSet.Ranges(ranges);
    }

    /**
     * What changed since the client's mod-sequence (RFC 7162 §3.2.5.1, §3.2.6): VANISHED (EARLIER) with
     * the UIDs of {@code knownUids} (all UIDs below UIDNEXT when null) that no longer exist, then FETCH
     * (UID MODSEQ FLAGS) for the messages changed after {@code modSeq}. The store remembers when UIDs were
     * expunged, so only those expunged after {@code modSeq} are named (where it no longer remembers, all
     * absent UIDs of the set: §3.2.6, §5.1; sequence-match data is not needed and is ignored).
     */
    private List<Response> resync(SequenceSet knownUids, long modSeq, List<MessageInfo> messages) {
        List<Response> out = new ArrayList<>();
        List<Long> vanished = vanishedUids(knownUids, modSeq);
        if (!vanished.isEmpty()) {
            out.add(new Response.Vanished(true, compact(vanished)));
        }
        for (MessageInfo info : messages) {
            if (info.modSeq() <= modSeq) {
                continue; // most messages: test this first, the known-UID set may hold thousands of ranges
            }
            boolean known = knownUids == null || (knownUids instanceof SequenceSet.Ranges r
                    && r.contains(info.uid(), selected.highestUid()));
            if (known && selected.seqOf(info.uid()).isPresent()) {
                out.add(new Response.Fetch(selected.seqOf(info.uid()).getAsInt(),
                        selected.fetchFlags(info.uid(), true)));
            }
        }
        return out;
    }

    /** The set's UIDs (all when null) below UIDNEXT that this session lacks and that left after {@code modSeq}. */
    private List<Long> vanishedUids(SequenceSet set, long modSeq) {
        long below = selected.view().uidNext();
        Set<Long> present = new HashSet<>();
        for (int seq = 1; seq <= selected.count(); seq++) {
            present.add(selected.uidAt(seq));
        }
        List<SequenceSet.Range> ranges = set == null ? List.of(new SequenceSet.Range(1, SequenceSet.STAR))
                : set instanceof SequenceSet.Ranges r ? r.ranges() : List.of();
        TreeSet<Long> gone = new TreeSet<>();
        for (SequenceSet.Range range : ranges) {
            long a = range.first() == SequenceSet.STAR ? below - 1 : range.first();
            long b = range.last() == SequenceSet.STAR ? below - 1 : range.last();
            for (long uid = Math.min(a, b); uid <= Math.min(Math.max(a, b), below - 1); uid++) {
                if (!present.contains(uid) && selected.view().expungedSince(uid, modSeq)) {
                    gone.add(uid);
                }
            }
        }
        return new ArrayList<>(gone);
    }

    private SessionOutput fetch(String tag, Command.Fetch c) {
        Optional<List<Long>> uids = selected.resolve(c.set(), c.uid());
        if (uids.isEmpty()) {
            return bad(Optional.of(tag), "Invalid message sequence number");
        }
        if (c.vanished() && !qresync) {
            return bad(Optional.of(tag), "VANISHED without ENABLE QRESYNC"); // RFC 7162 §3.2.6
        }
        List<Response> out = new ArrayList<>();
        boolean wantModSeq = c.changedSince().isPresent()
                || c.items().contains(new FetchAttribute.Simple(FetchAttribute.Item.MODSEQ));
        if (wantModSeq) {
            out.addAll(enableCondstore()); // RFC 7162 §3.1: FETCH MODSEQ and CHANGEDSINCE enable CONDSTORE
        }
        if (c.vanished()) {
            List<Long> gone = vanishedUids(c.set(), c.changedSince().orElse(0));
            if (!gone.isEmpty()) {
                out.add(new Response.Vanished(true, compact(gone))); // RFC 7162 §3.2.6
            }
        }
        List<FetchAttribute> attributes = c.items().stream()
                .filter(a -> !a.equals(new FetchAttribute.Simple(FetchAttribute.Item.MODSEQ))).toList();
        boolean setSeen = FetchResponder.setsSeen(c.items()) && !selected.readOnly();
        boolean wantFlags = c.items().contains(new FetchAttribute.Simple(FetchAttribute.Item.FLAGS));
        FetchResponder responder = new FetchResponder(selected.view(), structure);
        Map<Long, MessageInfo> infos = new LinkedHashMap<>();
        for (long uid : uids.get()) {
            // also a message another session expunged that this client was not told of (RFC 2180 §4.1.1)
            selected.view().visible(uid).ifPresent(m -> infos.put(uid, m));
        }
        FetchAnswer fetch = new FetchAnswer(tag, c, infos, uids.get(), attributes, setSeen, wantFlags, responder);
        if (incremental) {
            answer = fetch; // the I/O layer asks for the rest with continueAnswer()
            return SessionOutput.of(out);
        }
        while (!fetch.finished) {
            out.addAll(fetch.next());
        }
        return SessionOutput.of(out);
    }

    /**
     * A FETCH answered one message at a time. In incremental mode each message's literals are opened as
     * its response is made, so its octets stay readable however long the transport takes to reach them;
     * a message gone before its turn is left out and the tagged NO says so.
     */
    private final class FetchAnswer {
        private final String tag;
        private final Command.Fetch c;
        private final Map<Long, MessageInfo> infos;
        private final Iterator<Long> uids;
        private final List<FetchAttribute> attributes;
        private final boolean setSeen;
        private final boolean wantFlags;
        private final FetchResponder responder;
        // once per command: the view copies its \Recent set, and a first FETCH may cover every message
        private final Set<Long> recent = rev2 ? Set.of() : selected.view().recent();
        private boolean expungedMeanwhile;
        boolean finished;

        FetchAnswer(String tag, Command.Fetch c, Map<Long, MessageInfo> infos, List<Long> uids,
                List<FetchAttribute> attributes, boolean setSeen, boolean wantFlags, FetchResponder responder) {
            this.tag = tag;
            this.c = c;
            this.infos = infos;
            this.uids = uids.iterator();
            this.attributes = attributes;
            this.setSeen = setSeen;
            this.wantFlags = wantFlags;
            this.responder = responder;
        }

        /** The next message's FETCH response (none if it is skipped), or at the end the tagged response. */
        List<Response> next() {
            if (!uids.hasNext()) {
                finished = true;
                // UID FETCH ignores UIDs that no longer exist (RFC 9051 §6.4.9) and may announce the EXPUNGE
                Response last = expungedMeanwhile && !c.uid()
                        ? tagged(tag, Response.Status.NO, Optional.of(ResponseCode.EXPUNGEISSUED),
                                "Some messages were expunged by another session")
                        : ok(tag, "FETCH completed");
                return withUpdates(List.of(), c.uid(), c.uid(), last);
            }
            long uid = uids.next();
            MessageInfo info = infos.get(uid);
            int seq = selected.seqOf(uid).orElseThrow();
            if (info == null) {
                // Gone with its bytes (removed behind the store's back), not yet announced: send what
                // exists and say so in the tagged NO (RFC 9051 §7.5.1, RFC 2180 §4.1.2, RFC 5530).
                expungedMeanwhile = true;
                return List.of();
            }
            // flags and MODSEQ as this client knows them: a change it has not been told of comes after,
            // as an update, so neither goes back in time (RFC 7162 §3.1)
            if (c.changedSince().isPresent() && selected.modSeqOf(uid) <= c.changedSince().getAsLong()) {
                return List.of(); // RFC 7162 §3.1.4.1: only messages changed since the given mod-sequence
            }
            List<FetchData> items = new ArrayList<>();
            if (c.uid() || qresync || c.items().contains(new FetchAttribute.Simple(FetchAttribute.Item.UID))) {
                items.add(new FetchData.Uid(uid)); // RFC 7162 §3.2.4: always with QRESYNC
            }
            List<Response> announced = new ArrayList<>();
            boolean flagsNow = wantFlags;
            if (setSeen && !info.flags().contains(SystemFlag.SEEN)
                    && selected.view().rights().contains(Right.SEEN)) { // RFC 4314 §4: not without s
                List<MessageInfo> updated = selected.view().store(List.of(uid), FlagOp.ADD, Flags.of(SystemFlag.SEEN));
                updated.forEach(m -> announced.addAll(selected.flagsChanged(m)));
                flagsNow = true; // RFC 9051 §6.4.5: report the \Seen change
            }
            if (condstore) {
                items.add(new FetchData.ModSeq(selected.modSeqOf(uid))); // RFC 7162 §3.1: in every FETCH response
            }
            if (flagsNow) {
                items.add(new FetchData.Flags(FlagNames.of(selected.flagsOf(uid), recent.contains(uid))));
            }
            try {
                List<FetchData> data = responder.items(info, attributes);
                items.addAll(incremental ? FetchResponder.retain(data) : data);
            } catch (FetchResponder.Unsupported e) {
                finished = true;
                return withUpdates(List.of(), true, false, tagged(tag, Response.Status.NO,
                        Optional.of(ResponseCode.CANNOT), e.getMessage()));
            } catch (MailStoreException e) {
                expungedMeanwhile = true; // gone between the listing and the read
                return List.of();
            }
            announced.add(new Response.Fetch(seq, items));
            return announced;
        }
    }

    private SessionOutput storeFlags(String tag, Command.Store c) {
        Optional<List<Long>> uids = selected.resolve(c.set(), c.uid());
        if (uids.isEmpty()) {
            return bad(Optional.of(tag), "Invalid message sequence number");
        }
        if (selected.readOnly()) {
            return no(tag, ResponseCode.READ_ONLY, "Mailbox is read-only");
        }
        Optional<Flags> flags = FlagNames.parse(c.flags());
        if (flags.isEmpty()) {
            return bad(Optional.of(tag), "Unknown system flag");
        }
        FlagOp op = switch (c.mode()) {
            case REPLACE -> FlagOp.REPLACE;
            case ADD -> FlagOp.ADD;
            case REMOVE -> FlagOp.REMOVE;
        };
        List<Response> out = new ArrayList<>();
        List<MessageInfo> updated;
        List<Long> modified = List.of();
        if (c.unchangedSince().isPresent()) {
            out.addAll(enableCondstore()); // RFC 7162 §3.1: UNCHANGEDSINCE enables CONDSTORE
            ConditionalStoreResult r = selected.view().store(uids.get(), op, flags.get(),
                    c.unchangedSince().getAsLong());
            updated = r.stored();
            modified = r.modified();
        } else {
            updated = selected.view().store(uids.get(), op, flags.get());
        }
        for (MessageInfo info : updated) {
            Flags before = selected.flagsOf(info.uid());
            boolean changed = !info.flags().equals(before);
            // the new state may hold another session's change the client was not told of: .SILENT
            // leaves out only the client's own (RFC 9051 §6.4.6), and the change is not told again later
            boolean othersToo = !info.flags().equals(before.apply(op, flags.get()));
            out.addAll(selected.flagsChanged(info));
            int seq = selected.seqOf(info.uid()).orElseThrow();
            if (!c.silent() || othersToo) {
                out.add(new Response.Fetch(seq, selected.fetchFlags(info.uid(), c.uid())));
            } else if (condstore && changed) {
                // RFC 7162 §3.1.3: even with .SILENT, the new MODSEQ of a changed message is sent
                List<FetchData> items = new ArrayList<>();
                if (c.uid() || qresync) {
                    items.add(new FetchData.Uid(info.uid()));
                }
                items.add(new FetchData.ModSeq(info.modSeq()));
                out.add(new Response.Fetch(seq, items));
            }
        }
        if (!modified.isEmpty()) {
            // RFC 7162 §3.1.3: MODIFIED lists UIDs for UID STORE, sequence numbers for STORE
            List<Long> failed = c.uid() ? modified
                    : modified.stream().map(u -> (long) selected.seqOf(u).orElseThrow()).sorted().toList();
            return SessionOutput.of(withUpdates(out, c.uid(), c.uid(), tagged(tag, Response.Status.OK,
                    Optional.of(new ResponseCode.Modified(compact(failed))), "Conditional STORE failed")));
        }
        // A message expunged by another session, not yet announced, is left as it is and the STORE
        // succeeds (RFC 2180 §4.2.1, as Dovecot and Cyrus do); its EXPUNGE follows later.
        return SessionOutput.of(withUpdates(out, c.uid(), c.uid(), ok(tag, "STORE completed")));
    }

    private SessionOutput copyOrMove(String tag, boolean uid, SequenceSet set, String target, boolean move) {
        Optional<List<Long>> uids = selected.resolve(set, uid);
        if (uids.isEmpty()) {
            return bad(Optional.of(tag), "Invalid message sequence number");
        }
        if (move && selected.readOnly()) {
            return no(tag, ResponseCode.READ_ONLY, "Mailbox is read-only");
        }
        return withName(tag, target, name -> {
            if (account.mailbox(name).filter(MailboxInfo::selectable).isEmpty()) {
                return no(tag, ResponseCode.TRYCREATE, "No such mailbox"); // RFC 9051 §6.4.7
            }
            String what = move ? "MOVE" : "COPY";
            if (uids.get().isEmpty()) {
                return done(tag, List.of(), what + " completed");
            }
            if (!uid && uids.get().stream().anyMatch(u -> selected.view().message(u).isEmpty())) {
                // A message was expunged by another session, not yet announced. Copying the rest would
                // be a partial COPY, which RFC 9051 §6.4.7 forbids on failure; RFC 2180 §4.4 lets the
                // server refuse instead, so nothing is copied (RFC 5530 EXPUNGEISSUED). The EXPUNGE may
                // be announced now (RFC 9051 §7.5.1 restricts only FETCH, STORE and SEARCH). UID COPY and
                // UID MOVE ignore a vanished UID (RFC 9051 §6.4.9) and transfer the rest.
                return no(tag, ResponseCode.EXPUNGEISSUED, "Some messages were expunged by another session");
            }
            List<Response> out = new ArrayList<>();
            if (move) {
                out.addAll(selected.drain(true, uid));
            }
            CopyResult result;
            try {
                // By sequence numbers all or nothing, checked under the store's lock: a message expunged
                // since the check above means nothing is copied (RFC 9051 §6.4.7, RFC 2180 §4.4).
                Mailbox view = selected.view();
                result = uid ? (move ? view.moveTo(uids.get(), name) : view.copyTo(uids.get(), name))
                        : move ? view.moveAllTo(uids.get(), name) : view.copyAllTo(uids.get(), name);
            } catch (MailStoreException e) {
                boolean expunged = !uid && e.reason() == MailStoreException.Reason.NONEXISTENT;
                return SessionOutput.of(withUpdates(out, true, uid, tagged(tag, Response.Status.NO,
                        expunged ? Optional.of(ResponseCode.EXPUNGEISSUED) : code(e.reason()),
                        expunged ? "Some messages were expunged by another session" : e.getMessage())));
            }
            Optional<ResponseCode> copyUid = result.sourceUids().isEmpty() ? Optional.empty()
                    : Optional.of(new ResponseCode.CopyUid(result.targetUidValidity(), compact(result.sourceUids()),
                            compact(result.targetUids())));
            if (!move) {
                return SessionOutput.of(withUpdates(out, true, uid, tagged(tag, Response.Status.OK, copyUid,
                        what + " completed")));
            }
            // RFC 6851 §4.3: COPYUID in an untagged OK before the EXPUNGEs
            copyUid.ifPresent(code -> out.add(new Response.Condition(Response.Status.OK, Optional.of(code),
                    "Moved")));
            out.addAll(selected.expunged(result.sourceUids()));
            return SessionOutput.of(withUpdates(out, true, uid, ok(tag, what + " completed")));
        });
    }

    /** GETQUOTA, GETQUOTAROOT, SETQUOTA (RFC 9208 §4.1): the logic is in {@link QuotaCommands}. */
    private SessionOutput quota(String tag, Command command) {
        QuotaCommands.Outcome outcome = new QuotaCommands(store, config, account).run(command);
        if (outcome instanceof QuotaCommands.Outcome.Done d) {
            return done(tag, d.data(), d.text());
        } else if (outcome instanceof QuotaCommands.Outcome.Refused r) {
            return no(tag, r.code(), r.text());
        }
        return bad(Optional.of(tag), ((QuotaCommands.Outcome.Invalid) outcome).text());
    }

    // ---------------------------------------------------------------- helpers

    private interface NamedAction {
        SessionOutput run(String name);
    }

    /** Decodes a mailbox name; NO [CANNOT] for a name that is not valid modified UTF-7. */
    private SessionOutput withName(String tag, String wireName, NamedAction action) {
        Optional<String> name = decodeName(wireName);
        if (name.isEmpty()) {
            return no(tag, ResponseCode.CANNOT, "Invalid mailbox name");
        }
        return action.run(name.get());
    }

    static Optional<String> decodeName(String wire) {
        if (wire.equalsIgnoreCase("INBOX")) {
            return Optional.of("INBOX");
        }
        // RFC 9051 §5.1.3: clients send modified UTF-7; raw UTF-8 from IMAP4rev2 clients is accepted too
        Optional<String> decoded = ModifiedUtf7.decode(wire);
        if (decoded.isPresent()) {
            return decoded;
        }
        return wire.chars().anyMatch(ch -> ch >= 0x80) && wire.chars().noneMatch(ch -> ch < 0x20)
                ? Optional.of(wire) : Optional.empty();
    }

    private static String encodeName(String name) {
        return ModifiedUtf7.encode(name);
    }

    /** Puts queued updates before the tagged response (RFC 9051 §7: untagged data precede completion). */
    private List<Response> withUpdates(List<Response> out, boolean allowExpunge, boolean withUid, Response last) {
        List<Response> all = new ArrayList<>(out);
        if (selected != null) {
            all.addAll(selected.drain(allowExpunge, withUid));
        }
        all.add(last);
        return all;
    }

    private SessionOutput done(String tag, List<Response> out, String text) {
        return SessionOutput.of(withUpdates(out, true, false, ok(tag, text)));
    }

    private SessionOutput no(String tag, ResponseCode code, String text) {
        return SessionOutput.of(withUpdates(List.of(), true, false, tagged(tag, Response.Status.NO,
                Optional.of(code), text)));
    }

    private SessionOutput bad(Optional<String> tag, String text) {
        List<Response> out = new ArrayList<>();
        if (tag.isPresent()) {
            out.add(new Response.Tagged(tag.get(), Response.Status.BAD, Optional.empty(), text));
        } else {
            out.add(new Response.Condition(Response.Status.BAD, Optional.empty(), text));
        }
        return countBad(out);
    }

    private SessionOutput countBad(List<Response> out) {
        consecutiveBad++;
        if (consecutiveBad >= config.maxBadCommands()) {
            List<Response> all = new ArrayList<>(out);
            all.add(new Response.Condition(Response.Status.BYE, Optional.empty(), "Too many invalid commands"));
            close();
            return new SessionOutput(all, SessionOutput.Action.CLOSE);
        }
        return SessionOutput.of(out);
    }

    private static Response ok(String tag, String text) {
        return new Response.Tagged(tag, Response.Status.OK, Optional.empty(), text);
    }

    private static Response tagged(String tag, Response.Status status, Optional<ResponseCode> code, String text) {
        return new Response.Tagged(tag, status, code, text);
    }

    private static Response condition(ResponseCode code, String text) {
        return new Response.Condition(Response.Status.OK, Optional.of(code), text);
    }

    /** RFC 5530 codes for the store's refusals. */
    static Optional<ResponseCode> code(MailStoreException.Reason reason) {
        return Optional.of(switch (reason) {
            case NONEXISTENT -> ResponseCode.NONEXISTENT;
            case ALREADY_EXISTS -> ResponseCode.ALREADYEXISTS;
            case INVALID_NAME, CANNOT -> ResponseCode.CANNOT;
            case OVER_QUOTA -> ResponseCode.OVERQUOTA;
            case IN_USE -> ResponseCode.INUSE;
            case LIMIT -> ResponseCode.LIMIT;
            case NO_PERMISSION -> ResponseCode.NOPERM;
        });
    }
}
