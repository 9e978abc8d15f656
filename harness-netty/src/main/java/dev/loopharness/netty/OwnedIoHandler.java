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

/**
 * Netty's NIO handler, with each channel's I/O events run as the owner that registered the channel,
 * so what a handler does on a read (allocate a buffer, submit work) is attributed to that owner.
 */
final class OwnedIoHandler implements IoHandler {
  private final IoHandler delegate;
  private final NettyLoop loop;

  private OwnedIoHandler(IoHandler delegate, NettyLoop loop) {
    this.delegate = delegate;
    this.loop = loop;
  }

  IoHandler delegate() {
    return delegate;
  }

  @Override
  public void initialize() {
    delegate.initialize();
  }

  @Override
  public int run(IoHandlerContext context) {
    return delegate.run(context);
  }

  @Override
  public void prepareToDestroy() {
    delegate.prepareToDestroy();
  }

  @Override
  public void destroy() {
    delegate.destroy();
  }

  @Override
  public IoRegistration register(IoHandle handle) throws Exception {
    // Registration runs in a task queued by whoever registered the channel, so the current owner is theirs.
    IoHandle owned = handle instanceof NioIoHandle nio ? new OwnedHandle(nio, loop.captureOwner()) : handle;
    return delegate.register(owned);
  }

  @Override
  public void wakeup() {
    delegate.wakeup();
  }

  @Override
  public boolean isCompatible(Class<? extends IoHandle> handleType) {
    return delegate.isCompatible(handleType);
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
      return new OwnedIoHandler(nio.newHandler(executor), loop);
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
