package dev.loopharness.sample;

/** The port of the session's {@link dev.loopharness.sample.kv.KvServer}, for tests that connect by themselves. */
public record ServerPort(int value) {}
