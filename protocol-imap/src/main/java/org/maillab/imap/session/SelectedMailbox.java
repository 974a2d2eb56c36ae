package org.maillab.imap.session;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import org.maillab.imap.codec.FetchData;
import org.maillab.imap.codec.Response;
import org.maillab.imap.codec.ResponseCode;
import org.maillab.imap.codec.SequenceSet;
import org.maillab.mailstore.Flags;
import org.maillab.mailstore.Mailbox;
import org.maillab.mailstore.MailboxEvent;
import org.maillab.mailstore.MailboxListener;
import org.maillab.mailstore.MessageInfo;

/**
 * One session's view of its selected mailbox: the map between sequence numbers and UIDs as this client
 * knows it, and the queue of other sessions' changes not yet announced. Changes are announced only when
 * the rules allow: EXISTS and FETCH FLAGS after any command, EXPUNGE never while a FETCH, STORE or SEARCH
 * is answered (RFC 9051 §7.5.1), because the client's sequence numbers would shift under it.
 *
 * <p>What the client is told of a message only moves forward: a change older than the state it already
 * has (its mod-sequence is not higher) is dropped, so MODSEQ never goes down and older flags never
 * follow newer ones (RFC 7162 §3.1). A message another session expunged stays readable until its
 * EXPUNGE is sent (RFC 2180 §4.1.1); then the store is told it may free it. A keyword the client has
 * not yet seen in FLAGS is announced (FLAGS, PERMANENTFLAGS) before the first response that uses it
 * (RFC 9051 §7.3.5).
 *
 * <p>The store calls {@link #onEvent} on the thread that made the change; everything else runs on the
 * session's thread.
 */
final class SelectedMailbox implements MailboxListener {

    private final Mailbox view;
    private final boolean rev1;
    /** UIDs in sequence order: index + 1 is the message's sequence number for this client. */
    private final List<Long> uids = new ArrayList<>();
    private final Map<Long, Flags> flags = new ConcurrentHashMap<>();
    /** The mod-sequence of each message as last announced or read (RFC 7162). */
    private final Map<Long, Long> modSeqs = new ConcurrentHashMap<>();
    /** After a CONDSTORE enabling command every FETCH response carries MODSEQ (RFC 7162 §3.1). */
    private boolean condstore;
    /** After ENABLE QRESYNC: VANISHED instead of EXPUNGE, UID in every FETCH (RFC 7162 §3.2.4, §3.2.10). */
    private boolean qresync;
    private final ConcurrentLinkedQueue<MailboxEvent> queue = new ConcurrentLinkedQueue<>();
    private final List<Long> deferredExpunges = new ArrayList<>();
    /** UIDs this session expunged itself before it heard of them: their late "added" events are stale. */
    private final Set<Long> gone = new HashSet<>();
    private volatile Runnable notifier = () -> { };
    /**
     * The notifier has been called and the queue not drained since: further events need no call.
     * Without it, every change made by one session scheduled a task on every other session (50
     * clients on one mailbox: 49 tasks per flag change, submitted under the mailbox lock).
     */
    private final AtomicBoolean notified = new AtomicBoolean();
    /** The saved search result (RFC 5182), as UIDs. */
    private List<Long> savedSearch = List.of();
    /** The keywords the client has been given in FLAGS (case-insensitive, RFC 9051 §2.3.2). */
    private final Set<String> announcedKeywords = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);

    SelectedMailbox(Mailbox view, boolean rev1) {
        this.view = view;
        this.rev1 = rev1;
        view.setListener(this);
        for (MessageInfo m : view.messages()) {
            uids.add(m.uid());
            flags.put(m.uid(), m.flags());
            modSeqs.put(m.uid(), m.modSeq());
            announcedKeywords.addAll(m.flags().keywords());
        }
    }

    /**
     * FLAGS and PERMANENTFLAGS (RFC 9051 §7.3.5, §7.1): the system flags and every keyword the client
     * knows; PERMANENTFLAGS as the rights allow (RFC 4314 §5.1.1), keywords only where new ones may be made.
     */
    List<Response> flagsResponses() {
        List<String> all = new ArrayList<>(FlagNames.SYSTEM);
        all.addAll(announcedKeywords);
        boolean readOnly = view.readOnly();
        List<String> permanent = new ArrayList<>(readOnly ? List.of() : AclCommands.permanentFlags(view.rights()));
        if (permanent.remove("\\*")) {
            permanent.addAll(announcedKeywords);
            permanent.add("\\*");
        }
        return List.of(new Response.Flags(all), new Response.Condition(Response.Status.OK,
                Optional.of(new ResponseCode.PermanentFlags(permanent)),
                readOnly ? "No permanent flags" : "Flags permitted"));
    }

    /** FLAGS and PERMANENTFLAGS again if {@code f} has a keyword the client has not been given yet. */
    private List<Response> announceKeywords(Flags f) {
        return announcedKeywords.addAll(f.keywords()) ? flagsResponses() : List.of();
    }

    void enableCondstore() {
        condstore = true;
    }

    boolean condstore() {
        return condstore;
    }

    void enableQresync() {
        condstore = true;
        qresync = true;
    }

    Mailbox view() {
        return view;
    }

    boolean readOnly() {
        return view.readOnly();
    }

    void setNotifier(Runnable notifier) {
        this.notifier = notifier;
        if (!queue.isEmpty()) {
            notifier.run();
        }
    }

    @Override
    public void onEvent(MailboxEvent event) {
        queue.add(event);
        if (notified.compareAndSet(false, true)) {
            notifier.run();
        }
    }

    boolean hasPendingUpdates() {
        return !queue.isEmpty() || !deferredExpunges.isEmpty();
    }

    // ---- the client's numbering

    int count() {
        return uids.size();
    }

    long uidAt(int seq) {
        return uids.get(seq - 1);
    }

    List<Long> uids() {
        return Collections.unmodifiableList(uids);
    }

    OptionalInt seqOf(long uid) {
        int i = Collections.binarySearch(uids, uid);
        return i >= 0 ? OptionalInt.of(i + 1) : OptionalInt.empty();
    }

    Flags flagsOf(long uid) {
        return flags.getOrDefault(uid, Flags.NONE);
    }

    /** The mod-sequence of a message as this client knows it (RFC 7162 §3.1.4). */
    long modSeqOf(long uid) {
        return modSeqs.getOrDefault(uid, 0L);
    }

    long highestUid() {
        return uids.isEmpty() ? 0 : uids.get(uids.size() - 1);
    }

    /**
     * The UIDs a set names, ascending. For sequence numbers, empty if a number is beyond the mailbox
     * (a BAD, RFC 9051 §9: "*" on an empty mailbox too).
     */
    java.util.Optional<List<Long>> resolve(SequenceSet set, boolean uid) {
        if (set instanceof SequenceSet.LastResult) {
            List<Long> out = new ArrayList<>();
            for (long u : savedSearch) {
                if (seqOf(u).isPresent()) {
                    out.add(u);
                }
            }
            return java.util.Optional.of(out);
        }
        SequenceSet.Ranges ranges = (SequenceSet.Ranges) set;
        List<Long> out = new ArrayList<>();
        if (uid) {
            long max = highestUid();
            for (long u : uids) {
                if (ranges.contains(u, max)) {
                    out.add(u);
                }
            }
            return java.util.Optional.of(out);
        }
        int count = uids.size();
        for (SequenceSet.Range r : ranges.ranges()) {
            for (long n : new long[] {r.first(), r.last()}) {
                if ((n == SequenceSet.STAR && count == 0) || (n != SequenceSet.STAR && n > count)) {
                    return java.util.Optional.empty();
                }
            }
        }
        for (int seq = 1; seq <= count; seq++) {
            if (ranges.contains(seq, count)) {
                out.add(uids.get(seq - 1));
            }
        }
        return java.util.Optional.of(out);
    }

    void saveSearch(List<Long> result) {
        savedSearch = List.copyOf(result);
    }

    // ---- own changes, returned by the store directly

    /**
     * This session changed flags (the FETCH responses are the command's own): remember them, unless
     * the client already knows a later state. Returns FLAGS and PERMANENTFLAGS to send first if the
     * message has a keyword the client has not been given.
     */
    List<Response> flagsChanged(MessageInfo info) {
        if (seqOf(info.uid()).isEmpty() || info.modSeq() < modSeqOf(info.uid())) {
            return List.of();
        }
        flags.put(info.uid(), info.flags());
        modSeqs.put(info.uid(), info.modSeq());
        return announceKeywords(info.flags());
    }

    /** This session expunged messages: their EXPUNGE responses, sequence numbers shifting as we go. */
    List<Response> expunged(List<Long> expungedUids) {
        List<Response> out = new ArrayList<>();
        List<Long> vanished = new ArrayList<>();
        for (long uid : expungedUids) {
            OptionalInt seq = seqOf(uid);
            if (seq.isPresent()) {
                uids.remove(seq.getAsInt() - 1);
                flags.remove(uid);
                modSeqs.remove(uid);
                if (qresync) {
                    vanished.add(uid);
                } else {
                    out.add(new Response.Expunge(seq.getAsInt()));
                }
            } else {
                gone.add(uid);
            }
        }
        if (!vanished.isEmpty()) {
            out.add(new Response.Vanished(false, ImapSession.compact(vanished))); // RFC 7162 §3.2.10
        }
        return out;
    }

    // ---- other sessions' changes

    /**
     * Turns queued changes into untagged responses, in the order they happened.
     *
     * @param allowExpunge false while answering FETCH, STORE or SEARCH: expunges wait (RFC 9051 §7.5.1)
     * @param withUid      include UID in FETCH FLAGS responses (during UID commands, RFC 9051 §7.5.2)
     */
    List<Response> drain(boolean allowExpunge, boolean withUid) {
        List<Response> out = new ArrayList<>();
        List<Long> told = new ArrayList<>();
        boolean existsDirty = false;
        if (allowExpunge && !deferredExpunges.isEmpty()) {
            told.addAll(deferredExpunges);
            deferredExpunges.clear();
            for (long uid : told) {
                expungeOne(uid, out);
            }
        }
        notified.set(false); // before polling: an event queued from now on calls the notifier again
        MailboxEvent event;
        while ((event = queue.poll()) != null) {
            if (event instanceof MailboxEvent.MessageAdded added) {
                long uid = added.message().uid();
                if (uid > highestUid() && !gone.remove(uid)) {
                    uids.add(uid);
                    flags.put(uid, added.message().flags());
                    modSeqs.put(uid, added.message().modSeq());
                    out.addAll(announceKeywords(added.message().flags()));
                    existsDirty = true;
                }
            } else if (event instanceof MailboxEvent.FlagsChanged changed) {
                long uid = changed.message().uid();
                OptionalInt seq = seqOf(uid);
                if (seq.isEmpty() || changed.modSeq() <= modSeqOf(uid)) {
                    continue; // the client already has this state or a later one (its own STORE, say)
                }
                // a CONDSTORE client also hears of a change that ended where it began: its MODSEQ moved
                boolean news = !changed.message().flags().equals(flags.get(uid)) || condstore;
                flags.put(uid, changed.message().flags());
                modSeqs.put(uid, changed.modSeq());
                if (news) {
                    if (existsDirty) {
                        out.add(new Response.Exists(uids.size()));
                        existsDirty = false;
                    }
                    out.addAll(announceKeywords(changed.message().flags()));
                    out.add(new Response.Fetch(seq.getAsInt(), fetchFlags(uid, withUid)));
                }
            } else if (event instanceof MailboxEvent.MessageExpunged expunged) {
                if (!allowExpunge) {
                    deferredExpunges.add(expunged.uid());
                    continue;
                }
                if (existsDirty) {
                    out.add(new Response.Exists(uids.size()));
                    existsDirty = false;
                }
                expungeOne(expunged.uid(), out);
                told.add(expunged.uid());
            }
        }
        if (existsDirty) {
            out.add(new Response.Exists(uids.size()));
        }
        if (!told.isEmpty()) {
            view.releaseExpunged(told); // the client knows now: the store may free them
        }
        return out;
    }

    private void expungeOne(long uid, List<Response> out) {
        OptionalInt seq = seqOf(uid);
        if (seq.isPresent()) {
            uids.remove(seq.getAsInt() - 1);
            flags.remove(uid);
            modSeqs.remove(uid);
            out.add(qresync ? new Response.Vanished(false, ImapSession.compact(List.of(uid)))
                    : new Response.Expunge(seq.getAsInt()));
        }
    }

    List<FetchData> fetchFlags(long uid, boolean withUid) {
        List<FetchData> items = new ArrayList<>();
        if (withUid || qresync) { // RFC 7162 §3.2.4: with QRESYNC every FETCH response carries UID
            items.add(new FetchData.Uid(uid));
        }
        if (condstore) {
            items.add(new FetchData.ModSeq(modSeqs.getOrDefault(uid, 0L)));
        }
        items.add(new FetchData.Flags(FlagNames.of(flagsOf(uid), rev1 && view.recent().contains(uid))));
        return items;
    }

    void close() {
        view.setListener(e -> { });
        view.close();
    }
}
