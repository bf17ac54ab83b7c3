package org.recsys4j.examples.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.recsys4j.core.spec.CategoricalSpec;
import org.recsys4j.core.spec.FeatureSchema;
import org.recsys4j.core.spec.NumericSpec;

/**
 * ZooBenchmark on small synthetic canonical CSVs written to a temporary folder (never the real data
 * under ../shared): both folder layouts, a missing data set, the printed figures.
 */
class ZooBenchmarkTest {

  /**
   * Writes {@code rows} canonical rows in which {@code c_C1=x} clicks with probability 0.7 and
   * {@code y} with 0.2; {@code c_C2} and {@code n_I1} are noise, {@code n_I1} is missing in one row
   * of ten.
   */
  private static void write(Path file, int rows, boolean users, long seed) throws IOException {
    SplittableRandom rnd = new SplittableRandom(seed);
    StringBuilder sb =
        new StringBuilder(
            users ? "label,ts,user_id,c_C1,c_C2,n_I1,s_item\n" : "label,c_C1,c_C2,n_I1\n");
    for (int i = 0; i < rows; i++) {
      boolean x = rnd.nextBoolean();
      int label = rnd.nextDouble() < (x ? 0.7 : 0.2) ? 1 : 0;
      String num = rnd.nextInt(10) == 0 ? "" : Integer.toString(rnd.nextInt(100));
      String noise = "v" + rnd.nextInt(5);
      sb.append(label).append(',');
      if (users) {
        sb.append(1000 + i).append(',').append(rnd.nextInt(20)).append(',');
      }
      sb.append(x ? "x" : "y").append(',').append(noise).append(',').append(num);
      sb.append(users ? ",1|2|3\n" : "\n");
    }
    Files.createDirectories(file.getParent());
    Files.writeString(file, sb.toString(), StandardCharsets.UTF_8);
  }

  private static Map<String, Double> run(String... args) {
    PrintStream old = System.out;
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    System.setOut(new PrintStream(buf, true, StandardCharsets.UTF_8));
    try {
      ZooBenchmark.main(args);
    } catch (IOException e) {
      throw new AssertionError(e);
    } finally {
      System.setOut(old);
    }
    String out = buf.toString(StandardCharsets.UTF_8);
    old.print(out);
    Map<String, Double> figures = new LinkedHashMap<>();
    for (String line : out.split("\n")) {
      if (line.matches("[a-z0-9_-]+=[-0-9.eE]+")) {
        String[] kv = line.split("=");
        figures.put(kv[0], Double.parseDouble(kv[1]));
      }
    }
    figures.put("skipped_messages", (double) out.split("skipped, no canonical", -1).length - 1);
    return figures;
  }

  @Test
  void readsBothLayoutsSkipsAMissingSetAndLearnsThePlantedSignal(@TempDir Path data)
      throws IOException {
    write(data.resolve("ml-100k/canonical/train.csv"), 700, true, 1);
    write(data.resolve("ml-100k/canonical/test.csv"), 300, true, 2);
    write(data.resolve("criteo-10k/train.csv"), 700, false, 3);
    write(data.resolve("criteo-10k/test.csv"), 300, false, 4);
    Map<String, Double> f = run("--data", data.toString(), "--models", "lr");
    assertEquals(1.0, f.get("skipped_messages"), "avazu-9k is absent: " + f);
    for (String k : new String[] {"ml-100k_lr_auc", "ml-100k_lr_gauc", "criteo-10k_lr_auc"}) {
      assertTrue(f.containsKey(k), "missing " + k + " in " + f);
    }
    assertFalse(f.containsKey("criteo-10k_lr_gauc"), "no users, no GAUC: " + f);
    // the planted effect alone gives AUC 0.75 (0.7 vs 0.2 click rates on a balanced split)
    assertTrue(f.get("ml-100k_lr_auc") > 0.65, "ml-100k_lr_auc=" + f.get("ml-100k_lr_auc"));
    assertTrue(
        f.get("criteo-10k_lr_auc") > 0.65, "criteo-10k_lr_auc=" + f.get("criteo-10k_lr_auc"));
  }

  @Test
  void theMissingMessageSaysHowToCreateTheFiles(@TempDir Path data) {
    String m = ZooBenchmark.missingMessage(data, "criteo-10k");
    assertTrue(m.contains("CANONICAL_OUT=" + data.resolve("criteo-10k").resolve("canonical")), m);
    assertTrue(m.contains("python3 ../shared/data/criteo-10k/convert.py"), m);
  }

  @Test
  void featuresAreFittedOnTheGivenRowsOnly(@TempDir Path data) throws IOException {
    Path file = data.resolve("t.csv");
    Files.writeString(file, "label,user_id,c_a,n_b,s_c\n1,7,p,1,\n0,7,p,,x\n1,8,q,3,\n0,9,r,5,\n");
    CanonicalTable t = CanonicalTable.read(file);
    assertEquals(4, t.size());
    assertEquals(
        java.util.List.of("user_id", "c_a", "n_b", "s_c"), t.columns(), "s_ columns kept raw");
    assertEquals(8L, t.users()[2]);
    FeatureSchema s = CanonicalFeatures.fit(t, 2, 4, 1, 4);
    CategoricalSpec a = (CategoricalSpec) s.feature("c_a").orElseThrow();
    assertEquals(java.util.List.of("p"), a.vocabulary(), "rows 2 and 3 are not fitted on");
    NumericSpec b = (NumericSpec) s.feature("n_b").orElseThrow();
    assertEquals(java.util.List.of(1.0), b.boundaries(), "one finite value, one boundary");
    assertEquals(
        java.util.List.of("7"),
        ((CategoricalSpec) s.feature("user_id").orElseThrow()).vocabulary());
    assertTrue(s.feature("s_c").isEmpty(), "sequences are not zoo features");
  }
}
