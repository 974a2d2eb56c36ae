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
 * @param rule      how the verdict is decided from the measurements, in one sentence
 * @param links     for a claim about time: the same sessions judged on every link (empty otherwise)
 */
public record Verdict(String claim, String statement, Kind kind, String summary, List<String> numbers, String rule,
                      String links) {

    public Verdict {
        numbers = List.copyOf(numbers);
    }

    /** The same verdict with the per-link judgement added. */
    Verdict withLinks(String sentence, List<String> perLink) {
        List<String> more = new java.util.ArrayList<>(numbers);
        more.addAll(perLink);
        return new Verdict(claim, statement, kind, summary, more, rule, sentence);
    }

    /** The possible verdicts. */
    public enum Kind {
        HOLDS("holds"),
        HOLDS_ONLY_WHEN("holds only when"),
        DOES_NOT_HOLD("does not hold"),
        /** The scenario never met the claim's condition (no search made, the quota never reached). */
        NOT_EXERCISED("not exercised"),
        /** A strategy the claim needs did not run. */
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
