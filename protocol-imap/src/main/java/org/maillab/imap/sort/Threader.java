package org.maillab.imap.sort;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.maillab.imap.codec.ThreadAlgorithm;
import org.maillab.imap.codec.ThreadNode;

/**
 * THREAD (RFC 5256 §3): ORDEREDSUBJECT and REFERENCES. Every tree walk here uses an explicit stack, so a
 * reply chain of 100,000 messages is threaded without deep recursion.
 */
public final class Threader {

    private Threader() {
    }

    /** Threads the messages (already filtered by the search) with an algorithm. */
    public static List<ThreadNode> thread(ThreadAlgorithm algorithm, List<SortMessage> messages) {
        return switch (algorithm) {
            case ORDEREDSUBJECT -> orderedSubject(messages);
            case REFERENCES -> references(messages);
        };
    }

    // ---------------------------------------------------------------- ORDEREDSUBJECT

    /**
     * Sort by base subject, then sent date; each run of one subject is a thread whose first message is
     * the parent of all the others (no grandchildren); threads ordered by their first message's sent date.
     */
    public static List<ThreadNode> orderedSubject(List<SortMessage> messages) {
        List<SortMessage> sorted = new ArrayList<>(messages);
        sorted.sort(Comparator.comparing((SortMessage m) -> m.header().subjectKey(), Collation.KEY_ORDER)
                .thenComparing(Sorter.BY_SENT_DATE));
        List<List<SortMessage>> threads = new ArrayList<>();
        for (SortMessage m : sorted) {
            List<SortMessage> last = threads.isEmpty() ? null : threads.get(threads.size() - 1);
            if (last != null && last.get(0).header().subjectKey().equals(m.header().subjectKey())) {
                last.add(m);
            } else {
                List<SortMessage> fresh = new ArrayList<>();
                fresh.add(m);
                threads.add(fresh);
            }
        }
        threads.sort(Comparator.comparing(t -> t.get(0), Sorter.BY_SENT_DATE));
        List<ThreadNode> out = new ArrayList<>();
        for (List<SortMessage> t : threads) {
            List<ThreadNode> children = t.subList(1, t.size()).stream().map(m -> ThreadNode.message(m.number()))
                    .toList();
            out.add(ThreadNode.message(t.get(0).number(), children));
        }
        return out;
    }

    // ---------------------------------------------------------------- REFERENCES

    /** A container of the REFERENCES algorithm: a message, or a dummy standing for a missing one. */
    private static final class Node {
        final SortMessage message; // null for a dummy
        Node parent;
        final List<Node> children = new ArrayList<>();

        Node(SortMessage message) {
            this.message = message;
        }

        boolean dummy() {
            return message == null;
        }

        /** Whether {@code other} is this node or one of its ancestors (then linking this above it loops). */
        boolean hasAncestorOrSelf(Node other) {
            if (other.children.isEmpty()) {
                return this == other; // nothing hangs below other: the usual case, answered without a walk
            }
            for (Node n = this; n != null; n = n.parent) {
                if (n == other) {
                    return true;
                }
            }
            return false;
        }

        void adopt(Node child) {
            child.parent = this;
            children.add(child);
        }

        void detach() {
            if (parent != null) {
                parent.children.remove(this);
                parent = null;
            }
        }

        /** The message that stands for this node when sorting: itself, or a dummy's first child's. */
        SortMessage representative() {
            Node n = this;
            while (n.dummy() && !n.children.isEmpty()) {
                n = n.children.get(0);
            }
            return n.message;
        }
    }

    private static final Comparator<Node> NODE_ORDER = (a, b) -> Sorter.BY_SENT_DATE.compare(a.representative(),
            b.representative());

    /** The six steps of RFC 5256 §3 REFERENCES. */
    public static List<ThreadNode> references(List<SortMessage> messages) {
        List<SortMessage> inOrder = new ArrayList<>(messages);
        inOrder.sort(Comparator.comparingLong(SortMessage::sequence));
        Map<String, Node> byId = new HashMap<>();
        List<Node> all = new ArrayList<>();
        for (SortMessage m : inOrder) {
            // (1)(A) the message's own container: a dummy created by an earlier reference becomes it; a
            // missing or duplicate Message-ID gets a unique one (our unique IDs contain no '@', so they
            // can never equal a real, normalised msg-id)
            Node self = null;
            if (m.header().messageId().isPresent()) {
                Node known = byId.get(m.header().messageId().get());
                if (known == null) {
                    self = new Node(m);
                    byId.put(m.header().messageId().get(), self);
                } else if (known.dummy()) {
                    self = replaceDummy(byId, m.header().messageId().get(), known, m);
                }
            }
            if (self == null) {
                self = new Node(m);
            }
            all.add(self);
            List<String> refs = m.header().references();
            for (int i = 0; i + 1 < refs.size(); i++) {
                Node parent = container(byId, all, refs.get(i));
                Node child = container(byId, all, refs.get(i + 1));
                // an existing parent stays (References may be truncated); never make a loop
                if (child.parent == null && !parent.hasAncestorOrSelf(child)) {
                    parent.adopt(child);
                }
            }
            // (1)(B) the last reference is the parent, replacing any link from others' References
            self.detach();
            if (!refs.isEmpty()) {
                Node parent = container(byId, all, refs.get(refs.size() - 1));
                if (!parent.hasAncestorOrSelf(self)) {
                    parent.adopt(self);
                }
            }
        }
        // (2) the parentless containers are the children of the root
        Node root = new Node(null);
        for (Node n : all) {
            if (n.parent == null) {
                root.adopt(n);
            }
        }
        prune(root);
        // (4) sort the root's children by sent date; a dummy's children first, then its first child counts
        for (Node n : root.children) {
            if (n.dummy()) {
                n.children.sort(NODE_ORDER);
            }
        }
        root.children.sort(NODE_ORDER);
        mergeBySubject(root);
        sortAll(root);
        return toWire(root);
    }

    /** Gives a dummy's place (its links and its ID) to the message it stood for. */
    private static Node replaceDummy(Map<String, Node> byId, String id, Node dummy, SortMessage m) {
        Node self = new Node(m);
        Node parent = dummy.parent;
        if (parent != null) {
            int at = parent.children.indexOf(dummy);
            parent.children.set(at, self);
            self.parent = parent;
        }
        for (Node child : dummy.children) {
            child.parent = self;
            self.children.add(child);
        }
        dummy.children.clear();
        dummy.parent = null;
        byId.put(id, self);
        return self;
    }

    /** The container of a referenced ID: the message with that ID, or a dummy made on first mention. */
    private static Node container(Map<String, Node> byId, List<Node> all, String id) {
        return byId.computeIfAbsent(id, k -> {
            Node dummy = new Node(null);
            all.add(dummy);
            return dummy;
        });
    }

    /**
     * (3) Removes dummies: a childless one goes; one with children is replaced by them, except directly
     * under the root, where it stays unless it has a single child. Bottom-up, so a dummy's children are
     * already final when it is looked at.
     */
    private static void prune(Node root) {
        for (Node n : postOrder(root)) {
            if (n == root || !n.dummy()) {
                continue;
            }
            Node parent = n.parent;
            if (n.children.isEmpty()) {
                n.detach();
            } else if (parent != root || n.children.size() == 1) {
                int at = parent.children.indexOf(n);
                parent.children.remove(at);
                for (Node child : n.children) {
                    child.parent = parent;
                }
                parent.children.addAll(at, n.children);
                n.children.clear();
                n.parent = null;
            }
        }
    }

    /** (5) Gathers threads of the root that share a base subject. */
    private static void mergeBySubject(Node root) {
        // (5)(A)(B) one container per thread subject
        Map<String, Node> table = new HashMap<>();
        for (Node n : root.children) {
            String subject = threadSubject(n);
            if (subject.isEmpty()) {
                continue;
            }
            Node old = table.get(subject);
            if (old == null || (!old.dummy() && (n.dummy() || (isReply(old) && !isReply(n))))) {
                table.put(subject, n);
            }
        }
        // (5)(C) merge every other thread of that subject into it; threads leaving the root are only
        // marked while the loop runs, then removed at once (removing each from a long list is quadratic)
        Set<Node> leaving = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        for (Node n : new ArrayList<>(root.children)) {
            String subject = threadSubject(n);
            if (subject.isEmpty()) {
                continue;
            }
            Node kept = table.get(subject);
            if (kept == n || n.parent != root) {
                continue;
            }
            leaving.add(n);
            n.parent = null;
            if (kept.dummy() && n.dummy()) {
                for (Node child : n.children) {
                    kept.adopt(child);
                }
                n.children.clear();
            } else if (kept.dummy() || (isReply(n) && !isReply(kept))) {
                kept.adopt(n);
            } else {
                Node dummy = new Node(null);
                int at = root.children.indexOf(kept);
                root.children.set(at, dummy);
                dummy.parent = root;
                kept.parent = null;
                dummy.adopt(kept);
                dummy.adopt(n);
                table.put(subject, dummy);
            }
        }
        root.children.removeIf(leaving::contains);
    }

    /** The base subject of a thread: its message's, or the first child's for a dummy (step 5.B.i). */
    private static String threadSubject(Node n) {
        SortMessage m = n.representative();
        return m == null ? "" : m.header().subjectKey();
    }

    private static boolean isReply(Node n) {
        return !n.dummy() && n.message.header().replyOrForward();
    }

    /** (6) Sorts every set of siblings by sent date, the deepest first, so a dummy's first child is final. */
    private static void sortAll(Node root) {
        for (Node n : postOrder(root)) {
            n.children.sort(NODE_ORDER);
        }
    }

    /** All nodes under and including {@code top}, every node after its descendants. */
    private static List<Node> postOrder(Node top) {
        List<Node> out = new ArrayList<>();
        Deque<Node> stack = new ArrayDeque<>();
        stack.push(top);
        while (!stack.isEmpty()) {
            Node n = stack.pop();
            out.add(n);
            for (Node child : n.children) {
                stack.push(child);
            }
        }
        java.util.Collections.reverse(out);
        return out;
    }

    /** The tree as THREAD response values, built bottom-up without recursion. */
    private static List<ThreadNode> toWire(Node root) {
        Map<Node, ThreadNode> built = new HashMap<>();
        for (Node n : postOrder(root)) {
            if (n == root) {
                continue;
            }
            List<ThreadNode> kids = new ArrayList<>(n.children.size());
            for (Node child : n.children) {
                kids.add(built.remove(child));
            }
            built.put(n, n.dummy() ? ThreadNode.dummy(kids) : ThreadNode.message(n.message.number(), kids));
        }
        List<ThreadNode> out = new ArrayList<>();
        for (Node top : root.children) {
            out.add(built.get(top));
        }
        return out;
    }
}
