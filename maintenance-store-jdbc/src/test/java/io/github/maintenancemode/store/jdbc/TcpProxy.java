package io.github.maintenancemode.store.jdbc;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A TCP proxy on the loopback interface, to cut an application off its database: while
 * {@link #cut() cut}, open connections are closed and new ones refused (nothing listens
 * on the port); {@link #restore()} listens again on the same port.
 */
final class TcpProxy implements AutoCloseable {

	private final int targetPort;

	private final int port;

	private final ExecutorService executor = Executors.newCachedThreadPool((task) -> {
		Thread thread = new Thread(task, "tcp-proxy");
		thread.setDaemon(true);
		return thread;
	});

	private final Set<Socket> connections = new HashSet<>();

	private ServerSocket server;

	TcpProxy(int targetPort) throws IOException {
		this.targetPort = targetPort;
		this.server = listen(0);
		this.port = this.server.getLocalPort();
		acceptOn(this.server);
	}

	int getPort() {
		return this.port;
	}

	/**
	 * Close every open connection and stop listening.
	 * @throws IOException on failure
	 */
	synchronized void cut() throws IOException {
		this.server.close();
		for (Socket connection : this.connections) {
			connection.close();
		}
		this.connections.clear();
	}

	/**
	 * Listen again on the same port.
	 * @throws IOException on failure
	 */
	synchronized void restore() throws IOException {
		if (this.server.isClosed()) {
			this.server = listen(this.port);
			acceptOn(this.server);
		}
	}

	@Override
	public void close() throws IOException {
		cut();
		this.executor.shutdownNow();
	}

	private static ServerSocket listen(int port) throws IOException {
		ServerSocket server = new ServerSocket();
		server.setReuseAddress(true);
		server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
		return server;
	}

	private void acceptOn(ServerSocket server) {
		this.executor.execute(() -> {
			while (!server.isClosed()) {
				try {
					connect(server.accept());
				}
				catch (IOException ex) {
					// the proxy was cut: stop accepting on this socket
				}
			}
		});
	}

	private synchronized void connect(Socket client) throws IOException {
		if (this.server.isClosed()) {
			client.close();
			return;
		}
		Socket upstream;
		try {
			upstream = new Socket(InetAddress.getLoopbackAddress(), this.targetPort);
		}
		catch (IOException ex) {
			client.close();
			throw ex;
		}
		client.setTcpNoDelay(true);
		upstream.setTcpNoDelay(true);
		this.connections.add(client);
		this.connections.add(upstream);
		pipe(client, upstream);
		pipe(upstream, client);
	}

	private void pipe(Socket from, Socket to) {
		this.executor.execute(() -> {
			try (from; to) {
				from.getInputStream().transferTo(to.getOutputStream());
			}
			catch (IOException ex) {
				// the connection was cut or closed by one side
			}
			finally {
				forget(from, to);
			}
		});
	}

	private synchronized void forget(Socket from, Socket to) {
		this.connections.remove(from);
		this.connections.remove(to);
	}

}
