package dev.loopharness.netty;

import dev.loopharness.api.LeakKind;
import dev.loopharness.engine.kit.TrackedItem;
import io.netty.channel.Channel;
import io.netty.channel.ServerChannel;
import io.netty.util.AttributeKey;
import java.net.SocketAddress;
import java.util.concurrent.CompletableFuture;

/** A channel registered on a harness loop: a RESOURCE of its owner until it closes. */
final class ChannelItem extends TrackedItem {
  private static final AttributeKey<ChannelItem> ITEM = AttributeKey.valueOf(ChannelItem.class, "item");

  private final Channel channel;
  private final boolean accepted;

  /** The item of {@code channel}, whose site is {@code site}, or its server channel's for an accepted one. */
  ChannelItem(NettyLoop loop, Channel channel, String site) {
    super(loop, serverSite(channel, site));
    this.channel = channel;
    this.accepted = server(channel) != null;
    channel.attr(ITEM).set(this);
  }

  private static ChannelItem server(Channel channel) {
    return channel.parent() == null ? null : channel.parent().attr(ITEM).get();
  }

  private static String serverSite(Channel channel, String site) {
    ChannelItem server = server(channel);
    return server != null ? server.creationSite() : site;
  }

  /** The channel closed or failed to register: off the ledger. */
  void closed() {
    untrack();
  }

  @Override
  public LeakKind kind() {
    return LeakKind.RESOURCE;
  }

  /**
   * E.g. {@code channel NioSocketChannel /127.0.0.1:50212 -> /127.0.0.1:41237 opened at A.b(A.java:3)};
   * a channel a server accepted names where the server was opened.
   */
  @Override
  public String summary() {
    String how = accepted ? " accepted by the server channel opened at " : " opened at ";
    String site = creationSite();
    return "channel " + addresses(channel) + (site.isEmpty() ? "" : how + site);
  }

  @Override
  public String describe() {
    return summary() + (creationSite().isEmpty() ? " never closed" : ", never closed");
  }

  static String addresses(Channel channel) {
    String type = channel.getClass().getSimpleName();
    SocketAddress local = channel.localAddress();
    SocketAddress remote = channel.remoteAddress();
    if (channel instanceof ServerChannel) {
      return type + (local != null ? " listening on " + local : " (not bound)");
    }
    if (remote != null) {
      return type + " " + (local != null ? local : "?") + " -> " + remote;
    }
    return type + (local != null ? " bound to " + local : " (not connected)");
  }

  @Override
  public String origin() {
    return "channel " + loop().name() + " " + channel.getClass().getName() + " " + creationSite();
  }

  /** A connection may close by itself when its peer closes (Netty reads the EOF); so may a close in progress. */
  @Override
  public boolean maySettle() {
    return !(channel instanceof ServerChannel) || !channel.isOpen();
  }

  @Override
  public CompletableFuture<Void> stop() {
    if (!channel.isOpen()) {
      untrack();
      return CompletableFuture.completedFuture(null);
    }
    // Closed on its loop, so its handlers see channelInactive where they run; Netty's close does not block.
    return runAsHarness(channel::close, false);
  }

  @Override
  public String toString() {
    return "channel " + addresses(channel) + (channel.isOpen() ? " (open)" : " (closed)");
  }
}
