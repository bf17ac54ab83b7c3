package org.recsys4j.features.datasets;

import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.recsys4j.core.Check;

/**
 * One Avazu click-through row.
 *
 * @param id the ad impression id as written (a 64-bit unsigned decimal, kept as a string)
 * @param click 0 or 1
 * @param hour the hour as written, {@code YYMMDDHH} (e.g. {@code 14102100} = 2014-10-21 00:00 UTC)
 * @param categorical the 21 categorical values in the order of {@link Avazu#CATEGORICAL_COLUMNS}
 *     ({@code C1, banner_pos, site_id, ..., C21}), as written
 */
public record AvazuRecord(String id, int click, int hour, List<String> categorical) {
  /**
   * Checks and copies.
   *
   * @throws IllegalArgumentException if {@code click} is not 0/1, {@code hour} is not a valid
   *     {@code YYMMDDHH}, or {@code categorical} is null or does not have 21 values
   */
  public AvazuRecord {
    Check.notNull("id", id);
    Check.inRange("click", click, 0, 1);
    Check.arg(Avazu.hourStart(hour) != null, "hour", hour, "must be a valid YYMMDDHH");
    Check.notNull("categorical", categorical);
    Check.arg(
        categorical.size() == Avazu.CATEGORICAL_COLUMNS.size(),
        "categorical.size",
        categorical.size(),
        "must be " + Avazu.CATEGORICAL_COLUMNS.size());
    categorical = List.copyOf(categorical);
  }

  /** The start of {@link #hour()} in UTC (years {@code YY} are 2000+YY). */
  public LocalDateTime hourStart() {
    return Avazu.hourStart(hour);
  }

  /** The start of {@link #hour()} as epoch seconds (UTC). */
  public long epochSecond() {
    return hourStart().toEpochSecond(ZoneOffset.UTC);
  }

  /**
   * The value of a categorical column by name, e.g. {@code get("banner_pos")}.
   *
   * @throws IllegalArgumentException if {@code column} is not in {@link Avazu#CATEGORICAL_COLUMNS}
   */
  public String get(String column) {
    int i = Avazu.CATEGORICAL_COLUMNS.indexOf(column);
    Check.arg(i >= 0, "column", column, "must be one of " + Avazu.CATEGORICAL_COLUMNS);
    return categorical.get(i);
  }
}
