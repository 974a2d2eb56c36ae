package org.maillab.imap.session;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.maillab.imap.codec.Command;
import org.maillab.imap.codec.Response;
import org.maillab.imap.sort.SortHeader;
import org.maillab.imap.sort.SortMessage;
import org.maillab.imap.sort.Sorter;
import org.maillab.imap.sort.Threader;
import org.maillab.mailstore.MailStoreException;
import org.maillab.mailstore.Mailbox;
import org.maillab.mailstore.MessageContent;

/**
 * SORT and THREAD (RFC 5256) over the matches of a search: the session runs the search exactly as for
 * SEARCH, this class turns the matches into the SORT or THREAD response. The algorithms themselves are
 * I/O-free, in {@code org.maillab.imap.sort}.
 */
final class SortCommands {

    /** Advertised only because every sort key and both algorithms are implemented in full. */
    static final List<String> CAPABILITIES = List.of("SORT", "THREAD=ORDEREDSUBJECT", "THREAD=REFERENCES");

    private SortCommands() {
    }

    /**
     * {@code * SORT ...}: the matches in the order of the criteria; with {@code (MODSEQ n)}, the highest
     * mod-sequence of the matches, when the search used MODSEQ and found something (RFC 7162 §3.1.9).
     */
    static Response sort(Command.Sort c, Mailbox view, MimeStructure mime, List<SearchMatch> matches,
            boolean modSeqKey) {
        List<Long> numbers = new ArrayList<>();
        for (SortMessage m : Sorter.sort(messages(view, mime, matches, c.uid()), c.criteria())) {
            numbers.add(m.number());
        }
        OptionalLong highest = modSeqKey && !numbers.isEmpty()
                ? OptionalLong.of(matches.stream().mapToLong(m -> m.info().modSeq()).max().orElse(0))
                : OptionalLong.empty();
        return new Response.Sort(numbers, highest);
    }

    /** {@code * THREAD ...}: the matches threaded by the algorithm. */
    static Response thread(Command.Thread c, Mailbox view, MimeStructure mime, List<SearchMatch> matches) {
        return new Response.Thread(Threader.thread(c.algorithm(), messages(view, mime, matches, c.uid())));
    }

    /**
     * The matches with their sort fields. A message another session expunged since the search is left
     * out, as SEARCH leaves it out (RFC 2180 §4.3).
     */
    private static List<SortMessage> messages(Mailbox view, MimeStructure mime, List<SearchMatch> matches,
            boolean uid) {
        List<SortMessage> out = new ArrayList<>(matches.size());
        for (SearchMatch m : matches) {
            long id = m.info().uid();
            SortHeader header;
            try {
                header = mime.sortHeader(id, () -> view.content(id));
            } catch (MailStoreException e) {
                if (e.reason() == MailStoreException.Reason.NONEXISTENT && view.message(id).isEmpty()) {
                    continue;
                }
                throw e;
            }
            out.add(new SortMessage(uid ? id : m.sequence(), m.sequence(), m.info().internalDate().toEpochMilli(),
                    m.info().size(), header));
        }
        return out;
    }

    /** Reads the fields SORT and THREAD use from a message's header block (never its body). */
    static SortHeader readHeader(MessageContent content) {
        Map<String, String> first = new HashMap<>();
        for (HeaderBlock.Field f : HeaderBlock.read(content).fields()) {
            first.putIfAbsent(f.lowerName(), f.value());
        }
        return SortHeader.of(name -> Optional.ofNullable(first.get(name.toLowerCase(Locale.ROOT))));
    }
}
