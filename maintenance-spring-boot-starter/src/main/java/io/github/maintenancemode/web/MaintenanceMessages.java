package io.github.maintenancemode.web;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import org.springframework.context.MessageSource;
import org.springframework.context.support.ResourceBundleMessageSource;

/**
 * The texts of the maintenance responses. The starter ships them in the {@link #LANGUAGES
 * languages} below; an application overrides any of them by defining its key in its own
 * {@link MessageSource}, for the locales it defines it for:
 * <ul>
 * <li>a key in a language file of the application ({@code messages_de.properties})
 * overrides the text in that language;</li>
 * <li>a key only in the application's base file ({@code messages.properties}) overrides
 * the English text and the text in every language that the starter does not ship, but not
 * the starter's own translations, so that a visitor never gets a page in two
 * languages.</li>
 * </ul>
 */
public class MaintenanceMessages {

	/**
	 * The languages the starter ships its texts in, English (its base) first.
	 */
	public static final Set<String> LANGUAGES = Set.of("en", "de", "fr", "es", "it", "pt", "nl", "pl", "ja", "ko",
			"zh");

	private static final String BUNDLE = "io/github/maintenancemode/messages";

	/**
	 * A language no application has texts for ("no linguistic content"): what the
	 * application answers for it is what every language it has no file for gets (its base
	 * file, or the system locale's file).
	 */
	private static final Locale UNTRANSLATED = Locale.forLanguageTag("zxx");

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
			if (text != null && (!isTranslatedHere(locale) || !isFallbackText(key, text))) {
				return text;
			}
		}
		return this.defaults.getMessage(key, null, locale);
	}

	private static boolean isTranslatedHere(Locale locale) {
		String language = locale.getLanguage();
		return !language.isEmpty() && !language.equals("en") && LANGUAGES.contains(language);
	}

	/**
	 * Whether the application's text is the one that every locale gets that the
	 * application has no file of its own for.
	 */
	private boolean isFallbackText(String key, String text) {
		String fallback = Objects.requireNonNull(this.applicationMessages).getMessage(key, null, null, UNTRANSLATED);
		return text.equals(fallback);
	}

}
