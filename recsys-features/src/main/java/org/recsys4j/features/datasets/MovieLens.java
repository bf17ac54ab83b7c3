package org.recsys4j.features.datasets;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.recsys4j.features.io.DelimitedFormat;
import org.recsys4j.features.io.DelimitedReader;
import org.recsys4j.features.io.ErrorPolicy;
import org.recsys4j.features.io.MalformedReason;
import org.recsys4j.features.io.RecordReader;
import org.recsys4j.features.io.TextRecord;

/**
 * Loaders for the raw MovieLens 100K and 1M files (GroupLens; download them yourself, the licence
 * forbids redistribution).
 *
 * <p>Formats (no header, no quoting, one record per line):
 *
 * <pre>
 * 100K  u.data      user \t item \t rating \t timestamp               (UTF-8/ASCII)
 *       u.user      user|age|gender|occupation|zip                     (ASCII)
 *       u.item      item|title|release date|video release date|IMDb URL|19 genre flags 0/1
 *                   (ISO-8859-1; flags in the order of {@link #GENRES_100K})
 * 1M    ratings.dat user::item::rating::timestamp                      (ASCII)
 *       users.dat   user::gender::age::occupation code::zip            (ASCII)
 *       movies.dat  item::title::genre|genre|...                       (ISO-8859-1)
 * </pre>
 *
 * <p>Every loader streams a {@link RecordReader}; a line with the wrong field count, a non-integer
 * id, a rating outside 1..5 or a genre flag other than 0/1 is malformed and handled by the {@link
 * ErrorPolicy} (see {@link DelimitedReader}). Files ending in {@code .gz} are decompressed.
 */
public final class MovieLens {
  /** The 19 genre flags of 100K {@code u.item} (and of {@code u.genre}), in file order. */
  public static final List<String> GENRES_100K =
      List.of(
          "unknown",
          "Action",
          "Adventure",
          "Animation",
          "Children's",
          "Comedy",
          "Crime",
          "Documentary",
          "Drama",
          "Fantasy",
          "Film-Noir",
          "Horror",
          "Musical",
          "Mystery",
          "Romance",
          "Sci-Fi",
          "Thriller",
          "War",
          "Western");

  private MovieLens() {}

  /**
   * Streams the ratings of 100K {@code u.data}.
   *
   * @throws IOException if the file cannot be opened
   */
  public static RecordReader<Rating> ratings100k(Path uData, ErrorPolicy policy)
      throws IOException {
    return ratings(uData, "\t", policy);
  }

  /**
   * Streams the ratings of 1M {@code ratings.dat}.
   *
   * @throws IOException if the file cannot be opened
   */
  public static RecordReader<Rating> ratings1m(Path ratingsDat, ErrorPolicy policy)
      throws IOException {
    return ratings(ratingsDat, "::", policy);
  }

  /**
   * Streams the users of 100K {@code u.user}.
   *
   * @throws IOException if the file cannot be opened
   */
  public static RecordReader<MovieLensUser> users100k(Path uUser, ErrorPolicy policy)
      throws IOException {
    DelimitedFormat f = DelimitedFormat.builder().delimiter("|").columns(5).build();
    return new RecordReader<>(
        DelimitedReader.open(uUser, f, policy),
        row ->
            new MovieLensUser(
                row.getInt(0, "user"),
                nonNegative(row, 1, "age"),
                gender(row, 2),
                row.get(3),
                row.get(4)));
  }

  /**
   * Streams the users of 1M {@code users.dat}; {@code occupation} is the numeric code.
   *
   * @throws IOException if the file cannot be opened
   */
  public static RecordReader<MovieLensUser> users1m(Path usersDat, ErrorPolicy policy)
      throws IOException {
    DelimitedFormat f = DelimitedFormat.builder().delimiter("::").columns(5).build();
    return new RecordReader<>(
        DelimitedReader.open(usersDat, f, policy),
        row -> {
          int user = row.getInt(0, "user");
          String gender = gender(row, 1);
          int age = nonNegative(row, 2, "age");
          nonNegative(row, 3, "occupation");
          return new MovieLensUser(user, age, gender, row.get(3), row.get(4));
        });
  }

  /**
   * Streams the movies of 100K {@code u.item} (ISO-8859-1).
   *
   * @throws IOException if the file cannot be opened
   */
  public static RecordReader<MovieLensMovie> movies100k(Path uItem, ErrorPolicy policy)
      throws IOException {
    DelimitedFormat f =
        DelimitedFormat.builder()
            .delimiter("|")
            .columns(5 + GENRES_100K.size())
            .charset(StandardCharsets.ISO_8859_1)
            .build();
    return new RecordReader<>(
        DelimitedReader.open(uItem, f, policy),
        row -> {
          int item = row.getInt(0, "item");
          List<String> genres = new ArrayList<>(3);
          for (int g = 0; g < GENRES_100K.size(); g++) {
            int col = 5 + g;
            if (row.fieldEquals(col, "1")) {
              genres.add(GENRES_100K.get(g));
            } else if (!row.fieldEquals(col, "0")) {
              throw row.malformed(
                  MalformedReason.BAD_VALUE,
                  "field "
                      + col
                      + " (genre "
                      + GENRES_100K.get(g)
                      + ")='"
                      + row.get(col)
                      + "' is not 0 or 1");
            }
          }
          return new MovieLensMovie(item, row.get(1), row.get(2), row.get(4), genres);
        });
  }

  /**
   * Streams the movies of 1M {@code movies.dat} (ISO-8859-1); genres split on {@code |}.
   *
   * @throws IOException if the file cannot be opened
   */
  public static RecordReader<MovieLensMovie> movies1m(Path moviesDat, ErrorPolicy policy)
      throws IOException {
    DelimitedFormat f =
        DelimitedFormat.builder()
            .delimiter("::")
            .columns(3)
            .charset(StandardCharsets.ISO_8859_1)
            .build();
    return new RecordReader<>(
        DelimitedReader.open(moviesDat, f, policy),
        row -> {
          int item = row.getInt(0, "item");
          String g = row.get(2);
          List<String> genres = g.isEmpty() ? List.of() : Arrays.asList(g.split("\\|", -1));
          return new MovieLensMovie(item, row.get(1), "", "", genres);
        });
  }

  private static RecordReader<Rating> ratings(Path path, String delimiter, ErrorPolicy policy)
      throws IOException {
    DelimitedFormat f = DelimitedFormat.builder().delimiter(delimiter).columns(4).build();
    return new RecordReader<>(
        DelimitedReader.open(path, f, policy),
        row -> {
          int user = row.getInt(0, "user");
          int item = row.getInt(1, "item");
          int rating = row.getInt(2, "rating");
          if (rating < 1 || rating > 5) {
            throw row.malformed(
                MalformedReason.BAD_VALUE, "field 2 (rating)=" + rating + " is not in 1..5");
          }
          return new Rating(user, item, rating, row.getLong(3, "timestamp"));
        });
  }

  private static int nonNegative(TextRecord row, int i, String name) {
    int v = row.getInt(i, name);
    if (v < 0) {
      throw row.malformed(
          MalformedReason.BAD_VALUE, "field " + i + " (" + name + ")=" + v + " is negative");
    }
    return v;
  }

  private static String gender(TextRecord row, int i) {
    if (row.fieldEquals(i, "M")) {
      return "M";
    }
    if (row.fieldEquals(i, "F")) {
      return "F";
    }
    throw row.malformed(
        MalformedReason.BAD_VALUE, "field " + i + " (gender)='" + row.get(i) + "' is not M or F");
  }
}
