package org.maillab.imap.codec;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The commands of IMAP4rev2 (RFC 9051 §6) and IMAP4rev1 (RFC 3501 §6), with the extensions MailLab
 * serves: IDLE (2177), UIDPLUS (4315), MOVE (6851), NAMESPACE (2342), ENABLE (5161), UNSELECT (3691),
 * ID (2971), SPECIAL-USE (6154), LIST-EXTENDED (5258), LIST-STATUS (5819), ESEARCH (4731), SEARCHRES
 * (5182), SASL-IR (4959). One record per command; the tag travels beside it in {@link ParsedCommand}.
 *
 * <p>Mailbox names are kept as sent (modified UTF-7 unless UTF8=ACCEPT is enabled); the session
 * decodes them with {@link ModifiedUtf7}.
 */
public sealed interface Command {

    /** The command name as written on the wire, e.g. {@code UID FETCH}. */
    default String name() {
        return CommandFormatter.name(this);
    }

    // Any state (RFC 9051 §6.1)

    record Capability() implements Command {
    }

    record Noop() implements Command {
    }

    record Logout() implements Command {
    }

    /** RFC 2971. Empty for {@code ID NIL}. */
    record Id(Optional<List<IdField>> fields) implements Command {
    }

    // Not authenticated (RFC 9051 §6.2)

    record StartTls() implements Command {
    }

    /**
     * AUTHENTICATE mechanism [initial-response] (SASL-IR, RFC 4959). The initial response is base64 as
     * sent; {@code =} (an empty response) is kept as {@code "="}.
     */
    record Authenticate(String mechanism, Optional<String> initialResponse) implements Command {
        @Override
        public String toString() {
            return "Authenticate[mechanism=" + mechanism + ", initialResponse=" + (initialResponse.isPresent()
                    ? "***" : "none") + "]";
        }
    }

    record Login(String user, String password) implements Command {
        @Override
        public String toString() {
            return "Login[user=" + user + ", password=***]";
        }
    }

    // Authenticated (RFC 9051 §6.3)

    record Enable(List<String> capabilities) implements Command {
        public Enable {
            capabilities = List.copyOf(capabilities);
        }
    }

    /**
     * SELECT, with {@code (CONDSTORE)} when {@code condstore} (RFC 7162 §3.1.8) and the QRESYNC
     * parameter when present (RFC 7162 §3.2.5).
     */
    record Select(String mailbox, boolean condstore, Optional<Qresync> qresync) implements Command {
        public Select(String mailbox) {
            this(mailbox, false, Optional.empty());
        }

        public Select(String mailbox, boolean condstore) {
            this(mailbox, condstore, Optional.empty());
        }
    }

    /** EXAMINE, with the same parameters as {@link Select}. */
    record Examine(String mailbox, boolean condstore, Optional<Qresync> qresync) implements Command {
        public Examine(String mailbox) {
            this(mailbox, false, Optional.empty());
        }

        public Examine(String mailbox, boolean condstore) {
            this(mailbox, condstore, Optional.empty());
        }
    }

    /**
     * The QRESYNC select parameter (RFC 7162 §3.2.5): what the client last knew — UIDVALIDITY, its
     * HIGHESTMODSEQ, optionally the UIDs it knows and sequence-match data (known sequence numbers and
     * their UIDs).
     */
    record Qresync(long uidValidity, long modSeq, Optional<SequenceSet> knownUids,
            Optional<SequenceSet> knownSequences, Optional<SequenceSet> knownSequenceUids) {
    }

    /** CREATE, optionally with special-use attributes (RFC 6154 §3, {@code (USE (\Sent))}). */
    record Create(String mailbox, List<String> specialUse) implements Command {
        public Create {
            specialUse = List.copyOf(specialUse);
        }
    }

    record Delete(String mailbox) implements Command {
    }

    record Rename(String from, String to) implements Command {
    }

    record Subscribe(String mailbox) implements Command {
    }

    record Unsubscribe(String mailbox) implements Command {
    }

    /**
     * LIST with LIST-EXTENDED selection and return options (RFC 5258), LIST-STATUS (RFC 5819) and
     * SPECIAL-USE (RFC 6154). A basic LIST has no options and one pattern.
     */
    record ListMailboxes(List<ListSelect> select, String reference, List<String> patterns, List<ListReturn> returns,
            List<StatusItem> returnStatus) implements Command {
        public ListMailboxes {
            select = List.copyOf(select);
            patterns = List.copyOf(patterns);
            returns = List.copyOf(returns);
            returnStatus = List.copyOf(returnStatus);
            if (patterns.isEmpty()) {
                throw new IllegalArgumentException("LIST needs a pattern");
            }
        }
    }

    /** RFC 3501 §6.3.9 (deprecated by RFC 9051 but still served). */
    record Lsub(String reference, String pattern) implements Command {
    }

    record Namespace() implements Command {
    }

    record Status(String mailbox, List<StatusItem> items) implements Command {
        public Status {
            items = List.copyOf(items);
            if (items.isEmpty()) {
                throw new IllegalArgumentException("STATUS needs an item");
            }
        }
    }

    /** APPEND; {@code binary} when the message came as {@code ~{n}} (RFC 3516 §4.4). */
    record Append(String mailbox, List<String> flags, Optional<OffsetDateTime> internalDate, Literal message,
            boolean binary) implements Command {
        public Append {
            flags = List.copyOf(flags);
        }
    }

    /** RFC 2177. The client ends it with a {@code DONE} line, which the session reads as raw text. */
    record Idle() implements Command {
    }

    // Selected (RFC 9051 §6.4)

    /** RFC 3501 §6.4.1; RFC 9051 treats it as NOOP. */
    record Check() implements Command {
    }

    record Close() implements Command {
    }

    record Unselect() implements Command {
    }

    record Expunge() implements Command {
    }

    /** UID EXPUNGE (RFC 4315 §2.1). */
    record UidExpunge(SequenceSet uids) implements Command {
    }

    /**
     * SEARCH / UID SEARCH. {@code returns} empty means no RETURN: the answer is an RFC 3501 style
     * SEARCH response; present (even empty, {@code RETURN ()}) means ESEARCH (RFC 4731).
     */
    record Search(boolean uid, Optional<List<SearchReturn>> returns, Optional<String> charset, List<SearchKey> keys)
            implements Command {
        public Search {
            returns = returns.map(List::copyOf);
            keys = List.copyOf(keys);
            if (keys.isEmpty()) {
                throw new IllegalArgumentException("SEARCH needs a key");
            }
        }
    }

    /**
     * FETCH / UID FETCH, optionally with the {@code (CHANGEDSINCE n)} modifier (RFC 7162 §3.1.4) and
     * {@code VANISHED} with it (§3.2.6).
     */
    record Fetch(boolean uid, SequenceSet set, List<FetchAttribute> items, OptionalLong changedSince,
            boolean vanished) implements Command {
        public Fetch(boolean uid, SequenceSet set, List<FetchAttribute> items) {
            this(uid, set, items, OptionalLong.empty(), false);
        }

        public Fetch(boolean uid, SequenceSet set, List<FetchAttribute> items, OptionalLong changedSince) {
            this(uid, set, items, changedSince, false);
        }

        public Fetch {
            items = List.copyOf(items);
            if (items.isEmpty()) {
                throw new IllegalArgumentException("FETCH needs an item");
            }
        }
    }

    /** STORE / UID STORE, optionally with the {@code (UNCHANGEDSINCE n)} modifier (RFC 7162 §3.1.3). */
    record Store(boolean uid, SequenceSet set, StoreMode mode, boolean silent, List<String> flags,
            OptionalLong unchangedSince) implements Command {
        public Store(boolean uid, SequenceSet set, StoreMode mode, boolean silent, List<String> flags) {
            this(uid, set, mode, silent, flags, OptionalLong.empty());
        }

        public Store {
            flags = List.copyOf(flags);
        }
    }

    record Copy(boolean uid, SequenceSet set, String mailbox) implements Command {
    }

    /** RFC 6851. */
    record Move(boolean uid, SequenceSet set, String mailbox) implements Command {
    }

    /** One ID parameter: a field name and its value or NIL. */
    record IdField(String name, Optional<String> value) {
    }

    /** How STORE changes flags. */
    enum StoreMode {
        /** {@code FLAGS}. */
        REPLACE(""),
        /** {@code +FLAGS}. */
        ADD("+"),
        /** {@code -FLAGS}. */
        REMOVE("-");

        private final String prefix;

        StoreMode(String prefix) {
            this.prefix = prefix;
        }

        public String prefix() {
            return prefix;
        }
    }

    /** LIST selection options (RFC 5258 §3.1, RFC 6154 §5). */
    enum ListSelect {
        SUBSCRIBED("SUBSCRIBED"),
        REMOTE("REMOTE"),
        RECURSIVEMATCH("RECURSIVEMATCH"),
        SPECIAL_USE("SPECIAL-USE");

        private final String wire;

        ListSelect(String wire) {
            this.wire = wire;
        }

        public String wire() {
            return wire;
        }
    }

    /** LIST return options (RFC 5258 §3.2, RFC 6154 §5); STATUS is {@link ListMailboxes#returnStatus}. */
    enum ListReturn {
        SUBSCRIBED("SUBSCRIBED"),
        CHILDREN("CHILDREN"),
        SPECIAL_USE("SPECIAL-USE");

        private final String wire;

        ListReturn(String wire) {
            this.wire = wire;
        }

        public String wire() {
            return wire;
        }
    }

    /** ESEARCH return options (RFC 4731 §3.1, RFC 5182 SAVE). */
    enum SearchReturn {
        MIN, MAX, ALL, COUNT, SAVE
    }

    // ACL (RFC 4314 §3): identifiers and rights are kept as sent; the session checks them

    /**
     * {@code SETACL mailbox identifier mod-rights} (RFC 4314 §3.1): {@code rights} is the third argument
     * as sent, an optional {@code +} or {@code -} then rights letters. The parser accepts only the
     * letters RFC 4314 defines ({@code lrswipkxtea} and the obsolete {@code c} and {@code d}).
     */
    record SetAcl(String mailbox, String identifier, String rights) implements Command {
    }

    /** {@code DELETEACL mailbox identifier} (RFC 4314 §3.2). */
    record DeleteAcl(String mailbox, String identifier) implements Command {
    }

    /** {@code GETACL mailbox} (RFC 4314 §3.3). */
    record GetAcl(String mailbox) implements Command {
    }

    /** {@code LISTRIGHTS mailbox identifier} (RFC 4314 §3.4). */
    record ListRights(String mailbox, String identifier) implements Command {
    }

    /** {@code MYRIGHTS mailbox} (RFC 4314 §3.5). */
    record MyRights(String mailbox) implements Command {
    }

    /** COMPRESS mechanism (RFC 4978 §3); {@code DEFLATE} is the only mechanism defined. */
    record Compress(String mechanism) implements Command {
    }

    // QUOTA (RFC 9208 §4.1)

    /** {@code GETQUOTA quota-root} (RFC 9208 §4.1.1). */
    record GetQuota(String root) implements Command {
    }

    /** {@code GETQUOTAROOT mailbox} (RFC 9208 §4.1.2); the mailbox need not exist. */
    record GetQuotaRoot(String mailbox) implements Command {
    }

    /**
     * {@code SETQUOTA quota-root (resource limit ...)} (RFC 9208 §4.1.3): the list replaces every limit
     * of the root, so an empty list removes them all.
     */
    record SetQuota(String root, List<QuotaLimit> limits) implements Command {
        public SetQuota {
            limits = List.copyOf(limits);
        }
    }

    /** One {@code setquota-resource}: a resource name, upper case as the parser gives it, and its limit. */
    record QuotaLimit(String resource, long limit) {
    }

    /**
     * SORT / UID SORT (RFC 5256 §3): search with {@code keys}, then order by {@code criteria}. The
     * charset is mandatory here, unlike SEARCH.
     */
    record Sort(boolean uid, List<SortCriterion> criteria, String charset, List<SearchKey> keys) implements Command {
        public Sort {
            criteria = List.copyOf(criteria);
            keys = List.copyOf(keys);
            if (criteria.isEmpty() || keys.isEmpty()) {
                throw new IllegalArgumentException("SORT needs a criterion and a search key");
            }
        }
    }

    /** THREAD / UID THREAD (RFC 5256 §3): search with {@code keys}, then thread by {@code algorithm}. */
    record Thread(boolean uid, ThreadAlgorithm algorithm, String charset, List<SearchKey> keys) implements Command {
        public Thread {
            keys = List.copyOf(keys);
            if (keys.isEmpty()) {
                throw new IllegalArgumentException("THREAD needs a search key");
            }
        }
    }
}
