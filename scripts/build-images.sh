#!/usr/bin/env bash
# Build the images harden's end-to-end tests run, without any registry.
#
#   harden-e2e/busybox:1   busybox-static rootfs (sh + applets, root/nonroot/nobody users, /tmp 1777)
#   harden-e2e/nginx:1     Debian bookworm minbase + nginx-light   CMD nginx -g 'daemon off;'
#   harden-e2e/postgres:1  Debian bookworm minbase + postgresql    CMD harden-e2e-postgres (initdb on
#                          first start into $PGDATA, then exec postgres in the foreground)
#   harden-e2e/redis:1     Debian bookworm minbase + redis-server  CMD redis-server (foreground, no
#                          persistence, protected-mode off)
#   harden-e2e/python:1    Debian bookworm minbase + python3       CMD python3
#   harden-e2e/haproxy:1   Debian bookworm minbase + haproxy       CMD haproxy -db -f
#                          /usr/local/etc/haproxy/haproxy.cfg (the socket broker, `harden broker`)
#   harden-e2e/runtimes:1  Debian bookworm minbase + nodejs, openjdk-17-jre-headless, ruby, php-fpm,
#                          sqlite3, cgi-fcgi and a static Go binary, with one self-checking program
#                          per runtime in /opt/e2e (the runtime matrix: Tests/EndToEnd/cases/runtimes.sh).
#                          The JDK and Go are installed only to compile at build time, then purged.
#
# Every image carries the labels harden-e2e=1 (inherited by its containers, so cleanup-e2e.sh finds
# them), harden-e2e.user=UID:GID (the image's own service account: www-data, postgres, redis;
# 65532:65532 elsewhere), harden-e2e.nonroot=65532:65532, and harden-e2e.recipe / .rootfs / .info
# (what built it, so a rerun can tell a current image from a stale one). Debian images also get a
# distroless-style `nonroot` user 65532:65532 in /etc/passwd and /etc/group.
#
# Rootfs tarballs are cached in $HARDEN_E2E_DIR/cache (keyed by a hash of the recipe), downloaded
# .debs in $HARDEN_E2E_DIR/cache/debs. An image already present with the same recipe is skipped; a
# missing one is re-imported from its tarball; only a missing tarball costs a debootstrap. All
# debootstraps run in parallel on a tmpfs (dpkg's fsyncs make a disk build much slower), after one
# serial --download-only pass so the parallel runs never race on the shared .deb cache.
# The images are also imported into podman (same tarball, same config) when podman is installed.
#
# Environment:
#   HARDEN_E2E_DIR     work directory (default /var/tmp/harden-e2e)
#   HARDEN_E2E_MIRROR  Debian mirror URL (default: read from /etc/apt/sources.list{,.d/*})
#   HARDEN_E2E_SUITE   Debian suite (default bookworm)
#   HARDEN_E2E_PODMAN  0 to skip podman (default: 1 when podman is installed)
#   HARDEN_E2E_IMAGES  space-separated subset to build (default: busybox nginx postgres redis python haproxy runtimes)
set -euo pipefail

E2E_DIR=${HARDEN_E2E_DIR:-/var/tmp/harden-e2e}
CACHE="$E2E_DIR/cache"
DEBS="$CACHE/debs"
LOGS="$E2E_DIR/logs"
SUITE=${HARDEN_E2E_SUITE:-bookworm}
read -r -a IMAGES <<<"${HARDEN_E2E_IMAGES:-busybox nginx postgres redis python haproxy runtimes}"
TAG=1
# Bump when the rootfs recipe below changes in a way the hashes cannot see.
ROOTFS_REV=4

die() { echo "build-images: $*" >&2; exit 1; }

[ "$(id -u)" -eq 0 ] || die "must run as root (debootstrap, docker)"
command -v docker >/dev/null 2>&1 || die "docker not found (run scripts/install-deps.sh)"
timeout 10 docker info >/dev/null 2>&1 || die "docker daemon not answering (run scripts/start-dockerd.sh)"

USE_PODMAN=${HARDEN_E2E_PODMAN:-}
if [ -z "$USE_PODMAN" ]; then
    if command -v podman >/dev/null 2>&1; then USE_PODMAN=1; else USE_PODMAN=0; fi
fi

mkdir -p "$CACHE" "$DEBS" "$LOGS" "$E2E_DIR/tmp"

# Two builds at once (parallel CI jobs, two shells) would race on the .deb cache and the imports.
exec 9>"$CACHE/.lock"
flock -w 900 9 || die "another build-images.sh still holds $CACHE/.lock after 15 minutes"

# ---------------------------------------------------------------------------------------------
# Recipes

debian_packages() {
    case "$1" in
        nginx) echo nginx-light ;;
        postgres) echo postgresql ;;
        redis) echo redis-server ;;
        python) echo python3 ;;
        haproxy) echo haproxy ;;
        runtimes) echo nodejs,openjdk-17-jdk-headless,golang-go,ruby,php-fpm,libfcgi-bin,sqlite3 ;;
        *) return 1 ;;
    esac
}

is_debian() { debian_packages "$1" >/dev/null 2>&1; }

sha() { sha256sum | cut -c1-16; }

# The key of an image's rootfs tarball: changes whenever what goes into the tarball changes.
rootfs_key() {
    local name=$1
    if is_debian "$name"; then
        { echo "rev=$ROOTFS_REV suite=$SUITE pkgs=$(debian_packages "$name")"; declare -f trim_debian_rootfs finish_rootfs_"$name" 2>/dev/null || true; } | sha
    else
        { echo "rev=$ROOTFS_REV busybox=$(sha256sum </bin/busybox | cut -c1-16)"; declare -f make_busybox_rootfs; } | sha
    fi
}

# Image configuration (docker/podman import --change lines). $2: the rootfs's info file.
image_changes() {
    local name=$1 info=$2 user="65532:65532"
    # shellcheck disable=SC1090
    [ -f "$info" ] && . "$info"
    CHANGES=()
    case "$name" in
        busybox)
            CHANGES+=('ENV PATH=/usr/sbin:/usr/bin:/sbin:/bin' 'CMD ["sh"]') ;;
        nginx)
            user="${WWW_UID:-33}:${WWW_GID:-33}"
            CHANGES+=("ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"
                      'ENV LANG=C.UTF-8' 'EXPOSE 80' 'CMD ["nginx","-g","daemon off;"]') ;;
        postgres)
            user="${PG_UID:-}:${PG_GID:-}"
            CHANGES+=("ENV PATH=${PG_BIN:-}:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"
                      'ENV LANG=C.UTF-8' 'ENV PGDATA=/var/lib/postgresql/data' 'EXPOSE 5432'
                      'CMD ["harden-e2e-postgres"]') ;;
        redis)
            user="${REDIS_UID:-}:${REDIS_GID:-}"
            CHANGES+=('ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin'
                      'ENV LANG=C.UTF-8' 'EXPOSE 6379' 'WORKDIR /var/lib/redis'
                      'CMD ["redis-server","--protected-mode","no","--save","","--appendonly","no","--dir","/var/lib/redis"]') ;;
        python)
            CHANGES+=('ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin'
                      'ENV LANG=C.UTF-8' 'CMD ["python3"]') ;;
        haproxy)
            # The official haproxy image's configuration path, so `harden broker --image` takes either.
            CHANGES+=('ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin'
                      'CMD ["haproxy","-db","-f","/usr/local/etc/haproxy/haproxy.cfg"]') ;;
        runtimes)
            CHANGES+=('ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin'
                      'ENV LANG=C.UTF-8' 'WORKDIR /tmp' 'CMD ["sh"]') ;;
    esac
    CHANGES+=("LABEL harden-e2e.user=$user" "LABEL harden-e2e.nonroot=65532:65532")
    # What the rootfs build found out (service uids, postgres bin dir), so an image whose
    # cached tarball is gone can still be recognised as current.
    local facts=-
    [ -s "$info" ] && facts=$(paste -sd, "$info")
    CHANGES+=("LABEL harden-e2e.info=$facts")
    local recipe
    recipe=$(printf '%s\n' "$(rootfs_key "$name")" "${CHANGES[@]}" | sha)
    CHANGES+=("LABEL harden-e2e=1" "LABEL harden-e2e.recipe=$recipe" "LABEL harden-e2e.rootfs=$(rootfs_key "$name")")
    RECIPE=$recipe
}

make_busybox_rootfs() {
    local dir=$1 p d rel
    mkdir -p "$dir"/{bin,sbin,usr/bin,usr/sbin,etc,root,home/nonroot,tmp,var/tmp,proc,sys,dev,run}
    cp /bin/busybox "$dir/bin/busybox"
    for p in $(/bin/busybox --list-full); do
        [ "$p" = bin/busybox ] && continue
        d=${p%/*}
        # shellcheck disable=SC2001  # every path component becomes ..
        rel=$(sed 's|[^/][^/]*|..|g' <<<"$d")
        ln -sf "$rel/bin/busybox" "$dir/$p"
    done
    chmod 1777 "$dir/tmp" "$dir/var/tmp"
    chmod 0700 "$dir/root"
    chown 65532:65532 "$dir/home/nonroot"
    printf '%s\n' 'root:x:0:0:root:/root:/bin/sh' \
        'nonroot:x:65532:65532:nonroot:/home/nonroot:/bin/sh' \
        'nobody:x:65534:65534:nobody:/nonexistent:/bin/false' >"$dir/etc/passwd"
    printf '%s\n' 'root:x:0:' 'nonroot:x:65532:' 'nogroup:x:65534:' >"$dir/etc/group"
    echo 'hosts: files dns' >"$dir/etc/nsswitch.conf"
}

# Remove what a container never uses: fewer files make every `docker create` faster on vfs.
trim_debian_rootfs() {
    local dir=$1
    rm -rf "$dir"/var/cache/apt/archives/*.deb "$dir"/var/cache/apt/*.bin \
        "$dir"/var/lib/apt/lists/* "$dir"/usr/share/doc/* "$dir"/usr/share/man/* \
        "$dir"/usr/share/info/* "$dir"/usr/share/locale/* "$dir"/usr/share/lintian \
        "$dir"/usr/share/i18n \
        "$dir"/var/cache/debconf/*-old "$dir"/var/log/apt/* "$dir"/debootstrap
    find "$dir/var/log" -maxdepth 1 -type f -delete
    # distroless-style unprivileged user, so images can run as 65532 with a passwd entry.
    grep -q '^nonroot:' "$dir/etc/passwd" ||
        echo 'nonroot:x:65532:65532:nonroot:/nonexistent:/usr/sbin/nologin' >>"$dir/etc/passwd"
    grep -q '^nonroot:' "$dir/etc/group" || echo 'nonroot:x:65532:' >>"$dir/etc/group"
}

passwd_field() { awk -F: -v u="$2" -v f="$3" '$1 == u { print $f; exit }' "$1/etc/passwd"; }

# Give a service account the uid/gid the official postgres and redis images use (999:999), so the
# db profile's default user is the same here as with those images. Debian's adduser picks the first
# free system id instead. Files the old ids owned move with them.
renumber_user() {
    local dir=$1 name=$2 id=$3 old_uid old_gid
    old_uid=$(passwd_field "$dir" "$name" 3)
    old_gid=$(passwd_field "$dir" "$name" 4)
    [ -n "$old_uid" ] || { echo "no $name user in the rootfs" >&2; return 1; }
    awk -F: -v OFS=: -v u="$name" -v id="$id" '$1 == u { $3 = id; $4 = id } { print }' "$dir/etc/passwd" >"$dir/etc/passwd.new"
    awk -F: -v OFS=: -v g="$old_gid" -v id="$id" '$3 == g { $3 = id } { print }' "$dir/etc/group" >"$dir/etc/group.new"
    mv "$dir/etc/passwd.new" "$dir/etc/passwd"
    mv "$dir/etc/group.new" "$dir/etc/group"
    chmod 644 "$dir/etc/passwd" "$dir/etc/group"
    find "$dir" -xdev \( -uid "$old_uid" -o -gid "$old_gid" \) -print0 |
        while IFS= read -r -d '' path; do
            chown -h "$( [ "$(stat -c %u "$path")" = "$old_uid" ] && echo "$id" || stat -c %u "$path"):$( [ "$(stat -c %g "$path")" = "$old_gid" ] && echo "$id" || stat -c %g "$path")" "$path"
        done
}

finish_rootfs_nginx() {
    local dir=$1
    echo "WWW_UID=$(passwd_field "$dir" www-data 3)" >>"$2"
    echo "WWW_GID=$(passwd_field "$dir" www-data 4)" >>"$2"
}

finish_rootfs_redis() {
    local dir=$1
    renumber_user "$dir" redis 999
    echo "REDIS_UID=$(passwd_field "$dir" redis 3)" >>"$2"
    echo "REDIS_GID=$(passwd_field "$dir" redis 4)" >>"$2"
}

finish_rootfs_python() { :; }
# The runtime matrix: one self-checking program per runtime, each a server and its own client in
# one container (so the same check runs under docker, podman and a bare runc bundle, which has
# loopback only), each printing "NAME ok" when everything it tried worked. Uploads are written the
# way services write them: to a temporary file, fsync, rename.
finish_rootfs_runtimes() {
    local dir=$1 info=$2 e2e="$1/opt/e2e"
    mkdir -p "$e2e"
    cat >"$e2e/upload.js" <<'EOF'
// node: an HTTP server taking an upload (written with fsync) and its own client.
const http = require("http"), fs = require("fs"), crypto = require("crypto"), os = require("os");
const body = Buffer.alloc(256 * 1024, "harden");
const server = http.createServer((req, res) => {
  const parts = [];
  req.on("data", (c) => parts.push(c));
  req.on("end", () => {
    const data = Buffer.concat(parts), tmp = os.tmpdir() + "/upload.part";
    const fd = fs.openSync(tmp, "w", 0o600);
    fs.writeSync(fd, data); fs.fsyncSync(fd); fs.closeSync(fd);
    fs.renameSync(tmp, os.tmpdir() + "/upload.bin");
    res.end(crypto.createHash("sha256").update(fs.readFileSync(os.tmpdir() + "/upload.bin")).digest("hex"));
  });
});
server.listen(0, "127.0.0.1", () => {
  const req = http.request({ port: server.address().port, host: "127.0.0.1", method: "POST", path: "/upload" }, (res) => {
    let got = "";
    res.on("data", (c) => (got += c));
    res.on("end", () => {
      const want = crypto.createHash("sha256").update(body).digest("hex");
      console.log(got === want ? "node ok" : "node wrong: " + got);
      server.close();
    });
  });
  req.end(body);
});
EOF
    cat >"$e2e/Upload.java" <<'EOF'
// JVM: com.sun.net.httpserver taking an upload (FileChannel.force: fsync) and its own client.
import com.sun.net.httpserver.HttpServer;
import java.io.*;
import java.net.*;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.*;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.concurrent.Executors;

public class Upload {
    static String sha(byte[] data) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
    }
    public static void main(String[] args) throws Exception {
        Path dir = Paths.get(System.getProperty("java.io.tmpdir"));
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(Executors.newFixedThreadPool(4));
        server.createContext("/upload", exchange -> {
            try {
                byte[] data = exchange.getRequestBody().readAllBytes();
                Path part = dir.resolve("upload.part");
                try (FileChannel channel = FileChannel.open(part, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
                    channel.write(ByteBuffer.wrap(data));
                    channel.force(true);
                }
                Files.move(part, dir.resolve("upload.bin"), StandardCopyOption.ATOMIC_MOVE);
                byte[] answer = sha(Files.readAllBytes(dir.resolve("upload.bin"))).getBytes();
                exchange.sendResponseHeaders(200, answer.length);
                exchange.getResponseBody().write(answer);
            } catch (Exception e) {
                exchange.sendResponseHeaders(500, -1);
            }
            exchange.close();
        });
        server.start();
        // The server's threads would keep a failed check's JVM alive: every way out exits.
        try {
            byte[] body = "harden".repeat(40000).getBytes();
            HttpURLConnection connection = (HttpURLConnection) new URL("http://127.0.0.1:" + server.getAddress().getPort() + "/upload").openConnection();
            connection.setDoOutput(true);
            connection.setRequestMethod("POST");
            connection.getOutputStream().write(body);
            String got = new String(connection.getInputStream().readAllBytes());
            System.out.println(got.equals(sha(body)) ? "java ok" : "java wrong: " + got);
            System.exit(got.equals(sha(body)) ? 0 : 1);
        } catch (Exception e) {
            System.out.println("java wrong: " + e);
            System.exit(1);
        }
    }
}
EOF
    cat >"$e2e/upload.go" <<'EOF'
// Go, static: net/http taking an upload (File.Sync: fsync) and its own client.
package main

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"path/filepath"
)

func main() {
	dir := os.TempDir()
	http.HandleFunc("/upload", func(w http.ResponseWriter, r *http.Request) {
		data, _ := io.ReadAll(r.Body)
		part := filepath.Join(dir, "upload.part")
		f, err := os.OpenFile(part, os.O_CREATE|os.O_WRONLY|os.O_TRUNC, 0o600)
		if err == nil {
			_, err = f.Write(data)
		}
		if err == nil {
			err = f.Sync()
		}
		if err == nil {
			err = f.Close()
		}
		if err == nil {
			err = os.Rename(part, filepath.Join(dir, "upload.bin"))
		}
		if err != nil {
			http.Error(w, err.Error(), 500)
			return
		}
		saved, _ := os.ReadFile(filepath.Join(dir, "upload.bin"))
		sum := sha256.Sum256(saved)
		fmt.Fprint(w, hex.EncodeToString(sum[:]))
	})
	listener, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		fmt.Println("go wrong:", err)
		os.Exit(1)
	}
	go http.Serve(listener, nil)
	body := bytes.Repeat([]byte("harden"), 40000)
	res, err := http.Post("http://"+listener.Addr().String()+"/upload", "application/octet-stream", bytes.NewReader(body))
	if err != nil {
		fmt.Println("go wrong:", err)
		os.Exit(1)
	}
	got, _ := io.ReadAll(res.Body)
	want := sha256.Sum256(body)
	if string(got) == hex.EncodeToString(want[:]) {
		fmt.Println("go ok")
	} else {
		fmt.Println("go wrong:", string(got))
		os.Exit(1)
	}
}
EOF
    cat >"$e2e/job.rb" <<'EOF'
# ruby: an ordinary job (files with fsync, JSON, zlib, digests, threads, fork, a pipe to a
# subprocess, a socketpair, a TCP round trip on loopback).
require "json"; require "zlib"; require "digest"; require "socket"; require "tmpdir"; require "open3"
Dir.mktmpdir do |d|
  path = File.join(d, "data.json")
  File.open(path, "w") { |f| f.write(JSON.generate({ "n" => (1..1000).to_a })); f.flush; f.fsync }
  raise "json" unless JSON.parse(File.read(path))["n"].size == 1000
  Zlib::GzipWriter.open(File.join(d, "x.gz")) { |gz| gz.write("x" * 100_000) }
  raise "digest" unless Digest::SHA256.file(path).hexdigest.size == 64
end
sums = 4.times.map { |i| Thread.new { (1..1000).sum { |x| x * i } } }.map(&:value)
reader, writer = IO.pipe
pid = fork { reader.close; writer.write("child"); exit!(0) }
writer.close; got = reader.read; Process.wait(pid)
out, status = Open3.capture2("echo", "sub")
a, b = UNIXSocket.pair; a.write("x"); pair = b.read(1)
server = TCPServer.new("127.0.0.1", 0)
t = Thread.new { c = server.accept; c.write(c.gets); c.close }
client = TCPSocket.new("127.0.0.1", server.addr[1]); client.puts("ping"); echo = client.gets.chomp; t.join
ok = got == "child" && out.strip == "sub" && status.success? && pair == "x" && echo == "ping" && sums[1] == 500500
puts(ok ? "ruby ok" : "ruby wrong")
EOF
    cat >"$e2e/index.php" <<'EOF'
<?php
// php-fpm: a request that writes a session-like file with fsync and answers JSON.
$path = sys_get_temp_dir() . "/session.part";
$f = fopen($path, "w");
fwrite($f, json_encode(["user" => "harden", "at" => time()]));
$synced = fsync($f);
fclose($f);
rename($path, sys_get_temp_dir() . "/session.json");
$data = json_decode(file_get_contents(sys_get_temp_dir() . "/session.json"), true);
echo ($synced && $data["user"] === "harden") ? "php ok" : "php wrong";
EOF
    cat >"$e2e/php-fpm.conf" <<'EOF'
[global]
pid = /tmp/php-fpm.pid
error_log = /proc/self/fd/2
daemonize = no
[www]
listen = 127.0.0.1:9000
pm = static
pm.max_children = 2
clear_env = no
catch_workers_output = yes
EOF
    cat >"$dir/usr/local/bin/e2e-php" <<'EOF'
#!/bin/sh
# php-fpm in the foreground with two workers, one FastCGI request to it, then stop it.
fpm=$(ls /usr/sbin/php-fpm* | head -n 1)
"$fpm" -n -d sys_temp_dir=/tmp -d upload_tmp_dir=/tmp -y /opt/e2e/php-fpm.conf -F 2>/tmp/php-fpm.log &
pid=$!
i=0
while [ $i -lt 50 ]; do
    out=$(SCRIPT_FILENAME=/opt/e2e/index.php REQUEST_METHOD=GET cgi-fcgi -bind -connect 127.0.0.1:9000 2>/dev/null) && break
    i=$((i + 1)); sleep 0.2
done
kill "$pid" 2>/dev/null; wait "$pid" 2>/dev/null
case $out in *"php ok"*) echo "php ok" ;; *) echo "php wrong: $out"; tail -n 5 /tmp/php-fpm.log; exit 1 ;; esac
EOF
    cat >"$dir/usr/local/bin/e2e-sqlite" <<'EOF'
#!/bin/sh
# sqlite3: a database file with its rollback journal (fsync on every commit), then WAL mode.
set -e
db=${TMPDIR:-/tmp}/e2e.db
rm -f "$db"
sqlite3 "$db" "create table t(a integer primary key, b text); insert into t(b) values ('x'); insert into t(b) select b from t; insert into t(b) select b from t;"
sqlite3 "$db" "pragma journal_mode=wal; insert into t(b) values ('y');" >/dev/null
n=$(sqlite3 "$db" "select count(*) from t;")
[ "$n" = 5 ] && echo "sqlite ok" || { echo "sqlite wrong: $n"; exit 1; }
EOF
    chmod 0755 "$dir/usr/local/bin/e2e-php" "$dir/usr/local/bin/e2e-sqlite"
    # Compile inside the rootfs (its own javac and go), then purge the compilers.
    mount -t proc proc "$dir/proc"
    chroot "$dir" sh -c 'cd /opt/e2e && javac -d /opt/e2e Upload.java' || { umount "$dir/proc"; return 1; }
    chroot "$dir" sh -c 'cd /opt/e2e && HOME=/tmp GOCACHE=/tmp/gocache GO111MODULE=off CGO_ENABLED=0 go build -o /usr/local/bin/e2e-go upload.go && rm -rf /tmp/gocache' ||
        { umount "$dir/proc"; return 1; }
    chroot "$dir" sh -c 'dpkg --purge $(dpkg-query -W -f "\${Package}\n" "openjdk-17-jdk-headless" "golang-*")' || { umount "$dir/proc"; return 1; }
    umount "$dir/proc"
    if chroot "$dir" ldd /usr/local/bin/e2e-go >/dev/null 2>&1; then echo "e2e-go is not static" >&2; return 1; fi
    echo "NODE=$(chroot "$dir" node --version)" >>"$info"
}

# The mount point of the broker's configuration, there already under a read-only root.
finish_rootfs_haproxy() { mkdir -p "$1/usr/local/etc/haproxy"; }

finish_rootfs_postgres() {
    local dir=$1 info=$2 ver uid gid
    ver=$(find "$dir/usr/lib/postgresql" -mindepth 1 -maxdepth 1 -printf '%f\n' | sort -V | tail -n 1)
    [ -x "$dir/usr/lib/postgresql/$ver/bin/postgres" ] || { echo "no postgres binary" >&2; return 1; }
    renumber_user "$dir" postgres 999
    uid=$(passwd_field "$dir" postgres 3)
    gid=$(passwd_field "$dir" postgres 4)
    # The cluster Debian's postinst created at build time is never used.
    rm -rf "$dir/var/lib/postgresql/$ver" "$dir/etc/postgresql/$ver"
    # JIT (LLVM + z3, ~130 MB) is optional: without llvmjit.so postgres silently runs without JIT.
    rm -rf "$dir/usr/lib/postgresql/$ver/lib/llvmjit"* "$dir/usr/lib/postgresql/$ver/lib/bitcode"
    find "$dir/usr/lib" \( -name 'libLLVM*' -o -name 'libz3.so*' \) -delete
    # PGDATA exists in the image, owned by postgres and 0700: docker copies a path's ownership
    # into a fresh named volume mounted there, so a non-root postgres can initdb into it.
    mkdir -p "$dir/var/lib/postgresql/data"
    chown "$uid:$gid" "$dir/var/lib/postgresql/data"
    chmod 0700 "$dir/var/lib/postgresql/data"
    cat >"$dir/usr/local/bin/harden-e2e-postgres" <<'EOF'
#!/bin/sh
# harden-e2e postgres entrypoint: initdb into $PGDATA on first start, then postgres in the foreground.
# Run as the postgres user (or any user with a passwd entry that owns $PGDATA). Started as root it
# fixes $PGDATA's owner and re-executes itself as postgres (needs CHOWN, SETUID, SETGID).
# POSTGRES_PASSWORD set: scram-sha-256 for TCP clients; unset: trust (test fixture only).
# Extra arguments go to postgres (e.g. -c shared_buffers=16MB).
set -eu
: "${PGDATA:=/var/lib/postgresql/data}"
if [ "$(id -u)" = 0 ]; then
    mkdir -p "$PGDATA"
    chown postgres:postgres "$PGDATA"
    chmod 0700 "$PGDATA"
    exec setpriv --reuid=postgres --regid=postgres --init-groups "$0" "$@"
fi
if [ ! -s "$PGDATA/PG_VERSION" ]; then
    if [ -n "${POSTGRES_PASSWORD:-}" ]; then
        pwfile=$(mktemp)
        printf '%s\n' "$POSTGRES_PASSWORD" >"$pwfile"
        initdb -D "$PGDATA" -U postgres --auth-local=trust --auth-host=scram-sha-256 --pwfile="$pwfile" >&2
        rm -f "$pwfile"
        auth=scram-sha-256
    else
        initdb -D "$PGDATA" -U postgres --auth=trust >&2
        auth=trust
    fi
    printf 'host all all all %s\n' "$auth" >>"$PGDATA/pg_hba.conf"
fi
exec postgres -D "$PGDATA" -c listen_addresses='*' "$@"
EOF
    chmod 0755 "$dir/usr/local/bin/harden-e2e-postgres"
    {
        echo "PG_UID=$uid"
        echo "PG_GID=$gid"
        echo "PG_BIN=/usr/lib/postgresql/$ver/bin"
    } >>"$info"
}

# ---------------------------------------------------------------------------------------------
# Mirror: the first Debian archive (http/https, suite $SUITE, not -security) apt already uses.

detect_mirror() {
    if [ -n "${HARDEN_E2E_MIRROR:-}" ]; then
        echo "$HARDEN_E2E_MIRROR"
        return
    fi
    local files=() f
    [ -f /etc/apt/sources.list ] && files+=(/etc/apt/sources.list)
    for f in /etc/apt/sources.list.d/*.list /etc/apt/sources.list.d/*.sources; do
        [ -f "$f" ] && files+=("$f")
    done
    [ "${#files[@]}" -gt 0 ] || return 0
    awk -v want="$SUITE" '
        function consider(types, uris, suites,   n, m, i, j, u, s) {
            if (types !~ /(^|[ \t])deb([ \t]|$)/) return
            n = split(uris, U, /[ \t]+/); m = split(suites, S, /[ \t]+/)
            for (i = 1; i <= n; i++) {
                u = U[i]; if (u !~ /^https?:\/\//) continue
                for (j = 1; j <= m; j++) {
                    s = S[j]
                    if (s == want && exact == "") exact = u
                    if (s ~ /^(bookworm|trixie|forky|bullseye|sid|stable|testing|unstable|oldstable)$/ \
                        && u !~ /security/ && fallback == "") fallback = u
                }
            }
        }
        function flush() {
            if (inst && enabled !~ /^[Nn][Oo]$/) consider(t, us, ss)
            inst = 0; t = us = ss = ""; enabled = "yes"
        }
        FNR == 1 { flush() }
        FILENAME ~ /\.sources$/ {
            if ($0 ~ /^[ \t]*$/) { flush(); next }
            if ($0 ~ /^#/) next
            key = tolower($1); sub(/:$/, "", key)
            val = $0; sub(/^[^:]*:[ \t]*/, "", val)
            if (key == "types") { t = val; inst = 1 }
            else if (key == "uris") { us = val; inst = 1 }
            else if (key == "suites") { ss = val; inst = 1 }
            else if (key == "enabled") enabled = val
            next
        }
        /^[ \t]*deb[ \t]/ {
            line = $0; sub(/\[[^]]*\]/, "", line); split(line, F, /[ \t]+/)
            k = (F[1] == "") ? 2 : 1
            consider("deb", F[k + 1], F[k + 2])
        }
        END { flush(); if (exact != "") print exact; else if (fallback != "") print fallback }
    ' "${files[@]}"
}

# ---------------------------------------------------------------------------------------------
# Build steps

WORK=""
cleanup_work() {
    if [ -n "$WORK" ] && [ -d "$WORK" ]; then
        # debootstrap leaves /proc and /sys mounted in the target when it fails; the work dir
        # itself is usually a tmpfs. Unmount deepest first, never rm -rf through a mount.
        awk -v w="$WORK" '$2 == w || index($2, w "/") == 1 { print $2 }' /proc/self/mounts |
            sort -r | while read -r m; do umount -l "$m" 2>/dev/null || true; done
        rm -rf "$WORK"
    fi
}
trap cleanup_work EXIT

make_work_dir() {
    [ -n "$WORK" ] && return
    WORK=$(mktemp -d "$E2E_DIR/tmp/build.XXXXXX")
    # A tmpfs makes dpkg's fsyncs free; fall back to the disk where mounting is not allowed.
    mount -t tmpfs -o size=6g,mode=0755 harden-e2e-build "$WORK" 2>/dev/null || true
}

# rootfs dir -> cached tarball (atomically).
pack_rootfs() {
    local dir=$1 out=$2
    tar -C "$dir" --sort=name --numeric-owner --exclude='./dev/*' --exclude='./proc/*' \
        --exclude='./sys/*' -cf "$out.partial" .
    mv "$out.partial" "$out"
}

# Runs in the background for one Debian image: debootstrap, trim, finish, pack.
build_debian_rootfs() {
    local name=$1 mirror=$2 tarball=$3 info=$4 dir="$WORK/$1"
    local log="$LOGS/debootstrap-$name.log"
    : >"$info.partial"
    debootstrap --variant=minbase --cache-dir="$DEBS" --include="$(debian_packages "$name")" \
        "$SUITE" "$dir" "$mirror" >"$log" 2>&1 || return 1
    trim_debian_rootfs "$dir"
    "finish_rootfs_$name" "$dir" "$info.partial" >>"$log" 2>&1 || return 1
    pack_rootfs "$dir" "$tarball"
    mv "$info.partial" "$info"
    rm -rf "$dir"
}

docker_label() { docker image inspect -f "{{ index .Config.Labels \"$2\" }}" "$1" 2>/dev/null || true; }
docker_recipe() { docker_label "$1" harden-e2e.recipe; }
podman_recipe() { podman image inspect -f '{{ index .Labels "harden-e2e.recipe" }}' "$1" 2>/dev/null || true; }

# Cache wiped but image present: take the rootfs facts back from the image's labels.
restore_info() {
    local ref=$1 key=$2 info=$3 facts
    [ -f "$info" ] && return 0
    [ "$(docker_label "$ref" harden-e2e.rootfs)" = "$key" ] || return 0
    facts=$(docker_label "$ref" harden-e2e.info)
    case "$facts" in
        -) : >"$info" ;;
        *=*) tr ',' '\n' <<<"$facts" >"$info" ;;
    esac
}

import_image() {
    local engine=$1 name=$2 tarball=$3 ref="harden-e2e/$2:$TAG" args=() c old new
    for c in "${CHANGES[@]}"; do args+=(--change "$c"); done
    old=$("$engine" image inspect -f '{{ .Id }}' "$ref" 2>/dev/null) || old=""
    if ! "$engine" import "${args[@]}" "$tarball" "$ref" >"$LOGS/import-$engine-$name.log" 2>&1; then
        tail -n 5 "$LOGS/import-$engine-$name.log" >&2
        die "$engine import of $ref failed (log: $LOGS/import-$engine-$name.log)"
    fi
    new=$("$engine" image inspect -f '{{ .Id }}' "$ref" 2>/dev/null) || new=""
    # The previous version is now untagged; drop it unless a container still uses it.
    if [ -n "$old" ] && [ "$old" != "$new" ]; then
        "$engine" rmi "$old" >/dev/null 2>&1 || true
    fi
}

# ---------------------------------------------------------------------------------------------
# Main

need_rootfs=()
for name in "${IMAGES[@]}"; do
    case "$name" in busybox | nginx | postgres | redis | python | haproxy | runtimes) ;; *) die "unknown image: $name" ;; esac
    key=$(rootfs_key "$name")
    tarball="$CACHE/$name-$key.tar"
    info="$CACHE/$name-$key.info"
    ref="harden-e2e/$name:$TAG"
    restore_info "$ref" "$key" "$info"
    image_changes "$name" "$info"
    have_docker=0 have_podman=1
    [ -f "$info" ] && [ "$(docker_recipe "$ref")" = "$RECIPE" ] && have_docker=1
    if [ "$USE_PODMAN" = 1 ]; then
        [ -f "$info" ] && [ "$(podman_recipe "$ref")" = "$RECIPE" ] || have_podman=0
    fi
    # Both engines have the current image: nothing to do, cached tarball or not.
    [ "$have_docker" = 1 ] && [ "$have_podman" = 1 ] && continue
    [ -f "$tarball" ] && [ -f "$info" ] && continue
    need_rootfs+=("$name")
done

if [ "${#need_rootfs[@]}" -gt 0 ]; then
    make_work_dir
    debian=()
    for name in "${need_rootfs[@]}"; do
        key=$(rootfs_key "$name")
        if [ "$name" = busybox ]; then
            if [ ! -x /bin/busybox ] || ldd /bin/busybox >/dev/null 2>&1; then
                die "/bin/busybox missing or not static (install busybox-static)"
            fi
            make_busybox_rootfs "$WORK/busybox"
            pack_rootfs "$WORK/busybox" "$CACHE/busybox-$key.tar"
            : >"$CACHE/busybox-$key.info"
            rm -rf "${WORK:?}/busybox"
        else
            debian+=("$name")
        fi
    done
    if [ "${#debian[@]}" -gt 0 ]; then
        command -v debootstrap >/dev/null 2>&1 || die "debootstrap not found (run scripts/install-deps.sh)"
        mirror=$(detect_mirror)
        [ -n "$mirror" ] || die "no Debian mirror found in /etc/apt/sources.list{,.d}; set HARDEN_E2E_MIRROR"
        all_pkgs=$(for n in "${debian[@]}"; do debian_packages "$n"; done | paste -sd, -)
        # One serial download of everything, so the parallel runs below only read the cache.
        mkdir -p "$DEBS/partial"
        if ! debootstrap --download-only --variant=minbase --cache-dir="$DEBS" --include="$all_pkgs" \
            "$SUITE" "$WORK/download" "$mirror" >"$LOGS/debootstrap-download.log" 2>&1; then
            tail -n 10 "$LOGS/debootstrap-download.log" >&2
            die "debootstrap --download-only from $mirror failed (log: $LOGS/debootstrap-download.log)"
        fi
        rm -rf "${WORK:?}/download"
        pids=()
        for name in "${debian[@]}"; do
            key=$(rootfs_key "$name")
            build_debian_rootfs "$name" "$mirror" "$CACHE/$name-$key.tar" "$CACHE/$name-$key.info" &
            pids+=("$!")
        done
        failed=()
        for i in "${!pids[@]}"; do
            wait "${pids[$i]}" || failed+=("${debian[$i]}")
        done
        if [ "${#failed[@]}" -gt 0 ]; then
            for name in "${failed[@]}"; do
                echo "--- $LOGS/debootstrap-$name.log" >&2
                tail -n 10 "$LOGS/debootstrap-$name.log" >&2
            done
            die "rootfs build failed for: ${failed[*]} (logs in $LOGS)"
        fi
    fi
fi

for name in "${IMAGES[@]}"; do
    key=$(rootfs_key "$name")
    tarball="$CACHE/$name-$key.tar"
    info="$CACHE/$name-$key.info"
    image_changes "$name" "$info"
    ref="harden-e2e/$name:$TAG"
    # Tarballs of older recipes of this image are dead weight.
    find "$CACHE" -maxdepth 1 \( -name "$name-*.tar" -o -name "$name-*.info" \) \
        ! -name "$name-$key.*" -delete
    # Current in both engines (possibly without a cached tarball): leave it alone.
    if [ "$(docker_recipe "$ref")" = "$RECIPE" ] &&
        { [ "$USE_PODMAN" != 1 ] || [ "$(podman_recipe "$ref")" = "$RECIPE" ]; }; then
        continue
    fi
    [ "$(docker_recipe "$ref")" = "$RECIPE" ] || import_image docker "$name" "$tarball"
    if [ "$USE_PODMAN" = 1 ] && [ "$(podman_recipe "$ref")" != "$RECIPE" ]; then
        import_image podman "$name" "$tarball"
    fi
done
