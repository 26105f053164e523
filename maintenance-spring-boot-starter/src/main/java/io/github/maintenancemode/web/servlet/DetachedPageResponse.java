package io.github.maintenancemode.web.servlet;

import java.io.PrintWriter;

import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;

/**
 * The response as the maintenance page's template sees it while it is rendered: URLs are
 * not rewritten with a session id, and nothing the template does reaches the real
 * response (the page is written later, from its cached bytes).
 */
final class DetachedPageResponse extends HttpServletResponseWrapper {

	private static final String NOT_WRITTEN_HERE = "The maintenance page is written from its cached bytes";

	DetachedPageResponse(HttpServletResponse response) {
		super(response);
	}

	@Override
	public String encodeURL(String url) {
		return url;
	}

	@Override
	public String encodeRedirectURL(String url) {
		return url;
	}

	@Override
	public void addCookie(Cookie cookie) {
	}

	@Override
	public void setHeader(String name, String value) {
	}

	@Override
	public void addHeader(String name, String value) {
	}

	@Override
	public void setDateHeader(String name, long date) {
	}

	@Override
	public void addDateHeader(String name, long date) {
	}

	@Override
	public void setIntHeader(String name, int value) {
	}

	@Override
	public void addIntHeader(String name, int value) {
	}

	@Override
	public void setStatus(int status) {
	}

	@Override
	public void setContentType(String type) {
	}

	@Override
	public void setCharacterEncoding(String charset) {
	}

	@Override
	public void setContentLength(int length) {
	}

	@Override
	public void setContentLengthLong(long length) {
	}

	@Override
	public void sendError(int status) {
	}

	@Override
	public void sendError(int status, String message) {
	}

	@Override
	public void sendRedirect(String location) {
	}

	@Override
	public ServletOutputStream getOutputStream() {
		throw new IllegalStateException(NOT_WRITTEN_HERE);
	}

	@Override
	public PrintWriter getWriter() {
		throw new IllegalStateException(NOT_WRITTEN_HERE);
	}

}
