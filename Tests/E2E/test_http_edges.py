"""The edges of HTTP, with raw sockets (issue 14): a body announced larger than the route takes is
refused at once, and a client that never finishes its headers or its body is dropped after the
declared timeouts (KONKURS_HEADER_TIMEOUT, KONKURS_IDLE_TIMEOUT; short here)."""
import socket
import time

import pytest

from konkurs_process import Service

HEADER_TIMEOUT, IDLE_TIMEOUT = 2, 4


@pytest.fixture(scope="module")
def edgy():
    running = Service(env={"KONKURS_HEADER_TIMEOUT": str(HEADER_TIMEOUT), "KONKURS_IDLE_TIMEOUT": str(IDLE_TIMEOUT)}).start()
    running.wait_ready()
    yield running
    assert running.interrupt() == 0


def connect(service: Service) -> socket.socket:
    sock = socket.create_connection(("127.0.0.1", service.port), timeout=15)
    return sock


def read_answer(sock: socket.socket) -> str:
    """One whole answer: the head, then as many body bytes as Content-Length says (they may come later)."""
    received = b""
    while b"\r\n\r\n" not in received:
        chunk = sock.recv(65536)
        assert chunk, f"closed before the answer's head: {received!r}"
        received += chunk
    head, body = received.split(b"\r\n\r\n", 1)
    length = next((int(line.split(b":")[1]) for line in head.split(b"\r\n") if line.lower().startswith(b"content-length:")), 0)
    while len(body) < length:
        chunk = sock.recv(65536)
        assert chunk, "closed in the middle of the answer's body"
        body += chunk
    return (head + b"\r\n\r\n" + body).decode(errors="replace")


def read_until_closed(sock: socket.socket) -> tuple[bytes, float]:
    """Everything the server sends until it closes, and how long that took."""
    started, received = time.monotonic(), b""
    while True:
        chunk = sock.recv(65536)
        if not chunk:
            return received, time.monotonic() - started
        received += chunk


def test_a_body_announced_larger_than_the_limit_is_refused_without_waiting_for_it(edgy):
    with connect(edgy) as sock:
        sock.sendall(b"POST /api/v1/auth/login HTTP/1.1\r\nHost: konkurs\r\nContent-Type: application/json\r\n"
                     b"Content-Length: 10000000000\r\n\r\n")
        sock.settimeout(5)  # well under the idle timeout: the answer must come before any byte of the body
        answer = read_answer(sock)
    assert answer.startswith("HTTP/1.1 413"), answer
    assert "application/json" in answer and "больше, чем принимает этот адрес" in answer
    assert "x-request-id" in answer.lower() and "content-security-policy" in answer.lower()


def test_a_form_announced_larger_than_the_limit_is_refused_too(edgy):
    with connect(edgy) as sock:
        sock.sendall(b"POST /login HTTP/1.1\r\nHost: konkurs\r\nContent-Type: application/x-www-form-urlencoded\r\n"
                     b"Content-Length: 10000000000\r\n\r\n")
        sock.settimeout(5)
        assert read_answer(sock).startswith("HTTP/1.1 413")


def test_headers_that_never_finish_are_dropped_after_the_header_timeout(edgy):
    with connect(edgy) as sock:
        sock.sendall(b"GET /health HTTP/1.1\r\nHost: konk")
        received, waited = read_until_closed(sock)
    assert received == b"", "nothing is answered to half a request"
    assert HEADER_TIMEOUT - 0.5 <= waited < HEADER_TIMEOUT + 8, waited


def test_a_trickling_header_does_not_keep_the_connection(edgy):
    with connect(edgy) as sock:
        started = time.monotonic()
        sock.sendall(b"GET /health HTTP/1.1\r\n")
        try:
            for _ in range(20):  # one header line a second: each arrives well within any idle timeout
                time.sleep(1)
                sock.sendall(b"X-Slow: 1\r\n")
        except (BrokenPipeError, ConnectionResetError):
            pass
        received, _ = read_until_closed(sock)
        waited = time.monotonic() - started
    assert received == b"" and waited < HEADER_TIMEOUT + 8, waited


def test_a_body_that_stops_arriving_is_dropped_after_the_idle_timeout(edgy):
    with connect(edgy) as sock:
        sock.sendall(b"POST /api/v1/auth/login HTTP/1.1\r\nHost: konkurs\r\nContent-Type: application/json\r\n"
                     b"Content-Length: 100\r\n\r\n{\"login\":")
        received, waited = read_until_closed(sock)
    assert not received.startswith(b"HTTP/1.1 2"), received
    assert IDLE_TIMEOUT - 0.5 <= waited < IDLE_TIMEOUT + 8, waited


def test_a_keep_alive_connection_serves_requests_one_after_another(edgy):
    with connect(edgy) as sock:
        for _ in range(3):
            sock.sendall(b"GET /health HTTP/1.1\r\nHost: konkurs\r\n\r\n")
            answer = read_answer(sock)
            assert answer.startswith("HTTP/1.1 200") and '"ok"' in answer
