package org.maillab.mime.parse;

import com.sun.management.GarbageCollectionNotificationInfo;
import jakarta.mail.BodyPart;
import jakarta.mail.Multipart;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryUsage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import javax.management.NotificationEmitter;
import javax.management.openmbean.CompositeData;
import org.apache.james.mime4j.codec.DecodeMonitor;
import org.apache.james.mime4j.stream.EntityState;
import org.apache.james.mime4j.stream.MimeTokenStream;
import org.maillab.mime.codec.Base64OutputStream;

/**
 * Parses the corpus and generated 1, 10 and 50 MB messages (base64 attachments) with MailLab,
 * Apache mime4j (its streaming MimeTokenStream and its DOM builder) and Eclipse Angus Mail
 * (jakarta.mail MimeMessage), in the same run. Reports MB/s (best of several runs) and heap growth:
 * the peak heap during the parse (an upper bound, see {@link LiveHeap}) above the heap before it, and
 * what stays retained once the parse is over. Not a test (surefire skips *Benchmark); run it with a small young generation so that
 * collections are frequent and the live-heap trace is fine-grained:
 *
 * <pre>
 * mvn -q -o -pl mime test-compile
 * java -XX:+UseSerialGC -Xmn8m -Xmx2g -cp mime/target/classes:mime/target/test-classes:$TEST_CLASSPATH \
 *      org.maillab.mime.parse.MimeParseBenchmark
 * </pre>
 *
 * The corpus figures come after the same warm-up for every parser, from interleaved rounds (median
 * and best, by wall clock and by thread CPU time); "MailLab" (a tree) compares with "mime4j DOM",
 * "MailLab tokens" (the tokenizer alone) with "mime4j stream". {@code --corpus-only} stops after them.
 * With {@code --maillab-50mb-only} it parses only the 50 MB message with MailLab: run that with
 * {@code -Xmx16m} to show that the whole heap, not just its growth, stays under 16 MB.
 */
public final class MimeParseBenchmark {

    interface Parser {
        Object parse(InputStream in) throws Exception;
    }

    private static final Map<String, Parser> PARSERS = new LinkedHashMap<>();

    static {
        PARSERS.put("MailLab", in -> MimeParser.parse(in));
        PARSERS.put("MailLab tokens", MimeParseBenchmark::maillabTokens);
        PARSERS.put("mime4j stream", MimeParseBenchmark::mime4jStream);
        PARSERS.put("mime4j DOM", in -> Mime4jComparison.parseWithMime4j(in));
        PARSERS.put("Angus Mail", MimeParseBenchmark::angus);
    }

    /** What each parser does, printed with the figures so that like is compared with like. */
    private static final Map<String, String> DOES = Map.of(
            "MailLab", "tree: fields kept raw, Content-Type/-Disposition/CTE parsed, offsets and line counts per part, defects",
            "MailLab tokens", "events only: header fields split, Content-Type/CTE parsed, body bytes scanned (no tree)",
            "mime4j stream", "MimeTokenStream events, fields split, Content-Type parsed, bodies drained (no tree)",
            "mime4j DOM", "DefaultMessageBuilder tree: fields parsed lazily, bodies copied into storage",
            "Angus Mail", "MimeMessage: whole message in memory, multiparts walked");

    /** Compare with "MailLab tokens" and "mime4j stream"; the trees with "mime4j DOM". */
    private static Object maillabTokens(InputStream in) throws Exception {
        MimeTokenizer tokenizer = new MimeTokenizer(in);
        long events = 0;
        while (tokenizer.next() != MimeTokenizer.Event.END_OF_STREAM) {
            events++;
        }
        return events;
    }

    private static final java.lang.management.ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    /** MB/s by wall clock and by this thread's CPU time (steadier on a shared machine; omits GC threads). */
    private static double[] corpusPass(Parser parser, List<byte[]> corpus, long corpusBytes) {
        long c0 = THREADS.getCurrentThreadCpuTime();
        long t0 = System.nanoTime();
        for (byte[] m : corpus) {
            try {
                parser.parse(new ByteArrayInputStream(m));
            } catch (Exception failure) {
                // a library that gives up on a message: counted at its time so far
            }
        }
        long wall = System.nanoTime() - t0;
        long cpu = THREADS.getCurrentThreadCpuTime() - c0;
        return new double[] {corpusBytes / 1e6 / (wall / 1e9), corpusBytes / 1e6 / (cpu / 1e9)};
    }

    /**
     * Every parser is warmed up alike (the JIT gets the same passes), then measured in interleaved
     * rounds so that a noisy neighbour slows all of them, not the one that happened to run then.
     * Reports the median and the best round; returns the medians.
     */
    private static Map<String, Double> corpusRounds(List<byte[]> corpus, long corpusBytes) {
        int warmup = Integer.getInteger("bench.warmup", 5);
        int rounds = Integer.getInteger("bench.rounds", 7);
        for (int w = 0; w < warmup; w++) {
            for (Parser p : PARSERS.values()) {
                corpusPass(p, corpus, corpusBytes);
            }
        }
        Map<String, List<Double>> samples = new LinkedHashMap<>();
        Map<String, List<Double>> cpuSamples = new LinkedHashMap<>();
        PARSERS.keySet().forEach(k -> samples.put(k, new ArrayList<>()));
        PARSERS.keySet().forEach(k -> cpuSamples.put(k, new ArrayList<>()));
        for (int r = 0; r < rounds; r++) {
            List<String> order = new ArrayList<>(PARSERS.keySet());
            java.util.Collections.rotate(order, r); // no parser always runs first
            for (String name : order) {
                double[] mbs = corpusPass(PARSERS.get(name), corpus, corpusBytes);
                samples.get(name).add(mbs[0]);
                cpuSamples.get(name).add(mbs[1]);
            }
        }
        System.out.printf("  (%d warm-up passes each, then %d interleaved rounds)%n", warmup, rounds);
        Map<String, Double> medians = new LinkedHashMap<>();
        samples.forEach((name, list) -> {
            List<Double> sorted = list.stream().sorted().toList();
            double median = sorted.get(sorted.size() / 2);
            List<Double> cpu = cpuSamples.get(name).stream().sorted().toList();
            medians.put(name, median);
            System.out.printf("  %-14s median %7.1f MB/s  best %7.1f MB/s  (CPU time: median %7.1f)   %s%n", name,
                    median, sorted.get(sorted.size() - 1), cpu.get(cpu.size() / 2), DOES.get(name));
        });
        return medians;
    }

    private static Object mime4jStream(InputStream in) throws Exception {
        MimeTokenStream stream = new MimeTokenStream(new org.apache.james.mime4j.stream.MimeConfig.Builder()
                .setMaxLineLen(-1).setMaxHeaderLen(-1).setMaxHeaderCount(-1).setMaxContentLen(-1).build(),
                DecodeMonitor.SILENT, null);
        stream.parse(in);
        long parts = 0;
        byte[] sink = new byte[65536];
        for (EntityState s = stream.getState(); s != EntityState.T_END_OF_STREAM; s = stream.next()) {
            if (s == EntityState.T_BODY) {
                parts++;
                try (InputStream body = stream.getInputStream()) {
                    while (body.read(sink) >= 0) {
                        // drain: the raw body, as MailLab scans it
                    }
                }
            }
        }
        return parts;
    }

    private static Object angus(InputStream in) throws Exception {
        MimeMessage message = new MimeMessage(Session.getInstance(new Properties()), in);
        return walk(message.getContent());
    }

    private static long walk(Object content) throws Exception {
        if (content instanceof Multipart mp) {
            long n = 0;
            for (int i = 0; i < mp.getCount(); i++) {
                BodyPart part = mp.getBodyPart(i);
                n += part.isMimeType("multipart/*") ? walk(part.getContent()) : 1;
            }
            return n;
        }
        return 1;
    }

    /**
     * Peak heap use since {@link #reset}: the larger of the heap used right after any collection and
     * the heap used as sampled every 0.2 ms. With {@code -XX:+UseSerialGC -Xmn8m} the sampled value
     * overstates the live heap by up to the 8 MB young generation, so it is an upper bound.
     */
    static final class LiveHeap {
        private final AtomicLong peak = new AtomicLong();

        LiveHeap() {
            Thread sampler = new Thread(() -> {
                while (true) {
                    peak.accumulateAndGet(ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed(), Math::max);
                    java.util.concurrent.locks.LockSupport.parkNanos(200_000);
                }
            }, "heap-sampler");
            sampler.setDaemon(true);
            sampler.start();
            for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
                ((NotificationEmitter) gc).addNotificationListener((notification, handback) -> {
                    if (!notification.getType().equals(GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION)) {
                        return;
                    }
                    GarbageCollectionNotificationInfo info = GarbageCollectionNotificationInfo.from(
                            (CompositeData) notification.getUserData());
                    long used = info.getGcInfo().getMemoryUsageAfterGc().values().stream()
                            .mapToLong(MemoryUsage::getUsed).sum();
                    peak.accumulateAndGet(used, Math::max);
                }, null, null);
            }
        }

        void reset() {
            peak.set(0);
        }

        long peak() {
            return peak.get();
        }
    }

    static long usedAfterGc() throws InterruptedException {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    public static void main(String[] args) throws Exception {
        if (args.length > 0 && args[0].equals("--maillab-50mb-only")) {
            // Proof of the memory target: run this with -Xmx16m; it cannot pass with more live data.
            Path file = Files.createTempFile("mime-bench-50mb", ".eml");
            try {
                generate(file, 50_000_000L, 50);
                long t0 = System.nanoTime();
                MessageTree tree;
                try (InputStream in = Files.newInputStream(file)) {
                    tree = MimeParser.parse(in);
                }
                System.out.printf("MailLab parsed %d bytes, %d parts, in %.2f s with max heap %.1f MB%n", tree.size(),
                        tree.root().walk().count(), (System.nanoTime() - t0) / 1e9,
                        Runtime.getRuntime().maxMemory() / 1e6);
            } finally {
                Files.delete(file);
            }
            return;
        }
        LiveHeap live = new LiveHeap();
        List<byte[]> corpus = new ArrayList<>();
        for (Path p : Corpus.messages()) {
            corpus.add(Files.readAllBytes(p));
        }
        long corpusBytes = corpus.stream().mapToLong(b -> b.length).sum();
        System.out.printf("Java %s, %s%n", System.getProperty("java.version"),
                ManagementFactory.getRuntimeMXBean().getInputArguments());
        System.out.printf("corpus: %d messages, %.1f MB (from memory)%n", corpus.size(), corpusBytes / 1e6);
        Map<String, Double> corpusSpeed = corpusRounds(corpus, corpusBytes);
        printRatios(corpusSpeed);
        if (args.length > 0 && args[0].equals("--corpus-only")) {
            return;
        }

        Path dir = Files.createTempDirectory("mime-bench");
        try {
            for (int mb : new int[] {1, 10, 50}) {
                Path file = dir.resolve(mb + "mb.eml");
                generate(file, mb * 1_000_000L, mb);
                long size = Files.size(file);
                System.out.printf("%n%d MB message (%d bytes, 3 base64 attachments), streamed from a file%n", mb, size);
                Map<String, Double> speed = new LinkedHashMap<>();
                for (Map.Entry<String, Parser> e : PARSERS.entrySet()) {
                    double best = 0;
                    long peakGrowth = 0;
                    long retained = 0;
                    int runs = mb == 50 ? 2 : 3;
                    for (int run = 0; run < runs; run++) {
                        long base = usedAfterGc();
                        live.reset();
                        live.reset();
                        long t0 = System.nanoTime();
                        Object result;
                        try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 65536)) {
                            result = e.getValue().parse(in);
                        }
                        double seconds = (System.nanoTime() - t0) / 1e9;
                        long after = usedAfterGc();
                        retained = Math.max(retained, after - base);
                        peakGrowth = Math.max(peakGrowth, live.peak() - base);
                        best = Math.max(best, size / 1e6 / seconds);
                        if (result == null) {
                            throw new IllegalStateException();
                        }
                    }
                    speed.put(e.getKey(), best);
                    System.out.printf("  %-14s %8.1f MB/s   peak heap growth %6.1f MB   retained %7.2f MB%n",
                            e.getKey(), best, peakGrowth / 1e6, retained / 1e6);
                }
                printRatios(speed);
                Files.delete(file);
            }
        } finally {
            Files.deleteIfExists(dir);
        }
    }

    private static void printRatios(Map<String, Double> speed) {
        double ours = speed.get("MailLab");
        StringBuilder sb = new StringBuilder("  MailLab speed ratio:");
        speed.forEach((name, s) -> {
            if (!name.startsWith("MailLab")) {
                sb.append(String.format("  %.2fx %s", ours / s, name));
            }
        });
        System.out.println(sb);
        Double tokens = speed.get("MailLab tokens");
        Double stream = speed.get("mime4j stream");
        Double dom = speed.get("mime4j DOM");
        if (tokens != null && stream != null && dom != null) {
            System.out.printf("  like with like: MailLab tree / mime4j DOM %.2fx, MailLab tokens / mime4j stream %.2fx%n",
                    ours / dom, tokens / stream);
        }
    }

    /** A multipart/mixed message of about {@code bytes}: a text part and three base64 attachments. */
    static void generate(Path file, long bytes, long seed) throws IOException {
        Random random = new Random(seed);
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16)) {
            out.write(("From: Bench <bench@example.org>\r\nTo: you@example.net\r\nSubject: benchmark " + bytes
                    + "\r\nDate: Tue, 14 May 2024 09:30:00 +0200\r\nMessage-ID: <bench-" + seed + "@example.org>\r\n"
                    + "MIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=\"=_bench\"\r\n\r\n"
                    + "--=_bench\r\nContent-Type: text/plain; charset=us-ascii\r\n\r\n"
                    + "Three attachments follow.\r\n").getBytes(StandardCharsets.US_ASCII));
            long each = bytes * 3 / 4 / 3; // base64 grows data by 4/3
            byte[] chunk = new byte[8192];
            for (int a = 0; a < 3; a++) {
                out.write(("\r\n--=_bench\r\nContent-Type: application/octet-stream; name=\"file" + a
                        + ".bin\"\r\nContent-Transfer-Encoding: base64\r\nContent-Disposition: attachment; filename=\"file"
                        + a + ".bin\"\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                Base64OutputStream b64 = new Base64OutputStream(out);
                for (long left = each; left > 0; left -= chunk.length) {
                    random.nextBytes(chunk);
                    b64.write(chunk, 0, (int) Math.min(chunk.length, left));
                }
                b64.finish();
            }
            out.write("\r\n--=_bench--\r\n".getBytes(StandardCharsets.US_ASCII));
        }
    }
}
