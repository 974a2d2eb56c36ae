package org.maillab.imap.session;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.maillab.imap.codec.Command;
import org.maillab.imap.codec.ModifiedUtf7;
import org.maillab.imap.codec.Response;
import org.maillab.mailstore.Account;
import org.maillab.mailstore.Right;
import org.maillab.mailstore.Rights;
import org.maillab.mailstore.acl.AccessRules;
import org.maillab.mailstore.acl.Namespaces;

/**
 * The ACL extension (RFC 4314) on the IMAP side: SETACL, DELETEACL, GETACL, LISTRIGHTS and MYRIGHTS,
 * the NAMESPACE answer (RFC 2342), and the flags the rights let a user change. The rights themselves
 * are enforced in one place, the store's {@code AclAccount}, which the session holds as its account;
 * a refusal comes back as a store exception that the session turns into NO [NOPERM] or NO
 * [NONEXISTENT].
 */
final class AclCommands {

    /** RFC 4314 §5.1.1: RIGHTS= lists the rights beyond RFC 2086's, and must include t, e, x and k. */
    static final List<String> CAPABILITIES = List.of("ACL", "RIGHTS=kxte");

    private AclCommands() {
    }

    static boolean handles(Command command) {
        return command instanceof Command.SetAcl || command instanceof Command.DeleteAcl
                || command instanceof Command.GetAcl || command instanceof Command.ListRights
                || command instanceof Command.MyRights;
    }

    /** The mailbox argument, as sent. */
    static String mailbox(Command command) {
        if (command instanceof Command.SetAcl c) {
            return c.mailbox();
        } else if (command instanceof Command.DeleteAcl c) {
            return c.mailbox();
        } else if (command instanceof Command.GetAcl c) {
            return c.mailbox();
        } else if (command instanceof Command.ListRights c) {
            return c.mailbox();
        }
        return ((Command.MyRights) command).mailbox();
    }

    /** Runs one ACL command on the decoded mailbox name; store refusals propagate as exceptions. */
    static SessionOutput answer(String tag, Command command, String mailbox, Account account) {
        String wire = ModifiedUtf7.encode(mailbox);
        List<Response> out = new ArrayList<>();
        String done;
        if (command instanceof Command.SetAcl c) {
            if (!AccessRules.isValidIdentifier(c.identifier())) {
                return bad(tag, "Malformed identifier"); // RFC 4314 §3
            }
            account.setAcl(mailbox, c.identifier(), modified(account.acl(mailbox), c.identifier(), c.rights()));
            done = "SETACL completed";
        } else if (command instanceof Command.DeleteAcl c) {
            if (!AccessRules.isValidIdentifier(c.identifier())) {
                return bad(tag, "Malformed identifier");
            }
            account.setAcl(mailbox, c.identifier(), Rights.NONE);
            done = "DELETEACL completed";
        } else if (command instanceof Command.GetAcl) {
            List<Response.AclEntry> entries = new ArrayList<>();
            account.acl(mailbox).forEach((id, rights) -> entries.add(new Response.AclEntry(id, rights.wireForm())));
            out.add(new Response.Acl(wire, entries));
            done = "GETACL completed";
        } else if (command instanceof Command.ListRights c) {
            if (!AccessRules.isValidIdentifier(c.identifier())) {
                return bad(tag, "Malformed identifier");
            }
            out.add(listRights(wire, c.identifier(), account.requiredRights(mailbox, c.identifier())));
            done = "LISTRIGHTS completed";
        } else {
            out.add(new Response.MyRights(wire, account.myRights(mailbox).wireForm()));
            done = "MYRIGHTS completed";
        }
        out.add(new Response.Tagged(tag, Response.Status.OK, Optional.empty(), done));
        return SessionOutput.of(out);
    }

    /** RFC 4314 §3.1: "+r" adds to the entry, "-r" removes from it, plain letters replace it. */
    static Rights modified(Map<String, Rights> acl, String identifier, String modRights) {
        Rights current = acl.getOrDefault(identifier, Rights.NONE);
        if (modRights.startsWith("+")) {
            return current.union(Rights.parse(modRights.substring(1)).orElseThrow());
        }
        if (modRights.startsWith("-")) {
            return current.minus(Rights.parse(modRights.substring(1)).orElseThrow());
        }
        return Rights.parse(modRights).orElseThrow(); // the parser let only known letters through
    }

    /**
     * RFC 4314 §3.7: the rights always granted, then each grantable right on its own (none are tied
     * here), and {@code c} and {@code d} as §2.1.1 asks.
     */
    static Response.ListRights listRights(String wire, String identifier, Rights required) {
        List<String> optional = new ArrayList<>();
        for (Right r : Right.values()) {
            if (!required.contains(r)) {
                optional.add(String.valueOf(r.letter()));
            }
        }
        if (!required.contains(Right.CREATE_MAILBOX) || !required.contains(Right.DELETE_MAILBOX)) {
            optional.add("c");
        }
        if (!required.contains(Right.EXPUNGE) || !required.contains(Right.DELETE_MESSAGES)) {
            optional.add("d");
        }
        return new Response.ListRights(wire, identifier, required.wireForm(), optional);
    }

    /** NAMESPACE (RFC 2342 §5): personal "", other users and shared, all with "/" as delimiter. */
    static Response.Namespace namespace(Namespaces namespaces) {
        return new Response.Namespace(
                List.of(new Response.NamespaceEntry("", Optional.of('/'))),
                List.of(new Response.NamespaceEntry(namespaces.otherUsers() + "/", Optional.of('/'))),
                List.of(new Response.NamespaceEntry(namespaces.shared() + "/", Optional.of('/'))));
    }

    /**
     * PERMANENTFLAGS as the rights allow (RFC 4314 §5.1.1: they MUST reflect the user's rights):
     * \Seen with s, \Deleted with t, the other flags and new keywords with w.
     */
    static List<String> permanentFlags(Rights rights) {
        List<String> flags = new ArrayList<>();
        for (String flag : FlagNames.SYSTEM) {
            Right needed = switch (flag) {
                case "\\Seen" -> Right.SEEN;
                case "\\Deleted" -> Right.DELETE_MESSAGES;
                default -> Right.WRITE;
            };
            if (rights.contains(needed)) {
                flags.add(flag);
            }
        }
        if (rights.contains(Right.WRITE)) {
            flags.add("\\*");
        }
        return flags;
    }

    private static SessionOutput bad(String tag, String text) {
        return SessionOutput.of(List.of(new Response.Tagged(tag, Response.Status.BAD, Optional.empty(), text)));
    }
}
