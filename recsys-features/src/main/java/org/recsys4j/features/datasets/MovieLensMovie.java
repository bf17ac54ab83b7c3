package org.recsys4j.features.datasets;

import java.util.List;
import org.recsys4j.core.Check;

/**
 * A MovieLens movie.
 *
 * @param itemId movie id
 * @param title title with the year, e.g. {@code "Toy Story (1995)"}
 * @param releaseDate release date as written in 100K ({@code "01-Jan-1995"}), empty if unknown and
 *     always empty in 1M
 * @param imdbUrl IMDb URL in 100K, empty if unknown and always empty in 1M
 * @param genres genre names in file order, e.g. {@code [Animation, Children's, Comedy]}
 */
public record MovieLensMovie(
    int itemId, String title, String releaseDate, String imdbUrl, List<String> genres) {
  /**
   * Checks and copies the fields.
   *
   * @throws IllegalArgumentException if an argument is null
   */
  public MovieLensMovie {
    Check.notNull("title", title);
    Check.notNull("releaseDate", releaseDate);
    Check.notNull("imdbUrl", imdbUrl);
    genres = List.copyOf(Check.notNull("genres", genres));
  }
}
