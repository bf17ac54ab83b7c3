package org.recsys4j.features.datasets;

import org.recsys4j.core.Check;

/**
 * A MovieLens user.
 *
 * <p>In 100K, {@code age} is the age in years and {@code occupation} a word such as {@code
 * "technician"}; in 1M, {@code age} is the lower end of an age band (1, 18, 25, 35, 45, 50, 56) and
 * {@code occupation} the numeric code as a string ({@code "0".."20"}, see the 1M README).
 *
 * @param userId user id
 * @param age age or age band, &gt;= 0
 * @param gender {@code "M"} or {@code "F"}
 * @param occupation occupation word (100K) or code (1M)
 * @param zip zip code as written (may contain letters)
 */
public record MovieLensUser(int userId, int age, String gender, String occupation, String zip) {
  /**
   * Checks the fields.
   *
   * @throws IllegalArgumentException if {@code age < 0} or a string is null
   */
  public MovieLensUser {
    Check.nonNegative("age", age);
    Check.notNull("gender", gender);
    Check.notNull("occupation", occupation);
    Check.notNull("zip", zip);
  }
}
