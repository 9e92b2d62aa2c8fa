package io.ctpipe.models.tiling;

/**
 * A few (label, value, exact) entries ranked by value, highest first, the lower label first on a tie (FULL's argmax
 * rule): {@link #add} them, then {@link #sort}.
 */
final class RankedLabels {
  private final int[] labels;
  private final float[] values;
  private final boolean[] exact;
  private int size;

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
