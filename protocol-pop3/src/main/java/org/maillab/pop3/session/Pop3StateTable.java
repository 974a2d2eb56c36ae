package org.maillab.pop3.session;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The POP3 state machine as data (RFC 1939 §3–§6): which events move a session between states, and
 * which commands each state accepts. {@link Pop3Session} follows this table, the server's transcripts
 * print its rows as they fire, and {@code docs/pop3-state-diagram.md} is generated from it
 * ({@link StateDiagram}), so the three cannot disagree.
 */
public final class Pop3StateTable {

    /** Every transition a session can make. */
    public static final List<Transition> TRANSITIONS = List.of(
            new Transition(Pop3State.AUTHORIZATION, Pop3Event.LOGIN, Pop3State.TRANSACTION),
            new Transition(Pop3State.AUTHORIZATION, Pop3Event.QUIT, Pop3State.CLOSED),
            new Transition(Pop3State.AUTHORIZATION, Pop3Event.TOO_MANY_FAILURES, Pop3State.CLOSED),
            new Transition(Pop3State.AUTHORIZATION, Pop3Event.CONNECTION_LOST, Pop3State.CLOSED),
            new Transition(Pop3State.TRANSACTION, Pop3Event.QUIT, Pop3State.UPDATE),
            new Transition(Pop3State.TRANSACTION, Pop3Event.CONNECTION_LOST, Pop3State.CLOSED),
            new Transition(Pop3State.UPDATE, Pop3Event.UPDATE_DONE, Pop3State.CLOSED));

    /**
     * The commands each state accepts (RFC 1939 §4–§7, RFC 2449 §5 for CAPA, RFC 2595 §4 for STLS,
     * RFC 5034 for AUTH). LAST (RFC 1225) is listed but answered only when the server enables it.
     * Any other command gets {@code -ERR} and the state stays.
     */
    public static final Map<Pop3State, List<String>> COMMANDS = commands();

    private Pop3StateTable() {
    }

    private static Map<Pop3State, List<String>> commands() {
        Map<Pop3State, List<String>> commands = new EnumMap<>(Pop3State.class);
        commands.put(Pop3State.AUTHORIZATION, List.of("USER", "PASS", "APOP", "AUTH", "STLS", "CAPA", "QUIT"));
        commands.put(Pop3State.TRANSACTION, List.of("STAT", "LIST", "RETR", "DELE", "NOOP", "RSET", "TOP",
                "UIDL", "CAPA", "QUIT", "LAST"));
        commands.put(Pop3State.UPDATE, List.of());
        commands.put(Pop3State.CLOSED, List.of());
        return java.util.Collections.unmodifiableMap(commands);
    }

    /** The transition for {@code event} in state {@code from}, if the table has one. */
    public static Optional<Transition> find(Pop3State from, Pop3Event event) {
        return TRANSITIONS.stream().filter(t -> t.from() == from && t.event() == event).findFirst();
    }

    /** Whether {@code state} accepts the command {@code keyword}. */
    public static boolean accepts(Pop3State state, String keyword) {
        return COMMANDS.get(state).contains(keyword);
    }
}
