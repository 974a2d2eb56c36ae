package org.maillab.imap.codec;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The grammar of IMAP commands (RFC 9051 §9, RFC 3501 §9 and the extensions of {@link Command}), applied
 * to a complete {@link Frame}. Total: every frame yields a {@link ParsedCommand}, never an exception.
 */
public final class CommandParser {

    /** Nesting of search keys (parentheses, NOT, OR) beyond this is refused rather than recursed into. */
    static final int MAX_SEARCH_DEPTH = 64;

    private CommandParser() {
    }

    /** Parses one command. */
    public static ParsedCommand parse(Frame frame) {
        Cursor c = new Cursor(frame);
        String tag;
        try {
            tag = c.tag();
        } catch (Cursor.Failure e) {
            return new ParsedCommand.Error(Optional.empty(), e.getMessage());
        }
        try {
            c.sp();
            Command command = command(c);
            c.end();
            return new ParsedCommand.Ok(tag, command);
        } catch (Cursor.Failure e) {
            return new ParsedCommand.Error(Optional.of(tag), e.getMessage());
        }
    }

    /** Parses a command from text (no literals); for tests and tools. */
    public static ParsedCommand parse(String line) {
        return parse(Frame.ofLine(line));
    }

    private static Command command(Cursor c) throws Cursor.Failure {
        String name = Cursor.upper(c.atom());
        return switch (name) {
            case "CAPABILITY" -> new Command.Capability();
            case "NOOP" -> new Command.Noop();
            case "LOGOUT" -> new Command.Logout();
            case "STARTTLS" -> new Command.StartTls();
            case "ID" -> id(c);
            case "AUTHENTICATE" -> authenticate(c);
            case "LOGIN" -> {
                c.sp();
                String user = c.astring();
                c.sp();
                yield new Command.Login(user, c.astring());
            }
            case "ENABLE" -> enable(c);
            case "SELECT" -> {
                String mailbox = spMailbox(c);
                SelectParameters p = selectParameters(c);
                yield new Command.Select(mailbox, p.condstore(), p.qresync());
            }
            case "EXAMINE" -> {
                String mailbox = spMailbox(c);
                SelectParameters p = selectParameters(c);
                yield new Command.Examine(mailbox, p.condstore(), p.qresync());
            }
            case "CREATE" -> create(c);
            case "DELETE" -> new Command.Delete(spMailbox(c));
            case "RENAME" -> {
                String from = spMailbox(c);
                yield new Command.Rename(from, spMailbox(c));
            }
            case "SUBSCRIBE" -> new Command.Subscribe(spMailbox(c));
            case "UNSUBSCRIBE" -> new Command.Unsubscribe(spMailbox(c));
            case "LIST" -> list(c);
            case "LSUB" -> {
                String reference = spMailbox(c);
                c.sp();
                yield new Command.Lsub(reference, c.listMailbox());
            }
            case "NAMESPACE" -> new Command.Namespace();
            case "STATUS" -> status(c);
            case "APPEND" -> append(c);
            case "IDLE" -> new Command.Idle();
            case "CHECK" -> new Command.Check();
            case "CLOSE" -> new Command.Close();
            case "UNSELECT" -> new Command.Unselect();
            case "EXPUNGE" -> new Command.Expunge();
            case "SEARCH" -> search(c, false);
            case "FETCH" -> fetch(c, false);
            case "STORE" -> store(c, false);
            case "COPY" -> copy(c, false);
            case "MOVE" -> move(c, false);
            case "SORT" -> SortThreadSyntax.sort(c, false);
            case "THREAD" -> SortThreadSyntax.thread(c, false);
            case "UID" -> uid(c);
            case "SETACL", "DELETEACL", "GETACL", "LISTRIGHTS", "MYRIGHTS" -> acl(name, c);
            case "COMPRESS" -> compress(c);
            case "GETQUOTA", "GETQUOTAROOT", "SETQUOTA" -> QuotaSyntax.command(name, c); // RFC 9208
            default -> throw c.fail("unknown command " + name);
        };
    }

    /** compress = "COMPRESS" SP algorithm (RFC 4978 §5); the session answers an unknown algorithm. */
    private static Command compress(Cursor c) throws Cursor.Failure {
        c.sp();
        return new Command.Compress(Cursor.upper(c.atom()));
    }

    private static Command uid(Cursor c) throws Cursor.Failure {
        c.sp();
        String name = Cursor.upper(c.atom());
        return switch (name) {
            case "SEARCH" -> search(c, true);
            case "FETCH" -> fetch(c, true);
            case "STORE" -> store(c, true);
            case "COPY" -> copy(c, true);
            case "MOVE" -> move(c, true);
            case "SORT" -> SortThreadSyntax.sort(c, true);
            case "THREAD" -> SortThreadSyntax.thread(c, true);
            case "EXPUNGE" -> {
                c.sp();
                yield new Command.UidExpunge(c.sequenceSet());
            }
            default -> throw c.fail("unknown UID command " + name);
        };
    }

    /** mailbox: "INBOX" / astring; INBOX in any case means INBOX (RFC 9051 §5.1). */
    static String mailbox(Cursor c) throws Cursor.Failure {
        String name = c.astring();
        return name.equalsIgnoreCase("INBOX") ? "INBOX" : name;
    }

    private static String spMailbox(Cursor c) throws Cursor.Failure {
        c.sp();
        return mailbox(c);
    }

    private static Command id(Cursor c) throws Cursor.Failure {
        c.sp();
        return new Command.Id(idParams(c));
    }

    /** RFC 2971 §4 id-params-list, the same in the command and the response; empty for NIL. */
    static Optional<List<Command.IdField>> idParams(Cursor c) throws Cursor.Failure {
        if (c.acceptKeyword("NIL")) {
            return Optional.empty();
        }
        c.expect('(');
        List<Command.IdField> fields = new ArrayList<>();
        if (!c.accept(')')) {
            do {
                String key = c.string();
                c.sp();
                fields.add(new Command.IdField(key, c.nstring()));
            } while (c.accept(' '));
            c.expect(')');
        }
        return Optional.of(fields);
    }

    private static Command authenticate(Cursor c) throws Cursor.Failure {
        c.sp();
        String mechanism = Cursor.upper(c.atom());
        if (!c.accept(' ')) {
            return new Command.Authenticate(mechanism, Optional.empty());
        }
        String response = c.run(ch -> Character.isLetterOrDigit(ch) && ch < 0x80 || ch == '+' || ch == '/'
                || ch == '=');
        if (response.isEmpty() || !isBase64OrEquals(response)) {
            throw c.fail("initial response must be base64 or '='");
        }
        return new Command.Authenticate(mechanism, Optional.of(response));
    }

    /** initial-resp = base64 / "=" (RFC 4959 §7). */
    static boolean isBase64OrEquals(String s) {
        if (s.equals("=")) {
            return true;
        }
        if (s.length() % 4 != 0) {
            return false;
        }
        int padding = s.endsWith("==") ? 2 : s.endsWith("=") ? 1 : 0;
        for (int i = 0; i < s.length() - padding; i++) {
            char ch = s.charAt(i);
            if (ch == '=') {
                return false;
            }
        }
        return true;
    }

    private static Command enable(Cursor c) throws Cursor.Failure {
        List<String> caps = new ArrayList<>();
        while (c.accept(' ')) {
            caps.add(c.atom());
        }
        if (caps.isEmpty()) {
            throw c.fail("ENABLE needs a capability");
        }
        return new Command.Enable(caps);
    }

    private static Command create(Cursor c) throws Cursor.Failure {
        String name = spMailbox(c);
        List<String> use = new ArrayList<>();
        if (c.accept(' ')) {
            // RFC 6154 §3: create-params = "(" "USE" SP "(" [use-attr *(SP use-attr)] ")" ")"
            c.expect('(');
            if (!c.acceptKeyword("USE")) {
                throw c.fail("unknown CREATE parameter");
            }
            c.sp();
            use.addAll(c.flagList());
            c.expect(')');
            for (String attr : use) {
                if (!attr.startsWith("\\") || attr.equals("\\*")) {
                    throw c.fail("special-use attributes start with a backslash");
                }
            }
        }
        return new Command.Create(name, use);
    }

    private static Command list(Cursor c) throws Cursor.Failure {
        c.sp();
        List<Command.ListSelect> select = new ArrayList<>();
        if (c.accept('(')) {
            if (!c.accept(')')) {
                do {
                    String opt = Cursor.upper(c.atom());
                    select.add(switch (opt) {
                        case "SUBSCRIBED" -> Command.ListSelect.SUBSCRIBED;
                        case "REMOTE" -> Command.ListSelect.REMOTE;
                        case "RECURSIVEMATCH" -> Command.ListSelect.RECURSIVEMATCH;
                        case "SPECIAL-USE" -> Command.ListSelect.SPECIAL_USE;
                        default -> throw c.fail("unknown LIST selection option " + opt);
                    });
                } while (c.accept(' '));
                c.expect(')');
            }
            c.sp();
            // RFC 5258 §3.1: RECURSIVEMATCH only modifies a base option (SUBSCRIBED or SPECIAL-USE).
            if (select.contains(Command.ListSelect.RECURSIVEMATCH)
                    && !select.contains(Command.ListSelect.SUBSCRIBED)
                    && !select.contains(Command.ListSelect.SPECIAL_USE)) {
                throw c.fail("RECURSIVEMATCH needs another selection option");
            }
        }
        String reference = mailbox(c);
        c.sp();
        List<String> patterns = new ArrayList<>();
        if (c.accept('(')) {
            do {
                patterns.add(c.listMailbox());
            } while (c.accept(' '));
            c.expect(')');
        } else {
            patterns.add(c.listMailbox());
        }
        List<Command.ListReturn> returns = new ArrayList<>();
        List<StatusItem> status = new ArrayList<>();
        if (c.accept(' ')) {
            if (!c.acceptKeyword("RETURN")) {
                throw c.fail("expected RETURN");
            }
            c.sp();
            c.expect('(');
            if (!c.accept(')')) {
                do {
                    String opt = Cursor.upper(c.atom());
                    switch (opt) {
                        case "SUBSCRIBED" -> returns.add(Command.ListReturn.SUBSCRIBED);
                        case "CHILDREN" -> returns.add(Command.ListReturn.CHILDREN);
                        case "SPECIAL-USE" -> returns.add(Command.ListReturn.SPECIAL_USE);
                        case "STATUS" -> {
                            c.sp();
                            status.addAll(statusItems(c));
                            if (status.isEmpty()) {
                                throw c.fail("STATUS needs an item");
                            }
                        }
                        default -> throw c.fail("unknown LIST return option " + opt);
                    }
                } while (c.accept(' '));
                c.expect(')');
            }
        }
        return new Command.ListMailboxes(select, reference, patterns, returns, status);
    }

    private static List<StatusItem> statusItems(Cursor c) throws Cursor.Failure {
        c.expect('(');
        List<StatusItem> items = new ArrayList<>();
        do {
            String atom = c.atom();
            items.add(StatusItem.parse(atom).orElseThrow(() -> c.fail("unknown STATUS item " + atom)));
        } while (c.accept(' '));
        c.expect(')');
        return items;
    }

    private static Command status(Cursor c) throws Cursor.Failure {
        String name = spMailbox(c);
        c.sp();
        return new Command.Status(name, statusItems(c));
    }

    private static Command append(Cursor c) throws Cursor.Failure {
        String name = spMailbox(c);
        c.sp();
        List<String> flags = List.of();
        if (c.peek() == '(') {
            flags = c.flagList();
            for (String flag : flags) {
                if (flag.equals("\\*")) {
                    throw c.fail("\\* is not a flag");
                }
            }
            c.sp();
        }
        Optional<OffsetDateTime> date = Optional.empty();
        if (c.peek() == '"') {
            date = Optional.of(c.dateTime());
            c.sp();
        }
        boolean binary = c.peek() == '~';
        if (c.peek() != '{' && !binary) {
            throw c.fail("APPEND needs the message as a literal");
        }
        Literal message = c.literal();
        return new Command.Append(name, flags, date, message, binary);
    }

    private static Command search(Cursor c, boolean uid) throws Cursor.Failure {
        c.sp();
        Optional<List<Command.SearchReturn>> returns = Optional.empty();
        if (c.acceptKeyword("RETURN")) {
            c.sp();
            c.expect('(');
            List<Command.SearchReturn> opts = new ArrayList<>();
            if (!c.accept(')')) {
                do {
                    String opt = Cursor.upper(c.atom());
                    opts.add(switch (opt) {
                        case "MIN" -> Command.SearchReturn.MIN;
                        case "MAX" -> Command.SearchReturn.MAX;
                        case "ALL" -> Command.SearchReturn.ALL;
                        case "COUNT" -> Command.SearchReturn.COUNT;
                        case "SAVE" -> Command.SearchReturn.SAVE;
                        default -> throw c.fail("unknown SEARCH return option " + opt);
                    });
                } while (c.accept(' '));
                c.expect(')');
            }
            returns = Optional.of(opts);
            c.sp();
        }
        Optional<String> charset = Optional.empty();
        if (c.acceptKeyword("CHARSET")) {
            c.sp();
            charset = Optional.of(c.peek() == '"' ? c.quoted() : c.atom());
            c.sp();
        }
        List<SearchKey> keys = new ArrayList<>();
        do {
            keys.add(searchKey(c, 0));
        } while (c.accept(' '));
        return new Command.Search(uid, returns, charset, keys);
    }

    /** search-key (RFC 9051 §9, RFC 3501 §9). */
    static SearchKey searchKey(Cursor c, int depth) throws Cursor.Failure {
        if (depth > MAX_SEARCH_DEPTH) {
            throw c.fail("search keys nested too deeply");
        }
        if (c.accept('(')) {
            List<SearchKey> keys = new ArrayList<>();
            do {
                keys.add(searchKey(c, depth + 1));
            } while (c.accept(' '));
            c.expect(')');
            return new SearchKey.And(keys);
        }
        if (c.atDigit() || c.peek() == '*' || c.peek() == '$') {
            return new SearchKey.Sequence(c.sequenceSet());
        }
        String name = Cursor.upper(c.atom());
        Optional<SearchKey.Simple> simple = SearchKey.Simple.parse(name);
        if (simple.isPresent()) {
            return new SearchKey.Flag(simple.get());
        }
        return switch (name) {
            case "BCC", "BODY", "CC", "FROM", "SUBJECT", "TEXT", "TO" -> {
                c.sp();
                yield new SearchKey.Text(SearchKey.TextField.valueOf(name), c.astring());
            }
            case "HEADER" -> {
                c.sp();
                String field = c.astring();
                c.sp();
                yield new SearchKey.Header(field, c.astring());
            }
            case "KEYWORD", "UNKEYWORD" -> {
                c.sp();
                yield new SearchKey.Keyword(c.atom(), name.equals("KEYWORD"));
            }
            case "BEFORE", "ON", "SINCE", "SENTBEFORE", "SENTON", "SENTSINCE" -> {
                c.sp();
                LocalDate date = c.date();
                yield new SearchKey.Date(SearchKey.DateField.valueOf(name), date);
            }
            case "LARGER", "SMALLER" -> {
                c.sp();
                yield new SearchKey.Size(name.equals("LARGER"), c.number(Syntax.MAX_NUMBER64));
            }
            case "UID" -> {
                c.sp();
                yield new SearchKey.Uid(c.sequenceSet());
            }
            case "MODSEQ" -> { // RFC 7162 §3.1.5: MODSEQ [entry-name entry-type-req] mod-sequence-valzer
                c.sp();
                if (c.peek() == '"') {
                    c.astring();
                    c.sp();
                    String type = Cursor.upper(c.atom());
                    if (!type.equals("PRIV") && !type.equals("SHARED") && !type.equals("ALL")) {
                        throw c.fail("MODSEQ entry type must be priv, shared or all");
                    }
                    c.sp();
                }
                yield new SearchKey.ModSeq(modSeq(c, true));
            }
            case "NOT" -> {
                c.sp();
                yield new SearchKey.Not(searchKey(c, depth + 1));
            }
            case "OR" -> {
                c.sp();
                SearchKey left = searchKey(c, depth + 1);
                c.sp();
                yield new SearchKey.Or(left, searchKey(c, depth + 1));
            }
            default -> throw c.fail("unknown search key " + name);
        };
    }

    private record SelectParameters(boolean condstore, Optional<Command.Qresync> qresync) {
    }

    /** SELECT/EXAMINE parameters (RFC 4466 §2.1): CONDSTORE (RFC 7162 §3.1.8) and QRESYNC (§3.2.5). */
    private static SelectParameters selectParameters(Cursor c) throws Cursor.Failure {
        boolean condstore = false;
        Optional<Command.Qresync> qresync = Optional.empty();
        if (!c.accept(' ')) {
            return new SelectParameters(false, Optional.empty());
        }
        c.expect('(');
        do {
            if (!condstore && c.acceptKeyword("CONDSTORE")) {
                condstore = true;
            } else if (qresync.isEmpty() && c.acceptKeyword("QRESYNC")) {
                qresync = Optional.of(qresync(c));
            } else {
                throw c.fail("unknown SELECT parameter");
            }
        } while (c.accept(' '));
        c.expect(')');
        return new SelectParameters(condstore, qresync);
    }

    /** {@code QRESYNC (uidvalidity modseq [known-uids [(seq-set uid-set)]])} (RFC 7162 §7). */
    private static Command.Qresync qresync(Cursor c) throws Cursor.Failure {
        c.sp();
        c.expect('(');
        long uidValidity = c.nzNumber();
        c.sp();
        long modSeq = modSeq(c, false);
        Optional<SequenceSet> known = Optional.empty();
        Optional<SequenceSet> seqs = Optional.empty();
        Optional<SequenceSet> seqUids = Optional.empty();
        if (c.accept(' ')) {
            if (c.peek() != '(') {
                known = Optional.of(c.sequenceSet());
                if (!c.accept(' ')) {
                    c.expect(')');
                    return new Command.Qresync(uidValidity, modSeq, known, seqs, seqUids);
                }
            }
            c.expect('(');
            seqs = Optional.of(c.sequenceSet());
            c.sp();
            seqUids = Optional.of(c.sequenceSet());
            c.expect(')');
        }
        c.expect(')');
        return new Command.Qresync(uidValidity, modSeq, known, seqs, seqUids);
    }

    /** A mod-sequence value (RFC 7162 §7: 1*DIGIT, 63 bits); {@code zero} allows mod-sequence-valzer. */
    private static long modSeq(Cursor c, boolean zero) throws Cursor.Failure {
        long n = c.number(Syntax.MAX_NUMBER64);
        if (n == 0 && !zero) {
            throw c.fail("mod-sequence must be positive");
        }
        return n;
    }

    private static Command fetch(Cursor c, boolean uid) throws Cursor.Failure {
        c.sp();
        SequenceSet set = c.sequenceSet();
        c.sp();
        List<FetchAttribute> items = new ArrayList<>();
        if (c.accept('(')) {
            do {
                items.add(fetchAttribute(c));
            } while (c.accept(' '));
            c.expect(')');
        } else {
            int mark = c.peek();
            if (mark == 'A' || mark == 'a' || mark == 'F' || mark == 'f') {
                for (String macro : List.of("ALL", "FAST", "FULL")) {
                    if (c.acceptKeyword(macro)) {
                        return fetchWith(uid, set, FetchAttribute.macro(macro), c);
                    }
                }
            }
            items.add(fetchAttribute(c));
        }
        return fetchWith(uid, set, items, c);
    }

    private record FetchModifiers(OptionalLong changedSince, boolean vanished) {
    }

    private static Command fetchWith(boolean uid, SequenceSet set, List<FetchAttribute> items, Cursor c)
            throws Cursor.Failure {
        FetchModifiers m = fetchModifiers(c);
        if (m.vanished() && (!uid || m.changedSince().isEmpty())) {
            throw c.fail("VANISHED needs UID FETCH and CHANGEDSINCE"); // RFC 7162 §3.2.6
        }
        return new Command.Fetch(uid, set, items, m.changedSince(), m.vanished());
    }

    /** FETCH modifiers (RFC 4466 §2.4): {@code CHANGEDSINCE n} (RFC 7162 §3.1.4) and {@code VANISHED} (§3.2.6). */
    private static FetchModifiers fetchModifiers(Cursor c) throws Cursor.Failure {
        if (!c.accept(' ')) {
            return new FetchModifiers(OptionalLong.empty(), false);
        }
        c.expect('(');
        OptionalLong changedSince = OptionalLong.empty();
        boolean vanished = false;
        do {
            if (changedSince.isEmpty() && c.acceptKeyword("CHANGEDSINCE")) {
                c.sp();
                changedSince = OptionalLong.of(modSeq(c, false));
            } else if (!vanished && c.acceptKeyword("VANISHED")) {
                vanished = true;
            } else {
                throw c.fail("unknown FETCH modifier");
            }
        } while (c.accept(' '));
        c.expect(')');
        return new FetchModifiers(changedSince, vanished);
    }

    static FetchAttribute fetchAttribute(Cursor c) throws Cursor.Failure {
        String name = Cursor.upper(c.run(ch -> Character.isLetterOrDigit(ch) && ch < 0x80 || ch == '.'));
        switch (name) {
            case "BODY", "BODY.PEEK" -> {
                if (c.peek() != '[') {
                    if (name.equals("BODY.PEEK")) {
                        throw c.fail("BODY.PEEK needs a section");
                    }
                    return new FetchAttribute.Simple(FetchAttribute.Item.BODY);
                }
                Section section = section(c);
                return new FetchAttribute.Body(section, name.equals("BODY.PEEK"), partial(c));
            }
            case "BINARY", "BINARY.PEEK" -> {
                List<Integer> part = binaryPart(c);
                return new FetchAttribute.Binary(part, name.equals("BINARY.PEEK"), partial(c));
            }
            case "BINARY.SIZE" -> {
                return new FetchAttribute.BinarySize(binaryPart(c));
            }
            default -> {
                return new FetchAttribute.Simple(FetchAttribute.Item.parse(name)
                        .orElseThrow(() -> c.fail("unknown FETCH item " + name)));
            }
        }
    }

    /** "[" [section-binary] "]" of BINARY and BINARY.SIZE (RFC 9051 §9), in commands and responses. */
    static List<Integer> binaryPart(Cursor c) throws Cursor.Failure {
        c.expect('[');
        List<Integer> part = new ArrayList<>();
        if (!c.accept(']')) {
            do {
                part.add((int) Math.min(c.nzNumber(), Integer.MAX_VALUE));
            } while (c.accept('.'));
            c.expect(']');
        }
        return part;
    }

    /** section = "[" [section-spec] "]" (RFC 9051 §9). */
    static Section section(Cursor c) throws Cursor.Failure {
        c.expect('[');
        if (c.accept(']')) {
            return Section.WHOLE;
        }
        List<Integer> part = new ArrayList<>();
        while (c.atDigit()) {
            part.add((int) Math.min(c.nzNumber(), Integer.MAX_VALUE));
            if (!c.accept('.')) {
                c.expect(']');
                return new Section(part, Section.Text.ALL, List.of());
            }
        }
        String text = Cursor.upper(c.run(ch -> Character.isLetter(ch) && ch < 0x80 || ch == '.'));
        Section.Text kind = switch (text) {
            case "HEADER" -> Section.Text.HEADER;
            case "HEADER.FIELDS" -> Section.Text.HEADER_FIELDS;
            case "HEADER.FIELDS.NOT" -> Section.Text.HEADER_FIELDS_NOT;
            case "TEXT" -> Section.Text.TEXT;
            case "MIME" -> {
                if (part.isEmpty()) {
                    throw c.fail("MIME needs a part number");
                }
                yield Section.Text.MIME;
            }
            default -> throw c.fail("unknown section " + text);
        };
        List<String> fields = new ArrayList<>();
        if (kind == Section.Text.HEADER_FIELDS || kind == Section.Text.HEADER_FIELDS_NOT) {
            c.sp();
            c.expect('(');
            do {
                fields.add(c.astring());
            } while (c.accept(' '));
            c.expect(')');
        }
        c.expect(']');
        return new Section(part, kind, fields);
    }

    /** partial = "<" number64 "." nz-number64 ">". */
    static Optional<Partial> partial(Cursor c) throws Cursor.Failure {
        if (!c.accept('<')) {
            return Optional.empty();
        }
        long offset = c.number(Syntax.MAX_NUMBER64);
        c.expect('.');
        if (c.peek() == '0') {
            throw c.fail("partial length must be non-zero");
        }
        long length = c.number(Syntax.MAX_NUMBER64);
        c.expect('>');
        return Optional.of(new Partial(offset, length));
    }

    private static Command store(Cursor c, boolean uid) throws Cursor.Failure {
        c.sp();
        SequenceSet set = c.sequenceSet();
        c.sp();
        OptionalLong unchangedSince = OptionalLong.empty();
        if (c.accept('(')) { // RFC 7162 §3.1.3, RFC 4466 §2.5
            if (!c.acceptKeyword("UNCHANGEDSINCE")) {
                throw c.fail("unknown STORE modifier");
            }
            c.sp();
            unchangedSince = OptionalLong.of(modSeq(c, true));
            c.expect(')');
            c.sp();
        }
        Command.StoreMode mode = Command.StoreMode.REPLACE;
        if (c.accept('+')) {
            mode = Command.StoreMode.ADD;
        } else if (c.accept('-')) {
            mode = Command.StoreMode.REMOVE;
        }
        String item = Cursor.upper(c.atom());
        boolean silent = switch (item) {
            case "FLAGS" -> false;
            case "FLAGS.SILENT" -> true;
            default -> throw c.fail("STORE supports FLAGS and FLAGS.SILENT, not " + item);
        };
        c.sp();
        List<String> flags;
        if (c.peek() == '(') {
            flags = c.flagList();
        } else {
            flags = new ArrayList<>();
            do {
                flags.add(c.flag());
            } while (c.accept(' '));
        }
        for (String flag : flags) {
            if (flag.equals("\\*")) {
                throw c.fail("\\* is not a flag");
            }
        }
        return new Command.Store(uid, set, mode, silent, flags, unchangedSince);
    }

    private static Command copy(Cursor c, boolean uid) throws Cursor.Failure {
        c.sp();
        SequenceSet set = c.sequenceSet();
        return new Command.Copy(uid, set, spMailbox(c));
    }

    private static Command move(Cursor c, boolean uid) throws Cursor.Failure {
        c.sp();
        SequenceSet set = c.sequenceSet();
        return new Command.Move(uid, set, spMailbox(c));
    }

    /** The ACL commands (RFC 4314 §3, grammar in §4 of its ABNF: identifier and rights are astrings). */
    private static Command acl(String name, Cursor c) throws Cursor.Failure {
        String mailbox = spMailbox(c);
        return switch (name) {
            case "GETACL" -> new Command.GetAcl(mailbox);
            case "MYRIGHTS" -> new Command.MyRights(mailbox);
            case "DELETEACL" -> {
                c.sp();
                yield new Command.DeleteAcl(mailbox, c.astring());
            }
            case "LISTRIGHTS" -> {
                c.sp();
                yield new Command.ListRights(mailbox, c.astring());
            }
            default -> {
                c.sp();
                String identifier = c.astring();
                c.sp();
                String rights = c.astring();
                if (!validModRights(rights)) {
                    // RFC 4314 §3.1: an unrecognized right MUST cause BAD, never be ignored
                    throw c.fail("unknown right in " + rights);
                }
                yield new Command.SetAcl(mailbox, identifier, rights);
            }
        };
    }

    /** {@code ["+" / "-"] *rights-letter}, with the letters RFC 4314 §2.1 and §2.1.1 define. */
    static boolean validModRights(String rights) {
        String letters = rights.startsWith("+") || rights.startsWith("-") ? rights.substring(1) : rights;
        for (int i = 0; i < letters.length(); i++) {
            if ("lrswipkxteacd".indexOf(letters.charAt(i)) < 0) {
                return false;
            }
        }
        return true;
    }
}
