package io.ctpipe.models.tiling;

import java.util.ArrayList;
import java.util.List;

/**
 * Square tiles of the plane across the streaming axis, each spanning every plane along it: a streaming
 * accumulation holds one tile's band at a time, so its memory depends on the tile, not on the plane.
 */
final class PlaneTiles {
  private PlaneTiles() {}

  /** The whole volume when {@code side} is 0, else tiles of {@code side} × {@code side} voxels (smaller at edges). */
  static List<Region> of(int[] size, int streamAxis, int side) {
    if (side == 0) {
      return List.of(Region.whole(size));
    }
    int a1 = streamAxis == 0 ? 1 : 0;
    int a2 = streamAxis == 2 ? 1 : 2;
    List<Region> tiles = new ArrayList<>();
    for (int lo1 = 0; lo1 < size[a1]; lo1 += side) {
      for (int lo2 = 0; lo2 < size[a2]; lo2 += side) {
        int[] lo = new int[3];
        int[] hi = size.clone();
        lo[a1] = lo1;
        hi[a1] = Math.min(size[a1], lo1 + side);
        lo[a2] = lo2;
        hi[a2] = Math.min(size[a2], lo2 + side);
        tiles.add(new Region(lo, hi));
      }
    }
    return tiles;
  }
}
