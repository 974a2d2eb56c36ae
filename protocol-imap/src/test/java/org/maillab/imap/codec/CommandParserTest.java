package org.maillab.imap.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CommandParserTest {

    private static Command ok(String line) {
        ParsedCommand p = CommandParser.parse(line);
        return assertInstanceOf(ParsedCommand.Ok.class, p, () -> p.toString()).command();
    }

    private static ParsedCommand.Error bad(String line) {
        ParsedCommand p = CommandParser.parse(line);
        return assertInstanceOf(ParsedCommand.Error.class, p, () -> p.toString());
    }

    private static SequenceSet set(String wire) {
        return ((Command.Fetch) ok("a FETCH " + wire + " UID")).set();
    }

    @Test
    void commandNamesAreCaseInsensitive_rfc9051_9() {
        assertEquals(new Command.Noop(), ok("a noop"));
        assertEquals(new Command.Capability(), ok("a CaPaBiLiTy"));
    }

    @Test
    void inboxIsCaseInsensitive_rfc9051_5_1() {
        assertEquals(new Command.Select("INBOX"), ok("a SELECT inbox"));
        assertEquals(new Command.Select("INBOX"), ok("a select \"InBox\""));
        assertEquals(new Command.Select("inbox2"), ok("a select inbox2"));
    }

    @Test
    void quotedStringsUnescapeBackslashAndQuote_rfc9051_4_3() {
        assertEquals(new Command.Login("fr\"ed", "a\\b c"), ok("a LOGIN \"fr\\\"ed\" \"a\\\\b c\""));
        bad("a LOGIN \"fred\\x\" y");
        bad("a LOGIN \"unterminated y");
    }

    @Test
    void quotedStringsMayCarryUtf8_rfc9051_9() {
        assertEquals(new Command.Select("Entwürfe"), ok("a SELECT \"Entwürfe\""));
    }

    @Test
    void sequenceSetsAllowStarDollarAndRangesInEitherOrder_rfc9051_9() {
        SequenceSet s = set("4:2,7,9:*");
        assertEquals("4:2,7,9:*", s.wire());
        SequenceSet.Ranges r = (SequenceSet.Ranges) s;
        assertEquals(List.of(2L, 3L, 4L, 7L, 9L, 10L), List.copyOf(r.resolve(10)));
        assertEquals(List.of(2L, 3L, 4L, 7L, 8L), List.copyOf(r.resolve(8))); // 9:* is 8:9
        assertEquals(new SequenceSet.LastResult(), set("$"));
        // RFC 9051 §6.4.8: "*" in a range names the last message even when n is larger
        assertEquals(List.of(5L), List.copyOf(((SequenceSet.Ranges) set("7:*")).resolve(5)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"a FETCH 0 UID", "a FETCH 1:0 UID", "a FETCH 4294967296 UID", "a FETCH 1, UID",
        "a FETCH :1 UID", "a FETCH 1:2:3 UID", "a FETCH $1 UID", "a FETCH -1 UID"})
    void invalidSequenceSetsAreBad(String line) {
        assertEquals(Optional.of("a"), bad(line).tag());
    }

    @Test
    void missingTagGivesAnErrorWithoutTag() {
        assertEquals(Optional.empty(), bad("").tag());
        assertEquals(Optional.empty(), bad(" NOOP").tag());
        assertEquals(Optional.empty(), bad("+tag NOOP").tag());
        assertEquals(Optional.of("a"), bad("a FROB").tag());
        assertEquals(Optional.of("a"), bad("a NOOP extra").tag());
    }

    @Test
    void authenticateTakesAnOptionalInitialResponse_rfc4959() {
        assertEquals(new Command.Authenticate("PLAIN", Optional.empty()), ok("a authenticate plain"));
        assertEquals(new Command.Authenticate("PLAIN", Optional.of("AGZyZWQAc2VjcmV0")),
                ok("a AUTHENTICATE PLAIN AGZyZWQAc2VjcmV0"));
        assertEquals(new Command.Authenticate("PLAIN", Optional.of("=")), ok("a AUTHENTICATE PLAIN ="));
        bad("a AUTHENTICATE PLAIN abc");
    }

    @Test
    void appendTakesFlagsDateAndLiteral_rfc9051_6_3_12() {
        Frame frame = new Frame(List.of(
                new Frame.Fragment.Line("A003 APPEND saved-messages (\\Seen) \"17-Jul-1996 02:44:25 -0700\" {5}"
                        .getBytes()),
                new Frame.Fragment.LiteralPart(Literal.of("Hello"), false),
                new Frame.Fragment.Line(new byte[0])));
        ParsedCommand.Ok ok = assertInstanceOf(ParsedCommand.Ok.class, CommandParser.parse(frame));
        assertEquals(new Command.Append("saved-messages", List.of("\\Seen"),
                Optional.of(OffsetDateTime.of(1996, 7, 17, 2, 44, 25, 0, ZoneOffset.ofHours(-7))),
                Literal.of("Hello"), false), ok.command());
        bad("a APPEND INBOX (\\Seen) \"hello\"");
    }

    @Test
    void dateTimeAcceptsASpaceBeforeASingleDigitDay_rfc9051_9() {
        Frame frame = new Frame(List.of(
                new Frame.Fragment.Line("a APPEND x \" 7-Jul-1996 02:44:25 +0000\" {1}".getBytes()),
                new Frame.Fragment.LiteralPart(Literal.of("x"), false),
                new Frame.Fragment.Line(new byte[0])));
        Command.Append append = (Command.Append) ((ParsedCommand.Ok) CommandParser.parse(frame)).command();
        assertEquals(7, append.internalDate().orElseThrow().getDayOfMonth());
    }

    @Test
    void fetchMacrosExpand_rfc9051_6_4_5() {
        Command.Fetch fast = (Command.Fetch) ok("a FETCH 1 FAST");
        assertEquals(FetchAttribute.macro("FAST"), fast.items());
        Command.Fetch all = (Command.Fetch) ok("a fetch 1:* all");
        assertEquals(4, all.items().size());
    }

    @Test
    void fetchSectionsAndPartials_rfc9051_6_4_5() {
        Command.Fetch f = (Command.Fetch) ok(
                "A654 FETCH 2:4 (FLAGS BODY[HEADER.FIELDS (DATE FROM)] BODY.PEEK[1.2.MIME] BODY[]<0.2048> "
                        + "BODY[3.TEXT] BODY[4.HEADER.FIELDS.NOT (X-Spam)] BINARY.PEEK[1]<10.20> BINARY.SIZE[2] BODY)");
        assertEquals(List.of(
                new FetchAttribute.Simple(FetchAttribute.Item.FLAGS),
                new FetchAttribute.Body(new Section(List.of(), Section.Text.HEADER_FIELDS, List.of("DATE", "FROM")),
                        false, Optional.empty()),
                new FetchAttribute.Body(new Section(List.of(1, 2), Section.Text.MIME, List.of()), true,
                        Optional.empty()),
                new FetchAttribute.Body(Section.WHOLE, false, Optional.of(new Partial(0, 2048))),
                new FetchAttribute.Body(new Section(List.of(3), Section.Text.TEXT, List.of()), false, Optional.empty()),
                new FetchAttribute.Body(new Section(List.of(4), Section.Text.HEADER_FIELDS_NOT, List.of("X-Spam")),
                        false, Optional.empty()),
                new FetchAttribute.Binary(List.of(1), true, Optional.of(new Partial(10, 20))),
                new FetchAttribute.BinarySize(List.of(2)),
                new FetchAttribute.Simple(FetchAttribute.Item.BODY)), f.items());
    }

    @ParameterizedTest
    @ValueSource(strings = {"a FETCH 1 BODY[MIME]", "a FETCH 1 BODY[0]", "a FETCH 1 BODY[]<0.0>",
        "a FETCH 1 BODY.PEEK", "a FETCH 1 (FLAGS", "a FETCH 1 ()", "a FETCH 1 BODY[HEADER.FIELDS ()]",
        "a FETCH 1 RFC822.BOGUS", "a FETCH 1 BODY[TEXT"})
    void malformedFetchItemsAreBad(String line) {
        bad(line);
    }

    @Test
    void storeForms_rfc9051_6_4_6() {
        assertEquals(new Command.Store(false, SequenceSet.range(2, 4), Command.StoreMode.ADD, false,
                List.of("\\Deleted")), ok("A003 STORE 2:4 +FLAGS (\\Deleted)"));
        assertEquals(new Command.Store(true, SequenceSet.single(7), Command.StoreMode.REMOVE, true,
                List.of("\\Seen", "$Junk")), ok("a UID STORE 7 -FLAGS.SILENT \\Seen $Junk"));
        assertEquals(new Command.Store(false, SequenceSet.single(1), Command.StoreMode.REPLACE, false, List.of()),
                ok("a STORE 1 FLAGS ()"));
        bad("a STORE 1 +FLAGS (\\*)");
        bad("a STORE 1 XFLAGS (\\Seen)");
    }

    @Test
    void searchWithCharsetNestingOrAndNot_rfc9051_6_4_4() {
        Command.Search s = (Command.Search) ok(
                "A282 SEARCH RETURN (MIN COUNT) CHARSET UTF-8 FLAGGED SINCE 1-Feb-1994 NOT FROM \"Smith\" "
                        + "OR (SEEN LARGER 100) UID 1:5 HEADER X-Foo \"\" 2,4:*");
        assertEquals(Optional.of(List.of(Command.SearchReturn.MIN, Command.SearchReturn.COUNT)), s.returns());
        assertEquals(Optional.of("UTF-8"), s.charset());
        assertEquals(List.of(
                new SearchKey.Flag(SearchKey.Simple.FLAGGED),
                new SearchKey.Date(SearchKey.DateField.SINCE, LocalDate.of(1994, 2, 1)),
                new SearchKey.Not(new SearchKey.Text(SearchKey.TextField.FROM, "Smith")),
                new SearchKey.Or(new SearchKey.And(List.of(new SearchKey.Flag(SearchKey.Simple.SEEN),
                        new SearchKey.Size(true, 100))), new SearchKey.Uid(SequenceSet.range(1, 5))),
                new SearchKey.Header("X-Foo", ""),
                new SearchKey.Sequence(((Command.Fetch) ok("a FETCH 2,4:* UID")).set())), s.keys());
    }

    @Test
    void everySearchKeyOfRfc3501And9051Parses() {
        String keys = "ALL ANSWERED BCC x BEFORE 1-Jan-2000 BODY x CC x DELETED DRAFT FLAGGED FROM x "
                + "HEADER a b KEYWORD $Foo LARGER 5 NEW NOT SEEN OLD ON \"2-Feb-2001\" OR SEEN DRAFT RECENT SEEN "
                + "SENTBEFORE 1-Jan-2000 SENTON 1-Jan-2000 SENTSINCE 1-Jan-2000 SINCE 1-Jan-2000 SMALLER 9 "
                + "SUBJECT x TEXT x TO x UID 1 UNANSWERED UNDELETED UNDRAFT UNFLAGGED UNKEYWORD $Foo UNSEEN 1:* $";
        Command.Search s = (Command.Search) ok("a SEARCH " + keys);
        String back = String.join(" ", s.keys().stream().map(SearchKey::wire).toList());
        assertEquals(keys.replace("\"2-Feb-2001\"", "2-Feb-2001"), back);
        assertEquals(37, s.keys().size());
    }

    @ParameterizedTest
    @ValueSource(strings = {"a SEARCH", "a SEARCH FOO", "a SEARCH SINCE 31-Feb-2000", "a SEARCH SINCE 1-Foo-2000",
        "a SEARCH (SEEN", "a SEARCH OR SEEN", "a SEARCH RETURN (BOGUS) ALL", "a SEARCH CHARSET", "a SEARCH LARGER x"})
    void malformedSearchesAreBad(String line) {
        bad(line);
    }

    @Test
    void deeplyNestedSearchIsRefusedNotRecursedInto() {
        String line = "a SEARCH " + "(".repeat(10_000) + "ALL" + ")".repeat(10_000);
        assertEquals("search keys nested too deeply", bad(line).reason());
        bad("a SEARCH " + "NOT ".repeat(10_000) + "ALL");
    }

    @Test
    void listWithSelectionAndReturnOptions_rfc5258_rfc5819_rfc6154() {
        assertEquals(new Command.ListMailboxes(List.of(), "", List.of("*"), List.of(), List.of()),
                ok("a LIST \"\" *"));
        assertEquals(new Command.ListMailboxes(
                List.of(Command.ListSelect.SUBSCRIBED, Command.ListSelect.RECURSIVEMATCH), "",
                List.of("INBOX", "Drafts/%"), List.of(Command.ListReturn.CHILDREN),
                List.of(StatusItem.MESSAGES, StatusItem.UNSEEN)),
                ok("A02 LIST (SUBSCRIBED RECURSIVEMATCH) \"\" (INBOX \"Drafts/%\") RETURN (CHILDREN STATUS "
                        + "(MESSAGES UNSEEN))"));
        assertEquals(List.of(Command.ListSelect.SPECIAL_USE),
                ((Command.ListMailboxes) ok("a LIST (SPECIAL-USE) \"\" *")).select());
        bad("a LIST (RECURSIVEMATCH) \"\" *");
        bad("a LIST (BOGUS) \"\" *");
        bad("a LIST \"\" * RETURN (BOGUS)");
    }

    @Test
    void statusItemsIncludeSizeAndDeleted_rfc9051_6_3_11() {
        assertEquals(new Command.Status("blurdybloop", List.of(StatusItem.UIDNEXT, StatusItem.MESSAGES,
                StatusItem.SIZE, StatusItem.DELETED)), ok("A042 STATUS blurdybloop (UIDNEXT MESSAGES SIZE DELETED)"));
        bad("a STATUS x ()");
        bad("a STATUS x (FOO)");
    }

    @Test
    void createWithSpecialUse_rfc6154_3() {
        assertEquals(new Command.Create("MySpecial", List.of("\\Drafts", "\\Sent")),
                ok("t1 CREATE \"MySpecial\" (USE (\\Drafts \\Sent))"));
        bad("t1 CREATE x (FOO (\\Drafts))");
    }

    @Test
    void uidCommands_rfc9051_6_4_9() {
        assertEquals(new Command.UidExpunge(SequenceSet.range(3000, 3002)), ok("A003 UID EXPUNGE 3000:3002"));
        assertEquals(new Command.Move(true, SequenceSet.range(42, 69), "foo"), ok("a UID MOVE 42:69 foo"));
        assertEquals(new Command.Copy(false, SequenceSet.range(2, 4), "MEETING"), ok("A003 COPY 2:4 MEETING"));
        bad("a UID NOOP");
    }

    @Test
    void idEnableAndOthers() {
        assertEquals(new Command.Id(Optional.empty()), ok("a ID NIL"));
        assertEquals(new Command.Id(Optional.of(List.of(new Command.IdField("name", Optional.of("sodr")),
                new Command.IdField("os", Optional.empty())))), ok("a ID (\"name\" \"sodr\" \"os\" NIL)"));
        assertEquals(new Command.Enable(List.of("CONDSTORE", "UTF8=ACCEPT")), ok("a ENABLE CONDSTORE UTF8=ACCEPT"));
        bad("a ENABLE");
        assertEquals(new Command.Rename("a", "b"), ok("a RENAME a b"));
        assertEquals(new Command.Lsub("", "*"), ok("a LSUB \"\" *"));
        assertEquals(new Command.Idle(), ok("a IDLE"));
        assertEquals(new Command.UidExpunge(new SequenceSet.LastResult()), ok("a UID EXPUNGE $"));
    }
}
