package io.ctpipe.models.runtime;

/** What makes two sessions interchangeable: the model file's SHA-256 and the session settings. */
record SessionKey(String sha256, SessionSettings settings) {}
