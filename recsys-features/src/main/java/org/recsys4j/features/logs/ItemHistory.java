package org.recsys4j.features.logs;

import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import org.recsys4j.core.Check;

/**
 * A user's most recent clicked items strictly before an exposure, oldest first and most recent
 * last, with the values of the mapped history attributes of each clicked item (e.g. its category).
 *
 * <p>Built by {@link LogPipeline} from the click log: a click enters its user's history at the
 * click's time, with the item and attributes of the exposure it was attributed to. Immutable; one
 * instance is shared by the exposures of a user that see the same history.
 */
public final class ItemHistory {
  /** The empty history without attributes. */
  public static final ItemHistory EMPTY =
      new ItemHistory(List.of(), new String[0], new Object[0][]);

  private final List<String> attributeNames;
  private final String[] items;
  private final Object[][] attributes;

  private ItemHistory(List<String> attributeNames, String[] items, Object[][] attributes) {
    this.attributeNames = attributeNames;
    this.items = items;
    this.attributes = attributes;
  }

  /**
   * A history of {@code items} (most recent last) and, per history attribute named in {@code
   * attributeNames}, the aligned values.
   *
   * @throws IllegalArgumentException if an item is null, the attribute count differs from the names
   *     or an attribute's length from the items
   */
  public static ItemHistory of(
      List<String> attributeNames, List<String> items, List<List<?>> attributes) {
    List<String> names = List.copyOf(Check.notNull("itemHistory.attributeNames", attributeNames));
    Check.notNull("itemHistory.items", items);
    Check.notNull("itemHistory.attributes", attributes);
    String[] it = items.toArray(new String[0]);
    for (int i = 0; i < it.length; i++) {
      Check.notNull("itemHistory.items[" + i + "]", it[i]);
    }
    Check.arg(
        attributes.size() == names.size(),
        "itemHistory.attributes.size",
        attributes.size(),
        "must equal attributeNames.size=" + names.size());
    Object[][] at = new Object[attributes.size()][];
    for (int k = 0; k < at.length; k++) {
      at[k] = attributes.get(k).toArray();
      Check.arg(
          at[k].length == it.length,
          "itemHistory.attributes[" + k + "].size",
          at[k].length,
          "must equal items.size=" + it.length);
    }
    return new ItemHistory(names, it, at);
  }

  /** Wraps arrays handed over by the caller. */
  static ItemHistory wrap(List<String> attributeNames, String[] items, Object[][] attributes) {
    return new ItemHistory(attributeNames, items, attributes);
  }

  /** The names of the history attributes (exposure attribute columns). */
  public List<String> attributeNames() {
    return attributeNames;
  }

  /** Number of clicked items. */
  public int size() {
    return items.length;
  }

  /** The clicked items, most recent last (an unmodifiable view). */
  public List<String> items() {
    return Collections.unmodifiableList(Arrays.asList(items));
  }

  /** Number of history attributes. */
  public int attributeCount() {
    return attributes.length;
  }

  /** The values of history attribute {@code k}, aligned with {@link #items()} (a view). */
  public List<Object> attribute(int k) {
    return Collections.unmodifiableList(Arrays.asList(attributes[k]));
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ItemHistory h
        && attributeNames.equals(h.attributeNames)
        && Arrays.equals(items, h.items)
        && Arrays.deepEquals(attributes, h.attributes);
  }

  @Override
  public int hashCode() {
    return 31 * (31 * attributeNames.hashCode() + Arrays.hashCode(items))
        + Arrays.deepHashCode(attributes);
  }

  @Override
  public String toString() {
    return "ItemHistory"
        + Arrays.toString(items)
        + (attributes.length == 0 ? "" : attributeNames + Arrays.deepToString(attributes));
  }
}
