package org.maillab.imap.session;

import org.maillab.mailstore.MessageInfo;

/** One message that matched a search: its sequence number in this session and its store record. */
record SearchMatch(int sequence, MessageInfo info) {
}
