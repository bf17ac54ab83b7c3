package org.recsys4j.core.nd4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.autodiff.samediff.api.OutAndGrad;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Issue 7, defect 15: every run printed "Added differentiated op ..." lines (12 per trainer built)
 * from {@code System.out.println} inside SameDiff's {@code createGradFunction}. {@link Nd4jConsole}
 * drops them for the calling thread only and restores {@code System.out} exactly.
 */
class Defect15Nd4jConsoleTest {
  private static final String NOISE = "Added differentiated op ";

  private PrintStream saved;
  private ByteArrayOutputStream bytes;
  private PrintStream capture;

  @BeforeEach
  void captureStdout() {
    saved = System.out;
    bytes = new ByteArrayOutputStream();
    capture = new PrintStream(bytes, true, StandardCharsets.UTF_8);
    System.setOut(capture);
  }

  @AfterEach
  void restoreStdout() {
    System.setOut(saved);
  }

  private List<String> lines() {
    capture.flush();
    String s = bytes.toString(StandardCharsets.UTF_8);
    return s.isEmpty() ? List.of() : Arrays.asList(s.split("\n"));
  }

  @Test
  void callingThreadsNoiseIsDroppedItsOtherLinesPass() {
    int result =
        Nd4jConsole.quietly(
            () -> {
              System.out.println(NOISE + "add");
              System.out.println("kept before");
              System.out.println((Object) (NOISE + "multiply"));
              System.out.print(NOISE + "partial line, not a println(String)\n");
              System.out.println("kept after");
              return 42;
            });
    assertEquals(42, result);
    assertEquals(
        List.of("kept before", NOISE + "partial line, not a println(String)", "kept after"),
        lines());
    assertSame(capture, System.out);
  }

  @Test
  void anotherThreadsLinesPrintedMeanwhilePassUntouched() throws Exception {
    AtomicReference<Throwable> failure = new AtomicReference<>();
    Nd4jConsole.runQuietly(
        () -> {
          System.out.println(NOISE + "mine");
          Thread other =
              new Thread(
                  () -> {
                    System.out.println(NOISE + "theirs");
                    System.out.println("their line");
                  });
          other.setUncaughtExceptionHandler((t, e) -> failure.set(e));
          other.start();
          try {
            other.join(10_000);
          } catch (InterruptedException e) {
            throw new IllegalStateException(e);
          }
          System.out.println("my line");
        });
    assertEquals(null, failure.get());
    assertEquals(List.of(NOISE + "theirs", "their line", "my line"), lines());
    assertSame(capture, System.out);
  }

  @Test
  void outsideQuietlyNothingIsFiltered() {
    Nd4jConsole.runQuietly(() -> System.out.println("inside"));
    System.out.println(NOISE + "outside");
    assertEquals(List.of("inside", NOISE + "outside"), lines());
  }

  @Test
  void anExceptionInsidePropagatesAndStillRestoresSystemOut() {
    IllegalStateException thrown = new IllegalStateException("boom");
    IllegalStateException e =
        assertThrows(
            IllegalStateException.class,
            () ->
                Nd4jConsole.runQuietly(
                    () -> {
                      System.out.println(NOISE + "before the throw");
                      throw thrown;
                    }));
    assertSame(thrown, e);
    assertSame(capture, System.out);
    assertEquals(List.of(), lines());
  }

  @Test
  void overlappingAndNestedCallsRestoreOnlyWhenTheLastLeaves() throws Exception {
    CountDownLatch otherInside = new CountDownLatch(1);
    CountDownLatch mainLeft = new CountDownLatch(1);
    AtomicReference<Throwable> failure = new AtomicReference<>();
    Thread other =
        new Thread(
            () ->
                Nd4jConsole.runQuietly(
                    () -> {
                      otherInside.countDown();
                      try {
                        assertTrue(mainLeft.await(10, TimeUnit.SECONDS));
                      } catch (InterruptedException e) {
                        throw new IllegalStateException(e);
                      }
                      // main has left: the filter must still be in place for this thread
                      System.out.println(NOISE + "other, after main left");
                      System.out.println("other line");
                    }));
    other.setUncaughtExceptionHandler((t, e) -> failure.set(e));
    other.start();
    Nd4jConsole.runQuietly(
        () -> {
          try {
            assertTrue(otherInside.await(10, TimeUnit.SECONDS));
          } catch (InterruptedException e) {
            throw new IllegalStateException(e);
          }
          Nd4jConsole.runQuietly(() -> System.out.println(NOISE + "nested"));
          System.out.println(NOISE + "main, after the nested call");
        });
    // the other thread is still inside: System.out is the filter, not yet restored
    assertTrue(System.out != capture, "restored while another thread was still quiet");
    mainLeft.countDown();
    other.join(10_000);
    assertEquals(null, failure.get());
    assertSame(capture, System.out);
    assertEquals(List.of("other line"), lines());
  }

  /** A tiny logistic-regression graph with a loss, ready for gradients. */
  private static SameDiff smallGraph() {
    SameDiff sd = SameDiff.create();
    SDVariable x = sd.placeHolder("x", DataType.FLOAT, -1, 3);
    SDVariable y = sd.placeHolder("y", DataType.FLOAT, -1, 1);
    SDVariable w = sd.var("w", Nd4j.rand(DataType.FLOAT, 3, 1));
    SDVariable b = sd.var("b", Nd4j.zeros(DataType.FLOAT, 1));
    SDVariable logits = x.mmul(w).add(b);
    SDVariable loss = sd.loss.sigmoidCrossEntropy("loss", y, logits, null);
    sd.setLossVariables(loss);
    return sd;
  }

  private long noiseLines() {
    return lines().stream().filter(l -> l.startsWith(NOISE)).count();
  }

  @Test
  void buildingARealGradientFunctionPrintsNoNoise() {
    // control: SameDiff really prints the noise without the filter (so this test can fail)
    smallGraph().createGradFunction();
    long unfiltered = noiseLines();
    assertTrue(unfiltered >= 3, "expected SameDiff's noise without the filter, saw " + lines());

    // the pattern for a trainer: build the gradient function once, quietly, right after the loss
    // is set; later gradient calls reuse it and print nothing, so they need no wrapping
    bytes.reset();
    SameDiff sd = smallGraph();
    Nd4jConsole.runQuietly(sd::createGradFunction);
    Map<String, INDArray> batch =
        Map.of("x", Nd4j.rand(DataType.FLOAT, 4, 3), "y", Nd4j.ones(DataType.FLOAT, 4, 1));
    Map<String, INDArray> grads = sd.calculateGradients(batch, "w", "b");
    OutAndGrad og = sd.calculateGradientsAndOutputs(batch, List.of("loss"), List.of("w", "b"));
    assertEquals(0, noiseLines(), "lines: " + lines());
    assertEquals(List.of(3L, 1L), List.of(grads.get("w").length(), grads.get("b").length()));
    assertEquals(grads.get("w"), og.getGradients().get("w"));
    assertSame(capture, System.out);
  }

  @Test
  void wrappingTheFirstGradientCallAlsoWorks() {
    SameDiff sd = smallGraph();
    Map<String, INDArray> batch =
        Map.of("x", Nd4j.rand(DataType.FLOAT, 4, 3), "y", Nd4j.ones(DataType.FLOAT, 4, 1));
    OutAndGrad og =
        Nd4jConsole.quietly(
            () -> sd.calculateGradientsAndOutputs(batch, List.of("loss"), List.of("w", "b")));
    assertEquals(0, noiseLines(), "lines: " + lines());
    assertEquals(3L, og.getGradients().get("w").length());
    assertSame(capture, System.out);
  }
}
