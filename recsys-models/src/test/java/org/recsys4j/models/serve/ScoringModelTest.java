package org.recsys4j.models.serve;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.recsys4j.core.data.EncodedBatch;
import org.recsys4j.models.export.PackageException;
import org.recsys4j.models.spec.ModelSpec;

/** Paths chosen from the spec's shape, reading from files, and named errors for bad requests. */
class ScoringModelTest {
  @TempDir Path dir;

  private static ScoringModel model(String name) {
    return ScoringModel.of(ServeFixtures.trained(name).snapshot(), ServeFixtures.SPLIT, "v1");
  }

  private static String message(ScoringModel m, ScoringRequest r) {
    return assertThrows(IllegalArgumentException.class, () -> m.score(r)).getMessage();
  }

  /** A copy of {@code b} with input {@code key} replaced (or removed when value is null). */
  private static EncodedBatch with(EncodedBatch b, String key, Object value) {
    Map<String, int[]> ints = new LinkedHashMap<>(b.ints());
    Map<String, float[]> floats = new LinkedHashMap<>(b.floats());
    ints.remove(key);
    floats.remove(key);
    if (value instanceof int[] i) {
      ints.put(key, i);
    } else if (value instanceof float[] f) {
      floats.put(key, f);
    }
    return EncodedBatch.of(b.size(), ints, floats);
  }

  @Test
  void thePathFollowsTheSpecsShapeNotTheRecipesName() {
    assertEquals(ScoringPath.FUSED, model("lr").path());
    assertEquals(ScoringPath.FUSED, model("fm").path());
    assertEquals(ScoringPath.FUSED, model("fm_masked").path());
    assertEquals(ScoringPath.FUSED, model("fm_sampled").path());
    assertEquals(ScoringPath.GRAPH, model("deepfm").path());
    assertEquals(ScoringPath.GRAPH, model("history").path());
    String m =
        assertThrows(
                IllegalArgumentException.class,
                () ->
                    ScoringModel.of(
                        ServeFixtures.trained("deepfm").snapshot(),
                        FieldSplit.NONE,
                        "v1",
                        ScoringPath.FUSED))
            .getMessage();
    assertTrue(m.startsWith("path=FUSED is not possible for model deepfm"), m);
  }

  @Test
  void theUserSideIsReadFromTheUserBatchOnlyAndCandidateColumnsThereAreIgnored() {
    ScoringModel m = model("deepfm");
    ModelSpec spec = m.spec();
    ScoringRequest r = ServeFixtures.request(spec, 5, new SplittableRandom(3));
    float[] base = m.score(r).head("ctr");
    // change the user batch's candidate-side columns (item, cat, price): nothing changes
    int[] uids = r.user().ints("ids").clone();
    uids[2] = 1;
    uids[3] = 1;
    float[] dense = r.user().floats("dense").clone();
    dense[1] = 123f;
    EncodedBatch user = with(with(r.user(), "ids", uids), "dense", dense);
    assertArrayEquals(base, m.score(new ScoringRequest(user, r.candidates())).head("ctr"));
    // change the candidates' user-side column (user): nothing changes either
    int[] cids = r.candidates().ints("ids").clone();
    for (int i = 0; i < 5; i++) {
      cids[i * 4] = 2;
    }
    EncodedBatch cands = with(r.candidates(), "ids", cids);
    assertArrayEquals(base, m.score(new ScoringRequest(r.user(), cands)).head("ctr"));
    // a history is the user's: the candidates need not carry it
    EncodedBatch noHistory = with(with(r.candidates(), "history", null), "history.mask", null);
    assertArrayEquals(base, m.score(new ScoringRequest(r.user(), noHistory)).head("ctr"));
  }

  @Test
  void aRequestMissingAnInputIsNamed() {
    ScoringModel m = model("history");
    ScoringRequest r = ServeFixtures.request(m.spec(), 3, new SplittableRandom(1));
    ScoringRequest noHistory = new ScoringRequest(with(r.user(), "history", null), r.candidates());
    assertEquals(
        "request.user.history=null is missing: the model reads SEQUENCE input 'history' [B,3]"
            + " (user-side positions [history[0], history[1], history[2]])",
        message(m, noHistory));
    ScoringRequest noIds = new ScoringRequest(r.user(), with(r.candidates(), "ids", null));
    assertEquals(
        "request.candidates.ids=null is missing: the model reads IDS input 'ids' [B,4]"
            + " (candidate-side positions [item, cat])",
        message(m, noIds));
  }

  @Test
  void aSequenceOfTheWrongLengthIsNamed() {
    ScoringModel m = model("history");
    ScoringRequest r = ServeFixtures.request(m.spec(), 3, new SplittableRandom(2));
    EncodedBatch user = with(with(r.user(), "history", new int[] {4, 5}), "history.mask", null);
    assertEquals(
        "request.user.history.length=2 must equal rows*width=1*3 (SEQUENCE input 'history' [B,3])",
        message(m, new ScoringRequest(user, r.candidates())));
  }

  @Test
  void aMaskThatIsNotIdNonZeroIsNamedAndAMissingMaskIsDerived() {
    ScoringModel m = model("history");
    ScoringRequest r = ServeFixtures.request(m.spec(), 3, new SplittableRandom(2));
    int[] history = {0, 5, 6};
    float[] wrong = {1f, 1f, 1f};
    EncodedBatch user = with(with(r.user(), "history", history), "history.mask", wrong);
    assertEquals(
        "request.user.history.mask[0][0]=1.0 must be 0.0 because request.user.history[0][0]=0"
            + " (mask 1 exactly on real ids)",
        message(m, new ScoringRequest(user, r.candidates())));
    EncodedBatch given =
        with(with(r.user(), "history", history), "history.mask", new float[] {0f, 1f, 1f});
    EncodedBatch derived = with(with(r.user(), "history", history), "history.mask", null);
    assertArrayEquals(
        m.score(new ScoringRequest(given, r.candidates())).head("ctr"),
        m.score(new ScoringRequest(derived, r.candidates())).head("ctr"));
  }

  @Test
  void anIdOutOfItsTableIsNamedWithItsRowAndFeature() {
    ScoringModel m = model("fm");
    ScoringRequest r = ServeFixtures.request(m.spec(), 4, new SplittableRandom(4));
    int[] ids = r.candidates().ints("ids").clone();
    int rows = ServeFixtures.tableRows("item");
    ids[2 * 4 + 2] = rows; // row 2, column item: one past its table
    assertEquals(
        "request.candidates.ids[2][item]="
            + rows
            + " must be < "
            + rows
            + ", the rows of table item_w",
        message(m, new ScoringRequest(r.user(), with(r.candidates(), "ids", ids))));
    int[] uids = r.user().ints("ids").clone();
    uids[0] = -1;
    assertEquals(
        "request.user.ids[0][user]=-1 must be >= 0 (0 is padding)",
        message(m, new ScoringRequest(with(r.user(), "ids", uids), r.candidates())));
  }

  @Test
  void nanInANumberIsNamed() {
    ScoringModel m = model("deepfm");
    ScoringRequest r = ServeFixtures.request(m.spec(), 4, new SplittableRandom(5));
    float[] dense = r.candidates().floats("dense").clone();
    dense[3 * 2 + 1] = Float.NaN;
    String msg = message(m, new ScoringRequest(r.user(), with(r.candidates(), "dense", dense)));
    assertTrue(msg.startsWith("request.candidates.dense[3][price]=NaN must be finite"), msg);
    EncodedBatch batch = ServeFixtures.broadcast(m.spec(), r);
    float[] all = batch.floats("dense").clone();
    all[0] = Float.POSITIVE_INFINITY;
    String plain =
        assertThrows(IllegalArgumentException.class, () -> m.score(with(batch, "dense", all)))
            .getMessage();
    assertTrue(plain.startsWith("batch.dense[0][age]=Infinity must be finite"), plain);
  }

  @Test
  void zeroCandidatesAndAUserBatchOfTwoRowsAreNamed() {
    ModelSpec spec = model("fm").spec();
    ScoringRequest r = ServeFixtures.request(spec, 2, new SplittableRandom(6));
    String zero =
        assertThrows(
                IllegalArgumentException.class,
                () -> ScoringRequest.of(r.user(), 0, Map.of("ids", new int[0]), Map.of()))
            .getMessage();
    assertEquals(
        "request.candidates.size=0 must be >= 1: a request scores at least one candidate", zero);
    String two =
        assertThrows(
                IllegalArgumentException.class,
                () -> new ScoringRequest(r.candidates(), r.candidates()))
            .getMessage();
    assertTrue(two.startsWith("request.user.size=2 must be 1"), two);
  }

  @Test
  void aSplitNamingAnUnknownFeatureIsNamed() {
    String m =
        assertThrows(
                IllegalArgumentException.class,
                () ->
                    ScoringModel.of(
                        ServeFixtures.trained("fm").snapshot(),
                        FieldSplit.userSide("user", "userr"),
                        "v1"))
            .getMessage();
    assertTrue(m.startsWith("split.userFeatures='userr' must name an input or a column"), m);
  }

  @Test
  void aModelReadFromAPackageOrASnapshotFileScoresAsTheSnapshotAndIsVersionedByItsName()
      throws IOException {
    ServeFixtures.Trained t = ServeFixtures.trained("deepfm");
    Path v7 =
        ServeFixtures.writePackage(dir.resolve("deepfm"), 7, t.snapshot(), ServeFixtures.schema());
    ScoringModel fromPackage = ScoringModel.read(v7, ServeFixtures.SPLIT);
    assertEquals("7", fromPackage.version());
    Path file = dir.resolve("deepfm-step6.snapshot");
    t.snapshot().write(file);
    ScoringModel fromFile = ScoringModel.read(file, ServeFixtures.SPLIT);
    assertEquals("deepfm-step6.snapshot", fromFile.version());
    ScoringRequest r = ServeFixtures.request(t.snapshot().spec(), 6, new SplittableRandom(8));
    Scores s = fromPackage.score(r);
    assertEquals("7", s.version());
    float[] expected = model("deepfm").score(r).head("ctr");
    assertArrayEquals(expected, s.head("ctr"));
    assertArrayEquals(expected, fromFile.score(r).head("ctr"));
    IOException missing =
        assertThrows(
            IOException.class, () -> ScoringModel.read(dir.resolve("8"), ServeFixtures.SPLIT));
    assertTrue(
        missing.getMessage().endsWith("a model is a package version directory or a snapshot file"),
        missing.getMessage());
    PackageException notAPackage =
        assertThrows(PackageException.class, () -> ScoringModel.read(dir, ServeFixtures.SPLIT));
    assertEquals(PackageException.Reason.MISSING_FILE, notAPackage.reason());
  }
}
