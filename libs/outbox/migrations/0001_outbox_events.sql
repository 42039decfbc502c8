-- Transactional outbox: events written in the producer's transaction, one row per consumer,
-- delivered by the relay at least once, in id order per (consumer, subject).
CREATE TABLE outbox_events (
  id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
  event_id CHAR(36) NOT NULL,
  consumer VARCHAR(64) NOT NULL,
  jurisdiction VARCHAR(64) NOT NULL,
  subject VARCHAR(255) NOT NULL,
  event_type VARCHAR(255) NOT NULL,
  event MEDIUMTEXT NOT NULL,
  created_at DATETIME(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6),
  delivered_at DATETIME(6) NULL,
  attempts INT NOT NULL DEFAULT 0,
  next_attempt_at DATETIME(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6),
  last_error VARCHAR(1024) NULL,
  parked BOOLEAN NOT NULL DEFAULT FALSE,
  UNIQUE KEY outbox_event_consumer (event_id, consumer),
  KEY outbox_pending (delivered_at, parked, id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
