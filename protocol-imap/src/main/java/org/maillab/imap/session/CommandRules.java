package org.maillab.imap.session;

import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.maillab.imap.codec.Command;

/** In which states each command is valid (RFC 9051 §6.1–§6.4): one table, read by the session and the docs. */
public final class CommandRules {

    private static final Set<SessionState> ANY = EnumSet.of(SessionState.NOT_AUTHENTICATED,
            SessionState.AUTHENTICATED, SessionState.SELECTED);
    private static final Set<SessionState> NOT_AUTH = EnumSet.of(SessionState.NOT_AUTHENTICATED);
    private static final Set<SessionState> AUTH = EnumSet.of(SessionState.AUTHENTICATED, SessionState.SELECTED);
    private static final Set<SessionState> AUTH_ONLY = EnumSet.of(SessionState.AUTHENTICATED);
    private static final Set<SessionState> SELECTED = EnumSet.of(SessionState.SELECTED);

    private static final Map<Class<? extends Command>, Set<SessionState>> TABLE = new LinkedHashMap<>();

    static {
        // §6.1 any state
        TABLE.put(Command.Capability.class, ANY);
        TABLE.put(Command.Noop.class, ANY);
        TABLE.put(Command.Logout.class, ANY);
        TABLE.put(Command.Id.class, ANY); // RFC 2971 §3.1
        // §6.2 not authenticated
        TABLE.put(Command.StartTls.class, NOT_AUTH);
        TABLE.put(Command.Authenticate.class, NOT_AUTH);
        TABLE.put(Command.Login.class, NOT_AUTH);
        // §6.3 authenticated (and therefore also selected)
        TABLE.put(Command.Enable.class, AUTH_ONLY); // RFC 5161 §3.1: authenticated state only
        TABLE.put(Command.Select.class, AUTH);
        TABLE.put(Command.Examine.class, AUTH);
        TABLE.put(Command.Create.class, AUTH);
        TABLE.put(Command.Delete.class, AUTH);
        TABLE.put(Command.Rename.class, AUTH);
        TABLE.put(Command.Subscribe.class, AUTH);
        TABLE.put(Command.Unsubscribe.class, AUTH);
        TABLE.put(Command.ListMailboxes.class, AUTH);
        TABLE.put(Command.Lsub.class, AUTH);
        TABLE.put(Command.Namespace.class, AUTH);
        TABLE.put(Command.Status.class, AUTH);
        TABLE.put(Command.Append.class, AUTH);
        TABLE.put(Command.Idle.class, AUTH);
        TABLE.put(Command.Compress.class, AUTH); // RFC 4978 §5: command-auth
        TABLE.put(Command.GetQuota.class, AUTH); // RFC 9208 §4.1
        TABLE.put(Command.GetQuotaRoot.class, AUTH);
        TABLE.put(Command.SetQuota.class, AUTH);
        // RFC 4314 §3: the ACL commands, in authenticated and selected state
        TABLE.put(Command.SetAcl.class, AUTH);
        TABLE.put(Command.DeleteAcl.class, AUTH);
        TABLE.put(Command.GetAcl.class, AUTH);
        TABLE.put(Command.ListRights.class, AUTH);
        TABLE.put(Command.MyRights.class, AUTH);
        // §6.4 selected
        TABLE.put(Command.Check.class, SELECTED);
        TABLE.put(Command.Close.class, SELECTED);
        TABLE.put(Command.Unselect.class, SELECTED);
        TABLE.put(Command.Expunge.class, SELECTED);
        TABLE.put(Command.UidExpunge.class, SELECTED);
        TABLE.put(Command.Search.class, SELECTED);
        TABLE.put(Command.Fetch.class, SELECTED);
        TABLE.put(Command.Store.class, SELECTED);
        TABLE.put(Command.Copy.class, SELECTED);
        TABLE.put(Command.Move.class, SELECTED);
        TABLE.put(Command.Sort.class, SELECTED); // RFC 5256 §3
        TABLE.put(Command.Thread.class, SELECTED);
    }

    private CommandRules() {
    }

    /** The states in which a command is valid. */
    public static Set<SessionState> validIn(Class<? extends Command> command) {
        return TABLE.getOrDefault(command, Set.of());
    }

    public static boolean allowed(Command command, SessionState state) {
        return validIn(command.getClass()).contains(state);
    }

    /** The whole table, in RFC order. */
    public static Map<Class<? extends Command>, Set<SessionState>> table() {
        return java.util.Collections.unmodifiableMap(TABLE);
    }
}
