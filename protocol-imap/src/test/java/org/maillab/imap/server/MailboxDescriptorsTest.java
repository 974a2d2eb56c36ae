package org.maillab.imap.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.Socket;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.maillab.mailstore.maildir.MaildirStore;

/**
 * Issue 11, finding 8: a mailbox a session opened keeps no file descriptor once no session uses it (its
 * journal, {@code maillab-log}, is opened per write). Counted in {@code /proc/self/fd} (Linux), only the
 * descriptors of files under this test's directory.
 */
class MailboxDescriptorsTest {

    private static final Path FDS = Path.of("/proc/self/fd");

    @TempDir
    Path data;
    MaildirStore store;
    ImapServer server;

    @BeforeEach
    void start() throws Exception {
        assumeTrue(Files.isDirectory(FDS), "needs /proc/self/fd");
        store = MaildirStore.open(data, MaildirStore.Options.defaults().withFsync(false));
        store.createAccount("fred", "secret", false);
        server = ImapServer.start(store, ImapServerConfig.defaults().withPorts(0, -1));
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
            store.close();
        }
    }

    /** Open descriptors of files under the data directory. */
    private long descriptorsUnderData() throws IOException {
        Path root = data.toRealPath();
        long n = 0;
        try (DirectoryStream<Path> fds = Files.newDirectoryStream(FDS)) {
            for (Path fd : fds) {
                try {
                    if (Files.readSymbolicLink(fd).startsWith(root)) {
                        n++;
                    }
                } catch (IOException e) {
                    // closed while we looked
                }
            }
        }
        return n;
    }

    @Test
    void selectingManyMailboxesLeavesNoDescriptorOpenAfterLogout() throws Exception {
        long before = descriptorsUnderData();
        try (WireClient c = new WireClient(new Socket("127.0.0.1", server.port().orElseThrow()))) {
            c.readLine();
            assertTrue(c.command("a", "LOGIN fred secret").get(0).startsWith("a OK"));
            for (int i = 0; i < 40; i++) {
                assertTrue(last(c.command("c" + i, "CREATE box" + i)).startsWith("c" + i + " OK"));
                assertTrue(last(c.command("s" + i, "SELECT box" + i)).startsWith("s" + i + " OK"));
                c.send("p" + i + " APPEND box" + i + " {5+}\r\nHello\r\n");
                assertTrue(last(c.until("p" + i)).startsWith("p" + i + " OK"));
            }
            // While a mailbox is selected its messages are served as usual.
            assertEquals("* 1 FETCH (BODY[] {5}Hello)", c.command("f", "FETCH 1 BODY.PEEK[]").get(0));
            c.command("z", "LOGOUT");
        }
        assertEquals(before, descriptorsUnderData());
    }

    private static String last(List<String> lines) {
        return lines.get(lines.size() - 1);
    }
}
