package org.maillab.imap.session;

import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import org.maillab.imap.codec.Command;
import org.maillab.imap.codec.Response;
import org.maillab.imap.codec.ResponseCode;
import org.maillab.mailstore.Account;
import org.maillab.mailstore.MailStore;
import org.maillab.mailstore.MailStoreException;
import org.maillab.mailstore.Mailbox;
import org.maillab.mailstore.MessageInfo;
import org.maillab.mailstore.Quota;
import org.maillab.mailstore.SystemFlag;
import org.maillab.mailstore.acl.AclAccount;
import org.maillab.mailstore.core.MailboxNames;

/**
 * The QUOTA extension (RFC 9208): GETQUOTA, GETQUOTAROOT, SETQUOTA, and STATUS DELETED-STORAGE.
 *
 * <p>Quota roots. Every account has exactly one root, holding all its mailboxes, with two resources:
 * STORAGE (RFC 9208 §5.1, in units of 1024 octets) and MESSAGE (§5.2). A user calls their own root
 * {@code ""}, the name RFC 9208 §4.2.2 uses for "the INBOX is covered by a single quota root" (Dovecot
 * calls it {@code "User quota"}; any name would do, §3.2 makes names opaque, and the empty one cannot be
 * mistaken for a mailbox). An administrator also reaches other accounts' roots as {@code #user/NAME},
 * the form of the SETQUOTA example in §4.1.3.
 *
 * <p>Limits are hard: the store refuses an APPEND, COPY or delivery that would pass one ({@code NO
 * [OVERQUOTA]}, §4.3.1), so the untagged soft-quota warning of §4.3.1 is never needed.
 */
final class QuotaCommands {

    /** RFC 9208 §3.1.1, §9.1: the resources we count and limit, and SETQUOTA (QUOTASET). */
    static final List<String> CAPABILITIES = List.of("QUOTA", "QUOTA=RES-STORAGE", "QUOTA=RES-MESSAGE", "QUOTASET");

    /** What the user calls their own quota root. */
    static final String OWN_ROOT = "";
    /** Prefix of the root names an administrator uses for other accounts. */
    static final String USER_ROOT_PREFIX = "#user/";

    static final String STORAGE = "STORAGE";
    static final String MESSAGE = "MESSAGE";
    private static final long KIB = 1024;

    /** What the session answers: untagged data then OK, or a NO with its code, or a BAD. */
    sealed interface Outcome {
        record Done(List<Response> data, String text) implements Outcome {
        }

        record Refused(ResponseCode code, String text) implements Outcome {
        }

        record Invalid(String text) implements Outcome {
        }
    }

    private final MailStore store;
    private final SessionConfig config;
    private final Account account;

    QuotaCommands(MailStore store, SessionConfig config, Account account) {
        this.store = store;
        this.config = config;
        this.account = account;
    }

    static boolean handles(Command command) {
        return command instanceof Command.GetQuota || command instanceof Command.GetQuotaRoot
                || command instanceof Command.SetQuota;
    }

    Outcome run(Command command) {
        if (command instanceof Command.GetQuota c) {
            return getQuota(c.root());
        } else if (command instanceof Command.GetQuotaRoot c) {
            return getQuotaRoot(c.mailbox());
        } else if (command instanceof Command.SetQuota c) {
            return setQuota(c.root(), c.limits());
        }
        throw new IllegalArgumentException("not a quota command: " + command);
    }

    /** RFC 9208 §4.1.1: the root's usage and limits in one untagged QUOTA. */
    private Outcome getQuota(String root) {
        Resolved r = resolve(root);
        if (r.refusal().isPresent()) {
            return r.refusal().get();
        }
        return new Outcome.Done(List.of(quotaData(root, r.account().orElseThrow().quota())), "GETQUOTA completed");
    }

    /**
     * RFC 9208 §4.1.2: the roots of a mailbox, then each root's QUOTA. The mailbox need not exist (it
     * says which root a new mailbox would fall under); a name that is not valid modified UTF-7 is refused
     * as everywhere else. Another user's or a shared mailbox counts against its owner's root, shown as
     * {@code #user/OWNER} to a user who may read the mailbox (RFC 9208 §6); a namespace node has none.
     */
    private Outcome getQuotaRoot(String mailbox) {
        Optional<String> name = ImapSession.decodeName(mailbox);
        if (name.isEmpty() || !validName(name.get())) {
            return new Outcome.Refused(ResponseCode.CANNOT, "Invalid mailbox name"); // "../bob" too (issue 11)
        }
        Optional<Account> owner;
        try {
            owner = account instanceof AclAccount acl ? acl.quotaOwner(name.get()) : Optional.of(account);
        } catch (MailStoreException e) {
            return new Outcome.Refused(ImapSession.code(e.reason()).orElseThrow(), e.getMessage());
        }
        if (owner.isEmpty()) {
            return new Outcome.Done(List.of(new Response.QuotaRootData(mailbox, List.of())), "GETQUOTAROOT completed");
        }
        String root = owner.get().name().equals(account.name()) ? OWN_ROOT : USER_ROOT_PREFIX + owner.get().name();
        return new Outcome.Done(List.of(new Response.QuotaRootData(mailbox, List.of(root)),
                quotaData(root, owner.get().quota())), "GETQUOTAROOT completed");
    }

    /** Whether a mailbox of this name could exist: the store's rules, so "../bob" is no name. */
    private static boolean validName(String name) {
        try {
            MailboxNames.canonical(name);
            return true;
        } catch (MailStoreException e) {
            return false;
        }
    }

    /**
     * RFC 9208 §4.1.3: the list replaces every limit of the root (a resource left out becomes unlimited),
     * and the new state is reported in an untagged QUOTA. Only administrators may (NOPERM, RFC 5530).
     */
    private Outcome setQuota(String root, List<Command.QuotaLimit> limits) {
        Set<String> named = new HashSet<>();
        for (Command.QuotaLimit limit : limits) {
            if (!named.add(limit.resource())) {
                return new Outcome.Invalid("Resource " + limit.resource() + " named twice");
            }
        }
        if (!config.adminAccounts().contains(account.name())) {
            return new Outcome.Refused(ResponseCode.NOPERM, "Only an administrator may set quotas");
        }
        Resolved r = resolve(root);
        if (r.refusal().isPresent()) {
            return r.refusal().get();
        }
        OptionalLong storage = OptionalLong.empty();
        OptionalLong messages = OptionalLong.empty();
        for (Command.QuotaLimit limit : limits) {
            switch (limit.resource()) {
                case STORAGE -> storage = OptionalLong.of(octets(limit.limit()));
                case MESSAGE -> messages = OptionalLong.of(limit.limit());
                default -> {
                    // RFC 9208 §3.2: "a client MUST be prepared for a SETQUOTA command to fail if a limit
                    // cannot be set"; this server can never limit another resource
                    return new Outcome.Refused(ResponseCode.CANNOT, "Unsupported resource " + limit.resource()
                            + "; this server limits STORAGE and MESSAGE");
                }
            }
        }
        Account target = r.account().orElseThrow();
        target.setQuota(storage, messages);
        return new Outcome.Done(List.of(quotaData(root, target.quota())), "SETQUOTA completed");
    }

    /** A quota root name resolved to its account, or the refusal to give. */
    private record Resolved(Optional<Account> account, Optional<Outcome> refusal) {
        static Resolved of(Account account) {
            return new Resolved(Optional.of(account), Optional.empty());
        }

        static Resolved refused(ResponseCode code, String text) {
            return new Resolved(Optional.empty(), Optional.of(new Outcome.Refused(code, text)));
        }
    }

    private Resolved resolve(String root) {
        if (root.equals(OWN_ROOT)) {
            return Resolved.of(account);
        }
        if (!root.startsWith(USER_ROOT_PREFIX)) {
            return Resolved.refused(ResponseCode.NONEXISTENT, "No such quota root");
        }
        String user = root.substring(USER_ROOT_PREFIX.length());
        if (user.equals(account.name())) {
            return Resolved.of(account);
        }
        if (!config.adminAccounts().contains(account.name())) {
            // said whether or not the account exists, so that nobody learns account names this way
            return Resolved.refused(ResponseCode.NOPERM, "Only an administrator may see other accounts' quotas");
        }
        return store.account(user).map(Resolved::of)
                .orElseGet(() -> Resolved.refused(ResponseCode.NONEXISTENT, "No such quota root"));
    }

    /**
     * The QUOTA response (RFC 9208 §4.2.1): one triplet per limited resource; resources without a limit
     * are left out, as the RFC says they are then not limited. STORAGE in KiB, rounded up for both usage
     * and limit, so a non-empty account never shows 0 and an exact limit shows as itself.
     */
    static Response quotaData(String root, Quota q) {
        List<Response.QuotaResource> resources = new java.util.ArrayList<>();
        q.storageLimit().ifPresent(limit -> resources.add(new Response.QuotaResource(STORAGE, kib(q.storageUsed()),
                kib(limit))));
        q.messageLimit().ifPresent(limit -> resources.add(new Response.QuotaResource(MESSAGE, q.messagesUsed(),
                limit)));
        return new Response.QuotaData(root, resources);
    }

    static long kib(long octets) {
        return octets / KIB + (octets % KIB == 0 ? 0 : 1);
    }

    /** KiB to octets, saturating: a number64 limit may not fit once multiplied. */
    static long octets(long kib) {
        return kib > Long.MAX_VALUE / KIB ? Long.MAX_VALUE : kib * KIB;
    }

    /**
     * STATUS DELETED-STORAGE (RFC 9208 §4.1.4): the octets an EXPUNGE would free, i.e. the sum of the
     * RFC822.SIZE of the \Deleted messages, which is exact here since the store counts exactly those.
     */
    static long deletedStorage(Account account, String mailbox) {
        long octets = 0;
        try (Mailbox view = account.open(mailbox, true)) {
            for (MessageInfo m : view.messages()) {
                if (m.flags().contains(SystemFlag.DELETED)) {
                    octets += m.size();
                }
            }
        }
        return octets;
    }
}
