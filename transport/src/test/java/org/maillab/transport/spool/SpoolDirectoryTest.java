package org.maillab.transport.spool;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SpoolDirectoryTest {

    @TempDir
    Path base;

    @Test
    void aStopDeletesEveryFileAndTheDirectory() throws IOException {
        SpoolDirectory spool = SpoolDirectory.create(base);
        Path file = spool.newFile("maillab-literal");
        assertTrue(file.getFileName().toString().startsWith("maillab-literal"));
        assertEquals(List.of(file), spool.files());
        spool.close();
        assertFalse(Files.exists(spool.path()));
        assertThrows(IOException.class, () -> spool.newFile("maillab-literal"), "no new files while stopping");
    }

    /** What a killed server left (its process is gone) is removed when the next one starts. */
    @Test
    void aStartRemovesTheDirectoriesOfDeadProcessesOnly() throws IOException {
        long dead = 4_000_000_000L; // above any pid_max: no such process
        Path crashed = Files.createDirectories(base.resolve(dead + "-abc"));
        Files.writeString(crashed.resolve("maillab-literal123.tmp"), "half an APPEND");
        Path alive = Files.createDirectories(base.resolve(ProcessHandle.current().pid() + "-other"));
        Files.writeString(alive.resolve("maillab-literal9.tmp"), "a running server's literal");
        Path unrelated = Files.createDirectories(base.resolve("not-a-spool"));

        try (SpoolDirectory spool = SpoolDirectory.create(base)) {
            assertFalse(Files.exists(crashed));
            assertTrue(Files.exists(alive.resolve("maillab-literal9.tmp")));
            assertTrue(Files.exists(unrelated));
            assertTrue(spool.path().startsWith(base));
        }
    }
}
