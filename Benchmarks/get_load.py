"""GET load: CLIENTS keep-alive connections requesting PATH as fast as answers come, for SECONDS.
Prints requests per second and latency percentiles (asyncio streams keep the client cheap).
    python3 Benchmarks/get_load.py HOST PORT PATH CLIENTS SECONDS"""
import asyncio
import sys
import time


async def read_response(reader):
    """One HTTP/1.1 response with a Content-Length body: (status, body)."""
    status_line = await reader.readline()
    length = 0
    while True:
        line = await reader.readline()
        if line in (b"\r\n", b""):
            break
        name, _, value = line.decode().partition(":")
        if name.lower() == "content-length":
            length = int(value)
    return int(status_line.split()[1]), await reader.readexactly(length)


async def client(host, port, path, deadline, latencies, failures):
    reader, writer = await asyncio.open_connection(host, port)
    request = f"GET {path} HTTP/1.1\r\nHost: {host}\r\n\r\n".encode()
    while time.monotonic() < deadline:
        started = time.perf_counter()
        writer.write(request)
        await writer.drain()
        status, _ = await read_response(reader)
        latencies.append(time.perf_counter() - started)
        if status != 200:
            failures.append(status)
    writer.close()


async def main():
    host, port, path, clients, seconds = sys.argv[1], int(sys.argv[2]), sys.argv[3], int(sys.argv[4]), float(sys.argv[5])
    latencies, failures = [], []
    started = time.monotonic()
    deadline = started + seconds
    await asyncio.gather(*(client(host, port, path, deadline, latencies, failures) for _ in range(clients)))
    elapsed = time.monotonic() - started
    latencies.sort()
    pick = lambda q: latencies[min(len(latencies) - 1, int(q * len(latencies)))] * 1000
    print(f"{path}: {len(latencies)} requests in {elapsed:.1f} s = {len(latencies) / elapsed:.0f} req/s; p50 {pick(0.50):.1f} ms, p99 {pick(0.99):.1f} ms; failed {len(failures)}")


if __name__ == "__main__":
    asyncio.run(main())
