#!/usr/bin/env bash
# A private Postfix instance for trying `courant send` and for its integration test:
# listens on 127.0.0.1 only, accepts mail for the domain courant.test only (the addresses
# listed in DIR/etc/mailboxes, one per line) and delivers it into Maildir folders under
# DIR/mail/. It relays nothing: every other domain is refused at RCPT ("Relay access
# denied"), and default_transport/relay_transport are "error", so nothing can leave this
# machine. It leaves the system's own Postfix (/etc/postfix) alone. Needs root and Debian's
# postfix package (scripts/install-system.sh).
#
#   scripts/postfix/local-instance.sh start DIR PORT   (DIR/etc/mailboxes must exist)
#   scripts/postfix/local-instance.sh stop DIR
set -euo pipefail
action=${1:?start of stop}
dir=$(realpath -m "${2:?map}")
run() { script -qec "$*" /dev/null; }  # postfix tells why it fails only on a terminal
case "$action" in
start)
  port=${3:?poort}
  mkdir -p "$dir/etc" "$dir/queue" "$dir/data" "$dir/mail"
  touch "$dir/etc/mailboxes"
  cat > "$dir/etc/main.cf" <<CF
compatibility_level = 3.6
config_directory = $dir/etc
queue_directory = $dir/queue
data_directory = $dir/data
maillog_file = $dir/maillog
maillog_file_prefixes = $dir
syslog_name = postfix-courant-test
inet_interfaces = 127.0.0.1
inet_protocols = ipv4
myhostname = mail.courant.test
mydomain = courant.test
mydestination =
mynetworks = 127.0.0.1/32
relayhost =
default_transport = error:courant-test bezorgt niets buiten deze machine
relay_transport = error:courant-test bezorgt niets buiten deze machine
smtpd_relay_restrictions = reject_unauth_destination
smtpd_recipient_restrictions = reject_unauth_destination
virtual_mailbox_domains = courant.test
virtual_mailbox_base = $dir/mail
virtual_mailbox_maps = texthash:$dir/etc/mailboxes
virtual_uid_maps = static:65534
virtual_gid_maps = static:65534
alias_maps =
alias_database =
local_recipient_maps =
smtpd_banner = \$myhostname ESMTP
biff = no
CF
  {
    echo "127.0.0.1:$port inet n - n - - smtpd"
    for service in "pickup unix n - n 60 1 pickup" "cleanup unix n - n - 0 cleanup" \
        "qmgr unix n - n 300 1 qmgr" "rewrite unix - - n - - trivial-rewrite" \
        "bounce unix - - n - 0 bounce" "defer unix - - n - 0 bounce" \
        "trace unix - - n - 0 bounce" "verify unix - - n - 1 verify" \
        "flush unix n - n 1000? 0 flush" "proxymap unix - - n - - proxymap" \
        "showq unix n - n - - showq" "error unix - - n - - error" \
        "retry unix - - n - - error" "discard unix - - n - - discard" \
        "virtual unix - n n - - virtual" "anvil unix - - n - 1 anvil" \
        "scache unix - - n - 1 scache" "postlog unix-dgram n - n - 1 postlogd"; do
      echo "$service"
    done
  } > "$dir/etc/master.cf"
  # the virtual map: "address  folder/" (the trailing slash makes a Maildir)
  awk 'NF { print $1, $1 "/" }' "$dir/etc/mailboxes" > "$dir/etc/mailboxes.map"
  sed -i "s|texthash:$dir/etc/mailboxes\$|texthash:$dir/etc/mailboxes.map|" "$dir/etc/main.cf"
  chown postfix "$dir/data"
  chown 65534:65534 "$dir/mail"
  run postfix -c "$dir/etc" set-permissions >/dev/null 2>&1 || true
  run postfix -c "$dir/etc" start
  for _ in $(seq 50); do
    if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then exit 0; fi
    sleep 0.1
  done
  echo "Postfix luistert niet op 127.0.0.1:$port; zie $dir/maillog" >&2
  exit 1
  ;;
stop)
  run postfix -c "$dir/etc" stop >/dev/null 2>&1 || true
  ;;
*)
  echo "gebruik: $0 start MAP POORT | stop MAP" >&2
  exit 2
  ;;
esac
