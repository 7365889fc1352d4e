#!/usr/bin/env python3
"""M1's client: opens keep-alive connections to a proxy and holds them idle.

Each connection sends one small GET and reads its whole response first, so the proxy holds
it as an idle keep-alive connection (the state nginx frees its buffers in), not as a
half-read request. Commands come on stdin, one per line, and each gets one answer line:

    open N   -> "ok TOTAL" once N more connections are open and answered ("err ..." on failure)
    quit     -> closes everything and exits

Usage: hold_idle.py HOST PORT PATH
"""
import resource
import socket
import sys


def main():
    host, port, path = sys.argv[1], int(sys.argv[2]), sys.argv[3]
    # 10,000 connections need more descriptors than the usual soft limit of 1024.
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    resource.setrlimit(resource.RLIMIT_NOFILE, (hard, hard))
    request = f"GET {path} HTTP/1.1\r\nHost: bench\r\n\r\n".encode()
    held = []
    for line in sys.stdin:
        words = line.split()
        if not words:
            continue
        if words[0] == "quit":
            break
        if words[0] == "open":
            try:
                for _ in range(int(words[1])):
                    held.append(open_one(host, port, request))
                print(f"ok {len(held)}", flush=True)
            except OSError as e:
                print(f"err {len(held)} {e}", flush=True)
    for s in held:
        s.close()


def open_one(host, port, request):
    """One connection with one answered request on it; blocking is fine on loopback."""
    s = socket.create_connection((host, port), timeout=10)
    s.sendall(request)
    data = b""
    while b"\r\n\r\n" not in data:
        chunk = s.recv(4096)
        if not chunk:
            raise OSError("connection closed before the response head")
        data += chunk
    head, _, body = data.partition(b"\r\n\r\n")
    if not head.startswith(b"HTTP/1.1 200"):
        raise OSError("unexpected response: " + head.split(b"\r\n")[0].decode(errors="replace"))
    length = 0
    for header in head.split(b"\r\n")[1:]:
        name, _, value = header.partition(b":")
        if name.strip().lower() == b"content-length":
            length = int(value.strip())
    while len(body) < length:
        chunk = s.recv(4096)
        if not chunk:
            raise OSError("connection closed in the response body")
        body += chunk
    return s


if __name__ == "__main__":
    main()
