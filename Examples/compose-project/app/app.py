"""The shop's app: standard library only. / greets, /healthz is its own health, /status asks
redis for PONG and opens a connection to postgres, both over the backend network."""
import json
import os
import socket
from http.server import BaseHTTPRequestHandler, HTTPServer


def redis_ping():
    with socket.create_connection((os.environ.get("REDIS_HOST", "redis"), 6379), timeout=3) as conn:
        conn.sendall(b"PING\r\n")
        return conn.recv(64).decode().strip().lstrip("+")


def db_reachable():
    with socket.create_connection((os.environ.get("DATABASE_HOST", "db"), 5432), timeout=3):
        return "reachable"


class Handler(BaseHTTPRequestHandler):
    def do_GET(self):
        if self.path == "/healthz":
            body = {"status": "ok"}
        elif self.path == "/status":
            body = {}
            for name, probe in (("redis", redis_ping), ("db", db_reachable)):
                try:
                    body[name] = probe()
                except OSError as error:
                    body[name] = "error: %s" % error
        else:
            body = {"greeting": os.environ.get("APP_GREETING", "hello")}
        data = json.dumps(body).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, *args):
        pass


if __name__ == "__main__":
    HTTPServer(("0.0.0.0", 8000), Handler).serve_forever()
