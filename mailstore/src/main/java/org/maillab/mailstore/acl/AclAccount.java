package org.maillab.mailstore.acl;

import java.io.InputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.TreeMap;

import org.maillab.mailstore.Account;
import org.maillab.mailstore.AppendResult;
import org.maillab.mailstore.Flags;
import org.maillab.mailstore.MailStore;
import org.maillab.mailstore.MailStoreException;
import org.maillab.mailstore.MailStoreException.Reason;
import org.maillab.mailstore.Mailbox;
import org.maillab.mailstore.MailboxInfo;
import org.maillab.mailstore.MailboxStatus;
import org.maillab.mailstore.Maildrop;
import org.maillab.mailstore.Quota;
import org.maillab.mailstore.Right;
import org.maillab.mailstore.Rights;
import org.maillab.mailstore.SpecialUse;
import org.maillab.mailstore.SystemFlag;
import org.maillab.mailstore.core.ListPattern;
import org.maillab.mailstore.core.MailboxNames;

/**
 * A logged-in user's whole view of the store: his own mailboxes (the personal namespace) and, through
 * the {@link Namespaces}, other users' mailboxes and the shared ones, as far as their access control
 * lists (RFC 4314) let him. This is the one place where rights are enforced: a protocol session that
 * holds only this account reaches another user's mail through it and nowhere else.
 *
 * <p>Rules (RFC 4314 §4): LIST shows a mailbox only with {@code l}; SELECT, EXAMINE and STATUS need
 * {@code r}; APPEND, COPY and MOVE need {@code i} on the target and keep only the flags the user may set
 * ({@code s} for \Seen, {@code t} for \Deleted, {@code w} for the rest); CREATE needs {@code k} on the
 * nearest existing parent; DELETE {@code x}; RENAME {@code x} on the old name and {@code k} on the new
 * parent; the ACL commands {@code a}; MYRIGHTS any right. A refused mailbox the user can neither list
 * nor read answers as if it did not exist (RFC 4314 §6), otherwise {@code NO_PERMISSION}. Rights are
 * looked up again on every call, so a revoke takes effect at once (see {@link AclMailbox}).
 */
public final class AclAccount implements Account {

    private final MailStore store;
    private final Account own;
    private final Namespaces namespaces;

    private AclAccount(MailStore store, Account own, Namespaces namespaces) {
        this.store = store;
        this.own = own;
        this.namespaces = namespaces;
    }

    /** The session view of {@code own}, the account its user logged in to, with the default namespaces. */
    public static Account forUser(MailStore store, Account own) {
        return forUser(store, own, Namespaces.DEFAULT);
    }

    /** The session view of {@code own} with the given namespaces. */
    public static Account forUser(MailStore store, Account own, Namespaces namespaces) {
        return own instanceof AclAccount ? own : new AclAccount(store, own, namespaces);
    }

    /** The namespaces this view resolves. */
    public Namespaces namespaces() {
        return namespaces;
    }

    // ---- resolving names ----

    /** A name resolved: a mailbox of {@code owner} called {@code local}, or a namespace node. */
    record Target(Account owner, String local, String visible, boolean ownMailbox, boolean node) {
    }

    Target resolve(String name) {
        String other = namespaces.otherUsers();
        String shared = namespaces.shared();
        if (name.equals(other) || name.equals(shared)) {
            return new Target(own, name, name, false, true);
        }
        if (name.startsWith(other + "/")) {
            String rest = name.substring(other.length() + 1);
            int slash = rest.indexOf('/');
            if (slash < 0) {
                return new Target(own, name, name, false, true);
            }
            String ownerName = rest.substring(0, slash);
            Optional<Account> owner = ownerName.equals(own.name()) || ownerName.equals(namespaces.sharedAccount())
                    ? Optional.empty() : store.account(ownerName);
            return foreign(owner, rest.substring(slash + 1), name);
        }
        if (name.startsWith(shared + "/")) {
            return foreign(store.account(namespaces.sharedAccount()), name.substring(shared.length() + 1), name);
        }
        return new Target(own, name, name, true, false);
    }

    private Target foreign(Optional<Account> owner, String local, String visible) {
        if (owner.isEmpty() || local.isEmpty()) {
            return new Target(own, visible, visible, false, true); // nothing there: a node with no mailbox
        }
        boolean self = owner.get().name().equals(own.name());
        return new Target(owner.get(), local, visible, self, false);
    }

    /** The user's rights on a resolved mailbox now; none for a node or a mailbox that does not exist. */
    Rights rightsOn(Target t) {
        if (t.node()) {
            return Rights.NONE;
        }
        if (t.ownMailbox()) {
            return Rights.ALL;
        }
        try {
            return AccessRules.effective(t.owner().name(), t.owner().acl(t.local()), own.name());
        } catch (MailStoreException e) {
            return Rights.NONE; // no such mailbox, or one that exists only as a parent
        }
    }

    /** The refusal: NO_PERMISSION if the user may see the mailbox, otherwise as if it did not exist. */
    static MailStoreException denied(Target t, Rights have, Right needed) {
        if (have.containsAny(Right.LOOKUP, Right.READ)) {
            return new MailStoreException(Reason.NO_PERMISSION,
                    "the '" + needed.letter() + "' right on " + t.visible() + " is needed");
        }
        return new MailStoreException(Reason.NONEXISTENT, "no mailbox " + t.visible());
    }

    /** Resolves a name and checks that the user has every right given; returns the target. */
    private Target require(String name, Right... needed) {
        Target t = resolve(name);
        if (t.ownMailbox()) {
            return t;
        }
        if (t.node()) {
            throw new MailStoreException(Reason.NONEXISTENT, "no mailbox " + name);
        }
        Rights have = rightsOn(t);
        for (Right r : needed) {
            if (!have.contains(r)) {
                throw denied(t, have, r);
            }
        }
        return t;
    }

    /** The flags of {@code flags} the rights allow setting (RFC 4314 §4, STORE, APPEND and COPY). */
    static Flags permitted(Flags flags, Rights rights) {
        java.util.Set<SystemFlag> system = java.util.EnumSet.noneOf(SystemFlag.class);
        for (SystemFlag f : flags.system()) {
            Right needed = switch (f) {
                case SEEN -> Right.SEEN;
                case DELETED -> Right.DELETE_MESSAGES;
                default -> Right.WRITE;
            };
            if (rights.contains(needed)) {
                system.add(f);
            }
        }
        return new Flags(system, rights.contains(Right.WRITE) ? flags.keywords() : java.util.Set.of());
    }

    private boolean inNamespace(String name) {
        for (String root : List.of(namespaces.otherUsers(), namespaces.shared())) {
            if (name.equals(root) || name.startsWith(root + "/")) {
                return true;
            }
        }
        return false;
    }

    // ---- the Account API ----

    @Override
    public String name() {
        return own.name();
    }

    @Override
    public List<MailboxInfo> list(String pattern) {
        if (pattern == null) {
            return List.of();
        }
        List<MailboxInfo> result = new ArrayList<>();
        for (MailboxInfo info : own.list(pattern)) {
            if (!inNamespace(info.name())) {
                result.add(info);
            }
        }
        TreeMap<String, MailboxInfo> foreign = new TreeMap<>();
        if (mayReach(pattern, namespaces.otherUsers())) {
            for (String owner : store.accountNames()) {
                if (!owner.equals(own.name()) && !owner.equals(namespaces.sharedAccount())) {
                    store.account(owner).ifPresent(a -> addVisible(a, namespaces.otherUsers() + "/" + owner, foreign));
                }
            }
            if (!foreign.isEmpty()) {
                foreign.put(namespaces.otherUsers(), node(namespaces.otherUsers()));
            }
        }
        if (mayReach(pattern, namespaces.shared()) && !own.name().equals(namespaces.sharedAccount())) {
            int before = foreign.size();
            store.account(namespaces.sharedAccount()).ifPresent(a -> addVisible(a, namespaces.shared(), foreign));
            if (foreign.size() > before) {
                foreign.put(namespaces.shared(), node(namespaces.shared()));
            }
        }
        foreign.values().stream().filter(i -> ListPattern.matches(pattern, i.name())).forEach(result::add);
        return result;
    }

    /** Adds the owner's mailboxes the user may list ({@code l}), named under {@code prefix}. */
    private void addVisible(Account owner, String prefix, TreeMap<String, MailboxInfo> into) {
        List<String> visible = new ArrayList<>();
        for (MailboxInfo info : owner.list("*")) {
            if (info.selectable() && AccessRules.effective(owner.name(), owner.acl(info.name()), own.name())
                    .contains(Right.LOOKUP)) {
                visible.add(info.name());
            }
        }
        if (visible.isEmpty()) {
            return;
        }
        if (prefix.startsWith(namespaces.otherUsers() + "/")) {
            into.put(prefix, node(prefix));
        }
        for (String n : visible) {
            // RFC 4314 §4: a parent without 'l' is left out, as if it did not exist
            boolean children = visible.stream().anyMatch(v -> MailboxNames.isBelow(v, n));
            into.put(prefix + "/" + n, new MailboxInfo(prefix + "/" + n, true, children, false, Optional.empty()));
        }
    }

    private static MailboxInfo node(String name) {
        return new MailboxInfo(name, false, true, false, Optional.empty());
    }

    /** Whether a LIST pattern could match a name at or below {@code root} (a cheap test, to skip scans). */
    private static boolean mayReach(String pattern, String root) {
        int wildcard = 0;
        while (wildcard < pattern.length() && pattern.charAt(wildcard) != '*' && pattern.charAt(wildcard) != '%') {
            wildcard++;
        }
        String literal = pattern.substring(0, wildcard);
        return literal.startsWith(root) || root.startsWith(literal);
    }

    @Override
    public Optional<MailboxInfo> mailbox(String name) {
        Target t = resolve(name);
        if (t.ownMailbox()) {
            return t.owner() == own ? own.mailbox(name)
                    : own.mailbox(t.local()).map(i -> rename(i, name));
        }
        if (t.node()) {
            return list(name).stream().filter(i -> i.name().equals(name)).findFirst();
        }
        Rights have = rightsOn(t);
        if (!have.containsAny(Right.LOOKUP, Right.READ, Right.INSERT, Right.CREATE_MAILBOX, Right.DELETE_MAILBOX,
                Right.ADMINISTER)) {
            return Optional.empty();
        }
        return t.owner().mailbox(t.local()).map(i -> rename(i, name));
    }

    private static MailboxInfo rename(MailboxInfo i, String name) {
        return new MailboxInfo(name, i.selectable(), i.hasChildren(), false, i.specialUse());
    }

    @Override
    public void create(String name) {
        create(name, null);
    }

    @Override
    public void create(String name, SpecialUse specialUse) {
        Target t = resolve(name);
        if (isNamespaceNode(name) || (t.ownMailbox() && t.owner() == own && inNamespace(name))) {
            throw new MailStoreException(Reason.CANNOT, name + " is a namespace's name");
        }
        if (t.node()) {
            throw mayNotCreate(name); // no such account: the answer for an account that exists (RFC 4314 §6)
        }
        if (!t.ownMailbox()) {
            requireOnParent(t, t.local());
        }
        if (specialUse == null) {
            t.owner().create(t.local());
        } else {
            t.owner().create(t.local(), specialUse);
        }
    }

    /**
     * RFC 4314 §4: 'k' on the nearest existing parent; without one only the owner may create. A user who
     * may not see that parent gets the answer he would get if it did not exist, or if the owner did not
     * (RFC 4314 §6): {@link #mayNotCreate}, whatever is there.
     */
    private void requireOnParent(Target t, String local) {
        List<String> ancestors = MailboxNames.ancestors(local);
        for (int i = ancestors.size() - 1; i >= 0; i--) {
            Optional<MailboxInfo> parent = t.owner().mailbox(ancestors.get(i));
            if (parent.isPresent() && parent.get().selectable()) {
                Target p = new Target(t.owner(), ancestors.get(i), t.visible(), false, false);
                Rights have = rightsOn(p);
                if (have.contains(Right.CREATE_MAILBOX)) {
                    return;
                }
                if (have.containsAny(Right.LOOKUP, Right.READ)) {
                    throw denied(p, have, Right.CREATE_MAILBOX); // he sees the parent: say what is missing
                }
                break;
            }
        }
        throw mayNotCreate(t.visible());
    }

    /** The one refusal of a CREATE (or RENAME target) the user may not make, naming only what he typed. */
    private static MailStoreException mayNotCreate(String name) {
        return new MailStoreException(Reason.NO_PERMISSION, "no right to create " + name);
    }

    /**
     * Whether {@code name} is a namespace ({@code Other Users}, {@code Shared}) or a user's node in the
     * other-users namespace ({@code Other Users/bob}): decided by its shape alone, never by whether the
     * account exists.
     */
    private boolean isNamespaceNode(String name) {
        String other = namespaces.otherUsers();
        if (name.equals(other) || name.equals(namespaces.shared())) {
            return true;
        }
        return name.startsWith(other + "/") && name.indexOf('/', other.length() + 1) < 0;
    }

    @Override
    public void delete(String name) {
        Target t = require(name, Right.DELETE_MAILBOX);
        t.owner().delete(t.local());
    }

    @Override
    public void rename(String from, String to) {
        Target source = require(from, Right.DELETE_MAILBOX);
        Target target = resolve(to);
        if (target.node() || !source.owner().name().equals(target.owner().name())) {
            throw new MailStoreException(Reason.CANNOT, "a mailbox cannot move to another user or namespace");
        }
        if (target.ownMailbox() && target.owner() == own && inNamespace(to)) {
            throw new MailStoreException(Reason.CANNOT, to + " is a namespace's name");
        }
        if (!target.ownMailbox()) {
            requireOnParent(target, target.local());
        }
        source.owner().rename(source.local(), target.local());
    }

    @Override
    public void subscribe(String name) {
        Target t = require(name, Right.LOOKUP);
        if (!t.ownMailbox() || t.owner() != own) {
            throw new MailStoreException(Reason.CANNOT, "subscriptions are kept for one's own mailboxes only");
        }
        own.subscribe(name);
    }

    @Override
    public void unsubscribe(String name) {
        own.unsubscribe(name); // RFC 4314 §4: no right needed
    }

    @Override
    public List<String> subscriptions() {
        return own.subscriptions();
    }

    @Override
    public MailboxStatus status(String name) {
        Target t = require(name, Right.READ);
        return t.owner().status(t.local());
    }

    @Override
    public Mailbox open(String name, boolean readOnly) {
        Target t = require(name, Right.READ);
        Rights have = rightsOn(t);
        // RFC 4314 §5.2: READ-ONLY unless the user has 'i', 'e' or a flag right (our flags are shared)
        boolean writable = have.containsAny(Right.INSERT, Right.EXPUNGE, Right.SEEN, Right.WRITE,
                Right.DELETE_MESSAGES);
        Mailbox inner = t.owner().open(t.local(), readOnly || !writable);
        return new AclMailbox(this, t, inner);
    }

    @Override
    public AppendResult append(String mailbox, InputStream message, Flags flags, Instant internalDate) {
        Target t = require(mailbox, Right.INSERT);
        return t.owner().append(t.local(), message, permitted(flags, rightsOn(t)), internalDate);
    }

    @Override
    public Maildrop openMaildrop() {
        return own.openMaildrop();
    }

    @Override
    public Quota quota() {
        return own.quota();
    }

    @Override
    public void setQuota(OptionalLong storageLimit, OptionalLong messageLimit) {
        own.setQuota(storageLimit, messageLimit);
    }

    @Override
    public Map<String, Rights> acl(String mailbox) {
        Target t = require(mailbox, Right.ADMINISTER);
        return t.owner().acl(t.local());
    }

    @Override
    public void setAcl(String mailbox, String identifier, Rights rights) {
        Target t = require(mailbox, Right.ADMINISTER);
        t.owner().setAcl(t.local(), identifier, rights);
    }

    @Override
    public Rights myRights(String mailbox) {
        Target t = resolve(mailbox);
        if (t.ownMailbox()) {
            return t.owner().myRights(t.local());
        }
        Rights have = rightsOn(t);
        // RFC 4314 §4: MYRIGHTS needs any of l r i k x a; without one the mailbox is not there for him
        if (!have.containsAny(Right.LOOKUP, Right.READ, Right.INSERT, Right.CREATE_MAILBOX, Right.DELETE_MAILBOX,
                Right.ADMINISTER)) {
            throw new MailStoreException(Reason.NONEXISTENT, "no mailbox " + mailbox);
        }
        return have;
    }

    /**
     * The account whose quota a mailbox counts against: the user's own for its own mailboxes, the owner's
     * for another user's or a shared mailbox, which the user must be allowed to read (RFC 9208 §6: its
     * usage tells about the messages), and none for a namespace node such as {@code Other Users}.
     */
    public Optional<Account> quotaOwner(String mailbox) {
        Target t = resolve(mailbox);
        if (t.ownMailbox()) {
            return Optional.of(own);
        }
        if (isNamespaceNode(mailbox)) {
            return Optional.empty();
        }
        if (t.node()) {
            // no such account: the answer for one that exists but that the user may not read (RFC 4314 §6)
            throw new MailStoreException(Reason.NONEXISTENT, "no mailbox " + mailbox);
        }
        Rights have = rightsOn(t);
        if (!have.contains(Right.READ)) {
            throw denied(t, have, Right.READ);
        }
        return Optional.of(t.owner());
    }

    @Override
    public Rights requiredRights(String mailbox, String identifier) {
        Target t = require(mailbox, Right.ADMINISTER);
        return t.owner().requiredRights(t.local(), identifier);
    }

    @Override
    public String toString() {
        return "AclAccount[" + own.name() + "]";
    }
}
