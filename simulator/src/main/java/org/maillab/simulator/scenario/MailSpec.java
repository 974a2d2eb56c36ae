package org.maillab.simulator.scenario;

import java.time.Duration;
import java.util.List;

/**
 * A batch of messages arriving for one account. Message {@code i} (from 0) arrives at
 * {@code start + i * every}; with {@code every} zero they all arrive at {@code start}.
 * Sizes are drawn log-uniformly between {@code minSize} and {@code maxSize} (real mail sizes are
 * roughly log-normal: many small messages, a few large ones), from the scenario's seed.
 *
 * @param account     who receives the mail
 * @param count       how many messages
 * @param start       when the first arrives
 * @param every       the gap between two arrivals (zero: all at once)
 * @param minSize     smallest text body, in octets
 * @param maxSize     largest text body, in octets
 * @param attachments attached to every message of the batch
 * @param senders     chosen from in turn (deterministically); empty means generated names
 * @param subject     the subject; empty means generated subjects
 * @param threads     replies are grouped into this many threads (0: no threads)
 */
public record MailSpec(String account, int count, Duration start, Duration every, long minSize, long maxSize,
                       List<AttachmentSpec> attachments, List<String> senders, String subject, int threads) {

    public MailSpec {
        attachments = List.copyOf(attachments);
        senders = List.copyOf(senders);
    }

    /** When message {@code i} of the batch arrives. */
    public Duration arrival(int i) {
        return start.plus(every.multipliedBy(i));
    }
}
