package org.maillab.labkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.maillab.imap.server.ImapServer;
import org.maillab.imap.server.ImapServerConfig;
import org.maillab.mailstore.Account;
import org.maillab.mailstore.memory.InMemoryStore;
import org.maillab.pop3.server.Pop3Server;
import org.maillab.pop3.server.Pop3ServerConfig;

/** conform against MailLab's own POP3 server, with test mail put in through MailLab's IMAP server. */
class MailLabConformTest {

    InMemoryStore store;
    Account alice;
    Pop3Server pop3;
    ImapServer imap;
    Pop3Conformance.Target target;

    @BeforeEach
    void start() throws Exception {
        store = new InMemoryStore();
        alice = store.createAccount("alice", "wonderland", true);
        pop3 = Pop3Server.start(store, Pop3ServerConfig.defaults(), new InetSocketAddress("127.0.0.1", 0), null);
        imap = ImapServer.start(store, ImapServerConfig.defaults().withPorts(0, -1));
        target = new Pop3Conformance.Target("127.0.0.1", pop3.port(), "alice", "wonderland");
    }

    @AfterEach
    void stop() throws Exception {
        imap.close();
        pop3.close();
        store.close();
    }

    @Test
    void everyCheckPassesWithDeliveryAndTheTestMailIsGoneAfterwards() throws Exception {
        List<String> notes = new ArrayList<>();
        List<CheckResult> results = new Pop3Conformance(target,
                Optional.of(new ImapDelivery("127.0.0.1", imap.port().orElseThrow(), "alice", "wonderland")),
                notes::add, "t1").run();

        List<CheckResult> notPassed = results.stream().filter(r -> r.outcome() != Outcome.PASS).toList();
        assertEquals(List.of(), notPassed);
        assertEquals(26, results.size());
        assertEquals(0, alice.status("INBOX").messages(), "conform removes its test mail");
        assertTrue(notes.get(0).startsWith("adding 3 test messages to INBOX"), notes.toString());
        assertTrue(notes.get(notes.size() - 1).startsWith("removed the 3 test messages"), notes.toString());
    }

    @Test
    void withoutDeliveryTheMailChecksAreSkippedAndSayWhy() {
        List<CheckResult> results = new Pop3Conformance(target, Optional.empty(), n -> { }, "t2").run();

        List<String> skipped = results.stream().filter(r -> r.outcome() == Outcome.SKIP).map(CheckResult::id)
                .collect(Collectors.toList());
        assertEquals(12, skipped.size(), skipped.toString());
        assertTrue(results.stream().noneMatch(r -> r.title().isEmpty()), "a skipped check still says what it checks");
        assertTrue(skipped.contains("retr.dot-stuffing") && skipped.contains("update.quit-commits"), skipped.toString());
        assertTrue(results.stream().filter(r -> r.outcome() == Outcome.SKIP)
                .allMatch(r -> r.detail().startsWith("no --deliver")), results.toString());
        assertFalse(new ConformReport("pop3://x", results).mustFailed());
    }

    @Test
    void aDeliveryThatFailsFailsTheRunInsteadOfSkippingQuietly() {
        Delivery broken = message -> {
            throw new java.io.IOException("IMAP APPEND refused");
        };
        List<CheckResult> results = new Pop3Conformance(target, Optional.of(broken), n -> { }, "t4").run();

        CheckResult setup = results.stream().filter(r -> r.id().equals("setup.test-mail")).findFirst().orElseThrow();
        assertEquals(Outcome.FAIL, setup.outcome());
        assertEquals("the test mail could not be added or found: IMAP APPEND refused", setup.detail());
        assertEquals(Outcome.SKIP, results.stream().filter(r -> r.id().equals("retr.dot-stuffing")).findFirst()
                .orElseThrow().outcome());
        assertTrue(new ConformReport("pop3://x", results).mustFailed());
    }

    @Test
    void aWrongPasswordFailsTheLoginCheckAndTheRunAsAWhole() {
        Pop3Conformance.Target wrong = new Pop3Conformance.Target("127.0.0.1", pop3.port(), "alice", "nope");
        List<CheckResult> results = new Pop3Conformance(wrong, Optional.empty(), n -> { }, "t3").run();

        CheckResult login = results.stream().filter(r -> r.id().equals("auth.user-pass")).findFirst().orElseThrow();
        assertEquals(Outcome.FAIL, login.outcome());
        assertTrue(new ConformReport("pop3://x", results).mustFailed());
    }
}
