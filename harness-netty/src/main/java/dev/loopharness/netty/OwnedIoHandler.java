package dev.loopharness.netty;

import dev.loopharness.engine.kit.CapturedOwner;
import io.netty.channel.IoEvent;
import io.netty.channel.IoHandle;
import io.netty.channel.IoHandler;
import io.netty.channel.IoHandlerContext;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.IoRegistration;
import io.netty.channel.nio.NioIoHandle;
import io.netty.channel.nio.NioIoHandler;
import io.netty.util.concurrent.ThreadAwareExecutor;
import java.nio.channels.SelectableChannel;
import java.util.concurrent.locks.LockSupport;

/**
 * Netty's NIO handler, with each channel's I/O events run as the owner that registered the channel,
 * so what a handler does on a read (allocate a buffer, submit work) is attributed to that owner.
 *
 * <p>Made when the first channel registers: Netty's handler opens a selector (an epoll instance and
 * its wake-up descriptor) as it is made, and most loops of a suite (a fresh one per test) never see
 * a channel. Until then the idle loop parks its thread, for as long as the selector would have
 * waited, and {@link #wakeup} unparks it.
 */
final class OwnedIoHandler implements IoHandler {
  private final IoHandlerFactory nio;
  private final ThreadAwareExecutor executor;
  private final NettyLoop loop;
  private volatile IoHandler delegate;
  private volatile Thread thread;
  private volatile boolean woken;

  private OwnedIoHandler(IoHandlerFactory nio, ThreadAwareExecutor executor, NettyLoop loop) {
    this.nio = nio;
    this.executor = executor;
    this.loop = loop;
  }

  /** The kind of handler it is, for {@code EventLoop.isIoType}. */
  static Class<? extends IoHandler> ioType() {
    return NioIoHandler.class;
  }

  /** Whether the NIO handler has been made (a channel registered). */
  boolean selectorOpen() {
    return delegate != null;
  }

  @Override
  public void initialize() {
    thread = Thread.currentThread();
    IoHandler d = delegate;
    if (d != null) {
      d.initialize();
    }
  }

  @Override
  public int run(IoHandlerContext context) {
    IoHandler d = delegate;
    if (d != null) {
      return d.run(context);
    }
    // As the selector would: block only with nothing to run, until woken or the next deadline.
    if (context.canBlock() && !woken) {
      long delay = context.delayNanos(System.nanoTime());
      if (delay > 0) {
        LockSupport.parkNanos(this, delay);
        // As Netty's select does: an interrupt ends the wait and is cleared, else every later park
        // would return at once and the idle loop would spin.
        Thread.interrupted();
      }
    }
    woken = false;
    return 0;
  }

  @Override
  public void prepareToDestroy() {
    IoHandler d = delegate;
    if (d != null) {
      d.prepareToDestroy();
    }
  }

  @Override
  public void destroy() {
    IoHandler d = delegate;
    if (d != null) {
      d.destroy();
    }
  }

  @Override
  public IoRegistration register(IoHandle handle) throws Exception {
    IoHandler d = delegate;
    if (d == null) {
      // On the loop's thread (Netty registers there), so made once.
      d = nio.newHandler(executor);
      d.initialize();
      delegate = d;
      if (woken) { // a wake-up that read no handler yet: pass it on, the selector may block next
        woken = false;
        d.wakeup();
      }
    }
    // Registration runs in a task queued by whoever registered the channel, so the current owner is theirs.
    IoHandle owned = handle instanceof NioIoHandle nioHandle ? new OwnedHandle(nioHandle, loop.captureOwner()) : handle;
    return d.register(owned);
  }

  @Override
  public void wakeup() {
    IoHandler d = delegate;
    if (d == null) {
      woken = true;
      Thread t = thread;
      if (t != null) {
        LockSupport.unpark(t);
      }
      d = delegate; // made meanwhile: its selector may already block
    }
    if (d != null) {
      d.wakeup();
    }
  }

  @Override
  public boolean isCompatible(Class<? extends IoHandle> handleType) {
    return NioIoHandle.class.isAssignableFrom(handleType);
  }

  /** Makes the NIO handler of each harness loop. */
  static final class Factory implements IoHandlerFactory {
    private final IoHandlerFactory nio = NioIoHandler.newFactory();
    private final NettyLoop loop;

    Factory(NettyLoop loop) {
      this.loop = loop;
    }

    @Override
    public IoHandler newHandler(ThreadAwareExecutor executor) {
      return new OwnedIoHandler(nio, executor, loop);
    }

    /** As NIO's: a suspended loop (after a runner ran it inline) may go on on another thread. */
    @Override
    public boolean isChangingThreadSupported() {
      return nio.isChangingThreadSupported();
    }
  }

  /** A channel's NIO handle whose events run as the channel's owner (the loop's once that owner ended), one callback each. */
  @SuppressWarnings("try") // Netty's NioIoHandle.close() declares Exception
  private static final class OwnedHandle implements NioIoHandle {
    private final NioIoHandle delegate;
    private final CapturedOwner owner;

    OwnedHandle(NioIoHandle delegate, CapturedOwner owner) {
      this.delegate = delegate;
      this.owner = owner;
    }

    @Override
    public SelectableChannel selectableChannel() {
      return delegate.selectableChannel();
    }

    @Override
    public void handle(IoRegistration registration, IoEvent ioEvent) {
      owner.run(() -> delegate.handle(registration, ioEvent));
    }

    @Override
    public void registered() {
      delegate.registered();
    }

    @Override
    public void unregistered() {
      delegate.unregistered();
    }

    @Override
    public void close() throws Exception {
      delegate.close();
    }
  }
}
