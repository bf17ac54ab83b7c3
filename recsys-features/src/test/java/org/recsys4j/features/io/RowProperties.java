package org.recsys4j.features.io;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.PropertyDefaults;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

@PropertyDefaults(tries = 300)
class RowProperties {

  @Provide
  Arbitrary<List<String>> rawFields() {
    // no delimiter, quote or line end: what Criteo/Avazu-like files contain
    return Arbitraries.strings()
        .withChars("ab1 .-|:\u00e9")
        .ofMaxLength(6)
        .list()
        .ofMinSize(1)
        .ofMaxSize(8);
  }

  @Provide
  Arbitrary<List<String>> anyFields() {
    return Arbitraries.strings()
        .withChars("a,\"; \t\u00e9")
        .ofMaxLength(6)
        .list()
        .ofMinSize(1)
        .ofMaxSize(8);
  }

  private static List<String> parse(String line, DelimitedFormat f) throws IOException {
    try (DelimitedReader r =
        DelimitedReader.of(new StringReader(line + "\n"), "p", f, ErrorPolicy.FAIL_FAST)) {
      List<String> out = new ArrayList<>();
      if (line.isEmpty()) {
        return List.of("");
      }
      r.next();
      out.addAll(r.row().toList());
      return out;
    }
  }

  @Property
  void unquotedJoinThenSplitIsIdentity(
      @ForAll("rawFields") List<String> fields, @ForAll @IntRange(min = 0, max = 2) int d)
      throws IOException {
    String delim = List.of(",", "\t", "::").get(d);
    // "::" must not be formed by adjacent ':' characters of neighbouring fields
    String joined = String.join(delim, fields);
    DelimitedFormat f = DelimitedFormat.builder().delimiter(delim).build();
    net.jqwik.api.Assume.that(
        !delim.equals("::") || fields.stream().noneMatch(s -> s.contains(":")));
    assertEquals(fields, parse(joined, f));
  }

  @Property
  void rfc4180QuotedFieldsRoundTrip(@ForAll("anyFields") List<String> fields) throws IOException {
    String line =
        fields.stream()
            .map(s -> "\"" + s.replace("\"", "\"\"") + "\"")
            .collect(Collectors.joining(","));
    assertEquals(fields, parse(line, DelimitedFormat.csv()));
  }

  @Property
  void reportCountsAddUp(@ForAll @Size(max = 20) List<@IntRange(min = 0, max = 3) Integer> kinds)
      throws IOException {
    // kind 0: good row, 1: short row, 2: blank line, 3: unterminated quote
    StringBuilder text = new StringBuilder("h1,h2\n");
    long good = 0;
    for (int k : kinds) {
      text.append(
              switch (k) {
                case 0 -> "1,2";
                case 1 -> "1";
                case 2 -> "";
                default -> "\"1,2";
              })
          .append('\n');
      good += k == 0 ? 1 : 0;
    }
    DelimitedFormat f = DelimitedFormat.csv().toBuilder().header(true).build();
    try (DelimitedReader r =
        DelimitedReader.of(new StringReader(text.toString()), "p", f, ErrorPolicy.SKIP_AND_COUNT)) {
      long n = 0;
      while (r.next()) {
        n++;
      }
      ReadReport rep = r.report();
      assertEquals(good, n);
      assertEquals(kinds.size() + 1, rep.linesRead());
      assertEquals(
          kinds.stream().filter(k -> k == 1).count(), rep.skipped(MalformedReason.COLUMN_COUNT));
      assertEquals(
          kinds.stream().filter(k -> k == 3).count(),
          rep.skipped(MalformedReason.UNTERMINATED_QUOTE));
    }
  }
}
