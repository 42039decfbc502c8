-- The relay reads only the head (oldest undelivered, unparked row) of each (consumer, subject).
CREATE INDEX outbox_subject_heads ON outbox_events (consumer, subject, delivered_at, parked, id);
