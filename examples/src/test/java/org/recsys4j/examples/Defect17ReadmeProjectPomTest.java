package org.recsys4j.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.xpath.XPath;
import javax.xml.xpath.XPathFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;

/**
 * Issue 7, defect 17: the README gives a user's project a complete {@code pom.xml}: well-formed,
 * compiling for Java 17 with a pinned compiler plugin, and bringing the ND4J backend the library
 * jars leave out.
 */
class Defect17ReadmeProjectPomTest {
  @Test
  void theReadmeHoldsAWellFormedProjectPomWithRelease17AndTheBackend() throws Exception {
    String readme = Files.readString(Path.of("..", "README.md"));
    int section = readme.indexOf("## Use it in your project");
    assertTrue(section >= 0, "the README has a section 'Use it in your project'");
    Matcher m = Pattern.compile("```xml\\n(.*?)\\n```", Pattern.DOTALL).matcher(readme);
    assertTrue(m.find(section), "the section holds an xml block");
    DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
    Document pom =
        f.newDocumentBuilder()
            .parse(new ByteArrayInputStream(m.group(1).getBytes(StandardCharsets.UTF_8)));
    XPath x = XPathFactory.newInstance().newXPath();
    assertEquals(
        "17",
        x.evaluate("//plugin[artifactId='maven-compiler-plugin']" + "/configuration/release", pom));
    assertTrue(
        !x.evaluate("//plugin[artifactId='maven-compiler-plugin']/version", pom).isEmpty(),
        "the compiler plugin's version is pinned (Maven's default targets Java 5)");
    assertEquals(
        "org.nd4j", x.evaluate("//dependency[artifactId='nd4j-native-platform']/groupId", pom));
    for (String module : new String[] {"recsys-models", "recsys-features", "recsys-eval"}) {
      assertEquals(
          "org.recsys4j",
          x.evaluate("//dependency[artifactId='" + module + "']/groupId", pom),
          module);
    }
    assertTrue(
        readme.contains("--add-opens=java.base/java.nio=ALL-UNNAMED"),
        "the README names the JVM flag Arrow needs");
  }
}
