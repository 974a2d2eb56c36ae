package org.maillab.mailstore.maildir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

class GroupCommitTest {

    private final GroupCommit group = new GroupCommit();
    private final List<Set<Path>> batches = new ArrayList<>();

    private void sync() {
        group.sync(batches::add);
    }

    @Test
    void oneForcingCoversEveryCommitBeforeIt() {
        group.committed(Set.of(Path.of("/m/cur")));
        group.committed(Set.of(Path.of("/m/new"), Path.of("/m/cur")));
        sync();
        sync(); // nothing new: no second fsync
        assertEquals(List.of(Set.of(Path.of("/m/cur"), Path.of("/m/new"))), batches);
    }

    @Test
    void aCommitAfterTheForcingNeedsAnother() {
        group.committed(Set.of(Path.of("/m/cur")));
        sync();
        group.committed(Set.of());
        sync();
        assertEquals(List.of(Set.of(Path.of("/m/cur")), Set.of()), batches);
    }

    @Test
    void nothingCommittedNothingForced() {
        sync();
        assertEquals(List.of(), batches);
    }

    @Test
    void aFailedForcingIsTriedAgainWithTheSameDirectories() {
        group.committed(Set.of(Path.of("/m/cur")));
        assertThrows(IllegalStateException.class, () -> group.sync(dirs -> {
            throw new IllegalStateException("disk full");
        }));
        sync();
        assertEquals(List.of(Set.of(Path.of("/m/cur"))), batches);
    }
}
