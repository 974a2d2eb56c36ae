package org.maillab.imap.codec;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The grammar of server responses (RFC 9051 §7, §9), used by the client. Total, like the command parser.
 * Lenient where servers differ in practice: address and body lists with or without spaces between
 * their elements, extension data of any length.
 */
public final class ResponseParser {

    private static final int MAX_DEPTH = 64;

    private ResponseParser() {
    }

    public static ParsedResponse parse(Frame frame) {
        Cursor c = new Cursor(frame);
        try {
            Response r = response(c);
            c.end();
            return new ParsedResponse.Ok(r);
        } catch (Cursor.Failure e) {
            return new ParsedResponse.Error(e.getMessage(), frame.describe());
        }
    }

    public static ParsedResponse parse(String line) {
        return parse(Frame.ofLine(line));
    }

    private static Response response(Cursor c) throws Cursor.Failure {
        if (c.accept('+')) {
            c.accept(' ');
            return new Response.Continuation(c.restOfLine());
        }
        if (c.accept('*')) {
            c.sp();
            return untagged(c);
        }
        String tag = c.tag();
        c.sp();
        String status = Cursor.upper(c.atom());
        Response.Status s = switch (status) {
            case "OK" -> Response.Status.OK;
            case "NO" -> Response.Status.NO;
            case "BAD" -> Response.Status.BAD;
            default -> throw c.fail("tagged response must be OK, NO or BAD");
        };
        Optional<ResponseCode> code = respTextCode(c);
        return new Response.Tagged(tag, s, code, c.restOfLine());
    }

    private static Optional<ResponseCode> respTextCode(Cursor c) throws Cursor.Failure {
        if (!c.accept(' ')) {
            return Optional.empty();
        }
        if (!c.accept('[')) {
            return Optional.empty();
        }
        ResponseCode code = responseCode(c);
        c.expect(']');
        c.accept(' ');
        return Optional.of(code);
    }

    private static ResponseCode responseCode(Cursor c) throws Cursor.Failure {
        String name = Cursor.upper(c.atom());
        switch (name) {
            case "CAPABILITY" -> {
                List<String> caps = new ArrayList<>();
                while (c.accept(' ')) {
                    caps.add(c.atom());
                }
                return new ResponseCode.Capability(caps);
            }
            case "PERMANENTFLAGS" -> {
                c.sp();
                return new ResponseCode.PermanentFlags(c.flagList());
            }
            case "BADCHARSET" -> {
                List<String> charsets = new ArrayList<>();
                if (c.accept(' ')) {
                    c.expect('(');
                    do {
                        charsets.add(c.astring());
                    } while (c.accept(' '));
                    c.expect(')');
                }
                return new ResponseCode.BadCharset(charsets);
            }
            case "UIDNEXT", "UIDVALIDITY", "UNSEEN", "HIGHESTMODSEQ" -> {
                c.sp();
                return new ResponseCode.Number(name, c.number(Syntax.MAX_NUMBER64));
            }
            case "APPENDUID" -> {
                c.sp();
                long validity = c.nzNumber();
                c.sp();
                return new ResponseCode.AppendUid(validity, c.sequenceSet());
            }
            case "MODIFIED" -> {
                c.sp();
                return new ResponseCode.Modified(c.sequenceSet());
            }
            case "COPYUID" -> {
                c.sp();
                long validity = c.nzNumber();
                c.sp();
                SequenceSet from = c.sequenceSet();
                c.sp();
                return new ResponseCode.CopyUid(validity, from, c.sequenceSet());
            }
            default -> {
                if (c.accept(' ')) {
                    String text = c.run(ch -> ch != ']' && ch != '\r' && ch != '\n');
                    return new ResponseCode.Other(name, Optional.of(text));
                }
                return new ResponseCode.Atom(name);
            }
        }
    }

    private static Response untagged(Cursor c) throws Cursor.Failure {
        if (c.atDigit()) {
            long n = c.number();
            c.sp();
            String kind = Cursor.upper(c.atom());
            return switch (kind) {
                case "EXISTS" -> new Response.Exists(n);
                case "RECENT" -> new Response.Recent(n);
                case "EXPUNGE" -> new Response.Expunge(n);
                case "FETCH" -> {
                    c.sp();
                    yield fetch(c, n);
                }
                default -> throw c.fail("unknown message data " + kind);
            };
        }
        String name = Cursor.upper(c.atom());
        switch (name) {
            case "OK", "NO", "BAD", "PREAUTH", "BYE" -> {
                Response.Status status = Response.Status.valueOf(name);
                Optional<ResponseCode> code = respTextCode(c);
                return new Response.Condition(status, code, c.restOfLine());
            }
            case "CAPABILITY", "ENABLED" -> {
                List<String> caps = new ArrayList<>();
                while (c.accept(' ')) {
                    caps.add(c.atom());
                }
                return name.equals("ENABLED") ? new Response.Enabled(caps) : new Response.Capability(caps);
            }
            case "FLAGS" -> {
                c.sp();
                return new Response.Flags(c.flagList());
            }
            case "LIST", "LSUB" -> {
                return listItem(c, name.equals("LSUB"));
            }
            case "NAMESPACE" -> {
                c.sp();
                List<Response.NamespaceEntry> personal = namespaces(c);
                c.sp();
                List<Response.NamespaceEntry> other = namespaces(c);
                c.sp();
                return new Response.Namespace(personal, other, namespaces(c));
            }
            case "STATUS" -> {
                c.sp();
                String mailbox = CommandParser.mailbox(c);
                c.sp();
                c.expect('(');
                List<Response.StatusValue> values = new ArrayList<>();
                if (!c.accept(')')) {
                    do {
                        String item = c.atom();
                        StatusItem si = StatusItem.parse(item).orElseThrow(() -> c.fail("unknown status item"));
                        c.sp();
                        values.add(new Response.StatusValue(si, c.number(Syntax.MAX_NUMBER64)));
                    } while (c.accept(' '));
                    c.expect(')');
                }
                return new Response.StatusData(mailbox, values);
            }
            case "VANISHED" -> { // RFC 7162 §3.2.10
                c.sp();
                boolean earlier = false;
                if (c.accept('(')) {
                    if (!c.acceptKeyword("EARLIER")) {
                        throw c.fail("expected EARLIER");
                    }
                    c.expect(')');
                    c.sp();
                    earlier = true;
                }
                return new Response.Vanished(earlier, c.sequenceSet());
            }
            case "SEARCH" -> {
                List<Long> numbers = new ArrayList<>();
                OptionalLong modSeq = OptionalLong.empty();
                while (c.accept(' ')) {
                    if (c.atEnd()) {
                        break; // some servers send "* SEARCH " with a trailing space
                    }
                    if (c.accept('(')) { // RFC 7162 §3.1.5: (MODSEQ n) after the numbers
                        if (!c.acceptKeyword("MODSEQ")) {
                            throw c.fail("expected MODSEQ");
                        }
                        c.sp();
                        modSeq = OptionalLong.of(c.number(Syntax.MAX_NUMBER64));
                        c.expect(')');
                        break;
                    }
                    numbers.add(c.nzNumber());
                }
                return new Response.Search(numbers, modSeq);
            }
            case "ESEARCH" -> {
                return esearch(c);
            }
            case "ACL", "LISTRIGHTS", "MYRIGHTS" -> {
                return acl(name, c);
            }
            case "SORT" -> {
                return SortThreadSyntax.sortData(c);
            }
            case "THREAD" -> {
                return SortThreadSyntax.threadData(c);
            }
            case "ID" -> {
                c.sp();
                return new Response.Id(CommandParser.idParams(c));
            }
            case "QUOTA", "QUOTAROOT" -> {
                return QuotaSyntax.response(name, c); // RFC 9208 §4.2
            }
            default -> throw c.fail("unknown response " + name);
        }
    }

    private static Response listItem(Cursor c, boolean lsub) throws Cursor.Failure {
        c.sp();
        List<String> attributes = c.flagList();
        c.sp();
        Optional<Character> delimiter = delimiter(c);
        c.sp();
        String mailbox = CommandParser.mailbox(c);
        List<String> childInfo = new ArrayList<>();
        Optional<String> oldName = Optional.empty();
        if (c.accept(' ')) {
            c.expect('(');
            do {
                String tag = Cursor.upper(c.astring());
                c.sp();
                switch (tag) {
                    case "CHILDINFO" -> {
                        c.expect('(');
                        do {
                            childInfo.add(c.string());
                        } while (c.accept(' '));
                        c.expect(')');
                    }
                    case "OLDNAME" -> {
                        c.expect('(');
                        oldName = Optional.of(CommandParser.mailbox(c));
                        c.expect(')');
                    }
                    default -> skipValue(c, 0);
                }
            } while (c.accept(' '));
            c.expect(')');
        }
        return new Response.ListItem(lsub, attributes, delimiter, mailbox, childInfo, oldName);
    }

    private static Optional<Character> delimiter(Cursor c) throws Cursor.Failure {
        if (c.acceptKeyword("NIL")) {
            return Optional.empty();
        }
        String d = c.quoted();
        if (d.length() != 1) {
            throw c.fail("a hierarchy delimiter is one character");
        }
        return Optional.of(d.charAt(0));
    }

    private static List<Response.NamespaceEntry> namespaces(Cursor c) throws Cursor.Failure {
        List<Response.NamespaceEntry> entries = new ArrayList<>();
        if (c.acceptKeyword("NIL")) {
            return entries;
        }
        c.expect('(');
        do {
            c.expect('(');
            String prefix = c.string();
            c.sp();
            Optional<Character> delimiter = delimiter(c);
            while (c.accept(' ')) {
                skipValue(c, 0); // namespace-response-extension: string SP (string list)
            }
            c.expect(')');
            entries.add(new Response.NamespaceEntry(prefix, delimiter));
        } while (c.peek() == '(');
        c.expect(')');
        return entries;
    }

    private static Response esearch(Cursor c) throws Cursor.Failure {
        Optional<String> tag = Optional.empty();
        boolean uid = false;
        OptionalLong min = OptionalLong.empty();
        OptionalLong max = OptionalLong.empty();
        OptionalLong count = OptionalLong.empty();
        OptionalLong modSeq = OptionalLong.empty();
        Optional<SequenceSet> all = Optional.empty();
        if (c.peek() == ' ' && c.peek(1) == '(') {
            c.sp();
            c.expect('(');
            if (!c.acceptKeyword("TAG")) {
                throw c.fail("expected TAG");
            }
            c.sp();
            tag = Optional.of(c.astring());
            c.expect(')');
        }
        while (c.accept(' ')) {
            String name = Cursor.upper(c.atom());
            switch (name) {
                case "UID" -> uid = true;
                case "MIN" -> {
                    c.sp();
                    min = OptionalLong.of(c.nzNumber());
                }
                case "MAX" -> {
                    c.sp();
                    max = OptionalLong.of(c.nzNumber());
                }
                case "COUNT" -> {
                    c.sp();
                    count = OptionalLong.of(c.number());
                }
                case "ALL" -> {
                    c.sp();
                    all = Optional.of(c.sequenceSet());
                }
                case "MODSEQ" -> {
                    c.sp();
                    modSeq = OptionalLong.of(c.number(Syntax.MAX_NUMBER64));
                }
                default -> {
                    c.sp();
                    skipValue(c, 0);
                }
            }
        }
        return new Response.ESearch(tag, uid, min, max, all, count, modSeq);
    }

    /** Skips one extension value: a string, number, atom, sequence set or parenthesized list. */
    private static void skipValue(Cursor c, int depth) throws Cursor.Failure {
        if (depth > MAX_DEPTH) {
            throw c.fail("nested too deeply");
        }
        if (c.accept('(')) {
            if (!c.accept(')')) {
                do {
                    skipValue(c, depth + 1);
                } while (c.accept(' '));
                c.expect(')');
            }
            return;
        }
        if (c.peek() == '"' || c.peek() == '{' || c.peek() == '~') {
            c.string();
            return;
        }
        String s = c.run(ch -> Syntax.isAstringChar(ch) || ch == '*' || ch == '%');
        if (s.isEmpty()) {
            throw c.fail("expected a value");
        }
    }

    private static Response fetch(Cursor c, long sequence) throws Cursor.Failure {
        c.expect('(');
        List<FetchData> items = new ArrayList<>();
        if (!c.accept(')')) {
            do {
                items.add(fetchData(c));
            } while (c.accept(' '));
            c.expect(')');
        }
        return new Response.Fetch(sequence, items);
    }

    private static FetchData fetchData(Cursor c) throws Cursor.Failure {
        String name = Cursor.upper(c.run(ch -> Character.isLetterOrDigit(ch) && ch < 0x80 || ch == '.'));
        switch (name) {
            case "FLAGS" -> {
                c.sp();
                return new FetchData.Flags(c.flagList());
            }
            case "UID" -> {
                c.sp();
                return new FetchData.Uid(c.nzNumber());
            }
            case "MODSEQ" -> {
                c.sp();
                c.expect('(');
                long modSeq = c.number(Syntax.MAX_NUMBER64);
                c.expect(')');
                return new FetchData.ModSeq(modSeq);
            }
            case "INTERNALDATE" -> {
                c.sp();
                return new FetchData.InternalDate(c.dateTime());
            }
            case "RFC822.SIZE" -> {
                c.sp();
                return new FetchData.Rfc822Size(c.number(Syntax.MAX_NUMBER64));
            }
            case "ENVELOPE" -> {
                c.sp();
                return new FetchData.EnvelopeData(envelope(c));
            }
            case "BODYSTRUCTURE" -> {
                c.sp();
                return new FetchData.Structure(body(c, 0), true);
            }
            case "BODY" -> {
                if (c.peek() == '[') {
                    Section section = CommandParser.section(c);
                    OptionalLong origin = origin(c);
                    c.sp();
                    return new FetchData.BodySection(section, origin, c.nstringLiteral());
                }
                c.sp();
                return new FetchData.Structure(body(c, 0), false);
            }
            case "RFC822", "RFC822.HEADER", "RFC822.TEXT" -> {
                c.sp();
                FetchAttribute.Item item = FetchAttribute.Item.parse(name).orElseThrow();
                return new FetchData.Rfc822(item, c.nstringLiteral());
            }
            case "BINARY" -> {
                List<Integer> part = CommandParser.binaryPart(c);
                OptionalLong origin = origin(c);
                c.sp();
                return new FetchData.Binary(part, origin, c.nstringLiteral());
            }
            case "BINARY.SIZE" -> {
                List<Integer> part = CommandParser.binaryPart(c);
                c.sp();
                return new FetchData.BinarySize(part, c.number(Syntax.MAX_NUMBER64));
            }
            default -> throw c.fail("unknown FETCH data " + name);
        }
    }

    private static OptionalLong origin(Cursor c) throws Cursor.Failure {
        if (!c.accept('<')) {
            return OptionalLong.empty();
        }
        long n = c.number(Syntax.MAX_NUMBER64);
        c.expect('>');
        return OptionalLong.of(n);
    }

    static Envelope envelope(Cursor c) throws Cursor.Failure {
        c.expect('(');
        Optional<String> date = c.nstring();
        c.sp();
        Optional<String> subject = c.nstring();
        c.sp();
        List<Address> from = addresses(c);
        c.sp();
        List<Address> sender = addresses(c);
        c.sp();
        List<Address> replyTo = addresses(c);
        c.sp();
        List<Address> to = addresses(c);
        c.sp();
        List<Address> cc = addresses(c);
        c.sp();
        List<Address> bcc = addresses(c);
        c.sp();
        Optional<String> inReplyTo = c.nstring();
        c.sp();
        Optional<String> messageId = c.nstring();
        c.expect(')');
        return new Envelope(date, subject, from, sender, replyTo, to, cc, bcc, inReplyTo, messageId);
    }

    private static List<Address> addresses(Cursor c) throws Cursor.Failure {
        List<Address> list = new ArrayList<>();
        if (c.acceptKeyword("NIL")) {
            return list;
        }
        c.expect('(');
        do {
            c.accept(' ');
            c.expect('(');
            Optional<String> name = c.nstring();
            c.sp();
            Optional<String> adl = c.nstring();
            c.sp();
            Optional<String> mailbox = c.nstring();
            c.sp();
            Optional<String> host = c.nstring();
            c.expect(')');
            list.add(new Address(name, adl, mailbox, host));
        } while (c.peek() == '(' || c.peek() == ' ');
        c.expect(')');
        return list;
    }

    static BodyStructure body(Cursor c, int depth) throws Cursor.Failure {
        if (depth > MAX_DEPTH) {
            throw c.fail("body structure nested too deeply");
        }
        c.expect('(');
        if (c.peek() == '(') {
            List<BodyStructure> parts = new ArrayList<>();
            do {
                c.accept(' ');
                parts.add(body(c, depth + 1));
            } while (c.peek() == '(' || (c.peek() == ' ' && c.peek(1) == '('));
            c.sp();
            String subtype = c.string();
            Optional<BodyStructure.MultiExtension> ext = Optional.empty();
            if (c.accept(' ')) {
                List<BodyStructure.Param> params = params(c);
                ExtensionTail t = extensionTail(c, depth);
                ext = Optional.of(new BodyStructure.MultiExtension(params, t.disposition(), t.language(), t.location()));
            }
            c.expect(')');
            return new BodyStructure.Multi(parts, subtype, ext);
        }
        String type = c.string();
        c.sp();
        String subtype = c.string();
        c.sp();
        List<BodyStructure.Param> params = params(c);
        c.sp();
        Optional<String> id = c.nstring();
        c.sp();
        Optional<String> description = c.nstring();
        c.sp();
        String encoding = c.string();
        c.sp();
        long size = c.number(Syntax.MAX_NUMBER64);
        OptionalLong lines = OptionalLong.empty();
        Optional<BodyStructure.Embedded> embedded = Optional.empty();
        boolean message = type.equalsIgnoreCase("MESSAGE")
                && (subtype.equalsIgnoreCase("RFC822") || subtype.equalsIgnoreCase("GLOBAL"));
        if (message) {
            c.sp();
            Envelope envelope = envelope(c);
            c.sp();
            BodyStructure inner = body(c, depth + 1);
            c.sp();
            embedded = Optional.of(new BodyStructure.Embedded(envelope, inner, c.number(Syntax.MAX_NUMBER64)));
        } else if (type.equalsIgnoreCase("TEXT")) {
            c.sp();
            lines = OptionalLong.of(c.number(Syntax.MAX_NUMBER64));
        }
        Optional<BodyStructure.SingleExtension> ext = Optional.empty();
        if (c.accept(' ')) {
            Optional<String> md5 = c.nstring();
            ExtensionTail t = extensionTail(c, depth);
            ext = Optional.of(new BodyStructure.SingleExtension(md5, t.disposition(), t.language(), t.location()));
        }
        c.expect(')');
        return new BodyStructure.Single(type, subtype, params, id, description, encoding, size, lines, embedded, ext);
    }

    /** The extension data both body kinds end with: disposition, language, location, each optional in turn. */
    private record ExtensionTail(Optional<BodyStructure.Disposition> disposition, List<String> language,
            Optional<String> location) {
    }

    /** RFC 9051 §9 body-ext-1part/body-ext-mpart after the first field; later extensions are skipped. */
    private static ExtensionTail extensionTail(Cursor c, int depth) throws Cursor.Failure {
        if (!c.accept(' ')) {
            return new ExtensionTail(Optional.empty(), List.of(), Optional.empty());
        }
        Optional<BodyStructure.Disposition> disposition = disposition(c);
        if (!c.accept(' ')) {
            return new ExtensionTail(disposition, List.of(), Optional.empty());
        }
        List<String> language = language(c);
        if (!c.accept(' ')) {
            return new ExtensionTail(disposition, language, Optional.empty());
        }
        Optional<String> location = c.nstring();
        while (c.accept(' ')) {
            skipValue(c, depth);
        }
        return new ExtensionTail(disposition, language, location);
    }

    private static List<BodyStructure.Param> params(Cursor c) throws Cursor.Failure {
        List<BodyStructure.Param> params = new ArrayList<>();
        if (c.acceptKeyword("NIL")) {
            return params;
        }
        c.expect('(');
        do {
            String name = c.string();
            c.sp();
            params.add(new BodyStructure.Param(name, c.string()));
        } while (c.accept(' '));
        c.expect(')');
        return params;
    }

    private static Optional<BodyStructure.Disposition> disposition(Cursor c) throws Cursor.Failure {
        if (c.acceptKeyword("NIL")) {
            return Optional.empty();
        }
        c.expect('(');
        String type = c.string();
        c.sp();
        List<BodyStructure.Param> params = params(c);
        c.expect(')');
        return Optional.of(new BodyStructure.Disposition(type, params));
    }

    private static List<String> language(Cursor c) throws Cursor.Failure {
        List<String> language = new ArrayList<>();
        if (c.accept('(')) {
            do {
                language.add(c.string());
            } while (c.accept(' '));
            c.expect(')');
            return language;
        }
        c.nstring().ifPresent(language::add);
        return language;
    }

    /** ACL, LISTRIGHTS and MYRIGHTS (RFC 4314 §3.6 to §3.8). */
    private static Response acl(String name, Cursor c) throws Cursor.Failure {
        c.sp();
        String mailbox = CommandParser.mailbox(c);
        switch (name) {
            case "MYRIGHTS" -> {
                c.sp();
                return new Response.MyRights(mailbox, c.astring());
            }
            case "LISTRIGHTS" -> {
                c.sp();
                String identifier = c.astring();
                c.sp();
                String required = c.astring();
                List<String> optional = new ArrayList<>();
                while (c.accept(' ')) {
                    optional.add(c.astring());
                }
                return new Response.ListRights(mailbox, identifier, required, optional);
            }
            default -> {
                List<Response.AclEntry> entries = new ArrayList<>();
                while (c.accept(' ')) {
                    String identifier = c.astring();
                    c.sp();
                    entries.add(new Response.AclEntry(identifier, c.astring()));
                }
                return new Response.Acl(mailbox, entries);
            }
        }
    }
}
