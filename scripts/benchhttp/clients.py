"""Plain HTTP clients beside wrk: one timed request, a pass that warms the cache, slow clients
that hold connections open, and waiting until the workers are idle again."""

import asyncio
import http.client
import time


async def slow_client(host, port, stop, stats):
    """Open a connection, send a request line and then one header byte a second, forever;
    when the server closes (or resets) the connection, open another."""
    while not stop.is_set():
        writer = None
        try:
            reader, writer = await asyncio.open_connection(host, port)
        except OSError:
            stats["errors"] += 1
            await asyncio.sleep(0.2)
            continue
        stats["opened"] += 1
        try:
            writer.write(f"GET /en/ HTTP/1.1\r\nHost: {host}\r\nX-Slow: ".encode())
            await writer.drain()
            while not stop.is_set():
                try:
                    data = await asyncio.wait_for(reader.read(4096), timeout=1.0)
                except TimeoutError:
                    writer.write(b"a")
                    await writer.drain()
                    continue
                stats["closed by server"] += 1
                if data:
                    stats["answered"] += 1
                break
        except OSError:  # reset by the server
            stats["closed by server"] += 1
        finally:
            writer.close()


def warm_pass(host, port, paths, connections=8):
    """Each page requested once (eight at a time), so that the cache holds every one."""
    from concurrent.futures import ThreadPoolExecutor

    with ThreadPoolExecutor(connections) as pool:
        list(pool.map(lambda path: timed_get(host, port, path, 60), paths))


def timed_get(host, port, path, timeout):
    started = time.perf_counter()
    connection = http.client.HTTPConnection(host, port, timeout=timeout)
    try:
        connection.request("GET", path)
        response = connection.getresponse()
        response.read()
        status = response.status
    except OSError as error:
        status = type(error).__name__
    finally:
        connection.close()
    return time.perf_counter() - started, status


async def slow_clients_run(host, port, clients, seconds, probe_path, probe_timeout):
    stop = asyncio.Event()
    stats = {"opened": 0, "closed by server": 0, "answered": 0, "errors": 0}
    tasks = [asyncio.create_task(slow_client(host, port, stop, stats)) for _ in range(clients)]
    if clients:
        await asyncio.sleep(1.0)  # let them connect and start dribbling
    probes = []
    deadline = time.monotonic() + seconds
    n = 0
    while time.monotonic() < deadline:
        n += 1
        path = probe_path
        if n % 2:  # every other one a cache miss
            sep = "&" if "?" in probe_path else "?"
            path = f"{probe_path}{sep}nocache=slow-{time.time_ns()}-{n}"
        probes.append(await asyncio.to_thread(timed_get, host, port, path, probe_timeout))
        await asyncio.sleep(0.2)
    stop.set()
    await asyncio.gather(*tasks, return_exceptions=True)
    return stats, probes


def settle(host, port, path, limit=120):
    """Seconds until the workers are idle again (at most `limit`): no query running in the
    database (other than this one) and a page through gunicorn answering within 100 ms. A
    single fast answer is not enough: one free worker gives it while the others are still
    busy with abandoned requests."""
    from django.db import connection

    started = time.monotonic()
    while time.monotonic() - started < limit:
        busy = 0
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute(
                    "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database()"
                    " AND state = 'active' AND pid <> pg_backend_pid()"
                )
                busy = cursor.fetchone()[0]
        elapsed, _ = timed_get(host, port, path, limit)
        if not busy and elapsed < 0.1:
            break
        time.sleep(0.5)
    return time.monotonic() - started
