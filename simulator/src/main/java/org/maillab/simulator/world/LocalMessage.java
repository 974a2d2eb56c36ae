package org.maillab.simulator.world;

import java.time.Duration;

/**
 * What a device holds of one message.
 *
 * @param messageId   identifies the message across devices
 * @param serverKey   the server's name for it (POP3 UIDL, IMAP UID); empty if unknown
 * @param subject     its subject, as the device can show it
 * @param from        its sender
 * @param storedBytes octets kept on the device (headers only, text, or the whole message)
 * @param complete    whether the whole message (attachments included) is on the device
 * @param bodyLocal   whether the text can be read without the network
 * @param seen        read
 * @param flagged     flagged
 * @param answered    answered
 * @param folder      the device's folder for it
 * @param fetchedAt   when the device first got it
 */
public record LocalMessage(String messageId, String serverKey, String subject, String from, long storedBytes, boolean complete, boolean bodyLocal,
                           boolean seen, boolean flagged, boolean answered, String folder, Duration fetchedAt) {

    public LocalMessage withSeen(boolean value) {
        return new LocalMessage(messageId, serverKey, subject, from, storedBytes, complete, bodyLocal, value, flagged, answered, folder, fetchedAt);
    }

    public LocalMessage withFlagged(boolean value) {
        return new LocalMessage(messageId, serverKey, subject, from, storedBytes, complete, bodyLocal, seen, value, answered, folder, fetchedAt);
    }

    public LocalMessage withAnswered(boolean value) {
        return new LocalMessage(messageId, serverKey, subject, from, storedBytes, complete, bodyLocal, seen, flagged, value, folder, fetchedAt);
    }

    public LocalMessage withFolder(String value) {
        return new LocalMessage(messageId, serverKey, subject, from, storedBytes, complete, bodyLocal, seen, flagged, answered, value, fetchedAt);
    }
}
