package org.maillab.simulator.world;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import org.maillab.simulator.scenario.MailSpec;
import org.maillab.simulator.scenario.Scenario;

/**
 * Every message a scenario will deliver, decided up front from the seed with one
 * {@link java.util.Random}: same scenario and seed, same messages, byte for byte.
 *
 * @param messages in arrival order (ties keep the file's order)
 */
public record WorldPlan(List<GeneratedMessage> messages) {

    private static final String[] FIRST = {"ann", "boris", "chen", "dana", "emil", "fatima", "goran", "hana", "ivo",
            "jun", "kemal", "lena", "mirek", "nadia", "olek", "petra"};
    private static final String[] DOMAINS = {"example.org", "example.com", "example.net", "mail.example"};
    private static final String[] TOPICS = {"Meeting notes", "Invoice", "Lunch on Friday?", "Draft for review",
            "Travel plans", "Weekly report", "Build failed", "Photos", "Question about the lab", "Your order",
            "Schedule change", "Minutes", "Holiday", "Budget", "Welcome"};

    public WorldPlan {
        messages = List.copyOf(messages);
    }

    public static WorldPlan of(Scenario scenario) {
        Random random = new Random(scenario.seed());
        List<GeneratedMessage> all = new ArrayList<>();
        int batchNumber = 0;
        for (MailSpec spec : scenario.mail()) {
            batchNumber++;
            List<String> threadRoots = new ArrayList<>();
            for (int i = 0; i < spec.count(); i++) {
                String id = String.format("%s.%d.%d.%016x@maillab.sim", spec.account(), batchNumber, i, random.nextLong());
                String from = spec.senders().isEmpty()
                        ? FIRST[random.nextInt(FIRST.length)] + "@" + DOMAINS[random.nextInt(DOMAINS.length)]
                        : spec.senders().get(i % spec.senders().size());
                String topic = spec.subject().isEmpty() ? TOPICS[random.nextInt(TOPICS.length)] : spec.subject();
                String subject = topic;
                String inReplyTo = "";
                if (spec.threads() > 0) {
                    int thread = random.nextInt(spec.threads());
                    if (thread < threadRoots.size()) {
                        inReplyTo = threadRoots.get(thread);
                        subject = "Re: " + topic + " [" + (thread + 1) + "]";
                    } else {
                        threadRoots.add(id);
                        subject = topic + " [" + threadRoots.size() + "]";
                    }
                }
                long size = logUniform(random, spec.minSize(), spec.maxSize());
                all.add(new GeneratedMessage(spec.account(), 0, spec.arrival(i), id, from, subject, inReplyTo, size,
                        spec.attachments(), random.nextLong()));
            }
        }
        // Stable sort: messages arriving at the same moment keep the file's order.
        all.sort(Comparator.comparing(GeneratedMessage::arrival));
        List<GeneratedMessage> numbered = new ArrayList<>(all.size());
        for (int i = 0; i < all.size(); i++) {
            GeneratedMessage m = all.get(i);
            numbered.add(new GeneratedMessage(m.account(), i + 1, m.arrival(), m.messageId(), m.from(), m.subject(),
                    m.inReplyTo(), m.textSize(), m.attachments(), m.contentSeed()));
        }
        return new WorldPlan(numbered);
    }

    /** A size between min and max whose logarithm is uniform: mostly small, a few large. */
    static long logUniform(Random random, long min, long max) {
        if (min >= max) {
            return min;
        }
        double lo = Math.log(min);
        double hi = Math.log(max);
        long size = Math.round(Math.exp(lo + random.nextDouble() * (hi - lo)));
        return Math.max(min, Math.min(max, size));
    }

    /** Messages arriving for an account. */
    public List<GeneratedMessage> forAccount(String account) {
        return messages.stream().filter(m -> m.account().equals(account)).toList();
    }

    /** Messages arriving in (from, to]. */
    public List<GeneratedMessage> arrivingBetween(Duration fromExclusive, Duration toInclusive) {
        return messages.stream()
                .filter(m -> m.arrival().compareTo(fromExclusive) > 0 && m.arrival().compareTo(toInclusive) <= 0)
                .toList();
    }
}
