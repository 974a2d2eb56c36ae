package org.maillab.mailstore.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

class MailboxNamesTest {

    @Test
    void inboxPrefixIsCanonicalizedButOtherNamesKeepTheirCase_rfc9051Section5_1() {
        assertEquals("INBOX", MailboxNames.canonical("inbox"));
        assertEquals("INBOX/Sub", MailboxNames.canonical("Inbox/Sub"));
        assertEquals("Inboxes", MailboxNames.canonical("Inboxes"));
        assertEquals("Work", MailboxNames.canonical("Work"));
    }

    @Test
    void ancestorsAndBelow() {
        assertEquals(List.of("a", "a/b"), MailboxNames.ancestors("a/b/c"));
        assertTrue(MailboxNames.isBelow("a/b", "a"));
        assertFalse(MailboxNames.isBelow("ab", "a"));
        assertFalse(MailboxNames.isBelow("a", "a"));
    }
}
