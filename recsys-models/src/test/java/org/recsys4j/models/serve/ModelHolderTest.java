package org.recsys4j.models.serve;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.recsys4j.models.export.ModelPackage;
import org.recsys4j.models.export.PackageException;
import org.recsys4j.models.params.ModelSnapshot;
import org.recsys4j.models.params.Tensor;
import org.recsys4j.models.spec.ModelSpec;
import org.recsys4j.models.train.Trainer;
import org.recsys4j.models.train.TrainerConfig;

/** Hot swap: atomic under load, and a failed load leaves the old version serving. */
class ModelHolderTest {
  @TempDir Path dir;

  /** {@code s} with every dense parameter scaled by {@code k}: another version of one model. */
  private static ModelSnapshot scaled(ModelSnapshot s, float k) {
    Map<String, Tensor> dense = new LinkedHashMap<>();
    for (Map.Entry<String, Tensor> e : s.dense().entrySet()) {
      float[] v = e.getValue().values().clone();
      for (int i = 0; i < v.length; i++) {
        v[i] *= k;
      }
      dense.put(e.getKey(), Tensor.of(v, e.getValue().shape()));
    }
    return new ModelSnapshot(s.spec(), s.step(), dense, s.tables());
  }

  @Test
  void eightThreadsScoringThroughRepeatedSwapsFailNoRequestAndEachResponseIsOneVersions()
      throws Exception {
    for (String model : List.of("fm", "deepfm")) {
      ModelSnapshot base = ServeFixtures.trained(model).snapshot();
      ScoringRequest request = ServeFixtures.request(base.spec(), 20, new SplittableRandom(9));
      List<ScoringModel> versions = new ArrayList<>();
      Map<String, float[]> expected = new LinkedHashMap<>();
      for (int v = 0; v < 4; v++) {
        ScoringModel m = ScoringModel.of(scaled(base, 1f + v), ServeFixtures.SPLIT, "v" + v);
        versions.add(m);
        expected.put(m.version(), m.score(request).head("ctr"));
      }
      for (int v = 1; v < 4; v++) {
        assertFalse(
            java.util.Arrays.equals(expected.get("v0"), expected.get("v" + v)),
            "versions must score differently for the test to tell them apart");
      }
      ModelHolder holder = new ModelHolder(versions.get(0));
      AtomicBoolean stop = new AtomicBoolean();
      AtomicReference<Throwable> failure = new AtomicReference<>();
      AtomicInteger responses = new AtomicInteger();
      Map<String, AtomicInteger> byVersion = new ConcurrentHashMap<>();
      CountDownLatch started = new CountDownLatch(8);
      List<Thread> threads = new ArrayList<>();
      for (int t = 0; t < 8; t++) {
        Thread th =
            new Thread(
                () -> {
                  started.countDown();
                  try {
                    while (!stop.get()) {
                      Scores s = holder.score(request);
                      float[] want = expected.get(s.version());
                      assertNotNull(want, s.version());
                      assertArrayEquals(want, s.head("ctr"), s.version());
                      byVersion
                          .computeIfAbsent(s.version(), k -> new AtomicInteger())
                          .incrementAndGet();
                      responses.incrementAndGet();
                    }
                  } catch (Throwable e) {
                    failure.compareAndSet(null, e);
                  }
                });
        th.start();
        threads.add(th);
      }
      started.await();
      for (int k = 1; k <= 40; k++) {
        holder.swap(versions.get(k % 4));
        Thread.sleep(2);
      }
      stop.set(true);
      for (Thread th : threads) {
        th.join();
      }
      if (failure.get() != null) {
        throw new AssertionError(model + ": a request failed during swaps", failure.get());
      }
      assertTrue(responses.get() >= 8, model + ": " + responses.get() + " responses");
      assertTrue(byVersion.size() >= 2, model + ": versions seen " + byVersion.keySet());
    }
  }

  @Test
  void aFailedLoadLeavesTheOldVersionServing() throws IOException {
    ModelSnapshot base = ServeFixtures.trained("fm").snapshot();
    ScoringModel v1 = ScoringModel.of(base, ServeFixtures.SPLIT, "v1");
    ModelHolder holder = new ModelHolder(v1);
    ScoringRequest request = ServeFixtures.request(base.spec(), 5, new SplittableRandom(2));
    float[] before = holder.score(request).head("ctr");

    // a truncated snapshot file
    Path file = dir.resolve("v2.snapshot");
    base.write(file);
    byte[] bytes = Files.readAllBytes(file);
    Files.write(file, java.util.Arrays.copyOf(bytes, bytes.length - 10));
    IOException truncated = assertThrows(IOException.class, () -> holder.load(file));
    assertTrue(truncated.getMessage().contains("truncated"), truncated.getMessage());
    assertSame(v1, holder.current());

    // a corrupt one (a flipped byte in the data)
    bytes[bytes.length - 100] ^= 0x5a;
    Files.write(file, bytes);
    IOException corrupt = assertThrows(IOException.class, () -> holder.load(file));
    assertTrue(corrupt.getMessage().contains("corrupt"), corrupt.getMessage());
    assertSame(v1, holder.current());

    // a package whose snapshot no longer matches its checksum
    Path models = dir.resolve("fm");
    Path v3 = ServeFixtures.writePackage(models, 3, base, ServeFixtures.schema());
    Path snap = v3.resolve(ModelPackage.SNAPSHOT);
    byte[] p = Files.readAllBytes(snap);
    p[p.length - 1] ^= 1;
    Files.write(snap, p);
    PackageException checksum = assertThrows(PackageException.class, () -> holder.load(v3));
    assertEquals(PackageException.Reason.CHECKSUM_MISMATCH, checksum.reason());
    assertSame(v1, holder.current());

    // another model's schema (another user id range)
    ModelSpec other = ServeFixtures.spec("fm", ServeFixtures.schema(25));
    ModelSnapshot foreign;
    try (Trainer t = new Trainer(other, TrainerConfig.defaults().withBatchSize(4))) {
      foreign = t.snapshot();
    }
    Path v4 = ServeFixtures.writePackage(models, 4, foreign, ServeFixtures.schema(25));
    IllegalArgumentException schema =
        assertThrows(IllegalArgumentException.class, () -> holder.load(v4));
    assertTrue(
        schema.getMessage().contains("must accept the requests of the serving"),
        schema.getMessage());
    assertSame(v1, holder.current());
    assertArrayEquals(before, holder.score(request).head("ctr"));
    assertEquals("v1", holder.score(request).version());

    // a good version then swaps in
    Path v5 = ServeFixtures.writePackage(models, 5, scaled(base, 2f), ServeFixtures.schema());
    ScoringModel loaded = holder.load(v5);
    assertSame(loaded, holder.current());
    assertEquals("5", holder.score(request).version());
    assertFalse(java.util.Arrays.equals(before, holder.score(request).head("ctr")));
  }
}
