package dev.mache.vfs.webdav;

import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.List;
import javax.xml.XMLConstants;
import javax.xml.namespace.QName;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/** What a PROPFIND body asks for (RFC 4918 §9.1). An empty body means allprop. */
sealed interface PropfindRequest {

    record AllProp() implements PropfindRequest { }

    record PropName() implements PropfindRequest { }

    record Props(List<QName> names) implements PropfindRequest { }

    /** A body that is not a well-formed, DTD-free propfind document. */
    final class MalformedException extends Exception {
        MalformedException(String message) {
            super(message);
        }
    }

    String DAV = "DAV:";

    /**
     * Parses a body with a StAX reader that supports no DTD and no external entities; a document that declares a
     * DTD at all is refused (that is how XXE and billion-laughs payloads start), so no entity is ever expanded.
     */
    static PropfindRequest parse(byte[] body) throws MalformedException {
        if (body.length == 0 || isBlank(body)) {
            return new AllProp();
        }
        XMLStreamReader r = null;
        try {
            r = SecureXml.FACTORY.createXMLStreamReader(new ByteArrayInputStream(body));
            List<QName> props = null;
            boolean allprop = false;
            boolean propname = false;
            int depth = 0;
            boolean inProp = false;
            while (r.hasNext()) {
                int event = r.next();
                switch (event) {
                    case XMLStreamConstants.DTD -> throw new MalformedException("DTDs are not accepted");
                    case XMLStreamConstants.ENTITY_REFERENCE -> throw new MalformedException("entity reference");
                    case XMLStreamConstants.START_ELEMENT -> {
                        depth++;
                        QName q = r.getName();
                        if (depth == 1) {
                            if (!isDav(q, "propfind")) {
                                throw new MalformedException("root element is not DAV:propfind");
                            }
                        } else if (depth == 2) {
                            if (isDav(q, "allprop")) {
                                allprop = true;
                            } else if (isDav(q, "propname")) {
                                propname = true;
                            } else if (isDav(q, "prop")) {
                                inProp = true;
                                if (props == null) {
                                    props = new ArrayList<>();
                                }
                            }
                            // DAV:include and unknown extensions are ignored (RFC 4918 §17)
                        } else if (depth == 3 && inProp) {
                            props.add(new QName(q.getNamespaceURI() == null ? "" : q.getNamespaceURI(),
                                    q.getLocalPart()));
                        }
                    }
                    case XMLStreamConstants.END_ELEMENT -> {
                        if (depth == 2) {
                            inProp = false;
                        }
                        depth--;
                    }
                    default -> {
                    }
                }
            }
            int kinds = (allprop ? 1 : 0) + (propname ? 1 : 0) + (props != null ? 1 : 0);
            if (kinds > 1) {
                throw new MalformedException("propfind has more than one of allprop, propname, prop");
            }
            if (propname) {
                return new PropName();
            }
            if (props != null) {
                return new Props(List.copyOf(props));
            }
            return new AllProp();
        } catch (XMLStreamException | RuntimeException e) {
            throw new MalformedException("malformed XML: " + e.getMessage());
        } finally {
            if (r != null) {
                try {
                    r.close();
                } catch (XMLStreamException ignored) {
                    // nothing to release
                }
            }
        }
    }

    /** Checks that a body (of LOCK, say) is well-formed XML without a DTD; its content is not used. */
    static void checkWellFormed(byte[] body) throws MalformedException {
        if (body.length == 0 || isBlank(body)) {
            return;
        }
        try {
            XMLStreamReader r = SecureXml.FACTORY.createXMLStreamReader(new ByteArrayInputStream(body));
            try {
                while (r.hasNext()) {
                    int event = r.next();
                    if (event == XMLStreamConstants.DTD || event == XMLStreamConstants.ENTITY_REFERENCE) {
                        throw new MalformedException("DTDs are not accepted");
                    }
                }
            } finally {
                r.close();
            }
        } catch (XMLStreamException | RuntimeException e) {
            throw new MalformedException("malformed XML: " + e.getMessage());
        }
    }

    private static boolean isDav(QName q, String local) {
        return DAV.equals(q.getNamespaceURI()) && local.equals(q.getLocalPart());
    }

    private static boolean isBlank(byte[] body) {
        for (byte b : body) {
            if (b != ' ' && b != '\n' && b != '\r' && b != '\t') {
                return false;
            }
        }
        return true;
    }

    /** The one hardened StAX factory every request body goes through. */
    final class SecureXml {
        static final XMLInputFactory FACTORY;

        static {
            XMLInputFactory f = XMLInputFactory.newFactory();
            f.setProperty(XMLInputFactory.SUPPORT_DTD, false);
            f.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
            f.setProperty(XMLInputFactory.IS_REPLACING_ENTITY_REFERENCES, false);
            f.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, true);
            try {
                f.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
                f.setProperty(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
            } catch (IllegalArgumentException ignored) {
                // not every StAX implementation knows these; SUPPORT_DTD=false already covers them
            }
            FACTORY = f;
        }

        private SecureXml() {
        }
    }
}
