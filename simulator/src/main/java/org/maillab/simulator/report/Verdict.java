package org.maillab.simulator.report;

import java.util.List;

/**
 * What the measurements of one scenario say about one claim.
 *
 * @param claim     e.g. {@code C9}
 * @param statement the claim, shortened
 * @param kind      the verdict
 * @param summary   one sentence, with the deciding numbers
 * @param numbers   the measurements behind it, as "label: value" lines
 */
public record Verdict(String claim, String statement, Kind kind, String summary, List<String> numbers) {

    public Verdict {
        numbers = List.copyOf(numbers);
    }

    /** The possible verdicts. */
    public enum Kind {
        HOLDS("holds"),
        HOLDS_ONLY_WHEN("holds only when"),
        DOES_NOT_HOLD("does not hold"),
        NOT_MEASURED("not measured");

        private final String words;

        Kind(String words) {
            this.words = words;
        }

        public String words() {
            return words;
        }
    }
}
