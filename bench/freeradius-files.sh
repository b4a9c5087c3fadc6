#!/usr/bin/env bash
# The in-memory reference: FreeRADIUS 3 serving the same N users (user1/pass1 ...) from its
# `files` module, no database, with the same MikroTik reply as the SQL reference, on
# 127.0.0.1:1822 (auth) / 1823 (acct, answered without storing: it is not a durability figure).
# A second instance beside the SQL one (../shared/bench/setup-freeradius.sh); loopback only.
#   N=10000 bash bench/freeradius-files.sh        (prints the pid; kill it to stop)
set -euo pipefail
N=${N:-10000}; PORT=${PORT:-1822}
command -v freeradius >/dev/null || { apt-get update -qq; DEBIAN_FRONTEND=noninteractive apt-get install -y -qq freeradius freeradius-utils >/dev/null; }
D=/tmp/anx-fr-files
# A previous instance must be gone before the new one binds its ports.
if [ -f $D/fr.pid ]; then
  old=$(cat $D/fr.pid); kill "$old" 2>/dev/null || true
  for _ in $(seq 1 40); do kill -0 "$old" 2>/dev/null || break; sleep 0.25; done
fi
rm -rf $D && cp -a /etc/freeradius/3.0 $D
rm -f $D/sites-enabled/* $D/mods-enabled/eap
sed -i -e "s|^\(\s*\)pidfile = .*|\1pidfile = $D/fr.pid|" $D/radiusd.conf
cat > $D/sites-enabled/bench <<SITE
server default {
  listen {
    type = auth
    ipaddr = 127.0.0.1
    port = $PORT
  }
  listen {
    type = acct
    ipaddr = 127.0.0.1
    port = $((PORT + 1))
  }
  authorize {
    preprocess
    chap
    mschap
    files
    pap
  }
  authenticate {
    Auth-Type PAP {
      pap
    }
    Auth-Type CHAP {
      chap
    }
    Auth-Type MS-CHAP {
      mschap
    }
  }
  preacct {
    preprocess
    acct_unique
  }
  accounting {
    ok
  }
  post-auth {
    ok
  }
}
SITE
awk -v n="$N" 'BEGIN { for (i = 1; i <= n; i++) printf "user%d Cleartext-Password := \"pass%d\"\n\tMikrotik-Rate-Limit := \"10M/10M\", Session-Timeout := 86400, Acct-Interim-Interval := 300\n\n", i, i }' > $D/mods-config/files/authorize
chown -R freerad:freerad $D
freeradius -d $D -CX > /tmp/anx-fr-files-check.log 2>&1 || { tail -20 /tmp/anx-fr-files-check.log; exit 1; }
freeradius -d $D
for _ in $(seq 1 40); do radtest user1 pass1 127.0.0.1:$PORT 0 testing123 2>/dev/null | grep -q Access-Accept && break; sleep 0.25; done
radtest user$N pass$N 127.0.0.1:$PORT 0 testing123 2>/dev/null | grep -q Access-Accept && echo "FreeRADIUS (files, $N users) answers on 127.0.0.1:$PORT; pid $(cat $D/fr.pid)"
