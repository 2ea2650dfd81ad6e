#!/usr/bin/python3
"""A TCP relay that plays a flaky network for Tapedeck's tests.

Listens on 127.0.0.1:PORT and relays every connection to TARGET. Commands on
stdin (one per line), each answered with "OK <cmd>" on stdout:
  cut     close every relayed connection now (a dropped link)
  down    like cut, and refuse new connections until "up"
  up      accept connections again
  freeze  keep connections open but stop relaying bytes (a stall)
  thaw    relay again
  quit    stop
Prints "READY <port>" when listening and "CONNECT <n>" for each accepted
connection, so a test can see a client reconnect.
"""
import argparse
import select
import socket
import sys
import threading


class Relay:
    def __init__(self, target):
        self.target = target
        self.lock = threading.Lock()
        self.pairs = []
        self.frozen = threading.Event()
        self.refusing = False
        self.count = 0

    def handle(self, client):
        try:
            upstream = socket.create_connection(self.target, timeout=5)
        except OSError:
            client.close()
            return
        upstream.settimeout(None)
        pair = (client, upstream)
        with self.lock:
            self.pairs.append(pair)
        try:
            socks = [client, upstream]
            while True:
                if self.frozen.is_set():
                    # Hold the bytes: neither side sees data, nobody closes.
                    with self.lock:
                        if pair not in self.pairs:
                            break
                    threading.Event().wait(0.05)
                    continue
                readable, _, _ = select.select(socks, [], [], 0.1)
                with self.lock:
                    if pair not in self.pairs:
                        break
                done = False
                for s in readable:
                    try:
                        data = s.recv(65536)
                    except OSError:
                        data = b""
                    if not data:
                        done = True
                        break
                    other = upstream if s is client else client
                    try:
                        other.sendall(data)
                    except OSError:
                        done = True
                        break
                if done:
                    break
        finally:
            self.close_pair(pair)

    def close_pair(self, pair):
        with self.lock:
            if pair in self.pairs:
                self.pairs.remove(pair)
        for s in pair:
            try:
                s.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass
            s.close()

    def cut(self):
        with self.lock:
            pairs = list(self.pairs)
        for p in pairs:
            self.close_pair(p)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--port", type=int, default=0)
    ap.add_argument("--target", required=True, help="host:port")
    args = ap.parse_args()
    host, port = args.target.rsplit(":", 1)
    relay = Relay((host, int(port)))

    srv = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    srv.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    srv.bind(("127.0.0.1", args.port))
    srv.listen(16)

    def accept_loop():
        while True:
            try:
                client, _ = srv.accept()
            except OSError:
                return
            if relay.refusing:
                client.close()
                continue
            relay.count += 1
            print("CONNECT %d" % relay.count, flush=True)
            threading.Thread(target=relay.handle, args=(client,), daemon=True).start()

    threading.Thread(target=accept_loop, daemon=True).start()
    print("READY %d" % srv.getsockname()[1], flush=True)

    for line in sys.stdin:
        cmd = line.strip()
        if cmd == "cut":
            relay.cut()
        elif cmd == "down":
            relay.refusing = True
            relay.cut()
        elif cmd == "up":
            relay.refusing = False
        elif cmd == "freeze":
            relay.frozen.set()
        elif cmd == "thaw":
            relay.frozen.clear()
        elif cmd == "quit":
            break
        print("OK %s" % cmd, flush=True)
    relay.cut()
    srv.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
