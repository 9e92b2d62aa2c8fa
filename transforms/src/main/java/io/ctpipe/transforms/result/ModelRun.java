package io.ctpipe.transforms.result;

/**
 * Which model ran on a series and on what: its card's id, version and SHA-256 ("" when the card gives none), whether
 * it is an untrained replica, the backend/precision that ran it (e.g. onednn/bf16) and why that differs from the one
 * asked for (null when it does not, and in rows of runs before it was recorded).
 */
public record ModelRun(String id, String version, String sha256, boolean untrained, String runtime,
    String runtimeNote) {}
