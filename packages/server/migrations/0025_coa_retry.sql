-- A CoA or Disconnect that the NAS did not answer is tried again with a growing backoff
-- (a NAS rebooting or a lost link must not leave a suspended subscriber online).
ALTER TABLE coa_requests DROP CONSTRAINT coa_requests_status_check;
ALTER TABLE coa_requests ADD CONSTRAINT coa_requests_status_check CHECK (status IN ('pending', 'retrying', 'done', 'failed'));
ALTER TABLE coa_requests ADD COLUMN next_attempt_at timestamptz;
ALTER TABLE coa_requests ADD CONSTRAINT coa_requests_retry_check CHECK ((status = 'retrying') = (next_attempt_at IS NOT NULL));
CREATE INDEX coa_requests_retry_idx ON coa_requests (next_attempt_at) WHERE status = 'retrying';
