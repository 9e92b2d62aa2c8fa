package io.ctpipe.dicom.fuzz;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Seeded mutations of DICOM files, the kinds that real transfers and broken writers produce: truncation, byte
 * flips, 16/32-bit fields set to huge or boundary values (element lengths, rows, frame counts), repeated, removed
 * and inserted chunks, and splices of two files. The same seed gives the same inputs.
 */
final class Mutator {
  private static final int[] BOUNDARY_32 = {0xFFFFFFFF, 0x7FFFFFFF, 0x80000000, 0xFFFFFFFE, 0x00010000, 0, 1};
  private static final int[] BOUNDARY_16 = {0xFFFF, 0x8000, 0x7FFF, 0, 1, 0xFFFE};

  private final SplittableRandom random;
  private final List<byte[]> seeds;

  Mutator(long seed, List<byte[]> seeds) {
    this.random = new SplittableRandom(seed);
    this.seeds = seeds;
  }

  /** A mutated copy of a random seed with one to three mutations applied. */
  byte[] next() {
    byte[] data = seeds.get(random.nextInt(seeds.size())).clone();
    int rounds = 1 + random.nextInt(3);
    for (int i = 0; i < rounds && data.length > 0; i++) {
      data = mutate(data);
    }
    return data;
  }

  private byte[] mutate(byte[] data) {
    switch (random.nextInt(8)) {
      case 0:
        return Arrays.copyOf(data, random.nextInt(data.length));
      case 1:
        for (int n = 1 + random.nextInt(8); n > 0; n--) {
          data[random.nextInt(data.length)] ^= (byte) (1 << random.nextInt(8));
        }
        return data;
      case 2:
        return putInt(data, BOUNDARY_32[random.nextInt(BOUNDARY_32.length)], 4);
      case 3:
        return putInt(data, BOUNDARY_16[random.nextInt(BOUNDARY_16.length)], 2);
      case 4:
        return repeatChunk(data);
      case 5:
        return deleteChunk(data);
      case 6:
        return insertRandom(data);
      default:
        return splice(data);
    }
  }

  /** Writes a little-endian value at an even offset, where element lengths and binary values sit. */
  private byte[] putInt(byte[] data, int value, int width) {
    if (data.length < width) {
      return data;
    }
    int at = random.nextInt(data.length - width + 1) & ~1;
    for (int b = 0; b < width; b++) {
      data[at + b] = (byte) (value >>> (8 * b));
    }
    return data;
  }

  private byte[] repeatChunk(byte[] data) {
    int from = random.nextInt(data.length);
    int length = Math.min(data.length - from, 1 + random.nextInt(256));
    int times = 1 + random.nextInt(4);
    byte[] out = new byte[data.length + length * times];
    System.arraycopy(data, 0, out, 0, from + length);
    for (int t = 1; t <= times; t++) {
      System.arraycopy(data, from, out, from + length * t, length);
    }
    System.arraycopy(data, from + length, out, from + length * (times + 1), data.length - from - length);
    return out;
  }

  private byte[] deleteChunk(byte[] data) {
    int from = random.nextInt(data.length);
    int length = Math.min(data.length - from, 1 + random.nextInt(256));
    byte[] out = new byte[data.length - length];
    System.arraycopy(data, 0, out, 0, from);
    System.arraycopy(data, from + length, out, from, data.length - from - length);
    return out;
  }

  private byte[] insertRandom(byte[] data) {
    int at = random.nextInt(data.length + 1);
    byte[] noise = new byte[1 + random.nextInt(64)];
    for (int i = 0; i < noise.length; i++) {
      noise[i] = (byte) random.nextInt(256);
    }
    byte[] out = new byte[data.length + noise.length];
    System.arraycopy(data, 0, out, 0, at);
    System.arraycopy(noise, 0, out, at, noise.length);
    System.arraycopy(data, at, out, at + noise.length, data.length - at);
    return out;
  }

  private byte[] splice(byte[] data) {
    byte[] other = seeds.get(random.nextInt(seeds.size()));
    if (other.length == 0) {
      return data;
    }
    int cut = random.nextInt(data.length);
    int from = random.nextInt(other.length);
    byte[] out = Arrays.copyOf(data, cut + other.length - from);
    System.arraycopy(other, from, out, cut, other.length - from);
    return out;
  }
}
