package org.maillab.imap.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.maillab.imap.codec.CommandParser;
import org.maillab.imap.codec.Encoded;
import org.maillab.imap.codec.FramerEvent;
import org.maillab.imap.codec.Response;
import org.maillab.imap.codec.ResponseCode;

class ImapSessionTest {

    private final Fixture fixture = new Fixture();

    private static String text(List<Response> responses) {
        StringBuilder sb = new StringBuilder();
        for (Response r : responses) {
            sb.append(org.maillab.imap.codec.ResponseFormatter.format(r).text());
        }
        return sb.toString();
    }

    private static SessionOutput run(ImapSession s, String line) {
        return s.handle(CommandParser.parse(line));
    }

    @Test
    void loginDisabledBeforeTlsWhenTlsIsRequired_rfc9051_6_2_3() {
        ImapSession s = new ImapSession(fixture.store, SessionConfig.defaults().withTls(true, true));
        assertTrue(s.capabilities().contains("LOGINDISABLED"));
        assertTrue(s.capabilities().contains("STARTTLS"));
        assertFalse(s.capabilities().contains("AUTH=PLAIN"));
        assertEquals("a NO [PRIVACYREQUIRED] LOGIN is disabled before STARTTLS\r\n",
                text(run(s, "a LOGIN fred secret").responses()));
        assertEquals("b NO [PRIVACYREQUIRED] Authentication requires TLS\r\n",
                text(run(s, "b AUTHENTICATE PLAIN AGZyZWQAc2VjcmV0").responses()));
        SessionOutput tls = run(s, "c STARTTLS");
        assertEquals(SessionOutput.Action.START_TLS, tls.action());
        s.tlsStarted();
        assertFalse(s.capabilities().contains("LOGINDISABLED"));
        assertFalse(s.capabilities().contains("STARTTLS"));
        assertTrue(text(run(s, "d LOGIN fred secret").responses()).startsWith("d OK"));
        assertEquals(SessionState.AUTHENTICATED, s.state());
    }

    @Test
    void startTlsIsBadWhenTheServerHasNoCertificate() {
        ImapSession s = fixture.session();
        assertEquals("a BAD STARTTLS not available\r\n", text(run(s, "a STARTTLS").responses()));
    }

    @Test
    void bytesAfterStartTlsAreNotReadAsCommands_rfc9051_11_1() {
        ImapConnection c = fixture.connection(SessionConfig.defaults().withTls(true, false));
        c.greeting();
        ImapConnection.Result r = c.onBytes(ByteBuffer.wrap("a STARTTLS\r\nb LOGIN fred secret\r\n"
                .getBytes(StandardCharsets.US_ASCII)));
        assertEquals(SessionOutput.Action.START_TLS, r.action());
        assertEquals(1, r.output().size());
        assertEquals(SessionState.NOT_AUTHENTICATED, c.session().state());
    }

    @Test
    void tooManyBadCommandsEndTheSession() {
        ImapSession s = new ImapSession(fixture.store, new SessionConfig("x", false, false, 1000, 3));
        run(s, "a FOO");
        run(s, "b FOO");
        SessionOutput third = run(s, "c FOO");
        assertEquals(SessionOutput.Action.CLOSE, third.action());
        assertTrue(text(third.responses()).contains("* BYE"));
    }

    @Test
    void aLiteralTooLargeToSkipEndsTheConnectionWithBye_rfc7888_4() {
        ImapSession s = fixture.session();
        SessionOutput out = s.rejected(new FramerEvent.Rejected(Optional.of("a"),
                FramerEvent.Reason.LITERAL_TOO_LARGE, true));
        assertEquals(SessionOutput.Action.CLOSE, out.action());
        assertEquals("a BAD [TOOBIG] Literal too large\r\n* BYE [TOOBIG] Literal too large\r\n",
                text(out.responses()));
    }

    @Test
    void logoutEndsInLogoutState_rfc9051_6_1_3() {
        ImapSession s = fixture.session();
        SessionOutput out = run(s, "a LOGOUT");
        assertEquals(SessionOutput.Action.CLOSE, out.action());
        assertEquals(SessionState.LOGOUT, s.state());
    }

    @Test
    void everyCommandOutsideItsStatesIsBad_rfc9051_6() {
        ImapSession s = fixture.session();
        for (String line : List.of("a SELECT INBOX", "a FETCH 1 FLAGS", "a CLOSE", "a EXPUNGE", "a IDLE",
                "a UID EXPUNGE 1", "a CREATE x", "a LIST \"\" *", "a STATUS INBOX (MESSAGES)", "a ENABLE X")) {
            Response r = run(s, line).responses().get(0);
            assertEquals(Response.Status.BAD, ((Response.Tagged) r).status(), line);
        }
    }

    @Test
    void transitionsOnlyFollowTheTable() {
        assertEquals(SessionState.AUTHENTICATED, Transition.AUTHENTICATED.apply(SessionState.NOT_AUTHENTICATED));
        org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class,
                () -> Transition.SELECTED.apply(SessionState.NOT_AUTHENTICATED));
        org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class,
                () -> Transition.DESELECTED.apply(SessionState.AUTHENTICATED));
    }

    @Test
    void onlyAnAuthenticateContinuationAwaitsASaslResponse_rfc9051_6_2_2() {
        ImapSession s = fixture.session();
        assertFalse(s.awaitingSaslResponse());
        assertEquals("+ \r\n", text(run(s, "a AUTHENTICATE PLAIN").responses()));
        assertTrue(s.awaitingSaslResponse(), "the next line is the base64 response: transcripts mask it");
        assertTrue(text(s.handleRawLine("AGZyZWQAc2VjcmV0".getBytes(StandardCharsets.US_ASCII)).responses())
                .startsWith("a OK"));
        assertFalse(s.awaitingSaslResponse());
        run(s, "b SELECT INBOX");
        assertEquals("+ idling\r\n", text(run(s, "c IDLE").responses()));
        assertTrue(s.awaitingRawLine());
        assertFalse(s.awaitingSaslResponse(), "IDLE's DONE is no secret");
    }

    @Test
    void idleClientsAreToldAtOnceThroughTheNotifier_rfc2177() {
        ImapSession one = fixture.session();
        ImapSession two = fixture.session();
        run(one, "a LOGIN fred secret");
        run(two, "a LOGIN fred secret");
        run(one, "b SELECT INBOX");
        run(two, "b SELECT INBOX");
        AtomicInteger told = new AtomicInteger();
        one.setUpdateNotifier(told::incrementAndGet);
        assertEquals("+ idling\r\n", text(run(one, "c IDLE").responses()));
        run(two, "c STORE 2 +FLAGS (\\Answered)");
        assertTrue(told.get() >= 1);
        assertEquals("* 2 FETCH (FLAGS (\\Seen \\Answered \\Recent))\r\n", text(one.pendingUpdates()));
        assertEquals("c OK IDLE terminated\r\n", text(one.handleRawLine("DONE".getBytes(StandardCharsets.US_ASCII))
                .responses()));
    }

    @Test
    void appendedMessageKeepsItsOctetsExactly() {
        ImapConnection c = fixture.connection(SessionConfig.defaults());
        c.greeting();
        feed(c, "a LOGIN fred secret\r\n");
        ImapConnection.Result r = feed(c, "b APPEND INBOX {10+}\r\nab\r\ncd\r\nef\r\n");
        assertTrue(text(r).contains("[APPENDUID"), text(r));
        feed(c, "c SELECT INBOX\r\n");
        assertEquals("* 4 FETCH (BODY[] {10}\r\nab\r\ncd\r\nef)\r\nd OK FETCH completed\r\n",
                text(feed(c, "d FETCH 4 BODY.PEEK[]\r\n")));
    }

    @Test
    void storeErrorsBecomeRfc5530Codes() {
        assertEquals(Optional.of(ResponseCode.OVERQUOTA),
                ImapSession.code(org.maillab.mailstore.MailStoreException.Reason.OVER_QUOTA));
        assertEquals(Optional.of(ResponseCode.NONEXISTENT),
                ImapSession.code(org.maillab.mailstore.MailStoreException.Reason.NONEXISTENT));
    }

    @Test
    void appendOverQuotaIsRefusedWithOverquota_rfc5530() {
        fixture.fred.setQuota(java.util.OptionalLong.of(400), java.util.OptionalLong.empty());
        ImapConnection c = fixture.connection(SessionConfig.defaults());
        c.greeting();
        feed(c, "a LOGIN fred secret\r\n");
        String out = text(feed(c, "b APPEND INBOX {100+}\r\n" + "x".repeat(100) + "\r\n"));
        assertTrue(out.startsWith("b NO [OVERQUOTA]"), out);
    }

    @Test
    void mailDeletedByPop3IsGoneInImapAndViceVersa() {
        ImapSession s = fixture.session();
        run(s, "a LOGIN fred secret");
        run(s, "b SELECT INBOX");
        try (var maildrop = fixture.fred.openMaildrop()) { // what a POP3 session holds (RFC 1939 §8)
            assertEquals(List.of(1L), maildrop.commit(List.of(1L))); // DELE 1, QUIT
        }
        assertEquals("* 1 EXPUNGE\r\nc OK NOOP completed\r\n", text(run(s, "c NOOP").responses()));
        run(s, "d STORE 1 +FLAGS.SILENT (\\Deleted)");
        run(s, "e EXPUNGE");
        try (var maildrop = fixture.fred.openMaildrop()) {
            assertEquals(List.of(3L), maildrop.messages().stream().map(m -> m.uid()).toList());
        }
    }

    private static ImapConnection.Result feed(ImapConnection c, String s) {
        return c.onBytes(ByteBuffer.wrap(s.getBytes(StandardCharsets.UTF_8)));
    }

    private static String text(ImapConnection.Result r) {
        StringBuilder sb = new StringBuilder();
        for (Encoded e : r.output()) {
            sb.append(e.text());
        }
        return sb.toString();
    }
}
