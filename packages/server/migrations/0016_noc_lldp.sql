-- NOC: LLDP neighbours read over SNMP (LLDP-MIB), for the topology map beside the
-- parent/uplink links; and the community check of received traps.

-- The device's own LLDP chassis ID (lldpLocChassisId), so that other devices' neighbour
-- entries can be matched to it.
ALTER TABLE noc_devices ADD COLUMN lldp_chassis_id text;
CREATE INDEX noc_devices_lldp_chassis_idx ON noc_devices (isp_id, lldp_chassis_id) WHERE lldp_chassis_id IS NOT NULL;

-- One row per neighbour a device reports on one of its ports (lldpRemTable). The set is
-- replaced at every poll that read the table: a neighbour that is gone is deleted.
CREATE TABLE noc_lldp_neighbours (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  isp_id uuid NOT NULL REFERENCES isps(id) ON DELETE CASCADE,
  device_id uuid NOT NULL REFERENCES noc_devices(id) ON DELETE CASCADE,
  local_port_num integer NOT NULL,
  local_port text,
  local_port_desc text,
  chassis_id_subtype smallint,
  chassis_id text NOT NULL,
  port_id_subtype smallint,
  port_id text NOT NULL,
  port_desc text,
  sys_name text,
  sys_desc text,
  mgmt_ip inet,
  -- The known device of the same ISP this neighbour is, and what matched it.
  remote_device_id uuid REFERENCES noc_devices(id) ON DELETE SET NULL,
  matched_by text CHECK (matched_by IN ('mgmt_ip', 'sys_name', 'chassis_id')),
  first_seen_at timestamptz NOT NULL DEFAULT now(),
  last_seen_at timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX noc_lldp_neighbours_key ON noc_lldp_neighbours (device_id, local_port_num, chassis_id, port_id);
CREATE INDEX noc_lldp_neighbours_isp_idx ON noc_lldp_neighbours (isp_id);
CREATE INDEX noc_lldp_neighbours_remote_idx ON noc_lldp_neighbours (remote_device_id);

GRANT SELECT, INSERT, UPDATE, DELETE ON noc_lldp_neighbours TO astranetix_app;
ALTER TABLE noc_lldp_neighbours ENABLE ROW LEVEL SECURITY;
ALTER TABLE noc_lldp_neighbours FORCE ROW LEVEL SECURITY;
CREATE POLICY noc_lldp_neighbours_tenant ON noc_lldp_neighbours
  USING ((SELECT app_platform()) OR isp_id = (SELECT app_isp_id()))
  WITH CHECK ((SELECT app_platform()) OR isp_id = (SELECT app_isp_id()));

-- Traps whose v1/v2c community is not the one configured for the device they come from:
-- stored (a misconfigured device still reports real faults) but flagged, shown as such,
-- and never matched by alert rules (anyone who can forge the source address could page
-- the NOC otherwise).
ALTER TABLE noc_log_messages ADD COLUMN community_mismatch boolean NOT NULL DEFAULT false;
