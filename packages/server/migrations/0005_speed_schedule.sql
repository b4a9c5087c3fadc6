-- Day/night speeds: inside [night_start, night_end) of the ISP's local time the plan runs at
-- its night rate (the window may wrap midnight, e.g. 23:00-07:00).
ALTER TABLE subscription_plans
  ADD COLUMN night_download_kbps integer CHECK (night_download_kbps > 0),
  ADD COLUMN night_upload_kbps integer CHECK (night_upload_kbps > 0),
  ADD COLUMN night_start time,
  ADD COLUMN night_end time,
  ADD CONSTRAINT plans_night_complete CHECK (
    (night_download_kbps IS NULL AND night_upload_kbps IS NULL AND night_start IS NULL AND night_end IS NULL)
    OR (night_download_kbps IS NOT NULL AND night_upload_kbps IS NOT NULL AND night_start IS NOT NULL AND night_end IS NOT NULL));
