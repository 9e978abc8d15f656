package dev.loopharness.engine.kit;

import dev.loopharness.engine.leak.Owner;

/** The future {@code Loop.submit} returns: its failure is an unhandled error unless someone looks at it. */
public final class SubmitFuture<T> extends ObservedFuture<T> {
  private final Owner owner;
  private final String loopName;

  private SubmitFuture(Owner owner, String loopName) {
    this.owner = owner;
    this.loopName = loopName;
  }

  /** A future owned by the current owner, else {@code loopOwner}. */
  public static <T> SubmitFuture<T> of(HarnessLoop loop, Owner loopOwner) {
    return new SubmitFuture<>(Owner.attribute(Owner.current(), loopOwner), loop.name());
  }

  @Override
  protected Owner failureOwner() {
    return Owner.attribute(owner, null);
  }

  @Override
  public String what() {
    return "the callable of submit on loop " + loopName;
  }

  @Override
  public String creationSite() {
    return "";
  }
}
