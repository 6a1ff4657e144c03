#!/usr/bin/env python3
"""The scenario store: keeps held-out suites in /store, a volume no sandbox ever mounts.

Protocol: Nightshift runs this program through the Docker exec API, writes ONE request line of JSON on stdin and
reads one JSON response on stdout. It reads exactly one line and never waits for end of file (docker-java cannot
close an exec's stdin). Responses are {"ok": true, ...} or {"ok": false, "error": "..."}; the exit code is 0 for
answered requests, also refusals, and 2 only for a request that could not be read.

Requests ("op"):
  import          suite, version, scenarios, files {path: text}  -> version, changed, imported_at
  list                                                            -> suites [{suite, version, imported_at, scenarios}]
  history         suite                                           -> versions [{version, imported_at, scenarios, current}]
  get             suite                                           -> found, version, files
  rm              suite                                           -> removed
  record_judgment suite, judgment (JSON text)                     -> id
  judgments       suite                                           -> judgments [JSON text], oldest first

Layout under the root (default /store, or $NIGHTSHIFT_STORE_ROOT):
  suites/<name>/versions/<version>.json   {"version", "scenarios", "files"}  written once, content addressed
  suites/<name>/history.json              [{"version", "imported_at", "scenarios"}], the last entry is current
  suites/<name>/judgments/<time>-<n>.json one judgment record each
Every write is a temporary file renamed into place, under an exclusive lock on <root>/.lock.
"""

import datetime
import fcntl
import hashlib
import json
import os
import re
import shutil
import sys
import uuid

ROOT = os.environ.get("NIGHTSHIFT_STORE_ROOT", "/store")
NAME = re.compile(r"^[a-z0-9][a-z0-9._-]{0,63}$")
VERSION = re.compile(r"^[0-9a-f]{12}$")
MAX_REQUEST = 64 * 1024 * 1024


class Refusal(Exception):
    """A request the store answers with ok=false and this message."""


def content_hash(files):
    """sha-256 over the files sorted by the UTF-8 bytes of their paths: path, newline, byte length, newline, bytes.
    The first 12 hex digits. SuiteFiles.contentHash() in Nightshift computes the same."""
    digest = hashlib.sha256()
    for path in sorted(files, key=lambda p: p.encode("utf-8")):
        data = files[path].encode("utf-8")
        digest.update(path.encode("utf-8") + b"\n" + str(len(data)).encode("ascii") + b"\n" + data)
    return digest.hexdigest()[:12]


def now():
    return datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def write_atomically(path, value):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    tmp = "%s.tmp-%s" % (path, uuid.uuid4().hex[:8])
    with open(tmp, "w", encoding="utf-8") as f:
        json.dump(value, f, ensure_ascii=False, sort_keys=True)
        f.flush()
        os.fsync(f.fileno())
    os.replace(tmp, path)


def read_json(path, default=None):
    try:
        with open(path, encoding="utf-8") as f:
            return json.load(f)
    except FileNotFoundError:
        return default


def suite_name(request):
    name = request.get("suite")
    if not isinstance(name, str) or not NAME.match(name):
        raise Refusal("invalid suite name %r: use 1 to 64 characters a-z, 0-9, '.', '_' or '-', starting with a "
                      "letter or digit" % (name,))
    return name


def suite_dir(name):
    return os.path.join(ROOT, "suites", name)


def history_of(name):
    return read_json(os.path.join(suite_dir(name), "history.json"), [])


def check_files(files):
    if not isinstance(files, dict) or not files:
        raise Refusal("files must be a non-empty object of path: text")
    for path, text in files.items():
        parts = path.split("/")
        if path.startswith("/") or any(p in ("", ".", "..") for p in parts):
            raise Refusal("invalid file path %r: use a relative path without '.' or '..' parts" % (path,))
        if not isinstance(text, str):
            raise Refusal("the content of %s is not text" % path)


def do_import(request):
    name = suite_name(request)
    files = request.get("files")
    check_files(files)
    version = content_hash(files)
    if request.get("version") not in (None, version):
        raise Refusal("the request says version %s but its files hash to %s" % (request.get("version"), version))
    scenarios = request.get("scenarios", 0)
    if not isinstance(scenarios, int) or scenarios < 0:
        raise Refusal("scenarios must be a count")
    history = history_of(name)
    if history and history[-1]["version"] == version:
        return {"version": version, "changed": False, "imported_at": history[-1]["imported_at"]}
    path = os.path.join(suite_dir(name), "versions", version + ".json")
    if not os.path.exists(path):
        write_atomically(path, {"version": version, "scenarios": scenarios, "files": files})
    entry = {"version": version, "imported_at": now(), "scenarios": scenarios}
    write_atomically(os.path.join(suite_dir(name), "history.json"), history + [entry])
    return {"version": version, "changed": True, "imported_at": entry["imported_at"]}


def do_list(_request):
    base = os.path.join(ROOT, "suites")
    suites = []
    for name in sorted(os.listdir(base)) if os.path.isdir(base) else []:
        history = history_of(name)
        if history:
            current = history[-1]
            suites.append({"suite": name, "version": current["version"], "imported_at": current["imported_at"],
                           "scenarios": current["scenarios"]})
    return {"suites": suites}


def do_history(request):
    history = history_of(suite_name(request))
    last = len(history) - 1
    return {"versions": [dict(entry, current=(i == last)) for i, entry in enumerate(history)]}


def do_get(request):
    name = suite_name(request)
    history = history_of(name)
    if not history:
        return {"found": False}
    version = history[-1]["version"]
    stored = read_json(os.path.join(suite_dir(name), "versions", version + ".json"))
    if stored is None:
        raise Refusal("the store is damaged: suite %s lists version %s but its files are missing" % (name, version))
    return {"found": True, "version": version, "files": stored["files"]}


def do_rm(request):
    name = suite_name(request)
    directory = suite_dir(name)
    if not os.path.isdir(directory):
        return {"removed": False}
    trash = os.path.join(ROOT, "trash", "%s-%s" % (name, uuid.uuid4().hex[:8]))
    os.makedirs(os.path.dirname(trash), exist_ok=True)
    os.replace(directory, trash)
    shutil.rmtree(trash, ignore_errors=True)
    return {"removed": True}


def do_record_judgment(request):
    name = suite_name(request)
    if not history_of(name):
        raise Refusal("no suite named %s in the store" % name)
    text = request.get("judgment")
    if not isinstance(text, str):
        raise Refusal("judgment must be JSON text")
    try:
        record = json.loads(text)
    except ValueError as e:
        raise Refusal("judgment is not JSON: %s" % e)
    stamp = datetime.datetime.now(datetime.timezone.utc).strftime("%Y%m%dT%H%M%S%fZ")
    record_id = "%s-%s" % (stamp, uuid.uuid4().hex[:6])
    write_atomically(os.path.join(suite_dir(name), "judgments", record_id + ".json"), record)
    return {"id": record_id}


def do_judgments(request):
    directory = os.path.join(suite_dir(suite_name(request)), "judgments")
    names = sorted(n for n in os.listdir(directory) if n.endswith(".json")) if os.path.isdir(directory) else []
    return {"judgments": [json.dumps(read_json(os.path.join(directory, n)), sort_keys=True) for n in names]}


OPERATIONS = {
    "import": (do_import, True),
    "list": (do_list, False),
    "history": (do_history, False),
    "get": (do_get, False),
    "rm": (do_rm, True),
    "record_judgment": (do_record_judgment, True),
    "judgments": (do_judgments, False),
}


def answer(request):
    if not isinstance(request, dict):
        raise Refusal("a request is a JSON object")
    op = request.get("op")
    if op not in OPERATIONS:
        raise Refusal("unknown op %r (known: %s)" % (op, ", ".join(sorted(OPERATIONS))))
    handler, writes = OPERATIONS[op]
    os.makedirs(ROOT, exist_ok=True)
    with open(os.path.join(ROOT, ".lock"), "a") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX if writes else fcntl.LOCK_SH)
        return handler(request)


def reply(response):
    sys.stdout.buffer.write((json.dumps(response, ensure_ascii=False) + "\n").encode("utf-8"))
    sys.stdout.buffer.flush()


def main():
    line = sys.stdin.buffer.readline(MAX_REQUEST + 1)
    if not line.endswith(b"\n"):
        reply({"ok": False, "error": "the request must be one line of JSON ending in a newline, at most %d bytes"
                                    % MAX_REQUEST})
        return 2
    try:
        request = json.loads(line.decode("utf-8"))
    except ValueError as e:
        reply({"ok": False, "error": "the request is not JSON: %s" % e})
        return 2
    try:
        response = dict(answer(request), ok=True)
    except Refusal as e:
        response = {"ok": False, "error": str(e)}
    except OSError as e:
        response = {"ok": False, "error": "the store could not %s: %s" % (request.get("op"), e)}
    reply(response)
    return 0


if __name__ == "__main__":
    sys.exit(main())
