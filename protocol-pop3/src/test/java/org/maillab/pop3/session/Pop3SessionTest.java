package org.maillab.pop3.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.maillab.pop3.testing.FakeStore;

/** One test per rule of RFC 1939 (and 2449, 2595, 5034, 1225), without sockets. */
class Pop3SessionTest {

    static final String M1 = "From: a@example.org\r\nSubject: one\r\n\r\nHello\r\n.dot line\r\n";
    static final String M2 = "From: b@example.org\r\nSubject: two\r\n\r\nline 1\r\nline 2\r\nline 3\r\n";
    static final String M3 = "Subject: three\r\n\r\nbye\r\n";

    FakeStore store;
    FakeStore.FakeAccount alice;
    SessionHarness s;

    @BeforeEach
    void setUp() {
        store = new FakeStore();
        alice = store.add("alice", "wonderland");
        alice.deliver(M1);
        alice.deliver(M2);
        alice.deliver(M3);
        store.add("bob", "builder");
        s = new SessionHarness(store, SessionSettings.DEFAULTS);
    }

    void login() {
        s.send("USER alice");
        assertTrue(s.send("PASS wonderland").startsWith("+OK"));
    }

    static String plain(String authzid, String user, String password) {
        return Base64.getEncoder().encodeToString((authzid + "\0" + user + "\0" + password)
                .getBytes(StandardCharsets.UTF_8));
    }

    @Nested
    class Authorization {

        @Test
        void greetingIsPositiveAndCarriesTheApopTimestamp_rfc1939s4() {
            assertEquals("+OK MailLab POP3 server ready " + SessionHarness.TIMESTAMP + "\r\n", s.greeting());
            assertEquals(Pop3State.AUTHORIZATION, s.session.state());
        }

        @Test
        void userThenPassEntersTransactionAndLocksTheMaildrop_rfc1939s7() {
            assertEquals("+OK send PASS for alice\r\n", s.send("USER alice"));
            assertEquals("+OK maildrop has 3 messages (" + (M1.length() + M2.length() + M3.length())
                    + " octets)\r\n", s.send("PASS wonderland"));
            assertEquals(Pop3State.TRANSACTION, s.session.state());
            assertEquals(List.of(new Transition(Pop3State.AUTHORIZATION, Pop3Event.LOGIN, Pop3State.TRANSACTION)),
                    s.last.transitions());
            assertTrue(alice.locked());
        }

        @Test
        void keywordsAreCaseInsensitive_rfc1939s3() {
            s.send("user alice");
            assertTrue(s.send("pAsS wonderland").startsWith("+OK"));
        }

        @Test
        void passWithoutUserIsRefused_rfc1939s7() {
            assertEquals("-ERR send USER first\r\n", s.send("PASS wonderland"));
            assertEquals(Pop3State.AUTHORIZATION, s.session.state());
        }

        @Test
        void passMustImmediatelyFollowUser_rfc1939s7() {
            s.send("USER alice");
            s.send("CAPA");
            assertEquals("-ERR send USER first\r\n", s.send("PASS wonderland"));
        }

        @Test
        void wrongPasswordIsAnAuthFailureAndStaysInAuthorization_rfc2449s8() {
            s.send("USER alice");
            assertEquals("-ERR [AUTH] invalid user name or password\r\n", s.send("PASS nope"));
            assertEquals(Pop3State.AUTHORIZATION, s.session.state());
            assertFalse(alice.locked());
            // After -ERR the client may start again with USER (RFC 1939 §7).
            s.send("USER alice");
            assertTrue(s.send("PASS wonderland").startsWith("+OK"));
        }

        @Test
        void unknownUserGetsTheSameAnswerAsAWrongPassword() {
            assertEquals("+OK send PASS for nobody\r\n", s.send("USER nobody"));
            assertEquals("-ERR [AUTH] invalid user name or password\r\n", s.send("PASS x"));
        }

        @Test
        void passwordsMayContainSpaces_rfc1939s7() {
            store.add("carol", "two words");
            s.send("USER carol");
            assertTrue(s.send("PASS two words").startsWith("+OK"));
        }

        @Test
        void tooManyFailuresEndTheSession_rfc1939s13() {
            for (int i = 0; i < 2; i++) {
                s.send("USER alice");
                s.send("PASS wrong");
                assertEquals(Reply.After.CONTINUE, s.last.after());
            }
            s.send("USER alice");
            s.send("PASS wrong");
            assertEquals(Reply.After.CLOSE, s.last.after());
            assertEquals(Pop3State.CLOSED, s.session.state());
        }

        @Test
        void apopWithTheRightDigestLogsIn_rfc1939s7() {
            String digest = FakeStore.md5Hex(SessionHarness.TIMESTAMP + "wonderland");
            assertTrue(s.send("APOP alice " + digest).startsWith("+OK maildrop has 3 messages"));
            assertEquals(Pop3State.TRANSACTION, s.session.state());
        }

        @Test
        void apopDigestIsComparedCaseInsensitively() {
            String digest = FakeStore.md5Hex(SessionHarness.TIMESTAMP + "wonderland").toUpperCase();
            assertTrue(s.send("APOP alice " + digest).startsWith("+OK"));
        }

        @Test
        void apopWithAWrongDigestFails_rfc1939s7() {
            String digest = FakeStore.md5Hex("<other@host>" + "wonderland");
            assertEquals("-ERR [AUTH] invalid user name or password\r\n", s.send("APOP alice " + digest));
        }

        @Test
        void aSecondSessionGetsInUse_rfc1939s8_rfc2449s8_1_1() {
            login();
            SessionHarness other = new SessionHarness(store, SessionSettings.DEFAULTS);
            other.send("USER alice");
            assertEquals("-ERR [IN-USE] maildrop already locked by another session\r\n", other.send("PASS wonderland"));
            assertEquals(Pop3State.AUTHORIZATION, other.session.state());
        }

        @Test
        void quitInAuthorizationClosesWithoutUpdate_rfc1939s4() {
            assertEquals("+OK MailLab POP3 server signing off\r\n", s.send("QUIT"));
            assertEquals(Reply.After.CLOSE, s.last.after());
            assertEquals(List.of(new Transition(Pop3State.AUTHORIZATION, Pop3Event.QUIT, Pop3State.CLOSED)),
                    s.last.transitions());
        }

        @Test
        void transactionCommandsAreRefusedBeforeLogin_rfc1939s3() {
            for (String command : List.of("STAT", "LIST", "RETR 1", "DELE 1", "NOOP", "RSET", "TOP 1 1", "UIDL")) {
                assertTrue(s.send(command).startsWith("-ERR "), command);
                assertEquals(Pop3State.AUTHORIZATION, s.session.state());
            }
        }

        @Test
        void unknownAndMalformedCommandsGetErrAndTheSessionGoesOn_rfc1939s3() {
            assertEquals("-ERR unknown command\r\n", s.send("XYZZY"));
            assertEquals("-ERR USER takes one argument, the mailbox name\r\n", s.send("USER"));
            assertEquals("-ERR empty command\r\n", s.send(""));
            login();
        }
    }

    @Nested
    class Sasl {

        @Test
        void authPlainWithInitialResponse_rfc5034s4() {
            assertTrue(s.send("AUTH PLAIN " + plain("", "alice", "wonderland")).startsWith("+OK maildrop has 3"));
            assertEquals(Pop3State.TRANSACTION, s.session.state());
        }

        @Test
        void authPlainWithoutInitialResponseGetsAnEmptyChallenge_rfc5034s4() {
            assertEquals("+ \r\n", s.send("AUTH PLAIN"));
            assertTrue(s.session.awaitingSaslResponse());
            assertTrue(s.send(plain("alice", "alice", "wonderland")).startsWith("+OK"));
        }

        @Test
        void starCancelsTheExchange_rfc5034s4() {
            s.send("AUTH PLAIN");
            assertEquals("-ERR AUTH cancelled\r\n", s.send("*"));
            assertFalse(s.session.awaitingSaslResponse());
            assertEquals(Pop3State.AUTHORIZATION, s.session.state());
        }

        @Test
        void responseThatIsNotBase64IsRejected_rfc5034s4() {
            assertEquals("-ERR [AUTH] the response is not valid base64\r\n", s.send("AUTH PLAIN !!!"));
        }

        @Test
        void emptyInitialResponseIsWrittenAsEquals_rfc5034s4() {
            assertEquals("-ERR [AUTH] invalid user name or password\r\n", s.send("AUTH PLAIN ="));
        }

        @Test
        void authorizationIdentityOfAnotherUserIsRefused_rfc4616s2() {
            assertEquals("-ERR [AUTH] invalid user name or password\r\n",
                    s.send("AUTH PLAIN " + plain("bob", "alice", "wonderland")));
        }

        @Test
        void unknownMechanismIsRefused_rfc5034s4() {
            assertEquals("-ERR unsupported authentication mechanism\r\n", s.send("AUTH CRAM-MD5"));
        }

        @Test
        void anOverlongResponseEndsTheExchange_rfc2449s4() {
            s.send("AUTH PLAIN");
            assertEquals("-ERR line too long\r\n", SessionHarness.wire(s.session.lineTooLong().response()));
            assertFalse(s.session.awaitingSaslResponse());
            assertEquals("-ERR a command starts with a keyword\r\n", s.send("AGFsaWNlAHdvbmRlcmxhbmQ="));
        }

        @Test
        void authWithoutMechanismListsPlain() {
            assertEquals("+OK SASL mechanisms follow\r\nPLAIN\r\n.\r\n", s.send("AUTH"));
        }
    }

    @Nested
    class CapabilitiesAndTls {

        @Test
        void capaListsEveryCapability_rfc2449s5() {
            assertEquals("+OK capability list follows\r\nTOP\r\nUSER\r\nUIDL\r\nSASL PLAIN\r\nRESP-CODES\r\n"
                    + "AUTH-RESP-CODE\r\nPIPELINING\r\nEXPIRE NEVER\r\nLOGIN-DELAY 0\r\nIMPLEMENTATION MailLab\r\n.\r\n",
                    s.send("CAPA"));
        }

        @Test
        void capaOffersStlsOnlyBeforeTlsAndOnlyInAuthorization_rfc2595s4() {
            SessionHarness tls = new SessionHarness(store, SessionSettings.DEFAULTS.withTlsAvailable(true));
            assertTrue(tls.send("CAPA").contains("\r\nSTLS\r\n"));
            assertEquals("+OK begin TLS negotiation\r\n", tls.send("STLS"));
            assertEquals(Reply.After.START_TLS, tls.last.after());
            tls.session.tlsStarted();
            assertFalse(tls.send("CAPA").contains("STLS"));
            assertEquals("-ERR TLS is already active\r\n", tls.send("STLS"));
        }

        @Test
        void stlsIsRefusedWithoutTlsConfigured() {
            assertEquals("-ERR STLS is not available on this server\r\n", s.send("STLS"));
        }

        @Test
        void stlsIsNotValidInTransaction_rfc2595s4() {
            SessionHarness tls = new SessionHarness(store, SessionSettings.DEFAULTS.withTlsAvailable(true));
            tls.send("USER alice");
            tls.send("PASS wonderland");
            assertEquals("-ERR STLS is not valid in the TRANSACTION state\r\n", tls.send("STLS"));
        }

        @Test
        void stlsForgetsAPendingUser_rfc2595s4() {
            SessionHarness tls = new SessionHarness(store, SessionSettings.DEFAULTS.withTlsAvailable(true));
            tls.send("USER alice");
            tls.send("STLS");
            tls.session.tlsStarted();
            assertEquals("-ERR send USER first\r\n", tls.send("PASS wonderland"));
        }

        @Test
        void requireTlsRefusesPlaintextLoginUntilTls_rfc2595s2() {
            SessionSettings settings = SessionSettings.DEFAULTS.withTlsAvailable(true).withRequireTls(true);
            SessionHarness tls = new SessionHarness(store, settings);
            String capa = tls.send("CAPA");
            assertFalse(capa.contains("USER"));
            assertFalse(capa.contains("SASL"));
            assertEquals("-ERR [AUTH] plaintext login needs TLS first: send STLS\r\n", tls.send("USER alice"));
            assertEquals("-ERR [AUTH] PLAIN needs TLS first: send STLS\r\n",
                    tls.send("AUTH PLAIN " + plain("", "alice", "wonderland")));
            tls.send("STLS");
            tls.session.tlsStarted();
            assertTrue(tls.send("CAPA").contains("\r\nUSER\r\n"));
            tls.send("USER alice");
            assertTrue(tls.send("PASS wonderland").startsWith("+OK"));
        }

        @Test
        void implicitTlsSessionsNeverOfferStls() {
            SessionHarness tls = new SessionHarness(store,
                    SessionSettings.DEFAULTS.withTlsAvailable(true).withRequireTls(true), true);
            assertFalse(tls.send("CAPA").contains("STLS"));
            assertTrue(tls.send("USER alice").startsWith("+OK"));
        }
    }

    @Nested
    class Transaction {

        @BeforeEach
        void loggedIn() {
            login();
        }

        @Test
        void statCountsMessagesAndCrlfOctets_rfc1939s5() {
            assertEquals("+OK 3 " + (M1.length() + M2.length() + M3.length()) + "\r\n", s.send("STAT"));
        }

        @Test
        void listScansEveryMessage_rfc1939s5() {
            assertEquals("+OK 3 messages (" + (M1.length() + M2.length() + M3.length()) + " octets)\r\n"
                    + "1 " + M1.length() + "\r\n2 " + M2.length() + "\r\n3 " + M3.length() + "\r\n.\r\n",
                    s.send("LIST"));
            assertEquals("+OK 2 " + M2.length() + "\r\n", s.send("LIST 2"));
        }

        @Test
        void aMessageNumberOutsideTheMaildropIsAnError_rfc1939s5() {
            assertEquals("-ERR no such message, only 3 in the maildrop\r\n", s.send("LIST 4"));
            assertEquals("-ERR no such message, only 3 in the maildrop\r\n", s.send("RETR 0"));
            assertEquals(Pop3State.TRANSACTION, s.session.state());
        }

        @Test
        void retrSendsTheMessageDotStuffed_rfc1939s5() {
            assertEquals("+OK " + M1.length() + " octets\r\n"
                    + "From: a@example.org\r\nSubject: one\r\n\r\nHello\r\n..dot line\r\n.\r\n", s.send("RETR 1"));
        }

        @Test
        void deleMarksAndHidesTheMessage_rfc1939s5() {
            assertEquals("+OK message 1 deleted\r\n", s.send("DELE 1"));
            assertEquals("+OK 2 " + (M2.length() + M3.length()) + "\r\n", s.send("STAT"));
            assertEquals("-ERR message 1 already deleted\r\n", s.send("RETR 1"));
            assertEquals("-ERR message 1 already deleted\r\n", s.send("DELE 1"));
            assertEquals("-ERR message 1 already deleted\r\n", s.send("LIST 1"));
            assertFalse(s.send("LIST").contains("\r\n1 "));
            // Numbers do not shift: message 2 is still message 2 (RFC 1939 §5).
            assertEquals("+OK 2 " + M2.length() + "\r\n", s.send("LIST 2"));
            assertEquals(3, alice.uids().size(), "nothing is removed before UPDATE");
        }

        @Test
        void rsetUnmarksEveryMessage_rfc1939s5() {
            s.send("DELE 1");
            s.send("DELE 3");
            assertEquals("+OK maildrop has 3 messages (" + (M1.length() + M2.length() + M3.length())
                    + " octets)\r\n", s.send("RSET"));
            s.send("QUIT");
            assertEquals(3, alice.uids().size());
        }

        @Test
        void quitEntersUpdateWhichRemovesMarkedMessagesAndReleasesTheLock_rfc1939s6() {
            List<Long> uids = alice.uids();
            s.send("DELE 2");
            assertEquals("+OK MailLab POP3 server signing off (2 messages left)\r\n", s.send("QUIT"));
            assertEquals(List.of(
                    new Transition(Pop3State.TRANSACTION, Pop3Event.QUIT, Pop3State.UPDATE),
                    new Transition(Pop3State.UPDATE, Pop3Event.UPDATE_DONE, Pop3State.CLOSED)),
                    s.last.transitions());
            assertEquals(Reply.After.CLOSE, s.last.after());
            assertEquals(List.of(uids.get(0), uids.get(2)), alice.uids());
            assertFalse(alice.locked());
        }

        @Test
        void aLostConnectionDeletesNothingAndReleasesTheLock_rfc1939s6() {
            s.send("DELE 1");
            s.send("DELE 2");
            assertEquals(List.of(new Transition(Pop3State.TRANSACTION, Pop3Event.CONNECTION_LOST, Pop3State.CLOSED)),
                    s.session.connectionLost());
            assertEquals(3, alice.uids().size());
            assertFalse(alice.locked());
            assertEquals(0, alice.commits);
            assertEquals(List.of(), s.session.connectionLost(), "losing a closed session twice is harmless");
        }

        @Test
        void noopAnswersOk_rfc1939s5() {
            assertEquals("+OK\r\n", s.send("NOOP"));
        }

        @Test
        void topSendsHeaderBlankLineAndNBodyLines_rfc1939s7() {
            assertEquals("+OK top of message follows\r\nFrom: b@example.org\r\nSubject: two\r\n\r\n"
                    + "line 1\r\nline 2\r\n.\r\n", s.send("TOP 2 2"));
            assertEquals("+OK top of message follows\r\nFrom: b@example.org\r\nSubject: two\r\n\r\n.\r\n",
                    s.send("TOP 2 0"));
            assertEquals("+OK top of message follows\r\n" + M2 + ".\r\n", s.send("TOP 2 100"));
        }

        @Test
        void uidlGivesStableIdsFromUidValidityAndUid_rfc1939s7() {
            List<Long> uids = alice.uids();
            String listing = s.send("UIDL");
            assertEquals("+OK unique-id listing follows\r\n"
                    + "1 " + FakeStore.UID_VALIDITY + "." + uids.get(0) + "\r\n"
                    + "2 " + FakeStore.UID_VALIDITY + "." + uids.get(1) + "\r\n"
                    + "3 " + FakeStore.UID_VALIDITY + "." + uids.get(2) + "\r\n.\r\n", listing);
            assertEquals("+OK 2 " + FakeStore.UID_VALIDITY + "." + uids.get(1) + "\r\n", s.send("UIDL 2"));
            s.send("DELE 1");
            s.send("QUIT");
            // In the next session message 2 has become message 1, with the same unique-id.
            SessionHarness next = new SessionHarness(store, SessionSettings.DEFAULTS);
            next.send("USER alice");
            next.send("PASS wonderland");
            assertEquals("+OK 1 " + FakeStore.UID_VALIDITY + "." + uids.get(1) + "\r\n", next.send("UIDL 1"));
        }

        @Test
        void messageNumbersAreFixedForTheSession_rfc1939s8() {
            alice.deliver("Subject: late\r\n\r\nnew mail\r\n");
            assertEquals("+OK 3 " + (M1.length() + M2.length() + M3.length()) + "\r\n", s.send("STAT"));
            assertTrue(s.send("RETR 4").startsWith("-ERR no such message"));
        }

        @Test
        void aMessageExpungedElsewhereCannotBeRetrieved() {
            alice.expungeBehindTheBack(alice.uids().get(0));
            assertEquals("-ERR message 1 was removed by another session\r\n", s.send("RETR 1"));
            assertEquals(Pop3State.TRANSACTION, s.session.state());
        }

        @Test
        void authorizationCommandsAreRefusedInTransaction_rfc1939s3() {
            assertEquals("-ERR USER is not valid in the TRANSACTION state\r\n", s.send("USER bob"));
            assertEquals("-ERR AUTH is not valid in the TRANSACTION state\r\n", s.send("AUTH PLAIN"));
        }

        @Test
        void capaInTransactionHasNoStls_rfc2449s5() {
            assertTrue(s.send("CAPA").contains("PIPELINING"));
        }

        @Test
        void lastIsUnknownUnlessEnabled_rfc1725() {
            assertEquals("-ERR unknown command\r\n", s.send("LAST"));
        }
    }

    @Nested
    class LastCompatibility {

        @Test
        void lastReportsTheHighestMessageRetrievedAndRsetResetsIt_rfc1225() {
            SessionHarness h = new SessionHarness(store, SessionSettings.DEFAULTS.withLastCommand(true));
            h.send("USER alice");
            h.send("PASS wonderland");
            assertEquals("+OK 0\r\n", h.send("LAST"));
            h.send("RETR 2");
            h.send("RETR 1");
            assertEquals("+OK 2\r\n", h.send("LAST"));
            h.send("RSET");
            assertEquals("+OK 0\r\n", h.send("LAST"));
        }
    }
}
