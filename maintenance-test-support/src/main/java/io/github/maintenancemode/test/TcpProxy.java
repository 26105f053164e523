package io.github.maintenancemode.test;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import org.jspecify.annotations.Nullable;

/**
 * A TCP proxy on the loopback interface that stands for the network between the
 * application and its state store: {@link #cut()} drops every connection and refuses new
 * ones, {@link #restore()} accepts them again on the same port.
 */
public final class TcpProxy implements AutoCloseable {

	private final InetAddress loopback = InetAddress.getLoopbackAddress();

	private final int targetPort;

	private final int port;

	private final Set<Socket> sockets = ConcurrentHashMap.newKeySet();

	private final ExecutorService executor = Executors.newCachedThreadPool((task) -> {
		Thread thread = new Thread(task, "reliability-tcp-proxy");
		thread.setDaemon(true);
		return thread;
	});

	private @Nullable ServerSocket server;

	public TcpProxy(int targetPort) throws IOException {
		this.targetPort = targetPort;
		ServerSocket server = bind(0);
		this.port = server.getLocalPort();
		listen(server);
	}

	public int port() {
		return this.port;
	}

	/**
	 * Drop every open connection and refuse new ones.
	 * @throws IOException if the listening socket cannot be closed
	 */
	public synchronized void cut() throws IOException {
		if (this.server != null) {
			this.server.close();
			this.server = null;
		}
		for (Socket socket : this.sockets) {
			closeQuietly(socket);
		}
		this.sockets.clear();
	}

	/**
	 * Accept connections again, on the same port.
	 * @throws IOException if the port cannot be bound
	 */
	public synchronized void restore() throws IOException {
		if (this.server == null) {
			listen(bind(this.port));
		}
	}

	@Override
	public void close() throws IOException {
		cut();
		this.executor.shutdownNow();
	}

	private ServerSocket bind(int port) throws IOException {
		ServerSocket server = new ServerSocket();
		server.setReuseAddress(true);
		server.bind(new InetSocketAddress(this.loopback, port));
		return server;
	}

	private void listen(ServerSocket server) {
		this.server = server;
		this.executor.execute(() -> accept(server));
	}

	private void accept(ServerSocket server) {
		while (!server.isClosed()) {
			try {
				Socket client = server.accept();
				Socket target = new Socket(this.loopback, this.targetPort);
				if (register(server, client, target)) {
					this.executor.execute(() -> pipe(client, target));
					this.executor.execute(() -> pipe(target, client));
				}
			}
			catch (IOException ex) {
				// the proxy was cut or closed
			}
		}
	}

	private synchronized boolean register(ServerSocket server, Socket client, Socket target) {
		if (this.server != server) {
			closeQuietly(client);
			closeQuietly(target);
			return false;
		}
		this.sockets.add(client);
		this.sockets.add(target);
		return true;
	}

	private void pipe(Socket from, Socket to) {
		byte[] buffer = new byte[8192];
		try {
			InputStream in = from.getInputStream();
			OutputStream out = to.getOutputStream();
			int read;
			while ((read = in.read(buffer)) != -1) {
				out.write(buffer, 0, read);
				out.flush();
			}
		}
		catch (IOException ex) {
			// one side went away
		}
		finally {
			closeQuietly(from);
			closeQuietly(to);
			this.sockets.remove(from);
			this.sockets.remove(to);
		}
	}

	private static void closeQuietly(Socket socket) {
		try {
			socket.close();
		}
		catch (IOException ex) {
			// already closed
		}
	}

}
