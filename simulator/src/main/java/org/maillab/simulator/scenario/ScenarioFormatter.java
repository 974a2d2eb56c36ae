package org.maillab.simulator.scenario;

import java.util.stream.Collectors;
import org.maillab.simulator.network.Tls;

/**
 * Writes a scenario in the file format, every setting spelled out, so that
 * {@code ScenarioParser.parse(format(s))} gives {@code s} back.
 */
public final class ScenarioFormatter {

    private ScenarioFormatter() {
    }

    public static String format(Scenario s) {
        StringBuilder b = new StringBuilder();
        b.append("scenario ").append(s.name()).append('\n');
        b.append("title ").append(Tokenizer.quote(s.title())).append('\n');
        if (!s.claims().isEmpty()) {
            b.append("claims ").append(String.join(" ", s.claims())).append('\n');
        }
        b.append("seed ").append(s.seed()).append('\n');
        b.append("duration ").append(Units.formatTime(s.duration())).append('\n');
        b.append("network ").append(s.network()).append('\n');
        b.append("compare ").append(s.compare().stream().map(StrategyName::word).collect(Collectors.joining(" ")))
                .append('\n');
        if (s.compress()) {
            b.append("compress deflate\n");
        }
        if (s.link().tls() != Tls.NONE) {
            b.append("tls ").append(s.link().tls().word()).append('\n');
        }
        if (s.link().slowStart()) {
            b.append("slow-start on\n");
        }
        for (AccountSpec a : s.accounts()) {
            b.append("account ").append(a.name()).append(" password ").append(a.password());
            a.quotaBytes().ifPresent(q -> b.append(" quota ").append(Units.formatSize(q)));
            a.quotaMessages().ifPresent(q -> b.append(" quota-messages ").append(q));
            b.append('\n');
        }
        for (MailSpec m : s.mail()) {
            b.append("mail ").append(m.account()).append(" count ").append(m.count());
            if (m.every().isZero()) {
                b.append(" at ").append(Units.formatTime(m.start()));
            } else {
                b.append(" every ").append(Units.formatTime(m.every())).append(" start ").append(Units.formatTime(m.start()));
            }
            b.append(" size ").append(Units.formatSize(m.minSize()));
            if (m.maxSize() != m.minSize()) {
                b.append("..").append(Units.formatSize(m.maxSize()));
            }
            for (AttachmentSpec a : m.attachments()) {
                b.append(" attach ").append(a.contentType()).append(' ').append(Units.formatSize(a.size()));
            }
            if (!m.senders().isEmpty()) {
                b.append(" senders ").append(String.join(",", m.senders()));
            }
            if (!m.subject().isEmpty()) {
                b.append(" subject ").append(Tokenizer.quote(m.subject()));
            }
            b.append(" threads ").append(m.threads()).append('\n');
        }
        for (DeviceSpec d : s.devices()) {
            b.append("device ").append(d.name()).append(" account ").append(d.account());
            d.strategy().ifPresent(st -> b.append(" strategy ").append(st.word()));
            b.append(" check-every ").append(Units.formatTime(d.checkEvery()));
            b.append(" check-start ").append(Units.formatTime(d.checkStart()));
            d.network().ifPresent(n -> b.append(" network ").append(n));
            d.deleteAfter().ifPresent(t -> b.append(" delete-after ").append(Units.formatTime(t)));
            b.append('\n');
        }
        for (EventSpec e : s.events()) {
            b.append("at ").append(Units.formatTime(e.at())).append(' ').append(e.device()).append(' ')
                    .append(action(e.action())).append('\n');
        }
        return b.toString();
    }

    /** An action as written after {@code at TIME DEVICE}. */
    public static String action(Action action) {
        // Java 17: no pattern switch yet, so a chain of instanceof over the sealed family.
        if (action instanceof Action.Open o) {
            return "open " + selector(o.which()) + (o.withAttachments() ? " with-attachments" : "");
        } else if (action instanceof Action.MarkRead r) {
            return "read " + selector(r.which());
        } else if (action instanceof Action.Flag f) {
            return "flag " + selector(f.which());
        } else if (action instanceof Action.Answer a) {
            return "answer " + selector(a.which());
        } else if (action instanceof Action.Move m) {
            return "move " + selector(m.which()) + " to " + m.folder();
        } else if (action instanceof Action.Delete d) {
            return "delete " + selector(d.which());
        } else if (action instanceof Action.Search s) {
            return "search " + Tokenizer.quote(s.text());
        } else if (action instanceof Action.Check) {
            return "check";
        } else if (action instanceof Action.Fail) {
            return "fail";
        } else if (action instanceof Action.GoOffline) {
            return "offline";
        } else {
            return "online";
        }
    }

    static String selector(Selector s) {
        return switch (s.kind()) {
            case ALL -> "all";
            case UNREAD -> "unread";
            case NEWEST -> "newest " + s.count();
            case OLDEST -> "oldest " + s.count();
        };
    }
}
