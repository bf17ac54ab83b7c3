package org.recsys4j.features.encode;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;

/**
 * The two number rules of the encoder: the canonical text of a number in a categorical field, and
 * the decimal notation a numeric field accepts.
 *
 * <p><b>Canonical text</b> ({@link #canonical(Number)}): a number is written as the shortest
 * decimal that reads back as the same value (for a {@code Float}: as the same float), in plain
 * notation (no exponent), without trailing zeros or a trailing point. So {@code 7}, {@code 7L},
 * {@code (short) 7}, {@code 7.0}, {@code 7.0f}, {@code BigDecimal("7.00")} and {@code
 * BigInteger.valueOf(7)} are all {@code "7"}; {@code 0.1} and {@code 0.1f} are {@code "0.1"};
 * {@code -0.0} is {@code "0"}; {@code 1e-7} is {@code "0.0000001"}; {@code 1e23} is {@code
 * "100000000000000000000000"}. A categorical {@code String} is an identifier and is kept verbatim
 * ({@code "007"}, {@code "7.0"} and {@code "7"} are three values), so the CSV hot path never parses
 * it: write integer ids without a fraction (pandas writes {@code 7.0} for an integer column with
 * missing values) or pass typed numbers. NaN and ±Infinity have no text: they are missing.
 *
 * <p><b>Decimal notation</b> ({@link #parseDecimal(String, String)}): an optional sign, digits with
 * an optional decimal point (at least one digit before or after it) and an optional exponent {@code
 * e|E[sign]digits}, surrounded by optional white space: {@code 12}, {@code -3.5}, {@code .5},
 * {@code 1e5}, {@code 2.5E-3}. Java's other notations are rejected: the suffixes {@code f}, {@code
 * F}, {@code d}, {@code D} ({@code "40f"}), hexadecimal ({@code "0x1p3"}) and a leading or trailing
 * junk character. The words {@code NaN}, {@code Infinity}, {@code +Infinity} and {@code -Infinity}
 * read as NaN or ±Infinity, which the encoder counts as missing. Plain decimals of up to 15 digits
 * without exponent ({@code 12}, {@code 1.0}, {@code -0.25}: the common CSV case) are parsed without
 * {@link Double#parseDouble}, with the same, correctly rounded result.
 *
 * <p>Stateless and thread-safe.
 */
public final class NumberText {
  /** Digits of the fast path: {@code 10^15 < 2^53}, so their integer is exact in a double. */
  private static final int FAST_DIGITS = 15;

  private static final double[] POW10 = {
    1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15
  };

  /** Integers of absolute value below 2^53 are exact in a double. */
  private static final double EXACT_INTEGER = 0x1p53;

  private NumberText() {}

  /**
   * The canonical text of {@code v} (see the class comment), or null if it is NaN or infinite.
   *
   * @throws NullPointerException if {@code v} is null
   */
  public static String canonical(Number v) {
    if (v instanceof Long
        || v instanceof Integer
        || v instanceof Short
        || v instanceof Byte
        || v instanceof AtomicInteger
        || v instanceof AtomicLong) {
      return Long.toString(v.longValue());
    }
    if (v instanceof Float f) {
      return canonical(f.floatValue());
    }
    if (v instanceof BigInteger b) {
      return b.toString();
    }
    if (v instanceof BigDecimal b) {
      return plain(b);
    }
    return canonical(v.doubleValue());
  }

  /** The canonical text of a double, or null if it is NaN or infinite. */
  public static String canonical(double d) {
    if (!Double.isFinite(d)) {
      return null;
    }
    return shortest(d, 17, r -> r.doubleValue() == d);
  }

  /** The canonical text of a float (shortest decimal that reads back as this float). */
  public static String canonical(float f) {
    if (!Float.isFinite(f)) {
      return null;
    }
    return shortest(f, 9, r -> r.floatValue() == f);
  }

  /**
   * The shortest decimal of at most {@code maxDigits} significant digits (enough for the type) that
   * {@code readsBack}, in plain notation; an integer below 2^53 directly.
   */
  private static String shortest(double x, int maxDigits, Predicate<BigDecimal> readsBack) {
    if (x == Math.rint(x) && Math.abs(x) < EXACT_INTEGER) {
      return Long.toString((long) x); // also turns -0.0 into "0"
    }
    BigDecimal exact = new BigDecimal(x);
    BigDecimal r = exact;
    for (int digits = 1; digits <= maxDigits; digits++) {
      r = exact.round(new MathContext(digits, RoundingMode.HALF_EVEN));
      if (readsBack.test(r)) {
        break;
      }
    }
    return plain(r);
  }

  private static String plain(BigDecimal b) {
    if (b.signum() == 0) {
      return "0";
    }
    return b.stripTrailingZeros().toPlainString();
  }

  /**
   * Parses {@code text} in decimal notation (see the class comment); {@code NaN} and {@code
   * [+-]Infinity} give NaN and ±Infinity, an empty or blank text gives NaN.
   *
   * @param feature the feature name, for the message
   * @param text the raw text
   * @throws IllegalArgumentException naming the feature, the value and the rule if {@code text} is
   *     not in decimal notation
   */
  public static double parseDecimal(String feature, String text) {
    int start = 0;
    int end = text.length();
    while (start < end && Character.isWhitespace(text.charAt(start))) {
      start++;
    }
    while (end > start && Character.isWhitespace(text.charAt(end - 1))) {
      end--;
    }
    if (start == end) {
      return Double.NaN;
    }
    // fast path: [sign] digits [. digits] with at most 15 digits in all: the integer m of the
    // digits is exact in a double and so is 10^k (k <= 15), so m / 10^k is the correctly rounded
    // value, as Double.parseDouble would give (Clinger's fast path)
    int i = start;
    boolean negative = false;
    char c0 = text.charAt(i);
    if (c0 == '-' || c0 == '+') {
      negative = c0 == '-';
      i++;
    }
    long m = 0;
    int digits = 0;
    int fraction = -1;
    for (; i < end && digits <= FAST_DIGITS; i++) {
      char c = text.charAt(i);
      if (c >= '0' && c <= '9') {
        m = m * 10 + (c - '0');
        digits++;
        if (fraction >= 0) {
          fraction++;
        }
      } else if (c == '.' && fraction < 0) {
        fraction = 0;
      } else {
        break;
      }
    }
    if (i == end && digits >= 1 && digits <= FAST_DIGITS) {
      double v = fraction > 0 ? m / POW10[fraction] : (double) m;
      return negative ? -v : v;
    }
    String s = text.substring(start, end);
    if (isDecimal(s)) {
      return Double.parseDouble(s);
    }
    switch (s) {
      case "NaN":
        return Double.NaN;
      case "Infinity":
      case "+Infinity":
        return Double.POSITIVE_INFINITY;
      case "-Infinity":
        return Double.NEGATIVE_INFINITY;
      default:
        throw new IllegalArgumentException(
            "row."
                + feature
                + "='"
                + s
                + "' must be a number in"
                + " decimal notation: [sign] digits [. digits] [e|E [sign] digits], e.g. -12, 3.5,"
                + " 1e-3 (no hex, no f/d suffix)");
    }
  }

  /** Whether {@code s} (already stripped) matches the decimal grammar. */
  static boolean isDecimal(String s) {
    int n = s.length();
    int i = skipSign(s, 0);
    int intEnd = skipDigits(s, i);
    int fracDigits = 0;
    int end = intEnd;
    if (end < n && s.charAt(end) == '.') {
      end = skipDigits(s, end + 1);
      fracDigits = end - intEnd - 1;
    }
    if (intEnd - i + fracDigits == 0) {
      return false;
    }
    if (end < n && (s.charAt(end) == 'e' || s.charAt(end) == 'E')) {
      int expStart = skipSign(s, end + 1);
      end = skipDigits(s, expStart);
      if (end == expStart) {
        return false;
      }
    }
    return end == n;
  }

  private static int skipSign(String s, int i) {
    return i < s.length() && (s.charAt(i) == '+' || s.charAt(i) == '-') ? i + 1 : i;
  }

  private static int skipDigits(String s, int i) {
    int j = i;
    while (j < s.length() && s.charAt(j) >= '0' && s.charAt(j) <= '9') {
      j++;
    }
    return j;
  }
}
