package org.maillab.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import org.junit.platform.launcher.listeners.TestExecutionSummary;
import org.maillab.pop3.client.Pop3Client;

/**
 * The extension as JUnit runs it: each fixture class below is run by a JUnit launcher of its own, and
 * what its tests saw is recorded in static fields. (The fixtures' names end in {@code Fixture}, not {@code Test}, so
 * the build does not run them directly.)
 */
class MailLabExtensionTest {

    static final List<MailLab> LABS = new ArrayList<>();
    static final List<Integer> INBOX_SIZES = new ArrayList<>();
    static final ByteArrayOutputStream TRANSCRIPTS = new ByteArrayOutputStream();
    static final PrintStream TRANSCRIPT_OUT = new PrintStream(TRANSCRIPTS, true, StandardCharsets.UTF_8);

    static TestExecutionSummary run(Class<?> fixture) {
        LABS.clear();
        INBOX_SIZES.clear();
        TRANSCRIPTS.reset();
        Launcher launcher = LauncherFactory.create();
        SummaryGeneratingListener summary = new SummaryGeneratingListener();
        launcher.execute(LauncherDiscoveryRequestBuilder.request().selectors(selectClass(fixture)).build(), summary);
        return summary.getSummary();
    }

    @TestMethodOrder(MethodOrderer.OrderAnnotation.class)
    static class PerClassFixture {
        @RegisterExtension
        static MailLabExtension mail = MailLabExtension.withAccounts("alice").printTranscriptsTo(TRANSCRIPT_OUT);

        @Test
        @Order(1)
        void first() {
            LABS.add(mail.lab());
            INBOX_SIZES.add(mail.messages("alice").size());
            mail.deliver("alice", "Subject: from the first test\r\n\r\nx\r\n");
        }

        @Test
        @Order(2)
        void second() {
            LABS.add(mail.lab());
            INBOX_SIZES.add(mail.messages("alice").size());
            mail.deliver("alice", "Subject: from the second test\r\n\r\nx\r\n");
        }

        @Nested
        class Inner {
            @Test
            void nested() {
                LABS.add(mail.lab());
                INBOX_SIZES.add(mail.messages("alice").size());
            }
        }
    }

    @Test
    void aStaticFieldGivesOneLabPerClassResetBeforeEachTestAndClosedAfterTheClass() throws IOException {
        TestExecutionSummary summary = run(PerClassFixture.class);
        assertEquals(3, summary.getTestsSucceededCount(), summary.getFailures().toString());
        assertEquals(3, LABS.size());
        assertSame(LABS.get(0), LABS.get(1));
        assertSame(LABS.get(0), LABS.get(2), "@Nested tests share the outer class's lab");
        assertEquals(List.of(0, 0, 0), INBOX_SIZES, "each test starts with an empty INBOX");
        assertStopped(LABS.get(0));
        assertEquals("", TRANSCRIPTS.toString(StandardCharsets.UTF_8), "no transcript when all tests pass");
    }

    static class PerTestFixture {
        @RegisterExtension
        MailLabExtension mail = MailLabExtension.withAccounts("alice").printTranscriptsTo(TRANSCRIPT_OUT);

        @Test
        void one() {
            LABS.add(mail.lab());
            mail.deliver("alice", "Subject: x\r\n\r\nx\r\n");
        }

        @Test
        void two() {
            LABS.add(mail.lab());
            mail.deliver("alice", "Subject: x\r\n\r\nx\r\n");
        }
    }

    @Test
    void anInstanceFieldGivesEachTestItsOwnLabStoppedAfterIt() throws IOException {
        TestExecutionSummary summary = run(PerTestFixture.class);
        assertEquals(2, summary.getTestsSucceededCount(), summary.getFailures().toString());
        assertNotSame(LABS.get(0), LABS.get(1));
        assertStopped(LABS.get(0));
        assertStopped(LABS.get(1));
    }

    static class FailingFixture {
        @RegisterExtension
        static MailLabExtension mail = MailLabExtension.withAccounts("alice").printTranscriptsTo(TRANSCRIPT_OUT);
        static String password;

        @Test
        void passes() throws IOException {
            try (Pop3Client pop = Pop3Client.connect(mail.host(), mail.pop3Port())) {
                pop.login("alice", mail.password("alice"));
                pop.quit();
            }
        }

        @Test
        void failsAfterTalkingToTheServer() throws IOException {
            password = mail.password("alice");
            try (Pop3Client pop = Pop3Client.connect(mail.host(), mail.pop3Port())) {
                pop.login("alice", mail.password("alice"));
                pop.stat();
                pop.quit();
            }
            mail.awaitMessages("alice", 1, java.time.Duration.ZERO);
        }
    }

    @Test
    void aFailedTestPrintsItsOwnTranscriptWithPasswordsMasked() {
        TestExecutionSummary summary = run(FailingFixture.class);
        assertEquals(1, summary.getTestsFailedCount());
        Throwable failure = summary.getFailures().get(0).getException();
        assertTrue(failure.getMessage().startsWith("expected 1 message in alice's INBOX within 0 ms, but 0 arrived"),
                failure.getMessage());
        String out = TRANSCRIPTS.toString(StandardCharsets.UTF_8);
        assertTrue(out.startsWith("---- MailLab transcript of failed test failsAfterTalkingToTheServer() (127.0.0.1, SMTP "),
                out);
        assertTrue(out.contains("] C: STAT\n"), out);
        assertTrue(out.contains("] C: PASS ***\n"), out);
        assertEquals(1, count(out, "* pop3 connection from"), "only the failed test's own connection: " + out);
        assertFalse(out.contains(FailingFixture.password), out);
        assertTrue(out.endsWith("---- end of MailLab transcript ----\n"), out);
    }

    @Test
    void theLabIsOnlyThereDuringATest() {
        MailLabExtension idle = MailLabExtension.withAccounts("alice");
        IllegalStateException e = assertThrows(IllegalStateException.class, idle::lab);
        assertTrue(e.getMessage().startsWith("MailLab runs only during a test"), e.getMessage());
    }

    private static int count(String text, String part) {
        int n = 0;
        for (int i = text.indexOf(part); i >= 0; i = text.indexOf(part, i + 1)) {
            n++;
        }
        return n;
    }

    private static void assertStopped(MailLab lab) {
        int port = lab.pop3Port();
        assertThrows(IOException.class, () -> Pop3Client.connect("127.0.0.1", port).close(), "lab stopped");
    }
}
