#!/usr/bin/env python3
"""A cassette twin (Nightshift, docs/twins.md): replays a cassette over HTTP, standard library only.

The judge runs it in a container of its own on the judge's network; it is the Python twin of the Java
CassetteReplay and follows the same rules (CassetteTwinParityTest runs both through the same requests):
a request matches an exchange when method, path, query parameters (any order), the cassette's match_headers
and the body agree (JSON bodies compared as JSON without ignore_body_fields, at any depth); the first match
not yet played is played, the last one again once all were; no match is a 501 naming the request.
Control paths (GET /__twin/requests, POST /__twin/reset, POST /__twin/fail-next?status=N) are served only on
--admin-port, bound to loopback, so the program under judgment cannot reach them.

Usage: cassette_twin.py --cassette FILE --port 8080 --admin-port 8081
"""
import argparse
import base64
import json
import re
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import urlsplit

VOLATILE = {"authorization", "proxy-authorization", "cookie", "set-cookie", "x-api-key", "api-key",
            "x-goog-api-key", "date", "user-agent", "host", "content-length", "connection", "keep-alive",
            "transfer-encoding", "te", "trailer", "upgrade", "expect", "accept-encoding", "x-request-id",
            "request-id", "traceparent", "tracestate", "http2-settings"}
MAX_BODY = 16 * 1024 * 1024


def body_of(node):
    if isinstance(node.get("body_base64"), str):
        return base64.b64decode(node["body_base64"])
    body = node.get("body")
    if body is None:
        return b""
    if isinstance(body, str):
        return body.encode("utf-8")
    return json.dumps(body, separators=(",", ":"), ensure_ascii=False).encode("utf-8")


def load(path):
    with open(path, encoding="utf-8") as f:
        root = json.load(f)
    exchanges = []
    for e in root["exchanges"]:
        req, res = e["request"], e["response"]
        exchanges.append({
            "method": req["method"].upper(), "path": req["path"], "query": req.get("query") or "",
            "headers": {k.lower(): str(v) for k, v in (req.get("headers") or {}).items()},
            "body": body_of(req),
            "status": int(res["status"]),
            "response_headers": {k.lower(): str(v) for k, v in (res.get("headers") or {}).items()},
            "response_body": body_of(res)})
    return (exchanges, set(root.get("ignore_body_fields") or []),
            [h.lower() for h in (root.get("match_headers") or [])])


class Player:
    def __init__(self, exchanges, ignore, match_headers):
        self.exchanges, self.ignore, self.match_headers = exchanges, ignore, match_headers
        self.lock = threading.Lock()
        self.reset()

    def reset(self):
        self.played = [0] * len(self.exchanges)
        self.received = []
        self.fault = None

    def strip(self, node):
        if isinstance(node, dict):
            return {k: self.strip(v) for k, v in node.items() if k not in self.ignore}
        if isinstance(node, list):
            return [self.strip(v) for v in node]
        return node

    def same_body(self, a, b):
        if a == b:
            return True
        if not a or not b:
            return False
        try:
            return self.strip(json.loads(a)) == self.strip(json.loads(b))
        except ValueError:
            return False

    def matches(self, ex, method, path, query, headers, body):
        return (ex["method"] == method and ex["path"] == path
                and sorted(ex["query"].split("&") if ex["query"] else []) == sorted(query.split("&") if query else [])
                and all(ex["headers"].get(h) == headers.get(h) for h in self.match_headers)
                and self.same_body(ex["body"], body))

    def answer(self, method, path, query, headers, body):
        with self.lock:
            status, rh, rb = self.choose(method, path, query, headers, body)
            self.received.append({"method": method, "path": path, "query": query, "status": status})
            return status, rh, rb

    def choose(self, method, path, query, headers, body):
        if self.fault is not None:
            status, self.fault = self.fault, None
            return error(status, "twin_fault", "the scenario made the twin fail this request with %d" % status)
        last = -1
        for i, ex in enumerate(self.exchanges):
            if self.matches(ex, method, path, query, headers, body):
                if self.played[i] == 0:
                    self.played[i] += 1
                    return ex["status"], ex["response_headers"], ex["response_body"]
                last = i
        if last >= 0:
            self.played[last] += 1
            ex = self.exchanges[last]
            return ex["status"], ex["response_headers"], ex["response_body"]
        line = method + " " + path + ("?" + query if query else "")
        if body:
            text = body.decode("utf-8", "replace")
            line += " with body " + (text if len(text) <= 200 else text[:200] + "...")
        return error(501, "not_in_cassette", "the cassette has no exchange for " + line)


def error(status, code, message):
    body = json.dumps({"error": code, "message": message}, separators=(",", ":"), ensure_ascii=False)
    return status, {"content-type": "application/json"}, body.encode("utf-8")


def handler(player, control):
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, *args):
            pass

        def handle_any(self):
            target = urlsplit(self.path)
            length = int(self.headers.get("content-length") or 0)
            body = self.rfile.read(min(length, MAX_BODY)) if length else b""
            if control:
                return self.control(target.path, target.query)
            headers = {}
            for k, v in self.headers.items():
                k = k.lower()
                if k not in VOLATILE:
                    headers[k] = headers[k] + ", " + v if k in headers else v
            self.send(*player.answer(self.command.upper(), target.path, target.query, headers, body))

        def control(self, path, query):
            if path == "/__twin/requests" and self.command == "GET":
                with player.lock:
                    data = json.dumps(player.received, separators=(",", ":"))
                return self.send(200, {"content-type": "application/json"}, data.encode())
            if path == "/__twin/reset" and self.command == "POST":
                with player.lock:
                    player.reset()
                return self.send(200, {"content-type": "application/json"}, b'{"reset":true}')
            m = re.fullmatch(r"status=(\d{3})", query or "")
            if path == "/__twin/fail-next" and self.command == "POST" and m and 100 <= int(m.group(1)) <= 599:
                with player.lock:
                    player.fault = int(m.group(1))
                return self.send(200, {"content-type": "application/json"},
                                 ('{"fail_next":%s}' % m.group(1)).encode())
            return self.send(404, {"content-type": "text/plain"}, b"control paths: GET /__twin/requests, "
                             b"POST /__twin/reset, POST /__twin/fail-next?status=503\n")

        def send(self, status, headers, body):
            self.send_response(status)
            for k, v in headers.items():
                if k not in VOLATILE:
                    self.send_header(k, v)
            empty = self.command == "HEAD" or status in (204, 304)
            if not empty:
                self.send_header("content-length", str(len(body)))
            self.end_headers()
            if not empty:
                self.wfile.write(body)

        do_GET = do_POST = do_PUT = do_PATCH = do_DELETE = do_HEAD = do_OPTIONS = handle_any

    return Handler


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--cassette", required=True)
    p.add_argument("--port", type=int, default=8080)
    p.add_argument("--admin-port", type=int, default=8081)
    p.add_argument("--host", default="0.0.0.0")
    a = p.parse_args()
    player = Player(*load(a.cassette))
    ThreadingHTTPServer.daemon_threads = True
    admin = ThreadingHTTPServer(("127.0.0.1", a.admin_port), handler(player, True))
    threading.Thread(target=admin.serve_forever, daemon=True).start()
    server = ThreadingHTTPServer((a.host, a.port), handler(player, False))
    print("cassette twin on %s:%d, control on 127.0.0.1:%d" % (a.host, a.port, a.admin_port), flush=True)
    server.serve_forever()


if __name__ == "__main__":
    sys.exit(main())
