package io.github.maintenancemode.web;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.StringReader;
import java.nio.ByteBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNoException;

/**
 * Tests for the texts shipped in {@code io/github/maintenancemode/messages*.properties}:
 * every language has every English key, in the English order, translated, and in valid
 * UTF-8.
 */
class ShippedMessagesTests {

	private static final String FOLDER = "io/github/maintenancemode/";

	private static final String BASE = "en";

	private static final List<String> LANGUAGES = List.of(BASE, "de", "es", "fr", "it", "ja", "ko", "nl", "pl", "pt",
			"zh");

	private static final int MAX_TEXTS_AS_IN_ENGLISH = 1;

	static Stream<String> languages() {
		return LANGUAGES.stream();
	}

	static Stream<String> translations() {
		return LANGUAGES.stream().filter((language) -> !language.equals(BASE));
	}

	@Test
	void shipsAFileForEachListedLanguageAndNoOther() throws IOException {
		Resource[] resources = new PathMatchingResourcePatternResolver()
			.getResources("classpath*:" + FOLDER + "messages*.properties");
		List<String> languages = new ArrayList<>();
		for (Resource resource : resources) {
			String name = resource.getFilename();
			assertThat(name).matches("messages(_[a-z]{2})?\\.properties");
			languages.add(name.equals("messages.properties") ? BASE
					: name.substring("messages_".length(), name.length() - ".properties".length()));
		}
		assertThat(languages).containsExactlyInAnyOrderElementsOf(LANGUAGES);
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("languages")
	void decodesAsUtf8(String language) {
		byte[] bytes = bytes(language);
		CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
			.onMalformedInput(CodingErrorAction.REPORT)
			.onUnmappableCharacter(CodingErrorAction.REPORT);
		assertThatNoException().as(path(language)).isThrownBy(() -> decoder.decode(ByteBuffer.wrap(bytes)));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("languages")
	void namesItsOwnLanguage(String language) {
		assertThat(load(language).getProperty("maintenance.page.lang")).isEqualTo(language);
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("languages")
	void hasNoEmptyText(String language) {
		Properties texts = load(language);
		assertThat(texts.stringPropertyNames())
			.allSatisfy((key) -> assertThat(texts.getProperty(key)).as(key).isNotBlank());
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("translations")
	void hasExactlyTheEnglishKeys(String language) {
		assertThat(load(language).stringPropertyNames())
			.containsExactlyInAnyOrderElementsOf(load(BASE).stringPropertyNames());
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("translations")
	void keepsTheEnglishKeyOrder(String language) {
		assertThat(keysInOrder(language)).containsExactlyElementsOf(keysInOrder(BASE));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("translations")
	void translatesTheEnglishTexts(String language) {
		Properties english = load(BASE);
		Properties texts = load(language);
		List<String> asInEnglish = texts.stringPropertyNames()
			.stream()
			.filter((key) -> texts.getProperty(key).equals(english.getProperty(key)))
			.sorted()
			.toList();
		assertThat(asInEnglish).as("texts the same as in English").hasSizeLessThanOrEqualTo(MAX_TEXTS_AS_IN_ENGLISH);
	}

	private static List<String> keysInOrder(String language) {
		List<String> keys = new ArrayList<>();
		for (String line : new String(bytes(language), StandardCharsets.UTF_8).split("\\R")) {
			String trimmed = line.strip();
			if (!trimmed.isEmpty() && !trimmed.startsWith("#") && !trimmed.startsWith("!")) {
				Properties single = new Properties();
				try {
					single.load(new StringReader(trimmed));
				}
				catch (IOException ex) {
					throw new IllegalStateException(ex);
				}
				keys.addAll(single.stringPropertyNames());
			}
		}
		return keys;
	}

	private static Properties load(String language) {
		Properties texts = new Properties();
		try (Reader reader = new InputStreamReader(new ClassPathResource(path(language)).getInputStream(),
				StandardCharsets.UTF_8)) {
			texts.load(reader);
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		return texts;
	}

	private static byte[] bytes(String language) {
		try (InputStream in = new ClassPathResource(path(language)).getInputStream()) {
			return in.readAllBytes();
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static String path(String language) {
		return FOLDER + (language.equals(BASE) ? "messages" : "messages_" + language) + ".properties";
	}

}
