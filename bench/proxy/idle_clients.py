#!/usr/bin/env python3
"""Opens N keep-alive HTTP/1.1 connections to HOST:PORT, one GET /100b on each (so each is a served connection, not
just an accepted socket), prints "READY <open> <seconds>" once all have their answer (or the deadline passes), holds
them idle for HOLD seconds, prints "OPEN <still open>" and exits.

    idle_clients.py HOST PORT N HOLD [DEADLINE]      at most 256 connects in progress at a time
"""
import errno
import selectors
import socket
import sys
import time

REQUEST = b"GET /100b HTTP/1.1\r\nHost: bench\r\nUser-Agent: edgebox-bench-idle\r\n\r\n"


def main():
    host, port, total, hold = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), float(sys.argv[4])
    deadline = time.monotonic() + (float(sys.argv[5]) if len(sys.argv) > 5 else 60.0)
    sel = selectors.DefaultSelector()
    started = time.monotonic()
    opened, pending, idle, failed = 0, 0, [], 0
    while (opened < total or pending) and time.monotonic() < deadline:
        while opened < total and pending < 256:
            s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
            s.setblocking(False)
            err = s.connect_ex((host, port))
            if err not in (0, errno.EINPROGRESS):
                s.close()
                failed += 1
                opened += 1
                continue
            sel.register(s, selectors.EVENT_WRITE, bytearray())
            opened += 1
            pending += 1
        for key, events in sel.select(timeout=0.5):
            s, buf = key.fileobj, key.data
            try:
                if events & selectors.EVENT_WRITE:
                    if s.getsockopt(socket.SOL_SOCKET, socket.SO_ERROR) != 0:
                        raise OSError("connect failed")
                    s.sendall(REQUEST)
                    sel.modify(s, selectors.EVENT_READ, buf)
                    continue
                chunk = s.recv(65536)
                if not chunk:
                    raise OSError("closed before the answer")
                buf += chunk
                head, sep, body = bytes(buf).partition(b"\r\n\r\n")
                if sep and len(body) >= content_length(head):
                    sel.unregister(s)
                    idle.append(s)
                    pending -= 1
            except OSError:
                sel.unregister(s)
                s.close()
                failed += 1
                pending -= 1
    print("READY %d %.1f failed=%d" % (len(idle), time.monotonic() - started, failed), flush=True)
    time.sleep(hold)
    still = 0
    for s in idle:
        try:
            still += 0 if s.recv(1, socket.MSG_PEEK) == b"" else 1
        except BlockingIOError:
            still += 1
        except OSError:
            pass
    print("OPEN %d" % still, flush=True)


def content_length(head):
    for line in head.split(b"\r\n")[1:]:
        name, _, value = line.partition(b":")
        if name.strip().lower() == b"content-length":
            return int(value.strip())
    return 0


if __name__ == "__main__":
    main()
