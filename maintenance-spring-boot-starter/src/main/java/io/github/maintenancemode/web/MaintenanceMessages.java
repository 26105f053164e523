package io.github.maintenancemode.web;

import java.nio.charset.StandardCharsets;
import java.util.Locale;

import org.jspecify.annotations.Nullable;

import org.springframework.context.MessageSource;
import org.springframework.context.support.ResourceBundleMessageSource;

/**
 * The texts of the maintenance responses: the application's own {@link MessageSource}
 * first, so an application overrides any text by defining its key, then the English and
 * German texts shipped with the starter.
 */
public class MaintenanceMessages {

	private static final String BUNDLE = "io/github/maintenancemode/messages";

	private final @Nullable MessageSource applicationMessages;

	private final ResourceBundleMessageSource defaults;

	public MaintenanceMessages(@Nullable MessageSource applicationMessages) {
		this.applicationMessages = applicationMessages;
		this.defaults = new ResourceBundleMessageSource();
		this.defaults.setBasename(BUNDLE);
		this.defaults.setDefaultEncoding(StandardCharsets.UTF_8.name());
		this.defaults.setFallbackToSystemLocale(false);
	}

	/**
	 * Return the text for a key in a locale.
	 * @param key the message key, such as {@code maintenance.page.title}
	 * @param locale the locale
	 * @return the text
	 */
	public String get(String key, Locale locale) {
		if (this.applicationMessages != null) {
			String text = this.applicationMessages.getMessage(key, null, null, locale);
			if (text != null) {
				return text;
			}
		}
		return this.defaults.getMessage(key, null, locale);
	}

}
