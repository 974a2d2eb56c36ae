package org.maillab.mailstore.memory;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.List;
import java.util.TreeMap;

import org.maillab.mailstore.Flags;
import org.maillab.mailstore.MessageContent;
import org.maillab.mailstore.core.ExpungeLog;
import org.maillab.mailstore.core.MailboxStorage;

/** One mailbox in memory: message bytes are immutable arrays, shared by copies. */
final class MemoryMailbox implements MailboxStorage {

    private final long uidValidity;
    private long uidNext = 1;
    private long highestModSeq;
    private long firstRecentUid = 1;
    private final TreeMap<Long, Stored> messages = new TreeMap<>();
    private final ExpungeLog expunged = new ExpungeLog(0);

    MemoryMailbox(long uidValidity) {
        this.uidValidity = uidValidity;
    }

    @Override
    public Snapshot load() {
        return new Snapshot(uidValidity, uidNext, highestModSeq, firstRecentUid, List.copyOf(messages.values()),
                expunged.copy());
    }

    @Override
    public ScanResult scan() {
        return ScanResult.NONE;
    }

    @Override
    public Staged stage(InputStream canonical) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (canonical) {
            canonical.transferTo(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        byte[] bytes = out.toByteArray();
        return new Staged(bytes.length, bytes);
    }

    @Override
    public Object commitAppend(Staged staged, long uid, Flags flags, Instant internalDate, long modSeq) {
        record(new Stored(uid, flags, internalDate, staged.size(), modSeq, staged.handle()));
        return staged.handle();
    }

    @Override
    public void discard(Staged staged) {
        // garbage
    }

    @Override
    public Object copyIn(MailboxStorage source, Object sourceRef, long uid, Flags flags, Instant internalDate,
            long size, long modSeq) {
        record(new Stored(uid, flags, internalDate, size, modSeq, sourceRef));
        return sourceRef;
    }

    @Override
    public Object moveIn(MailboxStorage source, Object sourceRef, long uid, Flags flags, Instant internalDate,
            long size, long modSeq) {
        return copyIn(source, sourceRef, uid, flags, internalDate, size, modSeq);
    }

    @Override
    public void setFlags(Object ref, long uid, Flags flags, long modSeq) {
        Stored s = messages.get(uid);
        if (s != null) {
            record(new Stored(uid, flags, s.internalDate(), s.size(), modSeq, s.ref()));
        }
    }

    @Override
    public void expunge(Object ref, long uid, long modSeq) {
        forget(ref, uid, modSeq);
    }

    @Override
    public Object expungeKeeping(Object ref, long uid, long modSeq) {
        forget(ref, uid, modSeq);
        return ref; // the bytes stay as long as someone refers to them
    }

    @Override
    public void release(Object keptRef) {
        // garbage once unreferenced
    }

    @Override
    public void forget(Object ref, long uid, long modSeq) {
        messages.remove(uid);
        highestModSeq = Math.max(highestModSeq, modSeq);
        expunged.add(uid, modSeq);
    }

    @Override
    public void adopt(Object ref, long uid, Flags flags, Instant internalDate, long size, long modSeq) {
        record(new Stored(uid, flags, internalDate, size, modSeq, ref));
    }

    @Override
    public void flagsFound(Object ref, long uid, Flags flags, long modSeq) {
        setFlags(ref, uid, flags, modSeq);
    }

    @Override
    public void setFirstRecentUid(long uid) {
        firstRecentUid = uid;
    }

    @Override
    public void commit() {
        // memory is as durable as it gets
    }

    @Override
    public MessageContent content(Object ref, long size) {
        return new BytesContent((byte[]) ref);
    }

    private void record(Stored s) {
        messages.put(s.uid(), s);
        uidNext = Math.max(uidNext, s.uid() + 1);
        highestModSeq = Math.max(highestModSeq, s.modSeq());
    }
}
