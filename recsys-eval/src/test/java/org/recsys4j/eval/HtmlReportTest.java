package org.recsys4j.eval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HtmlReportTest {
  private static final Pattern METRIC =
      Pattern.compile("<td class=\"metric\" data-name=\"([a-z0-9_]+)\">([^<]*)</td>");
  private static final Pattern TRAINING =
      Pattern.compile(
          "<td class=\"training\" data-epoch=\"(\\d+)\" data-name=\"([a-z_]+)\">([^<]*)</td>");
  private static final Pattern PNG =
      Pattern.compile("src=\"data:image/png;base64,([A-Za-z0-9+/=]+)\"");

  @TempDir Path dir;

  private static double[] p;
  private static int[] y;
  private static long[] users;

  static {
    SplittableRandom rnd = new SplittableRandom(21);
    int n = 20_000;
    p = new double[n];
    y = new int[n];
    users = new long[n];
    for (int i = 0; i < n; i++) {
      users[i] = rnd.nextInt(500);
      y[i] = rnd.nextDouble() < 0.2 ? 1 : 0;
      p[i] = 1 / (1 + Math.exp(-(rnd.nextGaussian() + 1.2 * y[i] - 1.5)));
    }
  }

  private static HtmlReport report() {
    return HtmlReport.builder()
        .title("CTR <model> & \"friends\"")
        .predictions(p, y)
        .groups(users)
        .metric("ndcg_at_10", 0.7412)
        .trainingCurves(new double[] {0.52, 0.47, 0.45}, new double[] {0.70, 0.73, 0.74})
        .build();
  }

  private static Map<String, String> metrics(String html) {
    Map<String, String> out = new LinkedHashMap<>();
    Matcher m = METRIC.matcher(html);
    while (m.find()) {
      out.put(m.group(1), m.group(2));
    }
    return out;
  }

  @Test
  void metricCellsAreMachineCheckableAndEqualTheMetrics() {
    String html = report().toHtml();
    Map<String, String> m = metrics(html);
    assertEquals(
        List.of(
            "rows", "positives", "auc", "pr_auc", "logloss", "copc", "ece", "gauc", "ndcg_at_10"),
        new ArrayList<>(m.keySet()));
    assertEquals("20000", m.get("rows"));
    assertEquals(Integer.toString(java.util.Arrays.stream(y).sum()), m.get("positives"));
    assertEquals(Auc.exact(p, y), Double.parseDouble(m.get("auc")), 5e-7);
    assertEquals(AveragePrecision.compute(p, y), Double.parseDouble(m.get("pr_auc")), 5e-7);
    assertEquals(LogLoss.compute(p, y), Double.parseDouble(m.get("logloss")), 5e-7);
    assertEquals(Calibration.copc(p, y), Double.parseDouble(m.get("copc")), 5e-7);
    assertEquals(
        GroupAuc.compute(p, y, users, GroupAuc.Weighting.IMPRESSIONS).value(),
        Double.parseDouble(m.get("gauc")),
        5e-7);
    assertEquals("0.741200", m.get("ndcg_at_10"));
    assertTrue(html.contains("<td class=\"metric\" data-name=\"ndcg_at_10\">0.741200</td>"));
  }

  @Test
  void trainingCellsPerEpoch() {
    String html = report().toHtml();
    Matcher m = TRAINING.matcher(html);
    List<String> cells = new ArrayList<>();
    while (m.find()) {
      cells.add(m.group(1) + ":" + m.group(2) + "=" + m.group(3));
    }
    assertEquals(
        List.of(
            "1:train_loss=0.520000",
            "1:validation_auc=0.700000",
            "2:train_loss=0.470000",
            "2:validation_auc=0.730000",
            "3:train_loss=0.450000",
            "3:validation_auc=0.740000"),
        cells);
  }

  @Test
  void trainingSeriesAddColumnsAndAreChecked() {
    String html =
        HtmlReport.builder()
            .predictions(p, y)
            .trainingSeries("train_loss", "Training loss", new double[] {0.5, 0.4})
            .trainingSeries("validation_logloss", "Validation logloss", new double[] {0.45, 0.41})
            .build()
            .toHtml();
    Matcher m = TRAINING.matcher(html);
    List<String> cells = new ArrayList<>();
    while (m.find()) {
      cells.add(m.group(1) + ":" + m.group(2) + "=" + m.group(3));
    }
    assertEquals(
        List.of(
            "1:train_loss=0.500000",
            "1:validation_logloss=0.450000",
            "2:train_loss=0.400000",
            "2:validation_logloss=0.410000"),
        cells);
    assertTrue(html.contains("<th>Validation logloss</th>"));
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                HtmlReport.builder()
                    .predictions(p, y)
                    .trainingCurves(new double[] {0.5, 0.4}, new double[] {0.7, 0.8})
                    .trainingSeries("gauc", "GAUC", new double[] {0.6})
                    .build());
    assertEquals(
        "series gauc.length=1 must equal the other training series' length 2", e.getMessage());
  }

  @Test
  void plotsAreEmbeddedDecodablePngs() throws IOException {
    String html = report().toHtml();
    Matcher m = PNG.matcher(html);
    int images = 0;
    while (m.find()) {
      byte[] png = Base64.getDecoder().decode(m.group(1));
      assertArrayEquals(
          new byte[] {(byte) 0x89, 'P', 'N', 'G'}, java.util.Arrays.copyOf(png, 4), "PNG magic");
      BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
      assertEquals(560, image.getWidth());
      assertEquals(420, image.getHeight());
      images++;
    }
    // ROC, PR, calibration, training loss, validation AUC
    assertEquals(5, images);
    assertFalse(html.contains("http://") || html.contains("https://"), "self-contained");
    assertEquals("true", System.getProperty("java.awt.headless"));
  }

  @Test
  void titleIsEscaped() {
    String html = report().toHtml();
    assertTrue(html.contains("<h1>CTR &lt;model&gt; &amp; &quot;friends&quot;</h1>"));
    assertFalse(html.contains("<model>"));
  }

  @Test
  void writeIsAtomicAndLeavesNoTemporaryFile() throws IOException {
    Path target = dir.resolve("report.html");
    Files.writeString(target, "old");
    HtmlReport r = report();
    r.write(target);
    String written = Files.readString(target, StandardCharsets.UTF_8);
    assertEquals(r.toHtml(), written);
    try (Stream<Path> files = Files.list(dir)) {
      assertEquals(List.of(target), files.toList());
    }
  }

  @Test
  void writtenFileHasTheUsualPermissionsOfANewFile() throws IOException {
    org.junit.jupiter.api.Assumptions.assumeTrue(
        dir.getFileSystem().supportedFileAttributeViews().contains("posix"));
    Path target = dir.resolve("report.html");
    report().write(target);
    Path plain = Files.createFile(dir.resolve("plain.txt"));
    assertEquals(Files.getPosixFilePermissions(plain), Files.getPosixFilePermissions(target));
  }

  @Test
  void failedWriteLeavesNothing() throws IOException {
    Path notADir = Files.writeString(dir.resolve("not-a-dir"), "x");
    Path target = notADir.resolve("report.html");
    assertThrows(IOException.class, () -> report().write(target));
    // the target is a folder: the move fails after the temporary file was written
    Path folder = Files.createDirectories(dir.resolve("folder.html"));
    Files.writeString(folder.resolve("inside"), "x");
    assertThrows(IOException.class, () -> report().write(folder));
    try (Stream<Path> files = Files.list(dir)) {
      assertEquals(List.of(folder, notADir), files.sorted().toList());
    }
  }

  @Test
  void writeCreatesMissingFolders() throws IOException {
    Path target = dir.resolve("a").resolve("b").resolve("report.html");
    HtmlReport r = report();
    r.write(target);
    assertEquals(r.toHtml(), Files.readString(target, StandardCharsets.UTF_8));
  }

  @Test
  void validationIsLoud() {
    IllegalArgumentException dup =
        assertThrows(
            IllegalArgumentException.class,
            () -> HtmlReport.builder().predictions(p, y).metric("auc", 0.5).build());
    assertEquals("metric name='auc' must be unique in the table", dup.getMessage());
    IllegalArgumentException name =
        assertThrows(
            IllegalArgumentException.class,
            () -> HtmlReport.builder().predictions(p, y).metric("Bad Name", 0.5).build());
    assertEquals("metric name='Bad Name' must match [a-z][a-z0-9_]*", name.getMessage());
    IllegalArgumentException nan =
        assertThrows(
            IllegalArgumentException.class,
            () -> HtmlReport.builder().predictions(p, y).metric("x", Double.NaN).build());
    assertEquals("metric x=NaN must be finite", nan.getMessage());
    IllegalArgumentException epochs =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                HtmlReport.builder()
                    .predictions(p, y)
                    .trainingCurves(new double[] {0.5, 0.4}, new double[] {0.7})
                    .build());
    assertEquals("validationAuc.length=1 must equal trainLoss.length=2", epochs.getMessage());
    IllegalArgumentException missing =
        assertThrows(IllegalArgumentException.class, () -> HtmlReport.builder().build());
    assertEquals("predictions=null must be set", missing.getMessage());
    IllegalArgumentException prob =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                HtmlReport.builder()
                    .predictions(new double[] {0.5, 2.0}, new int[] {0, 1})
                    .build());
    assertEquals("p[1]=2.0 must be a probability in [0, 1]", prob.getMessage());
  }

  @Test
  void withoutTrainingCurvesHasThreePlots() {
    String html = HtmlReport.builder().predictions(p, y).build().toHtml();
    Matcher m = PNG.matcher(html);
    int images = 0;
    while (m.find()) {
      images++;
    }
    assertEquals(3, images);
    assertFalse(metrics(html).containsKey("gauc"));
  }
}
