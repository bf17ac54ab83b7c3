package org.recsys4j.features.io;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import org.recsys4j.core.Check;

/**
 * The layout of a delimited text file: delimiter, header, quoting, column count and charset.
 *
 * <p>Fields are separated by {@link #delimiter()} (one or more characters, e.g. {@code ","}, {@code
 * "\t"}, {@code "|"} or MovieLens 1M's {@code "::"}). One physical line is one row; line ends are
 * {@code \n} or {@code \r\n}. With {@link #quoting()} on, minimal RFC 4180 quoting applies: a field
 * that starts with {@code "} runs to the next lone {@code "}, may contain the delimiter, and writes
 * a quote as {@code ""}; the closing quote must be followed by the delimiter or the end of the
 * line. Quoted fields spanning several lines are not supported and are reported as {@link
 * MalformedReason#UNTERMINATED_QUOTE}. A quote inside an unquoted field is an ordinary character.
 * With quoting off (Criteo, Avazu, MovieLens), quotes are ordinary characters everywhere.
 *
 * <p>The expected column count is {@link #columns()} if set; otherwise the header's field count;
 * otherwise the field count of the first data row. With {@link #variableColumns()} the count is not
 * checked (libSVM lines).
 *
 * <p>Immutable; build with {@link #builder()}, or start from {@link #csv()} or {@link #tsv()}.
 */
public final class DelimitedFormat {
  private final String delimiter;
  private final boolean header;
  private final boolean quoting;
  private final int columns;
  private final boolean variableColumns;
  private final Charset charset;

  private DelimitedFormat(Builder b) {
    this.delimiter = b.delimiter;
    this.header = b.header;
    this.quoting = b.quoting;
    this.columns = b.columns;
    this.variableColumns = b.variableColumns;
    this.charset = b.charset;
  }

  /** A new builder: delimiter {@code ","}, no header, no quoting, inferred columns, UTF-8. */
  public static Builder builder() {
    return new Builder();
  }

  /** Comma-separated with RFC 4180 quoting, no header, UTF-8. */
  public static DelimitedFormat csv() {
    return builder().delimiter(",").quoting(true).build();
  }

  /** Tab-separated without quoting, no header, UTF-8. */
  public static DelimitedFormat tsv() {
    return builder().delimiter("\t").build();
  }

  /** A builder holding this format's settings. */
  public Builder toBuilder() {
    return new Builder()
        .delimiter(delimiter)
        .header(header)
        .quoting(quoting)
        .columns(columns)
        .variableColumns(variableColumns)
        .charset(charset);
  }

  /** The field separator, one or more characters. */
  public String delimiter() {
    return delimiter;
  }

  /** Whether the first line is a header. */
  public boolean header() {
    return header;
  }

  /** Whether RFC 4180 quoting is applied. */
  public boolean quoting() {
    return quoting;
  }

  /** The expected column count, or 0 to take it from the header or the first row. */
  public int columns() {
    return columns;
  }

  /** Whether rows may have any number of fields. */
  public boolean variableColumns() {
    return variableColumns;
  }

  /** The file's character set. */
  public Charset charset() {
    return charset;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof DelimitedFormat f
        && delimiter.equals(f.delimiter)
        && header == f.header
        && quoting == f.quoting
        && columns == f.columns
        && variableColumns == f.variableColumns
        && charset.equals(f.charset);
  }

  @Override
  public int hashCode() {
    return Objects.hash(delimiter, header, quoting, columns, variableColumns, charset);
  }

  @Override
  public String toString() {
    return "DelimitedFormat{delimiter='"
        + delimiter.replace("\t", "\\t")
        + "', header="
        + header
        + ", quoting="
        + quoting
        + ", columns="
        + columns
        + ", variableColumns="
        + variableColumns
        + ", charset="
        + charset
        + "}";
  }

  /** Fluent builder for {@link DelimitedFormat}; {@link #build()} validates. */
  public static final class Builder {
    private String delimiter = ",";
    private boolean header;
    private boolean quoting;
    private int columns;
    private boolean variableColumns;
    private Charset charset = StandardCharsets.UTF_8;

    private Builder() {}

    /** The field separator; non-empty, without quote or line-end characters. */
    public Builder delimiter(String delimiter) {
      this.delimiter = delimiter;
      return this;
    }

    /** Whether the first line is a header (default false). */
    public Builder header(boolean header) {
      this.header = header;
      return this;
    }

    /** Whether RFC 4180 quoting is applied (default false). */
    public Builder quoting(boolean quoting) {
      this.quoting = quoting;
      return this;
    }

    /** The expected column count; 0 (default) infers it from the header or first row. */
    public Builder columns(int columns) {
      this.columns = columns;
      return this;
    }

    /** Whether rows may have any number of fields (default false). */
    public Builder variableColumns(boolean variableColumns) {
      this.variableColumns = variableColumns;
      return this;
    }

    /** The character set (default UTF-8; MovieLens {@code u.item} is ISO-8859-1). */
    public Builder charset(Charset charset) {
      this.charset = charset;
      return this;
    }

    /**
     * Validates and builds.
     *
     * @throws IllegalArgumentException if the delimiter is null, empty or contains {@code "},
     *     {@code \r} or {@code \n}; if {@code columns < 0}; if {@code columns > 0} together with
     *     {@code variableColumns}; or if the charset is null
     */
    public DelimitedFormat build() {
      Check.notNull("delimiter", delimiter);
      Check.arg(!delimiter.isEmpty(), "delimiter", delimiter, "must not be empty");
      Check.arg(
          delimiter.indexOf('"') < 0 && delimiter.indexOf('\n') < 0 && delimiter.indexOf('\r') < 0,
          "delimiter",
          delimiter,
          "must not contain a quote or a line end");
      Check.nonNegative("columns", columns);
      Check.arg(
          columns == 0 || !variableColumns,
          "columns",
          columns,
          "must be 0 when variableColumns=true");
      Check.notNull("charset", charset);
      return new DelimitedFormat(this);
    }
  }
}
