package org.maillab.simulator.world;

import java.time.Duration;
import java.util.List;
import org.maillab.simulator.scenario.AttachmentSpec;

/**
 * One message of a scenario's world, decided before the run from the seed. Its bytes are produced
 * on demand by a {@link MessageSource}, never held whole.
 *
 * @param account    the recipient account
 * @param number     its place in the whole world's arrival order, from 1
 * @param arrival    when it is delivered
 * @param messageId  the Message-ID (without angle brackets); identifies it across devices
 * @param from       sender address
 * @param subject    subject line
 * @param inReplyTo  Message-ID of the message it answers in its thread, or empty
 * @param textSize   octets of the text body
 * @param attachments attachments (type and size before encoding)
 * @param contentSeed seeds the body and attachment bytes
 */
public record GeneratedMessage(String account, int number, Duration arrival, String messageId, String from,
                               String subject, String inReplyTo, long textSize, List<AttachmentSpec> attachments,
                               long contentSeed) {

    public GeneratedMessage {
        attachments = List.copyOf(attachments);
    }

    /** Octets of attachments before encoding. */
    public long attachmentBytes() {
        return attachments.stream().mapToLong(AttachmentSpec::size).sum();
    }
}
