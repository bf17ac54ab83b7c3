package org.recsys4j.examples;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every Java snippet in the README and docs/ that is marked {@code <!-- snippet: FILE -->} is, line
 * for line (indentation aside), a contiguous part of that example file: CI compiles and runs the
 * examples, so the marked snippets run as written.
 */
class DocSnippetsTest {
  private static final Pattern MARKED =
      Pattern.compile("<!-- snippet: (\\S+) -->\\s*\\n```java\\n(.*?)\\n```", Pattern.DOTALL);

  @Test
  void markedSnippetsAreHeldByTheirExamples() throws IOException {
    Path root = Path.of("..").toAbsolutePath().normalize();
    List<Path> docs = new ArrayList<>();
    docs.add(root.resolve("README.md"));
    try (Stream<Path> s = Files.list(root.resolve("docs"))) {
      s.filter(p -> p.toString().endsWith(".md")).forEach(docs::add);
    }
    int checked = 0;
    for (Path doc : docs) {
      Matcher m = MARKED.matcher(Files.readString(doc));
      while (m.find()) {
        List<String> example = normalise(Files.readString(root.resolve(m.group(1))));
        List<String> snippet = normalise(m.group(2));
        assertTrue(
            java.util.Collections.indexOfSubList(example, snippet) >= 0,
            doc.getFileName()
                + ": the snippet marked for "
                + m.group(1)
                + " is not a contiguous part of that file");
        checked++;
      }
    }
    assertTrue(checked >= 2, "expected the README and docs/features.md snippets, found " + checked);
  }

  private static List<String> normalise(String text) {
    List<String> out = new ArrayList<>();
    for (String line : text.split("\n")) {
      String t = line.strip();
      if (!t.isEmpty()) {
        out.add(t);
      }
    }
    return out;
  }
}
