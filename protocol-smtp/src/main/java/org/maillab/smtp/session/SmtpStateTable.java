package org.maillab.smtp.session;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The SMTP state machine as data (RFC 5321 §3.3 and §4.1.4, RFC 3030 for BDAT, RFC 3207 for
 * STARTTLS): which events move a session between states, and which commands each state accepts.
 * {@link SmtpSession} follows this table, the server's transcripts print its rows as they fire, and
 * {@code docs/smtp-state-diagram.md} is generated from it ({@link StateDiagram}).
 */
public final class SmtpStateTable {

    /** Every transition a session can make. */
    public static final List<Transition> TRANSITIONS = transitions();

    /**
     * The commands each state accepts. A command of another state gets {@code 503 5.5.1 Bad sequence of
     * commands} (RFC 5321 §4.1.4) and the state stays; an unknown one gets {@code 500 5.5.1}.
     * HELO and EHLO are SMTP's, LHLO is LMTP's (RFC 2033 §4.1).
     */
    public static final Map<SmtpState, List<String>> COMMANDS = commands();

    private SmtpStateTable() {
    }

    private static List<Transition> transitions() {
        List<Transition> t = new ArrayList<>();
        t.add(new Transition(SmtpState.CONNECTED, SmtpEvent.HELLO, SmtpState.READY));
        t.add(new Transition(SmtpState.READY, SmtpEvent.HELLO, SmtpState.READY));
        t.add(new Transition(SmtpState.READY, SmtpEvent.MAIL, SmtpState.SENDER));
        t.add(new Transition(SmtpState.READY, SmtpEvent.STARTTLS, SmtpState.CONNECTED));
        t.add(new Transition(SmtpState.SENDER, SmtpEvent.RCPT, SmtpState.RECIPIENTS));
        t.add(new Transition(SmtpState.RECIPIENTS, SmtpEvent.RCPT, SmtpState.RECIPIENTS));
        t.add(new Transition(SmtpState.RECIPIENTS, SmtpEvent.DATA, SmtpState.DATA));
        t.add(new Transition(SmtpState.DATA, SmtpEvent.DATA_END, SmtpState.READY));
        t.add(new Transition(SmtpState.RECIPIENTS, SmtpEvent.CHUNK, SmtpState.CHUNKING));
        t.add(new Transition(SmtpState.RECIPIENTS, SmtpEvent.LAST_CHUNK, SmtpState.READY));
        t.add(new Transition(SmtpState.CHUNKING, SmtpEvent.CHUNK, SmtpState.CHUNKING));
        t.add(new Transition(SmtpState.CHUNKING, SmtpEvent.LAST_CHUNK, SmtpState.READY));
        for (SmtpState s : List.of(SmtpState.SENDER, SmtpState.RECIPIENTS, SmtpState.CHUNKING)) {
            t.add(new Transition(s, SmtpEvent.HELLO, SmtpState.READY));
            t.add(new Transition(s, SmtpEvent.RSET, SmtpState.READY));
        }
        for (SmtpState s : List.of(SmtpState.CONNECTED, SmtpState.READY, SmtpState.SENDER, SmtpState.RECIPIENTS,
                SmtpState.CHUNKING)) {
            t.add(new Transition(s, SmtpEvent.QUIT, SmtpState.CLOSED));
        }
        t.add(new Transition(SmtpState.READY, SmtpEvent.TOO_MANY_FAILURES, SmtpState.CLOSED));
        for (SmtpState s : SmtpState.values()) {
            if (s != SmtpState.CLOSED) {
                t.add(new Transition(s, SmtpEvent.CONNECTION_LOST, SmtpState.CLOSED));
            }
        }
        return List.copyOf(t);
    }

    private static Map<SmtpState, List<String>> commands() {
        List<String> always = List.of("NOOP", "RSET", "HELP", "VRFY", "QUIT");
        Map<SmtpState, List<String>> commands = new EnumMap<>(SmtpState.class);
        commands.put(SmtpState.CONNECTED, join(List.of("EHLO", "HELO", "LHLO"), always));
        commands.put(SmtpState.READY, join(List.of("EHLO", "HELO", "LHLO", "MAIL", "AUTH", "STARTTLS"), always));
        commands.put(SmtpState.SENDER, join(List.of("EHLO", "HELO", "LHLO", "RCPT"), always));
        commands.put(SmtpState.RECIPIENTS, join(List.of("EHLO", "HELO", "LHLO", "RCPT", "DATA", "BDAT"), always));
        commands.put(SmtpState.DATA, List.of());
        commands.put(SmtpState.CHUNKING, join(List.of("EHLO", "HELO", "LHLO", "BDAT"), always));
        commands.put(SmtpState.CLOSED, List.of());
        return Collections.unmodifiableMap(commands);
    }

    private static List<String> join(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return List.copyOf(all);
    }

    /** The transition for {@code event} in state {@code from}, if the table has one. */
    public static Optional<Transition> find(SmtpState from, SmtpEvent event) {
        return TRANSITIONS.stream().filter(t -> t.from() == from && t.event() == event).findFirst();
    }

    /** Whether {@code state} accepts the command {@code verb}. */
    public static boolean accepts(SmtpState state, String verb) {
        return COMMANDS.get(state).contains(verb);
    }
}
