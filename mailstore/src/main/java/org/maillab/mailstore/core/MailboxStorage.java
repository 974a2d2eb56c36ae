package org.maillab.mailstore.core;

import java.io.InputStream;
import java.time.Instant;
import java.util.List;

import org.maillab.mailstore.Flags;
import org.maillab.mailstore.MessageContent;

/**
 * One mailbox's storage. The engine assigns UIDs and modification sequences; the storage records
 * them. Changes are buffered until {@link #commit()}, the point after which they survive a crash;
 * a change of message files (rename, unlink) may become durable before its record, so a storage
 * must reconcile on {@link #load()} what it finds on disk with what it recorded ({@link #scan()}).
 *
 * <p>A {@code ref} is the storage's own handle of a stored message (a byte array, a file name); the
 * engine keeps it beside the message and hands it back.
 */
public interface MailboxStorage {

    /** The recorded state. Followed by a {@link #scan()} for what changed behind the storage's back. */
    Snapshot load();

    /** Changes made by other programs since the last load or scan; empty for storages without any. */
    ScanResult scan();

    /** Stores the (canonical) bytes where they are not yet visible; counts them. */
    Staged stage(InputStream canonical);

    /** Makes a staged message part of the mailbox. */
    Object commitAppend(Staged staged, long uid, Flags flags, Instant internalDate, long modSeq);

    /** Drops a staged message that will not be committed. */
    void discard(Staged staged);

    /** Adds a copy of a message of another mailbox of the same account. */
    Object copyIn(MailboxStorage source, Object sourceRef, long uid, Flags flags, Instant internalDate,
            long size, long modSeq);

    /** Takes a message over from another mailbox; the engine then calls {@code source.forget}. */
    Object moveIn(MailboxStorage source, Object sourceRef, long uid, Flags flags, Instant internalDate,
            long size, long modSeq);

    /** Records the new flags of a message. */
    void setFlags(Object ref, long uid, Flags flags, long modSeq);

    /** Removes a message; a storage that persists expunges (see {@link Snapshot#expunged}) records it. */
    void expunge(Object ref, long uid, long modSeq);

    /**
     * Removes a message like {@link #expunge}, but keeps its bytes readable through the returned ref
     * until {@link #release}: views whose clients were not yet told may still read it (RFC 2180
     * §4.1.1). Kept bytes never outlive the process: a storage removes leftovers when it opens.
     */
    Object expungeKeeping(Object ref, long uid, long modSeq);

    /** Frees the bytes of a message kept by {@link #expungeKeeping}; never fails. */
    void release(Object keptRef);

    /** Records that a message left (moved out, or vanished on disk) without touching its bytes; likewise. */
    void forget(Object ref, long uid, long modSeq);

    /** Records a message found by {@link #scan()}. */
    void adopt(Object ref, long uid, Flags flags, Instant internalDate, long size, long modSeq);

    /** Records a flag change found by {@link #scan()}. */
    void flagsFound(Object ref, long uid, Flags flags, long modSeq);

    /** Records the first UID no session has yet seen as \Recent (RFC 3501 §2.3.2). */
    void setFirstRecentUid(long uid);

    /**
     * Records the changes since the last commit, so that they survive a crash of the process, and
     * marks them for {@link #sync()}. Called with the mailbox lock held.
     */
    void commit();

    /**
     * Makes every change committed so far durable (survives a power cut), where the storage can.
     * Called after the mailbox lock is released, before the change is acknowledged: writers that
     * committed meanwhile share one forcing of the disk (group commit) instead of each waiting for
     * its own while holding the lock.
     */
    default void sync() {
    }

    /** The bytes of a message, canonical CRLF; {@code size} is the canonical size. */
    MessageContent content(Object ref, long size);

    /**
     * The recorded state of a mailbox. {@code messages} in ascending UID order; {@code expunged}, the
     * recorded expunges (RFC 7162 QRESYNC), is the storage's own log, which the engine copies.
     */
    record Snapshot(long uidValidity, long uidNext, long highestModSeq, long firstRecentUid,
            List<Stored> messages, ExpungeLog expunged) {

        /** A state without a record of expunges: none is known before {@code highestModSeq}. */
        public Snapshot(long uidValidity, long uidNext, long highestModSeq, long firstRecentUid,
                List<Stored> messages) {
            this(uidValidity, uidNext, highestModSeq, firstRecentUid, messages, new ExpungeLog(highestModSeq));
        }
    }

    /** A recorded message. */
    record Stored(long uid, Flags flags, Instant internalDate, long size, long modSeq, Object ref) {
    }

    /** A message written but not yet visible. */
    record Staged(long size, Object handle) {
    }

    /**
     * Differences between the recording and the storage: messages found (in delivery order),
     * messages gone, flags changed.
     */
    record ScanResult(List<Found> found, List<Long> vanished, List<FlagChange> flagChanges) {

        public static final ScanResult NONE = new ScanResult(List.of(), List.of(), List.of());

        public boolean isEmpty() {
            return found.isEmpty() && vanished.isEmpty() && flagChanges.isEmpty();
        }
    }

    record Found(Object ref, Flags flags, Instant internalDate, long size) {
    }

    record FlagChange(long uid, Object ref, Flags flags) {
    }
}
