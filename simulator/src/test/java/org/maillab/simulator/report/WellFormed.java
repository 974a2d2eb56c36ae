package org.maillab.simulator.report;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;

/** Parses the HTML report as XML: it is written to be well-formed (XHTML with inline SVG). */
public final class WellFormed {

    private WellFormed() {
    }

    public static Document parse(String html) throws Exception {
        String body = html.replaceFirst("^<!DOCTYPE html>\\s*", "");
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(true);
        f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        return f.newDocumentBuilder().parse(new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8)));
    }
}
