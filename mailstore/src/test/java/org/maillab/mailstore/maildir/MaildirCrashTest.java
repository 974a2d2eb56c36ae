package org.maillab.mailstore.maildir;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.maillab.mailstore.Account;
import org.maillab.mailstore.MailboxInfo;
import org.maillab.mailstore.Mailbox;
import org.maillab.mailstore.MessageInfo;

/**
 * Kills a process in the middle of appends, flag changes, expunges, moves and renames, many times at
 * random points (fixed seed), and checks after each kill, on reopening the store, that no partial
 * message is visible, no committed message is lost or changed, no UID is reused, UIDs only grow, and
 * UIDVALIDITY stays. "Committed" is what the child reported as DONE before it died; the one operation
 * it had begun may have happened or not, but nothing in between.
 */
class MaildirCrashTest {

    private static final long SEED = 20261127L;
    private static final int TRIALS = 16;

    record Msg(String token, String flags) {
    }

    private Path root;
    private final Map<Long, TreeMap<Long, Msg>> mail = new HashMap<>();     // by UIDVALIDITY, then UID
    private final Map<String, Long> validityByName = new HashMap<>();
    private final Map<Long, Long> highestUid = new HashMap<>();               // every UID ever seen, per UIDVALIDITY

    @BeforeEach
    void setUp() {
        root = TempDirs.create("maillab-crash");
        try (MaildirStore store = open()) {
            Account a = store.createAccount(CrashChild.ACCOUNT, "pw", false);
            a.create("Work");
            for (String name : List.of("INBOX", "Work")) {
                long v = a.status(name).uidValidity();
                validityByName.put(name, v);
                mail.put(v, new TreeMap<>());
                highestUid.put(v, 0L);
            }
        }
    }

    @AfterEach
    void tearDown() {
        TempDirs.delete(root);
    }

    private MaildirStore open() {
        return MaildirStore.open(root, MaildirStore.Options.defaults().withFsync(false).withPbkdf2Iterations(1000));
    }

    @Test
    void aKilledProcessNeverLeavesPartialMessagesLosesCommittedOnesOrReusesUids() throws Exception {
        Random random = new Random(SEED);
        int committed = 0;
        int keptAtKill = 0;
        for (int trial = 0; trial < TRIALS; trial++) {
            int killAfter = 1 + random.nextInt(25);
            long delayNanos = random.nextInt(3_000_000);
            List<String> lines = runAndKill(SEED + trial, trial % 2 == 0, "t" + trial, killAfter, delayNanos);
            String inFlight = null;
            for (String line : lines) {
                if (line.startsWith("BEGIN ")) {
                    inFlight = line.substring(6);
                } else if (line.startsWith("DONE ")) {
                    apply(line.substring(5).split(" "));
                    inFlight = null;
                    committed++;
                }
            }
            keptAtKill += kept().size();
            verify(inFlight, trial);
        }
        assertTrue(committed > TRIALS, "the children committed work before dying: " + committed);
        assertTrue(keptAtKill > 0, "some kill left files kept for a session (so their removal was checked)");
    }

    /**
     * Runs a child and kills it once it has begun its {@code killAfter}-th operation, plus a random
     * delay (spent spinning, not sleeping: it only spreads the kill over the operation's steps).
     */
    private List<String> runAndKill(long seed, boolean fsync, String prefix, int killAfter, long delayNanos)
            throws Exception {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Path err = Files.createTempFile("maillab-crash-child", ".err");
        ProcessBuilder pb = new ProcessBuilder(java.toString(), "-Xmx256m", "-XX:TieredStopAtLevel=1",
                "-cp", System.getProperty("java.class.path"), CrashChild.class.getName(),
                root.toString(), Long.toString(seed), Boolean.toString(fsync), prefix);
        pb.redirectError(err.toFile());
        Process child = pb.start();
        List<String> lines = new ArrayList<>();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(),
                StandardCharsets.US_ASCII))) {
            int begun = 0;
            String line;
            while (begun < killAfter && (line = out.readLine()) != null) {
                lines.add(line);
                if (line.startsWith("BEGIN ")) {
                    begun++;
                }
            }
            long until = System.nanoTime() + delayNanos;
            while (System.nanoTime() < until) {
                Thread.onSpinWait();
            }
            // SIGKILL through the handle: Process.destroyForcibly would also close our end of the pipe
            child.toHandle().destroyForcibly();
            child.waitFor();
            // what the child wrote before it died is committed too
            while ((line = out.readLine()) != null) {
                lines.add(line);
            }
        } finally {
            child.destroyForcibly();
        }
        if (lines.isEmpty() || !lines.get(0).equals("READY")) {
            fail("the child did not start: " + Files.readString(err));
        }
        Files.deleteIfExists(err);
        return lines;
    }

    /** A committed operation, as the child reported it. */
    private void apply(String[] f) {
        switch (f[0]) {
            case "APPEND" -> {
                long v = f.length > 2 ? Long.parseLong(f[2]) : 0;
                assertEquals(validityByName.get(f[1]), v, "UIDVALIDITY of " + f[1]);
                newUid(v, Long.parseLong(f[3]));
                mail.get(v).put(Long.parseLong(f[3]), new Msg(f[4], f[5]));
            }
            case "FLAGS" -> {
                TreeMap<Long, Msg> box = mail.get(Long.parseLong(f[2]));
                long uid = Long.parseLong(f[3]);
                box.put(uid, new Msg(box.get(uid).token(), f[4]));
            }
            case "EXPUNGE" -> {
                TreeMap<Long, Msg> box = mail.get(Long.parseLong(f[2]));
                for (int i = 3; i < f.length; i++) {
                    Msg gone = box.remove(Long.parseLong(f[i]));
                    assertTrue(gone != null && gone.flags().contains("T"), "only \\Deleted messages are expunged");
                }
            }
            case "MOVE" -> {
                Msg moved = mail.get(Long.parseLong(f[1])).remove(Long.parseLong(f[2]));
                long target = Long.parseLong(f[3]);
                newUid(target, Long.parseLong(f[4]));
                mail.get(target).put(Long.parseLong(f[4]), moved);
            }
            case "RENAME" -> validityByName.put(f[2], validityByName.remove(f[1]));
            default -> fail("unknown report " + String.join(" ", f));
        }
    }

    private void newUid(long validity, long uid) {
        long highest = highestUid.get(validity);
        assertTrue(uid > highest, "UID " + uid + " must be above every UID seen before (" + highest + ")");
        highestUid.put(validity, uid);
    }

    /** Reopens the store and checks it against the committed model and the one operation in flight. */
    private void verify(String inFlight, int trial) throws IOException {
        String[] op = inFlight == null ? new String[] {"NONE"} : inFlight.split(" ");
        try (MaildirStore store = open()) {
            Account account = store.account(CrashChild.ACCOUNT).orElseThrow();
            // the files kept for the dead process's sessions are gone once the account is open again
            assertEquals(List.of(), kept(), "expunged files kept for sessions of the dead process");
            Map<String, Long> names = new HashMap<>();
            Map<Long, TreeMap<Long, Msg>> actual = new HashMap<>();
            for (MailboxInfo info : account.list("*")) {
                try (Mailbox m = account.open(info.name(), true)) {
                    names.put(info.name(), m.uidValidity());
                    TreeMap<Long, Msg> box = new TreeMap<>();
                    for (MessageInfo i : m.messages()) {
                        box.put(i.uid(), new Msg(checkedToken(m, i), CrashChild.letters(i.flags())));
                    }
                    actual.put(m.uidValidity(), box);
                }
            }
            String where = "trial " + trial + ", in flight: " + inFlight;
            // names and UIDVALIDITY: unchanged, unless a rename was in flight (then one or the other)
            if (op[0].equals("RENAME") && !names.equals(validityByName)) {
                Map<String, Long> renamed = new HashMap<>(validityByName);
                renamed.put(op[2], renamed.remove(op[1]));
                assertEquals(renamed, names, where);
                validityByName.clear();
                validityByName.putAll(renamed);
            } else {
                assertEquals(validityByName, names, where);
            }
            Set<String> extraTokens = new HashSet<>();
            for (Map.Entry<Long, TreeMap<Long, Msg>> e : mail.entrySet()) {
                long v = e.getKey();
                TreeMap<Long, Msg> expected = e.getValue();
                TreeMap<Long, Msg> got = actual.get(v);
                for (Map.Entry<Long, Msg> m : expected.entrySet()) {
                    Msg there = got.get(m.getKey());
                    if (there == null) {
                        boolean mayBeGone = (op[0].equals("EXPUNGE") && Long.parseLong(op[2]) == v
                                && List.of(op).subList(3, op.length).contains(String.valueOf(m.getKey())))
                                || (op[0].equals("MOVE") && Long.parseLong(op[1]) == v
                                && Long.parseLong(op[2]) == m.getKey());
                        assertTrue(mayBeGone, "committed message lost: " + v + "/" + m.getKey() + " " + where);
                        if (op[0].equals("MOVE")) {
                            extraTokens.add(m.getValue().token());
                        }
                        continue;
                    }
                    assertEquals(m.getValue().token(), there.token(), "UID " + m.getKey() + " changed message, " + where);
                    if (!m.getValue().flags().equals(there.flags())) {
                        assertTrue(op[0].equals("FLAGS") && Long.parseLong(op[2]) == v
                                && Long.parseLong(op[3]) == m.getKey() && op[4].equals(there.flags()),
                                "flags of " + m.getKey() + ": " + there.flags() + " " + where);
                    }
                }
            }
            // then what is there and was not committed: only the operation in flight may have added it
            for (Map.Entry<Long, TreeMap<Long, Msg>> e : mail.entrySet()) {
                long v = e.getKey();
                TreeMap<Long, Msg> expected = e.getValue();
                TreeMap<Long, Msg> got = actual.get(v);
                for (Map.Entry<Long, Msg> m : got.entrySet()) {
                    if (!expected.containsKey(m.getKey())) {
                        // only the result of the operation in flight, with a UID above all seen before
                        assertTrue(m.getKey() > highestUid.get(v), "UID reused: " + m.getKey() + " " + where);
                        boolean fromAppend = op[0].equals("APPEND") && validityByName.get(op[1]) == v
                                && op[2].equals(m.getValue().token());
                        boolean fromMove = op[0].equals("MOVE") && Long.parseLong(op[3]) == v
                                && extraTokens.remove(m.getValue().token());
                        assertTrue(fromAppend || fromMove, "unexpected message " + m.getValue() + " " + where);
                    }
                }
            }
            assertTrue(extraTokens.isEmpty(), "a moved message vanished from both mailboxes: " + where);
            // the verified state is where the next child starts
            for (Map.Entry<Long, TreeMap<Long, Msg>> e : actual.entrySet()) {
                mail.put(e.getKey(), e.getValue());
                if (!e.getValue().isEmpty()) {
                    highestUid.merge(e.getKey(), e.getValue().lastKey(), Math::max);
                }
            }
        }
    }

    /** Files of expunged messages kept in tmp/ for sessions not yet told (deferred unlink). */
    private List<String> kept() throws IOException {
        try (var tmp = Files.list(root.resolve(CrashChild.ACCOUNT).resolve("tmp"))) {
            return tmp.map(p -> p.getFileName().toString())
                    .filter(n -> n.startsWith(MaildirAccount.EXPUNGED_PREFIX)).toList();
        }
    }

    /** Reads a whole message and checks every byte against what its token and size say. */
    private static String checkedToken(Mailbox m, MessageInfo info) throws IOException {
        byte[] bytes;
        try (InputStream in = m.content(info.uid()).open()) {
            bytes = in.readAllBytes();
        }
        assertEquals(info.size(), bytes.length, "size of " + info.uid());
        String head = new String(bytes, 0, Math.min(bytes.length, 200), StandardCharsets.US_ASCII);
        String[] lines = head.split("\r\n");
        assertTrue(lines.length >= 2 && lines[0].startsWith("Subject: ") && lines[1].startsWith("X-Size: "),
                "a partial message is visible: " + head);
        String token = lines[0].substring(9);
        int size = Integer.parseInt(lines[1].substring(8));
        assertArrayEquals(CrashChild.content(token, size), bytes, "content of " + token);
        return token;
    }
}
