package org.recsys4j.features.io;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.recsys4j.features.encode.Row;

/**
 * A reusable view of the current row of a {@link DelimitedReader}.
 *
 * <p>The reader parses each line into one shared character buffer and records where every field
 * starts and ends, so iterating rows allocates no per-field strings. {@link #get(int)} allocates a
 * string on demand; {@link #getLong}, {@link #getInt}, {@link #isEmpty} and {@link #fieldEquals} do
 * not. Quoted fields are returned unquoted with {@code ""} turned into {@code "}.
 *
 * <p>It is also the encoder's {@link Row}: {@link #get(String)} looks a field up by its header
 * name, so a row of a file with a header feeds {@code FeatureEncoder.encodeInto(row, batch, b)}
 * without glue (an empty field is a missing value to the encoder).
 *
 * <p>The view is overwritten by the next call to {@link DelimitedReader#next()}; copy what you
 * keep. Not thread-safe.
 */
public final class TextRecord implements Row {
  private final String source;
  private Map<String, Integer> columnIndex = Map.of();
  private String line = "";
  private long lineNumber;
  private char[] buf = new char[256];
  private int[] starts = new int[64];
  private int[] ends = new int[64];
  private int size;

  TextRecord(String source) {
    this.source = source;
  }

  /** Names the fields by the header (first occurrence wins); called by the reader. */
  void header(List<String> names) {
    Map<String, Integer> index = new HashMap<>();
    for (int i = 0; i < names.size(); i++) {
      index.putIfAbsent(names.get(i), i);
    }
    columnIndex = Map.copyOf(index);
  }

  /**
   * The field in the column named {@code name} by the header, as a new string, or {@code null} if
   * the file has no such column (or no header). Lets the encoder read this row by feature name.
   */
  @Override
  public String get(String name) {
    Integer i = columnIndex.get(name);
    return i == null || i >= size ? null : get(i.intValue());
  }

  /** The 0-based index of the header column {@code name}, or -1 if there is none. */
  public int columnOf(String name) {
    Integer i = columnIndex.get(name);
    return i == null ? -1 : i;
  }

  /** The file name or source label. */
  public String source() {
    return source;
  }

  /** The 1-based physical line number of this row. */
  public long lineNumber() {
    return lineNumber;
  }

  /** The raw line, without its line end. */
  public String line() {
    return line;
  }

  /** The number of fields. */
  public int size() {
    return size;
  }

  /**
   * The field at {@code i} as a new string ({@code ""} if empty).
   *
   * @throws IndexOutOfBoundsException if {@code i} is not in {@code 0..size()-1}
   */
  public String get(int i) {
    checkIndex(i);
    return new String(buf, starts[i], ends[i] - starts[i]);
  }

  /**
   * The length of field {@code i}.
   *
   * @throws IndexOutOfBoundsException if {@code i} is out of range
   */
  public int length(int i) {
    checkIndex(i);
    return ends[i] - starts[i];
  }

  /**
   * The {@code k}-th character of field {@code i}, without allocating.
   *
   * @throws IndexOutOfBoundsException if {@code i} or {@code k} is out of range
   */
  public char charAt(int i, int k) {
    checkIndex(i);
    if (k < 0 || k >= ends[i] - starts[i]) {
      throw new IndexOutOfBoundsException(
          "char index=" + k + " must be in [0, " + (ends[i] - starts[i]) + ") in field " + i);
    }
    return buf[starts[i] + k];
  }

  /**
   * Whether field {@code i} is empty (a missing value in Criteo and libSVM-like files).
   *
   * @throws IndexOutOfBoundsException if {@code i} is out of range
   */
  public boolean isEmpty(int i) {
    return length(i) == 0;
  }

  /**
   * Whether field {@code i} equals {@code s}, without allocating.
   *
   * @throws IndexOutOfBoundsException if {@code i} is out of range
   */
  public boolean fieldEquals(int i, String s) {
    int len = length(i);
    if (len != s.length()) {
      return false;
    }
    for (int k = 0; k < len; k++) {
      if (buf[starts[i] + k] != s.charAt(k)) {
        return false;
      }
    }
    return true;
  }

  /**
   * The position of the first {@code c} in field {@code i}, or -1; without allocating.
   *
   * @throws IndexOutOfBoundsException if {@code i} is out of range
   */
  public int indexOf(int i, char c) {
    checkIndex(i);
    for (int p = starts[i]; p < ends[i]; p++) {
      if (buf[p] == c) {
        return p - starts[i];
      }
    }
    return -1;
  }

  /**
   * Field {@code i} parsed as a decimal {@code long} (optional sign, digits only), without
   * allocating.
   *
   * @param name the column name used in the error message
   * @throws MalformedLineException with {@link MalformedReason#BAD_VALUE} if the field is empty,
   *     not an integer or overflows
   * @throws IndexOutOfBoundsException if {@code i} is out of range
   */
  public long getLong(int i, String name) {
    checkIndex(i);
    int p = starts[i];
    int end = ends[i];
    boolean negative = false;
    if (p < end && (buf[p] == '-' || buf[p] == '+')) {
      negative = buf[p] == '-';
      p++;
    }
    if (p >= end) {
      throw badValue(i, name, "an integer");
    }
    long acc = 0; // accumulated negatively so that Long.MIN_VALUE parses
    long limit = negative ? Long.MIN_VALUE : -Long.MAX_VALUE;
    for (; p < end; p++) {
      int d = buf[p] - '0';
      if (d < 0 || d > 9) {
        throw badValue(i, name, "an integer");
      }
      if (acc < (limit + d) / 10) {
        throw badValue(i, name, "an integer in the long range");
      }
      acc = acc * 10 - d;
    }
    return negative ? acc : -acc;
  }

  /**
   * Field {@code i} parsed as a decimal {@code int}.
   *
   * @throws MalformedLineException with {@link MalformedReason#BAD_VALUE} if the field is not an
   *     integer in the int range
   * @throws IndexOutOfBoundsException if {@code i} is out of range
   */
  public int getInt(int i, String name) {
    long v = getLong(i, name);
    if (v < Integer.MIN_VALUE || v > Integer.MAX_VALUE) {
      throw badValue(i, name, "an integer in the int range");
    }
    return (int) v;
  }

  /**
   * Field {@code i} parsed as a finite {@code double} ({@link Double#parseDouble} syntax).
   *
   * @throws MalformedLineException with {@link MalformedReason#BAD_VALUE} if the field is empty,
   *     not a number, NaN or infinite
   * @throws IndexOutOfBoundsException if {@code i} is out of range
   */
  public double getDouble(int i, String name) {
    String s = get(i);
    double v;
    try {
      v = Double.parseDouble(s);
    } catch (NumberFormatException e) {
      throw badValue(i, name, "a number");
    }
    if (!Double.isFinite(v)) {
      throw badValue(i, name, "a finite number");
    }
    return v;
  }

  /** All fields as new strings. */
  public List<String> toList() {
    List<String> out = new ArrayList<>(size);
    for (int i = 0; i < size; i++) {
      out.add(get(i));
    }
    return out;
  }

  /**
   * An exception for this row, naming source, line number, reason, {@code detail} and a snippet.
   * Loaders throw it for rows whose fields parse but break the format's rules; {@link
   * DelimitedReader#reject} applies the error policy.
   */
  public MalformedLineException malformed(MalformedReason reason, String detail) {
    return new MalformedLineException(source, lineNumber, reason, detail, line);
  }

  private MalformedLineException badValue(int i, String name, String what) {
    return malformed(
        MalformedReason.BAD_VALUE,
        "field "
            + i
            + " ("
            + name
            + ")='"
            + MalformedLineException.snippet(get(i))
            + "' is not "
            + what);
  }

  private void checkIndex(int i) {
    if (i < 0 || i >= size) {
      throw new IndexOutOfBoundsException(
          "field index="
              + i
              + " must be in [0, "
              + (size - 1)
              + "] at "
              + source
              + ":"
              + lineNumber);
    }
  }

  /**
   * Parses {@code s} into this view.
   *
   * @throws MalformedLineException for quoting errors
   */
  void parse(String s, long number, String delimiter, boolean quoting) {
    this.line = s;
    this.lineNumber = number;
    this.size = 0;
    int n = s.length();
    if (buf.length < n) {
      buf = new char[Math.max(n, buf.length * 2)];
    }
    int dl = delimiter.length();
    char d0 = delimiter.charAt(0);
    int bufLen = 0;
    int i = 0;
    while (true) {
      int start = bufLen;
      if (quoting && i < n && s.charAt(i) == '"') {
        i++;
        boolean closed = false;
        while (i < n) {
          char c = s.charAt(i);
          if (c == '"') {
            if (i + 1 < n && s.charAt(i + 1) == '"') {
              buf[bufLen++] = '"';
              i += 2;
            } else {
              i++;
              closed = true;
              break;
            }
          } else {
            buf[bufLen++] = c;
            i++;
          }
        }
        if (!closed) {
          throw malformed(
              MalformedReason.UNTERMINATED_QUOTE, "field " + size + " opens a quote never closed");
        }
        add(start, bufLen);
        if (i == n) {
          break;
        }
        if (s.startsWith(delimiter, i)) {
          i += dl;
          continue;
        }
        throw malformed(
            MalformedReason.STRAY_QUOTE,
            "field " + (size - 1) + " has '" + s.charAt(i) + "' after its closing quote");
      } else {
        int j = dl == 1 ? s.indexOf(d0, i) : s.indexOf(delimiter, i);
        if (j < 0) {
          j = n;
        }
        s.getChars(i, j, buf, bufLen);
        bufLen += j - i;
        add(start, bufLen);
        if (j == n) {
          break;
        }
        i = j + dl;
      }
    }
  }

  private void add(int start, int end) {
    if (size == starts.length) {
      starts = Arrays.copyOf(starts, size * 2);
      ends = Arrays.copyOf(ends, size * 2);
    }
    starts[size] = start;
    ends[size] = end;
    size++;
  }
}
