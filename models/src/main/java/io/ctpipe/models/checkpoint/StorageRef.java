package io.ctpipe.models.checkpoint;

/** A persistent reference to a tensor storage: the record {@code data/KEY} of the checkpoint archive. */
record StorageRef(StorageType type, String key, long elements) {}
