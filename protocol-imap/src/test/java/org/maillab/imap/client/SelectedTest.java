package org.maillab.imap.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.maillab.imap.codec.FetchData;
import org.maillab.imap.codec.Response;
import org.maillab.imap.codec.ResponseCode;
import org.maillab.imap.codec.SequenceSet;

class SelectedTest {

    private static Response.Condition ok(ResponseCode code) {
        return new Response.Condition(Response.Status.OK, Optional.of(code), "");
    }

    private static Reply reply(Response... untagged) {
        return new Reply(List.of(untagged), new Response.Tagged("C3", Response.Status.OK, Optional.empty(), "done"));
    }

    @Test
    void aQresyncSelectYieldsValidityModSeqVanishedAndChanged_rfc7162s3_2_5_2() {
        Response.Fetch changed = new Response.Fetch(4, List.of(new FetchData.Uid(9), new FetchData.ModSeq(31)));
        Selected s = Selected.of(reply(new Response.Exists(12), ok(new ResponseCode.Number("UIDVALIDITY", 77)),
                ok(new ResponseCode.Number("HIGHESTMODSEQ", 31)),
                new Response.Vanished(true, SequenceSet.ofNumbers(List.of(2L, 3L, 4L, 8L))), changed));
        assertEquals(77, s.uidValidity());
        assertEquals(12, s.exists());
        assertEquals(OptionalLong.of(31), s.highestModSeq());
        assertFalse(s.noModSeq());
        assertEquals(List.of(2L, 3L, 4L, 8L), s.vanished());
        assertEquals(List.of(changed), s.changed());
    }

    @Test
    void aMailboxWithoutModSeqsSaysNoModSeq_rfc7162s3_1_2_2() {
        Selected s = Selected.of(reply(new Response.Exists(0), ok(new ResponseCode.Number("UIDVALIDITY", 5)),
                ok(ResponseCode.NOMODSEQ)));
        assertTrue(s.noModSeq());
        assertTrue(s.highestModSeq().isEmpty());
        assertEquals(List.of(), s.vanished());
    }
}
