package edgebox.proxy;

import java.io.IOException;
import java.lang.reflect.Proxy;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.Function;

import edgebox.api.net.ListenerHub;
import edgebox.api.net.ListenerLease;
import edgebox.api.net.Transport;
import edgebox.proxy.route.ListenerInfo;
import edgebox.proxy.route.PortTable;
import edgebox.proxy.route.ProxySnapshot;
import edgebox.proxy.route.RequestHead;
import edgebox.proxy.route.RouteDecision;
import edgebox.proxy.route.SnapshotSource;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.DatagramChannel;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioDatagramChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;

/** The services ProxyComponent needs, made small for an open-box test: NIO transport, a plain hub, a source. */
final class TestWiring {

    private TestWiring() {
    }

    static final class NioTransport implements Transport, AutoCloseable {
        final EventLoopGroup group = new MultiThreadIoEventLoopGroup(2, NioIoHandler.newFactory());

        @Override
        public String name() {
            return "nio";
        }

        @Override
        public EventLoopGroup group() {
            return group;
        }

        @Override
        public Class<? extends ServerChannel> serverChannel() {
            return NioServerSocketChannel.class;
        }

        @Override
        public Class<? extends SocketChannel> socketChannel() {
            return NioSocketChannel.class;
        }

        @Override
        public Class<? extends DatagramChannel> datagramChannel() {
            return NioDatagramChannel.class;
        }

        @Override
        public void close() {
            group.shutdownGracefully(0, 1, java.util.concurrent.TimeUnit.SECONDS).syncUninterruptibly();
        }
    }

    /** Binds on lease and unbinds on close (no hand-over: that is the net bundle's). */
    static final class PlainHub implements ListenerHub {
        private final Transport transport;

        PlainHub(Transport transport) {
            this.transport = transport;
        }

        @Override
        public ListenerLease lease(InetSocketAddress address, ChannelHandler childInitializer) throws IOException {
            Channel server;
            try {
                server = new ServerBootstrap().group(transport.group()).channel(transport.serverChannel())
                        .childHandler(childInitializer).bind(address).sync().channel();
            } catch (Exception e) {
                throw new IOException("cannot bind " + address + ": " + e.getMessage(), e);
            }
            return new ListenerLease() {
                @Override
                public InetSocketAddress address() {
                    return (InetSocketAddress) server.localAddress();
                }

                @Override
                public void close() {
                    server.close().syncUninterruptibly();
                }
            };
        }
    }

    static final class Source implements SnapshotSource {
        private volatile ProxySnapshot current = snapshot(Map.of());
        private final List<Consumer<ProxySnapshot>> subscribers = new CopyOnWriteArrayList<>();

        @Override
        public ProxySnapshot current() {
            return current;
        }

        @Override
        public AutoCloseable subscribe(Consumer<ProxySnapshot> subscriber) {
            subscribers.add(subscriber);
            subscriber.accept(current);
            return () -> subscribers.remove(subscriber);
        }

        void publish(ProxySnapshot s) {
            current = s;
            subscribers.forEach(c -> c.accept(s));
        }
    }

    static ProxySnapshot snapshot(Map<InetSocketAddress, PortTable> ports) {
        return new ProxySnapshot() {
            @Override
            public long version() {
                return ports.size();
            }

            @Override
            public Map<InetSocketAddress, PortTable> ports() {
                return ports;
            }
        };
    }

    static PortTable plainPort(int port, Function<RequestHead, RouteDecision> routing) {
        return new PortTable() {
            @Override
            public List<ListenerInfo> listeners() {
                return List.of(new ListenerInfo("ns/gw", "http", port, ListenerInfo.Protocol.HTTP, "",
                        ListenerInfo.TlsMode.NONE, List.of()));
            }

            @Override
            public boolean tls() {
                return false;
            }

            @Override
            public ListenerInfo tlsListener(String sni) {
                return null;
            }

            @Override
            public RouteDecision passthrough(ListenerInfo listener, String sni) {
                return new RouteDecision.Respond(500, "none");
            }

            @Override
            public RouteDecision route(ListenerInfo listener, RequestHead request) {
                return routing.apply(request);
            }
        };
    }

    /** A ProxyConfig with its defaults, some replaced ({@code name -> value}). */
    static ProxyConfig config(Map<String, Object> overrides) {
        return (ProxyConfig) Proxy.newProxyInstance(ProxyConfig.class.getClassLoader(),
                new Class<?>[] {ProxyConfig.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "annotationType" -> ProxyConfig.class;
                    case "toString" -> "ProxyConfig" + overrides;
                    case "hashCode" -> 0;
                    case "equals" -> proxy == args[0];
                    default -> overrides.getOrDefault(method.getName(), method.getDefaultValue());
                });
    }
}
