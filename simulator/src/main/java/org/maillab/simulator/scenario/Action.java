package org.maillab.simulator.scenario;

/** What a user (or fate) does on a device. Each has a word in scenario files. */
public sealed interface Action {

    /** The user opens messages to read them; attachments are downloaded only when asked for. */
    record Open(Selector which, boolean withAttachments) implements Action {
    }

    /** The user marks messages read without opening them. */
    record MarkRead(Selector which) implements Action {
    }

    /** The user flags messages (IMAP \Flagged). */
    record Flag(Selector which) implements Action {
    }

    /** The user answers messages (IMAP \Answered; the reply itself goes by SMTP, not measured). */
    record Answer(Selector which) implements Action {
    }

    /** The user moves messages to a folder. */
    record Move(Selector which, String folder) implements Action {
    }

    /** The user deletes messages. */
    record Delete(Selector which) implements Action {
    }

    /** The user looks for messages whose subject or sender contains the text. */
    record Search(String text) implements Action {
    }

    /** The device checks for mail now, outside its schedule. */
    record Check() implements Action {
    }

    /** The device dies (lost, stolen, disk failure): its local store is gone. */
    record Fail() implements Action {
    }

    /** The device loses its network. */
    record GoOffline() implements Action {
    }

    /** The device gets its network back. */
    record GoOnline() implements Action {
    }
}
