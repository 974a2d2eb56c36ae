package org.maillab.testkit;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.maillab.mailstore.SystemFlag;

/**
 * A {@link MailLab} for JUnit 5 tests. Register it with {@code @RegisterExtension}:
 *
 * <pre>{@code
 * @RegisterExtension
 * static MailLabExtension mail = MailLabExtension.withAccounts("alice", "bob");  // one lab per class
 *
 * @Test
 * void sendsTheReport() {
 *     app.sendReport("alice@localhost");
 *     ReceivedMessage m = mail.awaitMessages("alice", 1).get(0);
 *     assertEquals("Weekly report", m.subject());
 * }
 * }</pre>
 *
 * <ul>
 *   <li>In a {@code static} field the lab starts once before the class's tests and stops after them;
 *       before each test it is {@linkplain MailLab#reset() reset} (every mailbox emptied, passwords
 *       restored, transcript cleared), so tests do not see each other's mail. Ports stay the same.</li>
 *   <li>In an instance field each test gets a lab of its own, started before it and stopped after it.</li>
 *   <li>When a test fails, the servers' transcript of that test (every command and response, passwords
 *       masked) is printed to standard error, so the failure shows what the client really said.</li>
 * </ul>
 */
public final class MailLabExtension implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback,
        AfterEachCallback {

    private final MailLab.Builder builder;
    private PrintStream transcriptOutput; // null: System.err as it is when a test fails (Surefire swaps it)
    private volatile MailLab lab;
    private ExtensionContext classOwner; // the class context that started a per-class lab

    private MailLabExtension(MailLab.Builder builder) {
        this.builder = Objects.requireNonNull(builder, "builder");
    }

    /** In-memory store, SMTP, POP3 and IMAP, these accounts with generated passwords. */
    public static MailLabExtension withAccounts(String... accounts) {
        MailLab.Builder builder = MailLab.builder();
        for (String account : accounts) {
            builder.account(account);
        }
        return new MailLabExtension(builder);
    }

    /** A lab as configured: {@code MailLabExtension.of(MailLab.builder().account("alice", "pw").temporaryMaildir())}. */
    public static MailLabExtension of(MailLab.Builder builder) {
        return new MailLabExtension(builder);
    }

    /** Where transcripts of failed tests go (standard error by default). */
    public MailLabExtension printTranscriptsTo(PrintStream out) {
        Objects.requireNonNull(out, "out");
        this.transcriptOutput = out;
        return this;
    }

    // ---- JUnit's callbacks ----

    /** Called only for a static field: one lab for the class (and its {@code @Nested} classes). */
    @Override
    public void beforeAll(ExtensionContext context) {
        if (lab == null) {
            lab = start();
            classOwner = context;
        }
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        if (lab == null) {
            lab = start(); // an instance field: this test's own lab
        } else if (classOwner != null) {
            lab.reset();
        }
    }

    @Override
    public void afterEach(ExtensionContext context) {
        MailLab current = lab;
        if (current != null && context.getExecutionException().isPresent()) {
            printTranscript(context.getDisplayName(), current);
        }
        if (classOwner == null && current != null) {
            lab = null;
            current.close();
        }
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (context == classOwner) {
            MailLab current = lab;
            lab = null;
            classOwner = null;
            current.close();
        }
    }

    private MailLab start() {
        try {
            return builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start MailLab on 127.0.0.1", e);
        }
    }

    private void printTranscript(String test, MailLab failed) {
        String transcript = failed.transcript();
        PrintStream out = transcriptOutput != null ? transcriptOutput : System.err;
        out.println("---- MailLab transcript of failed test " + test + " (" + failed.host() + ", "
                + ports(failed) + ") ----");
        out.print(transcript.isEmpty() ? "(no client connected)\n" : transcript);
        out.println("---- end of MailLab transcript ----");
        out.flush();
    }

    private static String ports(MailLab lab) {
        StringBuilder text = new StringBuilder();
        for (MailLab.Protocol protocol : MailLab.Protocol.values()) {
            if (lab.serves(protocol)) {
                text.append(text.length() == 0 ? "" : ", ").append(protocol).append(' ').append(lab.port(protocol));
            }
        }
        return text.toString();
    }

    // ---- helpers: the running lab's ----

    /** The running lab; {@code IllegalStateException} outside a test. */
    public MailLab lab() {
        MailLab current = lab;
        if (current == null) {
            throw new IllegalStateException("MailLab runs only during a test (register the extension with @RegisterExtension)");
        }
        return current;
    }

    /** {@value MailLab#HOST}. */
    public String host() {
        return lab().host();
    }

    public int smtpPort() {
        return lab().smtpPort();
    }

    public int pop3Port() {
        return lab().pop3Port();
    }

    public int imapPort() {
        return lab().imapPort();
    }

    /** The account's address, e.g. {@code alice@localhost}: where SMTP delivers to the account. */
    public String address(String account) {
        return lab().address(account);
    }

    /** An account's password, as given or generated. */
    public String password(String account) {
        return lab().password(account);
    }

    /** Delivers a message into the account's INBOX; its UID. */
    public long deliver(String account, String message) {
        return lab().deliver(account, message);
    }

    /** Delivers a message into the account's INBOX; its UID. */
    public long deliver(String account, byte[] message) {
        return lab().deliver(account, message);
    }

    /** The messages in the account's INBOX now. */
    public List<ReceivedMessage> messages(String account) {
        return lab().messages(account);
    }

    /** Waits (on the store's events, at most {@link MailLab#DEFAULT_TIMEOUT}) for {@code count} messages in the account's INBOX. */
    public List<ReceivedMessage> awaitMessages(String account, int count) {
        return lab().awaitMessages(account, count);
    }

    /** Waits at most {@code timeout} for {@code count} messages in the account's INBOX. */
    public List<ReceivedMessage> awaitMessages(String account, int count, Duration timeout) {
        return lab().awaitMessages(account, count, timeout);
    }

    /** Asserts the system flags a message in the account's INBOX has now, exactly. */
    public void assertFlags(String account, long uid, SystemFlag... expected) {
        lab().assertFlags(account, uid, expected);
    }
}
