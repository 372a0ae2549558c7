package org.skillbroker.web;

import jakarta.servlet.Filter;
import jakarta.servlet.Servlet;
import jakarta.servlet.ServletContextListener;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import javax.xml.parsers.DocumentBuilderFactory;
import java.io.IOException;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * WEB-INF/web.xml declares the whole web app ({@code metadata-complete}: no server looks for annotations, which
 * saves a scan of every class at every deploy). So a servlet, filter or listener it does not name is not deployed:
 * this test finds every one among the broker's classes and wants it declared; it holds the filters' order; and
 * tomcat-config/skill-broker-web.xml (the same file with container security on) in step with it.
 */
class DeploymentDescriptorTest {

    private static final Path WEB_XML = Path.of("webapp/WEB-INF/web.xml");
    private static final Path SECURED_WEB_XML = Path.of("tomcat-config/skill-broker-web.xml");

    @Test
    void declaresEveryServletFilterAndListenerOfTheBroker() throws Exception {
        Document xml = parse(WEB_XML);
        assertEquals("true", xml.getDocumentElement().getAttribute("metadata-complete"));
        Set<String> declared = new TreeSet<>();
        declared.addAll(texts(xml, "servlet-class"));
        declared.addAll(texts(xml, "filter-class"));
        declared.addAll(texts(xml, "listener-class"));
        assertEquals(webComponents(), declared);
    }

    @Test
    void filtersRunInTheirOrder() throws Exception {
        Document xml = parse(WEB_XML);
        List<String> mapped = new ArrayList<>();
        NodeList mappings = xml.getElementsByTagName("filter-mapping");
        for (int i = 0; i < mappings.getLength(); i++) {
            mapped.add(((Element) mappings.item(i)).getElementsByTagName("filter-name").item(0).getTextContent());
        }
        // metrics must see every answer; the security headers go on every answer, the other filters' refusals too
        assertEquals(List.of("request-metrics", "security-headers", "cors", "read-only-assets"), mapped);
    }

    @Test
    void theSecuredDescriptorIsTheWarsWithSecurityOn() throws IOException {
        String war = Files.readString(WEB_XML);
        String secured = Files.readString(SECURED_WEB_XML);
        assertTrue(secured.contains("<security-constraint>") && !withoutComments(war).contains("<security-constraint>"));
        String securityOn = war.substring(war.indexOf("<!-- Optional container security"));
        securityOn = securityOn.substring(securityOn.indexOf("<security-constraint>"), securityOn.indexOf("-->"));
        assertEquals(normalized(withoutComments(war)).replace("</web-app>", normalized(securityOn) + "</web-app>"),
                normalized(withoutComments(secured)));
    }

    /** Every concrete servlet, filter and context listener among the compiled classes. */
    private static Set<String> webComponents() throws IOException {
        Path classes = Path.of("target/classes");
        Set<String> found = new TreeSet<>();
        try (Stream<Path> files = Files.walk(classes)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".class")).toList()) {
                String name = classes.relativize(file).toString().replace('/', '.').replaceAll("\\.class$", "");
                Class<?> type;
                try {
                    type = Class.forName(name, false, DeploymentDescriptorTest.class.getClassLoader());
                } catch (ClassNotFoundException | LinkageError e) {
                    throw new AssertionError("cannot load " + name, e);
                }
                boolean component = Servlet.class.isAssignableFrom(type) || Filter.class.isAssignableFrom(type)
                        || ServletContextListener.class.isAssignableFrom(type);
                if (component && !Modifier.isAbstract(type.getModifiers()) && !type.isInterface()) {
                    found.add(name);
                }
            }
        }
        return found;
    }

    private static Document parse(Path file) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        return factory.newDocumentBuilder().parse(file.toFile());
    }

    private static List<String> texts(Document xml, String tag) {
        List<String> texts = new ArrayList<>();
        NodeList nodes = xml.getElementsByTagName(tag);
        for (int i = 0; i < nodes.getLength(); i++) {
            texts.add(nodes.item(i).getTextContent().trim());
        }
        return texts;
    }

    private static String withoutComments(String xml) {
        return xml.replaceAll("(?s)<!--.*?-->", "");
    }

    private static String normalized(String xml) {
        return xml.replaceAll("\\s+", " ").replaceAll("> <", "><").trim();
    }
}
