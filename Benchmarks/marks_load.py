"""Mark submissions over HTTP: one keep-alive connection per juror, each saving its sheet again and
again onto the version it last saw, for a fixed time. Prints requests per second and latency
percentiles. Raw asyncio streams keep the client cheap next to the server on the same machine.
    python3 Benchmarks/marks_load.py HOST PORT targets.json SECONDS"""
import asyncio
import json
import sys
import time

from get_load import read_response


async def juror(host, port, target, deadline, latencies, failures):
    reader, writer = await asyncio.open_connection(host, port)
    version = 0
    mark = 0
    while time.monotonic() < deadline:
        mark = (mark + 1) % 11
        body = json.dumps({"marks": {"c": str(mark)}, "version": version}).encode()
        request = (f"PUT {target['path']} HTTP/1.1\r\nHost: {host}\r\nAuthorization: Bearer {target['token']}\r\n"
                   f"Content-Type: application/json\r\nContent-Length: {len(body)}\r\n\r\n").encode() + body
        started = time.perf_counter()
        writer.write(request)
        await writer.drain()
        status, payload = await read_response(reader)
        latencies.append(time.perf_counter() - started)
        if status != 200:
            failures.append(status)
            continue
        version = json.loads(payload)["version"]
    writer.close()


async def main():
    host, port, path, seconds = sys.argv[1], int(sys.argv[2]), sys.argv[3], float(sys.argv[4])
    targets = json.load(open(path))
    latencies, failures = [], []
    deadline = time.monotonic() + seconds
    started = time.monotonic()
    await asyncio.gather(*(juror(host, port, target, deadline, latencies, failures) for target in targets))
    elapsed = time.monotonic() - started
    latencies.sort()
    pick = lambda q: latencies[min(len(latencies) - 1, int(q * len(latencies)))] * 1000
    print(f"http: {len(latencies)} requests in {elapsed:.1f} s = {len(latencies) / elapsed:.0f} req/s; "
          f"p50 {pick(0.50):.1f} ms, p99 {pick(0.99):.1f} ms; failed {len(failures)}")


asyncio.run(main())
