package dev.loopharness.vertx;

import io.netty.channel.Channel;
import io.netty.channel.ServerChannel;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.Collections;
import java.util.Map;
import java.util.WeakHashMap;

/**
 * The listening channels of the run's Vert.x servers (they live on Vert.x's acceptor loop, not on a
 * harness loop), so that a server left listening is reported with its address.
 */
final class ServerChannels {
  private final Map<Channel, Boolean> open = Collections.synchronizedMap(new WeakHashMap<>());

  void registered(Channel channel) {
    if (channel instanceof ServerChannel) {
      open.put(channel, Boolean.TRUE);
      channel.closeFuture().addListener(closed -> open.remove(channel));
    }
  }

  /** The address of the open listening channel bound to {@code port}, e.g. {@code 127.0.0.1:8080}; else {@code port N}. */
  String address(int port) {
    synchronized (open) {
      for (Channel channel : open.keySet()) {
        SocketAddress local = channel.localAddress();
        if (local instanceof InetSocketAddress inet && inet.getPort() == port) {
          return inet.getAddress().getHostAddress() + ":" + port;
        }
      }
    }
    return "port " + port;
  }
}
