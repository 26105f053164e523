package io.github.maintenancemode.store.redis;

import java.time.Duration;

import io.github.maintenancemode.MaintenanceMode;
import io.github.maintenancemode.MaintenanceStateStore;
import io.github.maintenancemode.MaintenanceStoreSync;
import io.github.maintenancemode.autoconfigure.MaintenanceAutoConfiguration;
import io.github.maintenancemode.store.InMemoryMaintenanceStateStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.connection.jedis.JedisConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Tests for {@link RedisMaintenanceStoreAutoConfiguration}.
 */
class RedisMaintenanceStoreAutoConfigurationTests {

	private final RedisMaintenanceStoreProperties unique = RedisTestSupport.uniqueProperties();

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(DataRedisAutoConfiguration.class,
				RedisMaintenanceStoreAutoConfiguration.class, MaintenanceAutoConfiguration.class))
		.withPropertyValues("spring.data.redis.host=" + RedisTestSupport.HOST,
				"spring.data.redis.port=" + RedisTestSupport.PORT,
				"maintenance.store.redis.key=" + this.unique.getKey(),
				"maintenance.store.redis.channel=" + this.unique.getChannel());

	@AfterEach
	void deleteKey() {
		RedisTestSupport.delete(this.unique.getKey());
	}

	@Test
	void storeIsRedisWhenTypeIsRedis() {
		this.contextRunner.withPropertyValues("maintenance.store.type=redis").run((context) -> {
			assertThat(context).hasSingleBean(RedisMaintenanceStateStore.class)
				.doesNotHaveBean(InMemoryMaintenanceStateStore.class);
			assertThat(context.getBean(MaintenanceMode.class).storeType()).isEqualTo("redis");
		});
	}

	@Test
	void jedisApplicationSharesItsStateThroughRedis() {
		this.contextRunner.withPropertyValues("maintenance.store.type=redis", "spring.data.redis.client-type=jedis")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(context.getBean(RedisConnectionFactory.class)).isInstanceOf(JedisConnectionFactory.class);
				MaintenanceMode maintenanceMode = context.getBean(MaintenanceMode.class);
				maintenanceMode.enable("Through Jedis");
				assertThat(context.getBean(StringRedisTemplate.class).opsForValue().get(this.unique.getKey()))
					.contains("\"reason\":\"Through Jedis\"");
				assertThat(new MaintenanceStoreSync(maintenanceMode).storeError()).isNull();
			});
	}

	@Test
	void backsOffWhenTypeIsAnotherStore() {
		this.contextRunner.withPropertyValues("maintenance.store.type=memory")
			.run((context) -> assertThat(context).doesNotHaveBean(RedisMaintenanceStateStore.class)
				.hasSingleBean(InMemoryMaintenanceStateStore.class));
	}

	@Test
	void backsOffWhenTypeIsNotSet() {
		this.contextRunner.run((context) -> assertThat(context).doesNotHaveBean(RedisMaintenanceStateStore.class)
			.hasSingleBean(InMemoryMaintenanceStateStore.class));
	}

	@Test
	void backsOffWithoutAConnectionFactory() {
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(RedisMaintenanceStoreAutoConfiguration.class))
			.withPropertyValues("maintenance.store.type=redis")
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(MaintenanceStateStore.class));
	}

	@Test
	void backsOffWhenTheApplicationDefinesAStore() {
		this.contextRunner.withPropertyValues("maintenance.store.type=redis")
			.withUserConfiguration(UserStoreConfiguration.class)
			.run((context) -> {
				assertThat(context).doesNotHaveBean(RedisMaintenanceStateStore.class)
					.hasSingleBean(MaintenanceStateStore.class);
				assertThat(context.getBean(MaintenanceMode.class).storeType()).isEqualTo("memory");
			});
	}

	@Test
	void defaultsAreUsedWithoutProperties() {
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(DataRedisAutoConfiguration.class,
					RedisMaintenanceStoreAutoConfiguration.class))
			.withPropertyValues("maintenance.store.type=redis")
			.run((context) -> {
				RedisMaintenanceStoreProperties properties = context.getBean(RedisMaintenanceStoreProperties.class);
				assertThat(properties.getKey()).isEqualTo("maintenance:state");
				assertThat(properties.getChannel()).isEqualTo("maintenance:changes");
				assertThat(properties.getTimeout()).isEqualTo(Duration.ofSeconds(2));
				assertThat(context.getBean(RedisMaintenanceStateStore.class).pollInterval())
					.isEqualTo(Duration.ofSeconds(10));
			});
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|',
			value = { "key|''", "channel|'  '", "poll-interval|0ms", "timeout|-1s", "timeout|500us" })
	void invalidSettingFailsWithAMessageNamingTheProperty(String name, String value) {
		this.contextRunner
			.withPropertyValues("maintenance.store.type=redis", "maintenance.store.redis." + name + "=" + value)
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.isInstanceOf(InvalidConfigurationPropertyValueException.class)
				.hasMessageContaining("maintenance.store.redis." + name));
	}

	@Test
	void keyChannelAndPollIntervalAreTakenFromProperties() {
		this.contextRunner
			.withPropertyValues("maintenance.store.type=redis", "maintenance.store.redis.poll-interval=10m")
			.run((context) -> {
				MaintenanceMode maintenanceMode = context.getBean(MaintenanceMode.class);
				StringRedisTemplate redis = context.getBean(StringRedisTemplate.class);
				assertThat(context.getBean(RedisMaintenanceStateStore.class).pollInterval())
					.isEqualTo(Duration.ofMinutes(10));
				maintenanceMode.enable("written under the key");
				assertThat(redis.opsForValue().get(this.unique.getKey())).contains("written under the key");
				// a message on the channel makes the instance read the key again
				// (the poll is ten minutes away)
				String changed = "{\"version\":2,\"enabled\":false,\"mode\":\"FULL\",\"updatedBy\":\"channel\"}";
				redis.opsForValue().set(this.unique.getKey(), changed);
				redis.convertAndSend(this.unique.getChannel(), changed);
				await().atMost(Duration.ofSeconds(2))
					.untilAsserted(() -> assertThat(maintenanceMode.status().updatedBy()).isEqualTo("channel"));
			});
	}

	@Test
	void subscriptionEndsWhenTheContextCloses() {
		this.contextRunner.withPropertyValues("maintenance.store.type=redis").run((context) -> {
			assertThat(context.getBean(RedisMaintenanceStateStore.class).isRunning()).isTrue();
			await().atMost(Duration.ofSeconds(2))
				.untilAsserted(() -> assertThat(RedisTestSupport.subscribers(this.unique.getChannel())).isOne());
		});
		await().atMost(Duration.ofSeconds(2))
			.untilAsserted(() -> assertThat(RedisTestSupport.subscribers(this.unique.getChannel())).isZero());
	}

	@Configuration(proxyBeanMethods = false)
	static class UserStoreConfiguration {

		@Bean
		InMemoryMaintenanceStateStore userStore() {
			return new InMemoryMaintenanceStateStore();
		}

	}

}
