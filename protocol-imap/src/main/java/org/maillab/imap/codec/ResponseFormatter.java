package org.maillab.imap.codec;

import java.util.List;
import java.util.Optional;

/**
 * Formats responses to the wire. Strings get the atom, quoted or literal form they need; body contents
 * are literals streamed from their source, never copied into a buffer here.
 */
public final class ResponseFormatter {

    private ResponseFormatter() {
    }

    /** Formats one response, CRLF included. */
    public static Encoded format(Response response) {
        Wire w = Wire.response();
        write(w, response);
        return w.crlf().finish();
    }

    private static void write(Wire w, Response response) {
        if (response instanceof Response.Continuation r) {
            w.raw("+ ").raw(text(r.text()));
        } else if (response instanceof Response.Tagged r) {
            w.raw(r.tag()).sp().raw(r.status().name()).sp();
            respText(w, r.code(), r.text());
        } else if (response instanceof Response.Condition r) {
            w.raw("* ").raw(r.status().name()).sp();
            respText(w, r.code(), r.text());
        } else if (response instanceof Response.Capability r) {
            w.raw("* CAPABILITY");
            r.capabilities().forEach(c -> w.sp().raw(c));
        } else if (response instanceof Response.Enabled r) {
            w.raw("* ENABLED");
            r.capabilities().forEach(c -> w.sp().raw(c));
        } else if (response instanceof Response.Flags r) {
            w.raw("* FLAGS ").atomList(r.flags());
        } else if (response instanceof Response.ListItem r) {
            listItem(w, r);
        } else if (response instanceof Response.Namespace r) {
            w.raw("* NAMESPACE ");
            namespaces(w, r.personal());
            w.sp();
            namespaces(w, r.other());
            w.sp();
            namespaces(w, r.shared());
        } else if (response instanceof Response.StatusData r) {
            w.raw("* STATUS ").astring(r.mailbox()).raw(" (");
            for (int i = 0; i < r.values().size(); i++) {
                if (i > 0) {
                    w.sp();
                }
                w.raw(r.values().get(i).item().wire()).sp().number(r.values().get(i).value());
            }
            w.raw(")");
        } else if (QuotaSyntax.isQuotaResponse(response)) {
            QuotaSyntax.format(w, response);
        } else if (response instanceof Response.Exists r) {
            w.raw("* ").number(r.count()).raw(" EXISTS");
        } else if (response instanceof Response.Recent r) {
            w.raw("* ").number(r.count()).raw(" RECENT");
        } else if (response instanceof Response.Expunge r) {
            w.raw("* ").number(r.sequence()).raw(" EXPUNGE");
        } else if (response instanceof Response.Vanished r) {
            w.raw("* VANISHED ").raw(r.earlier() ? "(EARLIER) " : "").raw(r.uids().wire());
        } else if (response instanceof Response.Search r) {
            w.raw("* SEARCH");
            r.numbers().forEach(n -> w.sp().number(n));
            r.modSeq().ifPresent(m -> w.raw(" (MODSEQ ").number(m).raw(")"));
        } else if (response instanceof Response.ESearch r) {
            w.raw("* ESEARCH");
            r.tag().ifPresent(t -> w.raw(" (TAG ").string(t).raw(")"));
            if (r.uid()) {
                w.raw(" UID");
            }
            r.min().ifPresent(n -> w.raw(" MIN ").number(n));
            r.max().ifPresent(n -> w.raw(" MAX ").number(n));
            r.all().ifPresent(s -> w.raw(" ALL ").raw(s.wire()));
            r.count().ifPresent(n -> w.raw(" COUNT ").number(n));
            r.modSeq().ifPresent(n -> w.raw(" MODSEQ ").number(n));
        } else if (response instanceof Response.Fetch r) {
            w.raw("* ").number(r.sequence()).raw(" FETCH (");
            for (int i = 0; i < r.items().size(); i++) {
                if (i > 0) {
                    w.sp();
                }
                fetchData(w, r.items().get(i));
            }
            w.raw(")");
        } else if (response instanceof Response.Id r) {
            w.raw("* ID ");
            if (r.fields().isEmpty()) {
                w.raw("NIL");
            } else {
                w.raw("(");
                List<Command.IdField> fields = r.fields().get();
                for (int i = 0; i < fields.size(); i++) {
                    if (i > 0) {
                        w.sp();
                    }
                    w.string(fields.get(i).name()).sp().nstring(fields.get(i).value());
                }
                w.raw(")");
            }
        }
    }

    /** resp-text: text may not hold CR or LF; they become spaces. */
    static String text(String text) {
        return text.replace('\r', ' ').replace('\n', ' ');
    }

    private static void respText(Wire w, Optional<ResponseCode> code, String text) {
        if (code.isPresent()) {
            w.raw("[");
            responseCode(w, code.get());
            w.raw("] ");
        }
        w.raw(text(text));
    }

    static void responseCode(Wire w, ResponseCode code) {
        if (code instanceof ResponseCode.Atom c) {
            w.raw(c.name());
        } else if (code instanceof ResponseCode.Capability c) {
            w.raw("CAPABILITY");
            c.capabilities().forEach(cap -> w.sp().raw(cap));
        } else if (code instanceof ResponseCode.PermanentFlags c) {
            w.raw("PERMANENTFLAGS ").atomList(c.flags());
        } else if (code instanceof ResponseCode.BadCharset c) {
            w.raw("BADCHARSET");
            if (!c.charsets().isEmpty()) {
                w.raw(" (");
                for (int i = 0; i < c.charsets().size(); i++) {
                    if (i > 0) {
                        w.sp();
                    }
                    w.astring(c.charsets().get(i));
                }
                w.raw(")");
            }
        } else if (code instanceof ResponseCode.Number c) {
            w.raw(c.name()).sp().number(c.value());
        } else if (code instanceof ResponseCode.Modified c) {
            w.raw("MODIFIED ").raw(c.set().wire());
        } else if (code instanceof ResponseCode.AppendUid c) {
            w.raw("APPENDUID ").number(c.uidValidity()).sp().raw(c.uids().wire());
        } else if (code instanceof ResponseCode.CopyUid c) {
            w.raw("COPYUID ").number(c.uidValidity()).sp().raw(c.sourceUids().wire()).sp()
                    .raw(c.targetUids().wire());
        } else if (code instanceof ResponseCode.Other c) {
            w.raw(c.name());
            c.text().ifPresent(t -> w.sp().raw(text(t).replace(']', ' ')));
        }
    }

    private static void listItem(Wire w, Response.ListItem r) {
        w.raw(r.lsub() ? "* LSUB " : "* LIST ").atomList(r.attributes()).sp();
        delimiter(w, r.delimiter());
        w.sp().astring(r.mailbox());
        if (!r.childInfo().isEmpty() || r.oldName().isPresent()) {
            w.raw(" (");
            boolean first = true;
            if (!r.childInfo().isEmpty()) {
                w.raw("\"CHILDINFO\" (");
                for (int i = 0; i < r.childInfo().size(); i++) {
                    if (i > 0) {
                        w.sp();
                    }
                    w.string(r.childInfo().get(i));
                }
                w.raw(")");
                first = false;
            }
            if (r.oldName().isPresent()) {
                if (!first) {
                    w.sp();
                }
                w.raw("\"OLDNAME\" (").astring(r.oldName().get()).raw(")");
            }
            w.raw(")");
        }
    }

    private static void delimiter(Wire w, Optional<Character> delimiter) {
        if (delimiter.isEmpty()) {
            w.raw("NIL");
        } else {
            w.string(String.valueOf(delimiter.get()));
        }
    }

    private static void namespaces(Wire w, List<Response.NamespaceEntry> entries) {
        if (entries.isEmpty()) {
            w.raw("NIL");
            return;
        }
        w.raw("(");
        for (Response.NamespaceEntry e : entries) {
            w.raw("(").string(e.prefix()).sp();
            delimiter(w, e.delimiter());
            w.raw(")");
        }
        w.raw(")");
    }

    private static void fetchData(Wire w, FetchData item) {
        if (item instanceof FetchData.Flags d) {
            w.raw("FLAGS ").atomList(d.flags());
        } else if (item instanceof FetchData.ModSeq d) {
            w.raw("MODSEQ (").number(d.modSeq()).raw(")");
        } else if (item instanceof FetchData.Uid d) {
            w.raw("UID ").number(d.uid());
        } else if (item instanceof FetchData.InternalDate d) {
            w.raw("INTERNALDATE ").raw(CommandFormatter.dateTime(d.date()));
        } else if (item instanceof FetchData.Rfc822Size d) {
            w.raw("RFC822.SIZE ").number(d.size());
        } else if (item instanceof FetchData.EnvelopeData d) {
            w.raw("ENVELOPE ");
            envelope(w, d.envelope());
        } else if (item instanceof FetchData.Structure d) {
            w.raw(d.extensible() ? "BODYSTRUCTURE " : "BODY ");
            body(w, d.body());
        } else if (item instanceof FetchData.BodySection d) {
            w.raw("BODY[");
            CommandFormatter.section(w, d.section());
            w.raw("]");
            d.origin().ifPresent(o -> w.raw("<").number(o).raw(">"));
            w.sp().nstringLiteral(d.content());
        } else if (item instanceof FetchData.Rfc822 d) {
            w.raw(d.item().wire()).sp().nstringLiteral(d.content());
        } else if (item instanceof FetchData.Binary d) {
            w.raw("BINARY[").raw(CommandFormatter.partPath(d.part())).raw("]");
            d.origin().ifPresent(o -> w.raw("<").number(o).raw(">"));
            w.sp();
            if (d.content().isPresent()) {
                w.literal(d.content().get(), true);
            } else {
                w.raw("NIL");
            }
        } else if (item instanceof FetchData.BinarySize d) {
            w.raw("BINARY.SIZE[").raw(CommandFormatter.partPath(d.part())).raw("] ").number(d.size());
        }
    }

    static void envelope(Wire w, Envelope e) {
        w.raw("(").nstring(e.date()).sp().nstring(e.subject()).sp();
        addresses(w, e.from());
        w.sp();
        addresses(w, e.sender());
        w.sp();
        addresses(w, e.replyTo());
        w.sp();
        addresses(w, e.to());
        w.sp();
        addresses(w, e.cc());
        w.sp();
        addresses(w, e.bcc());
        w.sp().nstring(e.inReplyTo()).sp().nstring(e.messageId()).raw(")");
    }

    private static void addresses(Wire w, List<Address> list) {
        if (list.isEmpty()) {
            w.raw("NIL");
            return;
        }
        w.raw("(");
        for (Address a : list) {
            w.raw("(").nstring(a.name()).sp().nstring(a.adl()).sp().nstring(a.mailbox()).sp().nstring(a.host())
                    .raw(")");
        }
        w.raw(")");
    }

    static void body(Wire w, BodyStructure body) {
        w.raw("(");
        if (body instanceof BodyStructure.Multi m) {
            for (BodyStructure part : m.parts()) {
                body(w, part);
            }
            w.sp().string(m.subtype());
            m.extension().ifPresent(x -> {
                w.sp();
                params(w, x.params());
                w.sp();
                disposition(w, x.disposition());
                w.sp();
                language(w, x.language());
                w.sp().nstring(x.location());
            });
        } else if (body instanceof BodyStructure.Single s) {
            w.string(s.type()).sp().string(s.subtype()).sp();
            params(w, s.params());
            w.sp().nstring(s.id()).sp().nstring(s.description()).sp().string(s.encoding()).sp().number(s.size());
            s.embedded().ifPresent(m -> {
                w.sp();
                envelope(w, m.envelope());
                w.sp();
                body(w, m.body());
                w.sp().number(m.lines());
            });
            s.lines().ifPresent(n -> w.sp().number(n));
            s.extension().ifPresent(x -> {
                w.sp().nstring(x.md5()).sp();
                disposition(w, x.disposition());
                w.sp();
                language(w, x.language());
                w.sp().nstring(x.location());
            });
        }
        w.raw(")");
    }

    private static void params(Wire w, List<BodyStructure.Param> params) {
        if (params.isEmpty()) {
            w.raw("NIL");
            return;
        }
        w.raw("(");
        for (int i = 0; i < params.size(); i++) {
            if (i > 0) {
                w.sp();
            }
            w.string(params.get(i).name()).sp().string(params.get(i).value());
        }
        w.raw(")");
    }

    private static void disposition(Wire w, Optional<BodyStructure.Disposition> d) {
        if (d.isEmpty()) {
            w.raw("NIL");
            return;
        }
        w.raw("(").string(d.get().type()).sp();
        params(w, d.get().params());
        w.raw(")");
    }

    private static void language(Wire w, List<String> language) {
        if (language.isEmpty()) {
            w.raw("NIL");
        } else if (language.size() == 1) {
            w.string(language.get(0));
        } else {
            w.raw("(");
            for (int i = 0; i < language.size(); i++) {
                if (i > 0) {
                    w.sp();
                }
                w.string(language.get(i));
            }
            w.raw(")");
        }
    }
}
