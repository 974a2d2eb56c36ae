package org.maillab.simulator.report;

import java.util.List;
import java.util.Map;

/**
 * The claims of the source article (seed/CLAIMS.md), shortened for reports; for each, the rule its
 * verdict follows, or, for a claim no scenario decides, where MailLab shows it instead.
 */
public final class Claims {

    /** C1..C19, in order. */
    public static final List<String> ALL = List.of("C1", "C2", "C3", "C4", "C5", "C6", "C7", "C8", "C9", "C10",
            "C11", "C12", "C13", "C14", "C15", "C16", "C17", "C18", "C19");

    private static final Map<String, String> TEXT = Map.ofEntries(
            Map.entry("C1", "POP3 downloads mail and usually deletes it from the server; if the computer dies, the mail is gone."),
            Map.entry("C2", "Prefer POP3 when server space is small: IMAP keeps mail on the server and fills the quota."),
            Map.entry("C3", "IMAP lists headers first and downloads a whole message only when it is opened."),
            Map.entry("C4", "Reading mail from several devices calls for IMAP: state stays in sync across them."),
            Map.entry("C5", "IMAP lets several clients use one mailbox at once, each told of the others' changes."),
            Map.entry("C6", "IMAP handles many and hierarchical folders, and folders shared with other users (ACL)."),
            Map.entry("C7", "IMAP keeps persistent per-message flags and user-defined keywords."),
            Map.entry("C8", "IMAP searches on the server: the client need not download mail to find something."),
            Map.entry("C9", "IMAP fetches structure and only the parts needed: on a slow link it reads the text and leaves a 10 MB clip."),
            Map.entry("C10", "POP3 needs minimal connection time; IMAP depends more on the network and spends more time downloading."),
            Map.entry("C11", "POP3 can leave mail on the server; persistent ids (UIDL) avoid downloading it again."),
            Map.entry("C12", "IMAP supports disconnected use: synchronise, work locally, replay, saving connection time."),
            Map.entry("C13", "Both protocols read mail from an always-on server; both send mail with SMTP."),
            Map.entry("C14", "A POP3 session runs AUTHORIZATION, TRANSACTION, UPDATE; DELE takes effect only in UPDATE."),
            Map.entry("C15", "POP3 gives one client exclusive access; IMAP lets many clients in, each seeing the others' changes."),
            Map.entry("C16", "IMAP is extensible (CAPABILITY): quotas, access control, Unicode."),
            Map.entry("C17", "POP2 and POP3 are different protocols; the article's POP3 table still has LAST (RFC 1225)."),
            Map.entry("C18", "IMAP can also serve non-mail data such as news groups."),
            Map.entry("C19", "IMAP has constructs for slow links: structure without content, selective part download."));

    private static final Map<String, String> RULES = Map.ofEntries(
            Map.entry("C1", "holds when download-and-delete leaves the mail on the device only (or loses it when the device dies); "
                    + "only when another strategy kept it on the server"),
            Map.entry("C2", "holds when IMAP's deliveries were refused for quota and download-and-delete's were not; "
                    + "not exercised when no strategy reached the quota"),
            Map.entry("C3", "holds when IMAP online downloaded fewer octets than POP3 download-and-delete"),
            Map.entry("C4", "holds when IMAP devices end with no disagreement and POP3 devices with some"),
            Map.entry("C5", "holds when IMAP devices end with no disagreement and POP3 devices with some"),
            Map.entry("C8", "holds when the server-side search found every existing match and a POP3 device missed some; "
                    + "not exercised without a search"),
            Map.entry("C9", "holds when, on the slow device, IMAP online downloaded less than the largest attachment and POP3 "
                    + "at least that much; not exercised without a slow device or when its user opened the attachment"),
            Map.entry("C10", "holds when POP3 download-and-delete's modelled time is below IMAP online's on the scenario's "
                    + "networks; the same sessions are judged again on every link"),
            Map.entry("C11", "holds when leave-on-server kept mail on the server and no message was downloaded twice"),
            Map.entry("C12", "holds when IMAP disconnected's modelled time is below IMAP online's on the scenario's "
                    + "networks; the same sessions are judged again on every link"),
            Map.entry("C15", "holds when IMAP devices end with no disagreement and POP3 devices with some"),
            Map.entry("C19", "holds when, on the slow device, IMAP online downloaded less than the largest attachment and POP3 "
                    + "at least that much; not exercised without a slow device or when its user opened the attachment"));

    private static final Map<String, String> WHERE = Map.ofEntries(
            Map.entry("C6", "shown by the ACL guide (docs/imap-acl.md) and the store's ACL contract tests; no scenario yet"),
            Map.entry("C7", "shown by the flag round trips of the IMAP strategies (C4, C5) and docs/imap-by-hand.md; "
                    + "no scenario of its own yet"),
            Map.entry("C13", "not measured yet: scenario mail reaches the server through the store, not by SMTP"),
            Map.entry("C14", "shown by the POP3 state table (Pop3StateTable), its generated diagram "
                    + "(docs/pop3-state-diagram.md) and the test that keeps them in step"),
            Map.entry("C16", "shown by the capability-driven paths: the IMAP strategies use IDLE, CONDSTORE, QRESYNC and "
                    + "COMPRESS only when CAPABILITY offers them (docs/simulator.md)"),
            Map.entry("C17", "shown by POP3's LAST (RFC 1225), answered -ERR unless the server enables it for teaching; "
                    + "POP2 is not implemented"),
            Map.entry("C18", "not implemented: MailLab's IMAP server holds mail only; news over IMAP is out of scope"));

    private Claims() {
    }

    public static String text(String claim) {
        return TEXT.getOrDefault(claim, "(see CLAIMS.md)");
    }

    /** How a verdict on the claim is decided; empty for a claim no scenario decides. */
    public static String rule(String claim) {
        return RULES.getOrDefault(claim, "");
    }

    /** Where a claim that no scenario decides is shown instead. */
    public static String whereShown(String claim) {
        return WHERE.getOrDefault(claim, "no scenario of the report names it");
    }
}
