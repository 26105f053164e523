package io.github.maintenancemode.benchmarks;

import java.util.Arrays;

import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServletResponseWrapper;
import org.jspecify.annotations.Nullable;

import org.springframework.mock.web.MockHttpServletResponse;

/**
 * A response that is recycled between invocations the way a servlet container recycles
 * its responses: headers go to fixed slots and the body to a buffer that is kept, so
 * writing a response allocates nothing here and whatever a benchmark allocates is the
 * filter's own. The mock response would not do: it allocates a holder per header and
 * copies the body one byte at a time, flushing after each. Methods the maintenance
 * response does not use fall through to a mock response.
 */
final class RecycledResponse extends HttpServletResponseWrapper {

	private static final int MAX_HEADERS = 16;

	private final String[] headerNames = new String[MAX_HEADERS];

	private final String[] headerValues = new String[MAX_HEADERS];

	private final Body body = new Body();

	private int headerCount;

	private int status = SC_OK;

	private @Nullable String contentType;

	private long contentLength = -1;

	RecycledResponse() {
		super(new MockHttpServletResponse());
	}

	/**
	 * Make the response ready for the next request.
	 */
	void recycle() {
		Arrays.fill(this.headerNames, 0, this.headerCount, null);
		Arrays.fill(this.headerValues, 0, this.headerCount, null);
		this.headerCount = 0;
		this.status = SC_OK;
		this.contentType = null;
		this.contentLength = -1;
		this.body.count = 0;
	}

	/**
	 * Return the number of body bytes written.
	 * @return the body length
	 */
	int bodyLength() {
		return this.body.count;
	}

	@Override
	public void setStatus(int status) {
		this.status = status;
	}

	@Override
	public int getStatus() {
		return this.status;
	}

	@Override
	public void setHeader(String name, @Nullable String value) {
		int index = indexOf(name);
		if (index >= 0) {
			this.headerValues[index] = (value != null) ? value : "";
		}
		else if (value != null) {
			addHeader(name, value);
		}
	}

	@Override
	public void addHeader(String name, String value) {
		this.headerNames[this.headerCount] = name;
		this.headerValues[this.headerCount] = value;
		this.headerCount++;
	}

	@Override
	public boolean containsHeader(String name) {
		return indexOf(name) >= 0;
	}

	@Override
	public @Nullable String getHeader(String name) {
		int index = indexOf(name);
		return (index >= 0) ? this.headerValues[index] : null;
	}

	private int indexOf(String name) {
		for (int i = 0; i < this.headerCount; i++) {
			if (this.headerNames[i].equalsIgnoreCase(name)) {
				return i;
			}
		}
		return -1;
	}

	@Override
	public void setContentType(@Nullable String type) {
		this.contentType = type;
	}

	@Override
	public @Nullable String getContentType() {
		return this.contentType;
	}

	@Override
	public void setContentLength(int length) {
		this.contentLength = length;
	}

	@Override
	public void setContentLengthLong(long length) {
		this.contentLength = length;
	}

	@Override
	public ServletOutputStream getOutputStream() {
		return this.body;
	}

	@Override
	public boolean isCommitted() {
		return false;
	}

	@Override
	public void reset() {
		recycle();
	}

	@Override
	public void resetBuffer() {
		this.body.count = 0;
	}

	/**
	 * The body buffer, kept across requests.
	 */
	private static final class Body extends ServletOutputStream {

		private byte[] buffer = new byte[16 * 1024];

		private int count;

		@Override
		public void write(int b) {
			ensureCapacity(1);
			this.buffer[this.count++] = (byte) b;
		}

		@Override
		public void write(byte[] bytes, int offset, int length) {
			ensureCapacity(length);
			System.arraycopy(bytes, offset, this.buffer, this.count, length);
			this.count += length;
		}

		private void ensureCapacity(int length) {
			if (this.count + length > this.buffer.length) {
				this.buffer = Arrays.copyOf(this.buffer, Math.max(this.buffer.length * 2, this.count + length));
			}
		}

		@Override
		public boolean isReady() {
			return true;
		}

		@Override
		public void setWriteListener(WriteListener listener) {
		}

	}

}
