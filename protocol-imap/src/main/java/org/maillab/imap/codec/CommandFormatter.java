package org.maillab.imap.codec;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.Locale;

/**
 * Writes commands to the wire (the client's command builder). The inverse of {@link CommandParser}:
 * {@code parse(frame(format(tag, c))) == c} for every command value (the round-trip property).
 */
public final class CommandFormatter {

    private CommandFormatter() {
    }

    /**
     * Formats a tagged command.
     *
     * @param literalPlus announce literals as non-synchronizing {@code {n+}} (server has LITERAL+)
     * @param utf8        the server accepts UTF-8 in quoted strings (IMAP4rev2 or UTF8=ACCEPT)
     */
    public static Encoded format(String tag, Command command, boolean literalPlus, boolean utf8) {
        if (!Syntax.isTag(tag)) {
            throw new IllegalArgumentException("not a tag: " + tag);
        }
        Wire w = new Wire(true, literalPlus, utf8);
        w.raw(tag).sp();
        body(w, command);
        return w.crlf().finish();
    }

    /** Formats with synchronizing literals and 7-bit quoted strings: safe with any server. */
    public static Encoded format(String tag, Command command) {
        return format(tag, command, false, false);
    }

    /** The command's name as on the wire, e.g. {@code UID FETCH}. */
    static String name(Command command) {
        boolean uid = command instanceof Command.Search s && s.uid()
                || command instanceof Command.Fetch f && f.uid()
                || command instanceof Command.Store st && st.uid()
                || command instanceof Command.Copy c && c.uid()
                || command instanceof Command.Move m && m.uid()
                || command instanceof Command.UidExpunge
                || command instanceof Command.Sort so && so.uid() || command instanceof Command.Thread t && t.uid();
        String base = command instanceof Command.ListMailboxes ? "LIST"
                : command instanceof Command.UidExpunge ? "EXPUNGE"
                : command.getClass().getSimpleName().toUpperCase(Locale.ROOT);
        return uid ? "UID " + base : base;
    }

    private static void body(Wire w, Command command) {
        w.raw(name(command));
        // CAPABILITY, NOOP, LOGOUT, STARTTLS, NAMESPACE, IDLE, CHECK, CLOSE, UNSELECT, EXPUNGE: no arguments
        if (command instanceof Command.Id c) {
            w.sp();
            if (c.fields().isEmpty()) {
                w.raw("NIL");
            } else {
                w.raw("(");
                List<Command.IdField> fields = c.fields().get();
                for (int i = 0; i < fields.size(); i++) {
                    if (i > 0) {
                        w.sp();
                    }
                    w.string(fields.get(i).name()).sp().nstring(fields.get(i).value());
                }
                w.raw(")");
            }
        } else if (command instanceof Command.Compress c) {
            w.sp().raw(c.mechanism());
        } else if (command instanceof Command.Authenticate c) {
            w.sp().raw(c.mechanism());
            c.initialResponse().ifPresent(r -> w.sp().raw(r));
        } else if (command instanceof Command.Login c) {
            w.sp().astring(c.user()).sp().astring(c.password());
        } else if (command instanceof Command.Enable c) {
            c.capabilities().forEach(cap -> w.sp().raw(cap));
        } else if (command instanceof Command.Select c) {
            w.sp().astring(c.mailbox());
            selectParameters(w, c.condstore(), c.qresync());
        } else if (command instanceof Command.Examine c) {
            w.sp().astring(c.mailbox());
            selectParameters(w, c.condstore(), c.qresync());
        } else if (command instanceof Command.Create c) {
            w.sp().astring(c.mailbox());
            if (!c.specialUse().isEmpty()) {
                w.raw(" (USE ").atomList(c.specialUse()).raw(")");
            }
        } else if (command instanceof Command.Delete c) {
            w.sp().astring(c.mailbox());
        } else if (command instanceof Command.Rename c) {
            w.sp().astring(c.from()).sp().astring(c.to());
        } else if (command instanceof Command.Subscribe c) {
            w.sp().astring(c.mailbox());
        } else if (command instanceof Command.Unsubscribe c) {
            w.sp().astring(c.mailbox());
        } else if (command instanceof Command.ListMailboxes c) {
            list(w, c);
        } else if (command instanceof Command.Lsub c) {
            w.sp().astring(c.reference()).sp().listMailbox(c.pattern());
        } else if (isAcl(command)) {
            aclArguments(w, command);
        } else if (command instanceof Command.Status c) {
            w.sp().astring(c.mailbox()).sp();
            w.atomList(c.items().stream().map(StatusItem::wire).toList());
        } else if (QuotaSyntax.isQuotaCommand(command)) {
            QuotaSyntax.arguments(w, command);
        } else if (command instanceof Command.Append c) {
            w.sp().astring(c.mailbox());
            if (!c.flags().isEmpty()) {
                w.sp().atomList(c.flags());
            }
            c.internalDate().ifPresent(d -> w.sp().raw(dateTime(d)));
            w.sp().literal(c.message(), c.binary());
        } else if (command instanceof Command.UidExpunge c) {
            w.sp().raw(c.uids().wire());
        } else if (command instanceof Command.Search c) {
            search(w, c);
        } else if (command instanceof Command.Fetch c) {
            w.sp().raw(c.set().wire()).sp();
            if (c.items().size() == 1) {
                fetchAttribute(w, c.items().get(0));
            } else {
                w.raw("(");
                for (int i = 0; i < c.items().size(); i++) {
                    if (i > 0) {
                        w.sp();
                    }
                    fetchAttribute(w, c.items().get(i));
                }
                w.raw(")");
            }
            c.changedSince().ifPresent(n -> w.raw(" (CHANGEDSINCE ").number(n).raw(c.vanished() ? " VANISHED)" : ")"));
        } else if (command instanceof Command.Store c) {
            w.sp().raw(c.set().wire()).sp();
            c.unchangedSince().ifPresent(n -> w.raw("(UNCHANGEDSINCE ").number(n).raw(") "));
            w.raw(c.mode().prefix()).raw(c.silent() ? "FLAGS.SILENT" : "FLAGS");
            w.sp().atomList(c.flags());
        } else if (command instanceof Command.Copy c) {
            w.sp().raw(c.set().wire()).sp().astring(c.mailbox());
        } else if (command instanceof Command.Move c) {
            w.sp().raw(c.set().wire()).sp().astring(c.mailbox());
        } else if (command instanceof Command.Sort c) {
            SortThreadSyntax.formatSort(w, c);
        } else if (command instanceof Command.Thread c) {
            SortThreadSyntax.formatThread(w, c);
        }
    }

    private static void list(Wire w, Command.ListMailboxes c) {
        w.sp();
        if (!c.select().isEmpty()) {
            w.atomList(c.select().stream().map(Command.ListSelect::wire).toList()).sp();
        }
        w.astring(c.reference()).sp();
        if (c.patterns().size() == 1) {
            w.listMailbox(c.patterns().get(0));
        } else {
            w.raw("(");
            for (int i = 0; i < c.patterns().size(); i++) {
                if (i > 0) {
                    w.sp();
                }
                w.listMailbox(c.patterns().get(i));
            }
            w.raw(")");
        }
        if (!c.returns().isEmpty() || !c.returnStatus().isEmpty()) {
            w.raw(" RETURN (");
            boolean first = true;
            for (Command.ListReturn r : c.returns()) {
                if (!first) {
                    w.sp();
                }
                w.raw(r.wire());
                first = false;
            }
            if (!c.returnStatus().isEmpty()) {
                if (!first) {
                    w.sp();
                }
                w.raw("STATUS ").atomList(c.returnStatus().stream().map(StatusItem::wire).toList());
            }
            w.raw(")");
        }
    }

    private static void selectParameters(Wire w, boolean condstore, Optional<Command.Qresync> qresync) {
        if (!condstore && qresync.isEmpty()) {
            return;
        }
        w.raw(" (");
        if (condstore) {
            w.raw("CONDSTORE");
        }
        qresync.ifPresent(q -> {
            w.raw(condstore ? " " : "").raw("QRESYNC (").number(q.uidValidity()).sp().number(q.modSeq());
            q.knownUids().ifPresent(k -> w.sp().raw(k.wire()));
            if (q.knownSequences().isPresent() && q.knownSequenceUids().isPresent()) {
                w.raw(" (").raw(q.knownSequences().get().wire()).sp().raw(q.knownSequenceUids().get().wire())
                        .raw(")");
            }
            w.raw(")");
        });
        w.raw(")");
    }

    private static void search(Wire w, Command.Search c) {
        c.returns().ifPresent(r -> w.raw(" RETURN ").atomList(r.stream().map(Enum::name).toList()));
        c.charset().ifPresent(cs -> w.raw(" CHARSET ").astring(cs));
        for (SearchKey key : c.keys()) {
            w.sp();
            searchKey(w, key);
        }
    }

    /** A search key as text (for descriptions); strings that need literals are shown quoted. */
    static String searchKey(SearchKey key) {
        Wire w = new Wire(false, false, true);
        searchKey(w, key);
        return w.finish().text();
    }

    static void searchKey(Wire w, SearchKey key) {
        if (key instanceof SearchKey.Flag k) {
            w.raw(k.key().name());
        } else if (key instanceof SearchKey.Keyword k) {
            w.raw(k.set() ? "KEYWORD " : "UNKEYWORD ").raw(k.keyword());
        } else if (key instanceof SearchKey.Text k) {
            w.raw(k.field().name()).sp().astring(k.value());
        } else if (key instanceof SearchKey.Header k) {
            w.raw("HEADER ").astring(k.field()).sp().astring(k.value());
        } else if (key instanceof SearchKey.Date k) {
            w.raw(k.field().name()).sp().raw(date(k.date()));
        } else if (key instanceof SearchKey.Size k) {
            w.raw(k.larger() ? "LARGER " : "SMALLER ").number(k.size());
        } else if (key instanceof SearchKey.Uid k) {
            w.raw("UID ").raw(k.set().wire());
        } else if (key instanceof SearchKey.Sequence k) {
            w.raw(k.set().wire());
        } else if (key instanceof SearchKey.ModSeq k) {
            w.raw("MODSEQ ").number(k.modSeq());
        } else if (key instanceof SearchKey.Not k) {
            w.raw("NOT ");
            searchKey(w, k.key());
        } else if (key instanceof SearchKey.Or k) {
            w.raw("OR ");
            searchKey(w, k.left());
            w.sp();
            searchKey(w, k.right());
        } else if (key instanceof SearchKey.And k) {
            w.raw("(");
            for (int i = 0; i < k.keys().size(); i++) {
                if (i > 0) {
                    w.sp();
                }
                searchKey(w, k.keys().get(i));
            }
            w.raw(")");
        }
    }

    static void fetchAttribute(Wire w, FetchAttribute a) {
        if (a instanceof FetchAttribute.Simple s) {
            w.raw(s.item().wire());
        } else if (a instanceof FetchAttribute.Body b) {
            w.raw(b.peek() ? "BODY.PEEK[" : "BODY[");
            section(w, b.section());
            w.raw("]");
            b.partial().ifPresent(p -> w.raw("<" + p.offset() + "." + p.length() + ">"));
        } else if (a instanceof FetchAttribute.Binary b) {
            w.raw(b.peek() ? "BINARY.PEEK[" : "BINARY[").raw(partPath(b.part())).raw("]");
            b.partial().ifPresent(p -> w.raw("<" + p.offset() + "." + p.length() + ">"));
        } else if (a instanceof FetchAttribute.BinarySize b) {
            w.raw("BINARY.SIZE[").raw(partPath(b.part())).raw("]");
        }
    }

    /** The section specifier between brackets, field names as astrings. */
    static void section(Wire w, Section s) {
        StringBuilder prefix = new StringBuilder(partPath(s.part()));
        if (s.text() != Section.Text.ALL) {
            if (prefix.length() > 0) {
                prefix.append('.');
            }
            prefix.append(s.text().wire());
        }
        w.raw(prefix.toString());
        if (!s.fields().isEmpty()) {
            w.raw(" (");
            for (int i = 0; i < s.fields().size(); i++) {
                if (i > 0) {
                    w.sp();
                }
                w.astring(s.fields().get(i));
            }
            w.raw(")");
        }
    }

    static String partPath(List<Integer> part) {
        StringBuilder sb = new StringBuilder();
        for (int p : part) {
            if (sb.length() > 0) {
                sb.append('.');
            }
            sb.append(p);
        }
        return sb.toString();
    }

    /** date-text, e.g. {@code 1-Feb-1994}. */
    static String date(LocalDate d) {
        return d.getDayOfMonth() + "-" + Cursor.monthName(d.getMonthValue()) + "-" + String.format(Locale.ROOT, "%04d",
                d.getYear());
    }

    /** date-time, e.g. {@code "17-Jul-1996 02:44:25 -0700"}. */
    public static String dateTime(OffsetDateTime d) {
        int offsetMinutes = d.getOffset().getTotalSeconds() / 60;
        char sign = offsetMinutes < 0 ? '-' : '+';
        int abs = Math.abs(offsetMinutes);
        return String.format(Locale.ROOT, "\"%02d-%s-%04d %02d:%02d:%02d %c%02d%02d\"", d.getDayOfMonth(),
                Cursor.monthName(d.getMonthValue()), d.getYear(), d.getHour(), d.getMinute(), d.getSecond(), sign,
                abs / 60, abs % 60);
    }

    private static boolean isAcl(Command command) {
        return command instanceof Command.SetAcl || command instanceof Command.DeleteAcl
                || command instanceof Command.GetAcl || command instanceof Command.ListRights
                || command instanceof Command.MyRights;
    }

    /** The arguments of the ACL commands (RFC 4314 §3). */
    private static void aclArguments(Wire w, Command command) {
        if (command instanceof Command.SetAcl c) {
            w.sp().astring(c.mailbox()).sp().astring(c.identifier()).sp().astring(c.rights());
        } else if (command instanceof Command.DeleteAcl c) {
            w.sp().astring(c.mailbox()).sp().astring(c.identifier());
        } else if (command instanceof Command.GetAcl c) {
            w.sp().astring(c.mailbox());
        } else if (command instanceof Command.ListRights c) {
            w.sp().astring(c.mailbox()).sp().astring(c.identifier());
        } else if (command instanceof Command.MyRights c) {
            w.sp().astring(c.mailbox());
        }
    }
}
