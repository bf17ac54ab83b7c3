package org.recsys4j.features.datasets;

import java.io.IOException;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import org.recsys4j.features.io.DelimitedFormat;
import org.recsys4j.features.io.DelimitedReader;
import org.recsys4j.features.io.ErrorPolicy;
import org.recsys4j.features.io.MalformedLineException;
import org.recsys4j.features.io.MalformedReason;
import org.recsys4j.features.io.RecordReader;
import org.recsys4j.features.io.TextRecord;

/**
 * Loader for the Avazu click-through-rate data (Kaggle 2014; download it yourself).
 *
 * <p>Comma-separated, no quoting, 24 columns ({@link #COLUMNS}):
 *
 * <pre>
 * id,click,hour,C1,banner_pos,site_id,site_domain,site_category,app_id,app_domain,app_category,
 * device_id,device_ip,device_model,device_type,device_conn_type,C14,C15,C16,C17,C18,C19,C20,C21
 * </pre>
 *
 * where {@code click} is 0/1 and {@code hour} is {@code YYMMDDHH} (UTC). The original {@code
 * train.csv} has this header; split or sampled copies often do not, so the caller says which.
 * (Kaggle's {@code test.csv} lacks the {@code click} column and is not supported.)
 *
 * <p>A wrong field count, a click other than 0/1 or an invalid hour is a malformed line handled by
 * the {@link ErrorPolicy}. With {@code header=true}, a header other than {@link #COLUMNS} throws
 * {@link MalformedLineException} ({@link MalformedReason#BAD_HEADER}) under either policy; with
 * {@code header=false} a header line is an ordinary malformed line ({@code click} is not 0/1).
 * Files ending in {@code .gz} are decompressed.
 */
public final class Avazu {
  /** The 24 column names of {@code train.csv}. */
  public static final List<String> COLUMNS =
      List.of(
          "id",
          "click",
          "hour",
          "C1",
          "banner_pos",
          "site_id",
          "site_domain",
          "site_category",
          "app_id",
          "app_domain",
          "app_category",
          "device_id",
          "device_ip",
          "device_model",
          "device_type",
          "device_conn_type",
          "C14",
          "C15",
          "C16",
          "C17",
          "C18",
          "C19",
          "C20",
          "C21");

  /** The 21 categorical columns, {@code C1} to {@code C21}: all columns after {@code hour}. */
  public static final List<String> CATEGORICAL_COLUMNS = COLUMNS.subList(3, COLUMNS.size());

  private Avazu() {}

  /**
   * Streams an Avazu CSV file.
   *
   * @param header whether the first line is the header {@link #COLUMNS}
   * @throws IOException if the file cannot be opened
   * @throws MalformedLineException if {@code header} and the header is not {@link #COLUMNS}
   */
  public static RecordReader<AvazuRecord> read(Path path, boolean header, ErrorPolicy policy)
      throws IOException {
    DelimitedFormat f =
        DelimitedFormat.builder().delimiter(",").header(header).columns(COLUMNS.size()).build();
    DelimitedReader reader = DelimitedReader.open(path, f, policy);
    if (header) {
      Headers.require(reader, COLUMNS);
    }
    return new RecordReader<>(reader, Avazu::parse);
  }

  static AvazuRecord parse(TextRecord row) {
    int click;
    if (row.fieldEquals(1, "0")) {
      click = 0;
    } else if (row.fieldEquals(1, "1")) {
      click = 1;
    } else {
      throw row.malformed(
          MalformedReason.BAD_VALUE, "field 1 (click)='" + row.get(1) + "' is not 0 or 1");
    }
    int hour = row.length(2) == 8 ? row.getInt(2, "hour") : -1;
    if (hourStart(hour) == null) {
      throw row.malformed(
          MalformedReason.BAD_VALUE, "field 2 (hour)='" + row.get(2) + "' is not a valid YYMMDDHH");
    }
    List<String> cats = new ArrayList<>(CATEGORICAL_COLUMNS.size());
    for (int i = 3; i < COLUMNS.size(); i++) {
      cats.add(row.get(i));
    }
    return new AvazuRecord(row.get(0), click, hour, cats);
  }

  /** The start of a {@code YYMMDDHH} hour, or null if it is not a valid date and hour. */
  static LocalDateTime hourStart(int yymmddhh) {
    if (yymmddhh < 0 || yymmddhh > 99_999_999) {
      return null;
    }
    try {
      return LocalDateTime.of(
          2000 + yymmddhh / 1_000_000,
          yymmddhh / 10_000 % 100,
          yymmddhh / 100 % 100,
          yymmddhh % 100,
          0);
    } catch (DateTimeException e) {
      return null;
    }
  }
}
