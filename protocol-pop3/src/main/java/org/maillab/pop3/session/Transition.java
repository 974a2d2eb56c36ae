package org.maillab.pop3.session;

/** One row of the state table: in state {@code from}, {@code event} leads to state {@code to}. */
public record Transition(Pop3State from, Pop3Event event, Pop3State to) {

    /** As the transcripts show it, e.g. {@code AUTHORIZATION -> TRANSACTION (LOGIN)}. */
    @Override
    public String toString() {
        return from + " -> " + to + " (" + event + ")";
    }
}
