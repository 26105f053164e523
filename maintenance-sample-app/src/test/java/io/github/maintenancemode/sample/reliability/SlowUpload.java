package io.github.maintenancemode.sample.reliability;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * A JSON {@code POST} whose head is sent at once and whose body follows only when asked:
 * the server admits the request and the application waits for the body meanwhile.
 */
final class SlowUpload implements AutoCloseable {

	private final Socket socket;

	private final byte[] body;

	private SlowUpload(Socket socket, byte[] body) {
		this.socket = socket;
		this.body = body;
	}

	static SlowUpload start(int port, String path, String json) throws IOException {
		byte[] body = json.getBytes(StandardCharsets.UTF_8);
		Socket socket = new Socket(InetAddress.getLoopbackAddress(), port);
		socket.setSoTimeout(20_000);
		OutputStream out = socket.getOutputStream();
		out.write(("POST " + path + " HTTP/1.1\r\nHost: 127.0.0.1:" + port
				+ "\r\nContent-Type: application/json\r\nAccept: application/json\r\nContent-Length: " + body.length
				+ "\r\nConnection: close\r\n\r\n")
			.getBytes(StandardCharsets.US_ASCII));
		out.flush();
		return new SlowUpload(socket, body);
	}

	/**
	 * Send the body and read the whole response.
	 * @return the response
	 * @throws IOException on a network error
	 */
	String finish() throws IOException {
		OutputStream out = this.socket.getOutputStream();
		out.write(this.body);
		out.flush();
		return new String(this.socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
	}

	@Override
	public void close() throws IOException {
		this.socket.close();
	}

}
