package io.ctpipe.models.checkpoint;

import java.util.Map;

/** The storage classes a state dict may use, with their element size. */
enum StorageType {
  FLOAT32("FloatStorage", 4), FLOAT16("HalfStorage", 2), BFLOAT16("BFloat16Storage", 2), INT64("LongStorage", 8);

  private static final Map<String, StorageType> BY_CLASS = Map.of("FloatStorage", FLOAT32, "HalfStorage", FLOAT16,
      "BFloat16Storage", BFLOAT16, "LongStorage", INT64);

  final String className;
  final int bytes;

  StorageType(String className, int bytes) {
    this.className = className;
    this.bytes = bytes;
  }

  static StorageType ofClass(String name) {
    return BY_CLASS.get(name);
  }

  String dtype() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
