package org.maillab.load;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A login the clients use. Clients are spread over the accounts round-robin.
 *
 * @param user     the login name
 * @param password its password
 */
public record Account(String user, String password) {

    private static final Pattern RANGE = Pattern.compile("\\{(\\d+)\\.\\.(\\d+)}");

    /** More accounts than this from one pattern is a typo, not a lab. */
    static final int MAX_EXPANSION = 10_000;

    @Override
    public String toString() {
        return user;
    }

    /**
     * The user names one {@code --user} value stands for: a comma-separated list, where each item may
     * hold one numeric range {@code {FROM..TO}} ({@code load{1..3}} is load1, load2, load3).
     */
    public static List<String> expand(String spec) {
        List<String> names = new ArrayList<>();
        for (String item : spec.split(",")) {
            if (item.isEmpty()) {
                throw new IllegalArgumentException("empty user name in '" + spec + "'");
            }
            Matcher m = RANGE.matcher(item);
            if (!m.find()) {
                names.add(item);
                continue;
            }
            long from;
            long to;
            try {
                from = Long.parseLong(m.group(1));
                to = Long.parseLong(m.group(2));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("range too large in '" + item + "'");
            }
            if (to < from || to - from >= MAX_EXPANSION) {
                throw new IllegalArgumentException("range must go up and hold at most " + MAX_EXPANSION
                        + " names: '" + item + "'");
            }
            for (long n = from; n <= to; n++) {
                names.add(item.substring(0, m.start()) + n + item.substring(m.end()));
            }
        }
        return names;
    }
}
