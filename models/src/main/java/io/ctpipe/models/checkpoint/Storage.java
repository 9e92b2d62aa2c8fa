package io.ctpipe.models.checkpoint;

import java.nio.ByteBuffer;

/** The bytes of one tensor storage, in the checkpoint's byte order, holding {@code elements} values of {@code type}. */
record Storage(StorageType type, ByteBuffer data, long elements) {}
