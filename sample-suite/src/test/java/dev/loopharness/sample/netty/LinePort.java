package dev.loopharness.sample.netty;

/** The port of the session's {@link LineServer}, for tests that connect by themselves. */
public record LinePort(int value) {}
