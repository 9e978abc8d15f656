package dev.loopharness.engine.leak;

/** A failed task or future whose failure someone may still look at; see {@link UnhandledErrors}. */
public interface Retrievable {

  /** Whether anything looked at its outcome (join, get, handle, whenComplete, then*, ...). */
  boolean isRetrieved();

  /** The failure it completed with. */
  Throwable failure();

  /** What it is, e.g. {@code task 'refresh' spawned at A.b(A.java:3)}. */
  String what();

  /** Where it was created, or empty. */
  String creationSite();
}
