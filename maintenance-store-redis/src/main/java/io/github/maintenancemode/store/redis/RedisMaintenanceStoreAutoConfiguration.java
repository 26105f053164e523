package io.github.maintenancemode.store.redis;

import io.github.maintenancemode.MaintenanceStateStore;
import io.github.maintenancemode.autoconfigure.MaintenanceAutoConfiguration;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.data.redis.connection.RedisConnectionFactory;

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

	@Bean
	RedisMaintenanceStateStore redisMaintenanceStateStore(RedisConnectionFactory connectionFactory,
			RedisMaintenanceStoreProperties properties) {
		return new RedisMaintenanceStateStore(connectionFactory, properties);
	}

}
