package io.github.maintenancemode.store.redis;

import java.time.Duration;

import io.github.maintenancemode.MaintenanceStateStore;
import io.github.maintenancemode.autoconfigure.MaintenanceAutoConfiguration;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.util.StringUtils;

/**
 * Auto-configuration of the {@link RedisMaintenanceStateStore}, selected with
 * {@code maintenance.store.type=redis}. It uses the application's Redis connection
 * (Lettuce or Jedis), configured with {@code spring.data.redis.*}.
 */
@AutoConfiguration(before = MaintenanceAutoConfiguration.class, after = DataRedisAutoConfiguration.class)
@ConditionalOnProperty(name = "maintenance.store.type", havingValue = "redis")
@ConditionalOnBean(RedisConnectionFactory.class)
@ConditionalOnMissingBean(MaintenanceStateStore.class)
@EnableConfigurationProperties(RedisMaintenanceStoreProperties.class)
public final class RedisMaintenanceStoreAutoConfiguration {

	private static final String PREFIX = "maintenance.store.redis.";

	@Bean
	RedisMaintenanceStateStore redisMaintenanceStateStore(RedisConnectionFactory connectionFactory,
			RedisMaintenanceStoreProperties properties) {
		return new RedisMaintenanceStateStore(connectionFactory, text(PREFIX + "key", properties.getKey()),
				text(PREFIX + "channel", properties.getChannel()),
				atLeastOneMillisecond(PREFIX + "poll-interval", properties.getPollInterval()),
				atLeastOneMillisecond(PREFIX + "timeout", properties.getTimeout()));
	}

	private static String text(String property, String value) {
		if (!StringUtils.hasText(value)) {
			throw new InvalidConfigurationPropertyValueException(property, value, "It must not be empty.");
		}
		return value;
	}

	private static Duration atLeastOneMillisecond(String property, Duration value) {
		if (value.toMillis() <= 0) {
			throw new InvalidConfigurationPropertyValueException(property, value,
					"It must be at least one millisecond.");
		}
		return value;
	}

}
