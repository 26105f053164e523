package io.github.maintenancemode.web;

import java.util.List;

import io.github.maintenancemode.MaintenanceState;
import org.junit.jupiter.api.Test;

import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.core.context.SecurityContextImpl;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link RoleAccessRule}.
 */
class RoleAccessRuleTests {

	private static final MaintenanceState ON = new MaintenanceState(true, MaintenanceState.Mode.FULL, null, null, null,
			null, null, 1);

	@Test
	void rolesMatchWithOrWithoutThePrefixAndBlankEntriesAreIgnored() {
		RoleAccessRule rule = new RoleAccessRule(List.of(" ", "ROLE_ADMIN", " STAFF "));
		assertThat(rule.admits(signedIn("ROLE_ADMIN"), ON)).isTrue();
		assertThat(rule.admits(signedIn("ROLE_STAFF"), ON)).isTrue();
		assertThat(rule.admits(signedIn("ROLE_ROLE_ADMIN"), ON)).isFalse();
		assertThat(rule.admits(signedIn("ROLE_"), ON)).as("a blank entry admits no one").isFalse();
		assertThat(rule.admits(signedIn("ROLE_USER"), ON)).isFalse();
		assertThat(rule.admits(signedIn("STAFF"), ON)).as("an authority without the prefix is no role").isFalse();
	}

	@Test
	void anUnauthenticatedOrMissingLoginAdmitsNoOne() {
		RoleAccessRule rule = new RoleAccessRule(List.of("STAFF"));
		SecurityContextImpl unauthenticated = new SecurityContextImpl(UsernamePasswordAuthenticationToken
			.unauthenticated("user", AuthorityUtils.createAuthorityList("ROLE_STAFF")));
		assertThat(rule.admits(TestRequests.to("/")
			.sessionAttribute(HttpSessionSecurityContextRepository.SPRING_SECURITY_CONTEXT_KEY, unauthenticated)
			.build(), ON)).isFalse();
		assertThat(rule.admits(TestRequests.to("/")
			.sessionAttribute(HttpSessionSecurityContextRepository.SPRING_SECURITY_CONTEXT_KEY,
					new SecurityContextImpl())
			.build(), ON)).isFalse();
		assertThat(rule.admits(TestRequests.get("/"), ON)).isFalse();
	}

	@Test
	void onlyBlankEntriesAdmitNoOne() {
		RoleAccessRule rule = new RoleAccessRule(List.of(" ", ""));
		assertThat(rule.admits(signedIn("ROLE_"), ON)).isFalse();
		assertThat(rule.admits(signedIn("ROLE_ADMIN"), ON)).isFalse();
	}

	private static MaintenanceRequest signedIn(String authority) {
		UsernamePasswordAuthenticationToken authentication = UsernamePasswordAuthenticationToken.authenticated("user",
				"n/a", AuthorityUtils.createAuthorityList(authority));
		SecurityContextImpl context = new SecurityContextImpl(authentication);
		return TestRequests.to("/")
			.sessionAttribute(HttpSessionSecurityContextRepository.SPRING_SECURITY_CONTEXT_KEY, context)
			.build();
	}

}
