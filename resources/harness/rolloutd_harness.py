#!/usr/bin/env python3
"""Serves an Azure ML scoring script (score.py with init() and run()) over HTTP.

The local endpoint host runs one of these per instance of a score.py deployment. It
follows the contract of azureml-inference-server-http (what Azure runs in the container)
with the standard library only, so any Python 3 that can import the user's own
dependencies can serve the script:

  GET  /        200 "Healthy" once init() has returned (503 before): the readiness probe
  POST /score   run(body as a str) -> 200 json.dumps(result); None -> {}
  GET  /score   run(JSON of the query parameters)
  OPTIONS /score 200, empty
  anything else 405 {"message": "Method not allowed"}, unknown path 404

Usage:
  python3 -u rolloutd_harness.py --port 0 --code-dir DIR --scoring-script score.py
with AZUREML_MODEL_DIR in the environment (score.py reads its model from there).

Lines for the supervisor go to stdout, one per event, prefixed "rolloutd-harness: ":
  "listening on HOST:PORT" as soon as the socket is bound (--port 0 picks a free port),
  "ready: init() finished in N ms" when the probe starts answering 200.
The scoring script's logging (INFO and above) and the per-request lines go to stderr.

Exit codes: 0 after SIGTERM/SIGINT, 2 bad arguments or missing files, 3 the scoring script
failed to import, lacks init()/run(), or init() raised (as azureml-inference-server-http),
4 the port could not be bound, 5 run() ran out of memory (the instance's memory limit,
RLIMIT_AS, set by the host): what leaked cannot be given back, so the instance ends and the
host restarts it.
"""

import argparse
import http.server
import importlib.util
import inspect
import json
import logging
import os
import signal
import socket
import sys
import threading
import time
import traceback
import urllib.parse
import uuid

EXIT_USAGE = 2
EXIT_SCRIPT = 3
EXIT_LISTEN = 4

DEFAULT_PORT = 5001  # the inference server's port inside an Azure container
HEADER_LIMIT = 100  # longest request id the inference server accepts
IDLE_TIMEOUT_S = 300  # a keep-alive connection idle this long is closed
DRAIN_TIMEOUT_S = 10  # how long a stop waits for run() calls in flight

RUN_FAILED = "An unexpected error occurred in scoring script. Check the logs for more info."
INTERNAL_ERROR = "An unexpected internal error occurred. Check the logs for more info."
NULL_REQUEST_ID = "00000000-0000-0000-0000-000000000000"

log = logging.getLogger("rolloutd.harness")


def status(message):
    """One line for the supervisor on stdout."""
    print("rolloutd-harness: " + message, flush=True)


def out_of_memory():
    """Ends the instance after a MemoryError in run() (exit code 5)."""
    try:
        import resource
        limit = resource.getrlimit(resource.RLIMIT_AS)[0]
        shown = "none" if limit == resource.RLIM_INFINITY else f"{limit // (1024 * 1024)} MB"
        status(f"out of memory in run() (memory limit {shown}): exiting so that the "
               "instance is restarted")
    finally:
        os._exit(5)


class ScriptError(Exception):
    """The scoring script cannot be served; the message says why and what to change."""


class UserScript:
    """The loaded score.py: its init() and run(), and how run() wants its arguments."""

    def __init__(self, path):
        self.path = path
        self._init = None
        self._run = None
        self._input_name = None
        self._wants_headers = False

    def load(self):
        spec = importlib.util.spec_from_file_location("entry_module", self.path)
        if spec is None or spec.loader is None:
            raise ScriptError(f"{self.path} cannot be imported as a Python module: "
                              "the scoring script must be a .py file")
        module = importlib.util.module_from_spec(spec)
        # Registered first so that dataclasses and pickle can find the module by name.
        sys.modules[spec.name] = module
        try:
            spec.loader.exec_module(module)
        except Exception:
            log.error("Importing the scoring script failed:\n%s", traceback.format_exc())
            raise ScriptError(f"User script at {self.path} raised an exception while being imported "
                              "(traceback above): fix the script or install what it imports") from None
        for name in ("init", "run"):
            if not callable(getattr(module, name, None)):
                raise ScriptError(f"User script at {self.path} does not have a {name}() function defined.")
        self._init = module.init
        self._run = module.run
        self._analyse_run()
        log.info("Found user script at %s", self.path)

    def _analyse_run(self):
        params = list(inspect.signature(self._run).parameters.values())
        allowed = (inspect.Parameter.POSITIONAL_OR_KEYWORD, inspect.Parameter.KEYWORD_ONLY)
        if any(p.kind not in allowed for p in params):
            raise ScriptError(f"run() in {self.path} cannot accept positional-only arguments, *args "
                              "or **kwargs: declare it as run(raw_data)")
        self._wants_headers = any(p.name == "request_headers" for p in params)
        inputs = [p for p in params if p.name != "request_headers"]
        if not inputs:
            raise ScriptError(f"run() in {self.path} needs an argument for the input data: "
                              "declare it as run(raw_data)")
        self._input_name = inputs[0].name

    def init(self):
        log.info("Invoking user's init function")
        self._init()
        log.info("User's init has completed successfully")

    def run(self, data, headers):
        kwargs = {self._input_name: data}
        if self._wants_headers:
            kwargs["request_headers"] = headers
        return self._run(**kwargs)


class Reply:
    """An answer before it is written: status, body and extra headers."""

    def __init__(self, status_code, body=b"", content_type="application/json", headers=None):
        self.status = status_code
        self.body = body
        self.content_type = content_type
        self.headers = headers or {}

    @classmethod
    def message(cls, status_code, text, run_failed=None):
        headers = {}
        if run_failed is not None:
            headers["x-ms-run-function-failed"] = str(run_failed)
        return cls(status_code, json.dumps({"message": text}).encode(), headers=headers)


def query_as_input(query):
    """GET /score passes the query parameters to run() as a JSON object; values that parse
    as JSON are parsed, a repeated parameter becomes a list (as the inference server does)."""
    def parse(value):
        try:
            return json.loads(value)
        except ValueError:
            return value

    parsed = {}
    for key, values in urllib.parse.parse_qs(query, keep_blank_values=True).items():
        parsed[key] = parse(values[0]) if len(values) == 1 else [parse(v) for v in values]
    return json.dumps(parsed)


class HarnessServer(http.server.ThreadingHTTPServer):
    daemon_threads = True
    request_queue_size = 128  # the gateway opens connections in bursts; 5 would drop some

    def __init__(self, address, script, worker_count):
        if ":" in address[0]:
            self.address_family = socket.AF_INET6
        super().__init__(address, RequestHandler)
        self.script = script
        self.ready = threading.Event()
        self.stopping = False
        # run() calls at once, as the inference server's WORKER_COUNT workers give.
        self.workers = threading.BoundedSemaphore(worker_count)
        self._in_flight = 0
        self._in_flight_changed = threading.Condition()

    def enter(self):
        with self._in_flight_changed:
            self._in_flight += 1

    def leave(self):
        with self._in_flight_changed:
            self._in_flight -= 1
            self._in_flight_changed.notify_all()

    def drain(self, timeout):
        """Waits for the requests in flight; False if some are still running after timeout."""
        with self._in_flight_changed:
            if self._in_flight:
                log.info("Waiting up to %d s for %d request(s) in flight", timeout, self._in_flight)
            return self._in_flight_changed.wait_for(lambda: self._in_flight == 0, timeout)

    def handle_error(self, request, client_address):
        if isinstance(sys.exc_info()[1], (ConnectionError, TimeoutError)):
            return  # the client went away: nothing to report
        log.error("Error while serving %s:\n%s", client_address, traceback.format_exc())


class RequestHandler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"  # keep-alive: every answer carries Content-Length
    # Headers and body go out in two writes; with Nagle on, the body waits for the
    # gateway's delayed ACK (40 ms on Linux), capping an instance near 25 requests/s.
    disable_nagle_algorithm = True
    server_version = "rolloutd-harness/1"
    timeout = IDLE_TIMEOUT_S

    def __getattr__(self, name):
        # The base class looks up do_<METHOD>; every method lands here so that unknown
        # ones get the inference server's 405 instead of http.server's 501.
        if name.startswith("do_"):
            return self._dispatch
        raise AttributeError(name)

    def version_string(self):
        return self.server_version  # no Python version in the Server header

    def log_message(self, format, *args):  # noqa: A002 (the base class names it so)
        log.debug("%s - %s", self.address_string(), format % args)

    def log_request(self, code="-", size="-"):
        pass  # _dispatch logs one line per request itself, with the duration

    def send_error(self, code, message=None, explain=None):
        # Malformed requests (bad request line, too many headers): JSON like every other error.
        text = message or self.responses.get(code, ("Error",))[0]
        body = json.dumps({"message": text}).encode()
        self.send_response(code)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Connection", "close")
        self.end_headers()
        if getattr(self, "command", None) != "HEAD":
            self.wfile.write(body)
        self.close_connection = True

    def _dispatch(self):
        started = time.perf_counter()
        self.server.enter()
        try:
            body = self._read_body()
            if body is None:
                return
            url = urllib.parse.urlsplit(self.path)
            reply, request_id = self._answer(url, body)
            self._send(reply, request_id)
            elapsed_ms = (time.perf_counter() - started) * 1000
            if url.path != "/" or reply.status != 200:  # probes would drown the log
                log.info("%s %s %d %.3fms %d", self.command, self.path, reply.status,
                         elapsed_ms, len(reply.body))
        finally:
            self.server.leave()

    def _read_body(self):
        """The request body, or None after answering 400 for a malformed one."""
        try:
            if "chunked" in self.headers.get("Transfer-Encoding", "").lower():
                return self._read_chunked()
            length = int(self.headers.get("Content-Length") or 0)
            if length < 0:
                raise ValueError("negative Content-Length")
            body = self.rfile.read(length)
            if len(body) != length:
                raise ValueError("the body ended before Content-Length bytes")
            return body
        except ValueError as ex:
            self.send_error(400, f"Malformed request body: {ex}")
            return None

    def _read_chunked(self):
        parts = []
        while True:
            size = int(self.rfile.readline(1024).split(b";")[0].strip(), 16)
            if size == 0:
                while self.rfile.readline(65537) not in (b"\r\n", b"\n", b""):
                    pass  # trailers: nothing here uses them
                return b"".join(parts)
            parts.append(self.rfile.read(size))
            self.rfile.readline(3)

    def _answer(self, url, body):
        request_id = self.headers.get("x-request-id") or str(uuid.uuid4())
        if len(request_id) > HEADER_LIMIT:
            return Reply.message(431, f"x-request-id must not exceed {HEADER_LIMIT} characters"), None
        for name in ("x-ms-request-id", "x-ms-client-request-id"):
            if len(self.headers.get(name, "")) > HEADER_LIMIT:
                return Reply.message(431, "x-ms-request-id and x-ms-client-request-id must not exceed "
                                     f"{HEADER_LIMIT} characters"), request_id
        if self.server.stopping:
            self.close_connection = True
            return Reply.message(503, "The instance is shutting down: send the request again"), request_id
        try:
            return self._route(url, body, request_id), request_id
        except Exception:
            log.error("Encountered Exception: %s", traceback.format_exc())
            return Reply.message(500, INTERNAL_ERROR), request_id

    def _route(self, url, body, request_id):
        method = self.command
        if url.path == "/":
            if method not in ("GET", "HEAD"):
                return Reply.message(405, "Method not allowed")
            if not self.server.ready.is_set():
                return Reply.message(503, "The scoring script's init() has not finished yet")
            return Reply(200, b"Healthy", "text/plain; charset=utf-8")
        if url.path == "/swagger.json":
            version = dict(urllib.parse.parse_qsl(url.query)).get("version", "2")
            return Reply.message(404, f"Swagger version [{version}] is not supported for the scoring script: "
                                 "run() is not decorated with inference-schema")
        if url.path != "/score":
            return Reply.message(404, f"{url.path} does not exist: score at /score, probe at /")
        if method == "OPTIONS":
            return Reply(200, b"", "text/plain; charset=utf-8", {"x-ms-run-function-failed": "False"})
        if method not in ("GET", "HEAD", "POST"):
            reply = Reply.message(405, "Method not allowed", run_failed=False)
            reply.headers["Allow"] = "GET, POST, OPTIONS"
            return reply
        if not self.server.ready.is_set():
            return Reply.message(503, "The scoring script's init() has not finished yet")
        if method == "POST":
            try:
                data = body.decode("utf-8")
            except UnicodeDecodeError as ex:
                return Reply.message(400, f"Input cannot be decoded as UTF-8: {ex}", run_failed=False)
        else:
            data = query_as_input(url.query)
        return self._score(data, request_id)

    def _score(self, data, request_id):
        with self.server.workers:
            started = time.perf_counter()
            try:
                result = self.server.script.run(data, dict(self.headers.items()))
                failed = False
            except MemoryError:
                out_of_memory()
            except Exception:
                log.error("Encountered Exception (request %s): %s", request_id, traceback.format_exc())
                failed = True
            elapsed = f"{(time.perf_counter() - started) * 1000:.3f}"
        if failed:
            reply = Reply.message(500, RUN_FAILED, run_failed=True)
        else:
            try:
                reply = Reply(200, json.dumps({} if result is None else result).encode(),
                              headers={"x-ms-run-function-failed": "False"})
            except (TypeError, ValueError):
                # As on Azure: run() succeeded, its answer is not JSON -> an internal error.
                log.error("run() returned a %s that json.dumps cannot encode (request %s): %s",
                          type(result).__name__, request_id, traceback.format_exc())
                reply = Reply.message(500, INTERNAL_ERROR, run_failed=False)
        reply.headers["x-ms-run-fn-exec-ms"] = elapsed
        return reply

    def _send(self, reply, request_id):
        self.send_response(reply.status)
        self.send_header("Content-Type", reply.content_type)
        self.send_header("Content-Length", str(len(reply.body)))
        for name, value in reply.headers.items():
            self.send_header(name, value)
        if request_id:
            self.send_header("x-request-id", request_id)
            client_id = self.headers.get("x-ms-client-request-id", "")
            legacy_id = self.headers.get("x-ms-request-id", "") or client_id or request_id
            self.send_header("x-ms-request-id", legacy_id)
            if client_id:
                self.send_header("x-ms-client-request-id", client_id)
        if "TraceId" in self.headers:
            self.send_header("TraceId", self.headers["TraceId"])
        if self.close_connection:
            self.send_header("Connection", "close")
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(reply.body)


class Terminated(BaseException):
    """Raised in the main thread by SIGTERM/SIGINT; a BaseException so that a scoring
    script's `except Exception` around slow init() work does not swallow it."""


def on_stop_signal(signum, frame):
    signal.signal(signal.SIGTERM, signal.SIG_IGN)
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    raise Terminated(signum)


def parse_args(argv):
    parser = argparse.ArgumentParser(description="Serve an Azure ML scoring script (init()/run()) over HTTP.")
    parser.add_argument("--port", type=int, default=int(os.environ.get("PORT", DEFAULT_PORT)),
                        help="port to listen on, 0 for any free one (default: $PORT or %d)" % DEFAULT_PORT)
    parser.add_argument("--host", default="127.0.0.1", help="address to listen on (default: 127.0.0.1)")
    parser.add_argument("--code-dir", required=True, help="the deployment's code folder")
    parser.add_argument("--scoring-script", default="score.py",
                        help="the scoring script, relative to --code-dir (default: score.py)")
    return parser.parse_args(argv)


def configure_logging():
    level_name = os.environ.get("AZUREML_LOG_LEVEL", "INFO").upper()
    level = logging.getLevelName(level_name)
    logging.basicConfig(stream=sys.stderr, level=level if isinstance(level, int) else logging.INFO,
                        format="%(asctime)s %(levelname)s [%(process)d] %(name)s - %(message)s")
    logging.captureWarnings(True)
    if not isinstance(level, int):
        log.warning("AZUREML_LOG_LEVEL=%s is not a logging level (DEBUG, INFO, WARNING, ERROR): using INFO",
                    level_name)


def worker_count():
    text = os.environ.get("WORKER_COUNT", "1")
    try:
        count = int(text)
    except ValueError:
        count = 0
    if count < 1:
        raise ScriptError(f"WORKER_COUNT={text} is not a positive whole number: set it to 1 or more")
    return count


def main(argv=None):
    signal.signal(signal.SIGTERM, on_stop_signal)
    signal.signal(signal.SIGINT, on_stop_signal)
    args = parse_args(argv)
    sys.stdout.reconfigure(line_buffering=True)
    sys.dont_write_bytecode = True  # the code folder is the deployment's snapshot: leave it as it is
    configure_logging()

    code_dir = os.path.abspath(args.code_dir)
    script_path = os.path.join(code_dir, args.scoring_script)
    if not os.path.isdir(code_dir):
        log.error("The code folder %s does not exist: check code_configuration.code", code_dir)
        return EXIT_USAGE
    if not os.path.isfile(script_path):
        log.error("The scoring script %s does not exist: check code_configuration.scoring_script "
                  "(it is relative to the code folder)", script_path)
        return EXIT_USAGE
    try:
        workers = worker_count()
    except ScriptError as ex:
        log.error("%s", ex)
        return EXIT_USAGE
    os.environ["AZUREML_ENTRY_SCRIPT"] = args.scoring_script
    os.environ.setdefault("AML_APP_ROOT", code_dir)
    if "AZUREML_MODEL_DIR" not in os.environ:
        log.warning("AZUREML_MODEL_DIR is not set: a scoring script that loads a model will fail")

    script = UserScript(script_path)
    try:
        server = HarnessServer((args.host, args.port), script, workers)
    except OSError as ex:
        log.error("Cannot listen on %s:%d: %s: choose another port", args.host, args.port, ex.strerror or ex)
        return EXIT_LISTEN

    serving = threading.Thread(target=server.serve_forever, name="http", daemon=True)
    serving.start()
    host, port = server.server_address[:2]
    status(f"listening on {host}:{port}")

    try:
        sys.path.insert(0, code_dir)  # score.py may import modules beside it
        try:
            script.load()
        except ScriptError as ex:
            log.error("%s", ex)
            return EXIT_SCRIPT
        started = time.perf_counter()
        try:
            script.init()
        except Exception:
            log.error("User's init function failed (request %s):\n%s", NULL_REQUEST_ID, traceback.format_exc())
            return EXIT_SCRIPT
        server.ready.set()
        status(f"ready: init() finished in {(time.perf_counter() - started) * 1000:.0f} ms, "
               f"{workers} worker(s)")
        while True:
            signal.pause()
    except Terminated:
        log.info("Stop requested")
    finally:
        server.stopping = True
        server.shutdown()
        if not server.drain(DRAIN_TIMEOUT_S):
            log.warning("Requests still running after %d s are dropped", DRAIN_TIMEOUT_S)
        server.server_close()
    status("stopped")
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    except Terminated:  # stopped before serving started, or again while stopping
        sys.exit(0)
