package org.maillab.imap.session;

import java.util.Locale;

/**
 * Draws the state machine of {@link Transition} as a Mermaid diagram, so the docs show the table the
 * code runs on (a test keeps the README's copy in step).
 */
public final class StateDiagram {

    private StateDiagram() {
    }

    public static String mermaid() {
        StringBuilder sb = new StringBuilder("stateDiagram-v2\n");
        sb.append("    [*] --> NOT_AUTHENTICATED: connect (greeting OK)\n");
        for (Transition t : Transition.values()) {
            for (SessionState from : t.from()) {
                sb.append("    ").append(from).append(" --> ").append(t.to()).append(": ")
                        .append(t.name().toLowerCase(Locale.ROOT).replace('_', ' ')).append('\n');
            }
        }
        sb.append("    LOGOUT --> [*]\n");
        return sb.toString();
    }

    public static void main(String[] args) {
        System.out.print(mermaid());
    }
}
