package io.github.maintenancemode.web;

import org.thymeleaf.context.IContext;

/**
 * The context one page is rendered in, with whatever a stack's adapter binds to the
 * thread for it, undone on {@link #close()}.
 */
public interface PageContextScope extends AutoCloseable {

	/**
	 * Return the template context of the render.
	 * @return the context
	 */
	IContext context();

	/**
	 * Undo what was bound to the thread for the render.
	 */
	@Override
	void close();

}
