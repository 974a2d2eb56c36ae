package org.maillab.imap.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.OptionalLong;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.maillab.mailstore.Quota;
import org.maillab.mailstore.Rights;

/**
 * The QUOTA extension (RFC 9208) as transcripts: fred (a user, 3 messages of 355 octets in INBOX) and
 * root (an administrator). Every refusal is checked to change nothing.
 */
class QuotaTest {

    private static final SessionConfig CONFIG = SessionConfig.defaults().withAdminAccounts(Set.of("root"));
    private static final String LOGIN_FRED = "C: a LOGIN fred secret\nS~ a OK .*\n";
    private static final String LOGIN_ROOT = "C: a LOGIN root toor\nS~ a OK .*\n";
    /** SELECT INBOX and its eight untagged lines (RFC 9051 §6.3.2), not what these tests are about. */
    private static final String SELECT_INBOX = "C: b SELECT INBOX\n" + "S~ \\* .*\n".repeat(8) + "S~ b OK .*\n";

    private final Fixture fixture = new Fixture();

    QuotaTest() {
        fixture.store.createAccount("root", "toor", false);
    }

    private void run(String script) {
        new Transcript(List.of(fixture.connection(CONFIG))).run("S~ \\* OK .*\n" + script);
    }

    private Quota unlimited(long octets, long messages) {
        return new Quota(OptionalLong.empty(), OptionalLong.empty(), octets, messages);
    }

    // ---- capabilities (§1, §3.1.1, §5)

    @Test
    void capabilitiesNameTheResourcesAndQuotaset_rfc9208Sections1And5() {
        List<String> caps = new ImapSession(fixture.store, CONFIG).capabilities();
        assertTrue(caps.containsAll(List.of("QUOTA", "QUOTA=RES-STORAGE", "QUOTA=RES-MESSAGE", "QUOTASET")), caps::toString);
    }

    @Test
    void quotaCommandsNeedAuthentication_rfc9208Section4_1() {
        run("""
                C: a GETQUOTA ""
                S: a BAD GETQUOTA is not valid in state not authenticated
                C: b GETQUOTAROOT INBOX
                S: b BAD GETQUOTAROOT is not valid in state not authenticated
                C: c SETQUOTA "" ()
                S: c BAD SETQUOTA is not valid in state not authenticated
                """);
    }

    // ---- GETQUOTA (§4.1.1) and the QUOTA response (§4.2.1)

    @Test
    void withoutLimitsTheQuotaListIsEmpty_rfc9208Section4_2_1() {
        run(LOGIN_FRED + """
                C: b GETQUOTA ""
                S: * QUOTA "" ()
                S: b OK GETQUOTA completed
                """);
    }

    @Test
    void storageIsReportedInUnitsOf1024OctetsRoundedUp_rfc9208Section5_1() {
        fixture.fred.setQuota(OptionalLong.of(10 * 1024 + 1), OptionalLong.of(10));
        run(LOGIN_FRED + """
                C: b GETQUOTA ""
                S: * QUOTA "" (STORAGE 1 11 MESSAGE 3 10)
                S: b OK GETQUOTA completed
                """);
    }

    @Test
    void anUnknownQuotaRootIsNonexistent_rfc9208Section4_1_1() {
        run(LOGIN_FRED + """
                C: b GETQUOTA "User quota"
                S: b NO [NONEXISTENT] No such quota root
                C: c GETQUOTA INBOX
                S: c NO [NONEXISTENT] No such quota root
                """);
    }

    @Test
    void aUserMayNameTheirOwnRootButNotAnothers_rfc9208Section4_1_1() {
        run(LOGIN_FRED + """
                C: b GETQUOTA "#user/fred"
                S: * QUOTA #user/fred ()
                S: b OK GETQUOTA completed
                C: c GETQUOTA "#user/root"
                S: c NO [NOPERM] Only an administrator may see other accounts' quotas
                C: d GETQUOTA "#user/nobody"
                S: d NO [NOPERM] Only an administrator may see other accounts' quotas
                """);
    }

    @Test
    void anotherSessionSeesUsageChangeAtOnce_rfc9208Section5_2() {
        fixture.fred.setQuota(OptionalLong.empty(), OptionalLong.of(100));
        new Transcript(List.of(fixture.connection(CONFIG), fixture.connection(CONFIG))).run("""
                S~ \\* OK .*
                S2~ \\* OK .*
                C: a LOGIN fred secret
                S~ a OK .*
                C2: a LOGIN fred secret
                S2~ a OK .*
                C: b APPEND Work {7+}
                C: Hi Fred
                S~ b OK \\[APPENDUID \\d+ 1\\] APPEND completed
                C2: b GETQUOTA ""
                S2: * QUOTA "" (MESSAGE 4 100)
                S2: b OK GETQUOTA completed
                """);
    }

    // ---- GETQUOTAROOT (§4.1.2) and QUOTAROOT (§4.2.2)

    @Test
    void everyMailboxExistingOrNotHasTheOneRoot_rfc9208Section4_1_2() {
        fixture.fred.setQuota(OptionalLong.empty(), OptionalLong.of(5));
        run(LOGIN_FRED + """
                C: b GETQUOTAROOT inbox
                S: * QUOTAROOT INBOX ""
                S: * QUOTA "" (MESSAGE 3 5)
                S: b OK GETQUOTAROOT completed
                C: c GETQUOTAROOT "Not yet created"
                S: * QUOTAROOT "Not yet created" ""
                S: * QUOTA "" (MESSAGE 3 5)
                S: c OK GETQUOTAROOT completed
                C: d GETQUOTAROOT "&Jjo"
                S: d NO [CANNOT] Invalid mailbox name
                """);
    }

    @Test
    void anotherUsersMailboxCountsAgainstItsOwnersRootForAReader_rfc9208Sections4_1_2And6() {
        fixture.store.createAccount("bob", "bob-pw", false);
        fixture.fred.setQuota(OptionalLong.empty(), OptionalLong.of(5));
        fixture.fred.setAcl("Work", "bob", Rights.parse("lr").orElseThrow());
        fixture.fred.setAcl("Drafts", "bob", Rights.parse("l").orElseThrow());
        run("""
                C: a LOGIN bob bob-pw
                S~ a OK .*
                C: b GETQUOTAROOT "Other Users/fred/Work"
                S: * QUOTAROOT "Other Users/fred/Work" #user/fred
                S: * QUOTA #user/fred (MESSAGE 3 5)
                S: b OK GETQUOTAROOT completed
                C: c GETQUOTAROOT "Other Users/fred/Drafts"
                S~ c NO \\[NOPERM\\] .*
                C: d GETQUOTAROOT "Other Users/fred/INBOX"
                S~ d NO \\[NONEXISTENT\\] .*
                C: e GETQUOTAROOT "Other Users"
                S: * QUOTAROOT "Other Users"
                S: e OK GETQUOTAROOT completed
                """);
    }

    // ---- SETQUOTA (§4.1.3)

    @Test
    void onlyAnAdministratorMaySetQuotas_rfc9208Section4_1_3() {
        run(LOGIN_FRED + """
                C: b SETQUOTA "" (STORAGE 1000000)
                S: b NO [NOPERM] Only an administrator may set quotas
                C: c SETQUOTA "#user/fred" ()
                S: c NO [NOPERM] Only an administrator may set quotas
                """);
        assertEquals(unlimited(355, 3), fixture.fred.quota());
    }

    @Test
    void anAdministratorSetsAnotherAccountsLimits_rfc9208Section4_1_3() {
        run(LOGIN_ROOT + """
                C: b SETQUOTA "#user/fred" (storage 2 MESSAGE 3)
                S: * QUOTA #user/fred (STORAGE 1 2 MESSAGE 3 3)
                S: b OK SETQUOTA completed
                C: c GETQUOTA "#user/fred"
                S: * QUOTA #user/fred (STORAGE 1 2 MESSAGE 3 3)
                S: c OK GETQUOTA completed
                C: d GETQUOTA ""
                S: * QUOTA "" ()
                S: d OK GETQUOTA completed
                """);
        assertEquals(new Quota(OptionalLong.of(2048), OptionalLong.of(3), 355, 3), fixture.fred.quota());
    }

    @Test
    void setquotaReplacesEveryLimitAndAnEmptyListRemovesThem_rfc9208Section4_1_3() {
        fixture.fred.setQuota(OptionalLong.of(4096), OptionalLong.of(7));
        run(LOGIN_ROOT + """
                C: b SETQUOTA "#user/fred" (MESSAGE 9)
                S: * QUOTA #user/fred (MESSAGE 3 9)
                S: b OK SETQUOTA completed
                C: c SETQUOTA "#user/fred" ()
                S: * QUOTA #user/fred ()
                S: c OK SETQUOTA completed
                """);
        assertEquals(unlimited(355, 3), fixture.fred.quota());
    }

    @Test
    void anAdministratorSetsTheirOwnRootAndNoRootThatDoesNotExist_rfc9208Section4_1_3() {
        run(LOGIN_ROOT + """
                C: b SETQUOTA "" (STORAGE 0)
                S: * QUOTA "" (STORAGE 0 0)
                S: b OK SETQUOTA completed
                C: c SETQUOTA "#user/nobody" (STORAGE 1)
                S: c NO [NONEXISTENT] No such quota root
                C: d SETQUOTA "!partition/sda4" (STORAGE 1)
                S: d NO [NONEXISTENT] No such quota root
                C: e APPEND INBOX {1+}
                C: x
                S: e NO [OVERQUOTA] the account's quota does not allow this
                """);
        assertEquals(OptionalLong.of(0), fixture.store.account("root").orElseThrow().quota().storageLimit());
    }

    @Test
    void anUnsupportedResourceIsRefusedAndChangesNothing_rfc9208Section3_2() {
        fixture.fred.setQuota(OptionalLong.of(4096), OptionalLong.empty());
        run(LOGIN_ROOT + """
                C: b SETQUOTA "#user/fred" (MESSAGE 9 MAILBOX 10)
                S: b NO [CANNOT] Unsupported resource MAILBOX; this server limits STORAGE and MESSAGE
                C: c SETQUOTA "#user/fred" (STORAGE 1 STORAGE 2)
                S: c BAD Resource STORAGE named twice
                """);
        assertEquals(new Quota(OptionalLong.of(4096), OptionalLong.empty(), 355, 3), fixture.fred.quota());
    }

    @ParameterizedTest
    @ValueSource(strings = {"SETQUOTA", "SETQUOTA \"\"", "SETQUOTA \"\" STORAGE 1", "SETQUOTA \"\" (STORAGE)",
        "SETQUOTA \"\" (STORAGE -1)", "SETQUOTA \"\" (STORAGE 1 MESSAGE)", "SETQUOTA \"\" (STORAGE 1",
        "SETQUOTA \"\" (STORAGE 9223372036854775808)", "SETQUOTA \"\" (STORAGE 1) extra", "SETQUOTA \"\" ( )",
        "SETQUOTA \"\" (\"STORAGE\" 1)", "SETQUOTA \"\" (STORAGE  1)", "GETQUOTA", "GETQUOTA (x)",
        "GETQUOTAROOT", "GETQUOTAROOT INBOX extra"})
    void malformedQuotaCommandsAreBadAndChangeNothing_rfc9208Section7(String command) {
        fixture.fred.setQuota(OptionalLong.of(4096), OptionalLong.of(5));
        run(LOGIN_ROOT + "C: b " + command + "\nS~ b BAD .*\nC: c NOOP\nS: c OK NOOP completed\n");
        assertEquals(new Quota(OptionalLong.of(4096), OptionalLong.of(5), 355, 3), fixture.fred.quota());
    }

    @Test
    void aHugeStorageLimitSaturatesInsteadOfOverflowing_rfc9208Section3_1_2() {
        run(LOGIN_ROOT + """
                C: b SETQUOTA "#user/fred" (STORAGE 9223372036854775807)
                S: * QUOTA #user/fred (STORAGE 1 9007199254740992)
                S: b OK SETQUOTA completed
                """);
        assertEquals(OptionalLong.of(Long.MAX_VALUE), fixture.fred.quota().storageLimit());
    }

    // ---- OVERQUOTA (§4.3.1)

    @Test
    void appendOverTheLimitIsOverquotaAndStoresNothing_rfc9208Section4_3_1() {
        fixture.fred.setQuota(OptionalLong.of(1024), OptionalLong.empty());
        String big = "x".repeat(1024 - 355 + 1);
        run(LOGIN_FRED + "C: b APPEND INBOX {" + big.length() + "+}\nC: " + big + "\n"
                + "S: b NO [OVERQUOTA] the account's quota does not allow this\n"
                + "C: c APPEND INBOX {" + (big.length() - 1) + "+}\nC: " + big.substring(1) + "\n"
                + "S~ b?c OK \\[APPENDUID \\d+ 4\\] APPEND completed\n"
                + """
                C: d STATUS INBOX (MESSAGES SIZE)
                S: * STATUS INBOX (MESSAGES 4 SIZE 1024)
                S: d OK STATUS completed
                C: e GETQUOTA ""
                S: * QUOTA "" (STORAGE 1 1)
                S: e OK GETQUOTA completed
                """);
    }

    @Test
    void copyOverTheLimitIsOverquotaAndCopiesNothingWhileMoveNeedsNoRoom_rfc9208Section4_3_1() {
        fixture.fred.setQuota(OptionalLong.empty(), OptionalLong.of(4));
        run(LOGIN_FRED + SELECT_INBOX + """
                C: c COPY 1:2 Work
                S: c NO [OVERQUOTA] the account's quota does not allow this
                C: d STATUS Work (MESSAGES)
                S: * STATUS Work (MESSAGES 0)
                S: d OK STATUS completed
                C: e MOVE 1:2 Work
                S~ \\* OK \\[COPYUID \\d+ 1:2 1:2\\] Moved
                S: * 1 EXPUNGE
                S: * 1 EXPUNGE
                S: e OK MOVE completed
                C: f UID COPY 3 Work
                S~ f OK \\[COPYUID \\d+ 3 3\\] COPY completed
                C: g GETQUOTAROOT Work
                S: * QUOTAROOT Work ""
                S: * QUOTA "" (MESSAGE 4 4)
                S: g OK GETQUOTAROOT completed
                """);
    }

    // ---- STATUS DELETED and DELETED-STORAGE (§4.1.4)

    @Test
    void statusTellsWhatAnExpungeWouldFree_rfc9208Section4_1_4() {
        run(LOGIN_FRED + SELECT_INBOX + """
                C: c STORE 1,3 +FLAGS.SILENT (\\Deleted)
                S: c OK STORE completed
                C: d STATUS INBOX (MESSAGES DELETED DELETED-STORAGE)
                S: * STATUS INBOX (MESSAGES 3 DELETED 2 DELETED-STORAGE 211)
                S: d OK STATUS completed
                C: e STATUS Work (deleted-storage)
                S: * STATUS Work (DELETED-STORAGE 0)
                S: e OK STATUS completed
                """);
    }
}
