package io.github.mnistkit.maven;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotNull;

import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * What IDEs and parallel builds read from the plugin jar: the m2e mapping and the thread-safety
 * flags.
 */
public class EcosystemConventionsTest {
  @Test
  public void eclipseIgnoresTrainingGoalsInIncrementalBuilds() throws Exception {
    Document mapping = xml("/META-INF/m2e/lifecycle-mapping-metadata.xml");
    Set<String> ignored = new TreeSet<>();
    NodeList executions = mapping.getElementsByTagName("pluginExecution");
    for (int i = 0; i < executions.getLength(); i++) {
      Element execution = (Element) executions.item(i);
      assertEquals(1, execution.getElementsByTagName("ignore").getLength());
      NodeList goals = execution.getElementsByTagName("goal");
      for (int g = 0; g < goals.getLength(); g++) {
        ignored.add(goals.item(g).getTextContent().trim());
      }
    }
    assertEquals(Set.of("finetune", "train"), ignored);
    // every goal the mapping names exists in the plugin
    Set<String> goals = threadSafety().keySet();
    for (String goal : ignored) {
      assertEquals(goal + " is a goal of the plugin", true, goals.contains(goal));
    }
  }

  @Test
  public void trainingGoalsAreNotThreadSafeAndTheOthersAre() throws Exception {
    Map<String, Boolean> threadSafe = threadSafety();
    assertEquals(Boolean.FALSE, threadSafe.get("train"));
    assertEquals(Boolean.FALSE, threadSafe.get("finetune"));
    assertEquals(Boolean.TRUE, threadSafe.get("evaluate"));
    assertEquals(Boolean.TRUE, threadSafe.get("recognize"));
  }

  /** Goal → threadSafe, from the descriptor maven-plugin-plugin generated into target/classes. */
  private static Map<String, Boolean> threadSafety() throws Exception {
    Document descriptor = xml("/META-INF/maven/plugin.xml");
    Map<String, Boolean> goals = new LinkedHashMap<>();
    NodeList mojos = descriptor.getElementsByTagName("mojo");
    for (int i = 0; i < mojos.getLength(); i++) {
      Element mojo = (Element) mojos.item(i);
      goals.put(child(mojo, "goal"), Boolean.parseBoolean(child(mojo, "threadSafe")));
    }
    return goals;
  }

  private static String child(Element parent, String name) {
    NodeList nodes = parent.getElementsByTagName(name);
    return nodes.getLength() == 0 ? "" : nodes.item(0).getTextContent().trim();
  }

  private static Document xml(String resource) throws Exception {
    try (InputStream in = EcosystemConventionsTest.class.getResourceAsStream(resource)) {
      assertNotNull(resource + " is on the plugin's classpath", in);
      return DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(in);
    }
  }
}
