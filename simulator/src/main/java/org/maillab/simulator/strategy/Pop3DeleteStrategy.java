package org.maillab.simulator.strategy;

import java.io.IOException;
import java.util.List;
import org.maillab.pop3.client.Pop3Client;
import org.maillab.simulator.scenario.StrategyName;

/**
 * POP3 download-and-delete, the classic offline model (claim C1): each check logs in, LISTs, RETRieves
 * every message, marks each with DELE, and QUITs, so the server removes them in the UPDATE state
 * (RFC 1939 §6). The mail then lives only on the device that checked first.
 */
public final class Pop3DeleteStrategy extends Pop3Strategy {

    @Override
    public StrategyName name() {
        return StrategyName.POP3_DELETE;
    }

    @Override
    public void check(DeviceContext device) throws IOException {
        try (Session session = login(device, "check")) {
            List<Pop3Client.Listing> listing = session.client().list();
            for (int i = 0; i < listing.size(); i++) {
                Pop3Client.Listing m = listing.get(i);
                download(device, session, m.number(), "", i == listing.size() - 1);
                session.client().dele(m.number());
            }
            session.client().quit();
        }
    }
}
