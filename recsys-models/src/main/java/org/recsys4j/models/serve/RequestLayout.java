package org.recsys4j.models.serve;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.recsys4j.core.Check;
import org.recsys4j.core.data.EncodedBatch;
import org.recsys4j.models.spec.InputKind;
import org.recsys4j.models.spec.InputSpec;
import org.recsys4j.models.spec.Lookup;
import org.recsys4j.models.spec.ModelSpec;

/**
 * The inputs a model reads, which side of a request each position comes from, and the checks of a
 * request against them (present, length, ids in range of every table they are looked up in, masks
 * equal to {@code id != 0}, numbers finite), with messages naming the side, input, row, feature,
 * value and rule.
 */
final class RequestLayout {
  /**
   * One input the model reads.
   *
   * @param input the input
   * @param user per position: read from the user batch in a request
   * @param idRows per position the rows of the smallest table looking it up (ids only)
   * @param idTables per position the name of that table
   */
  record InputPlan(InputSpec input, boolean[] user, int[] idRows, String[] idTables) {
    boolean anyUser() {
      for (boolean u : user) {
        if (u) {
          return true;
        }
      }
      return false;
    }

    boolean anyCandidate() {
      for (boolean u : user) {
        if (!u) {
          return true;
        }
      }
      return false;
    }

    /** True if position {@code f} is read from the user batch in this call. */
    boolean fromUser(Batches b, int f) {
      return b.user() != null && user[f];
    }
  }

  /**
   * The batches of one call: a request ({@code user} one row) or a plain batch ({@code user} null).
   */
  record Batches(EncodedBatch user, EncodedBatch candidates) {
    int size() {
      return candidates.size();
    }
  }

  private final ModelSpec spec;
  private final Map<String, InputPlan> plans = new LinkedHashMap<>();

  /**
   * The layout of {@code spec}'s inputs of ids (every lookup's input) and of the numeric inputs
   * {@code numericRead} (those its inference graph reads: a numeric input only a dropped part of
   * the model reads, such as the features of a position-bias tower, is not needed to score).
   */
  RequestLayout(ModelSpec spec, FieldSplit split, Set<String> numericRead) {
    this.spec = spec;
    Set<String> readNames = new HashSet<>(numericRead);
    Set<String> trainingOnly = spec.trainingOnlyValues();
    for (Lookup lk : spec.lookups()) {
      if (!trainingOnly.contains(lk.name())) {
        readNames.add(lk.input()); // negatives are sampled in training only
      }
    }
    Set<String> known = new java.util.TreeSet<>();
    for (InputSpec in : spec.inputs()) {
      known.add(in.name());
      known.addAll(in.columns());
      if (!readNames.contains(in.name())) {
        continue;
      }
      int w = in.width();
      boolean[] user = new boolean[w];
      boolean whole = split.isUser(in.name());
      for (int f = 0; f < w; f++) {
        user[f] = whole || (!in.columns().isEmpty() && split.isUser(in.columns().get(f)));
      }
      int[] rows = new int[w];
      String[] tables = new String[w];
      Arrays.fill(rows, Integer.MAX_VALUE);
      for (Lookup lk : spec.lookups()) {
        if (!lk.input().equals(in.name())) {
          continue;
        }
        for (int f = 0; f < w; f++) {
          String t = lk.tableAt(in, f);
          int r = spec.table(t).rows();
          if (r < rows[f]) {
            rows[f] = r;
            tables[f] = t;
          }
        }
      }
      plans.put(in.name(), new InputPlan(in, user, rows, tables));
    }
    for (String f : split.userFeatures()) {
      Check.arg(
          known.contains(f),
          "split.userFeatures",
          f,
          "must name an input or a column of model " + spec.name() + ": " + known);
    }
  }

  /** The inputs the model reads, by name. */
  Map<String, InputPlan> plans() {
    return plans;
  }

  /** The plan of input {@code name}. */
  InputPlan plan(String name) {
    return plans.get(name);
  }

  /**
   * True if a request valid for {@code other} is valid here too and means the same: the same inputs
   * read with the same shapes, columns, sides and id ranges, and the same heads.
   */
  boolean sameContract(RequestLayout other) {
    if (!plans.keySet().equals(other.plans.keySet())
        || !spec.heads().stream()
            .map(h -> h.name())
            .toList()
            .equals(other.spec.heads().stream().map(h -> h.name()).toList())) {
      return false;
    }
    for (InputPlan p : plans.values()) {
      InputPlan q = other.plans.get(p.input().name());
      if (!p.input().equals(q.input())
          || !Arrays.equals(p.user(), q.user())
          || !Arrays.equals(p.idRows(), q.idRows())) {
        return false;
      }
    }
    return true;
  }

  /** What differs from {@code other}'s contract, for messages. */
  String describe() {
    List<String> parts = new ArrayList<>();
    for (InputPlan p : plans.values()) {
      parts.add(
          p.input().name()
              + " "
              + p.input().kind()
              + " "
              + p.input().columns()
              + " rows "
              + Arrays.toString(p.idRows()));
    }
    return parts + " heads " + spec.heads().stream().map(h -> h.name()).toList();
  }

  /**
   * Checks one call's batches; changes nothing.
   *
   * @throws IllegalArgumentException naming the side, input, row, position, value and rule
   */
  void check(Batches b) {
    for (InputPlan p : plans.values()) {
      if (b.user() == null) {
        checkSide(b.candidates(), "batch", p, null);
      } else {
        if (p.anyUser()) {
          checkSide(b.user(), "request.user", p, Boolean.TRUE);
        }
        if (p.anyCandidate()) {
          checkSide(b.candidates(), "request.candidates", p, Boolean.FALSE);
        }
      }
    }
  }

  /** Checks the positions of {@code p} whose side is {@code side} (all when null) in {@code x}. */
  private static void checkSide(EncodedBatch x, String prefix, InputPlan p, Boolean side) {
    InputSpec in = p.input();
    String at = prefix + "." + in.name();
    int n = x.size();
    int w = in.width();
    boolean numeric = in.kind() == InputKind.NUMERIC;
    Object values = numeric ? x.floats().get(in.name()) : x.ints().get(in.name());
    String shape = in.kind() + " input '" + in.name() + "' [B," + w + "]";
    Check.arg(
        values != null,
        at,
        null,
        "is missing: the model reads "
            + shape
            + (side == null
                ? ""
                : " ("
                    + (side ? "user" : "candidate")
                    + "-side positions "
                    + names(p, side)
                    + ")"));
    int length = numeric ? ((float[]) values).length : ((int[]) values).length;
    Check.arg(
        length == n * w,
        at + ".length",
        length,
        "must equal rows*width=" + n + "*" + w + " (" + shape + ")");
    int[] pos = positions(p.user(), side);
    if (numeric) {
      float[] v = (float[]) values;
      for (int r = 0; r < n; r++) {
        for (int f : pos) {
          if (!Float.isFinite(v[r * w + f])) {
            throw new IllegalArgumentException(
                cell(at, r, in.positionName(f), v[r * w + f])
                    + " must be finite (the encoder replaces missing numbers by the feature's"
                    + " default)");
          }
        }
      }
      return;
    }
    int[] ids = (int[]) values;
    int[] rows = p.idRows();
    for (int r = 0; r < n; r++) {
      for (int f : pos) {
        int id = ids[r * w + f];
        if (id < 0 || id >= rows[f]) {
          throw new IllegalArgumentException(
              cell(at, r, in.positionName(f), id)
                  + (id < 0
                      ? " must be >= 0 (0 is padding)"
                      : " must be < " + rows[f] + ", the rows of table " + p.idTables()[f]));
        }
      }
    }
    float[] m = in.kind() == InputKind.IDS ? null : x.floats().get(in.maskKey());
    if (m == null) {
      return; // ids need no mask; a missing sequence or bag mask is derived: 1 where id != 0
    }
    String maskAt = prefix + "." + in.maskKey();
    Check.arg(m.length == ids.length, maskAt + ".length", m.length, "must equal " + length);
    for (int r = 0; r < n; r++) {
      for (int f : pos) {
        int id = ids[r * w + f];
        float expect = id != 0 ? 1f : 0f;
        if (m[r * w + f] != expect) {
          throw new IllegalArgumentException(
              cell(maskAt, r, String.valueOf(f), m[r * w + f])
                  + " must be "
                  + expect
                  + " because "
                  + cell(at, r, String.valueOf(f), id)
                  + " (mask 1 exactly on real ids)");
        }
      }
    }
  }

  /** {@code at[row][position]=value}. */
  private static String cell(String at, int row, String position, Object value) {
    return at + "[" + row + "][" + position + "]=" + value;
  }

  /** The positions whose side is {@code side}, or all when it is null. */
  private static int[] positions(boolean[] user, Boolean side) {
    int count = 0;
    int[] out = new int[user.length];
    for (int f = 0; f < user.length; f++) {
      if (side == null || user[f] == side) {
        out[count++] = f;
      }
    }
    return Arrays.copyOf(out, count);
  }

  private static List<String> names(InputPlan p, boolean side) {
    List<String> out = new ArrayList<>();
    for (int f = 0; f < p.user().length; f++) {
      if (p.user()[f] == side) {
        out.add(p.input().positionName(f));
      }
    }
    return out.size() > 8 ? List.of(out.size() + " positions") : out;
  }
}
