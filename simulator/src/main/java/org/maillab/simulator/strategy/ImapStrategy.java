package org.maillab.simulator.strategy;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.maillab.imap.client.ImapClient;
import org.maillab.imap.client.Reply;
import org.maillab.imap.client.Selected;
import org.maillab.imap.codec.Address;
import org.maillab.imap.codec.BodyStructure;
import org.maillab.imap.codec.Command;
import org.maillab.imap.codec.Envelope;
import org.maillab.imap.codec.FetchAttribute;
import org.maillab.imap.codec.FetchData;
import org.maillab.imap.codec.Literal;
import org.maillab.imap.codec.Response;
import org.maillab.imap.codec.SearchKey;
import org.maillab.imap.codec.Section;
import org.maillab.imap.codec.SequenceSet;
import org.maillab.simulator.network.TappedSocket;
import org.maillab.simulator.network.WireStats;
import org.maillab.simulator.servers.ServerTarget;
import org.maillab.simulator.scenario.Action;
import org.maillab.simulator.scenario.Selector;
import org.maillab.simulator.world.DeviceStore;
import org.maillab.simulator.world.LocalMessage;

/**
 * What both IMAP strategies share: a UID-based synchronisation of every mailbox (new UIDs get ENVELOPE,
 * FLAGS, RFC822.SIZE and BODYSTRUCTURE; known UIDs get their FLAGS compared; UIDs missing from
 * {@code UID SEARCH ALL} have vanished), part-wise body fetches guided by BODYSTRUCTURE, and a queue of
 * changes made while offline, replayed on the next connection (RFC 4549 §4). Flags and folders live on
 * the server, so every device converges on its state.
 *
 * <p>CONDSTORE/QRESYNC (RFC 7162) would spare the FLAGS comparison; this fallback works on every
 * server and is what runs today.
 */
abstract class ImapStrategy implements Strategy {

    static final String SEEN = "\\Seen";
    static final String FLAGGED = "\\Flagged";
    static final String ANSWERED = "\\Answered";
    static final String DELETED = "\\Deleted";

    /** A change made on the device while it could not tell the server; replayed in order. */
    sealed interface Pending {
        String messageId();

        record AddFlags(String messageId, List<String> flags) implements Pending {
        }

        record MoveTo(String messageId, String folder) implements Pending {
        }

        record Remove(String messageId) implements Pending {
        }
    }

    /** What the device knows of the server: per mailbox, UID → Message-ID, and each message's structure. */
    static final class Mirror {
        final Map<String, Map<Long, String>> uids = new LinkedHashMap<>();
        final Map<String, BodyStructure> structures = new HashMap<>();
        final List<Pending> pending = new ArrayList<>();
        /** Per mailbox, what a CONDSTORE/QRESYNC resynchronisation starts from (RFC 7162 §6). */
        final Map<String, MailboxState> states = new HashMap<>();
    }

    /** A mailbox's UIDVALIDITY and HIGHESTMODSEQ when the device last synchronised it. */
    record MailboxState(long uidValidity, long highestModSeq) {
    }

    /** How a check finds what changed on the server, best first (RFC 7162 §3.2, §3.1, RFC 4549 §4.3). */
    enum Resync {
        QRESYNC, CONDSTORE, UID_COMPARISON
    }

    private final Resync best;
    /** Where each session's commands and responses go (tests read it); nowhere by default. */
    java.util.function.Consumer<String> transcript = line -> { };

    /** {@code best}: the most the strategy uses when the server offers it. */
    ImapStrategy(Resync best) {
        this.best = best;
    }

    private final Map<String, Mirror> mirrors = new HashMap<>();

    Mirror mirror(DeviceContext device) {
        Mirror m = mirrors.computeIfAbsent(device.spec().name(), k -> new Mirror());
        if (device.store().knownServerKeys().isEmpty() && m.uids.values().stream().anyMatch(u -> !u.isEmpty())) {
            // the device was wiped (a failure: DeviceStore.wipe forgets the keys too): it starts again from nothing
            m.uids.clear();
            m.structures.clear();
            m.pending.clear();
            m.states.clear();
        }
        return m;
    }

    @Override
    public Optional<String> unavailableReason(ServerTarget target) {
        return target.imap().isPresent() ? Optional.empty()
                : Optional.of("the target serves no IMAP (give --target imap://HOST:PORT)");
    }

    /** Whether the synchronisation downloads the text of new messages (disconnected) or leaves it (online). */
    abstract boolean textOnSync();

    /** A logged-in client and the tapped socket under it. */
    record Session(ImapClient client, TappedSocket socket) implements AutoCloseable {
        @Override
        public void close() throws IOException {
            try {
                client.logout();
            } catch (RuntimeException e) {
                // the server may already be gone; closing is all that is left
            }
            client.compressionCounts().ifPresent(k -> socket.tap().compressionSaved(
                    k.received() - k.receivedOnWire(), k.sent() - k.sentOnWire()));
            client.close();
        }
    }

    Session login(DeviceContext device, String label) throws IOException {
        ServerTarget.Endpoint endpoint = device.target().imap().orElseThrow();
        TappedSocket socket = device.connect(endpoint, label);
        socket.setTcpNoDelay(true);
        ImapClient client = ImapClient.over(socket);
        client.setTranscript(line -> {
            if (line.startsWith("C: ") && socket.tap().compressed()) {
                socket.tap().commandLine(); // the tap cannot see lines in compressed bytes
            }
            transcript.accept(line);
        });
        try {
            if (device.compress() && client.hasCapability("COMPRESS=DEFLATE")) {
                // RFC 4978 §3: COMPRESS is command-auth; sent together with LOGIN it costs no round trip.
                client.loginAndCompress(device.credentials().user(), device.credentials().password());
                socket.tap().compressionStarted(COMPRESS_EXCHANGE);
            } else {
                client.login(device.credentials().user(), device.credentials().password());
            }
        } catch (RuntimeException e) {
            client.close();
            throw e;
        }
        return new Session(client, socket);
    }

    /**
     * The COMPRESS command's own share of the pipelined LOGIN + COMPRESS exchange: its line and its reply
     * ({@code C2 COMPRESS DEFLATE}, {@code C2 OK DEFLATE active}), and no round trip of its own.
     */
    private static final WireStats COMPRESS_EXCHANGE = new WireStats("C2 OK DEFLATE active\r\n".length(),
            "C2 COMPRESS DEFLATE\r\n".length(), 0, 1, 0);

    @Override
    public void check(DeviceContext device) throws IOException {
        Mirror mirror = mirror(device);
        try (Session s = login(device, "check")) {
            selected = null;
            Resync resync = resyncFor(s.client());
            if (resync == Resync.QRESYNC) {
                s.client().enable("QRESYNC");                          // RFC 5161: only before any SELECT
            }
            replay(device, mirror, s.client());
            synchronise(device, mirror, s, resync);
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    // ---------------------------------------------------------------- synchronisation

    private void synchronise(DeviceContext device, Mirror mirror, Session s, Resync resync) {
        ImapClient c = s.client();
        List<String> mailboxes = new ArrayList<>();
        for (Response r : c.execute(new Command.ListMailboxes(List.of(), "", List.of("*"), List.of(), List.of())).orThrow().untagged()) {
            if (r instanceof Response.ListItem e && !e.lsub() && e.attributes().stream().noneMatch(a -> a.equalsIgnoreCase("\\Noselect"))) {
                mailboxes.add(e.mailbox());
            }
        }
        mailboxes.sort((a, b) -> a.equalsIgnoreCase("INBOX") ? -1 : b.equalsIgnoreCase("INBOX") ? 1 : a.compareTo(b));
        Set<String> present = new LinkedHashSet<>();
        String newestId;
        long[] newest = {-1};
        String[] newestIdBox = {null};
        for (String mailbox : mailboxes) {
            String folder = mailbox.equalsIgnoreCase("INBOX") ? DeviceStore.INBOX : mailbox;
            Map<Long, String> known = mirror.uids.computeIfAbsent(folder, k -> new LinkedHashMap<>());
            MailboxState before = mirror.states.get(folder);
            List<Long> fresh = switch (resync) {
                case QRESYNC -> qresync(device, mirror, c, mailbox, folder, known, before, present);
                case CONDSTORE -> condstore(device, mirror, c, mailbox, folder, known, before, present);
                case UID_COMPARISON -> {
                    c.select(mailbox);
                    yield compareUids(device, c, folder, known, present);
                }
            };
            selected = folder;
            fetchNew(device, mirror, c, folder, known, fresh, present, newest, newestIdBox);
        }
        newestId = newestIdBox[0];
        for (LocalMessage m : device.store().all()) {
            if (!present.contains(m.messageId())) {
                device.store().remove(m.messageId());                  // gone from the server
            }
        }
        if (newestId != null) {
            if (textOnSync()) {
                for (LocalMessage m : device.store().all()) {
                    if (!m.bodyLocal()) {
                        fetchText(device, mirror, c, m, false);
                    }
                }
            }
            // online: the newest message is listed and its text is one fetch away; disconnected: its text is local
            s.socket().tap().mark(Strategy.NEWEST_READABLE);
        }
    }

    /** The best resynchronisation this server offers, no better than the strategy allows. */
    private Resync resyncFor(ImapClient c) {
        if (best == Resync.QRESYNC && c.hasCapability("QRESYNC")) {
            return Resync.QRESYNC;
        }
        if (best != Resync.UID_COMPARISON && c.hasCapability("CONDSTORE")) {
            return Resync.CONDSTORE;
        }
        return Resync.UID_COMPARISON;
    }

    /**
     * RFC 7162 §3.2.5 / §6: {@code SELECT box (QRESYNC (uidvalidity modseq known-uids))} brings back only
     * the UIDs that vanished (VANISHED (EARLIER)) and the FETCHes of messages changed since; new messages
     * are among the changed. Without a remembered state (first time, or UIDVALIDITY changed) it starts
     * from the UID comparison.
     */
    private List<Long> qresync(DeviceContext device, Mirror mirror, ImapClient c, String mailbox, String folder,
            Map<Long, String> known, MailboxState before, Set<String> present) {
        if (before == null || known.isEmpty()) {
            Selected sel = Selected.of(c.select(mailbox));
            List<Long> fresh = compareUids(device, c, folder, known, present);
            remember(mirror, folder, sel);
            return fresh;
        }
        Selected sel = c.selectQresync(mailbox, before.uidValidity(), before.highestModSeq(),
                Optional.of(SequenceSet.ofNumbers(new java.util.TreeSet<>(known.keySet()))));
        if (sel.uidValidity() != before.uidValidity() || sel.noModSeq() || sel.highestModSeq().isEmpty()) {
            known.clear();                                             // RFC 7162 §3.2.5.2: the cache is void
            List<Long> fresh = compareUids(device, c, folder, known, present);
            remember(mirror, folder, sel);
            return fresh;
        }
        sel.vanished().forEach(known::remove);
        List<Long> fresh = new ArrayList<>();
        for (Response.Fetch f : sel.changed()) {
            long uid = uid(f);                                         // RFC 7162 §3.2.5.2: UID is always sent
            if (known.containsKey(uid)) {
                applyFlags(device, folder, known.get(uid), f);
            } else {
                fresh.add(uid);
            }
        }
        if (known.size() + fresh.size() != sel.exists()) {
            // the counts disagree (a server that dropped some of its history): compare UIDs after all
            fresh = compareUids(device, c, folder, known, present);
        } else {
            known.values().forEach(present::add);
        }
        remember(mirror, folder, sel);
        return fresh.stream().sorted().toList();
    }

    /**
     * CONDSTORE only (RFC 7162 §3.1): {@code UID FETCH 1:* (FLAGS) (CHANGEDSINCE modseq)} for the flag
     * changes, and {@code UID SEARCH ALL} for what vanished and what is new.
     */
    private List<Long> condstore(DeviceContext device, Mirror mirror, ImapClient c, String mailbox, String folder,
            Map<Long, String> known, MailboxState before, Set<String> present) {
        Selected sel = c.selectCondstore(mailbox);
        if (before == null || known.isEmpty() || sel.uidValidity() != before.uidValidity() || sel.noModSeq()
                || sel.highestModSeq().isEmpty()) {
            if (before != null && sel.uidValidity() != before.uidValidity()) {
                known.clear();
            }
            List<Long> fresh = compareUids(device, c, folder, known, present);
            remember(mirror, folder, sel);
            return fresh;
        }
        List<Long> onServer = c.search(true, new SearchKey.Flag(SearchKey.Simple.ALL));
        known.keySet().retainAll(onServer);                            // vanished UIDs
        if (!known.isEmpty()) {
            for (Response.Fetch f : c.fetchChangedSince(true, SequenceSet.range(1, SequenceSet.STAR),
                    List.of(item(FetchAttribute.Item.FLAGS)), before.highestModSeq()).all(Response.Fetch.class)) {
                long uid = uid(f);
                if (known.containsKey(uid)) {
                    applyFlags(device, folder, known.get(uid), f);
                }
            }
        }
        known.values().forEach(present::add);
        remember(mirror, folder, sel);
        return onServer.stream().filter(u -> !known.containsKey(u)).sorted().toList();
    }

    private static void remember(Mirror mirror, String folder, Selected sel) {
        if (sel.highestModSeq().isPresent() && !sel.noModSeq()) {
            mirror.states.put(folder, new MailboxState(sel.uidValidity(), sel.highestModSeq().getAsLong()));
        } else {
            mirror.states.remove(folder);
        }
    }

    /** The fallback that works on every server: UID SEARCH ALL, then every known UID's FLAGS compared. */
    private List<Long> compareUids(DeviceContext device, ImapClient c, String folder, Map<Long, String> known,
            Set<String> present) {
        List<Long> onServer = c.search(true, new SearchKey.Flag(SearchKey.Simple.ALL));
        known.keySet().retainAll(onServer);                            // vanished UIDs
        if (!known.isEmpty()) {                                        // flag changes, by comparison
            for (Response.Fetch f : c.fetch(true, SequenceSet.ofNumbers(known.keySet()),
                    List.of(item(FetchAttribute.Item.FLAGS))).all(Response.Fetch.class)) {
                long uid = uid(f);
                String id = known.get(uid);
                applyFlags(device, folder, id, f);
                present.add(id);
            }
        }
        return onServer.stream().filter(u -> !known.containsKey(u)).sorted().toList();
    }

    private static void applyFlags(DeviceContext device, String folder, String id, Response.Fetch f) {
        flags(f).ifPresent(flags -> device.store().get(id).ifPresent(m -> device.store().put(
                withFlags(m, flags).withFolder(folder))));
    }

    /** New UIDs get ENVELOPE, FLAGS, RFC822.SIZE and BODYSTRUCTURE; the newest INBOX one is noted. */
    private void fetchNew(DeviceContext device, Mirror mirror, ImapClient c, String folder, Map<Long, String> known,
            List<Long> fresh, Set<String> present, long[] newestUid, String[] newestId) {
        if (fresh.isEmpty()) {
            return;
        }
        List<FetchAttribute> items = List.of(item(FetchAttribute.Item.UID), item(FetchAttribute.Item.FLAGS),
                item(FetchAttribute.Item.RFC822_SIZE), item(FetchAttribute.Item.ENVELOPE),
                item(FetchAttribute.Item.BODYSTRUCTURE));
        for (Response.Fetch f : c.fetch(true, SequenceSet.ofNumbers(fresh), items).all(Response.Fetch.class)) {
            long uid = uid(f);
            Envelope env = find(f, FetchData.EnvelopeData.class).map(FetchData.EnvelopeData::envelope).orElseThrow();
            // the simulation names messages by Message-ID without its angle brackets (MessageIds)
            String id = env.messageId().map(v -> v.strip().replaceAll("^<|>$", "")).filter(v -> !v.isEmpty())
                    .orElse("imap:" + folder + "/" + uid);
            String subject = env.subject().orElse("");
            String from = env.from().isEmpty() ? "" : address(env.from().get(0));
            find(f, FetchData.Structure.class).ifPresent(st -> mirror.structures.put(id, st.body()));
            known.put(uid, id);
            device.store().remember(folder + "/" + uid, device.now());
            present.add(id);
            long summary = subject.length() + from.length() + id.length();
            LocalMessage old = device.store().get(id).orElse(null);
            LocalMessage m = old != null ? old.withFolder(folder)
                    : new LocalMessage(id, Long.toString(uid), subject, from, summary, false, false,
                            false, false, false, folder, device.now());
            device.store().put(withFlags(m, flags(f).orElse(List.of())));
            if (old == null && folder.equals(DeviceStore.INBOX) && uid > newestUid[0]) {
                newestUid[0] = uid;
                newestId[0] = id;
            }
        }
    }

    // ---------------------------------------------------------------- fetching parts

    /** Fetches the text part (and the attachments if asked) of a message, as BODYSTRUCTURE says. */
    LocalMessage fetchText(DeviceContext device, Mirror mirror, ImapClient c, LocalMessage m, boolean attachments) {
        Optional<Long> uid = uidOf(mirror, m);
        if (uid.isEmpty()) {
            return m;
        }
        if (!m.folder().equals(selected)) {
            c.select(serverName(m.folder()));
            selected = m.folder();
        }
        BodyStructure structure = mirror.structures.get(m.messageId());
        List<List<Integer>> textParts = new ArrayList<>();
        List<List<Integer>> otherParts = new ArrayList<>();
        parts(structure, new ArrayList<>(), textParts, otherParts);
        long got = m.storedBytes();
        boolean complete = m.complete();
        List<FetchAttribute> items = new ArrayList<>();
        if (!m.bodyLocal()) {
            items.add(new FetchAttribute.Body(new Section(textParts.isEmpty() ? List.of() : textParts.get(0),
                    textParts.isEmpty() ? Section.Text.TEXT : Section.Text.ALL, List.of()), true, Optional.empty()));
        }
        if (attachments) {
            for (List<Integer> p : otherParts) {
                items.add(new FetchAttribute.Body(new Section(p, Section.Text.ALL, List.of()), true, Optional.empty()));
            }
        }
        if (items.isEmpty()) {
            return m;
        }
        for (Response.Fetch f : c.fetch(true, SequenceSet.single(uid.get()), items).all(Response.Fetch.class)) {
            for (FetchData d : f.items()) {
                if (d instanceof FetchData.BodySection b && b.content().isPresent()) {
                    got += size(b.content().get());
                }
            }
        }
        complete = complete || attachments || otherParts.isEmpty();
        LocalMessage updated = new LocalMessage(m.messageId(), m.serverKey(), m.subject(), m.from(), got, complete,
                true, m.seen(), m.flagged(), m.answered(), m.folder(), m.fetchedAt());
        device.store().put(updated);
        if (complete && !m.complete()) {
            device.downloaded(m.messageId(), got);
        }
        return updated;
    }

    private String selected;

    private static long size(Literal l) {
        try (InputStream in = l.open()) {
            return in.transferTo(java.io.OutputStream.nullOutputStream());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Part paths (RFC 9051 §6.4.5): text/* leaves first found are the readable text, the rest attachments. */
    private static void parts(BodyStructure b, List<Integer> path, List<List<Integer>> text, List<List<Integer>> other) {
        if (b == null) {
            return;
        }
        if (b instanceof BodyStructure.Multi multi) {
            for (int i = 0; i < multi.parts().size(); i++) {
                List<Integer> p = new ArrayList<>(path);
                p.add(i + 1);
                parts(multi.parts().get(i), p, text, other);
            }
        } else if (b instanceof BodyStructure.Single single) {
            List<Integer> p = path.isEmpty() ? List.of(1) : path;
            boolean attachment = single.extension().flatMap(BodyStructure.SingleExtension::disposition)
                    .map(d -> d.type().equalsIgnoreCase("attachment")).orElse(false);
            if (single.type().equalsIgnoreCase("text") && !attachment && text.isEmpty()) {
                text.add(p);
            } else {
                other.add(p);
            }
        }
    }

    // ---------------------------------------------------------------- user actions

    @Override
    public void act(DeviceContext device, Action action) throws IOException {
        Mirror mirror = mirror(device);
        if (action instanceof Action.Search search) {
            if (device.online() && searchOnServer()) {
                try (Session s = login(device, "search")) {
                    device.searched(search.text(), serverSearch(s.client(), search.text()));
                } catch (UncheckedIOException e) {
                    throw e.getCause();
                }
            } else {
                device.searched(search.text(), localSearch(device, search.text()));
            }
            return;
        }
        List<LocalMessage> chosen = chosen(device, action);
        if (chosen.isEmpty()) {
            return;
        }
        List<Pending> changes = new ArrayList<>();
        boolean fetchBodies = false;
        boolean attachments = false;
        int unreadable = 0;
        for (LocalMessage m : chosen) {
            if (action instanceof Action.Open open) {
                boolean missing = !m.bodyLocal() || (open.withAttachments() && !m.complete());
                if (missing && !device.online()) {
                    unreadable++;                              // what the device does not hold, it cannot show
                    continue;
                }
                device.store().put(m.withSeen(true));
                changes.add(new Pending.AddFlags(m.messageId(), List.of(SEEN)));
                fetchBodies |= missing;
                attachments |= open.withAttachments();
            } else if (action instanceof Action.MarkRead) {
                device.store().put(m.withSeen(true));
                changes.add(new Pending.AddFlags(m.messageId(), List.of(SEEN)));
            } else if (action instanceof Action.Flag) {
                device.store().put(m.withFlagged(true));
                changes.add(new Pending.AddFlags(m.messageId(), List.of(FLAGGED)));
            } else if (action instanceof Action.Answer) {
                device.store().put(m.withAnswered(true).withSeen(true));
                changes.add(new Pending.AddFlags(m.messageId(), List.of(ANSWERED, SEEN)));
            } else if (action instanceof Action.Move move) {
                device.store().put(m.withFolder(move.folder()));
                changes.add(new Pending.MoveTo(m.messageId(), move.folder()));
            } else if (action instanceof Action.Delete) {
                device.store().remove(m.messageId());
                changes.add(new Pending.Remove(m.messageId()));
            }
        }
        if (unreadable > 0) {
            device.couldNotOpen(unreadable);
        }
        boolean tellNow = workOnline() && !changes.isEmpty();
        if (!device.online() || !(fetchBodies || tellNow)) {
            mirror.pending.addAll(changes);                    // told to the server at the next check
            return;
        }
        // Online, or disconnected but asked for what it does not hold: both go to the server for it.
        try (Session s = login(device, action instanceof Action.Open ? "open" : "change")) {
            selected = null;
            if (fetchBodies) {
                for (LocalMessage m : chosen) {
                    LocalMessage now = device.store().get(m.messageId()).orElse(m);
                    fetchText(device, mirror, s.client(), now, attachments && !now.complete());
                }
            }
            mirror.pending.addAll(changes);
            if (tellNow) {
                replay(device, mirror, s.client());
            }
            selected = null;
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    /** Online: actions go to the server at once. Disconnected: they wait for the next check. */
    abstract boolean workOnline();

    /** Online: SEARCH runs on the server. Disconnected: on the device's copies. */
    abstract boolean searchOnServer();

    private static List<LocalMessage> chosen(DeviceContext device, Action action) {
        Selector which = null;
        if (action instanceof Action.Open o) {
            which = o.which();
        } else if (action instanceof Action.MarkRead r) {
            which = r.which();
        } else if (action instanceof Action.Flag f) {
            which = f.which();
        } else if (action instanceof Action.Answer a) {
            which = a.which();
        } else if (action instanceof Action.Move m) {
            which = m.which();
        } else if (action instanceof Action.Delete d) {
            which = d.which();
        }
        if (which == null) {
            return List.of();
        }
        List<LocalMessage> chosen = device.store().select(which);
        if (action instanceof Action.Open && (which.kind() == Selector.Kind.NEWEST || which.kind() == Selector.Kind.OLDEST)
                && chosen.size() < which.count()) {
            device.couldNotOpen(which.count() - chosen.size());
        }
        return chosen;
    }

    private static int localSearch(DeviceContext device, String text) {
        String needle = text.toLowerCase(Locale.ROOT);
        return (int) device.store().all().stream()
                .filter(m -> m.subject().toLowerCase(Locale.ROOT).contains(needle)
                        || m.from().toLowerCase(Locale.ROOT).contains(needle))
                .count();
    }

    /** UID SEARCH OR SUBJECT x FROM x in every mailbox (RFC 9051 §6.4.4): the server holds all the mail. */
    private static int serverSearch(ImapClient c, String text) {
        int found = 0;
        for (Response r : c.execute(new Command.ListMailboxes(List.of(), "", List.of("*"), List.of(), List.of())).orThrow().untagged()) {
            if (r instanceof Response.ListItem e && !e.lsub() && e.attributes().stream().noneMatch(a -> a.equalsIgnoreCase("\\Noselect"))) {
                c.examine(e.mailbox());
                found += c.search(true, new SearchKey.Or(new SearchKey.Text(SearchKey.TextField.SUBJECT, text),
                        new SearchKey.Text(SearchKey.TextField.FROM, text))).size();
            }
        }
        return found;
    }

    // ---------------------------------------------------------------- replay

    /** Tells the server the queued changes, by UID (RFC 4549 §4.2): STORE, MOVE, STORE \Deleted + UID EXPUNGE. */
    void replay(DeviceContext device, Mirror mirror, ImapClient c) {
        if (mirror.pending.isEmpty()) {
            return;
        }
        Set<String> created = new LinkedHashSet<>();
        for (Pending p : List.copyOf(mirror.pending)) {
            Optional<Map.Entry<String, Long>> where = locate(mirror, p.messageId());
            if (where.isEmpty()) {
                continue;                                     // never reached this device's mirror, or gone
            }
            String folder = where.get().getKey();
            long uid = where.get().getValue();
            if (!folder.equals(selected)) {
                c.select(serverName(folder));
                selected = folder;
            }
            SequenceSet one = SequenceSet.single(uid);
            if (p instanceof Pending.AddFlags f) {
                c.execute(new Command.Store(true, one, Command.StoreMode.ADD, true, f.flags()));
            } else if (p instanceof Pending.MoveTo m && !m.folder().equals(folder)) {
                if (!m.folder().equals(DeviceStore.INBOX) && created.add(m.folder())) {
                    c.execute(new Command.Create(m.folder(), List.of()));   // NO if it exists: fine
                }
                if (c.execute(new Command.Move(true, one, serverName(m.folder()))).ok()) {
                    mirror.uids.get(folder).remove(uid);
                }
            } else if (p instanceof Pending.Remove) {
                c.execute(new Command.Store(true, one, Command.StoreMode.ADD, true, List.of(DELETED)));
                if (c.execute(new Command.UidExpunge(one)).ok()) {
                    mirror.uids.get(folder).remove(uid);
                }
            }
        }
        mirror.pending.clear();
        selected = null;
    }

    private static Optional<Map.Entry<String, Long>> locate(Mirror mirror, String messageId) {
        for (Map.Entry<String, Map<Long, String>> box : mirror.uids.entrySet()) {
            for (Map.Entry<Long, String> e : box.getValue().entrySet()) {
                if (e.getValue().equals(messageId)) {
                    return Optional.of(Map.entry(box.getKey(), e.getKey()));
                }
            }
        }
        return Optional.empty();
    }

    private static Optional<Long> uidOf(Mirror mirror, LocalMessage m) {
        return Optional.ofNullable(mirror.uids.get(m.folder())).flatMap(box -> box.entrySet().stream()
                .filter(e -> e.getValue().equals(m.messageId())).map(Map.Entry::getKey).findFirst());
    }

    private static String serverName(String folder) {
        return folder.equals(DeviceStore.INBOX) ? "INBOX" : folder;
    }

    // ---------------------------------------------------------------- small helpers

    static FetchAttribute item(FetchAttribute.Item item) {
        return new FetchAttribute.Simple(item);
    }

    static <T extends FetchData> Optional<T> find(Response.Fetch f, Class<T> type) {
        return f.items().stream().filter(type::isInstance).map(type::cast).findFirst();
    }

    static long uid(Response.Fetch f) {
        return find(f, FetchData.Uid.class).map(FetchData.Uid::uid).orElseThrow(
                () -> new IllegalStateException("the server left UID out of a UID FETCH response (RFC 9051 §6.4.9)"));
    }

    static Optional<List<String>> flags(Response.Fetch f) {
        return find(f, FetchData.Flags.class).map(FetchData.Flags::flags);
    }

    static LocalMessage withFlags(LocalMessage m, List<String> flags) {
        boolean seen = flags.stream().anyMatch(SEEN::equalsIgnoreCase);
        boolean flagged = flags.stream().anyMatch(FLAGGED::equalsIgnoreCase);
        boolean answered = flags.stream().anyMatch(ANSWERED::equalsIgnoreCase);
        return m.withSeen(seen).withFlagged(flagged).withAnswered(answered);
    }

    static String address(Address a) {
        return a.mailbox().orElse("") + "@" + a.host().orElse("");
    }
}
