package io.github.maintenancemode.autoconfigure;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Explains a {@link BuildTimePropertiesChangedException} in the startup failure report.
 */
class BuildTimePropertiesChangedFailureAnalyzer extends AbstractFailureAnalyzer<BuildTimePropertiesChangedException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, BuildTimePropertiesChangedException cause) {
		StringBuilder description = new StringBuilder("This application was processed ahead of time (AOT), "
				+ "which fixed its maintenance beans at build time, and the properties that chose them have other "
				+ "values now; the build-time choice would be used without a word:\n");
		cause.getDifferences().forEach((difference) -> description.append("\n    ").append(difference));
		return new FailureAnalysis(description.toString(), BuildTimePropertiesChangedException.ACTION, cause);
	}

}
