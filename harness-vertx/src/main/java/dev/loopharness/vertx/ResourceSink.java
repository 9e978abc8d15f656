package dev.loopharness.vertx;

/** Where a harness loop's Vert.x context reports the resources opened on it. */
interface ResourceSink {

  /**
   * Tracks {@code resource} as a resource of the current owner (the loop's own if none).
   *
   * @return what stops tracking it, called once when Vert.x has closed it
   */
  Runnable track(VertxResource resource);
}
