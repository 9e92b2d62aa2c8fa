package io.ctpipe.models.qa;

import java.util.Arrays;

/** Provisional component ids (1..n) with their voxel counts, merged as a scan finds them connected. */
final class UnionFind {
  private int[] parent = new int[1024];
  private long[] voxels = new long[1024];
  private int[] label = new int[1024];
  private int count;

  /** A new component of the given label; ids start at 1. */
  int create(int labelValue) {
    int id = ++count;
    if (id >= parent.length) {
      int size = parent.length * 2;
      parent = Arrays.copyOf(parent, size);
      voxels = Arrays.copyOf(voxels, size);
      label = Arrays.copyOf(label, size);
    }
    parent[id] = id;
    label[id] = labelValue;
    return id;
  }

  void addVoxel(int id) {
    voxels[id]++;
  }

  int find(int id) {
    int r = id;
    while (parent[r] != r) {
      parent[r] = parent[parent[r]];
      r = parent[r];
    }
    return r;
  }

  /** Joins two components; returns the root both now share. */
  int union(int a, int b) {
    int ra = find(a);
    int rb = find(b);
    if (ra == rb) {
      return ra;
    }
    int root = Math.min(ra, rb);
    parent[Math.max(ra, rb)] = root;
    return root;
  }

  int count() {
    return count;
  }

  int label(int id) {
    return label[id];
  }

  /** Voxels per id after merging: each root holds its whole component's count, other ids 0. */
  long[] componentVoxels() {
    long[] total = new long[count + 1];
    for (int id = 1; id <= count; id++) {
      total[find(id)] += voxels[id];
    }
    return total;
  }
}
