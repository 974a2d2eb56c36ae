package org.maillab.smtp.session;

/** One row of the state table: in state {@code from}, {@code event} leads to state {@code to}. */
public record Transition(SmtpState from, SmtpEvent event, SmtpState to) {

    /** As the transcripts show it, e.g. {@code READY -> SENDER (MAIL)}. */
    @Override
    public String toString() {
        return from + " -> " + to + " (" + event + ")";
    }
}
