package org.maillab.imap.codec;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The grammar of the QUOTA extension (RFC 9208 §7), both ways: commands GETQUOTA, GETQUOTAROOT and
 * SETQUOTA, responses QUOTA and QUOTAROOT. Kept apart from the core parsers and formatters, which
 * call in here.
 */
final class QuotaSyntax {

    private QuotaSyntax() {
    }

    // ---- commands

    /** The arguments of a quota command, after its name. */
    static Command command(String name, Cursor c) throws Cursor.Failure {
        c.sp();
        return switch (name) {
            case "GETQUOTA" -> new Command.GetQuota(c.astring());
            case "GETQUOTAROOT" -> new Command.GetQuotaRoot(CommandParser.mailbox(c));
            case "SETQUOTA" -> {
                String root = c.astring();
                c.sp();
                yield new Command.SetQuota(root, setquotaList(c));
            }
            default -> throw c.fail("unknown command " + name);
        };
    }

    /** setquota-list = "(" [setquota-resource *(SP setquota-resource)] ")". */
    private static List<Command.QuotaLimit> setquotaList(Cursor c) throws Cursor.Failure {
        c.expect('(');
        List<Command.QuotaLimit> limits = new ArrayList<>();
        if (!c.accept(')')) {
            do {
                String resource = resourceName(c);
                c.sp();
                limits.add(new Command.QuotaLimit(resource, c.number(Syntax.MAX_NUMBER64)));
            } while (c.accept(' '));
            c.expect(')');
        }
        return limits;
    }

    /** resource-name: an atom, compared case-insensitively (RFC 9208 §7), kept in upper case. */
    private static String resourceName(Cursor c) throws Cursor.Failure {
        return c.atom().toUpperCase(Locale.ROOT);
    }

    static boolean isQuotaCommand(Command command) {
        return command instanceof Command.GetQuota || command instanceof Command.GetQuotaRoot
                || command instanceof Command.SetQuota;
    }

    /** Writes the arguments of a quota command (the name is already written). */
    static void arguments(Wire w, Command command) {
        if (command instanceof Command.GetQuota c) {
            w.sp().astring(c.root());
        } else if (command instanceof Command.GetQuotaRoot c) {
            w.sp().astring(c.mailbox());
        } else if (command instanceof Command.SetQuota c) {
            w.sp().astring(c.root()).raw(" (");
            for (int i = 0; i < c.limits().size(); i++) {
                if (i > 0) {
                    w.sp();
                }
                w.raw(atom(c.limits().get(i).resource())).sp().number(c.limits().get(i).limit());
            }
            w.raw(")");
        }
    }

    // ---- responses

    /** The rest of an untagged QUOTA or QUOTAROOT response, after its name. */
    static Response response(String name, Cursor c) throws Cursor.Failure {
        if (name.equals("QUOTAROOT")) {
            c.sp();
            String mailbox = CommandParser.mailbox(c);
            List<String> roots = new ArrayList<>();
            while (c.accept(' ')) {
                roots.add(c.astring());
            }
            return new Response.QuotaRootData(mailbox, roots);
        }
        c.sp();
        String root = c.astring();
        c.sp();
        c.expect('(');
        List<Response.QuotaResource> resources = new ArrayList<>();
        // RFC 9208 §4.2.1 allows an empty list (no limits), although §7's quota-list wants one triplet
        if (!c.accept(')')) {
            do {
                String resource = resourceName(c);
                c.sp();
                long usage = c.number(Syntax.MAX_NUMBER64);
                c.sp();
                resources.add(new Response.QuotaResource(resource, usage, c.number(Syntax.MAX_NUMBER64)));
            } while (c.accept(' '));
            c.expect(')');
        }
        return new Response.QuotaData(root, resources);
    }

    static boolean isQuotaResponse(Response response) {
        return response instanceof Response.QuotaData || response instanceof Response.QuotaRootData;
    }

    static void format(Wire w, Response response) {
        if (response instanceof Response.QuotaData r) {
            w.raw("* QUOTA ").astring(r.root()).raw(" (");
            for (int i = 0; i < r.resources().size(); i++) {
                Response.QuotaResource q = r.resources().get(i);
                if (i > 0) {
                    w.sp();
                }
                w.raw(atom(q.name())).sp().number(q.usage()).sp().number(q.limit());
            }
            w.raw(")");
        } else if (response instanceof Response.QuotaRootData r) {
            w.raw("* QUOTAROOT ").astring(r.mailbox());
            r.roots().forEach(root -> w.sp().astring(root));
        }
    }

    private static String atom(String name) {
        if (!Syntax.isAtom(name)) {
            throw new IllegalArgumentException("a quota resource name must be an atom: " + name);
        }
        return name;
    }
}
