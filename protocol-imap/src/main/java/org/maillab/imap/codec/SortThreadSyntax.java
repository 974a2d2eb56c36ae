package org.maillab.imap.codec;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.OptionalLong;

/**
 * The grammar of RFC 5256 §5: SORT and THREAD commands and their responses, read and written. Kept apart
 * from the big parser and formatter classes, which only call in here. Thread trees are read and written
 * with explicit stacks, so a deeply nested THREAD response cannot overflow the Java stack.
 */
final class SortThreadSyntax {

    private SortThreadSyntax() {
    }

    // ---------------------------------------------------------------- commands

    /** {@code sort = ["UID" SP] "SORT" SP sort-criteria SP search-criteria}; the cursor is after SORT. */
    static Command sort(Cursor c, boolean uid) throws Cursor.Failure {
        c.sp();
        c.expect('(');
        List<SortCriterion> criteria = new ArrayList<>();
        do {
            boolean reverse = false;
            String atom = Cursor.upper(c.atom());
            if (atom.equals("REVERSE")) {
                reverse = true;
                c.sp();
                atom = Cursor.upper(c.atom());
            }
            String key = atom;
            criteria.add(new SortCriterion(reverse,
                    SortCriterion.Key.parse(key).orElseThrow(() -> c.fail("unknown sort key " + key))));
        } while (c.accept(' '));
        c.expect(')');
        c.sp();
        String charset = charset(c);
        return new Command.Sort(uid, criteria, charset, searchKeys(c));
    }

    /** {@code thread = ["UID" SP] "THREAD" SP thread-alg SP search-criteria}; the cursor is after THREAD. */
    static Command thread(Cursor c, boolean uid) throws Cursor.Failure {
        c.sp();
        String name = c.atom();
        ThreadAlgorithm algorithm = ThreadAlgorithm.parse(name)
                .orElseThrow(() -> c.fail("unknown thread algorithm " + name));
        c.sp();
        String charset = charset(c);
        return new Command.Thread(uid, algorithm, charset, searchKeys(c));
    }

    /** {@code charset = atom / quoted} (RFC 5256 §5). */
    private static String charset(Cursor c) throws Cursor.Failure {
        return c.peek() == '"' ? c.quoted() : c.atom();
    }

    /** {@code 1*(SP search-key)}. */
    private static List<SearchKey> searchKeys(Cursor c) throws Cursor.Failure {
        List<SearchKey> keys = new ArrayList<>();
        do {
            c.sp();
            keys.add(CommandParser.searchKey(c, 0));
        } while (c.peek() == ' ');
        return keys;
    }

    static void formatSort(Wire w, Command.Sort s) {
        w.raw(" (");
        for (int i = 0; i < s.criteria().size(); i++) {
            if (i > 0) {
                w.sp();
            }
            w.raw(s.criteria().get(i).wire());
        }
        w.raw(") ").astring(s.charset());
        s.keys().forEach(k -> CommandFormatter.searchKey(w.sp(), k));
    }

    static void formatThread(Wire w, Command.Thread t) {
        w.sp().raw(t.algorithm().name()).sp().astring(t.charset());
        t.keys().forEach(k -> CommandFormatter.searchKey(w.sp(), k));
    }

    // ---------------------------------------------------------------- responses

    /**
     * {@code sort-data = "SORT" [1*(SP nz-number) SP search-sort-mod-seq]} (RFC 5256 §5 with RFC 7162 §7);
     * the cursor is after SORT.
     */
    static Response sortData(Cursor c) throws Cursor.Failure {
        List<Long> numbers = new ArrayList<>();
        while (c.accept(' ')) {
            if (c.atEnd()) {
                break; // a trailing space, as some servers send after SEARCH
            }
            if (!numbers.isEmpty() && c.accept('(')) {
                if (!c.acceptKeyword("MODSEQ")) {
                    throw c.fail("expected MODSEQ");
                }
                c.sp();
                long modSeq = c.number(Syntax.MAX_NUMBER64);
                c.expect(')');
                return new Response.Sort(numbers, OptionalLong.of(modSeq));
            }
            numbers.add(c.nzNumber());
        }
        return new Response.Sort(numbers);
    }

    static void formatSortData(Wire w, Response.Sort s) {
        w.raw("* SORT");
        s.numbers().forEach(n -> w.sp().number(n));
        s.modSeq().ifPresent(m -> w.raw(" (MODSEQ ").number(m).raw(")"));
    }

    /** {@code thread-data = "THREAD" [SP 1*thread-list]}; the cursor is after THREAD. */
    static Response threadData(Cursor c) throws Cursor.Failure {
        List<ThreadNode> threads = new ArrayList<>();
        if (c.accept(' ') && !c.atEnd()) {
            do {
                threads.add(threadList(c));
            } while (c.peek() == '(');
        }
        return new Response.Thread(threads);
    }

    /** One open thread-list while parsing: its chain of numbers, then its nested lists. */
    private static final class OpenList {
        final List<Long> chain = new ArrayList<>();
        final List<ThreadNode> nested = new ArrayList<>();

        ThreadNode close() {
            if (chain.isEmpty()) {
                return ThreadNode.dummy(nested);
            }
            ThreadNode node = ThreadNode.message(chain.get(chain.size() - 1), nested);
            for (int i = chain.size() - 2; i >= 0; i--) {
                node = ThreadNode.message(chain.get(i), List.of(node));
            }
            return node;
        }
    }

    /**
     * {@code thread-list = "(" (thread-members / thread-nested) ")"}, with
     * {@code thread-members = nz-number *(SP nz-number) [SP thread-nested]} and
     * {@code thread-nested = 2*thread-list}.
     */
    private static ThreadNode threadList(Cursor c) throws Cursor.Failure {
        Deque<OpenList> open = new ArrayDeque<>();
        c.expect('(');
        open.push(new OpenList());
        next:
        while (true) {
            OpenList top = open.peek();
            if (!c.atDigit()) {
                c.expect('('); // thread-nested straight away: a dummy, its first list opens here
                open.push(new OpenList());
                continue;
            }
            top.chain.add(c.nzNumber());
            while (c.accept(' ')) {
                if (!c.atDigit()) {
                    c.expect('('); // SP thread-nested after the numbers
                    open.push(new OpenList());
                    continue next;
                }
                top.chain.add(c.nzNumber());
            }
            c.expect(')');
            ThreadNode done = open.pop().close();
            while (true) { // hand each completed list to its parent, closing parents as their ')' comes
                if (open.isEmpty()) {
                    return done;
                }
                OpenList parent = open.peek();
                parent.nested.add(done);
                if (c.accept('(')) {
                    open.push(new OpenList());
                    continue next;
                }
                c.expect(')');
                if (parent.nested.size() < 2) {
                    throw c.fail("thread-nested needs at least two thread-lists");
                }
                done = open.pop().close();
            }
        }
    }

    /**
     * Writes the threads after {@code * THREAD}. A dummy with one child is written as that child, a dummy
     * without children not at all, and a dummy that is a message's only child is spliced into it, since
     * the grammar has no other way to say these.
     */
    static void formatThreadData(Wire w, Response.Thread t) {
        w.raw("* THREAD");
        if (t.threads().isEmpty()) {
            return;
        }
        w.sp();
        Deque<Object> work = new ArrayDeque<>(); // a String to write, or a ThreadNode to write as a thread-list
        for (int i = t.threads().size() - 1; i >= 0; i--) {
            work.push(t.threads().get(i));
        }
        while (!work.isEmpty()) {
            Object item = work.pop();
            if (item instanceof String text) {
                w.raw(text);
                continue;
            }
            ThreadNode node = (ThreadNode) item;
            if (node.isDummy()) {
                List<ThreadNode> kids = effectiveChildren(node.children());
                if (kids.size() == 1) {
                    work.push(kids.get(0));
                } else if (kids.size() > 1) {
                    work.push(")");
                    pushAll(work, kids);
                    work.push("(");
                }
                continue;
            }
            StringBuilder chain = new StringBuilder("(").append(node.number().getAsLong());
            List<ThreadNode> kids = effectiveChildren(node.children());
            while (kids.size() == 1) {
                ThreadNode only = kids.get(0);
                chain.append(' ').append(only.number().getAsLong());
                kids = effectiveChildren(only.children());
            }
            work.push(")");
            pushAll(work, kids);
            if (!kids.isEmpty()) {
                chain.append(' ');
            }
            work.push(chain.toString());
        }
    }

    private static void pushAll(Deque<Object> work, List<ThreadNode> nodes) {
        for (int i = nodes.size() - 1; i >= 0; i--) {
            work.push(nodes.get(i));
        }
    }

    /** Children as the wire can show them: empty dummies dropped, a lone dummy replaced by its children. */
    private static List<ThreadNode> effectiveChildren(List<ThreadNode> children) {
        List<ThreadNode> kids = children;
        while (true) {
            List<ThreadNode> kept = new ArrayList<>();
            for (ThreadNode k : kids) {
                if (!k.isDummy() || !effectiveChildrenEmpty(k)) {
                    kept.add(k);
                }
            }
            if (kept.size() == 1 && kept.get(0).isDummy()) {
                kids = kept.get(0).children();
                continue;
            }
            return kept;
        }
    }

    private static boolean effectiveChildrenEmpty(ThreadNode dummy) {
        Deque<ThreadNode> todo = new ArrayDeque<>(dummy.children());
        while (!todo.isEmpty()) {
            ThreadNode n = todo.pop();
            if (!n.isDummy()) {
                return false;
            }
            n.children().forEach(todo::push);
        }
        return true;
    }
}
