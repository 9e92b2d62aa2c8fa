package io.ctpipe.models.tiling;

/**
 * A few (label, value, exact) entries ranked by value, highest first, the lower label first on a tie (FULL's argmax
 * rule). Used two ways: {@link #add} then {@link #sort}, or {@link #begin}/{@link #offer} to keep only the best n of
 * a stream of labels offered in increasing label order.
 */
final class RankedLabels {
  private final int[] labels;
  private final float[] values;
  private final boolean[] exact;
  private int size;
  private int limit;

  RankedLabels(int capacity) {
    labels = new int[capacity];
    values = new float[capacity];
    exact = new boolean[capacity];
  }

  void clear() {
    size = 0;
  }

  void add(int label, float value, boolean isExact) {
    labels[size] = label;
    values[size] = value;
    exact[size] = isExact;
    size++;
  }

  /** Insertion sort: value descending, label ascending. */
  void sort() {
    for (int i = 1; i < size; i++) {
      int j = i;
      while (j > 0 && before(labels[j], values[j], labels[j - 1], values[j - 1])) {
        swap(j, j - 1);
        j--;
      }
    }
  }

  /** Starts keeping the best {@code n} of the labels offered next. */
  void begin(int n) {
    size = 0;
    limit = n;
  }

  /** Offers a label; kept when among the best {@code n} so far (an earlier, lower label wins a tie). */
  void offer(int label, float value) {
    if (size == limit && !(value > values[size - 1])) {
      return;
    }
    int j = size == limit ? size - 1 : size++;
    labels[j] = label;
    values[j] = value;
    exact[j] = false;
    while (j > 0 && values[j] > values[j - 1]) {
      swap(j, j - 1);
      j--;
    }
  }

  int size() {
    return size;
  }

  int label(int i) {
    return labels[i];
  }

  float value(int i) {
    return values[i];
  }

  boolean exact(int i) {
    return exact[i];
  }

  private static boolean before(int labelA, float valueA, int labelB, float valueB) {
    return valueA > valueB || (valueA == valueB && labelA < labelB);
  }

  private void swap(int a, int b) {
    int l = labels[a];
    labels[a] = labels[b];
    labels[b] = l;
    float v = values[a];
    values[a] = values[b];
    values[b] = v;
    boolean e = exact[a];
    exact[a] = exact[b];
    exact[b] = e;
  }
}
