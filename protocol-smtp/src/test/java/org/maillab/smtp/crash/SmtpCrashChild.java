package org.maillab.smtp.crash;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import org.maillab.mailstore.maildir.MaildirStore;
import org.maillab.smtp.server.SmtpServer;
import org.maillab.smtp.server.SmtpServerConfig;

/**
 * The process {@link SmtpCrashTest} kills: an SMTP server over a Maildir (fsync on, the default), on a
 * free loopback port that it prints as {@code PORT n}; it then serves until it is killed.
 */
public final class SmtpCrashChild {

    private SmtpCrashChild() {
    }

    public static void main(String[] args) throws Exception {
        Path root = Path.of(args[0]);
        MaildirStore store = MaildirStore.open(root, MaildirStore.Options.defaults().withPbkdf2Iterations(1000));
        SmtpServerConfig config = SmtpServerConfig.defaults()
                .withSession(SmtpServerConfig.defaults().session().withSpool(Path.of(args[1]), 4096));
        SmtpServer server = SmtpServer.start(store, config, new InetSocketAddress("127.0.0.1", 0), null);
        System.out.println("PORT " + server.port());
        System.out.flush();
        Thread.currentThread().join(); // until SIGKILL
    }
}
