package org.maillab.transport.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The masking rule, line by line, for the forms issue 11 found leaking. */
class CredentialMaskTest {

    @Test
    void imapLoginShowsTheUserOnly() {
        CredentialMask m = CredentialMask.imap();
        assertEquals("a LOGIN alice ***", m.line("a LOGIN alice secret"));
        assertEquals("a login \"alice smith\" ***", m.line("a login \"alice smith\" \"se cret\""));
        assertEquals("a LOGIN alice ***", m.line("a LOGIN alice  secret"));
        assertEquals("a NOOP", m.line("a NOOP"));
    }

    @Test
    void separatorsOfAnyKindCannotShiftThePasswordIntoAShownWord() {
        CredentialMask m = CredentialMask.imap();
        assertEquals("a\tLOGIN\talice ***", m.line("a\tLOGIN\talice\tsecret"));
        assertEquals("  LOGIN alice ***", m.line("  LOGIN alice secret")); // no tag
        assertEquals("a  LOGIN alice ***", m.line("a  LOGIN alice secret"));
        assertEquals("a LOGIN  alice ***", m.line("a LOGIN  alice secret"));
        assertEquals("a LOGIN ***", m.line("a LOGIN \"alice secret")); // unterminated quote
        assertEquals("a \"LOGIN\" alice ***", m.line("a \"LOGIN\" alice secret"));
        assertEquals("a ***", m.line("a \"LOGIN alice secret"));
    }

    /** Issue 11, finding 4: {@code t1 LOGIN {5}}, then {@code alice secret} showed {@code C:  secret}. */
    @Test
    void aUserNameInALiteralHidesTheLineAfterIt() {
        CredentialMask m = CredentialMask.imap();
        assertEquals("t1 LOGIN {5}", m.line("t1 LOGIN {5}"));
        assertEquals("***", m.line(" secret"));
        assertEquals("t2 NOOP", m.line("t2 NOOP"));
        assertEquals("t3 LOGIN {5+}", m.line("t3 LOGIN {5+}"));
        assertEquals("***", m.line(" {6+}"));
        assertEquals("", m.line(""));
        assertEquals("t4 NOOP", m.line("t4 NOOP"));
        assertEquals("t5 LOGIN alice ***", m.line("t5 LOGIN alice {6}"));
        assertEquals("", m.line(""));
    }

    @Test
    void aRefusedLiteralEndsTheCommand() {
        CredentialMask m = CredentialMask.imap();
        assertEquals("b NOOP {99999999999}", m.line("b NOOP {99999999999}"));
        m.commandContinues(false);
        assertEquals("c LOGIN bob ***", m.line("c LOGIN bob pw"));
    }

    /** A person who types the password after a refused literal: the next line is hidden whole. */
    @Test
    void theLineAfterARefusedCredentialLiteralIsHidden() {
        CredentialMask m = CredentialMask.imap();
        assertEquals("b LOGIN alice ***", m.line("b LOGIN alice {99999999999}"));
        m.commandContinues(false);
        assertEquals("***", m.line("secret"));
        assertEquals("c NOOP", m.line("c NOOP"));
    }

    @Test
    void saslResponsesAndInitialResponsesAreHidden() {
        CredentialMask m = CredentialMask.imap();
        assertEquals("a AUTHENTICATE PLAIN ***", m.line("a AUTHENTICATE PLAIN AGFsaWNlAHNlY3JldA=="));
        assertEquals("a AUTHENTICATE PLAIN", m.line("a AUTHENTICATE PLAIN"));
        m.maskNextLine();
        assertEquals("***", m.line("AGFsaWNlAHNlY3JldA=="));
        assertEquals("b NOOP", m.line("b NOOP"));
    }

    @Test
    void pop3CredentialCommands() {
        CredentialMask m = CredentialMask.pop3();
        assertEquals("PASS ***", m.line("PASS my secret"));
        assertEquals("pass ***", m.line("pass\tsecret"));
        assertEquals("APOP alice ***", m.line("APOP alice c4c9334bac560ecc979e58001b3e22fb"));
        assertEquals("AUTH PLAIN ***", m.line("AUTH PLAIN AGFsaWNlAHNlY3JldA=="));
        assertEquals("AUTH LOGIN ***", m.line("AUTH LOGIN YWxpY2U="));
        assertEquals("USER alice", m.line("USER alice"));
        assertEquals(" PASS ***", m.line(" PASS secret"));
    }

    /** Issue 11, finding 3: a 5,000-octet quoted user name overflowed the stack of the old regex. */
    @Test
    void aHugeQuotedUserNameIsScannedLinearly() {
        CredentialMask m = CredentialMask.imap();
        String user = "\"" + "u".repeat(100_000) + "\"";
        assertEquals("a LOGIN " + user + " ***", m.line("a LOGIN " + user + " secret"));
    }
}
