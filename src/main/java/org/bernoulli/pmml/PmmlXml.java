package org.bernoulli.pmml;

import org.w3c.dom.Document;
import org.w3c.dom.Element;

import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.transform.OutputKeys;
import javax.xml.transform.TransformerException;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;
import java.io.ByteArrayOutputStream;

/** A PMML 4.4 document being built in memory, and its elements: written out whole, or not at all. */
final class PmmlXml {
    /** The namespace of PMML 4.4. */
    static final String NAMESPACE = "http://www.dmg.org/PMML-4_4";

    private final Document document;

    PmmlXml() {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(true);
            document = factory.newDocumentBuilder().newDocument();
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException("this Java has no XML document builder", e);
        }
    }

    /** An element of PMML's namespace with attributes given as name, value, name, value, …; a null value is left out. */
    Element element(String name, String... attributes) {
        Element e = document.createElementNS(NAMESPACE, name);
        for (int a = 0; a < attributes.length; a += 2) {
            if (attributes[a + 1] != null) {
                e.setAttribute(attributes[a], attributes[a + 1]);
            }
        }
        return e;
    }

    /** {@link #element} appended to {@code parent}. */
    Element child(Element parent, String name, String... attributes) {
        Element e = element(name, attributes);
        parent.appendChild(e);
        return e;
    }

    /** A reference to a field, of the data or derived. */
    Element fieldRef(String field) {
        return element("FieldRef", "field", field);
    }

    /** A double constant, written to parse back to the same bits. */
    Element constant(double value) {
        Element c = element("Constant", "dataType", "double");
        c.setTextContent(number(value));
        return c;
    }

    /** A built-in function applied to the arguments, in order. */
    Element apply(String function, Element... arguments) {
        Element a = element("Apply", "function", function);
        for (Element argument : arguments) {
            a.appendChild(argument);
        }
        return a;
    }

    /** A derived field of a double computed by {@code expression}. */
    Element derivedField(String name, Element expression) {
        Element field = element("DerivedField", "name", name, "optype", "continuous", "dataType", "double");
        field.appendChild(expression);
        return field;
    }

    /** A double as PMML reads it back to the same bits: Java's round-trip decimal. */
    static String number(double value) {
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException("PMML numbers are finite; got " + value);
        }
        return Double.toString(value);
    }

    /** The document with {@code root} as its root, as indented UTF-8. */
    byte[] bytes(Element root) {
        document.appendChild(root);
        try {
            var transformer = TransformerFactory.newInstance().newTransformer();
            transformer.setOutputProperty(OutputKeys.INDENT, "yes");
            transformer.setOutputProperty(OutputKeys.ENCODING, "UTF-8");
            transformer.setOutputProperty(OutputKeys.STANDALONE, "yes");
            transformer.setOutputProperty("{http://xml.apache.org/xslt}indent-amount", "2");
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            transformer.transform(new DOMSource(document), new StreamResult(out));
            return out.toByteArray();
        } catch (TransformerException e) {
            throw new IllegalStateException("the PMML document could not be serialized", e);
        }
    }
}
