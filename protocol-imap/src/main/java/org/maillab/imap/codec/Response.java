package org.maillab.imap.codec;

import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Server responses (RFC 9051 §7) as values. The server formats them with {@link ResponseFormatter};
 * the client reads them with {@link ResponseParser}; each type round-trips.
 */
public sealed interface Response {

    /** Status of a tagged or untagged condition response. */
    enum Status {
        OK, NO, BAD, PREAUTH, BYE
    }

    /** {@code + text}: the server waits for a literal or an AUTHENTICATE response (RFC 9051 §7.5). */
    record Continuation(String text) implements Response {
    }

    /** {@code tag OK/NO/BAD [code] text}: the command is done (RFC 9051 §7.1). */
    record Tagged(String tag, Status status, Optional<ResponseCode> code, String text) implements Response {
        public Tagged {
            if (status == Status.PREAUTH || status == Status.BYE) {
                throw new IllegalArgumentException("tagged responses are OK, NO or BAD");
            }
        }
    }

    /** {@code * OK/NO/BAD/PREAUTH/BYE [code] text} (RFC 9051 §7.1). */
    record Condition(Status status, Optional<ResponseCode> code, String text) implements Response {
    }

    /** {@code * CAPABILITY ...} (RFC 9051 §7.2.2). */
    record Capability(List<String> capabilities) implements Response {
        public Capability {
            capabilities = List.copyOf(capabilities);
        }
    }

    /** {@code * ENABLED ...} (RFC 5161 §3.2). */
    record Enabled(List<String> capabilities) implements Response {
        public Enabled {
            capabilities = List.copyOf(capabilities);
        }
    }

    /** {@code * FLAGS (...)} (RFC 9051 §7.3.5). */
    record Flags(List<String> flags) implements Response {
        public Flags {
            flags = List.copyOf(flags);
        }
    }

    /**
     * {@code * LIST (attrs) "/" name [extended]} or {@code * LSUB ...} (RFC 9051 §7.3.1, RFC 5258 §3.5).
     * {@code childInfo} is the CHILDINFO extended item (RECURSIVEMATCH), {@code oldName} OLDNAME.
     */
    record ListItem(boolean lsub, List<String> attributes, Optional<Character> delimiter, String mailbox,
            List<String> childInfo, Optional<String> oldName) implements Response {
        public ListItem {
            attributes = List.copyOf(attributes);
            childInfo = List.copyOf(childInfo);
        }
    }

    /** {@code * NAMESPACE personal other shared} (RFC 2342, RFC 9051 §7.3.2); empty lists are NIL. */
    record Namespace(List<NamespaceEntry> personal, List<NamespaceEntry> other, List<NamespaceEntry> shared)
            implements Response {
        public Namespace {
            personal = List.copyOf(personal);
            other = List.copyOf(other);
            shared = List.copyOf(shared);
        }
    }

    /** One namespace: its prefix and hierarchy delimiter. */
    record NamespaceEntry(String prefix, Optional<Character> delimiter) {
    }

    /** {@code * STATUS name (item value ...)} (RFC 9051 §7.3.4). */
    record StatusData(String mailbox, List<StatusValue> values) implements Response {
        public StatusData {
            values = List.copyOf(values);
        }
    }

    /** One STATUS item and its value. */
    record StatusValue(StatusItem item, long value) {
    }

    /** {@code * n EXISTS} (RFC 9051 §7.4.1). */
    record Exists(long count) implements Response {
    }

    /** {@code * n RECENT} (RFC 3501 §7.3.2; IMAP4rev1 clients only). */
    record Recent(long count) implements Response {
    }

    /** {@code * n EXPUNGE} (RFC 9051 §7.5.1). */
    record Expunge(long sequence) implements Response {
    }

    /** {@code * SEARCH n ...} (RFC 3501 §7.2.5; IMAP4rev1 clients without ESEARCH). */
    record Search(List<Long> numbers, OptionalLong modSeq) implements Response {
        public Search(List<Long> numbers) {
            this(numbers, OptionalLong.empty());
        }

        /** {@code modSeq}: the highest mod-sequence of the matches, after a MODSEQ key (RFC 7162 §3.1.5). */
        public Search {
            numbers = List.copyOf(numbers);
        }
    }

    /** {@code * ESEARCH (TAG "t") [UID] MIN n MAX n ALL set COUNT n} (RFC 4731 §3.1, RFC 9051 §7.3.4). */
    record ESearch(Optional<String> tag, boolean uid, OptionalLong min, OptionalLong max, Optional<SequenceSet> all,
            OptionalLong count, OptionalLong modSeq) implements Response {
        public ESearch(Optional<String> tag, boolean uid, OptionalLong min, OptionalLong max,
                Optional<SequenceSet> all, OptionalLong count) {
            this(tag, uid, min, max, all, count, OptionalLong.empty());
        }
    }

    /** {@code * VANISHED [(EARLIER)] uids}: messages gone, by UID (RFC 7162 §3.2.10). */
    record Vanished(boolean earlier, SequenceSet uids) implements Response {
    }

    /** {@code * n FETCH (...)} (RFC 9051 §7.5.2). */
    record Fetch(long sequence, List<FetchData> items) implements Response {
        public Fetch {
            items = List.copyOf(items);
        }
    }

    /** {@code * ID (...)} or {@code * ID NIL} (RFC 2971 §3.2). */
    record Id(Optional<List<Command.IdField>> fields) implements Response {
    }

    /**
     * {@code * QUOTA root (resource usage limit ...)} (RFC 9208 §4.2.1). Resources not listed are not
     * limited; an empty list means no limits at all.
     */
    record QuotaData(String root, List<QuotaResource> resources) implements Response {
        public QuotaData {
            resources = List.copyOf(resources);
        }
    }

    /** One triplet of a QUOTA response: resource name, usage, limit (RFC 9208 §7 quota-resource). */
    record QuotaResource(String name, long usage, long limit) {
    }

    /** {@code * QUOTAROOT mailbox root ...} (RFC 9208 §4.2.2): zero or more roots. */
    record QuotaRootData(String mailbox, List<String> roots) implements Response {
        public QuotaRootData {
            roots = List.copyOf(roots);
        }
    }
}
