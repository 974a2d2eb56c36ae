package org.maillab.mailstore.maildir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Unique Maildir file names (https://cr.yp.to/proto/maildir.html): {@code time.MusecPpidQn.host}.
 * The counter makes names unique inside this process, the pid among processes, the time across
 * restarts; in the host name {@code /} and {@code :} are escaped as the spec asks.
 */
final class UniqueNames {

    private static final AtomicLong COUNTER = new AtomicLong();
    private static final long PID = ProcessHandle.current().pid();
    private static final String HOST = host();

    private UniqueNames() {
    }

    static String next() {
        Instant now = Instant.now();
        return now.getEpochSecond() + ".M" + (now.getNano() / 1000) + "P" + PID + "Q" + COUNTER.incrementAndGet()
                + "." + HOST;
    }

    private static String host() {
        String name = null;
        try {
            name = Files.readString(Path.of("/proc/sys/kernel/hostname")).trim();
        } catch (IOException | RuntimeException e) {
            name = System.getenv("HOSTNAME");
        }
        if (name == null || name.isBlank()) {
            name = "localhost";
        }
        return name.replace("/", "\\057").replace(":", "\\072").replace(",", "\\054").replace(" ", "_");
    }
}
