package org.maillab.imap.codec;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/** Generators of valid IMAP values for the codec's round-trip properties. */
final class ImapArbitraries {

    private ImapArbitraries() {
    }

    /** Arbitraries of mixed types for {@code Combinators.combine(List)}. */
    static List<Arbitrary<Object>> objs(Arbitrary<?>... arbitraries) {
        List<Arbitrary<Object>> out = new java.util.ArrayList<>();
        for (Arbitrary<?> a : arbitraries) {
            out.add(a.map(x -> (Object) x));
        }
        return out;
    }

    static Arbitrary<String> atom() {
        return Arbitraries.strings().withChars("abcXYZ019.-_$=+&!#'<>|~`^:;,?@/")
                .ofMinLength(1).ofMaxLength(8)
                .filter(s -> !s.equalsIgnoreCase("NIL"));
    }

    /** Any text that survives UTF-8: atoms, spaces, quotes, backslashes, CR/LF, non-ASCII. */
    static Arbitrary<String> anyString() {
        return Arbitraries.oneOf(
                atom(),
                Arbitraries.strings().withChars("ab \"\\()*%]{}\r\nüé台").ofMaxLength(12),
                Arbitraries.strings().ascii().ofMaxLength(10),
                Arbitraries.of("", "NIL", "INBOX2", "a b", "\"", "x\r\ny", "\u20ac", "\uD83D\uDE00"));
    }

    /** Text for resp-text: no CR, LF, and not starting with '['. */
    static Arbitrary<String> text() {
        return Arbitraries.strings().withChars("ab OK[]()\"\\:üé").ofMaxLength(15)
                .filter(s -> !s.startsWith("["));
    }

    static String inboxNormalized(String name) {
        return name.equalsIgnoreCase("INBOX") ? "INBOX" : name;
    }

    static Arbitrary<String> mailbox() {
        return Arbitraries.oneOf(anyString(), Arbitraries.of("INBOX", "inbox", "Work/2026", "&U,BTFw-"))
                .map(ImapArbitraries::inboxNormalized);
    }

    static Arbitrary<String> flag() {
        return Arbitraries.oneOf(atom(), atom().map(a -> "\\" + a),
                Arbitraries.of("\\Seen", "\\Deleted", "\\Answered", "$Forwarded"));
    }

    static Arbitrary<Long> nz() {
        return Arbitraries.oneOf(Arbitraries.longs().between(1, 20), Arbitraries.longs().between(1, Syntax.MAX_NUMBER));
    }

    static Arbitrary<SequenceSet> sequenceSet() {
        Arbitrary<Long> n = Arbitraries.oneOf(nz(), Arbitraries.just(SequenceSet.STAR));
        Arbitrary<SequenceSet.Range> range = Combinators.combine(n, n, Arbitraries.of(true, false))
                .as((a, b, single) -> single ? new SequenceSet.Range(a, a) : new SequenceSet.Range(a, b));
        return Arbitraries.oneOf(
                range.list().ofMinSize(1).ofMaxSize(4).map(SequenceSet.Ranges::new),
                Arbitraries.just(new SequenceSet.LastResult()));
    }

    static Arbitrary<SequenceSet> uidSet() {
        Arbitrary<SequenceSet.Range> range = Combinators.combine(nz(), nz()).as(SequenceSet.Range::new);
        return range.list().ofMinSize(1).ofMaxSize(3).map(SequenceSet.Ranges::new);
    }

    static Arbitrary<LocalDate> date() {
        return Arbitraries.longs().between(LocalDate.of(1000, 1, 1).toEpochDay(), LocalDate.of(9999, 12, 31)
                .toEpochDay()).map(LocalDate::ofEpochDay);
    }

    static Arbitrary<OffsetDateTime> dateTime() {
        return Combinators.combine(date(), Arbitraries.integers().between(0, 86399),
                Arbitraries.integers().between(-18 * 60, 18 * 60))
                .as((d, s, z) -> OffsetDateTime.of(d, java.time.LocalTime.ofSecondOfDay(s),
                        ZoneOffset.ofTotalSeconds(z * 60)));
    }

    static Arbitrary<List<Integer>> part() {
        return Arbitraries.integers().between(1, 30).list().ofMaxSize(3);
    }

    static Arbitrary<Section> section() {
        return Combinators.combine(part(), Arbitraries.of(Section.Text.class),
                anyString().filter(s -> !s.isEmpty()).list().ofMinSize(1).ofMaxSize(3))
                .as((p, t, f) -> {
                    if (t == Section.Text.MIME && p.isEmpty()) {
                        t = Section.Text.TEXT;
                    }
                    boolean fields = t == Section.Text.HEADER_FIELDS || t == Section.Text.HEADER_FIELDS_NOT;
                    return new Section(p, t, fields ? f : List.of());
                });
    }

    static Arbitrary<Optional<Partial>> partial() {
        return Combinators.combine(Arbitraries.longs().between(0, Long.MAX_VALUE),
                Arbitraries.longs().between(1, Long.MAX_VALUE)).as(Partial::new).optional();
    }

    static Arbitrary<FetchAttribute> fetchAttribute() {
        return Arbitraries.oneOf(
                Arbitraries.of(FetchAttribute.Item.class).map(FetchAttribute.Simple::new),
                Combinators.combine(section(), Arbitraries.of(true, false), partial()).as(FetchAttribute.Body::new),
                Combinators.combine(part(), Arbitraries.of(true, false), partial()).as(FetchAttribute.Binary::new),
                part().map(FetchAttribute.BinarySize::new));
    }

    static Arbitrary<SearchKey> searchKey(int depth) {
        List<Arbitrary<? extends SearchKey>> leaves = List.of(
                Arbitraries.of(SearchKey.Simple.class).map(SearchKey.Flag::new),
                Combinators.combine(atom(), Arbitraries.of(true, false)).as(SearchKey.Keyword::new),
                Combinators.combine(Arbitraries.of(SearchKey.TextField.class), anyString()).as(SearchKey.Text::new),
                Combinators.combine(anyString(), anyString()).as(SearchKey.Header::new),
                Combinators.combine(Arbitraries.of(SearchKey.DateField.class), date()).as(SearchKey.Date::new),
                Combinators.combine(Arbitraries.of(true, false), Arbitraries.longs().between(0, Long.MAX_VALUE))
                        .as(SearchKey.Size::new),
                sequenceSet().map(SearchKey.Uid::new),
                sequenceSet().map(SearchKey.Sequence::new));
        if (depth <= 0) {
            return Arbitraries.oneOf(leaves);
        }
        Arbitrary<SearchKey> inner = Arbitraries.lazy(() -> searchKey(depth - 1));
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(6, Arbitraries.oneOf(leaves)),
                net.jqwik.api.Tuple.of(1, inner.map(SearchKey.Not::new)),
                net.jqwik.api.Tuple.of(1, Combinators.combine(inner, inner).as(SearchKey.Or::new)),
                net.jqwik.api.Tuple.of(1, inner.list().ofMinSize(1).ofMaxSize(3).map(SearchKey.And::new)));
    }

    static Arbitrary<Literal> literal() {
        return Arbitraries.bytes().array(byte[].class).ofMaxSize(200).map(Literal::of);
    }

    static Arbitrary<Command> command() {
        Arbitrary<String> mbox = mailbox();
        Arbitrary<Boolean> bool = Arbitraries.of(true, false);
        Arbitrary<List<StatusItem>> statusItems = Arbitraries.of(StatusItem.class).list().ofMinSize(1).ofMaxSize(4);
        return Arbitraries.oneOf(List.of(
                Arbitraries.of(new Command.Capability(), new Command.Noop(), new Command.Logout(),
                        new Command.StartTls(), new Command.Namespace(), new Command.Idle(), new Command.Check(),
                        new Command.Close(), new Command.Unselect(), new Command.Expunge()),
                Combinators.combine(anyString(), anyString().optional()).as(Command.IdField::new).list()
                        .ofMaxSize(3).optional().map(Command.Id::new),
                Combinators.combine(atom().map(Cursor::upper), Arbitraries.of("=", "AGZyZWQAc2VjcmV0", "YQ==")
                        .optional()).as(Command.Authenticate::new),
                Combinators.combine(anyString(), anyString()).as(Command.Login::new),
                atom().list().ofMinSize(1).ofMaxSize(3).map(Command.Enable::new),
                mbox.map(Command.Select::new),
                mbox.map(Command.Examine::new),
                Combinators.combine(mbox, atom().map(a -> "\\" + a).list().ofMaxSize(2)).as(Command.Create::new),
                mbox.map(Command.Delete::new),
                Combinators.combine(mbox, mbox).as(Command.Rename::new),
                mbox.map(Command.Subscribe::new),
                mbox.map(Command.Unsubscribe::new),
                Combinators.combine(Arbitraries.of(Command.ListSelect.SUBSCRIBED, Command.ListSelect.REMOTE,
                        Command.ListSelect.SPECIAL_USE).list().ofMaxSize(2), mbox, mbox.list().ofMinSize(1)
                        .ofMaxSize(3), Arbitraries.of(Command.ListReturn.class).list().ofMaxSize(3),
                        Arbitraries.of(StatusItem.class).list().ofMaxSize(3)).as(Command.ListMailboxes::new),
                Combinators.combine(mbox, mbox).as(Command.Lsub::new),
                Combinators.combine(mbox, statusItems).as(Command.Status::new),
                Combinators.combine(mbox, flag().list().ofMaxSize(3), dateTime().optional(), literal(), bool)
                        .as(Command.Append::new),
                uidSet().map(Command.UidExpunge::new),
                Combinators.combine(bool, Arbitraries.of(Command.SearchReturn.class).list().ofMaxSize(3).optional(),
                        Arbitraries.of("UTF-8", "US-ASCII", "ISO-8859-1").optional(),
                        searchKey(3).list().ofMinSize(1).ofMaxSize(4)).as(Command.Search::new),
                Combinators.combine(bool, sequenceSet(), fetchAttribute().list().ofMinSize(1).ofMaxSize(4))
                        .as(Command.Fetch::new),
                Combinators.combine(bool, sequenceSet(), Arbitraries.of(Command.StoreMode.class), bool,
                        flag().list().ofMaxSize(3)).as(Command.Store::new),
                Combinators.combine(bool, sequenceSet(), mbox).as(Command.Copy::new),
                Combinators.combine(bool, sequenceSet(), mbox).as(Command.Move::new)));
    }

    // ---- responses

    static Arbitrary<Optional<String>> nstring() {
        return anyString().optional();
    }

    static Arbitrary<Address> address() {
        return Combinators.combine(nstring(), nstring(), nstring(), nstring()).as(Address::new);
    }

    static Arbitrary<Envelope> envelope() {
        Arbitrary<List<Address>> list = address().list().ofMaxSize(2);
        return Combinators.combine(objs(nstring(), nstring(), list, list, list, list, list, list, nstring(),
                nstring())).as(v -> envelopeOf(v));
    }

    @SuppressWarnings("unchecked")
    private static Envelope envelopeOf(List<Object> v) {
        return new Envelope((Optional<String>) v.get(0), (Optional<String>) v.get(1), (List<Address>) v.get(2),
                (List<Address>) v.get(3), (List<Address>) v.get(4), (List<Address>) v.get(5),
                (List<Address>) v.get(6), (List<Address>) v.get(7), (Optional<String>) v.get(8),
                (Optional<String>) v.get(9));
    }

    static Arbitrary<List<BodyStructure.Param>> params() {
        return Combinators.combine(anyString(), anyString()).as(BodyStructure.Param::new).list().ofMaxSize(2);
    }

    static Arbitrary<Optional<BodyStructure.Disposition>> disposition() {
        return Combinators.combine(anyString(), params()).as(BodyStructure.Disposition::new).optional();
    }

    static Arbitrary<BodyStructure> body(int depth) {
        Arbitrary<Optional<BodyStructure.SingleExtension>> singleExt = Combinators.combine(nstring(), disposition(),
                anyString().list().ofMaxSize(2), nstring()).as(BodyStructure.SingleExtension::new).optional();
        Arbitrary<String> type = Arbitraries.of("TEXT", "IMAGE", "APPLICATION", "MESSAGE", "text");
        Arbitrary<BodyStructure> single = Combinators.combine(objs(type, anyString(), params(), nstring(),
                nstring(), anyString(), Arbitraries.longs().between(0, Syntax.MAX_NUMBER),
                Arbitraries.longs().between(0, 1000), singleExt))
                .as(v -> {
                    String t = (String) v.get(0);
                    String sub = (String) v.get(1);
                    boolean text = t.equalsIgnoreCase("TEXT");
                    boolean message = t.equals("MESSAGE");
                    if (message) {
                        sub = "IMAGE"; // message/rfc822 comes from the deeper branch below
                    }
                    @SuppressWarnings("unchecked")
                    BodyStructure.Single s = new BodyStructure.Single(t, sub, (List<BodyStructure.Param>) v.get(2),
                            (Optional<String>) v.get(3), (Optional<String>) v.get(4), (String) v.get(5),
                            (Long) v.get(6), text ? OptionalLong.of((Long) v.get(7)) : OptionalLong.empty(),
                            Optional.empty(), (Optional<BodyStructure.SingleExtension>) v.get(8));
                    return s;
                });
        if (depth <= 0) {
            return single;
        }
        Arbitrary<BodyStructure> inner = Arbitraries.lazy(() -> body(depth - 1));
        Arbitrary<Optional<BodyStructure.MultiExtension>> multiExt = Combinators.combine(params(), disposition(),
                anyString().list().ofMaxSize(2), nstring()).as(BodyStructure.MultiExtension::new).optional();
        Arbitrary<BodyStructure> multi = Combinators.combine(inner.list().ofMinSize(1).ofMaxSize(3), anyString(),
                multiExt).as(BodyStructure.Multi::new);
        Arbitrary<BodyStructure> message = Combinators.combine(envelope(), inner,
                Arbitraries.longs().between(0, 500), Arbitraries.longs().between(0, 5000), singleExt)
                .as((env, b, lines, size, ext) -> new BodyStructure.Single("MESSAGE", "RFC822", List.of(),
                        Optional.empty(), Optional.empty(), "7BIT", size, OptionalLong.empty(),
                        Optional.of(new BodyStructure.Embedded(env, b, lines)), ext));
        return Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(4, single), net.jqwik.api.Tuple.of(2, multi),
                net.jqwik.api.Tuple.of(1, message));
    }

    static Arbitrary<OptionalLong> optionalLong() {
        return Arbitraries.longs().between(0, 1L << 40).optional()
                .map(o -> o.map(OptionalLong::of).orElse(OptionalLong.empty()));
    }

    static Arbitrary<FetchData> fetchData() {
        Arbitrary<Optional<Literal>> content = literal().optional();
        return Arbitraries.oneOf(List.of(
                flag().list().ofMaxSize(3).map(FetchData.Flags::new),
                nz().map(FetchData.Uid::new),
                dateTime().map(FetchData.InternalDate::new),
                Arbitraries.longs().between(0, Long.MAX_VALUE).map(FetchData.Rfc822Size::new),
                envelope().map(FetchData.EnvelopeData::new),
                Combinators.combine(body(2), Arbitraries.of(true, false)).as(FetchData.Structure::new),
                Combinators.combine(section(), optionalLong(), content).as(FetchData.BodySection::new),
                Combinators.combine(Arbitraries.of(FetchAttribute.Item.RFC822, FetchAttribute.Item.RFC822_HEADER,
                        FetchAttribute.Item.RFC822_TEXT), content).as(FetchData.Rfc822::new),
                Combinators.combine(part(), optionalLong(), content).as(FetchData.Binary::new),
                Combinators.combine(part(), Arbitraries.longs().between(0, 1L << 40)).as(FetchData.BinarySize::new)));
    }

    static Arbitrary<ResponseCode> responseCode() {
        return Arbitraries.oneOf(List.of(
                Arbitraries.of(ResponseCode.ALERT, ResponseCode.READ_ONLY, ResponseCode.TRYCREATE,
                        ResponseCode.NONEXISTENT, ResponseCode.OVERQUOTA, ResponseCode.CLOSED, ResponseCode.TOOBIG),
                atom().list().ofMaxSize(3).map(ResponseCode.Capability::new),
                Arbitraries.oneOf(flag(), Arbitraries.just("\\*")).list().ofMaxSize(3)
                        .map(ResponseCode.PermanentFlags::new),
                Arbitraries.of("UTF-8", "US-ASCII").list().ofMaxSize(2).map(ResponseCode.BadCharset::new),
                Combinators.combine(Arbitraries.of("UIDNEXT", "UIDVALIDITY", "UNSEEN", "HIGHESTMODSEQ"),
                        Arbitraries.longs().between(0, Long.MAX_VALUE)).as(ResponseCode.Number::new),
                Combinators.combine(nz(), uidSet()).as(ResponseCode.AppendUid::new),
                Combinators.combine(nz(), uidSet(), uidSet()).as(ResponseCode.CopyUid::new),
                Combinators.combine(Arbitraries.of("X-FOO", "METADATA", "NOTIFICATIONOVERFLOW"),
                        Arbitraries.strings().withChars("ab 1()").ofMaxLength(6).optional())
                        .as(ResponseCode.Other::new)));
    }

    static Arbitrary<Response> response() {
        Arbitrary<Response.Status> state = Arbitraries.of(Response.Status.OK, Response.Status.NO,
                Response.Status.BAD);
        Arbitrary<Optional<Character>> delimiter = Arbitraries.of('/', '.', '"', '\\').optional();
        Arbitrary<Response.NamespaceEntry> ns = Combinators.combine(anyString(), delimiter)
                .as(Response.NamespaceEntry::new);
        Arbitrary<Long> number = Arbitraries.longs().between(0, Syntax.MAX_NUMBER);
        return Arbitraries.oneOf(List.of(
                text().map(Response.Continuation::new),
                Combinators.combine(atom().filter(Syntax::isTag), state, responseCode().optional(), text())
                        .as(Response.Tagged::new),
                Combinators.combine(Arbitraries.of(Response.Status.class), responseCode().optional(), text())
                        .as(Response.Condition::new),
                atom().list().ofMaxSize(4).map(Response.Capability::new),
                atom().list().ofMaxSize(4).map(Response.Enabled::new),
                flag().list().ofMaxSize(4).map(Response.Flags::new),
                Combinators.combine(Arbitraries.of(true, false), flag().list().ofMaxSize(3), delimiter, mailbox(),
                        anyString().list().ofMaxSize(2), mailbox().optional()).as(Response.ListItem::new),
                Combinators.combine(ns.list().ofMaxSize(2), ns.list().ofMaxSize(2), ns.list().ofMaxSize(2))
                        .as(Response.Namespace::new),
                Combinators.combine(mailbox(), Combinators.combine(Arbitraries.of(StatusItem.class),
                        Arbitraries.longs().between(0, Long.MAX_VALUE)).as(Response.StatusValue::new).list()
                        .ofMaxSize(4)).as(Response.StatusData::new),
                number.map(Response.Exists::new),
                number.map(Response.Recent::new),
                nz().map(Response.Expunge::new),
                nz().list().ofMaxSize(5).map(Response.Search::new),
                Combinators.combine(anyString().optional(), Arbitraries.of(true, false),
                        nz().optional().map(o -> o.map(OptionalLong::of).orElse(OptionalLong.empty())),
                        nz().optional().map(o -> o.map(OptionalLong::of).orElse(OptionalLong.empty())),
                        uidSet().optional(),
                        number.optional().map(o -> o.map(OptionalLong::of).orElse(OptionalLong.empty())))
                        .as(Response.ESearch::new),
                Combinators.combine(nz(), fetchData().list().ofMaxSize(4)).as(Response.Fetch::new),
                Combinators.combine(anyString(), anyString().optional()).as(Command.IdField::new).list()
                        .ofMaxSize(3).optional().map(Response.Id::new)));
    }
}
