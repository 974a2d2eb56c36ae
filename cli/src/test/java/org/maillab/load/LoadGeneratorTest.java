package org.maillab.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.maillab.imap.server.ImapServer;
import org.maillab.imap.server.ImapServerConfig;
import org.maillab.mailstore.MailStore;
import org.maillab.mailstore.memory.InMemoryStore;

/** The load generator against MailLab's IMAP server in this JVM (loopback, port chosen by the system). */
class LoadGeneratorTest {

    static final List<Account> ACCOUNTS = List.of(new Account("alice", "pw"), new Account("bob", "pw"));

    ImapServer server;
    LoadTarget target;

    @BeforeEach
    void startServer() throws Exception {
        server = startFresh();
        target = new LoadTarget("127.0.0.1", server.port().orElseThrow());
    }

    @AfterEach
    void stopServer() {
        server.close();
    }

    static ImapServer startFresh() throws Exception {
        MailStore store = new InMemoryStore();
        for (Account a : ACCOUNTS) {
            store.createAccount(a.user(), a.password(), false);
        }
        return ImapServer.start(store, ImapServerConfig.defaults().withPorts(0, -1));
    }

    static LoadConfig config(LoadTarget target, List<Account> accounts, int clients, long commands, long seed) {
        return new LoadConfig(target, accounts, clients, Duration.ofMinutes(2), commands, seed, 15);
    }

    static long sumOfTypes(LoadReport report) {
        return report.perType().values().stream().mapToLong(TypeStats::count).sum();
    }

    @Test
    void aCommandBudgetIsSpentExactlyAndEveryCommandGetsItsTaggedCompletion() throws Exception {
        LoadReport report = LoadGenerator.run(config(target, ACCOUNTS, 4, 500, 7));

        assertEquals(0, report.errors(), report.firstErrors().toString());
        assertEquals(500, report.overall().count(), report.format());
        assertEquals(500, report.sent());
        assertEquals(report.sent(), report.tagged(), "RFC 9051 §2.2.2: every command ends with its tagged response");
        assertEquals(500, sumOfTypes(report));
        for (Map.Entry<CommandType, TypeStats> e : report.perType().entrySet()) {
            TypeStats t = e.getValue();
            assertEquals(t.count(), t.ok() + t.no() + t.bad(), e.getKey().name());
            assertTrue(t.p50().compareTo(t.p90()) <= 0 && t.p90().compareTo(t.p99()) <= 0
                    && t.p99().compareTo(t.max()) <= 0, e.getKey() + " percentiles are ordered");
        }
        assertEquals(0, report.overall().bad(), "the generator sends only valid commands: " + report.format());
        for (CommandType type : CommandType.values()) {
            assertTrue(report.perType().containsKey(type), type + " missing from the mix: " + report.format());
        }
        long logins = report.perType().get(CommandType.LOGIN).count();
        long logouts = report.perType().get(CommandType.LOGOUT).count();
        assertEquals(logins, report.perType().get(CommandType.LOGIN).ok(), "every login accepted");
        // every session logs out; at most one lone LOGOUT per client spends a last single ticket
        assertTrue(logouts >= logins && logouts <= logins + 4, logins + " logins, " + logouts + " logouts");
    }

    @Test
    void withoutABudgetTheDurationEndsTheRunAndEverySessionLogsOut() throws Exception {
        LoadReport report = LoadGenerator.run(new LoadConfig(target, ACCOUNTS, 2, Duration.ofMillis(300), 0, 1, 0));

        assertEquals(0, report.errors(), report.firstErrors().toString());
        assertEquals(report.sent(), report.tagged());
        assertEquals(report.overall().count(), sumOfTypes(report));
        assertTrue(report.perType().get(CommandType.LOGIN).count() >= 2, "each client's first session always runs: "
                + report.format());
        assertEquals(report.perType().get(CommandType.LOGIN).count(), report.perType().get(CommandType.LOGOUT).count());
    }

    @Test
    void oneClientWithTheSameSeedSendsTheSameCommandsAgainstAFreshServer() throws Exception {
        Map<CommandType, Long> first = counts(LoadGenerator.run(config(target, ACCOUNTS.subList(0, 1), 1, 300, 3)));
        try (ImapServer fresh = startFresh()) {
            LoadTarget other = new LoadTarget("127.0.0.1", fresh.port().orElseThrow());
            assertEquals(first, counts(LoadGenerator.run(config(other, ACCOUNTS.subList(0, 1), 1, 300, 3))));
        }
    }

    static Map<CommandType, Long> counts(LoadReport report) {
        Map<CommandType, Long> counts = new EnumMap<>(CommandType.class);
        report.perType().forEach((type, stats) -> counts.put(type, stats.count()));
        return counts;
    }

    @Test
    void aRefusedLoginIsCountedAsNoAndAnErrorAndStopsThatClient() throws Exception {
        LoadReport report = LoadGenerator.run(new LoadConfig(target, List.of(new Account("alice", "wrong")), 1,
                Duration.ofMinutes(1), 10, 1, 0));

        assertEquals(1, report.errors());
        assertEquals(1, report.perType().get(CommandType.LOGIN).no());
        assertTrue(report.refusals().get(CommandType.LOGIN).contains("NO"), report.refusals().toString());
        assertTrue(report.format().contains("first refused LOGIN: "), report.format());
        assertEquals(1, report.perType().get(CommandType.LOGOUT).ok());
        assertEquals(2, report.overall().count());
        assertEquals(report.sent(), report.tagged());
    }

    @Test
    void fillAppendsUntilEveryInboxHoldsEnoughMessages() throws Exception {
        LoadGenerator.fill(new LoadConfig(target, ACCOUNTS, 1, Duration.ofSeconds(10), 0, 5, 12));
        try (WireClient c = WireClient.connect(target)) {
            c.execute(Op.of(CommandType.LOGIN, LoadGenerator.login(ACCOUNTS.get(1))));
            assertEquals(WireClient.Status.OK, c.execute(Op.of(CommandType.SELECT, "SELECT INBOX")));
            assertEquals(12, c.exists());
            // The literal of a whole body is skipped and the completion still found.
            assertEquals(WireClient.Status.OK, c.execute(Op.of(CommandType.FETCH_BODY, "FETCH 1:12 BODY.PEEK[]")));
            assertEquals(3, c.tagged());
        }
    }

    @Test
    void aServerThatIsNotListeningIsAnErrorNotAHang() throws Exception {
        int port = server.port().orElseThrow();
        server.close();
        LoadReport report = LoadGenerator.run(new LoadConfig(new LoadTarget("127.0.0.1", port), ACCOUNTS, 2,
                Duration.ofSeconds(30), 100, 1, 0));
        assertEquals(2, report.errors(), "one failure per client, which then stops");
        assertEquals(0, report.overall().count());
    }
}
