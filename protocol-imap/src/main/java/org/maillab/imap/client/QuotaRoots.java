package org.maillab.imap.client;

import java.util.List;
import java.util.Optional;
import org.maillab.imap.codec.Response;

/**
 * The answer to GETQUOTAROOT (RFC 9208 §4.1.2): the quota roots of a mailbox and the usage and limits
 * of each.
 *
 * @param roots  the root names from the QUOTAROOT response, in the server's order
 * @param quotas the QUOTA responses that came with it
 */
public record QuotaRoots(List<String> roots, List<Response.QuotaData> quotas) {

    public QuotaRoots {
        roots = List.copyOf(roots);
        quotas = List.copyOf(quotas);
    }

    /** The QUOTA of one root, if the server sent it. */
    public Optional<Response.QuotaData> quota(String root) {
        return quotas.stream().filter(q -> q.root().equals(root)).findFirst();
    }
}
