package org.maillab.simulator.report;

import java.util.Map;

/** The claims of the source article (seed/CLAIMS.md), shortened for reports. */
public final class Claims {

    private static final Map<String, String> TEXT = Map.ofEntries(
            Map.entry("C1", "POP3 downloads mail and usually deletes it from the server; if the computer dies, the mail is gone."),
            Map.entry("C2", "Prefer POP3 when server space is small: IMAP keeps mail on the server and fills the quota."),
            Map.entry("C3", "IMAP lists headers first and downloads a whole message only when it is opened."),
            Map.entry("C4", "Reading mail from several devices calls for IMAP: state stays in sync across them."),
            Map.entry("C5", "IMAP lets several clients use one mailbox at once, each told of the others' changes."),
            Map.entry("C8", "IMAP searches on the server: the client need not download mail to find something."),
            Map.entry("C9", "IMAP fetches structure and only the parts needed: on a slow link it reads the text and leaves a 10 MB clip."),
            Map.entry("C10", "POP3 needs minimal connection time; IMAP depends more on the network and spends more time downloading."),
            Map.entry("C11", "POP3 can leave mail on the server; persistent ids (UIDL) avoid downloading it again."),
            Map.entry("C12", "IMAP supports disconnected use: synchronise, work locally, replay, saving connection time."),
            Map.entry("C15", "POP3 gives one client exclusive access; IMAP lets many clients in, each seeing the others' changes."),
            Map.entry("C19", "IMAP has constructs for slow links: structure without content, selective part download."));

    private Claims() {
    }

    public static String text(String claim) {
        return TEXT.getOrDefault(claim, "(see CLAIMS.md)");
    }
}
