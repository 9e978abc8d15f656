/**
 * The loop kit: everything a loop provider needs, and the only package a provider imports besides
 * {@code dev.loopharness.api}.
 *
 * <h2>Stable (a provider may build on it; changes are additive)</h2>
 * <ul>
 *   <li>The provider contract: {@link dev.loopharness.engine.kit.LoopProvider} (found with {@code
 *       ServiceLoader} under {@code META-INF/services/dev.loopharness.engine.kit.LoopProvider}, chosen by
 *       {@code harness.loop.provider}), {@link dev.loopharness.engine.kit.LoopGroup}, {@link
 *       dev.loopharness.engine.kit.HarnessLoop}, {@link dev.loopharness.engine.kit.LoopSettings}, {@link
 *       dev.loopharness.engine.kit.LoopSpec}.
 *   <li>{@link dev.loopharness.engine.kit.AbstractLoopGroup}: closed state, the carrier pool (reusable
 *       harness threads: a new loop starts no thread), the blocked-loop watchdog, threads stuck at
 *       the end of the run. A provider implements {@code createLoop}; optionally {@code closeLoops}
 *       (bounded shutdown at the end of the run) and {@code newCarrierThread} (its thread type).
 *   <li>{@link dev.loopharness.engine.kit.AbstractHarnessLoop}: identity, close state and refusal (the
 *       {@code LoopClosedException} text and the {@code CLOSED_LOOP} record), the ledger of tracked
 *       work with pruning of ended owners, the whole {@code Loop} API (spawn, submit, schedule,
 *       track, pending work), harness actions and barriers for the drain. A provider implements
 *       {@code enqueue}, {@code enqueueHarness}, {@code newTimer} (native scheduling), {@code wake},
 *       {@code shutDown}, {@code queuedCallbacks}, optionally {@code isIdle}, and the native views
 *       ({@code asExecutorService}, {@code unwrap}). It starts its thread with {@code
 *       startOnCarrier}; optionally it runs a function loop inline on a test's runner ({@code
 *       attachInline}, {@code runUntil}, {@code detachInline}), as the default loop and harness-netty's
 *       do, so that a test costs no thread hand-off.
 *   <li>{@link dev.loopharness.engine.kit.CallbackHook}: every callback runs through {@code runCallback}
 *       (or {@code callCallback} when its failure belongs to a future handed to the caller): as its
 *       owner, seen by the watchdog, and the one place where a throwable escaping a callback is
 *       caught ({@code callbackFailed}: the owner's {@code UNHANDLED_ERROR}); errors a library
 *       swallows instead go to {@link dev.loopharness.engine.kit.CallbackErrors}. Work queued by
 *       the kit is a {@link dev.loopharness.engine.kit.LoopCallback}; work arriving through a native API is wrapped with
 *       {@code callback(Runnable)}; later callbacks of something set up now (a channel's I/O) run
 *       as a {@link dev.loopharness.engine.kit.CapturedOwner}.
 *   <li>Tracked items and their texts: {@link dev.loopharness.engine.kit.TrackedItem} (base of a
 *       provider's items, e.g. a channel), {@link dev.loopharness.engine.kit.TrackedTimer} (base of a
 *       provider's timers), {@link dev.loopharness.engine.kit.TrackedTask} and {@link
 *       dev.loopharness.engine.kit.TrackedHandle} (the kit's own); {@link
 *       dev.loopharness.engine.kit.ObservedFuture} for futures whose unobserved failure is an
 *       unhandled error.
 *   <li>{@link dev.loopharness.engine.kit.LoopClock}: one per loop; every "now" and every timer deadline of
 *       a loop reads it, and a provider's native scheduler runs on it. {@link
 *       dev.loopharness.engine.kit.LoopClock#real()} by default; a virtual clock extends it.
 *   <li>{@link dev.loopharness.engine.kit.HarnessThreads}: the harness-thread rule (a thread is the
 *       harness's because it was adopted, never because of its name; a provider's own carrier
 *       thread type overrides {@code getContextClassLoader()} with {@code carrierContextLoader}).
 *   <li>{@link dev.loopharness.engine.kit.CreationSites} and {@link dev.loopharness.engine.kit.OwnerTags}: where
 *       user code created something, and attribution of leaks a library reports later.
 * </ul>
 *
 * <h2>Not stable</h2>
 * The package-private classes (carrier pool, watchdog, ledger, refusal text builder) and every
 * method not named above; message texts change only with their golden files. The contract every
 * provider must pass is the test suite {@code dev.loopharness.engine.kit.contract.LoopContract} in
 * harness-engine's test jar: subclass it and name your provider.
 */
package dev.loopharness.engine.kit;
