-- Two authorisation checks of the AAA engine: where a subscriber may connect (the NAS's group,
-- FreeRADIUS's Huntgroup) and when (FreeRADIUS's Login-Time syntax, in the ISP's time zone).
ALTER TABLE nas_devices ADD COLUMN nas_group text CHECK (nas_group IS NULL OR length(nas_group) BETWEEN 1 AND 64);
ALTER TABLE subscription_plans ADD COLUMN allowed_nas_group text CHECK (allowed_nas_group IS NULL OR length(allowed_nas_group) BETWEEN 1 AND 64);
ALTER TABLE subscription_plans ADD COLUMN login_time text CHECK (login_time IS NULL OR length(login_time) BETWEEN 2 AND 200);
